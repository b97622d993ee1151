"""Output formats with the real consumers' definitions: SARIF against the official 2.1.0
schema, JUnit parsed as XML, GitHub workflow commands as the runner reads them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from .conftest import EXAMPLE
from .helpers import BROKEN, CLEAN, run, write

SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def sarif_schema():
    if not SCHEMA.is_file():
        pytest.skip("../shared/schemas/sarif-schema-2.1.0.json is not present")
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def test_sarif_is_valid_and_both_version_findings_carry_the_counterpart(sarif_schema):
    result = run("check", "--format", "sarif", "--select", "BL101,BL201,BL301", str(EXAMPLE))
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, sarif_schema)
    run_ = report["runs"][0]
    results = run_["results"]
    order = next(r for r in results if r["ruleId"] == "BL201"
                 and r["locations"][0]["physicalLocation"]["region"]["startLine"] == 55)
    related = order["relatedLocations"]
    assert any(r["physicalLocation"]["region"]["startLine"] == 75 for r in related)
    numbering = next(r for r in results if r["ruleId"] == "BL101")
    assert numbering["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "l."
    assert run_["tool"]["driver"]["rules"][numbering["ruleIndex"]]["id"] == "BL101"
    assert all(r["partialFingerprints"] for r in results)


def test_sarif_of_a_clean_file_is_valid(sarif_schema, tmp_path):
    path = write(tmp_path / "clean.md", CLEAN)
    result = run("check", "--format", "sarif", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, sarif_schema)
    assert report["runs"][0]["results"] == []


def test_github_annotations(tmp_path):
    write(tmp_path / "a,b.md", BROKEN)
    result = run("check", "--format", "github", "a,b.md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=a%2Cb.md,line=11,col=1,endLine=11,endColumn=3,"
                                    "title=BL101 list-numbering::[fr] label 3.")


def test_auto_is_github_under_github_actions_and_text_when_piped(tmp_path):
    write(tmp_path / "b.md", BROKEN)
    assert run("check", "b.md", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"}).stdout.startswith("::error ")
    assert run("check", "b.md", cwd=tmp_path).stdout.startswith("b.md:11:1: BL101 [fr] ")


def test_junit_is_xml_with_one_failure_a_finding(tmp_path):
    write(tmp_path / "b.md", BROKEN)
    write(tmp_path / "c.md", CLEAN)
    result = run("check", "--format", "junit", "b.md", "c.md", cwd=tmp_path)
    assert result.returncode == 1
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites" and root.get("failures") == "1" and root.get("tests") == "2"
    suites = {suite.get("name"): suite for suite in root}
    failure = suites["b.md"].find("testcase/failure")
    assert failure.get("type") == "BL101" and "b.md:11:1" in failure.text
    assert suites["c.md"].find("testcase/failure") is None


def test_statistics_count_per_rule(tmp_path):
    write(tmp_path / "b.md", BROKEN)
    result = run("check", "--statistics", "b.md", "b.md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].split()[:3] == ["1", "BL101", "list-numbering"]
