"""Real editors, headless, set up with the README's snippets, against the real ``bilint server``.

Neovim (``nvim --headless``) and Emacs (``emacs --batch`` with eglot) open the example,
and the test checks that bilint's diagnostics arrive in the editor's own diagnostic
store (``vim.diagnostic``, Flymake) at the right characters, and that they follow an
edit made in the editor (its own incremental ``didChange``). The setup code is read from
the README's "In the editor" section, so a snippet that stops working fails here. In
Neovim the typo's hover is asked for, and its quick fix applied with Neovim's own code. A
missing editor skips, saying which Debian package brings it.

The editors find ``bilint`` on the PATH, as the snippets say; here that is a small
script running this Python with the test suite's no-network guard.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, NO_NETWORK_BOOT

pytest.importorskip("pygls")

pytestmark = pytest.mark.timeout(400)
ROOT = Path(__file__).resolve().parents[1]
WAIT = 120          # seconds an editor waits for diagnostics (a busy machine's cold start is ~10 s)
TYPO = "stabilitet"  # the example's Dutch typo (BL301: 'stabiliteit')
NL = """# Artikel 1

1. De Minister stelt de regels vast.
2. De Koning bepaalt de dataum van inwerkingtreding.
3. Deze wet treedt in werking op 1 januari 2022.
"""
FR = """# Article 1

1. Le Ministre fixe les règles.
2. Le Roi fixe la date d'entrée en vigueur.
3. La présente loi entre en vigueur le 1er janvier 2023.
"""


def _section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## In the editor")
    end = readme.find("\n## ", start + 1)
    return readme[start:end if end > 0 else None]


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", _section(), flags=re.S)


def _workspace(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The example and its configuration copied into a folder; a ``bilint`` command on a PATH."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    for name in ("benelux-2021-drugs.md", "bilint.toml", "words.txt"):
        shutil.copy(EXAMPLE.parent / name, folder / name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    command = bin_dir / "bilint"
    command.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -c {shlex.quote(NO_NETWORK_BOOT)} "$@"\n',
                       encoding="utf-8")
    command.chmod(command.stat().st_mode | stat.S_IXUSR)
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "HOME": str(home),
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share"),
           "XDG_STATE_HOME": str(home / ".local/state"), "XDG_CACHE_HOME": str(home / ".cache")}
    return folder, env


def _typo_position(text: str) -> tuple[int, int, int]:
    """Line (0-based), byte column and character offset of the typo, counted here independently."""
    offset = text.index(TYPO)
    line = text.count("\n", 0, offset)
    column = len(text[text.rfind("\n", 0, offset) + 1:offset].encode("utf-8"))
    return line, column, offset


def _run(command: list[str], folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    process = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True,
                             timeout=3 * WAIT, stdin=subprocess.DEVNULL)
    assert "Traceback" not in process.stderr, process.stderr
    return process


def _result(folder: Path, process: subprocess.CompletedProcess) -> dict:
    result = folder / "result.json"
    assert result.exists(), f"the editor wrote no result:\n{process.stdout}\n{process.stderr}"
    return json.loads(result.read_text(encoding="utf-8"))


# -- Neovim ------------------------------------------------------------------------------------

def _nvim_version(nvim: str) -> tuple[int, int]:
    first = subprocess.run([nvim, "--version"], capture_output=True, text=True, timeout=60).stdout.splitlines()[0]
    major, minor = re.search(r"v(\d+)\.(\d+)", first).groups()
    return int(major), int(minor)


def _nvim_snippet(version: tuple[int, int]) -> str:
    """The README's snippet for this Neovim: ``vim.lsp.start`` with ``vim.fs.root`` from 0.10 on,
    ``vim.lsp.start_client`` before (Debian 12 ships 0.7)."""
    wanted = "vim.fs.root" if version >= (0, 10) else "vim.lsp.start_client"
    found = [block for block in _blocks("lua") if wanted in block and "lspconfig" not in block]
    assert found, f"the README has no Neovim snippet using {wanted} (for Neovim {version[0]}.{version[1]})"
    return found[0]


NVIM_CHECK = """
local function all()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(nil)) do
    table.insert(out, { file = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(d.bufnr), ":t"),
                        line = d.lnum, col = d.col, end_col = d.end_col, code = d.code,
                        message = d.message })
  end
  return out
end
local function has(predicate)
  for _, d in ipairs(all()) do if predicate(d) then return true end end
  return false
