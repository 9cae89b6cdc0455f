"""`python -m entente_agent [--policy MODULE:CLASS] ARGS-OF-ENTENTE-STATE`: one state
with the reference policy, or with the policy named."""

from __future__ import annotations

import sys

from .cli import load_policy, main


def run() -> None:
    argv = sys.argv[1:]
    policy = None
    if "--policy" in argv:
        k = argv.index("--policy")
        if k + 1 >= len(argv):
            print("error: --policy needs MODULE:CLASS", file=sys.stderr)
            raise SystemExit(2)
        policy = load_policy(argv[k + 1])
        del argv[k:k + 2]
    main(policy, argv, prog="python -m entente_agent")


if __name__ == "__main__":
    run()
