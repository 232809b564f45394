"""Every C status becomes its own exception class, with the C message."""
import json
import pathlib
import threading
from typing import Any, Dict

import pytest

import sopkit
from sopkit import errors
from sopkit._ffi import ffi, lib

ALL = [
    (lib.SOPKIT_EINVAL, sopkit.InvalidArgumentError, ValueError),
    (lib.SOPKIT_EPARSE, sopkit.ParseError, ValueError),
    (lib.SOPKIT_EFORMAT, sopkit.FormatError, ValueError),
    (lib.SOPKIT_EIO, sopkit.SopkitIOError, OSError),
    (lib.SOPKIT_EVALIDATION, sopkit.ValidationError, ValueError),
    (lib.SOPKIT_ENOTFOUND, sopkit.NotFoundError, LookupError),
    (lib.SOPKIT_ERANGE, sopkit.RangeError, ValueError),
    (lib.SOPKIT_ENOMEM, sopkit.SopkitMemoryError, MemoryError),
    (lib.SOPKIT_EBUFFER, sopkit.SopkitBufferError, BufferError),
    (lib.SOPKIT_EUNSUPPORTED, sopkit.UnsupportedError, NotImplementedError),
    (lib.SOPKIT_ENOTCOMPUTABLE, sopkit.NotComputableError, ValueError),
    (lib.SOPKIT_EINTERNAL, sopkit.InternalError, RuntimeError),
]


@pytest.mark.parametrize("status,cls,builtin", ALL)
def test_each_status_has_its_class_deriving_from_error_and_a_builtin(status: Any, cls: Any,
                                                                     builtin: Any) -> None:
    assert errors.error_for_status(status) is cls
    assert cls.status == status
    assert issubclass(cls, sopkit.Error) and issubclass(cls, builtin)


def test_a_status_added_later_still_raises_the_base_class() -> None:
    assert errors.error_for_status(-999) is sopkit.Error


def test_every_status_of_the_header_is_mapped() -> None:
    # SOPKIT_EINVAL (-1) .. SOPKIT_EUNSUPPORTED (-12): nothing falls back to the base.
    for code in range(lib.SOPKIT_EUNSUPPORTED, 0):
        assert errors.error_for_status(code) is not sopkit.Error, code


def test_invalid_argument_error_carries_the_c_message_and_status() -> None:
    with pytest.raises(sopkit.InvalidArgumentError) as e:
        sopkit.Calendar.asn(2025, 2024)
    assert e.value.status == lib.SOPKIT_EINVAL
    assert e.value.status_name == ffi.string(lib.sopkit_status_str(lib.SOPKIT_EINVAL)).decode()
    assert "1900..2200" in str(e.value)
    assert e.value.message == str(e.value)


def test_parse_error_names_the_bad_date() -> None:
    with pytest.raises(sopkit.ParseError, match="2024-02-30"):
        sopkit.parse_instant("2024-02-30T08:00")


def test_parse_error_of_malformed_json_has_line_and_column() -> None:
    with pytest.raises(sopkit.ParseError, match=r"1:2"):
        sopkit.Sop.from_json("{")


def test_format_error_has_the_json_pointer() -> None:
    bad = {"format": "sopkit.calendar/1", "coverage": {"from": "2024-01-01", "to": "2024-12-31"},
           "holidays": [{"dat": "2024-01-01"}]}
    with pytest.raises(sopkit.FormatError, match="/holidays/0"):
        sopkit.Calendar.from_json(json.dumps(bad))


def test_io_error_is_an_oserror_naming_the_path(tmp_path: pathlib.Path) -> None:
    missing = tmp_path / "none.json"
    with pytest.raises(OSError) as e:
        sopkit.Sop.load(missing)
    assert isinstance(e.value, sopkit.SopkitIOError)
    assert str(missing) in str(e.value)


def test_validation_error_when_analysis_needs_a_start_step(seed_dict: Dict[str, Any]) -> None:
    for s in seed_dict["steps"]:
        s["kind"] = "process" if s["kind"] == "start" else s["kind"]
    with sopkit.Sop.from_json(json.dumps(seed_dict)) as sop:
        with pytest.raises(sopkit.ValidationError, match="no start step"):
            sop.analyze()


