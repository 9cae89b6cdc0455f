"""A run's CURVE keys on disk and the ZAP handler that lets in only the run's peers
(PROTOCOL.md §1.1)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import zmq
from zmq.utils import z85

DOMAIN = b"entente"


class SetupError(Exception):
    """A state cannot start: the message says what is wrong and how to fix it."""


@dataclass(frozen=True, slots=True)
class Credentials:
    public: str
    secret: str
    coordinator: str
    states: dict[str, str]
    """State id → public key, from `public-keys.json`."""

    @classmethod
    def load(cls, folder: str, state: str) -> Credentials:
        """The state's key pair and the run's public keys, from a folder made by `entente keys`."""
        try:
            known = json.loads(Path(folder, "public-keys.json").read_text())
            own = json.loads(Path(folder, f"state-{state}.key").read_text())
            creds = cls(own["public"], own["secret"], known["coordinator"], dict(known["states"]))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise SetupError(f"cannot read the keys of {state} in {folder} ({error}): make a run's keys "
                             "with `entente keys SCENARIO --out DIR`, then give --keys DIR") from error
        for key in (creds.public, creds.secret, creds.coordinator, *creds.states.values()):
            if not _is_z85_key(key):
                raise SetupError(f"{folder} holds a key that is not 40 characters of Z85; make the keys again with `entente keys`")
        if creds.states.get(state) != creds.public:
            raise SetupError(f"{folder}/state-{state}.key is not the key pair public-keys.json lists for state {state}: "
                             "the files come from different runs")
        return creds

    def owners(self, ids: list[str]) -> dict[str, str]:
        """Public key → state id, for the peers the ZAP handler lets in."""
        return {self.states[k]: k for k in ids if k in self.states}


def _is_z85_key(key: object) -> bool:
    if not isinstance(key, str) or len(key) != 40:
        return False
    try:
        return len(z85.decode(key)) == 32
    except (ValueError, KeyError):
        return False


class ZapHandler:
    """Answers libzmq's authentication requests (ZeroMQ RFC 27) from an allow-list of
    public keys, each bound to the user id (the state id) its messages then carry."""

    def __init__(self, context: zmq.Context[zmq.Socket[bytes]]) -> None:
        self.socket = context.socket(zmq.REP)
        self.socket.bind("inproc://zeromq.zap.01")
        self.allowed: dict[str, str] = {}

    def answer_pending(self) -> int:
        """Answers every waiting request without blocking; returns how many were refused."""
        refused = 0
        while True:
            try:
                frames = self.socket.recv_multipart(zmq.NOBLOCK)
            except zmq.Again:
                return refused
            if len(frames) < 6:
                continue
            user = None
            if frames[5] == b"CURVE" and len(frames) >= 7 and len(frames[6]) == 32:
                user = self.allowed.get(z85.encode(frames[6]).decode())
            if user is None:
                refused += 1
            status, text = (b"200", b"OK") if user is not None else (b"400", b"key not allowed")
            self.socket.send_multipart([b"1.0", frames[1], status, text, (user or "").encode(), b""])


def check_endpoints(endpoints: list[str], curve: bool, insecure: bool) -> None:
    """tcp needs CURVE unless --insecure, and an address other hosts reach needs it always."""
    if curve:
        return
    for e in endpoints:
        if e.startswith("tcp://") and not _loopback(e):
            raise SetupError(f"{e} is reachable from other hosts: in the clear anyone who can reach it could join the run "
                             "or forge its messages. Give --keys DIR (made by `entente keys`), or use a loopback address "
                             "(tcp://127.0.0.1:…) with --insecure to debug")
    for e in endpoints:
        if e.startswith("tcp://") and not insecure:
            raise SetupError(f"{e} is tcp, which uses CURVE: give --keys DIR (make them with `entente keys SCENARIO --out DIR`), "
                             "or --insecure to speak in the clear on loopback")


def _loopback(endpoint: str) -> bool:
    host = endpoint[len("tcp://"):].rsplit(":", 1)[0].strip("[]")
    return host in ("localhost", "::1") or host.startswith("127.")
