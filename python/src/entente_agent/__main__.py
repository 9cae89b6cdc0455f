"""`python -m entente_agent [--policy MODULE:CLASS] ARGS-OF-ENTENTE-STATE`: one state
with the reference policy, or with the policy named."""

from __future__ import annotations

from .cli import main


def run() -> None:
    main(prog="python -m entente_agent", policy_option=True)


if __name__ == "__main__":
    run()
