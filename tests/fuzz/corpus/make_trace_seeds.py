#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the seed inputs of the trace-parser harness (fuzz_trace.c).

Usage: tests/fuzz/corpus/make_trace_seeds.py [OUTDIR]
(default: tests/fuzz/corpus/trace next to this script).

A valid trace (docs/traces.md's example, with a consistent final-state
digest), variants the parser must accept, and corruptions it must reject
with "FILE:LINE: message": one broken rule each.  Deterministic.
"""
import hashlib
import os
import sys

FINAL = ["x0=0x18", "pc=0x400800e8", "MDSCR_EL1=0x0"]


def digest(final):
    return hashlib.sha256("".join(f + "\n" for f in final).encode()).hexdigest()


def valid(final=FINAL, extra=(), events=None, tail="end\n"):
    ev = events if events is not None else [
        'cycle=14 pe=0 event=exception el=0 pc=0x40080038 exc=svc target_el=1 '
        'esr=0x56000001 elr=0x4008003c spsr=0x0 vector=0x40080c00 daif=DAIF '
        'step=inactive insn="svc #0x1"',
        'cycle=74 pe=0 event=halt el=1 pc=0x400800e4 code=3 daif=DAIF '
        'step=inactive insn="hlt #0xf000"',
    ]
    lines = [
        "armdbg-trace 1",
        "# armdbg trace (docs/traces.md); check it with: armdbg replay FILE",
        "name svc-example",
        'description "An EL0 task makes a system call."',
        "image svc_example.elf",
        "image-sha256 " + "0123456789abcdef" * 4,
        "cpu cortex-a53",
        "el2 0",
        "ram-mib 64",
        "max-insns 20000",
        "cycles-per-tick 16",
        "exc-entry-cycles 4",
        "exc-return-cycles 2",
        "policy Impdef_StepVersusInterrupt=irq_first",
        "input 100:ppi:27:assert",
        *extra,
        "status 3",
        'output "hello\\n"',
        'output "bytes \\x01\\xff and no newline"',
        *["event " + e for e in ev],
        "cycles 75",
        "insns 71",
        *["final " + f for f in final],
        "final-sha256 " + digest(final),
    ]
    return ("\n".join(lines) + "\n" + tail).encode()


def seeds():
    out = {}
    base = valid()
    out["ok-example"] = base
    out["ok-no-final-lines"] = base.replace(
        b"".join(b"final " + f.encode() + b"\n" for f in FINAL), b"")
    out["ok-two-inputs"] = valid(extra=["input 200:spi:40:assert",
                                        "input 300:spi:40:deassert"])
    out["ok-every-policy"] = valid(extra=[
        "policy Unpredictable_RESBPTYPE=unknown",
        "policy Unpredictable_WPBASCONTIGUOUS=lowest_run",
        "policy Impdef_WatchpointFAR=block_low"])
    out["ok-no-events"] = valid(events=[])
    # Corruptions: one rule each.
    out["bad-magic"] = base.replace(b"armdbg-trace 1", b"armdbg-trace", 1)
    out["bad-version"] = base.replace(b"armdbg-trace 1", b"armdbg-trace 2", 1)
    out["bad-no-end"] = valid(tail="")
    out["bad-after-end"] = valid(tail="end\nstatus 3\n")
    out["bad-cr"] = base.replace(b"\n", b"\r\n", 3)
    out["bad-tab"] = base.replace(b"cpu cortex-a53", b"cpu\tcortex-a53")
    out["bad-trailing-space"] = base.replace(b"el2 0\n", b"el2 0 \n")
    out["bad-unknown-key"] = valid(extra=["colour blue"])
    out["bad-duplicate-key"] = valid(extra=["status 4"])
    out["bad-cpu"] = base.replace(b"cpu cortex-a53", b"cpu cortex-z99")
    out["bad-policy-name"] = valid(extra=["policy Unpredictable_NOPE=x"])
    out["bad-policy-choice"] = valid(extra=["policy Unpredictable_RESLSC=maybe"])
    out["bad-number"] = base.replace(b"ram-mib 64", b"ram-mib 0x40")
    out["bad-range"] = base.replace(b"ram-mib 64", b"ram-mib 99999")
    out["bad-status"] = base.replace(b"status 3", b"status 256")
    out["bad-input-order"] = valid(extra=["input 50:ppi:27:deassert"])
    out["bad-input-syntax"] = valid(extra=["input 200:gpio:7:assert"])
    out["bad-escape"] = base.replace(b'"hello\\n"', b'"hello\\q"')
    out["bad-unterminated-string"] = base.replace(b'"hello\\n"', b'"hello')
    out["bad-digest"] = base.replace(digest(FINAL).encode(), b"0" * 64)
    out["bad-digest-short"] = base.replace(digest(FINAL).encode(), b"abc")
    out["bad-final-name"] = valid(final=["x0=0x18", "p c=0x1"])
    out["bad-final-duplicate"] = valid(final=["x0=0x18", "x0=0x19"])
    out["bad-final-value"] = valid(final=["x0=18"])
    out["bad-event-no-cycle"] = valid(events=["pe=0 event=halt el=1 pc=0x0"])
    out["bad-event-field"] = valid(events=[
        "cycle=1 pe=0 event=halt el=1 pc=0x0 key_without_value"])
    out["bad-event-dup-field"] = valid(events=[
        "cycle=1 pe=0 event=halt el=1 pc=0x0 pc=0x4"])
    out["bad-event-quote"] = valid(events=[
        'cycle=1 pe=0 event=halt el=1 pc=0x0 insn="hlt'])
    out["bad-name"] = base.replace(b"name svc-example", b"name svc example")
    out["bad-image-dir"] = base.replace(b"image svc_example.elf",
                                        b"image ../svc_example.elf")
    out["bad-binary"] = base.replace(b"hello", b"hel\x00lo")
    out["bad-long-line"] = valid(events=["cycle=1 pe=0 event=halt el=1 pc=0x0 "
                                         "insn=" + "x" * 70000])
    out["ok-end-without-newline"] = base[:-1]
    for n in (0, 1, 13, 100, 400, len(base) // 2):
        out[f"trunc-{n:04d}"] = base[:n]
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "trace")
    os.makedirs(outdir, exist_ok=True)
    all_seeds = seeds()
    for name, blob in sorted(all_seeds.items()):
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(blob)
    print(f"wrote {len(all_seeds)} seeds to {outdir}")


if __name__ == "__main__":
    main()
