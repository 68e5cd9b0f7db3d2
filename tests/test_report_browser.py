"""The report book opened from disk in a real headless Chromium (Debian's chromium + chromium-driver).

For every language page: every image loads (natural width > 0), the console shows no error, each
language-switcher link opens the page in that language, every figure of figures/index.csv is on
the page once, and a screenshot of the first screen is saved under the test's temporary folder
(``<basetemp>/report_screenshots/<lang>.png``, a CI artefact).  Skips with the reason when
Chromium, its driver or selenium is absent; CI installs them (``.ci/run``), and with ``CI`` set a
missing browser fails the test instead.
"""

from __future__ import annotations

import csv
import os
import shutil

import pytest

from kosovo_hr.report import book_langs
from kosovo_hr.report.labels import HTML_LANG

CHROMIUM = os.environ.get("KOSOVO_HR_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = os.environ.get("KOSOVO_HR_CHROMEDRIVER") or shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM or not CHROMEDRIVER:
        why = "needs Chromium and its driver from the distribution (apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):  # .ci/run installs them: in CI this test never skips
            pytest.fail(why)
        pytest.skip(why)
    webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install -e '.[test]')")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # an explicit driver path: selenium never looks for (or downloads) a driver of its own
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    from test_report import build_book  # the same book as tests/test_report.py, built once per session

    return build_book(tmp_path_factory)


def _errors(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def _open(driver, path):
    driver.get(path.resolve().as_uri())
    driver.execute_script("return document.readyState")  # get() returns after the load event
    return _errors(driver)


@pytest.mark.parametrize("lang", book_langs())
def test_page_in_the_browser(browser, book, lang, tmp_path_factory):
    page = book["out"] / lang / "index.html"
    errors = _open(browser, page)
    assert errors == [], errors
    assert browser.execute_script("return document.documentElement.lang") == HTML_LANG[lang]

    shots = tmp_path_factory.getbasetemp() / "report_screenshots"
    shots.mkdir(exist_ok=True)
    shot = shots / f"{lang}.png"
    browser.save_screenshot(str(shot))  # the first screen, as a reader sees it
    assert shot.stat().st_size > 10_000

    images = browser.execute_script(
        "return Array.from(document.images).map(i => [i.getAttribute('src'), i.complete, i.naturalWidth]);"
    )
    assert len(images) >= 18
    broken = [src for src, complete, width in images if not complete or width <= 0]
    assert broken == [], broken

    with (book["figures"] / "index.csv").open(encoding="utf-8") as f:
        names = sorted({r["figure"] for r in csv.DictReader(f) if r["lang"] == lang})
    counts = browser.execute_script(
        "const c = {}; document.querySelectorAll('article[data-figure]').forEach("
        "a => { c[a.dataset.figure] = (c[a.dataset.figure] || 0) + 1; }); return c;"
    )
    assert counts == {n: 1 for n in names}

    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('a.lang-switch')).map(a => [a.dataset.lang, a.href]);"
    )
    assert sorted(l for l, _ in links) == sorted(o for o in book_langs() if o != lang)
    for other, href in links:
        browser.get(href)
        assert browser.execute_script("return document.documentElement.lang") == HTML_LANG[other], href
        assert browser.execute_script("return document.querySelectorAll('article[data-figure]').length") == len(names)
        assert _errors(browser) == []
