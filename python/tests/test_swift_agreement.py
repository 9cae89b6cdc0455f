"""The reference decoder (`entente-fuzz replay`, Sources/EntenteWire) and this one
agree on what decodes: it accepts every message built here, refuses every case of
bad_cases.py, and gives the same verdict on thousands of mutations of real and built
messages. Where PROTOCOL.md is silent or says otherwise, the reference decides."""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest
from bad_cases import cases
from reference import real_messages, replay
from samples import accepted_oddities, control_messages, peer_messages

from entente_agent import (
    VERSION,
    InvalidUTF8,
    Message,
    MessageType,
    PeerMessage,
    WireError,
    decode_control,
    decode_peer,
    encode,
)

MUTATIONS_PER_CHANNEL = 3000


def channel_of(message: Message) -> str:
    return "peer" if isinstance(message, PeerMessage) else "control"


def test_reference_decodes_every_built_message(tmp_path: Path) -> None:
    messages = control_messages() + peer_messages() + accepted_oddities()
    for channel in ("control", "peer"):
        built = {f"{index} {type(m).__name__}": encode(m)
                 for index, m in enumerate(messages) if channel_of(m) == channel}
        verdicts = replay(channel, built, tmp_path / channel)
        assert [name for name, decoded in verdicts.items() if not decoded] == []


def test_this_decoder_accepts_the_oddities_too() -> None:
    for message in accepted_oddities():
        data = encode(message)
        again = decode_peer(data) if isinstance(message, PeerMessage) else decode_control(data)
        assert again == message


def test_reference_refuses_every_bad_case(tmp_path: Path) -> None:
    for channel in ("control", "peer"):
        bad = {case.name: case.data for case in cases() if case.channel == channel}
        verdicts = replay(channel, bad, tmp_path / channel)
        assert [name for name, decoded in verdicts.items() if decoded] == []


# UTF-8 edge cases (§3.2): both decoders take what Python's strict UTF-8 codec takes.
UTF8_VALID = {"U+FFFF": b"\xef\xbf\xbf", "U+10FFFF": b"\xf4\x8f\xbf\xbf", "NUL": b"a\x00b",
              "U+0080": b"\xc2\x80", "BOM": b"\xef\xbb\xbf", "U+FDD0": b"\xef\xb7\x90"}
UTF8_INVALID = {"above U+10FFFF": b"\xf4\x90\x80\x80", "surrogate": b"\xed\xbf\xbf",
                "overlong 2": b"\xc1\xbf", "overlong 3": b"\xe0\x80\x80",
                "overlong 4": b"\xf0\x80\x80\x80", "lone continuation": b"\x80",
                "5 bytes": b"\xf8\x88\x80\x80\x80", "cut sequence": b"\xe2\x82",
                "F5": b"\xf5\x80\x80\x80"}


def test_same_utf8_verdicts(tmp_path: Path) -> None:
    abort = {name: b"EN" + bytes([VERSION, MessageType.ABORT]) + struct.pack("<H", len(raw)) + raw
             for name, raw in (UTF8_VALID | UTF8_INVALID).items()}
    theirs = replay("control", abort, tmp_path)
    for name, data in abort.items():
        assert theirs[name] == (name in UTF8_VALID), name
        if name in UTF8_VALID:
            assert encode(decode_control(data)) == data
        else:
            with pytest.raises(InvalidUTF8):
                decode_control(data)


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One to three edits past the header: a byte set, a bit flipped, one cut or added,
    or a small value (codes, bools, counts) put in place."""
    out = bytearray(data)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        at = rng.randrange(4, len(out)) if len(out) > 4 else 4
        edit = rng.randrange(5)
        if edit == 0 and at < len(out):
            out[at] = rng.randrange(256)
        elif edit == 1 and at < len(out):
            out[at] ^= 1 << rng.randrange(8)
        elif edit == 2 and at < len(out):
            del out[at]
        elif edit == 3:
            out.insert(at, rng.randrange(256))
        else:
            out[at:at + 1] = bytes([rng.choice((0, 1, 2, 3, 4, 5, 6, 7, 8, 15, 16, 0x80, 0xFF))])
    return bytes(out)


def test_same_verdicts_on_mutations(tmp_path_factory: pytest.TempPathFactory,
                                    tmp_path: Path) -> None:
    rng = random.Random(20240601)
    built = control_messages() + peer_messages()
    for channel, decode in (("control", decode_control), ("peer", decode_peer)):
        seeds = [path.read_bytes() for corpus in real_messages(tmp_path_factory)
                 for path in (corpus.control if channel == "control" else corpus.peer)]
        seeds += [encode(m) for m in built if channel_of(m) == channel]
        mutants = {f"m{index}": mutate(rng, rng.choice(seeds))
                   for index in range(MUTATIONS_PER_CHANNEL)}
        ours: dict[str, bool] = {}
        for name, data in mutants.items():
            try:
                message = decode(data)
            except WireError:
                ours[name] = False
            else:
                ours[name] = True
                assert encode(message) == data, f"{name}: decoded, but encodes to other bytes"
        theirs = replay(channel, mutants, tmp_path / channel)
        disagree = [(name, mutants[name].hex(), ours[name]) for name in mutants
                    if ours[name] != theirs[name]]
        assert disagree == [], f"{channel}: {len(disagree)} verdicts differ, e.g. {disagree[:3]}"
        assert 0 < sum(ours.values()) < len(ours), "mutations all decoded or all refused"
