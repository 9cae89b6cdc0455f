"""One state as an OS process (the reference's `StateProcess`, PROTOCOL.md §1-2): a DEALER
to the coordinator, a PULL its peers send to and a PUSH per peer, polled by one thread.
With keys every socket speaks CURVE, the PULL lets in only the peers' keys, and a letter
must come with the key of the state it claims to be from."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
import traceback
from dataclasses import dataclass

import zmq

from .codec import decode_control, decode_peer, encode
from .codes import ProblemCode
from .errors import WireError
from .host import StateHost
from .keys import DOMAIN, Credentials, SetupError, ZapHandler
from .mailbox import Mailbox
from .messages import Abort, Finish, Hello, PhaseStart, Ready, Welcome
from .policy import Policy
from .records import Problem
from .sockets import HandshakeMonitor, curve_client, receive_all
from .tally import ProblemTally
from .trace import InputTrace
from .wire import MAX_MESSAGE_BYTES

RECEIVE_QUEUE_LIMIT = 1024


class RunStopped(Exception):
    """The run ended for this state without a Finish: aborted, silent or orphaned."""


class PolicyFailed(Exception):
    """The policy raised: the coordinator is told, and records the state absent."""


@dataclass(frozen=True, slots=True)
class Options:
    id: str
    coordinator: str
    listen: str = "tcp://127.0.0.1:*"
    advertise: str | None = None
    coordinator_timeout: float = 120.0
    exit_with_parent: bool = False
    credentials: Credentials | None = None


class StateProcess:
    def __init__(self, options: Options, policy: Policy, trace: InputTrace | None = None,
                 after_phase: Callable[[], None] | None = None) -> None:
        self.options = options
        self.policy = policy
        self.trace = trace
        self.after_phase = after_phase
        """Called once a phase is answered (the records' flush)."""
        self.parent = os.getppid() if options.exit_with_parent else None
        self.context: zmq.Context[zmq.Socket[bytes]] = zmq.Context()
        self.control = self.context.socket(zmq.DEALER)
        self.control.setsockopt(zmq.ROUTING_ID, options.id.encode())
        self.control.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)
        self.control.setsockopt(zmq.LINGER, 0)
        self.inbound = self.context.socket(zmq.PULL)
        self.inbound.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)
        self.inbound.setsockopt(zmq.RCVHWM, RECEIVE_QUEUE_LIMIT)
        self.inbound.setsockopt(zmq.LINGER, 0)
        self.zap: ZapHandler | None = None
        keys = options.credentials
        if keys is not None:
            curve_client(self.control, keys, keys.coordinator)
            self.zap = ZapHandler(self.context)
            self.inbound.setsockopt(zmq.CURVE_SERVER, 1)
            self.inbound.setsockopt(zmq.CURVE_SECRETKEY, keys.secret.encode())
            self.inbound.setsockopt(zmq.ZAP_DOMAIN, DOMAIN)
        self.handshakes: HandshakeMonitor | None = HandshakeMonitor(self.inbound)
        try:
            self.inbound.bind(options.listen)
        except zmq.ZMQError as error:
            raise SetupError(f"state {options.id} cannot listen on {options.listen}: {error}") from error
        self.control.connect(options.coordinator)
        self.outbound: dict[str, zmq.Socket[bytes]] = {}
        self.host: StateHost | None = None
        self.mailbox = Mailbox(options.id)
        self.problems = ProblemTally()
        self.pending: PhaseStart | None = None
        self.pending_frame = b""
        self.letter_deadline: float | None = None
        self.aborted = False

    def advertised_endpoint(self) -> str:
        bound = self.inbound.getsockopt_string(zmq.LAST_ENDPOINT)
        host = self.options.advertise
        if host is None or not bound.startswith("tcp://"):
            return bound
        return f"tcp://{host}{bound[bound.rindex(':'):]}"

    def run(self) -> str:
        """Runs until the coordinator's Finish; returns the run's digest."""
        try:
            return self._loop()
        finally:
            self.close()

    def _loop(self) -> str:
        me = self.options.id
        self.control.send(encode(Hello(me, os.getpid(), self.advertised_endpoint())))
        last_heard = time.monotonic()
        poller = zmq.Poller()
        poller.register(self.control, zmq.POLLIN)
        poller.register(self.inbound, zmq.POLLIN)
        if self.handshakes is not None:
            poller.register(self.handshakes.socket, zmq.POLLIN)
        while True:
            if self.parent is not None and os.getppid() != self.parent:
                raise RunStopped(f"state {me}: the parent process (pid {self.parent}) exited; stopping")
            silent = time.monotonic() - last_heard
            if silent >= self.options.coordinator_timeout:
                raise RunStopped(f"state {me}: nothing from the coordinator at {self.options.coordinator} "
                                 f"for {int(self.options.coordinator_timeout)} s")
            wait = min(self.options.coordinator_timeout - silent, 0.5)
            if self.letter_deadline is not None:
                wait = min(wait, max(0.0, self.letter_deadline - time.monotonic()))
            ready = dict(poller.poll(int(wait * 1000) + 1))
            if self.zap is not None and ready.get(self.zap.socket):
                for _ in range(self.zap.answer_pending()):
                    self.problems.add(Problem(ProblemCode.UNKNOWN_KEY, "", 1, ""))
            if self.handshakes is not None and ready.get(self.handshakes.socket):
                self._say_ready_once_connected(poller)
            if ready.get(self.inbound):
                self._drain_peers()
            if ready.get(self.control):
                received = receive_all(self.control, with_user=False)
                if received is not None:
                    frames, _ = received
                    last_heard = time.monotonic()
                    if len(frames) == 1:
                        digest = self._on_control(frames[0], poller)
                        if digest is not None:
                            return digest
            self._process_pending_if_ready()

    def _on_control(self, data: bytes, poller: zmq.Poller) -> str | None:
        me = self.options.id
        try:
            message = decode_control(data)
        except WireError as error:
            raise RunStopped(f"state {me}: malformed message from the coordinator: {error}") from error
        if isinstance(message, Welcome):
            if message.state != me:
                raise RunStopped(f"state {me}: welcomed as {message.state}")
            self._welcome(message, poller)
        elif isinstance(message, PhaseStart):
            if self.host is None:
                raise RunStopped(f"state {me}: phase start before welcome")
            self.pending, self.pending_frame = message, data
            self.letter_deadline = time.monotonic() + message_timeout(self.host.welcome)
        elif isinstance(message, Finish):
            return message.digest
        elif isinstance(message, Abort):
            self.aborted = True
            raise RunStopped(f"state {me}: run aborted by the coordinator: {message.reason}")
        else:
            self.problems.add(Problem(ProblemCode.UNEXPECTED, "", 1, "from the coordinator"))
        return None

    def _welcome(self, w: Welcome, poller: zmq.Poller) -> None:
        self.host = StateHost(w, self.policy)
        if self.trace is not None:
            self.trace.welcome(w)
        self.mailbox.senders = frozenset(w.states)
        keys = self.options.credentials
        if self.zap is not None and keys is not None:
            self.zap.allowed = keys.owners([p.id for p in w.peers])
            # Peers are let in once the Welcome has said who they are; until then they wait.
            poller.register(self.zap.socket, zmq.POLLIN)
        for peer in w.peers:
            if not peer.endpoint:
                continue
            push = self.context.socket(zmq.PUSH)
            push.setsockopt(zmq.SNDHWM, 0)
            push.setsockopt(zmq.LINGER, 0)
            if keys is not None:
                key = keys.states.get(peer.id)
                if key is None:
                    raise RunStopped(f"state {self.options.id}: public-keys.json has no key for peer {peer.id}")
                curve_client(push, keys, key)
            push.connect(peer.endpoint)
            self.outbound[peer.id] = push
        self._say_ready_once_connected(poller)

    def _say_ready_once_connected(self, poller: zmq.Poller) -> None:
        """Says Ready once every peer's connection to this state is up, then stops watching."""
        monitor = self.handshakes
        if monitor is None:
            return
        connected = monitor.drain()
        # The peers that connect to this state are its Welcome's: the relation is symmetric.
        if self.host is None or connected < sum(1 for p in self.host.welcome.peers if p.endpoint):
            return
        self.control.send(encode(Ready()))
        poller.unregister(monitor.socket)
        monitor.stop()
        self.handshakes = None

    def _drain_peers(self) -> None:
        """Reads every waiting letter into the mailbox; refuses what does not decode and,
        with CURVE, a letter whose key is not its sender's."""
        while (received := receive_all(self.inbound, with_user=self.zap is not None)) is not None:
            frames, user = received
            if len(frames) != 1:
                self.problems.add(Problem(ProblemCode.FRAMES, "", 1, f"{len(frames)}, expected one"))
                continue
            frame = frames[0]
            try:
                message = decode_peer(frame)
            except WireError as error:
                self.problems.add(Problem(ProblemCode.MALFORMED, user or "", 1, str(error)))
                continue
            if self.zap is not None and user != message.letter.sender:
                self.problems.add(Problem(ProblemCode.WRONG_KEY, message.letter.sender, 1, user or ""))
            elif (problem := self.mailbox.add(message, frame)) is not None:
                self.problems.add(problem)

    def _process_pending_if_ready(self) -> None:
        start, host = self.pending, self.host
        if start is None or host is None:
            return
        if self.mailbox.missing(start) and self.letter_deadline is not None and time.monotonic() < self.letter_deadline:
            return
        inbox, refused, frames = self.mailbox.take(start)
        if self.trace is not None:
            self.trace.phase(self.pending_frame, frames)
        self.pending = None
        self.letter_deadline = None
        for problem in refused:
            self.problems.add(problem)
        try:
            out, report = host.handle(start, inbox, self.problems.take())
            letters = [(self.outbound.get(m.letter.receiver), encode(m)) for m in out]
            answer = encode(report)
        except WireError as error:
            raise PolicyFailed(f"the policy's answer cannot be sent: {error}") from error
        except Exception as error:
            where = traceback.extract_tb(error.__traceback__)[-1]
            raise PolicyFailed(f"the policy raised {type(error).__name__}: {error} "
                               f"(at {os.path.basename(where.filename)}:{where.lineno})") from error
        for socket, data in letters:
            if socket is not None:
                self.send_letter(socket, data)
        self.control.send(answer)
        if self.after_phase is not None:
            self.after_phase()

    def send_letter(self, socket: zmq.Socket[bytes], data: bytes) -> None:
        """Sends one encoded letter to a peer (a test's hostile state overrides it)."""
        socket.send(data)

    def report_failure(self, reason: str) -> None:
        """Tells the coordinator this state is failing, so it is recorded absent at once."""
        try:
            self.control.setsockopt(zmq.LINGER, 500)
            self.control.send(encode(Abort(reason[:1000])), zmq.NOBLOCK)
        except (zmq.ZMQError, WireError):
            pass

    def close(self) -> None:
        if self.handshakes is not None:
            self.handshakes.stop()
        for socket in self.outbound.values():
            socket.close()
        self.inbound.close()
        if self.zap is not None:
            self.zap.socket.close()


def message_timeout(w: Welcome) -> float:
    """How long a state waits for announced letters: half the phase's deadline."""
    return w.phase_timeout_ms / 2000
