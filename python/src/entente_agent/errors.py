"""The errors of a refused message (PROTOCOL.md §4), one class per error of its
table, so a caller can tell a truncated frame from a value out of range without
reading words. Every one names the field it stopped at.
"""

from __future__ import annotations


class WireError(ValueError):
    """A message refused (§4): `field` names where, `reason` is the §4 error."""

    reason = "invalid message"

    def __init__(self, field: str, detail: str = "") -> None:
        self.field = field
        self.detail = detail
        text = f"{field}: {self.reason}"
        super().__init__(f"{text}: {detail}" if detail else text)


class MessageTooLarge(WireError):
    """More than 4 MiB (§4)."""

    reason = "message too large"


class Truncated(WireError):
    """A field runs past the end, or an array count cannot fit in what is left (§4)."""

    reason = "truncated"


class BadMagic(WireError):
    """The first two bytes are not "EN" (§3.1)."""

    reason = "bad magic"


class UnsupportedVersion(WireError):
    """The version byte is not 6: versions do not mix (§3.1, §4)."""

    reason = "unsupported version"


class UnknownMessageType(WireError):
    """A type byte not of this channel (§3.1, §4)."""

    reason = "unknown message type"


class StringTooLong(WireError):
    """A string over 4096 bytes (§3.2, §4)."""

    reason = "too long"


class InvalidUTF8(WireError):
    """String bytes that are not UTF-8 (§4)."""

    reason = "invalid UTF-8"


class InvalidValue(WireError):
    """A value outside what its field allows (§3.2 ids, §3.6 codes, §4)."""

    reason = "invalid value"


class TrailingBytes(WireError):
    """Bytes after the last field (§4)."""

    reason = "trailing bytes"
