/* SPDX-License-Identifier: MIT */
/*
 * emu/mmu.h - the AArch64 stage 1 translation table walk, for working out
 * the syndrome of an instruction or data abort.
 *
 * Unicorn 2.0.1 reports a guest MMU fault only as QEMU's exception number
 * (3 = prefetch abort, 4 = data abort), with the PC at the faulting
 * instruction.  It does not give the fault status code or the faulting
 * address.  This module walks the guest's own translation tables again,
 * as the Arm ARM (DDI0487) D8 pseudocode does, and reports which check
 * failed: the 6-bit DFSC/IFSC with its level, WnR, and, for an access
 * that crosses a page boundary, the FAR.
 *
 * Owns: stage 1 of the EL1&0 regime (TTBR0_EL1/TTBR1_EL1) and of the
 * non-VHE EL2 regime (TTBR0_EL2); 4K, 16K and 64K granules; the VMSAv8-64
 * descriptor format with 48-bit output addresses; AP[2:1], UXN/PXN/XN,
 * the APTable/UXNTable/PXNTable/XNTable limits (not applied when TCR.HPDx
 * = 1 and FEAT_HPDS is present), PSTATE.PAN, SCTLR.WXN, TBI/TBID, EPDx,
 * Address size, Access flag and external aborts on the walk, and the flat
 * map when the stage 1 MMU is off.
 *
 * Not modelled; each gets an error code or is listed here:
 *  - VHE (HCR_EL2.E2H = 1 for EL2, or E2H = TGE = 1 for EL0):
 *    MMU_ERR_VHE.
 *  - stage 2 (HCR_EL2.VM or HCR_EL2.DC set for the EL1&0 regime):
 *    MMU_ERR_STAGE2.
 *  - EL3 and AArch32 regimes: MMU_ERR_ARG.
 *  - not modelled: FEAT_LPA/LPA2/LVA (52-bit addresses; pa_bits is at
 *    most 48), FEAT_TTST (TxSZ above 39), FEAT_HAFDBS (TCR.HA/HD: no
 *    hardware Access flag or dirty state update), FEAT_E0PD, FEAT_EPAN,
 *    FEAT_S1PIE/S1POE, FEAT_MTE (TCR.MTX), FEAT_BTI (the GP bit is not
 *    reported), and Secure state (NS, NSTable are ignored).
 *  - the granule: all of 4K, 16K and 64K are walked, whatever the core's
 *    ID_AA64MMFR0_EL1.TGranX say (QEMU does the same).
 *  - alignment faults: the caller checks them.  They take priority over
 *    a Permission fault (AArch64.S1HasAlignmentFault comes before
 *    AArch64.S1CheckPermissions), which is why a Permission fault result
 *    still carries the memory attributes (attrs_valid).
 *
 * The IMPLEMENTATION DEFINED and CONSTRAINED UNPREDICTABLE choices a walk
 * meets are inputs (struct mmu_impdef).  A zeroed struct gives the
 * documented defaults; the caller maps them to its policy table.
 *
 * Pure C: no Unicorn, no I/O, no global state.  Descriptors are read
 * through a callback, so the walk can be tested on a fake memory.
 */
#ifndef ARMDBG_EMU_MMU_H
#define ARMDBG_EMU_MMU_H

#include <stdbool.h>
#include <stdint.h>

/* Return values of mmu_translate and mmu_translate_range (0 = done). */
enum mmu_err {
	MMU_OK = 0,
	MMU_ERR_ARG = -1,         /* NULL pointer, missing callback, size 0,
				     el/regime mismatch, unknown access type */
	MMU_ERR_PA_BITS = -2,     /* pa_bits not one of 32 36 40 42 44 48 */
	MMU_ERR_VHE = -3,         /* EL2&0 (VHE) regime: not supported */
	MMU_ERR_STAGE2 = -4,      /* stage 2 enabled: not supported */
	MMU_ERR_TG_RESERVED = -5, /* reserved TGx encoding and
				     impdef.tg_reserved = MMU_TGRES_ERROR */
};

/* The translation regime the registers in struct mmu_regs belong to. */
enum mmu_regime {
	MMU_REGIME_EL10 = 1, /* EL1&0: *_EL1 registers */
	MMU_REGIME_EL2 = 2,  /* EL2, HCR_EL2.E2H = 0: *_EL2 registers */
};

