"""Primitives of the wire format: the header, integers, f64, bools, strings, ids and
arrays (PROTOCOL.md §3.1, §3.2), with the refusals §4 lists for them.

A `Reader` refuses as it reads, so a message is either decoded whole or refused with
a `WireError` (errors.py) naming the field. A `Writer` refuses the primitive values
no decoder takes (an id breaking the rule, a non-finite f64, an integer that does not
fit, more than 4 MiB) and cuts long strings as the Swift encoder does.
"""

from __future__ import annotations

import math
import re
import struct
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from .errors import (
    BadMagic,
    InvalidUTF8,
    InvalidValue,
    MessageTooLarge,
    StringTooLong,
    TrailingBytes,
    Truncated,
    UnsupportedVersion,
)

MAGIC = b"EN"
VERSION = 7
HEADER_BYTES = 4
MAX_MESSAGE_BYTES = 4 * 1024 * 1024
MAX_STRING_BYTES = 4096
MAX_ID_BYTES = 32

T = TypeVar("T")

_ID_PATTERN = re.compile(rf"[A-Za-z0-9_-]{{1,{MAX_ID_BYTES}}}", re.ASCII)
_ID_BYTES = re.compile(_ID_PATTERN.pattern.encode("ascii"))
_U8, _U16, _U32, _U64 = (1 << 8) - 1, (1 << 16) - 1, (1 << 32) - 1, (1 << 64) - 1
_U8_LE, _U16_LE, _U32_LE, _U64_LE, _F64_LE = (struct.Struct(f) for f in ("<B", "<H", "<I", "<Q", "<d"))


def is_id(text: str) -> bool:
    """The id rule of §3.2: 1 to 32 ASCII letters, digits, `_` or `-`."""
    return _ID_PATTERN.fullmatch(text) is not None


def check_id(text: str, field: str) -> str:
    """Refuses a string that breaks the id rule (§3.2)."""
    if not is_id(text):
        raise InvalidValue(field, f"not a state id: {text!r}")
    return text


def cut_utf8(text: str, field: str) -> bytes:
    """UTF-8 of `text`, cut to at most 4096 bytes at a code point boundary, as the
    Swift encoder does (§4), so what is written always decodes."""
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidUTF8(field, str(error)) from None
    if len(raw) <= MAX_STRING_BYTES:
        return raw
    end = MAX_STRING_BYTES
    while end > 0 and raw[end] & 0xC0 == 0x80:
        end -= 1
    return raw[:end]


# A run has few state ids and every message repeats them: each is checked and encoded
# once. The caches are cleared when full, so strangers' ids cannot grow them for ever.
_IDS_READ: dict[bytes, str] = {}
_IDS_WRITTEN: dict[str, bytes] = {}
_IDS_KEPT = 4096
K = TypeVar("K")
V = TypeVar("V")


def _remember(cache: dict[K, V], key: K, value: V) -> V:
    if len(cache) >= _IDS_KEPT:
        cache.clear()
    cache[key] = value
    return value


class Reader:
    """Reads one message's fields in order, refusing as §4 says."""

    def __init__(self, data: bytes) -> None:
        self._data = bytes(data)
        self._pos = 0

    @property
    def remaining(self) -> int:
        return len(self._data) - self._pos

    def header(self) -> int:
        """Checks size, magic and version (§3.1, §4); returns the type byte."""
        if len(self._data) > MAX_MESSAGE_BYTES:
            raise MessageTooLarge("message", f"{len(self._data)} bytes")
        if len(self._data) < HEADER_BYTES:
            raise Truncated("header", f"{len(self._data)} bytes")
        if self._data[0:2] != MAGIC:
            raise BadMagic("magic", self._data[0:2].hex())
        if self._data[2] != VERSION:
            raise UnsupportedVersion("version", str(self._data[2]))
        self._pos = HEADER_BYTES
        return self._data[3]

    def take(self, count: int, field: str) -> bytes:
        pos = self._pos
        end = pos + count
        if end > len(self._data):
            raise Truncated(field, f"needs {count} bytes, {self.remaining} left")
        self._pos = end
        return self._data[pos:end]

    def _fixed(self, fmt: struct.Struct, field: str) -> Any:
        pos = self._pos
        if pos + fmt.size > len(self._data):
            raise Truncated(field, f"needs {fmt.size} bytes, {self.remaining} left")
        self._pos = pos + fmt.size
        return fmt.unpack_from(self._data, pos)[0]

    def u8(self, field: str) -> int:
        pos = self._pos
        if pos >= len(self._data):
            raise Truncated(field, f"needs 1 bytes, {self.remaining} left")
        self._pos = pos + 1
        return self._data[pos]

    def u16(self, field: str) -> int:
        value: int = self._fixed(_U16_LE, field)
        return value

    def u32(self, field: str) -> int:
        value: int = self._fixed(_U32_LE, field)
        return value

    def u64(self, field: str) -> int:
        value: int = self._fixed(_U64_LE, field)
        return value

    def f64(self, field: str) -> float:
        value: float = self._fixed(_F64_LE, field)
        if not math.isfinite(value):
            raise InvalidValue(field, f"{value} is not finite")
        return value

    def floats(self, fmt: struct.Struct) -> tuple[float, ...] | None:
        """A run of f64s in one call, or None, with nothing read, when the bytes run out or
        one is not finite: the caller then reads them one by one, for the error's field."""
        pos = self._pos
        if pos + fmt.size > len(self._data):
            return None
        values: tuple[float, ...] = fmt.unpack_from(self._data, pos)
        for v in values:
            if not math.isfinite(v):
                return None
        self._pos = pos + fmt.size
        return values

    def bool(self, field: str) -> bool:
        byte = self.u8(field)
        if byte > 1:
            raise InvalidValue(field, f"bool byte {byte}")
        return byte == 1

    def string(self, field: str) -> str:
        length = self.u16(field)
        if length > MAX_STRING_BYTES:
            raise StringTooLong(field, f"{length} bytes")
        raw = self.take(length, field)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidUTF8(field, str(error)) from None

    def opt_string(self, field: str) -> str | None:
        return self.string(field) if self.bool(field) else None

    def id(self, field: str) -> str:
        """A state id, checked as bytes against the id rule (§3.2): an id is ASCII, so
        bytes that are not UTF-8 or a length over 4096 break the rule like any other."""
        raw = self.take(self.u16(field), field)
        known = _IDS_READ.get(raw)
        if known is not None:
            return known
        if _ID_BYTES.fullmatch(raw) is None:
            raise InvalidValue(field, f"not a state id: {raw[:40]!r}")
        return _remember(_IDS_READ, raw, raw.decode("ascii"))

    def opt_id(self, field: str) -> str | None:
        return self.id(field) if self.bool(field) else None

    def id_or_empty(self, field: str) -> str:
        """A state id, or `""` for none: a problem's sender, a reject's reason state."""
        raw = self.take(self.u16(field), field)
        if raw and _ID_BYTES.fullmatch(raw) is None:
            raise InvalidValue(field, f"not a state id nor empty: {raw[:40]!r}")
        return raw.decode("ascii")

    def count(self, field: str, min_element_bytes: int) -> int:
        """An array's count, refused before anything is read for it if even the
        smallest elements could not fit in the bytes left (§4)."""
        count = self.u32(field)
        if count * min_element_bytes > self.remaining:
            raise Truncated(field, f"{count} elements cannot fit in {self.remaining} bytes")
        return count

    def array(
        self, field: str, min_element_bytes: int, element: Callable[[Reader, str], T]
    ) -> tuple[T, ...]:
        count = self.count(field, min_element_bytes)
        return tuple(element(self, f"{field}[{index}]") for index in range(count))

    def finish(self) -> None:
        """Refuses anything after the last field (§4)."""
        if self.remaining:
            raise TrailingBytes("message", f"{self.remaining} bytes")


