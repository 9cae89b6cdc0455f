"""Walt's state, slowed: each decision waits a moment first, so that a europe-1914 run on
the cluster engine lasts long enough for a browser to watch it go (test_live_page.py).
Waiting changes no choice, so the run's digest is the all-Swift run's.

    python scripts/tests/slow_policy.py ARGS-OF-ENTENTE-STATE   (PYTHONPATH=python/src)
"""

from __future__ import annotations

import time

from entente_agent import Choice, Policy, RoundView, main

PAUSE_SECONDS = 0.35


class Slow(Policy):
    def decide(self, view: RoundView) -> Choice:
        time.sleep(PAUSE_SECONDS)
        return super().decide(view)


if __name__ == "__main__":
    main(Slow(), prog="slow_policy.py")