/* Optional architecture features that change the walk. */
enum mmu_feature {
	MMU_FEAT_HPDS = 1u << 0,  /* FEAT_HPDS: TCR.HPDx honoured */
	MMU_FEAT_PAUTH = 1u << 1, /* FEAT_PAuth: TCR.TBIDx honoured */
	MMU_FEAT_PAN = 1u << 2,   /* FEAT_PAN: mmu_regs.pan honoured */
};

/* Granule used for a reserved TG0 (0b11) or TG1 (0b00) encoding. */
enum mmu_tg_reserved {
	MMU_TGRES_4K = 0, /* default: what QEMU uses */
	MMU_TGRES_16K,
	MMU_TGRES_64K,
	MMU_TGRES_ERROR,  /* report MMU_ERR_TG_RESERVED */
};

/*
 * The IMPLEMENTATION DEFINED / CONSTRAINED UNPREDICTABLE choices.  All
 * false / zero is the default, which matches Unicorn 2.0.1 (QEMU 5.0).
 */
struct mmu_impdef {
	/* TxSZ below 16 or above 39: a level 0 Translation fault (true) or
	 * the value is clamped into 16..39 (false: QEMU). */
	bool txsz_fault;
	enum mmu_tg_reserved tg_reserved;
	/* Instruction fetch from a Device memory page: a Permission fault
	 * (true) or fetched as Normal memory (false: the Cortex-A53/A57/A72
	 * TRMs, QEMU).  Arm's Unpredictable_INSTRDEVICE. */
	bool ifetch_device_fault;
	/* A Contiguous bit whose range is larger than the input address
	 * range: a Translation fault (true) or the hint is ignored (false:
	 * QEMU ignores the bit). */
	bool contig_fault;
	/* DC IVAC on a page with AF = 0: no Access flag fault (true) or an
	 * Access flag fault (false).  "Generate access flag fault on IC/DC
	 * operations". */
	bool dc_af_exempt;
};

/*
 * The registers of one translation regime.  For MMU_REGIME_EL10 pass
 * SCTLR_EL1, TCR_EL1, TTBR0_EL1, TTBR1_EL1 and MAIR_EL1; for
 * MMU_REGIME_EL2 the *_EL2 registers (ttbr1 is not used).  hcr is
 * HCR_EL2 when EL2 is implemented and enabled in the current Security
 * state, else 0.  pan is PSTATE.PAN (only read with MMU_FEAT_PAN).
 * pa_bits is the implemented physical address size (PAMax): 40 for
 * cortex-a53/a57/a72, 48 for QEMU's max.
 */
struct mmu_regs {
	uint64_t sctlr, tcr, ttbr0, ttbr1, mair, hcr;
	enum mmu_regime regime;
	bool pan;
	unsigned pa_bits;
	unsigned features; /* enum mmu_feature bits */
	struct mmu_impdef impdef;
};

/*
 * The kind of access, as the permission check sees it:
 *  - MMU_READ: loads and load-exclusives;
 *  - MMU_WRITE: stores, store-exclusives, DC ZVA;
 *  - MMU_RMW: atomic read-modify-write (LDADD, SWP, CAS, ...): needs read
 *    and write permission;
 *  - MMU_EXEC: instruction fetch;
 *  - MMU_DC_IVAC: DC IVAC, which needs write permission, is not subject to
 *    PAN, and reports WnR = 1 (as do all cache maintenance faults).
 */
enum mmu_acc {
	MMU_READ,
	MMU_WRITE,
	MMU_RMW,
	MMU_EXEC,
	MMU_DC_IVAC,
};

/* Which check failed; the FSC is mmu_result.fsc. */
enum mmu_fault {
	MMU_FAULT_NONE,
	MMU_FAULT_ADDRESS_SIZE, /* FSC 0b0000LL */
	MMU_FAULT_TRANSLATION,  /* FSC 0b0001LL */
	MMU_FAULT_ACCESS_FLAG,  /* FSC 0b0010LL */
	MMU_FAULT_PERMISSION,   /* FSC 0b0011LL */
	MMU_FAULT_EXT_WALK,     /* FSC 0b0101LL: synchronous External abort
				   on a translation table walk */
};

