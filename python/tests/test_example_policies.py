"""The two theories that are not Walt's (docs/AGENTS.md §4) decide what their authors'
rules say, on views built by hand; and their sweeps make one comparison table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from entente_agent import (ACCEPT, Attributes, Border, Choice, Geography, OfferKind, OfferSeen, Policy, PolicyKind,
                           RejectReason, RoundView, RuleCode, SeededRandom, Stance, refuse)
from entente_agent.examples.schweller import Schweller
from entente_agent.examples.waltz import Waltz
from entente_agent.threat import HostilityRecord, ThreatLens
from runs import entente_command, kit_environment, scenario
from samples import PARAMS, WEIGHTS

IDS = ("BIG", "NXT", "ME", "FAR")
GEOGRAPHY = Geography(IDS, (Border("BIG", "ME", 1.0), Border("NXT", "ME", 1.0), Border("ME", "FAR", 1.0)), 0.5, 0.05)


def view(own: Attributes, beliefs: dict[str, Attributes], allies: dict[str, frozenset[str]] | None = None) -> RoundView:
    """ME's view, with its threats ranked by the reference threat function."""
    lens = ThreatLens("ME", HostilityRecord(), frozenset(), GEOGRAPHY, WEIGHTS)
    return RoundView(me="ME", round=1, kind=PolicyKind.WALT, params=PARAMS, own=own, threats=tuple(lens.ranked(beliefs)),
                     beliefs=beliefs, allies=allies or {}, wars=(), sharers={}, geography=GEOGRAPHY, war_decisiveness=2.0,
                     random=SeededRandom(1, "policy", ("ME", "1")), reachable=frozenset({"BIG", "NXT", "FAR"}))


BELIEFS = {"BIG": Attributes(0.5, 0.2, 0.1), "NXT": Attributes(0.3, 0.9, 0.9), "FAR": Attributes(0.1, 0.1, 0.1)}


def test_waltz_balances_against_the_strongest_whatever_the_threat() -> None:
    v = view(Attributes(0.1, 0.3, 0.2), BELIEFS)
    # NXT threatens ME more (offense, intent), but BIG has the power.
    assert v.threats[0].target == "NXT"
    choice = Waltz().decide(v)
    assert choice == Choice(Stance.BALANCE, "BIG", RuleCode.OWN_RULE, (0.5, 0.1))
    assert list(Waltz().partners(v, choice)) == ["NXT", "FAR"]


def test_waltz_answers_for_the_weaker_side() -> None:
    v = view(Attributes(0.1, 0.3, 0.2), BELIEFS, {"BIG": frozenset({"FAR"}), "FAR": frozenset({"BIG"})})
    choice = Waltz().decide(v)
    waltz = Waltz()
    assert list(waltz.partners(v, choice)) == ["NXT"]
    assert waltz.answer(v, choice, OfferSeen("BIG", OfferKind.BANDWAGON, None)) == refuse(RejectReason.MAIN_THREAT)
    assert waltz.answer(v, choice, OfferSeen("FAR", OfferKind.BALANCE, "NXT")) == refuse(RejectReason.ON_SIDE_OF, "BIG")
    assert waltz.answer(v, choice, OfferSeen("NXT", OfferKind.BALANCE, "BIG")) == ACCEPT
    assert waltz.answer(v, choice, OfferSeen("NXT", OfferKind.BALANCE, "FAR")) == refuse(RejectReason.NOT_A_MAIN_THREAT, "FAR")


def test_schweller_jackal_follows_the_wolf() -> None:
    # ME is revisionist (aggressiveness 0.6); NXT, stronger and revisionist, is the wolf;
    # BIG is stronger still but satisfied.
    v = view(Attributes(0.1, 0.3, 0.6), BELIEFS)
    assert Schweller().decide(v) == Choice(Stance.BANDWAGON, "NXT", RuleCode.OWN_RULE, (0.6, 0.9, 0.3 / 0.1))


def test_schweller_status_quo_state_is_walts() -> None:
    for own in (Attributes(0.1, 0.3, 0.2), Attributes(0.4, 0.3, 0.6)):  # satisfied; or revisionist with no stronger wolf
        v = view(own, BELIEFS)
        assert Schweller().decide(v) == Policy().decide(v)


def test_sweeps_of_two_policies_make_one_table(tmp_path: Path) -> None:
    labels = []
    for label, module in (("walt", "entente_agent"), ("waltz", "entente_agent.examples.waltz")):
        done = entente_command(["sweep", str(scenario("small")), "--vary", "observation.noise=0.1", "--seeds", "2", "--quiet",
                                "--state-command", f"*={sys.executable} -m {module}", "--out", str(tmp_path / label)])
        assert done.returncode == 0, done.stderr
        labels.append(f"{label}={tmp_path / label}")
    table = subprocess.run([sys.executable, "-m", "entente_agent.compare", *labels], capture_output=True, text=True,
                           timeout=60, check=True, env=kit_environment()).stdout.splitlines()
    assert table[0].startswith("| policy | scenario | point | runs | balancing share")
    assert [row.split(" | ")[:4] for row in table[2:]] == [["| walt", "small", "observation.noise=0.1", "2"],
                                                         ["| waltz", "small", "observation.noise=0.1", "2"]]