end
local result = {}
result.arrived = vim.wait(%(wait)d * 1000, function()
  return has(function(d) return d.code == "BL301" end)
end, 50)
result.first = all()
-- ask for the code actions at the typo and apply the fix with Neovim's own code: the
-- edit changes the buffer, and Neovim sends its own incremental change
local client = (vim.lsp.get_clients or vim.lsp.get_active_clients)()[1]
-- the columns count what the client and server agreed on (Neovim 0.11 offers UTF-8 first)
local encoding = client.offset_encoding
local here = { line = %(line)d, character = encoding == "utf-8" and %(col)d or %(utf16)d }
result.encoding = encoding
local hovers = vim.lsp.buf_request_sync(0, "textDocument/hover", {
  textDocument = { uri = vim.uri_from_bufnr(0) }, position = here }, %(wait)d * 1000) or {}
result.hover = ""
for _, answer in pairs(hovers) do
  if answer.result then result.hover = answer.result.contents.value end
end
local answers = vim.lsp.buf_request_sync(0, "textDocument/codeAction", {
  textDocument = { uri = vim.uri_from_bufnr(0) }, range = { start = here, ["end"] = here },
  context = { diagnostics = {} } }, %(wait)d * 1000) or {}
result.titles = {}
for _, answer in pairs(answers) do
  for _, action in ipairs(answer.result or {}) do
    table.insert(result.titles, action.title)
    if action.edit and action.title:find("%(fixed)s", 1, true) then
      vim.lsp.util.apply_workspace_edit(action.edit, encoding)
    end
  end
end
result.line = vim.api.nvim_buf_get_lines(0, %(line)d, %(line)d + 1, true)[1]
result.cleared = vim.wait(%(wait)d * 1000, function()
  return not has(function(d) return d.code == "BL301" and d.line == %(line)d and d.col == %(col)d end)
end, 50)
result.after = all()
vim.fn.writefile({ vim.fn.json_encode(result) }, "result.json")
vim.cmd("qa!")
"""


def test_neovim_shows_the_diagnostics_with_the_readme_setup(tmp_path):
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("Neovim is not installed (Debian: apt-get install neovim)")
    snippet = _nvim_snippet(_nvim_version(nvim))
    folder, env = _workspace(tmp_path)
    text = (folder / "benelux-2021-drugs.md").read_text(encoding="utf-8")
    line, column, _ = _typo_position(text)
    (folder / "init.lua").write_text(snippet, encoding="utf-8")
    utf16 = len(text.splitlines()[line].encode("utf-8")[:column].decode("utf-8").encode("utf-16-le")) // 2
    (folder / "check.lua").write_text(NVIM_CHECK % {"wait": WAIT, "line": line, "col": column, "utf16": utf16,
                                                    "fixed": "stabiliteit"}, encoding="utf-8")
    process = _run([nvim, "--headless", "-i", "NONE", "-u", "init.lua", "-c", "luafile check.lua",
                    "benelux-2021-drugs.md"], folder, env)
    result = _result(folder, process)
    assert result["arrived"], f"no diagnostics reached Neovim:\n{process.stderr}"
    typos = [d for d in result["first"] if d["code"] == "BL301" and d["line"] == line]
    assert typos, result["first"]
    [typo] = [d for d in typos if d["col"] == column]
    source_line = text.splitlines()[line].encode("utf-8")
    assert source_line[typo["col"]:typo["end_col"]].decode("utf-8") == TYPO
    assert "stabiliteit" in typo["message"]
    assert all(d["file"] == "benelux-2021-drugs.md" for d in result["first"])
    assert len(result["first"]) > 5   # the example's other findings came too
    assert result["hover"].startswith("**BL301 spelling**")   # the rule's documentation
    assert any("stabiliteit" in title for title in result["titles"]), result["titles"]
    assert any(title.startswith("Disable BL301") for title in result["titles"]), result["titles"]
    assert result["line"] == text.splitlines()[line].replace(TYPO, "stabiliteit", 1)   # the fix, applied
    assert result["cleared"], "the typo's diagnostic stayed after the fix"
    assert {d["code"] for d in result["after"]} >= {d["code"] for d in result["first"]} - {"BL301"}


NVIM_PAIR_CHECK = """
local function all()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(nil)) do
    table.insert(out, { file = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(d.bufnr), ":t"),
                        line = d.lnum, col = d.col, code = d.code })
  end
  return out
