"""A Python state whose process dies is absent; restarted, it says Hello again, is welcomed
back and decides again from the next round (PROTOCOL.md §2.2), as `entente state` does."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from runs import entente, kit_environment, scenario, state_ids


def _events(folder: Path) -> list[dict[str, object]]:
    try:
        lines = (folder / "events.jsonl").read_text().splitlines()
    except FileNotFoundError:
        return []
    out = []
    for line in lines:
        try:
            out.append(json.loads(line))
        except ValueError:  # the line being written
            pass
    return out


def _eventually(seconds: float, check: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def test_killed_python_state_returns(tmp_path: Path) -> None:
    run = tmp_path / "run"
    endpoint = f"ipc://{tmp_path}/coordinator"
    env = kit_environment()
    coordinator = subprocess.Popen([str(entente()), "coordinator", "--scenario", str(scenario("small")), "--endpoint", endpoint,
                                    "--out", str(run), "--rounds", "300", "--phase-timeout", "3"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def start(state: str, listen: str | None = None) -> subprocess.Popen[str]:
        words = [sys.executable, "-m", "entente_agent"] if state == "MDA" else [str(entente()), "state"]
        return subprocess.Popen([*words, "--id", state, "--coordinator", endpoint, "--listen", listen or f"ipc://{tmp_path}/{state}"],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    states = {k: start(k) for k in state_ids("small")}
    try:
        assert _eventually(60, lambda: any(e["type"] == "round_end" for e in _events(run)))
        states["MDA"].send_signal(signal.SIGKILL)
        states["MDA"].wait(timeout=10)
        assert _eventually(60, lambda: any(e["type"] == "absent" and e["state"] == "MDA" for e in _events(run)))
        # Elsewhere than its peers know: turned away, told where to listen.
        moved = start("MDA", f"ipc://{tmp_path}/MDA-moved")
        _, err = moved.communicate(timeout=60)
        assert moved.returncode == 1 and f"restart it with --listen ipc://{tmp_path}/MDA" in err, err
        states["MDA"] = start("MDA")
        assert _eventually(60, lambda: any(e["type"] == "returned" and e["state"] == "MDA" for e in _events(run)))
        _, err = coordinator.communicate(timeout=300)
        assert coordinator.returncode == 0, err
        for k, p in states.items():
            assert p.wait(timeout=30) == 0, f"{k}: {p.stderr.read() if p.stderr else ''}"
    finally:
        for p in [coordinator, *states.values()]:
            if p.poll() is None:
                p.kill()
    log = _events(run)
    gone = next(int(str(e["round"])) for e in log if e["type"] == "absent" and e["state"] == "MDA")
    back = next(int(str(e["round"])) for e in log if e["type"] == "returned" and e["state"] == "MDA")
    assert back > gone
    assert any(e["type"] == "decision" and e["state"] == "MDA" and e["round"] == back for e in log)
    summary = json.loads((run / "summary.json").read_text())
    assert summary["absent"] == [] and summary["complete"]
