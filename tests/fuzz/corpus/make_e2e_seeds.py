#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the seed inputs of the end-to-end harness (fuzz_e2e.c).

Usage: tests/fuzz/corpus/make_e2e_seeds.py [OUTDIR]
(default: tests/fuzz/corpus/e2e next to this script).

An input is: u8 CPU preset index, u8 policy[NPOL], then the block
tests/fuzz/e2e_guest.S reads (28 little-endian u64s; see that file).
DBGBVR values with bit 63 clear are offsets into the guest's workload
code, DBGWVR values with bit 63 clear offsets into its data area.
Deterministic: the same files every run.
"""
import os
import struct
import sys

NPOL = 20  # AD_POL__COUNT
A53, A57, A72, V9 = 0, 1, 2, 3

MDSCR_SS = 1 << 0
MDSCR_KDE = 1 << 13
MDSCR_MDE = 1 << 15

# Flags (block word 0).
UNMASK_D_EL1 = 1
SPSR_SS_EL0 = 2
SPSR_D_EL0 = 4

# Workload offsets (e2e_guest.S): instructions, and data at data_area.
PC_STR = 0x08       # str x4, [x3, #8]
PC_LDTR = 0x1c      # ldtr x6, [x3, #128]
PC_BRK = 0x38       # brk #0x42
ABS = 1 << 63       # write the value as is


def bcr(e=1, pmc=0b11, bas=0xF, hmc=0, ssc=0, lbn=0, bt=0):
    return e | pmc << 1 | bas << 5 | hmc << 13 | ssc << 14 | lbn << 16 | bt << 20


def wcr(e=1, pac=0b11, lsc=0b11, bas=0xFF, hmc=0, ssc=0, lbn=0, wt=0, mask=0):
    return (e | pac << 1 | lsc << 3 | bas << 5 | hmc << 13 | ssc << 14
            | lbn << 16 | wt << 20 | mask << 24)


def seed(preset=A53, pol=None, flags=0, oslar1=0, osdlr=0, dbgprcr=0,
         mdscr=MDSCR_MDE | MDSCR_KDE, ctx=0, bps=(), wps=(), oslar2=0,
         mdscr_el0=None):
    words = [flags, oslar1, osdlr, dbgprcr, mdscr, ctx]
    b = [(0, 0)] * 6
    for n, c, v in bps:
        b[n] = (c, v)
    w = [(0, 0)] * 4
    for n, c, v in wps:
        w[n] = (c, v)
    for c, v in b + w:
        words += [c, v]
    words += [oslar2, mdscr if mdscr_el0 is None else mdscr_el0]
    assert len(words) == 28
    pol = list(pol or [])
    return (bytes([preset]) + bytes((pol + [0] * NPOL)[:NPOL])
            + b"".join(struct.pack("<Q", x & (2**64 - 1)) for x in words))


def seeds():
    out = {}
    out["nothing"] = seed()
    for p, name in ((A53, "a53"), (A57, "a57"), (A72, "a72"), (V9, "v9")):
        out[f"bp_el1_{name}"] = seed(preset=p, flags=UNMASK_D_EL1,
                                      bps=[(0, bcr(pmc=1), PC_STR)])
    out["bp_el1_masked"] = seed(bps=[(1, bcr(pmc=1), PC_STR)])
    out["bp_on_brk"] = seed(flags=UNMASK_D_EL1, bps=[(2, bcr(), PC_BRK)])
    out["bp_absolute_kernel"] = seed(flags=UNMASK_D_EL1,
                                     bps=[(0, bcr(), ABS | 0xFFFF800010000000)])
    # Watchpoints: lengths and directions, EL0 only, LDTR/STTR.
    for lsc, d in ((1, "ld"), (2, "st"), (3, "rw")):
        for length in (1, 2, 4, 8):
            out[f"wp_len{length}_{d}"] = seed(
                flags=UNMASK_D_EL1,
                wps=[(0, wcr(lsc=lsc, bas=(1 << length) - 1), 8)])
    out["wp_el0_only"] = seed(flags=UNMASK_D_EL1,
                              wps=[(1, wcr(pac=0b10, bas=0xFF), 8)])
    out["wp_ldtr_el0"] = seed(flags=UNMASK_D_EL1,
                              wps=[(0, wcr(pac=0b10, lsc=1), 128)])
    out["wp_exclusive"] = seed(flags=UNMASK_D_EL1, wps=[(2, wcr(), 256)])
    out["wp_dczva"] = seed(flags=UNMASK_D_EL1, wps=[(3, wcr(lsc=2), 512 + 8)])
    out["wp_mask_4k"] = seed(flags=UNMASK_D_EL1, wps=[(0, wcr(mask=12), 0)])
    out["wp_bas_noncontig"] = seed(flags=UNMASK_D_EL1,
                                   wps=[(0, wcr(bas=0b10100101), 8)])
    # Step: at EL0 after the ERET, at EL1 from the first MDSCR write.
    out["step_el0"] = seed(mdscr_el0=MDSCR_MDE | MDSCR_KDE | MDSCR_SS,
                           flags=SPSR_SS_EL0)
    out["step_el0_pending"] = seed(mdscr_el0=MDSCR_MDE | MDSCR_KDE | MDSCR_SS)
    out["step_el0_masked"] = seed(mdscr_el0=MDSCR_KDE | MDSCR_SS,
                                  flags=SPSR_SS_EL0 | SPSR_D_EL0)
    out["step_el1"] = seed(mdscr=MDSCR_KDE | MDSCR_SS, flags=UNMASK_D_EL1)
    # Locks: the OS lock left set, the double lock, DBGPRCR.
    out["oslock_held"] = seed(oslar1=1, oslar2=1, flags=UNMASK_D_EL1,
                              bps=[(0, bcr(), PC_STR)])
    out["doublelock"] = seed(oslar1=1, osdlr=1, oslar2=0, flags=UNMASK_D_EL1,
                             bps=[(0, bcr(), PC_STR)])
    out["doublelock_corenpdrq"] = seed(oslar1=1, osdlr=1, dbgprcr=1,
                                       flags=UNMASK_D_EL1,
                                       bps=[(0, bcr(), PC_STR)])
    # Context: a linked address bp and a Context ID bp (context-aware 4, 5).
    out["bp_linked_ctx"] = seed(flags=UNMASK_D_EL1, ctx=0x42,
                                bps=[(0, bcr(bt=0b0001, lbn=5), PC_STR),
                                     (5, bcr(bt=0b0011), ABS | 0x42)])
    out["bp_ctx_el0"] = seed(ctx=0x7, bps=[(4, bcr(pmc=2, bt=0b0010),
                                               ABS | 0x7)])
    out["wp_linked_ctx"] = seed(flags=UNMASK_D_EL1, ctx=0x42,
                                wps=[(0, wcr(wt=1, lbn=5), 8)],
                                bps=[(5, bcr(bt=0b0011), ABS | 0x42)])
    # Reserved and CONSTRAINED UNPREDICTABLE encodings, under each policy
    # vector extreme.
    ones = (1 << 64) - 1
    for pv, tag in (([0] * NPOL, "pol0"), ([1] * NPOL, "pol1"),
                    ([2] * NPOL, "pol2")):
        out[f"all_ones_{tag}"] = seed(pol=pv, flags=7, oslar1=ones,
                                      osdlr=0, dbgprcr=ones, mdscr=ones,
                                      ctx=ones,
                                      bps=[(n, ones, ones) for n in range(6)],
                                      wps=[(n, ones, ones) for n in range(4)],
                                      oslar2=0, mdscr_el0=ones)
        out[f"reserved_types_{tag}"] = seed(
            pol=pv, flags=UNMASK_D_EL1,
            bps=[(0, bcr(bt=0b0100), PC_STR), (1, bcr(bt=0b1000), PC_STR),
                 (2, bcr(hmc=1, ssc=3, pmc=0), PC_STR)],
            wps=[(0, wcr(lsc=0), 8), (1, wcr(mask=1), 8),
                 (2, wcr(mask=5, bas=0x0F), 8)])
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "e2e")
    os.makedirs(outdir, exist_ok=True)
    all_seeds = seeds()
    for name, blob in sorted(all_seeds.items()):
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(blob)
    print(f"wrote {len(all_seeds)} seeds to {outdir}")


if __name__ == "__main__":
    main()
