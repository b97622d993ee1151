"""How long the HTML report takes to open in a browser, and its screenshots.

    python bench/html_report.py                 # the Criminal Code pair (../shared/corpus)
    python bench/html_report.py --runs 5 FILE…  # any text
    python bench/html_report.py --artefacts     # the example's screenshots in tests/artefacts/

Opening is measured in headless Chromium (Debian's chromium + chromium-driver, through
Selenium) from navigation start: the DOM parsed (DOMContentLoaded), the load event (the
report's script has run by then) and the wall time of the driver's ``get``. Each run is
a fresh navigation of a new tab; the median is printed. Writing the report (linting)
is timed apart: it is not part of opening.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import browser  # noqa: E402

CORPUS = next((p for p in (ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")) if p.is_dir()), None)
EXAMPLE = ROOT / "examples" / "benelux-2021-drugs.md"
ARTEFACTS = ROOT / "tests" / "artefacts"


def write_report(paths: list[str], out: Path) -> float:
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as stream:
        result = subprocess.run([sys.executable, "-m", "bilint", "check", "--no-config", "--format", "html", *paths],
                                stdout=stream, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    if result.returncode not in (0, 1):
        raise SystemExit(f"bilint failed: {result.stderr.strip()}")
    return time.perf_counter() - start


def measure(page: Path, runs: int) -> dict[str, list[float]]:
    driver = browser.start()
    times: dict[str, list[float]] = {"first paint": [], "DOMContentLoaded": [], "load event": [],
                                     "script done": [], "laid out, painted": [], "driver.get": [],
                                     "renderer busy (CPU tasks)": []}
    try:
        for _ in range(runs):
            driver.switch_to.new_window("tab")
            driver.execute_cdp_cmd("Performance.enable", {})
            start = time.perf_counter()
            driver.get(page.resolve().as_uri())
            times["driver.get"].append(time.perf_counter() - start)
            # the first frame after the load event: the page is laid out and shown
            painted = driver.execute_async_script(
                "const done = arguments[0];"
                "requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())));")
            times["laid out, painted"].append(painted / 1000)
            metrics = driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]
            times["renderer busy (CPU tasks)"].append(next(m["value"] for m in metrics if m["name"] == "TaskDuration"))
            timing = driver.execute_script(
                "const t = performance.getEntriesByType('navigation')[0];"
                "const p = performance.getEntriesByName('first-contentful-paint')[0];"
                "const s = performance.getEntriesByName('bilint-ready')[0];"
                "return [p ? p.startTime : NaN, t.domContentLoadedEventEnd, t.loadEventEnd, s ? s.startTime : NaN];")
            for name, value in zip(("first paint", "DOMContentLoaded", "load event", "script done"), timing):
                times[name].append(value / 1000)
            severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            if severe:
                raise SystemExit(f"console errors: {severe}")
            findings = driver.execute_script("return document.querySelectorAll('mark.f.first').length")
            driver.close()
            driver.switch_to.window(driver.window_handles[0])
    finally:
        browser.stop(driver)
    times["highlighted findings"] = [findings]
    return times


def artefacts() -> None:
    """The example's report at 1400 px and its first printed pages, as small PNGs."""
    ARTEFACTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "example.html"
        write_report([str(EXAMPLE.relative_to(ROOT))], page)
        driver = browser.start(1400, 900)
        try:
            driver.get(page.resolve().as_uri())
            driver.save_screenshot(str(ARTEFACTS / "html-report-1400.png"))
            # a finding chosen from the list: its highlight focused, its related span shown
            driver.find_element("css selector", '#findings li[data-f="14"] a.goto').click()
            driver.save_screenshot(str(ARTEFACTS / "html-report-finding.png"))
            pdf = Path(folder) / "print.pdf"
            pdf.write_bytes(browser.print_to_pdf(driver))
        finally:
            browser.stop(driver)
        for number in (1, 4):
            target = ARTEFACTS / f"html-report-print-{number}"
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(number), "-l", str(number), "-singlefile",
                            str(pdf), str(target)], check=True)
    for name in sorted(os.listdir(ARTEFACTS)):
        print(f"{ARTEFACTS / name}: {(ARTEFACTS / name).stat().st_size // 1024} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="texts to report on (default: the Criminal Code pair)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--artefacts", action="store_true", help="write the example's screenshots and stop")
    args = parser.parse_args()
    reason = browser.missing()
    if reason:
        raise SystemExit(reason)
    if args.artefacts:
        artefacts()
        return
    paths = args.paths
    if not paths:
        if CORPUS is None:
            raise SystemExit("../shared/corpus is not present; give the texts to measure")
        folder = CORPUS / "be-strafwetboek"
        paths = [str(folder / "strafwetboek.nl.html"), str(folder / "strafwetboek.fr.html")]
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        seconds = write_report(paths, page)
        size = page.stat().st_size
        times = measure(page, args.runs)
    print(f"report: {' + '.join(Path(p).name for p in paths)}: {size / 1e6:.1f} MB, written in {seconds:.1f} s")
    print(f"highlighted findings: {times.pop('highlighted findings')[0]}")
    for name, values in times.items():
        print(f"{name:>26}: median {statistics.median(values):.2f} s "
              f"(min {min(values):.2f}, max {max(values):.2f}, {len(values)} runs)")


if __name__ == "__main__":
    main()
