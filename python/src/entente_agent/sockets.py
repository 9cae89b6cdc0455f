"""The state process's socket helpers: a CURVE client's keys, a whole message received,
and the handshakes completed on the PULL (PROTOCOL.md §1.1, §2.1)."""

from __future__ import annotations

import zmq
from zmq.utils.monitor import recv_monitor_message

from .keys import Credentials


class HandshakeMonitor:
    """Counts the peer connections whose handshake is complete, from libzmq's socket
    monitor: how a state learns every peer has reached it, to say Ready before round 1
    (the reference's `HandshakeMonitor`)."""

    def __init__(self, watched: zmq.Socket[bytes]) -> None:
        self.watched = watched
        self.socket: zmq.Socket[bytes] = watched.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED)
        self.completed = 0
        """Handshakes completed so far (a peer that reconnects counts again)."""

    def drain(self) -> int:
        """Reads every waiting event; returns the handshakes completed so far."""
        while True:
            try:
                event = recv_monitor_message(self.socket, zmq.NOBLOCK)
            except zmq.Again:
                return self.completed
            if event["event"] == zmq.EVENT_HANDSHAKE_SUCCEEDED:
                self.completed += 1

    def stop(self) -> None:
        """Stops monitoring and closes the monitor's socket."""
        if not self.socket.closed:
            self.watched.disable_monitor()
            self.socket.close()


def curve_client(socket: zmq.Socket[bytes], keys: Credentials, server: str) -> None:
    socket.setsockopt(zmq.CURVE_PUBLICKEY, keys.public.encode())
    socket.setsockopt(zmq.CURVE_SECRETKEY, keys.secret.encode())
    socket.setsockopt(zmq.CURVE_SERVERKEY, server.encode())


def receive_all(socket: zmq.Socket[bytes], with_user: bool) -> tuple[list[bytes], str | None] | None:
    """Every frame of the next message, and with CURVE the user id libzmq bound to its
    connection (the sender's state id); None when no message waits."""
    user = None
    try:
        if with_user:
            first = socket.recv(zmq.NOBLOCK, copy=False)
            got = first.get("User-Id")
            user = got if isinstance(got, str) else None
            frames = [first.bytes]
        else:
            frames = [socket.recv(zmq.NOBLOCK)]
    except zmq.Again:
        return None
    while socket.get(zmq.RCVMORE):
        frames.append(socket.recv())
    return frames, user
