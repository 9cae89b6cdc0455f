"""`pip install ./python` works as docs/AGENTS.md says: into a fresh virtual environment,
with nothing else on the path, the installed kit runs every state of a real run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reference import REPO_ROOT
from runs import entente, scenario, state_ids


def test_pip_install_then_run(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
                          "-c", str(REPO_ROOT / "scripts" / "requirements-test.txt"), str(REPO_ROOT / "python")],
                         capture_output=True, text=True, timeout=600, check=False)
    assert pip.returncode == 0, pip.stderr
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    helped = subprocess.run([str(python), "-m", "entente_agent", "--help"], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=60, check=False)
    assert helped.returncode == 0 and "--coordinator" in helped.stdout, helped.stderr
    out = tmp_path / "run"
    done = subprocess.run([str(entente()), "run", str(scenario("small")), "--out", str(out), "--quiet",
                           "--state-command", f"*={python} -m entente_agent.examples.waltz"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    for state in state_ids("small"):
        record = json.loads((out / "programs" / f"{state}.json").read_text())
        assert record["policy"] == "entente_agent.examples.waltz.Waltz"
    decisions = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    assert {d["rule_code"] for d in decisions if d["type"] == "decision"} == {"own-rule"}
