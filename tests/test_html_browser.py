"""The HTML report in a real browser: headless Chromium (Debian's chromium + chromium-driver).

Skips, with the reason, when Selenium, Chromium or its driver is missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import browser
from tests.conftest import EXAMPLE, NetworkBlocked
from tests.helpers import run, write
from tests.test_html_report import HOSTILE_NAME, hostile_text

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """The suite's network guard, loopback excepted: Selenium drives chromedriver on 127.0.0.1."""
    import socket

    connect, connect_ex, getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def host(address) -> str:
        return address[0] if isinstance(address, tuple) else str(address)

    def guarded(real):
        def call(self, address, *args):
            if host(address) not in _LOOPBACK:
                raise NetworkBlocked(f"network access attempted during the test suite: {address!r}")
            return real(self, address, *args)
        return call

    def lookup(name, *args, **kwargs):
        if name not in _LOOPBACK:
            raise NetworkBlocked(f"network access attempted during the test suite: {name!r}")
        return getaddrinfo(name, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded(connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guarded(connect_ex))
    monkeypatch.setattr(socket, "getaddrinfo", lookup)


@pytest.fixture(scope="module")
def driver():
    reason = browser.missing()
    if reason:
        pytest.skip(reason)
    chromium = browser.start()
    yield chromium
    browser.stop(chromium)


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[Path, list[dict]]:
    folder = tmp_path_factory.mktemp("report")
    result = run("check", "--no-config", "--format", "html", str(EXAMPLE))
    assert result.returncode == 1, result.stderr
    page = write(folder / "example.html", result.stdout)
    expected = json.loads(run("check", "--no-config", "--format", "json", str(EXAMPLE)).stdout)["diagnostics"]
    return page, expected


def errors(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def open_page(driver, path: Path) -> None:
    driver.get_log("browser")   # drop what an earlier page logged
    driver.get(path.resolve().as_uri())


def test_the_example_loads_without_console_errors_and_highlights_every_finding(driver, example):
    page, expected = example
    open_page(driver, page)
    assert errors(driver) == []
    highlighted = driver.execute_script(
        "return new Set(Array.from(document.querySelectorAll('mark.f'), m => m.dataset.f)).size")
    assert highlighted == len(expected) == len(driver.find_elements("css selector", "mark.f.first"))
    assert driver.execute_script("return document.getElementById('shown').textContent") == str(len(expected))


def test_clicking_a_finding_in_the_list_scrolls_to_and_focuses_its_highlight(driver, example):
    page, expected = example
    open_page(driver, page)
    last = len(expected)
    driver.find_element("css selector", f'#findings li[data-f="{last}"] a.goto').click()
    assert driver.execute_script("return document.activeElement.id") == f"f{last}"
    assert driver.execute_script(
        "const r = document.activeElement.getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0")
    assert "current" in driver.find_element("id", f"f{last}").get_attribute("class")
    assert errors(driver) == []


def test_j_and_k_move_to_the_next_and_previous_finding(driver, example):
    page, _ = example
    open_page(driver, page)
    body = driver.find_element("tag name", "body")
    body.send_keys("j")
    assert driver.execute_script("return document.activeElement.id") == "f1"
    driver.switch_to.active_element.send_keys("n")
    assert driver.execute_script("return document.activeElement.id") == "f2"
    driver.switch_to.active_element.send_keys("k")
    assert driver.execute_script("return document.activeElement.id") == "f1"


def test_filters_hide_and_show_findings(driver, example):
    page, expected = example
    open_page(driver, page)
    warnings = [i for i, d in enumerate(expected, 1) if d["severity"] == "warning"]
    others = [i for i, d in enumerate(expected, 1) if d["severity"] != "warning"]
    assert warnings and others
    box = driver.find_element("css selector", '#filters input[name=severity][value=warning]')
    box.click()
    item = driver.find_element("css selector", f'#findings li[data-f="{warnings[0]}"]')
    assert not item.is_displayed()
    assert "off" in driver.find_element("id", f"f{warnings[0]}").get_attribute("class")
    assert driver.find_element("css selector", f'#findings li[data-f="{others[0]}"]').is_displayed()
    assert driver.execute_script("return document.getElementById('shown').textContent") == str(len(others))
    # next/previous skip what is hidden
    driver.find_element("tag name", "body").send_keys("j")
    assert driver.execute_script("return document.activeElement.id") == f"f{others[0]}"
    box.click()
    assert item.is_displayed()
    assert "off" not in driver.find_element("id", f"f{warnings[0]}").get_attribute("class")
    # by language and by rule too
    driver.find_element("css selector", '#filters input[name=lang][value=fr]').click()
    french = [i for i, d in enumerate(expected, 1) if d["lang"] == "fr"]
    assert not driver.find_element("css selector", f'#findings li[data-f="{french[0]}"]').is_displayed()
    driver.find_element("css selector", '#filters button[data-all=off]').click()
    assert driver.execute_script("return document.getElementById('shown').textContent") == "0"
    driver.find_element("css selector", '#filters button[data-all=on]').click()
    assert driver.execute_script("return document.getElementById('shown').textContent") == \
        str(len(expected) - len(french))


def test_a_findings_rule_documentation_is_in_the_page(driver, example):
    page, expected = example
    open_page(driver, page)
    link = driver.find_element("css selector", '#findings li[data-f="1"] a.doc')
    link.click()
    code = expected[0]["code"]
    assert driver.execute_script("return location.hash") == f"#rule-{code}"
    assert "Why" in driver.find_element("id", f"rule-{code}").text


def test_hostile_text_and_file_name_run_nothing(driver, tmp_path):
    source = write(tmp_path / HOSTILE_NAME, hostile_text())
    result = run("check", "--no-config", "--format", "html", str(source))
    assert result.returncode == 1, result.stderr
    page = write(tmp_path / "hostile.html", result.stdout)
    open_page(driver, page)
    assert driver.title.startswith("bilint report")
    assert driver.find_elements("css selector", "img, iframe, object, embed") == []
    assert len(driver.find_elements("css selector", "script")) == 1
    assert driver.find_elements("css selector", "a[href^='javascript'], [onerror], [onclick]") == []
    text = driver.find_element("tag name", "main").text
    assert "<script>document.title='pwned'</script>" in text and "javascript:alert(1)" in text
    assert HOSTILE_NAME in driver.find_element("tag name", "h1").text
    # the report's own script ran (its hash is in the policy) and nothing else was refused
    assert driver.execute_script("return document.documentElement.classList.contains('js')")
    assert errors(driver) == []


def test_a_browser_that_is_not_there_is_a_skip_reason(monkeypatch):
    monkeypatch.setattr(browser, "CHROMIUM", "/nonexistent/chromium")
    assert browser.missing() == "chromium is not installed (apt-get install chromium chromium-driver)"


def test_it_prints_as_an_a4_landscape_dossier_with_numbered_notes(driver, example):
    import re
    import shutil
    import subprocess

    page, expected = example
    open_page(driver, page)
    pdf = browser.print_to_pdf(driver)
    boxes = {tuple(round(float(v)) for v in box) for box in
             re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)}
    assert boxes == {(842, 595)}   # A4 landscape in points, every page
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                              check=True).stdout.decode("utf-8")
        assert "Findings (" not in text          # the screen's list and filters are not printed
        first = expected[0]
        assert f"{first['code']} {first['severity']} ({first['lang']})" in text   # its margin note
