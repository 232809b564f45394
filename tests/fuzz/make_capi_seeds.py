#!/usr/bin/env python3
"""Writes the seed programs of fuzz_capi (corpus/capi/*): short call sequences
that reach every opcode, so the fuzzer starts from working programs. The
encoding is fuzz_capi.cpp's: an opcode byte (bit 7 = slot), then arguments;
a text is a length byte then its bytes. Run it again after changing opcodes."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus", "capi")


def text(s):
    b = s.encode()
    assert len(b) < 255
    return bytes([len(b)]) + b


def op(code, slot=0):
    return bytes([code | (slot << 7)])


SOP = ('{"format":"sopkit.sop/1","actors":[{"id":"a","name":"A"}],"steps":['
       '{"id":"1","activity":"x","actor":"a","kind":"start","time":"1 jam","next":"2"},'
       '{"id":"2","activity":"y","actor":"a","kind":"end","time":"2 hari"}]}')

programs = {
    # built-in SOP: query, validate, analyse, free the SOP, use the analysis
    "analyse": op(1) + b"\x00" + op(3) + b"\x01\x01" + op(5) + op(6) + b"\x00"
    + op(7) + b"\x00\x01" + op(8) + b"\x02" + op(2) + op(8) + b"\x00" + op(16),
    # built-in calendar and SOP: schedule, query, free in odd orders
    "schedule": op(11) + b"\x00\x00" + op(1) + b"\x00" + op(14) + b"\x10\x20\x00\x00"
    + op(15) + b"\x01" + op(12) + op(2) + op(15) + b"\x00",
    # calendar arithmetic on the ASN week, big and small numbers
    "calendar": op(10) + b"\x86\x00\x01" + op(13) + b"\x00" + b"\x10\x20\x00" + b"\x40\x00"
    + text("2 hari 3 jam") + op(13) + b"\x03" + struct.pack("<q", -1) + struct.pack("<q", 2**62)
    + text("1-3 Hari"),
    # JSON from the program, durations, instants, status strings
    "texts": op(0) + text(SOP) + op(3) + b"\x00\x03" + op(4) + text("1,5 jam")
    + op(4) + text("±2 Menit") + op(9) + text("2024-02-29T08:00") + b"\x11"
    + op(9) + text("2024-04-05 16:15") + b"\x05" + op(17) + struct.pack("<i", -7),
    # two slots, loads that fail over loads that worked
    "slots": op(1) + b"\x00" + op(1, 1) + b"\x01\x10\x00\x7d" + op(0) + text("{")
    + op(3) + b"\x00\x00" + op(3, 1) + b"\x00\x00" + op(7, 1) + b"\x03\x02" + struct.pack("<d", 0.0)
    + op(11, 1) + b"\x01" + text('{"format":"sopkit.calendar/1"}'),
}

os.makedirs(OUT, exist_ok=True)
for name, prog in programs.items():
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(prog)