def test_validation_error_for_a_week_without_office_hours() -> None:
    week = {"format": "sopkit.calendar/1", "coverage": {"from": "2024-01-01", "to": "2024-12-31"},
            "week": {"mon": None}}
    with pytest.raises(sopkit.ValidationError, match="no office hours"):
        sopkit.Calendar.from_json(json.dumps(week))


def test_not_found_error_for_an_unshipped_year() -> None:
    with pytest.raises(LookupError) as e:
        sopkit.Calendar.indonesia("id-1999")
    assert isinstance(e.value, sopkit.NotFoundError)


def test_range_error_outside_the_calendar_coverage(cal2024: sopkit.Calendar) -> None:
    with pytest.raises(sopkit.RangeError):
        cal2024.add_days("2024-12-30T08:00", 10)
    with pytest.raises(sopkit.RangeError):
        cal2024.is_working_time("2023-06-01T08:00")


def test_not_computable_error_for_cpm_of_a_lenient_analysis_with_a_plain_cycle(seed_dict: Dict[str,
                                                                               Any]) -> None:
    seed_dict["steps"][2]["next"] = ["4", "2"]  # 2 -> 3 -> 2 with no decision
    with sopkit.Sop.from_json(json.dumps(seed_dict)) as sop:
        with pytest.raises(sopkit.ValidationError, match="cycle"):
            sop.analyze()
        with sop.analyze(lenient=True) as a:
            assert a.to_dict()["not_computed"]
            with pytest.raises(sopkit.NotComputableError):
                a.timings


def test_the_message_is_read_on_the_failing_thread() -> None:
    # sopkit_last_error() is per thread: a failure on another thread, with a
    # different message, must not replace this thread's.
    seen = {}

    def other() -> None:
        try:
            sopkit.parse_instant("2023-02-29")
        except sopkit.ParseError as e:
            seen["other"] = str(e)

    with pytest.raises(sopkit.NotFoundError) as e:
        sopkit.Calendar.indonesia("id-1999")
    t = threading.Thread(target=other)
    t.start()
    t.join()
    assert "2023-02-29" in seen["other"]
    assert "1999" in str(e.value) and "2023-02-29" not in str(e.value)


def test_a_file_past_the_input_limit_is_refused_while_reading(seed_path: pathlib.Path) -> None:
    assert sopkit.max_input_bytes() == lib.SOPKIT_DEFAULT_MAX_INPUT_BYTES
    try:
        sopkit.set_max_input_bytes(1000)
        assert sopkit.max_input_bytes() == 1000
        for path in (str(seed_path), "/dev/zero"):
            with pytest.raises(sopkit.SopkitIOError,
                               match="the input is larger than the limit of 1000 bytes"):
                sopkit.Sop.load(path)
    finally:
        sopkit.set_max_input_bytes(lib.SOPKIT_DEFAULT_MAX_INPUT_BYTES)
    with sopkit.Sop.load(seed_path) as sop:
        assert sop.validate().ok


def test_the_input_limit_is_a_positive_number_of_bytes() -> None:
    with pytest.raises(sopkit.InvalidArgumentError):
        sopkit.set_max_input_bytes(0)
    with pytest.raises(TypeError):
        sopkit.set_max_input_bytes("1G")  # type: ignore[arg-type]  # on purpose
    assert sopkit.max_input_bytes() == lib.SOPKIT_DEFAULT_MAX_INPUT_BYTES


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_utf16_file_says_save_the_file_as_utf8(tmp_path: pathlib.Path, encoding: Any) -> None:
    p = tmp_path / "sop.json"
    p.write_bytes('{"format": "sopkit.sop/1"}'.encode(encoding))
    with pytest.raises(sopkit.ParseError, match="save the file as UTF-8"):
        sopkit.Sop.load(p)
    with pytest.raises(sopkit.ParseError, match="save the file as UTF-8"):
        sopkit.Calendar.load(p)
    with pytest.raises(sopkit.ParseError, match="text is UTF-16 text, not UTF-8"):
        sopkit.Sop.from_json(p.read_bytes())
