"""What a run folder records of a Python state (docs/LOGS.md, `programs/`): the policy
class, a hash of every source file it is made of, and the versions, so a result can be
traced to the code that made it."""

from __future__ import annotations

import hashlib
import inspect
import json
import platform
import sys
from pathlib import Path

from .policy import Policy

from .version import __version__ as KIT_VERSION


def policy_sources(policy: Policy) -> list[dict[str, str]]:
    """Each source file of the policy's class and its ancestors, with its SHA-256."""
    files: list[str] = []
    for cls in type(policy).__mro__:
        if cls is object:
            continue
        try:
            path = inspect.getsourcefile(cls)
        except TypeError:
            path = None
        if path is not None and path not in files:
            files.append(path)
    return [{"file": f, "sha256": hashlib.sha256(Path(f).read_bytes()).hexdigest()} for f in files]


def module_name(cls: type) -> str:
    """The module a class was defined in, by its import name even when run as `python -m`."""
    if cls.__module__ == "__main__":
        spec = getattr(sys.modules["__main__"], "__spec__", None)
        if spec is not None:
            return str(spec.name)
    return cls.__module__


def describe(state: str, policy: Policy, command: list[str], replayed_from: str | None) -> dict[str, object]:
    sources = policy_sources(policy)
    combined = hashlib.sha256("".join(s["sha256"] for s in sources).encode()).hexdigest()
    cls = type(policy)
    return {
        "state": state,
        "policy": f"{module_name(cls)}.{cls.__qualname__}",
        "source_sha256": combined,
        "sources": sources,
        "command": command,
        "agent_kit": KIT_VERSION,
        "python": platform.python_version(),
        "replayed_from": replayed_from,
    }


def write(folder: Path, state: str, record: dict[str, object]) -> Path:
    """`programs/ID.json` in the run folder."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{state}.json"
    path.write_text(json.dumps(record, indent=2) + "\n")
    return path
