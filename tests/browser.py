"""Headless Chromium through Selenium, for the HTML report's tests and bench/html_report.py.

Debian's ``chromium`` and ``chromium-driver`` packages; ``missing()`` says why a browser
cannot be started here, so that a test skips with that reason.
"""

from __future__ import annotations

import os
import shutil
import tempfile

CHROMIUM = os.environ.get("BILINT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = os.environ.get("BILINT_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run")


def missing() -> str | None:
    """Why no browser can be started, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    for name, path in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            return f"{name} is not installed (apt-get install chromium chromium-driver)"
    return None


def start(width: int = 1400, height: int = 1000):
    """A fresh headless Chromium (its own profile folder) that records the console."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="bilint-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.bilint_profile = profile
    return driver


def stop(driver) -> None:
    profile = getattr(driver, "bilint_profile", None)
    try:
        driver.quit()
    finally:
        if profile:
            shutil.rmtree(profile, ignore_errors=True)


def print_to_pdf(driver) -> bytes:
    """The page as Chromium prints it (its own @page size: A4 landscape for the report)."""
    import base64

    result = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    return base64.b64decode(result["data"])
