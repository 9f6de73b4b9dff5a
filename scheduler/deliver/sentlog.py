"""The sent log: what each address was sent, one JSON object a line (``sent-log.jsonl``).

Each message the server accepted is one line per event it carried (an invitation or a
cancellation: one event; a reminder: each shift it named), written and flushed to disk
(``fsync``) before the next message goes. A message the server refused is a line with
``result`` ``refused`` or ``failed``: it does not count as sent, so the next run tries it
again. A crash can at most leave the last line unfinished; reading leaves such a line
aside with a warning, and the next write starts on a new line. One run at a time holds
the log (an exclusive lock), so two runs never send the same message twice.

A line::

    {"at": "2026-03-01T10:00:00+00:00", "kind": "invitation", "result": "sent",
     "address": "anna@example.fi", "name": "Anna Virtanen",
     "uid": "…@sekasin-scheduler", "sequence": 0, "status": "CONFIRMED",
     "start": "2026-03-02T18:00:00+02:00", "end": "2026-03-02T22:00:00+02:00",
     "service": "fi", "lang": "fi", "message_id": "<…>", "error": "",
     "plan": 3, "version": 12, "folder": "/home/…/out"}

``plan`` and ``version`` are the app's plan and roster version (empty from the command
line), ``folder`` the published folder sent from; they let the app show the log per
version. What counts for sending is the address and the event: ``(address, UID)`` →
the last ``SEQUENCE`` and ``STATUS`` sent.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import Finding, Findings, InputError, Location
from ..i18n import T

try:  # POSIX; elsewhere a run does not lock the log
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOG_NAME = "sent-log.jsonl"
INVITATION, CANCELLATION, REMINDER, TEST = "invitation", "cancellation", "reminder", "test"
KINDS = (INVITATION, CANCELLATION, REMINDER, TEST)
SENT, REFUSED, FAILED = "sent", "refused", "failed"
RESULTS = (SENT, REFUSED, FAILED)


def address_key(address: str) -> str:
    """The form addresses are compared in (case does not tell mailboxes apart in practice)."""
    return address.strip().casefold()


def default_log_path() -> Path:
    """``sent-log.jsonl`` next to the plan database (``$SEKASIN_DB``, else the data folder)."""
    from ..store import default_path

    return default_path().parent / LOG_NAME


@dataclass(frozen=True)
class Record:
    """One line of the log."""

    at: str
    kind: str
    result: str
    address: str
    name: str = ""
    uid: str = ""
    sequence: int = 0
    status: str = ""
    start: str = ""
    end: str = ""
    service: str = ""
    lang: str = ""
    message_id: str = ""
    error: str = ""
    plan: int | None = None
    version: int | None = None
    folder: str = ""

    @property
    def sent(self) -> bool:
        return self.result == SENT

    def as_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, data: Any) -> Record:
        """A record from a parsed line; ValueError when it is not one."""
        if not isinstance(data, dict):
            raise ValueError("not an object")
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        record = cls(**known)
        if record.kind not in KINDS or record.result not in RESULTS:
            raise ValueError("unknown kind or result")
        if not isinstance(record.address, str) or not isinstance(record.sequence, int):
            raise ValueError("bad address or sequence")
        return record


class LogBusy(Exception):
    """Another run holds the log."""


@dataclass
class SentLog:
    """The log as read, with what each address holds; :meth:`append` adds to it (only
    inside :func:`open_log`)."""

    path: Path
    records: list[Record] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    _holding: dict[str, dict[str, Record]] = field(default_factory=dict, repr=False)
    _reminded: set[tuple[str, str]] = field(default_factory=set, repr=False)
    _addresses: set[str] = field(default_factory=set, repr=False)
    _out: IO[bytes] | None = field(default=None, repr=False)

    def _index(self, record: Record) -> None:
        if not record.sent or record.kind == TEST:
            return
        who = address_key(record.address)
        self._addresses.add(who)
        if record.kind in (INVITATION, CANCELLATION) and record.uid:
            self._holding.setdefault(record.uid, {})[who] = record
        elif record.kind == REMINDER and record.uid:
            self._reminded.add((who, record.uid))

    def holding(self, uid: str) -> dict[str, Record]:
        """For an event, each address it was sent to → the last record sent there."""
        return dict(self._holding.get(uid, {}))

    def reminded(self, address: str, uid: str) -> bool:
        return (address_key(address), uid) in self._reminded

    def knows(self, address: str) -> bool:
        """Whether anything was ever sent to ``address`` through this log."""
        return address_key(address) in self._addresses

    def for_plan(self, plan: int) -> list[Record]:
        return [r for r in self.records if r.plan == plan]

    def append(self, record: Record) -> None:
        """Write one record and make it durable before returning."""
        if self._out is None:
            raise RuntimeError("the sent log is open for reading only")
        self._out.write(record.as_json().encode("utf-8") + b"\n")
        self._out.flush()
        os.fsync(self._out.fileno())
        self.records.append(record)
        self._index(record)


def _load(path: Path, log: SentLog) -> None:
    findings = Findings()
    where = Location(file=str(path))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(T("cannot be read: {error}", error=str(exc)), where) from None
    lines = data.split(b"\n")
    last = len(lines)
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            record = Record.from_json(json.loads(raw.decode("utf-8")))
        except (ValueError, TypeError, UnicodeDecodeError):
            if number == last:
                findings.warning(
                    where.at(row=number),
                    T("an unfinished record (a run stopped while writing it); left aside"),
                )
            else:
                findings.warning(
                    where.at(row=number), T("not a record of the sent log; left aside")
                )
            continue
        log.records.append(record)
        log._index(record)
    log.warnings.extend(findings.warnings)


def read_log(path: Path | str) -> SentLog:
    """The log at ``path`` for reading (empty when there is none yet)."""
    log = SentLog(Path(path))
    _load(log.path, log)
    return log


@contextmanager
def open_log(path: Path | str) -> Iterator[SentLog]:
    """The log locked for this run, read, ready to :meth:`SentLog.append` to.

    Raises :class:`LogBusy` when another run holds it, :class:`InputError` when it cannot
    be made or read."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        created = not path.exists()
        out = open(path, "ab")  # noqa: SIM115 - closed in the finally below
    except OSError as exc:
        raise InputError(
            T("cannot be written: {error}", error=str(exc)), Location(file=str(path))
        ) from None
    try:
        if fcntl is not None:
            try:
                fcntl.flock(out.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise LogBusy(str(path)) from None
        if created:
            with suppress(OSError):  # the new file's name made durable too
                fd = os.open(path.parent, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
        log = read_log(path)
        if out.tell() > 0:
            with open(path, "rb") as fh:
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":  # an unfinished last line: start afresh
                    out.write(b"\n")
                    out.flush()
        log._out = out
        yield log
    finally:
        out.close()
