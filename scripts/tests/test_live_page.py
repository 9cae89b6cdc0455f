"""The live page (`entente serve`, `entente run --serve`) in a real headless Chromium,
Debian's chromium and chromium-driver: on a finished europe-1914 run, on one still
running (the cluster engine, one state slowed), on a log with a malformed middle line
and a torn last line, and on a sweep as its runs finish. What the page shows is read
from its DOM and compared with the run's own summary.json, events.jsonl and states.csv.
Screenshots of the first and last rounds go to .build/live-screenshots/."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

ENTENTE = os.environ["ENTENTE"]
REPO = Path(__file__).resolve().parents[2]
EUROPE = REPO / "scenarios" / "europe-1914.yaml"
SHOTS = REPO / ".build" / "live-screenshots"
EUROPE_DIGEST = "4c5499431fec70a997ea4afd2c35efc5edb1c8bc8bb112de1704689a1e64b0b7"

# What the page exposes, read in one call: counters, network, feed and threat table.
READ_PAGE = """
const value = (id) => document.getElementById(id).dataset.value;
const net = document.getElementById('network'), feed = document.getElementById('feed');
const rows = Array.from(document.querySelectorAll('#threats tbody tr[data-perceived]'));
return {
  status: value('status'), round: Number(document.body.dataset.round),
  completed: Number(document.body.dataset.completed),
  decisions: Number(value('c-decisions')), balance: Number(value('c-balance')),
  misperceived: Number(value('c-misperceived')), wars: Number(value('c-wars')),
  eliminated: Number(value('c-eliminated')), absences: Number(value('c-absences')),
  rejected: Number(value('c-rejected')), unreadable: Number(value('c-malformed')),
  networkRound: Number(net.dataset.round), alliances: net.dataset.alliances, sides: Number(net.dataset.sides),
  crossed: Array.from(net.querySelectorAll('g[data-status=eliminated]')).map(g => g.dataset.state).sort(),
  feedRound: Number(feed.dataset.round),
  feedDecisions: feed.querySelectorAll('li[data-kind=decision]').length,
  feedAlignments: feed.querySelectorAll('li[data-kind=alignment]').length,
  feedWorld: feed.querySelectorAll('li[data-kind=world]').length,
  threats: Object.fromEntries(rows.map(r => [r.dataset.state, [r.dataset.perceived, r.dataset.true]])),
  problems: Array.from(document.querySelectorAll('#problems li')).map(li => li.textContent),
};
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    for program in ("/usr/bin/chromium", "/usr/bin/chromedriver"):
        assert Path(program).exists(), f"{program} is missing: scripts/install-deps.sh browser installs it"
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1500"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def read_page(driver: WebDriver) -> dict[str, Any]:
    result: dict[str, Any] = driver.execute_script(READ_PAGE)
    return result


def wait(driver: WebDriver, until: Callable[[dict[str, Any]], bool], seconds: float = 60) -> dict[str, Any]:
    """Reads the page until `until` holds; fails with what it showed last."""
    deadline = time.monotonic() + seconds
    while True:
        page = read_page(driver)
        if until(page):
            return page
        assert time.monotonic() < deadline, f"the page did not get there; it shows {page}"
        time.sleep(0.1)


def events(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (folder / "events.jsonl").read_text().splitlines()]


def expected(folder: Path) -> dict[str, Any]:
    """What the page must show at the last round, from the run's own files."""
    summary = json.loads((folder / "summary.json").read_text())
    log = events(folder)
    last = summary["rounds_completed"]
    final = next(e for e in log if e["type"] == "final")
    panel = [line.split(",") for line in (folder / "states.csv").read_text().splitlines()]
    columns = panel[0]
    threats = {r[0]: [r[columns.index("perceived_threat")], r[columns.index("true_threat")]]
               for r in panel[1:] if int(r[1]) == last and r[columns.index("alive")] == "TRUE"}
    return {
        "status": "finished", "round": last, "completed": last,
        "decisions": summary["decisions"], "balance": round(summary["shares"]["perceived"]["balance"], 4),
        "misperceived": summary["misperceived"], "wars": summary["wars_started"],
        "eliminated": len(summary["eliminated"]), "absences": len(summary["absent"]),
        "rejected": sum(e["count"] for e in log if e["type"] == "rejected"),
        "networkRound": last, "sides": summary["side_count"],
        "alliances": " ".join(sorted("-".join(a["members"]) for a in final["alliances"])),
        "crossed": sorted(summary["eliminated"]), "feedRound": last,
        "feedDecisions": sum(e["type"] == "decision" and e["round"] == last for e in log),
        "feedAlignments": sum(e["type"] == "alignment" and e["round"] == last for e in log),
        "threats": threats,
    }


