"""Real runs of `entente run` with states in Python: the binary, the commands that start a
Python state, and the digests to compare. Every run starts real processes over real
ZeroMQ; a missing binary fails the test that needs it, never skips it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from reference import REPO_ROOT

TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src"


def entente() -> Path:
    """`$ENTENTE_BIN_DIR/entente`, else the debug build of this repository."""
    bin_dir = os.environ.get("ENTENTE_BIN_DIR")
    path = ((Path(bin_dir) if bin_dir else REPO_ROOT / ".build" / "debug") / "entente").resolve()
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"entente not found at {path}: build the Swift package or set ENTENTE_BIN_DIR", pytrace=False)
    return path


def scenario(name: str) -> Path:
    """A shipped scenario, or one of the tests' own (tests/scenarios/)."""
    own = TESTS / "scenarios" / f"{name}.yaml"
    return own if own.exists() else REPO_ROOT / "scenarios" / f"{name}.yaml"


def state_ids(name: str) -> list[str]:
    """The scenario's state ids, in order (every shipped scenario lists them as `  - id: X`
    or `  - {id: X, ...}`)."""
    return re.findall(r"^  - \{?id: ([A-Za-z0-9_-]+)", scenario(name).read_text(), re.MULTILINE)


def python_state(policy: str | None = None) -> str:
    """The words that start a Python state: this interpreter, the kit, the policy if any."""
    return f"{sys.executable} -m entente_agent" + (f" --policy {policy}" if policy else "")


@dataclass(frozen=True)
class Run:
    status: int
    stderr: str
    folder: Path

    @property
    def summary(self) -> dict[str, object]:
        loaded = json.loads((self.folder / "summary.json").read_text())
        assert isinstance(loaded, dict)
        return loaded

    @property
    def digest(self) -> str:
        return str(self.summary["digest"])

    def events(self, kind: str) -> list[dict[str, object]]:
        lines = (self.folder / "events.jsonl").read_text().splitlines()
        return [e for e in map(json.loads, lines) if e["type"] == kind]


def kit_environment() -> dict[str, str]:
    """This environment, with the kit's sources and the tests' policies importable."""
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(SRC), str(TESTS)]))


def entente_command(args: list[str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`entente ARGS` from the repository root, its Python states finding the kit."""
    return subprocess.run([str(entente()), *args], cwd=REPO_ROOT, env=kit_environment(), capture_output=True, text=True,
                          timeout=timeout, check=False)


def run(args: list[str], folder: Path, commands: dict[str, str] | None = None, timeout: float = 600) -> Run:
    """`entente run ARGS --out FOLDER`, with each state of `commands` started by its words."""
    extra = [w for k, words in (commands or {}).items() for w in ("--state-command", f"{k}={words}")]
    done = entente_command(["run", *args, "--out", str(folder), "--quiet", *extra], timeout)
    return Run(done.returncode, done.stderr, folder)


_reference: dict[str, str] = {}


def reference_digest(name: str, folder: Path, *extra: str) -> str:
    """The reference engine's digest of a scenario (once per session and arguments)."""
    key = " ".join((name, *extra))
    if key not in _reference:
        r = run([str(scenario(name)), "--engine", "reference", *extra], folder)
        assert r.status == 0, r.stderr
        _reference[key] = r.digest
    return _reference[key]
