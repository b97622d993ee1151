"""One structural difference, one finding: BL003 names the values of a provision divided
differently, and BL401 does not report them again; an article whose structure matches
keeps its BL401 findings."""

from __future__ import annotations

from pathlib import Path

from bilint.engine import Settings, lint_paths

_NL = """Artikel 1

De regering stelt de volgende tarieven vast voor de jaren 2019, 2020, 2021, 2022 en 2023:

(1) een tarief van 120 euro voor de eerste aanvraag;

(2) een tarief van 240 euro voor de tweede aanvraag;

(3) een tarief van 360 euro voor de derde aanvraag;

(4) een tarief van 480 euro voor de vierde aanvraag.

Artikel 2

Deze wet treedt in werking op 1 januari 2022 en geldt voor 12 maanden.
"""

_FR = """Article 1

Le gouvernement fixe les tarifs suivants pour les années 2014, 2015, 2016, 2017 et 2018:

a) un tarif de 125 euros pour la première demande et un tarif de 245 euros pour la deuxième demande;

b) un tarif de 365 euros pour la troisième demande et un tarif de 485 euros pour la quatrième demande.

Article 2

La présente loi entre en vigueur le 1er janvier 2022 et vaut pour 18 mois.
"""


def _lint(tmp_path: Path, select: list[str]) -> list[str]:
    (tmp_path / "law.nl.md").write_text(_NL, encoding="utf-8")
    (tmp_path / "law.fr.md").write_text(_FR, encoding="utf-8")
    settings = Settings(select=select, layout="pair")
    _, found = lint_paths([str(tmp_path / "law.nl.md"), str(tmp_path / "law.fr.md")], settings)
    return [f"{d.span.line}:{d.code} {d.message}" for d in found]


def test_divided_article_is_one_finding_with_its_values(tmp_path: Path) -> None:
    found = _lint(tmp_path, ["BL003", "BL401"])
    article_1 = [f for f in found if f.startswith("1:")]
    assert len(article_1) == 1, found
    assert article_1[0].startswith("1:BL003 ") and "10 values differ too" in article_1[0]


def test_article_with_matching_structure_keeps_its_value_findings(tmp_path: Path) -> None:
    found = _lint(tmp_path, ["BL003", "BL401"])
    assert any(f.startswith("15:BL401 number 12") for f in found), found