class Writer:
    """Writes fields in order; refuses a value no decoder would accept."""

    def __init__(self, message_type: int) -> None:
        self._out = bytearray(MAGIC)
        self._out.append(VERSION)
        self.u8(message_type, "type")

    def getvalue(self) -> bytes:
        if len(self._out) > MAX_MESSAGE_BYTES:
            raise MessageTooLarge("message", f"{len(self._out)} bytes")
        return bytes(self._out)

    def _uint(self, value: int, limit: int, fmt: struct.Struct, field: str) -> None:
        if isinstance(value, bool) or not 0 <= value <= limit:
            raise InvalidValue(field, f"{value!r} does not fit")
        self._out += fmt.pack(value)

    def u8(self, value: int, field: str) -> None:
        self._uint(value, _U8, _U8_LE, field)

    def u16(self, value: int, field: str) -> None:
        self._uint(value, _U16, _U16_LE, field)

    def u32(self, value: int, field: str) -> None:
        self._uint(value, _U32, _U32_LE, field)

    def u64(self, value: int, field: str) -> None:
        self._uint(value, _U64, _U64_LE, field)

    def f64(self, value: float, field: str) -> None:
        if not math.isfinite(value):
            raise InvalidValue(field, f"{value} is not finite")
        self._out += _F64_LE.pack(value)

    def floats(self, fmt: struct.Struct, values: tuple[float, ...]) -> bool:
        """A run of f64s in one call; False, with nothing written, when one is not finite
        (the caller then writes them one by one, for the error's field)."""
        for v in values:
            if not math.isfinite(v):
                return False
        self._out += fmt.pack(*values)
        return True

    def raw(self, data: bytes) -> None:
        """Bytes another writer made (`fragment`): an encoding reused as it is."""
        self._out += data

    @classmethod
    def fragment(cls) -> Writer:
        """A writer of a part of a message, without the header."""
        w = cls(0)
        w._out = bytearray()
        return w

    def bool(self, value: bool, field: str) -> None:
        self._out.append(1 if value else 0)

    def string(self, value: str, field: str) -> None:
        raw = cut_utf8(value, field)
        self.u16(len(raw), field)
        self._out += raw

    def opt_string(self, value: str | None, field: str) -> None:
        self.bool(value is not None, field)
        if value is not None:
            self.string(value, field)

    def id(self, value: str, field: str) -> None:
        known = _IDS_WRITTEN.get(value)
        if known is None:
            raw = check_id(value, field).encode("ascii")
            known = _remember(_IDS_WRITTEN, value, _U16_LE.pack(len(raw)) + raw)
        self._out += known

    def opt_id(self, value: str | None, field: str) -> None:
        self.bool(value is not None, field)
        if value is not None:
            self.id(value, field)

    def id_or_empty(self, value: str, field: str) -> None:
        self.string(check_id(value, field) if value else value, field)

    def array(
        self, items: Iterable[T], field: str, element: Callable[[Writer, T, str], None]
    ) -> None:
        values = tuple(items)
        self.u32(len(values), field)
        for index, value in enumerate(values):
            element(self, value, f"{field}[{index}]")
