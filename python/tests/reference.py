"""The reference implementation's fuzz tool: where it is, the real messages it
writes (`entente-fuzz seeds`; PROTOCOL.md §5's bytes were captured from real runs,
these tests capture their own), and its decoder's verdict on bytes made here
(`entente-fuzz replay`). A missing tool fails the test that needs it, never skips it.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ("europe-1914", "small", "middle-east-1955")


def fuzz_binary() -> Path:
    """`$ENTENTE_BIN_DIR/entente-fuzz`, else the debug build of this repository."""
    bin_dir = os.environ.get("ENTENTE_BIN_DIR")
    folder = Path(bin_dir) if bin_dir else REPO_ROOT / ".build" / "debug"
    return folder / "entente-fuzz"


def require_fuzz() -> Path:
    """The tool, or a failed test that says where it was looked for."""
    path = fuzz_binary()
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"entente-fuzz not found at {path}: build the Swift package or set "
                    "ENTENTE_BIN_DIR to the folder that holds it", pytrace=False)
    return path


@dataclass(frozen=True)
class Corpus:
    """One scenario's real messages, as the reference encoder wrote them."""

    scenario: str
    control: tuple[Path, ...]
    peer: tuple[Path, ...]


_corpora: list[Corpus] = []


def real_messages(factory: pytest.TempPathFactory) -> tuple[Corpus, ...]:
    """Each scenario's messages of a 3-round reference run, written once per session."""
    if not _corpora:
        tool = require_fuzz()
        for scenario in SCENARIOS:
            out = factory.mktemp(f"seeds-{scenario}")
            result = subprocess.run(
                [str(tool), "seeds", str(REPO_ROOT / "scenarios" / f"{scenario}.yaml"),
                 "--out", str(out), "--rounds", "3"],
                cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, check=False,
            )
            assert result.returncode == 0, f"entente-fuzz seeds {scenario} failed:\n{result.stderr}"
            control = tuple(sorted((out / "control").iterdir()))
            peer = tuple(sorted((out / "peer").iterdir()))
            assert control and peer, f"entente-fuzz seeds {scenario} wrote no messages"
            _corpora.append(Corpus(scenario, control, peer))
    return tuple(_corpora)


def replay(channel: str, cases: dict[str, bytes], folder: Path) -> dict[str, bool]:
    """The reference decoder's verdict on each case: True when it decodes."""
    entente_fuzz = require_fuzz()
    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[str, str] = {}
    for index, (name, data) in enumerate(cases.items()):
        path = folder / f"{channel}-{index}"
        path.write_bytes(data)
        paths[str(path)] = name
    files = list(paths)
    verdicts: dict[str, bool] = {}
    for start in range(0, len(files), 500):
        result = subprocess.run(
            [str(entente_fuzz), "replay", channel, *files[start : start + 500]],
            cwd=REPO_ROOT, capture_output=True, text=True, timeout=600, check=False,
        )
        assert result.returncode == 0, f"entente-fuzz replay failed:\n{result.stderr}"
        for line in result.stdout.splitlines():
            file, verdict = line.rsplit(": ", 1)
            verdicts[paths[file]] = verdict == "decoded"
    assert set(verdicts) == set(cases), "entente-fuzz replay did not judge every case"
    return verdicts
