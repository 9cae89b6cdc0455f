"""The command line of a Python state: the arguments of `entente state` (PROTOCOL.md §1),
so `entente run` starts it like any other state. A policy module ends with

    if __name__ == "__main__":
        entente_agent.main(MyPolicy())
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import provenance
from .keys import Credentials, SetupError, check_endpoints
from .policy import Policy
from .process import Options, PolicyFailed, RunStopped, StateProcess
from .replay import Recording, Replaying
from .trace import InputTrace

RUN_DIR_KEY = "ENTENTE_RUN_DIR"
REPLAY_DIR_KEY = "ENTENTE_REPLAY_DIR"


def parser(prog: str, policy_option: bool = False) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=prog,
        description="Run one state of an Entente run in Python: it joins the coordinator and negotiates "
                    "with its peers. It takes the arguments of `entente state`, so `entente run` can start it "
                    "(a state's `command` in the scenario, or --state-command ID='python -m MODULE').")
    p.add_argument("--id", required=True, help="this state's id, as in the scenario (e.g. GMY)")
    p.add_argument("--coordinator", required=True, help="the coordinator's endpoint, e.g. tcp://127.0.0.1:5555")
    p.add_argument("--listen", default="tcp://127.0.0.1:*", help="endpoint to bind for peers' letters (default: %(default)s)")
    p.add_argument("--advertise", help="host peers should use to reach this state (when --listen binds 0.0.0.0)")
    p.add_argument("--coordinator-timeout", type=float, default=120.0,
                   help="seconds without a word from the coordinator before giving up (default: %(default)s)")
    p.add_argument("--exit-with-parent", action="store_true", help="exit when the parent process exits")
    p.add_argument("--keys", help="folder of the run's CURVE keys (made by `entente keys`)")
    p.add_argument("--insecure", action="store_true", help="speak in the clear over tcp, on loopback only")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    p.add_argument("--verbose", action="store_true", help="accepted for `entente state`'s sake")
    if policy_option:
        p.add_argument("--policy", metavar="MODULE:CLASS",
                       help="the policy to run (default: the reference policy): a class of an importable module, "
                            "or MODULE alone for its POLICY")
    return p


def main(policy: Policy | None = None, argv: Sequence[str] | None = None, prog: str | None = None,
         process: type[StateProcess] = StateProcess, policy_option: bool = False) -> None:
    """Runs one state with `policy` (the reference policy when None); exits 0 when the run
    finishes, 1 when it is aborted, the coordinator falls silent or the policy raises.
    `process` changes how the state talks (a test's hostile state); `policy_option` takes
    the policy from `--policy` (`python -m entente_agent`)."""
    args = parser(prog or sys.argv[0], policy_option).parse_args(argv)
    if policy_option and args.policy:
        policy = load_policy(args.policy)
    if args.keys and args.insecure:
        _fail("--keys and --insecure exclude each other")
    if not 1 <= args.coordinator_timeout <= 86400:
        _fail("--coordinator-timeout must be from 1 to 86400 seconds")
    state: StateProcess | None = None
    try:
        credentials = Credentials.load(args.keys, args.id) if args.keys else None
        check_endpoints([args.coordinator, args.listen], credentials is not None, args.insecure)
        options = Options(args.id, args.coordinator, args.listen, args.advertise, args.coordinator_timeout,
                          args.exit_with_parent, credentials)
        acting, trace = acting_policy(args.id, policy if policy is not None else Policy())
        state = process(options, acting, trace, acting.flush if isinstance(acting, Recording) else None)
        state.run()
    except PolicyFailed as error:
        if state is not None:
            state.report_failure(f"{error}")
        _fail(f"state {args.id}: {error}")
    except (SetupError, RunStopped) as error:
        if state is not None and not state.aborted:
            state.report_failure(f"{error}")
        _fail(str(error))
    except Exception as error:  # a fault of the kit itself: still tell the coordinator
        if state is not None:
            state.report_failure(f"the agent kit failed: {type(error).__name__}: {error}")
        raise


def acting_policy(state: str, policy: Policy) -> tuple[Policy, InputTrace | None]:
    """The policy as the run uses it: recorded into the run folder (`ENTENTE_RUN_DIR`, set
    by `entente run`), and replaying a recorded run's answers under `entente run --again`
    (`ENTENTE_REPLAY_DIR`) instead of calling the policy (docs/AGENTS.md); and the trace
    of the state's inputs the records are keyed by (None when there are none)."""
    run_dir, replay_dir = os.environ.get(RUN_DIR_KEY), os.environ.get(REPLAY_DIR_KEY)
    if not run_dir and not replay_dir:
        return policy, None
    trace = InputTrace()
    acting: Policy = policy
    if replay_dir:
        acting = Replaying(Path(replay_dir, "programs", f"{state}.decisions.jsonl"), trace)
    if run_dir:
        folder = Path(run_dir, "programs")
        try:
            provenance.write(folder, state, provenance.describe(state, policy, list(sys.orig_argv), replay_dir))
            acting = Recording(acting, open(folder / f"{state}.decisions.jsonl", "w", encoding="utf-8"), trace)
        except OSError as error:
            raise SetupError(f"cannot write this state's records in {folder}: {error}") from error
    return acting, trace


def load_policy(spec: str) -> Policy:
    """`module:Class` (or `module`, whose `POLICY` is the instance) → the policy to run."""
    module_name, _, name = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
        found = getattr(module, name) if name else getattr(module, "POLICY")
    except (ImportError, AttributeError) as error:
        _fail(f"--policy {spec}: {error}; give MODULE:CLASS, with MODULE importable (on PYTHONPATH)")
    made: object = found() if isinstance(found, type) else found
    if not isinstance(made, Policy):
        _fail(f"--policy {spec} is not an entente_agent.Policy")
    return made


def _fail(message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(1)