end
local result = {}
result.arrived = vim.wait(%(wait)d * 1000, function()
  for _, d in ipairs(all()) do if d.file == "wet.fr.md" then return true end end
  return false
end, 50)
vim.wait(500)   -- the Dutch file's diagnostics come in the same breath
result.found = all()
vim.fn.writefile({ vim.fn.json_encode(result) }, "result.json")
vim.cmd("qa!")
"""


def test_neovim_editing_one_version_shows_the_other_versions_diagnostics(tmp_path):
    """Only wet.nl.md is open; its pair wet.fr.md is read from disk, and the finding that
    concerns both (a date that differs) reaches Neovim for both files."""
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("Neovim is not installed (Debian: apt-get install neovim)")
    snippet = _nvim_snippet(_nvim_version(nvim))
    folder, env = _workspace(tmp_path)
    (folder / "wet.nl.md").write_text(NL, encoding="utf-8")
    (folder / "wet.fr.md").write_text(FR, encoding="utf-8")
    (folder / "init.lua").write_text(snippet, encoding="utf-8")
    (folder / "check.lua").write_text(NVIM_PAIR_CHECK % {"wait": WAIT}, encoding="utf-8")
    process = _run([nvim, "--headless", "-i", "NONE", "-u", "init.lua", "-c", "luafile check.lua", "wet.nl.md"],
                   folder, env)
    result = _result(folder, process)
    assert result["arrived"], f"no diagnostics for the other version reached Neovim:\n{process.stderr}"
    found = {(d["file"], d["code"], d["line"]) for d in result["found"]}
    assert ("wet.fr.md", "BL401", 4) in found and ("wet.nl.md", "BL401", 4) in found   # 2022 / 2023
    assert ("wet.nl.md", "BL301", 3) in found                                          # 'dataum'
    assert not {file for file, _, _ in found} - {"wet.nl.md", "wet.fr.md"}


# -- Emacs -------------------------------------------------------------------------------------

EMACS_CHECK = """
(require 'eglot)
(require 'json)
(find-file "benelux-2021-drugs.md")
(text-mode)
(call-interactively #'eglot)
(defun bilint-test-found ()
  (mapcar (lambda (d)
            (list (cons 'text (flymake-diagnostic-text d))
                  (cons 'flagged (buffer-substring-no-properties (flymake-diagnostic-beg d)
                                                                 (flymake-diagnostic-end d)))
                  (cons 'beg (1- (flymake-diagnostic-beg d)))))
          (flymake-diagnostics)))
(defun bilint-test-wait (predicate)
  (let ((deadline (+ (float-time) %(wait)d)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))
(defun bilint-test-typo-p ()
  (seq-some (lambda (d) (string-match-p "BL301" (alist-get 'text d))) (bilint-test-found)))
(let (arrived first cleared after)
  (setq arrived (bilint-test-wait #'bilint-test-typo-p))
  (setq first (bilint-test-found))
  ;; correct the typo: eglot sends its own incremental change
  (goto-char (point-min))
  (search-forward "%(typo)s")
  (replace-match "%(fixed)s" t t)
  ;; eglot sends it from an idle timer, and a batch Emacs is never idle
  (eglot--signal-textDocument/didChange)
  (setq cleared (bilint-test-wait
                 (lambda () (not (seq-some (lambda (d) (= (alist-get 'beg d) %(offset)d)) (bilint-test-found))))))
  (setq after (bilint-test-found))
  (let ((result (json-encode (list (cons 'arrived (if arrived t :json-false))
                                   (cons 'first (vconcat first))
                                   (cons 'cleared (if cleared t :json-false))
                                   (cons 'after (vconcat after))))))
    (with-temp-file "result.json" (insert result))))
(kill-emacs 0)
"""


def test_emacs_eglot_shows_the_diagnostics_with_the_readme_setup(tmp_path):
    emacs = shutil.which("emacs")
    if emacs is None:
        pytest.skip("Emacs is not installed (Debian: apt-get install emacs-nox)")
    probe = subprocess.run([emacs, "--batch", "--eval", "(princ (if (require 'eglot nil t) \"yes\" \"no\"))"],
                           capture_output=True, text=True, timeout=WAIT)
    if probe.stdout.strip() != "yes":
        pytest.skip("this Emacs has no eglot (built in from Emacs 29; Debian 12: apt-get install elpa-eglot)")
    [snippet] = [block for block in _blocks("elisp") if "eglot-server-programs" in block]
    folder, env = _workspace(tmp_path)
    text = (folder / "benelux-2021-drugs.md").read_text(encoding="utf-8")
    _, _, offset = _typo_position(text)
    (folder / "init.el").write_text(snippet, encoding="utf-8")
    (folder / "check.el").write_text(EMACS_CHECK % {"wait": WAIT, "typo": TYPO, "fixed": "stabiliteit",
                                                    "offset": offset}, encoding="utf-8")
    process = _run([emacs, "--batch", "-l", "init.el", "-l", "check.el"], folder, env)
    result = _result(folder, process)
    assert result["arrived"], f"no diagnostics reached Emacs:\n{process.stderr}"
    typos = [d for d in result["first"] if "BL301" in d["text"] and d["beg"] == offset]
    assert [d["flagged"] for d in typos] == [TYPO], result["first"]
    assert "stabiliteit" in typos[0]["text"]
    assert len(result["first"]) > 5
    assert result["cleared"], "the typo's diagnostic stayed after the edit"
    assert len(result["after"]) >= len(result["first"]) - 1