def assert_matches(page: dict[str, Any], folder: Path) -> None:
    want = expected(folder)
    assert {k: page[k] for k in want} == want


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`entente serve FOLDER --port 0`: yields the address it prints; Ctrl-C at the end."""
    server = subprocess.Popen([ENTENTE, "serve", str(folder), "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert line.startswith("watch at http://127.0.0.1:"), line
        yield line.split()[2]
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=10) == 0


def run_reference(out: Path) -> Path:
    subprocess.run([ENTENTE, "run", str(EUROPE), "--engine", "reference", "--out", str(out)],
                   check=True, capture_output=True)
    return out


def set_round(driver: WebDriver, n: int) -> None:
    driver.execute_script("const s = document.getElementById('slider'); s.value = arguments[0];"
                          "s.dispatchEvent(new Event('input'));", n)


def test_finished_run_replays_to_the_last_round(browser: WebDriver, tmp_path: Path) -> None:
    folder = run_reference(tmp_path / "run")
    with serving(folder) as url:
        browser.get(url)
        page = wait(browser, lambda p: p["status"] == "finished")
        assert_matches(page, folder)
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SHOTS / "europe-1914-last.png"))
        # Back to round 1: the slider stops following, and every part shows round 1.
        set_round(browser, 1)
        page = wait(browser, lambda p: p["round"] == 1)
        log = events(folder)
        assert page["networkRound"] == page["feedRound"] == 1
        assert page["feedDecisions"] == sum(e["type"] == "decision" and e["round"] == 1 for e in log)
        assert page["decisions"] == sum(e["type"] == "alignment" and e["round"] == 1 for e in log)
        assert not browser.find_element(By.ID, "follow").is_selected()
        browser.save_screenshot(str(SHOTS / "europe-1914-first.png"))
        # A click on a state shows its beliefs and letters of the round.
        browser.find_element(By.CSS_SELECTOR, "#network g[data-state=GMY]").click()
        box = browser.find_element(By.ID, "state")
        wait(browser, lambda p: "GMY in round 1" in box.text)
        assert len(box.find_elements(By.CSS_SELECTOR, "table tbody tr")) > 0
        letters = [li.text for li in box.find_elements(By.CSS_SELECTOR, "ul.letters li")]
        assert any("assessment from" in t for t in letters) and any("GMY" in t for t in letters)
        # Play runs the rounds forward and stops at the last.
        browser.find_element(By.ID, "speed").send_keys("fast")
        browser.find_element(By.ID, "play").click()
        page = wait(browser, lambda p: p["round"] == p["completed"], seconds=30)
        assert_matches(page, folder)


def test_page_follows_a_running_cluster_run(browser: WebDriver, tmp_path: Path) -> None:
    """`entente run --serve`: the page opens while the run goes, sees the rounds arrive one
    after another, and ends on what summary.json says; the digest is the all-Swift run's."""
    folder = tmp_path / "live"
    slow = f"GMY={sys.executable} {REPO / 'scripts' / 'tests' / 'slow_policy.py'}"
    env = dict(os.environ, PYTHONPATH=str(REPO / "python" / "src"))
    run = subprocess.Popen([ENTENTE, "run", str(EUROPE), "--out", str(folder), "--serve", "--port", "0",
                            "--state-command", slow], stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert run.stderr is not None
        line = run.stderr.readline()
        assert line.startswith("watch the run at http://127.0.0.1:"), line
        browser.get(line.split()[-1])
        seen: set[int] = set()

        def note(p: dict[str, Any]) -> bool:
            if p["status"] == "live":
                seen.add(p["completed"])
            return bool(p["status"] == "finished")
        page = wait(browser, note, seconds=120)
        assert len(seen) >= 4, f"the page saw rounds {sorted(seen)} while the run went on"
        assert_matches(page, folder)
        shown: dict[str, float] = browser.execute_script("return window.entente.shown")
        assert sorted(int(k) for k in shown) == list(range(1, 13))
        assert shown["12"] - shown["1"] > 1000, "the rounds appeared as they ended, not all at once"
        assert json.loads((folder / "summary.json").read_text())["digest"] == EUROPE_DIGEST
    finally:
        run.send_signal(signal.SIGINT)
        out, _ = run.communicate(timeout=30)
    assert run.returncode == 0
    assert out.splitlines()[-1] == f"digest: {EUROPE_DIGEST}"


def test_unreadable_lines_are_shown_and_the_page_goes_on(browser: WebDriver, tmp_path: Path) -> None:
    source = run_reference(tmp_path / "run")
    folder = tmp_path / "damaged"
    shutil.copytree(source, folder)
    lines = (folder / "events.jsonl").read_text().splitlines()
    middle = len(lines) // 2
    damaged = lines[:middle] + ["this is not json", '{"no": "type"}'] + lines[middle:]
    (folder / "events.jsonl").write_text("\n".join(damaged) + '\n{"type":"round_end","rou')
    with serving(folder) as url:
        browser.get(url)
        page = wait(browser, lambda p: p["status"] == "finished" and p["unreadable"] == 3)
        assert_matches(page, source)
        assert page["problems"] == [
            f"line {middle + 1} does not parse as JSON: this is not json",
            f"line {middle + 2} has no event type and round: {{\"no\": \"type\"}}",
            f"line {len(damaged) + 1} is incomplete (torn): {{\"type\":\"round_end\",\"rou",
        ]


def test_files_outside_the_folder_are_refused(tmp_path: Path) -> None:
    folder = run_reference(tmp_path / "run")
    (folder / "link").symlink_to("/etc/passwd")
    with serving(folder) as url:
        with urllib.request.urlopen(url + "file/summary.json") as answer:
            assert json.loads(answer.read())["digest"] == EUROPE_DIGEST
        for path in ("file/link", "file/%2e%2e/%2e%2e/etc/passwd", "file/..%2f..%2fetc%2fpasswd", "file/.hidden"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(url + path)
            assert refused.value.code == 404, path


def test_sweep_lists_its_runs_as_they_finish(browser: WebDriver, tmp_path: Path) -> None:
    out = tmp_path / "sweep"
    sweep = subprocess.Popen([ENTENTE, "sweep", str(REPO / "scenarios" / "small.yaml"), "--vary", "noise=0,0.3",
                              "--seeds", "2", "--jobs", "1", "--out", str(out)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not (out / "sweep.json").exists():
            assert time.monotonic() < deadline and sweep.poll() is None, "the sweep wrote no sweep.json"
            time.sleep(0.05)
        with serving(out) as url:
            browser.get(url)
            counts: set[int] = set()

            def finished() -> int:
                n = int(browser.find_element(By.ID, "c-finished").get_attribute("data-value") or 0)
                counts.add(n)
                return n
            deadline = time.monotonic() + 120
            while finished() < 4:
                assert time.monotonic() < deadline, "the sweep page never listed four finished runs"
                time.sleep(0.2)
            assert len(counts) >= 2, "the runs appeared as they finished"
            assert sweep.wait(timeout=60) == 0
            rows = browser.find_elements(By.CSS_SELECTOR, "#runs tbody tr")
            assert [r.get_attribute("data-run") for r in rows] == ["p0-s1", "p1-s1", "p0-s2", "p1-s2"]
            for row in rows:
                name = row.get_attribute("data-run") or ""
                summary = json.loads((out / "runs" / name / "summary.json").read_text())
                cells = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
                assert cells[1] == "finished" and cells[5] == str(summary["decisions"])
                assert cells[-1] == summary["digest"][:12]
            rows[0].find_element(By.TAG_NAME, "a").click()
            page = wait(browser, lambda p: p["status"] == "finished")
            assert browser.current_url == url + "runs/p0-s1/"
            assert_matches(page, out / "runs" / "p0-s1")
    finally:
        if sweep.poll() is None:
            sweep.kill()
        sweep.wait()
