#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the seed inputs of the model-versus-oracle harness (fuzz_model.c).

Usage: tests/fuzz/corpus/make_model_seeds.py [OUTDIR]
(default: tests/fuzz/corpus/model next to this script).

Each seed follows the input layout documented at the top of
tests/fuzz/fuzz_model.c.  They encode what Linux programs (user and kernel
address breakpoints, 1-8 byte watchpoints with LSC load/store/both, as
arch/arm64 hw_breakpoint encode_ctrl_reg does), plus masked watchpoint
ranges, linked Context ID breakpoints, step and routing set-ups, and
reserved and CONSTRAINED UNPREDICTABLE encodings.  Deterministic: the same
files every run.
"""
import os
import struct
import sys

NPOL = 20  # AD_POL__COUNT

# Preset indices (ad_config_preset_at): 0 cortex-a53 .. 3 v9-max.
A53, A57, A72, V9 = 0, 1, 2, 3

MDSCR_SS = 1 << 0
MDSCR_KDE = 1 << 13
MDSCR_MDE = 1 << 15
MDSCR_EMBWE = 1 << 32
HCR_TGE = 1 << 27
HCR_E2H = 1 << 34
MDCR2_TDE = 1 << 8
MDCR_EBWE = 1 << 43
MDCR3_SDD = 1 << 16

# Operations (op % 8), see run_op() in fuzz_model.c.
OP_FETCH, OP_FETCH_NEAR_BP, OP_ACCESS, OP_ACCESS_NEAR_WP = 0, 1, 2, 3
OP_STEP, OP_ERET, OP_BRK, OP_ENABLE = 4, 5, 6, 7
# Access kinds (enum ad_acc_kind).
LOAD, STORE, ATOMIC, LDEX, STEX, DCZVA, DCIVAC = range(7)
UNPRIV = 8
EXFAIL = 16


def bcr(e=1, pmc=0b11, bas=0xF, hmc=0, ssc=0, lbn=0, bt=0, mask=0):
    """DBGBCR<n>_EL1 (Linux: E=1, PMC=EL0 (2) or EL1 (1), BAS=0xF)."""
    return (e | pmc << 1 | bas << 5 | hmc << 13 | ssc << 14 | lbn << 16
            | bt << 20 | mask << 24)


def wcr(e=1, pac=0b11, lsc=0b11, bas=0xFF, hmc=0, ssc=0, lbn=0, wt=0,
        mask=0):
    """DBGWCR<n>_EL1."""
    return (e | pac << 1 | lsc << 3 | bas << 5 | hmc << 13 | ssc << 14
            | lbn << 16 | wt << 20 | mask << 24)


def linux_wp(addr, length, lsc, pac=0b10):
    """A Linux-style watchpoint of @length bytes at @addr: (WCR, WVR)."""
    offset = addr & 7
    bas = ((1 << length) - 1) << offset
    return wcr(pac=pac, lsc=lsc, bas=bas & 0xFF), addr & ~7


def seed(preset=A53, tweaks=0, pol=None, el=1, d=0, ss=0, uao=0,
         ss_prev=0, ss_prev_ex=0, ns=1, oslk=0, dlk=0, corenpdrq=0,
         dlk_first=0, mdscr=MDSCR_MDE | MDSCR_KDE, mdcr2=0, mdcr3=0, hcr=0,
         ctx1=0, ctx2=0, vttbr=0, vs=0, bps=(), wps=(), ops=()):
    b = bytearray([preset, tweaks])
    pol = list(pol or [])
    b += bytes((pol + [0] * NPOL)[:NPOL])
    b += bytes([el, d | ss << 1 | uao << 2 | ss_prev << 4 | ss_prev_ex << 6])
    b += bytes([ns, oslk | dlk << 1 | corenpdrq << 2 | dlk_first << 3])
    b += struct.pack("<QQQQIIQB", mdscr, mdcr2, mdcr3, hcr, ctx1, ctx2,
                     vttbr, vs)
    b += bytes([len(bps)])
    for n, ctrl, val in bps:
        b += struct.pack("<BQQ", n, ctrl, val)
    b += bytes([len(wps)])
    for n, ctrl, val in wps:
        b += struct.pack("<BQQ", n, ctrl, val)
    b += bytes([len(ops)])
    for op in ops:
        kind, a, x, y = (list(op) + [0, 0, 0])[:4]
        b += struct.pack("<BQBB", kind, a & (2**64 - 1), x, y)
    return bytes(b)


def acc(va, kind, size, flags=0):
    return (OP_ACCESS, va, kind | flags, size - 1)


def seeds():
    user_pc = 0x0000_0000_0040_1000
    kern_pc = 0xFFFF_8000_1000_2000
    data = 0x0000_FFFF_F000_1230
    kdata = 0xFFFF_0000_8000_0100
    out = {}

    # Linux user breakpoint (PMC=EL0), hit from EL0; miss at EL1.
    for p in (A53, V9):
        out[f"user_bp_p{p}"] = seed(preset=p, el=0, bps=[(0, bcr(pmc=2), user_pc)],
                                    ops=[(OP_FETCH, user_pc), (OP_FETCH, user_pc + 4),
                                         (OP_FETCH_NEAR_BP, 0, 0, 0xFF), (OP_ENABLE,)])
    out["user_bp_at_el1"] = seed(el=1, bps=[(2, bcr(pmc=2), user_pc)],
                                 ops=[(OP_FETCH, user_pc)])
    # Linux kernel breakpoint (PMC=EL1), KDE=1, D=0 / D=1.
    out["kernel_bp_kde"] = seed(el=1, d=0, bps=[(1, bcr(pmc=1), kern_pc)],
                                ops=[(OP_FETCH, kern_pc), (OP_STEP,)])
    # KDE=0: no debug exceptions at EL1 from EL1 (the fuzz_model_report
    # test replays this seed through an oracle that ignores KDE).
    out["kernel_bp_kde_clear"] = seed(el=1, d=0, mdscr=MDSCR_MDE,
                                      bps=[(1, bcr(pmc=1), kern_pc)],
                                      ops=[(OP_FETCH, kern_pc), (OP_STEP,)])
    out["kernel_bp_masked"] = seed(el=1, d=1, bps=[(1, bcr(pmc=1), kern_pc)],
                                   ops=[(OP_FETCH, kern_pc)])
    out["kernel_bp_no_mde"] = seed(el=1, mdscr=MDSCR_KDE,
                                   bps=[(1, bcr(pmc=1), kern_pc)],
                                   ops=[(OP_FETCH, kern_pc)])
    # VHE kernel at EL2: HMC=1, PMC=EL1 (EL2+EL1), E2H=TGE=1.
    out["vhe_kernel_bp"] = seed(preset=V9, el=2, hcr=HCR_E2H | HCR_TGE,
                                bps=[(0, bcr(pmc=1, hmc=1), kern_pc)],
                                ops=[(OP_FETCH, kern_pc), (OP_BRK, 0x3e8)])
    out["vhe_user_bp"] = seed(preset=V9, el=0, hcr=HCR_E2H | HCR_TGE,
                              ctx2=0x42, bps=[(0, bcr(pmc=2), user_pc),
                                              (7, bcr(bt=0b0010), 0x42)],
                              ops=[(OP_FETCH, user_pc), (OP_FETCH, user_pc + 8)])
    # Linux watchpoints of 1, 2, 4 and 8 bytes; loads, stores, both.
    for length in (1, 2, 4, 8):
        for lsc, name in ((1, "ld"), (2, "st"), (3, "rw")):
            addr = data + (length % 8 if length < 8 else 0)
            ctrl, val = linux_wp(addr, length, lsc)
            out[f"wp_len{length}_{name}"] = seed(
                el=0, wps=[(0, ctrl, val)],
                ops=[acc(addr, LOAD, length), acc(addr, STORE, length),
                     acc(addr - 1, LOAD, 2), acc(addr + length, STORE, 1),
                     acc(val, LOAD, 16), acc(addr, ATOMIC, length)])
    # Kernel watchpoint (PAC=EL1) hit by an unprivileged (LDTR) access; UAO.
    ctrl, val = linux_wp(kdata, 8, 3, pac=0b10)
    out["uaccess_user_wp"] = seed(preset=V9, el=1, wps=[(0, ctrl, val)],
                                  ops=[acc(kdata, LOAD, 8, UNPRIV), acc(kdata, STORE, 8)])
    out["uaccess_uao"] = seed(preset=V9, el=1, uao=1, wps=[(0, ctrl, val)],
                              ops=[acc(kdata, LOAD, 8, UNPRIV)])
    # Masked ranges: 4 KiB and 2 GiB, a reserved MASK=1, masked bits set.
    out["wp_mask_4k"] = seed(el=0, wps=[(1, wcr(mask=12), 0x7000_0000)],
                             ops=[acc(0x7000_0FF8, LOAD, 8), acc(0x7000_1000, STORE, 4),
                                  acc(0x6FFF_FFFC, STORE, 8), (OP_ACCESS_NEAR_WP, 0x300, 1, 0x40)])
    out["wp_mask_2g"] = seed(el=0, wps=[(0, wcr(mask=31), 0x8000_0000)],
                             ops=[acc(0xFFFF_FFF0, STORE, 16), acc(0x7FFF_FFFF, LOAD, 2)])
    out["wp_mask_reserved"] = seed(el=0, wps=[(0, wcr(mask=1), 0x1000)],
                                   ops=[acc(0x1000, LOAD, 1), acc(0x1004, LOAD, 4)])
    out["wp_mask_bits_set"] = seed(el=0, wps=[(0, wcr(mask=6), 0x1010)],
                                   ops=[acc(0x1000, LOAD, 1), acc(0x1030, LOAD, 4)])
    out["wp_mask_and_bas"] = seed(el=0, wps=[(0, wcr(mask=5, bas=0x0F), 0x2000)],
                                  ops=[acc(0x2000, LOAD, 1), acc(0x2004, LOAD, 1),
                                       acc(0x2018, STORE, 8)])
    # Reserved / CU encodings.
    out["wp_lsc_reserved"] = seed(el=0, wps=[(0, wcr(lsc=0), 0x3000)],
                                  ops=[acc(0x3000, LOAD, 8), acc(0x3000, ATOMIC, 8)])
    out["wp_bas_noncontig"] = seed(el=0, wps=[(0, wcr(bas=0b1010_0101), 0x3000)],
                                   ops=[acc(0x3000 + i, LOAD, 1) for i in range(8)])
    out["wp_bas_word"] = seed(el=0, wps=[(0, wcr(bas=0b0011), 0x3004)],
                              ops=[acc(0x3004, LOAD, 1), acc(0x3005, LOAD, 1),
                                   acc(0x3006, LOAD, 4), acc(0x3000, LOAD, 8)])
    out["bp_bas_1100"] = seed(el=1, bps=[(0, bcr(bas=0b1100), kern_pc)],
                              ops=[(OP_FETCH, kern_pc), (OP_FETCH, kern_pc + 4)])
    out["bp_bas_0011"] = seed(el=1, bps=[(0, bcr(bas=0b0011), kern_pc)],
                              ops=[(OP_FETCH, kern_pc)])
    out["bp_ctx_on_plain_bp"] = seed(el=1, ctx1=0x99, bps=[(0, bcr(bt=0b0010), 0x99)],
                                     ops=[(OP_FETCH, 0x99), (OP_FETCH, kern_pc)])
    out["bp_mismatch"] = seed(el=1, bps=[(0, bcr(bt=0b0100), kern_pc)],
                              ops=[(OP_FETCH, kern_pc), (OP_FETCH, kern_pc + 4)])
    out["bp_mismatch_bwe"] = seed(preset=V9, el=1,
                                  bps=[(0, bcr(bt=0b0100, mask=4), kern_pc)],
                                  ops=[(OP_FETCH, kern_pc), (OP_FETCH, kern_pc + 16)])
    out["bp_mismatch_bwe_bas"] = seed(preset=V9, el=1,
                                      bps=[(0, bcr(bt=0b0100, mask=4, bas=0b0011), kern_pc)],
                                      ops=[(OP_FETCH, kern_pc), (OP_FETCH, kern_pc + 16)])
    out["bp_two_mismatch_bwe"] = seed(preset=V9, el=0,
                                      bps=[(0, bcr(bt=0b0100, mask=12, pmc=2), 0x10000),
                                           (1, bcr(bt=0b0100, mask=12, pmc=2), 0x20000)],
                                      ops=[(OP_FETCH, 0x10004), (OP_FETCH, 0x20004),
                                           (OP_FETCH, 0x30000)])
    out["bp_vmid_no_el2"] = seed(tweaks=1, el=1, bps=[(5, bcr(bt=0b1000), 0)],
                                 ops=[(OP_FETCH, 0)])
    out["bp_bwe_mask"] = seed(preset=V9, el=1, bps=[(0, bcr(mask=12), 0x40_0000),
                                                     (1, bcr(mask=2), 0x40_0000)],
                              ops=[(OP_FETCH, 0x40_0FFC), (OP_FETCH, 0x40_1000)])
    out["bp_ress"] = seed(el=1, bps=[(0, bcr(), 0xF0FF_0000_0040_0000)],
                          ops=[(OP_FETCH, 0x0000_0000_0040_0000),
                               (OP_FETCH, 0xFFFF_0000_0040_0000)])
    for hmc, ssc, pmc in ((1, 0, 0), (0, 3, 1), (1, 2, 0), (1, 3, 0), (0, 0, 0),
                          (1, 1, 0), (0, 1, 3), (0, 2, 3)):
        out[f"bp_state_h{hmc}s{ssc}p{pmc}"] = seed(
            el=1, ns=(ssc != 2), bps=[(0, bcr(hmc=hmc, ssc=ssc, pmc=pmc), kern_pc)],
            ops=[(OP_FETCH, kern_pc)])
    # Linked: address bp -> Context ID bp; and the link CU cases.
    out["bp_linked_ctx"] = seed(el=0, ctx1=0x1234,
                                bps=[(0, bcr(bt=0b0001, lbn=5, pmc=2), user_pc),
                                     (5, bcr(bt=0b0011), 0x1234)],
                                ops=[(OP_FETCH, user_pc)])
    out["bp_linked_not_ctx"] = seed(el=0, bps=[(0, bcr(bt=0b0001, lbn=1, pmc=2), user_pc),
                                               (1, bcr(bt=0b0001), user_pc)],
                                    ops=[(OP_FETCH, user_pc)])
    out["wp_linked_vmid"] = seed(el=0, vttbr=0x0005_0000_0000_0000,
                                 wps=[(0, wcr(wt=1, lbn=4, pac=2), 0x5000)],
                                 bps=[(4, bcr(bt=0b1001), 5 << 32)],
                                 ops=[acc(0x5000, LOAD, 8)])
    # Step: active-pending at EL0, active-not-pending, ERETs.
    out["step_pending_el0"] = seed(el=0, ss=0, mdscr=MDSCR_SS | MDSCR_MDE,
                                   ss_prev=1, ss_prev_ex=1, ops=[(OP_STEP,)])
    out["step_not_pending"] = seed(el=0, ss=1, mdscr=MDSCR_SS, ops=[(OP_STEP,)])
    out["step_isv_cu"] = seed(el=0, mdscr=MDSCR_SS, ss_prev=2, ops=[(OP_STEP,)])
    out["step_kde_el1"] = seed(el=1, d=0, mdscr=MDSCR_SS | MDSCR_KDE,
                               ops=[(OP_STEP,), (OP_ERET, 0x0020_0000),
                                    (OP_ERET, 0x0020_0005)])
    out["step_eret_el1"] = seed(el=1, d=1, mdscr=MDSCR_SS | MDSCR_KDE,
                                ops=[(OP_ERET, 0x0020_0000), (OP_ERET, 0x0020_0004),
                                     (OP_ERET, 0x0020_0205), (OP_ERET, 0x0000_0000)])
    out["step_eret_el2"] = seed(el=2, d=1, mdscr=MDSCR_SS, mdcr2=MDCR2_TDE,
                                ops=[(OP_ERET, 0x0020_0000), (OP_ERET, 0x0020_0005),
                                     (OP_STEP,)])
    # Locks and routing.
    out["oslock"] = seed(el=0, oslk=1, bps=[(0, bcr(pmc=2), user_pc)],
                         ops=[(OP_FETCH, user_pc), (OP_BRK, 1), (OP_ENABLE,)])
    out["doublelock"] = seed(el=0, oslk=1, dlk=1, dlk_first=1,
                             bps=[(0, bcr(pmc=2), user_pc)], ops=[(OP_FETCH, user_pc)])
    out["dlk_without_oslk"] = seed(el=0, oslk=0, dlk=1,
                                   bps=[(0, bcr(pmc=2), user_pc)], ops=[(OP_FETCH, user_pc)])
    out["route_tde"] = seed(el=1, d=1, mdcr2=MDCR2_TDE,
                            bps=[(0, bcr(pmc=1), kern_pc)],
                            wps=[(0, wcr(), 0x6000)],
                            ops=[(OP_FETCH, kern_pc), acc(0x6000, STORE, 8), (OP_BRK, 7)])
    out["secure_sdd"] = seed(el=1, ns=0, mdcr3=MDCR3_SDD,
                             bps=[(0, bcr(pmc=1), kern_pc)], ops=[(OP_FETCH, kern_pc), (OP_ENABLE,)])
    out["el3"] = seed(el=3, ns=0, bps=[(0, bcr(hmc=1, ssc=2, pmc=0), kern_pc)],
                      ops=[(OP_FETCH, kern_pc), (OP_BRK, 0xFFFF), (OP_ERET, 0x0020_0009)])
    out["no_el2_no_el3"] = seed(tweaks=3, el=1, bps=[(0, bcr(pmc=1), kern_pc)],
                                ops=[(OP_FETCH, kern_pc), (OP_ENABLE,)])
    # DC ZVA, DC IVAC, exclusives, atomics with LSC load-only.
    out["dc_ops"] = seed(el=0, wps=[(0, wcr(lsc=2, bas=0x01), 0x7020),
                                    (1, wcr(lsc=1, bas=0x80), 0x7038)],
                         ops=[acc(0x7004, DCZVA, 1), acc(0x7004, DCIVAC, 1),
                              acc(0x7038, ATOMIC, 8), acc(0x7020, STEX, 4, EXFAIL),
                              acc(0x7020, LDEX, 8)])
    # FEAT_Debugv8p9: breakpoint and watchpoint 20 with EMBWE.
    out["v8p9_bank"] = seed(preset=V9, el=0, mdscr=MDSCR_MDE | MDSCR_EMBWE,
                            mdcr2=MDCR_EBWE, mdcr3=MDCR_EBWE,
                            bps=[(20, bcr(pmc=2), user_pc)],
                            wps=[(33, wcr(pac=2), 0x8000)],
                            ops=[(OP_FETCH, user_pc), acc(0x8004, LOAD, 4)])
    # Every policy at its last choice.
    out["policies_last"] = seed(pol=[3] * NPOL, el=0,
                                bps=[(0, bcr(bas=0b1100, pmc=2), user_pc)],
                                wps=[(0, wcr(bas=0b0110_0110, lsc=0), 0x9000)],
                                ops=[(OP_FETCH, user_pc), acc(0x9000, LOAD, 8)])
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "model")
    os.makedirs(outdir, exist_ok=True)
    for name, blob in sorted(seeds().items()):
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(blob)
    print(f"wrote {len(seeds())} seeds to {outdir}")


if __name__ == "__main__":
    main()
