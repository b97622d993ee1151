"""Small texts and a runner of the real ``bilint`` command, shared by the workflow tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

NL = ("Gelet op:\n\n1. de aanbeveling over de samenwerking tussen de politiediensten van de lidstaten;\n\n"
      "2. het jaarplan van de Benelux waarin verwijzingen staan naar gezamenlijke projecten;\n")
FR = ("Vu:\n\n1. la recommandation sur la coopération entre les services de police des États membres;\n\n"
      "2. le plan annuel du Benelux qui comporte des références à des projets communs;\n")
FR_BROKEN = FR.replace("2. le plan", "3. le plan")      # BL101 at fr line 5
CLEAN = NL + "\n" + FR                                    # sectioned: one version, then the other
BROKEN = NL + "\n" + FR_BROKEN                            # BL101 at line 11


def run(*args: str, cwd: Path | str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "bilint", *args], capture_output=True, text=True,
                          cwd=cwd, env=environment, timeout=300)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
TYPO_TEXT = BROKEN.replace("samenwerking", "samenwerkking")   # BL301 at 3, BL101 at 11
