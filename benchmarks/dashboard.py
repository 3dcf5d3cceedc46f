"""Time from a lever change to the page's content, in a warm process.

    python benchmarks/dashboard.py [--repeats 20] [--page] [--browser]

Each step moves the car sales growth lever to a value not seen before (so the run is not kept
from before) and computes what the page shows: the run, the headline sentences, the key
figures and the charts' tables; the downloads, made when clicked, are timed apart. ``--page``
also times Streamlit's own rerun of the page (AppTest, without a browser); ``--browser`` the
whole way in headless Chromium, from a key press on the slider to the new figure on the page.
Medians, against one warm scenario run in the same process, since machines here are noisy.
"""

from __future__ import annotations

import argparse
import statistics
import time

from motorisasi.outputs import dashboard as d
from motorisasi.scenario.run import run
from motorisasi.scenario.schema import load_scenario


def content(sc, growth: float) -> None:
    moved, ds = d.run_with(sc, {"cars_sales_growth": growth})
    d.ownership_at(ds)
    d.headline(ds, moved, 150.0, 2030, "en")
    d.key_figures(ds, "en")
    d.ownership_chart(ds, 150.0, "en")
    d.sales_chart(ds, "en")
    d.co2_chart(ds, "en")


def downloads(sc, growth: float) -> None:
    moved, ds = d.run_with(sc, {"cars_sales_growth": growth})
    d.results_csv(ds)
    d.scenario_yaml(moved, ds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--page", action="store_true", help="also Streamlit's rerun of the page")
    parser.add_argument(
        "--browser", action="store_true", help="also a lever moved in headless Chromium, to the new figure"
    )
    args = parser.parse_args()
    sc = load_scenario("baseline")
    content(sc, 0.0)  # warm: imports, data, the segments' past, the gap of this lifetime
    run(sc)
    single = statistics.median(_timed(lambda: run(sc)) for _ in range(args.repeats))
    values = [0.5 + 0.5 * i for i in range(args.repeats)]
    lever = statistics.median(_timed(lambda v=v: content(sc, v)) for v in values)
    print(f"{'what':50} {'median ms':>10}")
    print(f"{'one warm run of the baseline':50} {1000 * single:10.1f}")
    print(f"{'a lever moved: run + everything the page shows':50} {1000 * lever:10.1f}")
    made = statistics.median(_timed(lambda v=v: downloads(sc, v)) for v in values)
    print(f"{'the two downloads of a run (when asked for)':50} {1000 * made:10.1f}")
    if args.page:
        from streamlit.testing.v1 import AppTest

        from motorisasi.outputs.cli_dashboard import APP

        page = AppTest.from_file(str(APP), default_timeout=120).run()
        slider = d.lever_key(sc, "cars_sales_growth")
        times = [_timed(lambda v=v: page.slider(key=slider).set_value(-v).run()) for v in values]
        rerun = statistics.median(times)
        print(f"{'the same in Streamlit (AppTest rerun, no browser)':50} {1000 * rerun:10.1f}")

    if args.browser:
        browser = _in_browser(args.repeats)
        print(f"{'in Chromium: a key on the slider to the new figure':50} {1000 * browser:10.1f}")


def _in_browser(repeats: int) -> float:
    """Median time from a key press on the car sales growth slider to the 2030 figure showing
    the new run, in headless Chromium on a served page (each step a value not seen before)."""
    import shutil
    import socket
    import subprocess
    import sys
    import urllib.request

    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "motorisasi", "dashboard", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}")
            metric = page.get_by_test_id("stMetricValue").first
            metric.wait_for(timeout=60_000)
            page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=60_000)
            thumb = page.get_by_role("slider").first
            times = []
            for _ in range(repeats):
                before = metric.inner_text()
                start = time.perf_counter()
                thumb.press("ArrowRight")
                page.wait_for_function(
                    "([el, old]) => el.innerText !== old", arg=[metric.element_handle(), before], polling=5
                )
                times.append(time.perf_counter() - start)
                page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=60_000)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return statistics.median(times)


def _timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