/* FSC bases (Arm ARM, ESR_ELx.ISS DFSC/IFSC); the level (0..3) is added. */
enum mmu_fsc {
	MMU_FSC_ADDRESS_SIZE = 0x00,
	MMU_FSC_TRANSLATION = 0x04,
	MMU_FSC_ACCESS_FLAG = 0x08,
	MMU_FSC_PERMISSION = 0x0c,
	MMU_FSC_EXT_WALK = 0x14,
};

/*
 * The outcome of one translation.
 *  - fault/kind/fsc/level: fsc is the 6-bit ESR_ELx.ISS DFSC/IFSC;
 *    level is the lookup level of the fault, or of the leaf descriptor.
 *    Faults found before the walk (VA out of range, EPDx, TxSZ, MMU off
 *    address size) are level 0, as is an Address size fault on the
 *    TTBR.
 *  - wnr: ESR_ELx.ISS.WnR for a Data Abort: 1 for MMU_WRITE and
 *    MMU_DC_IVAC; for MMU_RMW 1 only on a Permission fault where the page
 *    is readable but not writable (the pseudocode's NoFault() sets
 *    write = !read && write, and the read permission is checked first);
 *    0 otherwise.
 *  - walk_pa: the descriptor address whose read failed (MMU_FAULT_EXT_WALK).
 *  - attrs_valid: the walk reached a leaf (no fault, or a Permission
 *    fault); then pa, desc, block_bits, memattr and device are valid.
 *    With the MMU off they are valid when there is no fault.
 *  - pa: the output address of va; desc: the leaf descriptor (0 with the
 *    MMU off); block_bits: log2 of the page or block size (12 with the MMU
 *    off); memattr: the MAIR_ELx attribute byte (MMU off: 0x00,
 *    Device-nGnRnE, for data; 0xaa or 0x44, Normal Write-Through or
 *    Non-cacheable per SCTLR.I, for instruction fetches); device:
 *    memattr<7:4> = 0.
 */
struct mmu_result {
	bool fault;
	enum mmu_fault kind;
	unsigned fsc;
	int level;
	bool wnr;
	uint64_t walk_pa;
	bool attrs_valid;
	uint64_t pa;
	uint64_t desc;
	unsigned block_bits;
	uint8_t memattr;
	bool device;
};

/*
 * Descriptor reads.  read_phys64 returns the 8 bytes at physical address
 * pa (8-aligned) as a little-endian value (the byte at pa is bits 7:0;
 * SCTLR.EE is applied here), or false when pa is not backed by memory:
 * that is a synchronous External abort on the walk.
 */
struct mmu_mem {
	bool (*read_phys64)(void *ctx, uint64_t pa, uint64_t *val);
	void *ctx;
};

/*
 * Translate @va for an access of kind @acc made at Exception level @el
 * (0, 1 or 2; the current EL).  @unpriv: the access is checked as EL0, as
 * LDTR/STTR from EL1 are when PSTATE.UAO = 0 (the caller applies UAO);
 * ignored in the EL2 regime, which has no EL0.  el 0/1 need
 * MMU_REGIME_EL10, el 2 MMU_REGIME_EL2.
 * Returns 0 with *res filled (a fault is a result, not an error), or a
 * negative enum mmu_err with *res zeroed.
 * AArch64.S1Translate (the stage 1 part of AArch64.TranslateAddress).
 */
int mmu_translate(const struct mmu_regs *r, const struct mmu_mem *m,
		  uint64_t va, enum mmu_acc acc, unsigned el, bool unpriv,
		  struct mmu_result *res);

/* The largest size mmu_translate_range accepts. */
enum { MMU_RANGE_MAX = 64 * 1024 };

/*
 * Translate every byte of [va, va + size) (1 <= size <= MMU_RANGE_MAX;
 * addresses wrap at 2^64), one page or block at a time, lowest address
 * first.  On the first faulting page, *res is that translation and *far
 * the lowest address of it the access touches: va itself if the first
 * page faults, else the start of the faulting page or block.  Without a
 * fault, *res is the translation of va and *far = va.  Returns as
 * mmu_translate.
 */
int mmu_translate_range(const struct mmu_regs *r, const struct mmu_mem *m,
			uint64_t va, uint64_t size, enum mmu_acc acc,
			unsigned el, bool unpriv, struct mmu_result *res,
			uint64_t *far);

/* A static description of an enum mmu_err value. */
const char *mmu_strerror(int err);

#endif
