"""The durable record store (docs/store.md): SOP revisions with a structural
diff, indicator values with an audit trail, execution runs and reports, in one
SQLite file, through the C ABI (``sopkit_store_*``).

    with sopkit.Store.open("records.db") as store:
        store.put_revision(sopkit.Sop.load("sop.json"), author="Budi", date="2024-03-01",
                           note="waktu step 4")
        store.revisions("002/SOP/Disdikbud-BLG/2023")     # [Revision(...), ...]
        store.diff("002/SOP/Disdikbud-BLG/2023", 1, 2)     # {"changes": [...], ...}
        store.set_value("IKU-01", "2024-Q1", "realisation", 104.3,
                        author="Siti", reason="salah ketik")
        store.audit("IKU-01")                              # [AuditEntry(...), ...]

Every write is one transaction. A ``Store`` may be shared between threads (the
library serialises calls on it) and several processes may open one file.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Union, cast

from ._ffi import Handle, check, cstr, ffi, lib
from .indicators import IndicatorSet
from .sop import Sop

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Revision:
    """One stored revision of an SOP (Tanggal Revisi, who, what)."""
    sop_number: str
    revision: int
    date: str
    author: str
    note: str
    content_hash: str
    recorded_at: str


@dataclass(frozen=True)
class AuditEntry:
    """One change to an indicator value: ``old``/``new`` are None when blank."""
    id: int
    indicator: str
    period: str
    field: str
    old: Optional[float]
    new: Optional[float]
    author: str
    changed_at: str
    reason: str


def _opt(value: Optional[str]) -> Any:
    return ffi.NULL if value is None else cstr(value)


class Store(Handle):
    """An open record store; close it with :meth:`close` or ``with``."""

    __slots__ = ("_path",)
    _free = lib.sopkit_store_close

    def __init__(self, ptr: Any, path: str) -> None:
        super().__init__(ptr)
        self._path = path

    @classmethod
    def open(cls, path: PathLike, read_only: bool = False, create: bool = True) -> "Store":
        """Opens (or creates) a store, migrating an older schema.

        Raises:
            SopkitIOError: the file cannot be opened or created.
            FormatError: not an SQLite file, corrupt, or a newer schema.
            UnsupportedError: sopkit was built without the store.
        """
        p = os.fspath(path)
        flags = (lib.SOPKIT_STORE_READ_ONLY if read_only else 0) | (
            0 if create else lib.SOPKIT_STORE_NO_CREATE)
        out = ffi.new("sopkit_store **")
        check(lib.sopkit_store_open(out, cstr(p), flags))
        return cls(out[0], p)

    def __repr__(self) -> str:
        return f"<sopkit.Store {self._path!r}{' (closed)' if self.closed else ''}>"

    def _text(self, fn: Any, *args: Any) -> str:
        out = ffi.new("char **")
        check(fn(self._handle, *args, out))
        try:
            value: str = ffi.string(out[0]).decode("utf-8")
            return value
        finally:
            lib.sopkit_store_text_free(out[0])

    # SOP revisions -----------------------------------------------------------

    def put_revision(self, sop: Sop, *, author: str, date: Optional[str] = None,
                     note: Optional[str] = None) -> int:
        """Records ``sop`` as the next revision of its number; returns the number.

        Raises:
            InvalidArgumentError: empty author or SOP number, bad date, or a
                document identical to the latest revision.
        """
        out = ffi.new("int *")
        check(lib.sopkit_store_put_revision(self._handle, sop._handle, cstr(author), _opt(date),
                                            _opt(note), out))
        return int(out[0])

    def revisions(self, sop_number: Optional[str] = None) -> List[Revision]:
        """Revisions of one SOP (None: every SOP), oldest first."""
        rows = json.loads(self._text(lib.sopkit_store_revisions_json, _opt(sop_number)))
        return [Revision(**r) for r in rows]

    def get_revision(self, sop_number: str, revision: int = 0) -> Sop:
        """A stored revision (0: the latest). Raises NotFoundError."""
        out = ffi.new("sopkit_sop **")
        check(lib.sopkit_store_get_revision(self._handle, cstr(sop_number), revision, out))
        return Sop(out[0], f"{self._path}:{sop_number}@{revision or 'latest'}")

    def diff(self, sop_number: str, a: int, b: int) -> Dict[str, Any]:
        """The structural diff from revision ``a`` to ``b`` (0: the latest), as
        ``{"format", "changes": [{"kind", "subject", "field", "before", "after"}],
        "summary"}``. Raises NotFoundError."""
        return cast(Dict[str, Any],
                    json.loads(self._text(lib.sopkit_store_diff_json, cstr(sop_number), a, b)))

    # Indicator data ----------------------------------------------------------

    def import_indicators(self, data: IndicatorSet, *, author: str,
                          reason: Optional[str] = None) -> int:
        """Records every indicator and value of ``data`` in one transaction;
        returns how many values changed (each has an audit row)."""
        out = ffi.new("size_t *")
        check(lib.sopkit_store_import_indicators(self._handle, data._handle, cstr(author),
                                                 _opt(reason), out))
        return int(out[0])

    def set_value(self, indicator: str, period: str, field: str, value: Optional[float], *,
                  author: str, reason: Optional[str] = None) -> bool:
        """Sets one value (None: blank; 0 is a value); True when it changed.

        Raises:
            NotFoundError: an indicator the store does not have.
            InvalidArgumentError: unknown field or period, a negative value, a
                row that would break the data rules.
        """
        v = math.nan if value is None else float(value)
        if value is not None and math.isnan(v):
            raise ValueError("value is NaN: pass None for blank")
        out = ffi.new("int *")
        check(lib.sopkit_store_set_value(self._handle, cstr(indicator), cstr(period), cstr(field),
                                         v, cstr(author), _opt(reason), out))
        return bool(out[0])

    def indicators(self) -> IndicatorSet:
        """Every stored indicator with its latest values."""
        out = ffi.new("sopkit_indicators **")
        check(lib.sopkit_store_indicators(self._handle, out))
        return IndicatorSet(out[0], self._path)

    def audit(self, indicator: Optional[str] = None) -> List[AuditEntry]:
        """The audit trail of one indicator (None: all), oldest first."""
        rows = json.loads(self._text(lib.sopkit_store_audit_json, _opt(indicator)))
        return [AuditEntry(**r) for r in rows]

    # Runs and reports --------------------------------------------------------

    def put_run(self, sop_number: str, document: Union[str, Dict[str, Any]], *,
                revision: int = 0, case_id: Optional[str] = None,
                started_at: Optional[str] = None, finished_at: Optional[str] = None) -> int:
        """Records an execution run (a JSON object); returns its id."""
        text = document if isinstance(document, str) else json.dumps(document)
        data = text.encode("utf-8")
        out = ffi.new("int64_t *")
        check(lib.sopkit_store_put_run(self._handle, cstr(sop_number), revision, _opt(case_id),
                                       _opt(started_at), _opt(finished_at), data, len(data), out))
        return int(out[0])

    def runs(self, sop_number: Optional[str] = None) -> List[Dict[str, Any]]:
        """Runs of one SOP (None: all), each with its ``document``."""
        return cast(List[Dict[str, Any]],
                    json.loads(self._text(lib.sopkit_store_runs_json, _opt(sop_number))))

    def put_report(self, kind: str, name: str, content: bytes, *,
                   sop_number: Optional[str] = None, revision: int = 0) -> int:
        """Records a generated report's bytes; returns its id."""
        data = bytes(content)
        out = ffi.new("int64_t *")
        check(lib.sopkit_store_put_report(self._handle, cstr(kind), cstr(name), _opt(sop_number),
                                          revision, data, len(data), out))
        return int(out[0])
