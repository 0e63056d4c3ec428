// SPDX-License-Identifier: MIT
/*
 * model/fields.c - the register catalogue and one field table per register.
 *
 * Every table lists its fields in ascending lsb order and covers all 64
 * bits (RES0 gaps are listed as RES0 fields).  Bit positions, reset values
 * and encodings follow the Arm ARM D24.3 register pages (digest sections 0,
 * 1, 2.1, 4.1, 7, 8); a field whose feature the configuration lacks
 * behaves as RES0, except DBGBCR<n>_EL1.BAS, which is RES1 without AArch32
 * (see absent_is_res1()).
 */
#include "fields.h"

#include <stddef.h>

#include "types.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define FIELD(nm, l, w, k, ft, unk, rv, d, e, ne) { \
	.name = nm, .lsb = l, .width = w, .kind = k, .feature = ft, \
	.reset_unknown = unk, .reset_value = rv, .desc = d, .enc = e, \
	.nenc = ne }

/* Read/write, reset UNKNOWN. */
#define RWU(nm, l, w, ft, d) \
	FIELD(nm, l, w, AD_FK_RW, ft, true, 0, d, NULL, 0)
#define RWUE(nm, l, w, ft, d, e) \
	FIELD(nm, l, w, AD_FK_RW, ft, true, 0, d, e, ARRAY_SIZE(e))
/* Read/write with a defined reset value. */
#define RWR(nm, l, w, ft, rv, d) \
	FIELD(nm, l, w, AD_FK_RW, ft, false, rv, d, NULL, 0)
#define RWRE(nm, l, w, ft, rv, d, e) \
	FIELD(nm, l, w, AD_FK_RW, ft, false, rv, d, e, ARRAY_SIZE(e))
/* Read-only: the value is synthesised (reset value = the value). */
#define ROV(nm, l, w, ft, rv, d) \
	FIELD(nm, l, w, AD_FK_RO, ft, false, rv, d, NULL, 0)
#define ROVE(nm, l, w, ft, rv, d, e) \
	FIELD(nm, l, w, AD_FK_RO, ft, false, rv, d, e, ARRAY_SIZE(e))
/* Read-only unless OSLSR_EL1.OSLK == 1 (MDSCR_EL1 save/restore view). */
#define ROR(nm, l, w, ft, rv, d) \
	FIELD(nm, l, w, AD_FK_RO, ft, false, rv, d, NULL, 0)
#define WOE(nm, l, w, d, e) \
	FIELD(nm, l, w, AD_FK_WO, AD_FEAT_ALWAYS, false, 0, d, e, ARRAY_SIZE(e))
#define RES0(l, w) \
	FIELD("RES0", l, w, AD_FK_RES0, AD_FEAT_ALWAYS, false, 0, \
	      "Reserved, RES0", NULL, 0)
/* Architected, but its feature is not modelled: behaves as RES0. */
#define NEVER(nm, l, w, d) RWU(nm, l, w, AD_FEAT_NEVER, d)

#define ENC(v, m) { v, m, 0, -1 }
#define ENC_RES(v, m) { v, m, AD_ENC_RESERVED, -1 }

/* ---- shared encodings ------------------------------------------------- */

static const struct ad_encoding enc_trap[] = {
	ENC(0, "Not trapped by this control"),
	ENC(1, "Trapped"),
};

static const struct ad_encoding enc_enable[] = {
	ENC(0, "Disabled"),
	ENC(1, "Enabled"),
};

/*
 * PMC/PAC, HMC and SSC: which combinations are reserved depends on all
 * three fields and on the configuration (CheckValidStateMatch), so the
 * encodings are described here and AD_POL_RESBPWPCTRL is applied by
 * match.c to the combination.
 */
static const struct ad_encoding enc_pmc[] = {
	ENC(0, "No EL1/EL0 match: valid only in the HMC=1 rows (EL3 / EL2 only), or for a breakpoint with AArch32 EL1 (PL1+PL0 via SVC/USR/SYS, matches nothing in AArch64)"),
	ENC(1, "Match at EL1"),
	ENC(2, "Match at EL0"),
	ENC(3, "Match at EL1 and EL0"),
};

static const struct ad_encoding enc_pac[] = {
	ENC(0, "No EL1/EL0 match: valid only in the HMC=1 rows (EL3 / EL2 only)"),
	ENC(1, "Match accesses checked as EL1 (EL1 access, or LDTR/STTR with UAO)"),
	ENC(2, "Match accesses checked as EL0 (EL0 access, or LDTR/STTR at EL1/EL2)"),
	ENC(3, "Match accesses checked as EL1 or EL0"),
};

static const struct ad_encoding enc_hmc[] = {
	ENC(0, "Higher mode control off: match only at the ELs PxC selects"),
	ENC(1, "Higher mode control on: also EL2 (and EL3) per SSC and PxC"),
};

static const struct ad_encoding enc_ssc[] = {
	ENC(0, "Both Security states"),
	ENC(1, "Non-secure state only"),
	ENC(2, "Secure state only (HMC=1: Secure EL1/EL0 and EL3)"),
	ENC(3, "HMC=1, PxC=00: EL2 only; other combinations need Secure EL2 (reserved here)"),
};

#define MASKN(n) ENC(n, "Mask the low " #n " address bits (a 2^" #n "-byte block)")
#define MASK_ENCODINGS(pol) \
	ENC(0, "No mask"), \
	{ 1, "Reserved", AD_ENC_RESERVED | AD_ENC_CU, pol }, \
	{ 2, "Reserved", AD_ENC_RESERVED | AD_ENC_CU, pol }, \
	MASKN(3), MASKN(4), MASKN(5), MASKN(6), MASKN(7), MASKN(8), \
	MASKN(9), MASKN(10), MASKN(11), MASKN(12), MASKN(13), MASKN(14), \
	MASKN(15), MASKN(16), MASKN(17), MASKN(18), MASKN(19), MASKN(20), \
	MASKN(21), MASKN(22), MASKN(23), MASKN(24), MASKN(25), MASKN(26), \
	MASKN(27), MASKN(28), MASKN(29), MASKN(30), MASKN(31)

/* ---- DBGBCR<n>_EL1 ---------------------------------------------------- */

static const struct ad_encoding bcr_e[] = {
	ENC(0, "Breakpoint disabled"),
	ENC(1, "Breakpoint enabled (with FEAT_Debugv8p9, ignored for n >= 16 unless MDSCR_EL1.EMBWE is effectively 1)"),
};

/*
 * BAS with AArch32 EL1.  Stored values are only 0000/0011/1100/1111:
 * BAS[3] reads as BAS[2] and BAS[1] as BAS[0] (regs.c).  For an A64
 * instruction only BAS[0] (the halfword at BVR) and BAS[2] (BVR+2) are
 * looked at (AArch64.BreakpointMatch).
 */
static const struct ad_encoding bcr_bas[] = {
	{ 0x0, "No halfword selected: the breakpoint never matches (reserved value)", AD_ENC_RESERVED, -1 },
	ENC(0x3, "Instruction at DBGBVR (T32); an A64 instruction at DBGBVR matches"),
	{ 0xc, "Instruction at DBGBVR+2 (T32); for an A64 instruction at DBGBVR only its upper halfword is selected", AD_ENC_CU, AD_POL_BPMATCHHALF },
	ENC(0xf, "Instruction at DBGBVR (A64 and A32)"),
};

/*
 * BT: every value is allocated in the current architecture, but most are
 * reserved on some configurations (AArch64.ReservedBreakpointType).  The
 * condition is in the text; when it does not hold the type is reserved
 * and Unpredictable_RESBPTYPE (AD_POL_RESBPTYPE) resolves it, which match.c
 * applies per configuration, so no flag is set here.
 */
static const struct ad_encoding bcr_bt[] = {
	ENC(0x0, "Unlinked instruction address match"),
	ENC(0x1, "Linked instruction address match (linked to the context breakpoint LBN)"),
	{ 0x2, "Unlinked Context ID match (context-aware breakpoint only; CONTEXTIDR_EL2 when in host, else CONTEXTIDR_EL1)", 0, AD_POL_RESBPTYPE },
	{ 0x3, "Linked Context ID match (context-aware breakpoint only; a link target)", 0, AD_POL_RESBPTYPE },
	{ 0x4, "Unlinked instruction address mismatch (needs FEAT_BWE; reserved otherwise in AArch64)", 0, AD_POL_RESBPTYPE },
	{ 0x5, "Linked instruction address mismatch (needs FEAT_BWE; reserved otherwise in AArch64)", 0, AD_POL_RESBPTYPE },
	{ 0x6, "Unlinked CONTEXTIDR_EL1 match (needs EL2, FEAT_VHE and a context-aware breakpoint)", 0, AD_POL_RESBPTYPE },
	{ 0x7, "Linked CONTEXTIDR_EL1 match (needs EL2, FEAT_VHE and a context-aware breakpoint)", 0, AD_POL_RESBPTYPE },
	{ 0x8, "Unlinked VMID match (needs EL2 and a context-aware breakpoint)", 0, AD_POL_RESBPTYPE },
	{ 0x9, "Linked VMID match (needs EL2 and a context-aware breakpoint)", 0, AD_POL_RESBPTYPE },
	{ 0xa, "Unlinked VMID + CONTEXTIDR_EL1 match (needs EL2 and a context-aware breakpoint)", 0, AD_POL_RESBPTYPE },
	{ 0xb, "Linked VMID + CONTEXTIDR_EL1 match (needs EL2 and a context-aware breakpoint)", 0, AD_POL_RESBPTYPE },
	{ 0xc, "Unlinked CONTEXTIDR_EL2 match (needs EL2, FEAT_VHE and a context-aware breakpoint)", 0, AD_POL_RESBPTYPE },
	{ 0xd, "Linked CONTEXTIDR_EL2 match (needs EL2, FEAT_VHE and a context-aware breakpoint)", 0, AD_POL_RESBPTYPE },
	{ 0xe, "Unlinked full context match: CONTEXTIDR_EL1 and CONTEXTIDR_EL2 (needs EL2, FEAT_VHE, context-aware)", 0, AD_POL_RESBPTYPE },
	{ 0xf, "Linked full context match (needs EL2, FEAT_VHE and a context-aware breakpoint)", 0, AD_POL_RESBPTYPE },
};

static const struct ad_encoding bcr_mask[] = { MASK_ENCODINGS(AD_POL_BPMASK) };

static const struct ad_field dbgbcr_fields[] = {
	RWUE("E", 0, 1, AD_FEAT_ALWAYS, "Enable breakpoint n", bcr_e),
	RWUE("PMC", 1, 2, AD_FEAT_ALWAYS, "Privilege mode control (with HMC, SSC)", enc_pmc),
	NEVER("BT2", 3, 1, "Breakpoint type 2: address linking (FEAT_ABLE, not modelled)"),
	RES0(4, 1),
	/* Index 4: RES1 when AArch32 is not implemented (absent_is_res1()). */
	RWUE("BAS", 5, 4, AD_FEAT_AA32EL1, "Byte address select: halfwords matched (RES1 without AArch32; BAS[3]=BAS[2], BAS[1]=BAS[0] on read)", bcr_bas),
	RES0(9, 4),
	RWUE("HMC", 13, 1, AD_FEAT_ALWAYS, "Higher mode control (with PMC, SSC)", enc_hmc),
	RWUE("SSC", 14, 2, AD_FEAT_ALWAYS, "Security state control (with PMC, HMC)", enc_ssc),
	RWU("LBN", 16, 4, AD_FEAT_ALWAYS, "Linked breakpoint number (low 4 bits)"),
	RWUE("BT", 20, 4, AD_FEAT_ALWAYS, "Breakpoint type", bcr_bt),
	RWUE("MASK", 24, 5, AD_FEAT_BWE, "Address mask (FEAT_BWE)", bcr_mask),
	NEVER("SSCE", 29, 1, "Security state control extended (FEAT_RME, not modelled)"),
	RWU("LBNX", 30, 2, AD_FEAT_DEBUGV8P9, "Linked breakpoint number, bits [5:4] (FEAT_Debugv8p9)"),
	RES0(32, 32),
};

/* ---- DBGBVR<n>_EL1 (address layout) ---------------------------------- */

static const struct ad_field dbgbvr_fields[] = {
	FIELD("RES0", 0, 2, AD_FK_RES0, AD_FEAT_ALWAYS, false, 0,
	      "RES0 in the address layout (ContextID[1:0] on a context-aware breakpoint)",
	      NULL, 0),
	RWU("VA", 2, 47, AD_FEAT_ALWAYS, "VA[48:2] of the instruction to match"),
	RWU("VA[52:49]", 49, 4, AD_FEAT_ALWAYS, "VA[52:49] with FEAT_LVA, otherwise part of RESS (read back as written)"),
	RWU("RESS", 53, 11, AD_FEAT_ALWAYS, "Sign extension of the top VA bit (read back as written; compare per Unpredictable_DBGxVR_RESS)"),
};

/* ---- DBGWCR<n>_EL1 ---------------------------------------------------- */

static const struct ad_encoding wcr_e[] = {
	ENC(0, "Watchpoint disabled"),
	ENC(1, "Watchpoint enabled (with FEAT_Debugv8p9, ignored for n >= 16 unless MDSCR_EL1.EMBWE is effectively 1)"),
};

static const struct ad_encoding wcr_lsc[] = {
	{ 0, "Reserved", AD_ENC_RESERVED | AD_ENC_CU, AD_POL_RESLSC },
	ENC(1, "Match loads (and the read part of atomics)"),
	ENC(2, "Match stores (and atomic writes, DC ZVA, DC IVAC)"),
	ENC(3, "Match loads and stores"),
};

static const struct ad_encoding wcr_wt[] = {
	ENC(0, "Unlinked data address match"),
	ENC(1, "Linked data address match (linked to the context breakpoint LBN)"),
};

static const struct ad_encoding wcr_mask[] = { MASK_ENCODINGS(AD_POL_RESWPMASK) };

static const struct ad_field dbgwcr_fields[] = {
	RWUE("E", 0, 1, AD_FEAT_ALWAYS, "Enable watchpoint n", wcr_e),
	RWUE("PAC", 1, 2, AD_FEAT_ALWAYS, "Privilege of access control (with HMC, SSC)", enc_pac),
	RWUE("LSC", 3, 2, AD_FEAT_ALWAYS, "Load/store control", wcr_lsc),
	/* Non-contiguous values: Unpredictable_WPBASCONTIGUOUS (match.c),
	 * read back per AD_POL_BAS_READBACK (regs.c). */
	RWU("BAS", 5, 8, AD_FEAT_ALWAYS, "Byte address select: bytes of the doubleword at DBGWVR (one contiguous run; else CU)"),
	RWUE("HMC", 13, 1, AD_FEAT_ALWAYS, "Higher mode control (with PAC, SSC)", enc_hmc),
	RWUE("SSC", 14, 2, AD_FEAT_ALWAYS, "Security state control (with PAC, HMC)", enc_ssc),
	RWU("LBN", 16, 4, AD_FEAT_ALWAYS, "Linked breakpoint number (low 4 bits)"),
	RWUE("WT", 20, 1, AD_FEAT_ALWAYS, "Watchpoint type", wcr_wt),
	RES0(21, 1),
	NEVER("WT2", 22, 1, "Watchpoint type 2: address mismatch (FEAT_BWE2, not modelled)"),
	RES0(23, 1),
	RWUE("MASK", 24, 5, AD_FEAT_ALWAYS, "Address mask (MASK != 0: BAS must be 0xFF)", wcr_mask),
	NEVER("SSCE", 29, 1, "Security state control extended (FEAT_RME, not modelled)"),
	RWU("LBNX", 30, 2, AD_FEAT_DEBUGV8P9, "Linked breakpoint number, bits [5:4] (FEAT_Debugv8p9)"),
	RES0(32, 32),
};

/* ---- DBGWVR<n>_EL1 ---------------------------------------------------- */

static const struct ad_field dbgwvr_fields[] = {
	RES0(0, 2),
	RWU("VA", 2, 47, AD_FEAT_ALWAYS, "VA[48:2] of the watched doubleword (bit 2 set: only BAS[3:0] used, deprecated)"),
	RWU("VA[52:49]", 49, 4, AD_FEAT_ALWAYS, "VA[52:49] with FEAT_LVA, otherwise part of RESS (read back as written)"),
	RWU("RESS", 53, 11, AD_FEAT_ALWAYS, "Sign extension of the top VA bit (read back as written; compare per Unpredictable_DBGxVR_RESS)"),
};

/* ---- MDSCR_EL1 -------------------------------------------------------- */

/*
 * The fields marked ROR are save/restore views of EDSCR/EDSCR2: RO while
 * OSLSR_EL1.OSLK == 0, RW while it is 1 (ARM D24.3 MDSCR_EL1; regs.c),
 * and reset to 0 on a Cold reset.
 */
static const struct ad_field mdscr_fields[] = {
	RWUE("SS", 0, 1, AD_FEAT_ALWAYS, "Software step enable", enc_enable),
	RES0(1, 5),
	ROR("ERR", 6, 1, AD_FEAT_ALWAYS, 0, "EDSCR.ERR save/restore (RW only while OSLK == 1)"),
	RES0(7, 5),
	RWUE("TDCC", 12, 1, AD_FEAT_ALWAYS, "Trap EL0 access to the DCC registers to EL1 (EL2 if HCR_EL2.TGE)", enc_trap),
	RWUE("KDE", 13, 1, AD_FEAT_ALWAYS, "Local (same-EL) debug enable", enc_enable),
	ROR("HDE", 14, 1, AD_FEAT_ALWAYS, 0, "EDSCR.HDE save/restore (RW only while OSLK == 1)"),
	RWUE("MDE", 15, 1, AD_FEAT_ALWAYS, "Monitor debug events: breakpoints, watchpoints, vector catch", enc_enable),
	/* [18:16] are RAZ/WI. */
	RES0(16, 3),
	FIELD("SC2", 19, 1, AD_FK_RO, AD_FEAT_NEVER, false, 0,
	      "EDSCR.SC2 save/restore (FEAT_PCSRv8 with VHE, not modelled)", NULL, 0),
	RES0(20, 1),
	ROR("TDA", 21, 1, AD_FEAT_ALWAYS, 0, "EDSCR.TDA save/restore (RW only while OSLK == 1)"),
	ROR("INTdis", 22, 2, AD_FEAT_ALWAYS, 0, "EDSCR.INTdis save/restore (RW only while OSLK == 1)"),
	RES0(24, 2),
	ROR("TXU", 26, 1, AD_FEAT_ALWAYS, 0, "EDSCR.TXU save/restore (RW only while OSLK == 1)"),
	ROR("RXO", 27, 1, AD_FEAT_ALWAYS, 0, "EDSCR.RXO save/restore (RW only while OSLK == 1)"),
	RES0(28, 1),
	ROR("TXfull", 29, 1, AD_FEAT_ALWAYS, 0, "EDSCR.TXfull: DTRTX full (RW only while OSLK == 1)"),
	ROR("RXfull", 30, 1, AD_FEAT_ALWAYS, 0, "EDSCR.RXfull: DTRRX full (RW only while OSLK == 1)"),
	FIELD("TFO", 31, 1, AD_FK_RO, AD_FEAT_NEVER, false, 0,
	      "EDSCR.TFO save/restore (FEAT_TRF, not modelled)", NULL, 0),
	RWUE("EMBWE", 32, 1, AD_FEAT_DEBUGV8P9, "Enable breakpoints/watchpoints >= 16 and MDSELR_EL1.BANK at EL1", enc_enable),
	FIELD("TTA", 33, 1, AD_FK_RO, AD_FEAT_NEVER, false, 0,
	      "EDSCR2.TTA save/restore (FEAT_TRBE_EXT/ETEv1p3, not modelled)", NULL, 0),
	NEVER("EnSPM", 34, 1, "Enable EL0 System PMU access (FEAT_SPMU, not modelled)"),
	ROR("EHBWE", 35, 1, AD_FEAT_DEBUGV8P9, 0, "EDSCR2.EHBWE save/restore (RW only while OSLK == 1)"),
	RES0(36, 14),
	NEVER("EnSTEPOP", 50, 1, "Enable execution from MDSTEPOP_EL1 (FEAT_STEP2, not modelled)"),
	RES0(51, 13),
};

/* ---- OS lock, power control, bank select ----------------------------- */

static const struct ad_encoding oslar_oslk[] = {
	ENC(0, "Unlock the OS lock"),
	ENC(1, "Lock the OS lock"),
};

static const struct ad_field oslar_fields[] = {
	WOE("OSLK", 0, 1, "Written to the OS lock (OSLSR_EL1.OSLK)", oslar_oslk),
	RES0(1, 63),
};

static const struct ad_encoding oslsr_oslk[] = {
	ENC(0, "OS lock unlocked"),
	ENC(1, "OS lock locked: debug exceptions other than BRK are disabled"),
};

/* OSLM = {bit 3, bit 0} = 0b10: OS lock implemented (Armv8). */
static const struct ad_field oslsr_fields[] = {
	ROV("OSLM[0]", 0, 1, AD_FEAT_ALWAYS, 0, "OS lock model, bit 0 (OSLM = 0b10: OS lock implemented)"),
	ROVE("OSLK", 1, 1, AD_FEAT_ALWAYS, 1, "OS lock status (Cold reset: 1)", oslsr_oslk),
	ROV("nTT", 2, 1, AD_FEAT_ALWAYS, 0, "Not 32-bit access: RAZ"),
	ROV("OSLM[1]", 3, 1, AD_FEAT_ALWAYS, 1, "OS lock model, bit 1"),
	RES0(4, 60),
};

static const struct ad_encoding osdlr_dlk[] = {
	ENC(0, "OS double lock unlocked"),
	ENC(1, "OS double lock locked (if DBGPRCR_EL1.CORENPDRQ == 0 and not halted)"),
};

static const struct ad_field osdlr_fields[] = {
	RWRE("DLK", 0, 1, AD_FEAT_DOUBLELOCK, 0, "OS double lock (RAZ/WI without FEAT_DoubleLock)", osdlr_dlk),
	RES0(1, 63),
};

static const struct ad_encoding dbgprcr_corenpdrq[] = {
	ENC(0, "A powerdown request powers the core down"),
	ENC(1, "A powerdown request is emulated (no core powerdown)"),
};

/* Cold reset: EDPRCR.COREPURQ, which is 0 here (no external debugger). */
static const struct ad_field dbgprcr_fields[] = {
	RWRE("CORENPDRQ", 0, 1, AD_FEAT_ALWAYS, 0, "Core no powerdown request", dbgprcr_corenpdrq),
	RES0(1, 63),
};

static const struct ad_encoding mdselr_bank[] = {
	ENC(0, "Breakpoints/watchpoints 0-15"),
	ENC(1, "Breakpoints/watchpoints 16-31"),
	ENC(2, "Breakpoints/watchpoints 32-47"),
	ENC(3, "Breakpoints/watchpoints 48-63"),
};

static const struct ad_field mdselr_fields[] = {
	RES0(0, 4),
	/* Index 1: RES0 with <= 16 breakpoints and watchpoints (is_mdselr_bank()). */
	RWUE("BANK", 4, 2, AD_FEAT_DEBUGV8P9, "Bank of 16 the DBGB*/DBGW* encodings address", mdselr_bank),
	RES0(6, 58),
};

/* ---- CLAIM tags, authentication, ROM address ------------------------- */

/* Reads return the implemented tags (RAO); writing 1 sets a tag. */
static const struct ad_field claimset_fields[] = {
	RWR("CLAIM", 0, 8, AD_FEAT_ALWAYS, 0xff, "Set CLAIM tags (write 1 to set); reads as 0xFF, the implemented tags"),
	RES0(8, 56),
};

static const struct ad_field claimclr_fields[] = {
	RWR("CLAIM", 0, 8, AD_FEAT_ALWAYS, 0, "Clear CLAIM tags (write 1 to clear); reads return the current tags (Cold reset: 0)"),
	RES0(8, 56),
};

static const struct ad_encoding auth_enc[] = {
	ENC(0, "Not implemented (that Security state does not exist)"),
	ENC_RES(1, "Reserved"),
	ENC(2, "Implemented and disabled"),
	ENC(3, "Implemented and enabled"),
};

/*
 * The model's authentication interface has every debug enable signal
 * HIGH: NS invasive/non-invasive debug enabled; the Secure fields report
 * 0b11 with EL3 (Secure state exists) and 0b00 without (regs.c).
 */
static const struct ad_field authstatus_fields[] = {
	ROVE("NSID", 0, 2, AD_FEAT_ALWAYS, 3, "Non-secure invasive debug", auth_enc),
	ROVE("NSNID", 2, 2, AD_FEAT_ALWAYS, 3, "Non-secure non-invasive debug", auth_enc),
	ROVE("SID", 4, 2, AD_FEAT_EL3, 3, "Secure invasive debug (0b00 without EL3)", auth_enc),
	ROVE("SNID", 6, 2, AD_FEAT_EL3, 3, "Secure non-invasive debug (0b00 without EL3)", auth_enc),
	RES0(8, 4),
	FIELD("RLID", 12, 2, AD_FK_RO, AD_FEAT_NEVER, false, 0, "Realm invasive debug (FEAT_RME, not modelled)", NULL, 0),
	FIELD("RLNID", 14, 2, AD_FK_RO, AD_FEAT_NEVER, false, 0, "Realm non-invasive debug (FEAT_RME, not modelled)", NULL, 0),
	RES0(16, 8),
	FIELD("RTID", 24, 2, AD_FK_RO, AD_FEAT_NEVER, false, 0, "Root invasive debug (FEAT_RME, not modelled)", NULL, 0),
	FIELD("RTNID", 26, 2, AD_FK_RO, AD_FEAT_NEVER, false, 0, "Root non-invasive debug (FEAT_RME, not modelled)", NULL, 0),
	RES0(28, 36),
};

static const struct ad_encoding mdrar_valid[] = {
	ENC(0, "ROM table address not valid: ignore ROMADDR"),
	ENC_RES(1, "Reserved"),
	ENC_RES(2, "Reserved"),
	ENC(3, "ROM table address valid"),
};

/* The model has no memory-mapped debug: Valid = 0b00 (Arm recommends 0). */
static const struct ad_field mdrar_fields[] = {
	ROVE("Valid", 0, 2, AD_FEAT_ALWAYS, 0, "ROM table address valid (0b00 here: no memory-mapped debug components)", mdrar_valid),
	RES0(2, 10),
	ROV("ROMADDR", 12, 44, AD_FEAT_ALWAYS, 0, "ROM table PA[55:12] (0 here; UNKNOWN when Valid == 0b00)"),
	RES0(56, 8),
};

/* ---- Debug Communications Channel ------------------------------------ */

static const struct ad_encoding full_enc[] = {
	ENC(0, "Empty"),
	ENC(1, "Full"),
};

static const struct ad_field mdccsr_fields[] = {
	RES0(0, 29),
	ROVE("TXfull", 29, 1, AD_FEAT_ALWAYS, 0, "DTRTX full (read-only view of EDSCR.TXfull)", full_enc),
	ROVE("RXfull", 30, 1, AD_FEAT_ALWAYS, 0, "DTRRX full (read-only view of EDSCR.RXfull)", full_enc),
	RES0(31, 33),
};

static const struct ad_field mdccint_fields[] = {
	RES0(0, 29),
	RWRE("TX", 29, 1, AD_FEAT_ALWAYS, 0, "COMMIRQ on TXfull == 0", enc_enable),
	RWRE("RX", 30, 1, AD_FEAT_ALWAYS, 0, "COMMIRQ on RXfull == 1", enc_enable),
	RES0(31, 33),
};

static const struct ad_field dbgdtr_fields[] = {
	RWU("LowWord", 0, 32, AD_FEAT_ALWAYS, "Write: DTRTX (sets TXfull); read: DTRRX (clears RXfull)"),
	RWU("HighWord", 32, 32, AD_FEAT_ALWAYS, "Write: DTRRX (RXfull unchanged); read: DTRTX"),
};

static const struct ad_field dbgdtrrx_fields[] = {
	FIELD("DTRRX", 0, 32, AD_FK_RO, AD_FEAT_ALWAYS, true, 0,
	      "Read DTRRX (UNKNOWN if RXfull == 0); clears RXfull", NULL, 0),
	RES0(32, 32),
};

static const struct ad_field dbgdtrtx_fields[] = {
	FIELD("DTRTX", 0, 32, AD_FK_WO, AD_FEAT_ALWAYS, true, 0,
	      "Write DTRTX (UNKNOWN if TXfull was 1); sets TXfull", NULL, 0),
	RES0(32, 32),
};

static const struct ad_field osdtrrx_fields[] = {
	RWU("DTRRX", 0, 32, AD_FEAT_ALWAYS, "DTRRX without side effect (save/restore)"),
	RES0(32, 32),
};

static const struct ad_field osdtrtx_fields[] = {
	RWU("DTRTX", 0, 32, AD_FEAT_ALWAYS, "DTRTX without side effect (save/restore)"),
	RES0(32, 32),
};

/* Reads UNKNOWN and writes ignored while OSLK == 0 (regs.c). */
static const struct ad_field oseccr_fields[] = {
	RWR("EDECCR", 0, 32, AD_FEAT_ALWAYS, 0, "EDECCR save/restore (accessible only while OSLK == 1; Cold reset 0)"),
	RES0(32, 32),
};

/* EL3 layout; without EL3 bits [7:1] are F, I, -, D, P, S, U. */
static const struct ad_field dbgvcr32_fields[] = {
	RES0(0, 1),
	RWU("SU", 1, 1, AD_FEAT_ALWAYS, "Undefined Instruction vector catch, Secure (U without EL3)"),
	RWU("SS", 2, 1, AD_FEAT_ALWAYS, "SVC vector catch, Secure (S without EL3)"),
	RWU("SP", 3, 1, AD_FEAT_ALWAYS, "Prefetch Abort vector catch, Secure (P without EL3)"),
	RWU("SD", 4, 1, AD_FEAT_ALWAYS, "Data Abort vector catch, Secure (D without EL3)"),
	RES0(5, 1),
	RWU("SI", 6, 1, AD_FEAT_ALWAYS, "IRQ vector catch, Secure (I without EL3)"),
	RWU("SF", 7, 1, AD_FEAT_ALWAYS, "FIQ vector catch, Secure (F without EL3)"),
	RES0(8, 17),
	RWU("NSU", 25, 1, AD_FEAT_EL3, "Undefined Instruction vector catch, Non-secure"),
	RWU("NSS", 26, 1, AD_FEAT_EL3, "SVC vector catch, Non-secure"),
	RWU("NSP", 27, 1, AD_FEAT_EL3, "Prefetch Abort vector catch, Non-secure"),
	RWU("NSD", 28, 1, AD_FEAT_EL3, "Data Abort vector catch, Non-secure"),
	RES0(29, 1),
	RWU("NSI", 30, 1, AD_FEAT_EL3, "IRQ vector catch, Non-secure"),
	RWU("NSF", 31, 1, AD_FEAT_EL3, "FIQ vector catch, Non-secure"),
	RES0(32, 32),
};

/* ---- ID registers (values from the configuration, config.c) ---------- */

static const struct ad_encoding dfr0_debugver[] = {
	ENC(0x6, "Armv8.0 debug"),
	ENC(0x7, "Armv8.1 debug (FEAT_Debugv8p1, VHE)"),
	ENC(0x8, "Armv8.2 debug (FEAT_Debugv8p2)"),
	ENC(0x9, "Armv8.4 debug (FEAT_Debugv8p4)"),
	ENC(0xa, "Armv8.8 debug (FEAT_Debugv8p8)"),
	ENC(0xb, "Armv8.9 debug (FEAT_Debugv8p9)"),
};

static const struct ad_encoding dfr0_pmuver[] = {
	ENC(0x0, "No PMU"),
	ENC(0x1, "PMUv3"),
	ENC(0x4, "PMUv3p1"),
	ENC(0x5, "PMUv3p4"),
	ENC(0x6, "PMUv3p5"),
	ENC(0x7, "PMUv3p7"),
	ENC(0x8, "PMUv3p8"),
	ENC(0x9, "PMUv3p9"),
	ENC(0xf, "IMPLEMENTATION DEFINED PMU"),
};

static const struct ad_encoding dfr0_doublelock[] = {
	ENC(0x0, "FEAT_DoubleLock implemented"),
	ENC(0xf, "FEAT_DoubleLock not implemented"),
};

static const struct ad_field dfr0_fields[] = {
	ROVE("DebugVer", 0, 4, AD_FEAT_ALWAYS, 0, "Debug architecture version", dfr0_debugver),
	ROV("TraceVer", 4, 4, AD_FEAT_ALWAYS, 0, "System register trace (0: none)"),
	ROVE("PMUVer", 8, 4, AD_FEAT_ALWAYS, 0, "PMU version", dfr0_pmuver),
	ROV("BRPs", 12, 4, AD_FEAT_ALWAYS, 0, "Breakpoints - 1 (15 when more than 16, see ID_AA64DFR1_EL1)"),
	ROV("PMSS", 16, 4, AD_FEAT_ALWAYS, 0, "PMU snapshot extension"),
	ROV("WRPs", 20, 4, AD_FEAT_ALWAYS, 0, "Watchpoints - 1 (15 when more than 16)"),
	ROV("SEBEP", 24, 4, AD_FEAT_ALWAYS, 0, "Synchronous PMU exceptions"),
	ROV("CTX_CMPs", 28, 4, AD_FEAT_ALWAYS, 0, "Context-aware breakpoints - 1"),
	ROV("PMSVer", 32, 4, AD_FEAT_ALWAYS, 0, "Statistical Profiling version"),
	ROVE("DoubleLock", 36, 4, AD_FEAT_ALWAYS, 0, "OS double lock", dfr0_doublelock),
	ROV("TraceFilt", 40, 4, AD_FEAT_ALWAYS, 0, "Trace filter (FEAT_TRF)"),
	ROV("TraceBuffer", 44, 4, AD_FEAT_ALWAYS, 0, "Trace buffer (FEAT_TRBE)"),
	ROV("MTPMU", 48, 4, AD_FEAT_ALWAYS, 0, "Multi-threaded PMU"),
	ROV("BRBE", 52, 4, AD_FEAT_ALWAYS, 0, "Branch record buffer"),
	ROV("ExtTrcBuff", 56, 4, AD_FEAT_ALWAYS, 0, "Trace buffer external mode"),
	ROV("HPMN0", 60, 4, AD_FEAT_ALWAYS, 0, "MDCR_EL2.HPMN == 0 allowed"),
};

static const struct ad_field dfr1_fields[] = {
	ROV("SYSPMUID", 0, 8, AD_FEAT_ALWAYS, 0, "System PMU ID"),
	ROV("BRPs", 8, 8, AD_FEAT_ALWAYS, 0, "Breakpoints - 1 (FEAT_Debugv8p9, 0 otherwise)"),
	ROV("WRPs", 16, 8, AD_FEAT_ALWAYS, 0, "Watchpoints - 1 (FEAT_Debugv8p9, 0 otherwise)"),
	ROV("CTX_CMPs", 24, 8, AD_FEAT_ALWAYS, 0, "Context-aware breakpoints - 1 (FEAT_Debugv8p9, 0 otherwise)"),
	ROV("SPMU", 32, 4, AD_FEAT_ALWAYS, 0, "System PMU"),
	ROV("PMICNTR", 36, 4, AD_FEAT_ALWAYS, 0, "PMU instruction counter"),
	ROV("ABLE", 40, 4, AD_FEAT_ALWAYS, 0, "Address breakpoint linking (FEAT_ABLE)"),
	ROV("ITE", 44, 4, AD_FEAT_ALWAYS, 0, "Instrumentation trace"),
	ROV("EBEP", 48, 4, AD_FEAT_ALWAYS, 0, "PMU exception-based event profiling"),
	ROV("DPFZS", 52, 4, AD_FEAT_ALWAYS, 0, "PMU freeze on SPE event in Debug state"),
	ROV("ABL_CMPs", 56, 8, AD_FEAT_ALWAYS, 0, "Breakpoints that support address linking - 1"),
};

/* ---- MDCR_EL2 / MDCR_EL3 ---------------------------------------------- */

static const struct ad_encoding mdcr2_tde[] = {
	ENC(0, "Debug exceptions are not routed to EL2 by this control"),
	ENC(1, "Route debug exceptions from EL0/EL1 to EL2; TDA, TDOSA, TDRA behave as 1"),
};

static const struct ad_field mdcr2_fields[] = {
	RWU("HPMN", 0, 5, AD_FEAT_PMU, "Event counters accessible from EL1/EL0 (PMU, not modelled beyond storage)"),
	RWU("TPMCR", 5, 1, AD_FEAT_PMU, "Trap PMCR_EL0 accesses to EL2"),
	RWU("TPM", 6, 1, AD_FEAT_PMU, "Trap PMU register accesses to EL2"),
	RWU("HPME", 7, 1, AD_FEAT_PMU, "EL2 PMU counters enable"),
	RWUE("TDE", 8, 1, AD_FEAT_ALWAYS, "Trap debug exceptions: route to EL2", mdcr2_tde),
	RWUE("TDA", 9, 1, AD_FEAT_ALWAYS, "Trap debug register accesses from EL0/EL1 to EL2", enc_trap),
	RWUE("TDOSA", 10, 1, AD_FEAT_ALWAYS, "Trap OSLAR/OSLSR/OSDLR/DBGPRCR accesses from EL1 to EL2", enc_trap),
	RWUE("TDRA", 11, 1, AD_FEAT_ALWAYS, "Trap MDRAR_EL1 accesses from EL1 to EL2", enc_trap),
	NEVER("E2PB", 12, 2, "Profiling buffer owning EL (FEAT_SPE, not modelled)"),
	NEVER("TPMS", 14, 1, "Trap SPE registers (FEAT_SPE, not modelled)"),
	NEVER("EnSPM", 15, 1, "System PMU access (FEAT_SPMU, not modelled)"),
	RES0(16, 1),
	NEVER("HPMD", 17, 1, "Guest PMU disable at EL2 (FEAT_PMUv3p1, not modelled)"),
	RES0(18, 1),
	NEVER("TTRF", 19, 1, "Trap trace filter controls (FEAT_TRF, not modelled)"),
	RES0(20, 3),
	NEVER("HCCD", 23, 1, "Cycle counter disable at EL2 (FEAT_PMUv3p5, not modelled)"),
	NEVER("E2TB", 24, 2, "Trace buffer owning EL (FEAT_TRBE, not modelled)"),
	NEVER("HLP", 26, 1, "Long event counter enable (FEAT_PMUv3p5, not modelled)"),
	RWUE("TDCC", 27, 1, AD_FEAT_FGT, "Trap DCC accesses from EL0/EL1 to EL2 (FEAT_FGT)", enc_trap),
	NEVER("MTPME", 28, 1, "Multi-threaded PMU enable (FEAT_MTPMU, not modelled)"),
	NEVER("HPMFZO", 29, 1, "Freeze on overflow (FEAT_PMUv3p7, not modelled)"),
	NEVER("PMSSE", 30, 2, "PMU snapshot enable (FEAT_PMUv3_SS, not modelled)"),
	RES0(32, 4),
	NEVER("HPMFZS", 36, 1, "Freeze on SPE event (FEAT_SPEv1p2, not modelled)"),
	RES0(37, 3),
	NEVER("PMEE", 40, 2, "PMU exception enable (FEAT_EBEP, not modelled)"),
	RES0(42, 1),
	RWUE("EBWE", 43, 1, AD_FEAT_DEBUGV8P9, "Enable breakpoints/watchpoints >= 16 and MDSELR_EL1.BANK at EL2", enc_enable),
	RES0(44, 6),
	NEVER("EnSTEPOP", 50, 1, "Enable MDSTEPOP_EL1 (FEAT_STEP2, not modelled)"),
	RES0(51, 13),
};

static const struct ad_encoding mdcr3_spd32[] = {
	ENC(0, "Legacy: Secure AArch32 EL1 debug per the authentication interface"),
	{ 1, "Reserved (AArch32 Secure EL1 debug is not modelled)", AD_ENC_RESERVED, -1 },
	ENC(2, "Secure AArch32 EL1 debug exceptions disabled"),
	ENC(3, "Secure AArch32 EL1 debug exceptions enabled"),
};

static const struct ad_encoding mdcr3_sdd[] = {
	ENC(0, "Debug exceptions in Secure state not affected"),
	ENC(1, "Debug exceptions other than BRK disabled in Secure state"),
};

static const struct ad_field mdcr3_fields[] = {
	NEVER("RLTE", 0, 1, "Realm trace enable (FEAT_RME, not modelled)"),
	RES0(1, 1),
	NEVER("EPMADE", 2, 1, "External PMU access disable extended (FEAT_RME, not modelled)"),
	NEVER("ETADE", 3, 1, "External trace access disable extended (FEAT_RME, not modelled)"),
	NEVER("EDADE", 4, 1, "External debug access disable extended (FEAT_RME, not modelled)"),
	RES0(5, 1),
	RWU("TPM", 6, 1, AD_FEAT_PMU, "Trap PMU register accesses to EL3"),
	NEVER("EnPM2", 7, 1, "PMUv3p9 register access (not modelled)"),
	RES0(8, 1),
	RWUE("TDA", 9, 1, AD_FEAT_ALWAYS, "Trap debug register accesses (and MDRAR_EL1) from EL0-EL2 to EL3", enc_trap),
	RWUE("TDOSA", 10, 1, AD_FEAT_ALWAYS, "Trap OSLAR/OSLSR/OSDLR/DBGPRCR accesses from EL1/EL2 to EL3", enc_trap),
	NEVER("NSPBE", 11, 1, "Profiling buffer security state extended (FEAT_RME, not modelled)"),
	NEVER("NSPB", 12, 2, "Profiling buffer owning security state (FEAT_SPE, not modelled)"),
	RWUE("SPD32", 14, 2, AD_FEAT_AA32EL1, "AArch32 Secure EL1 debug", mdcr3_spd32),
	RWUE("SDD", 16, 1, AD_FEAT_ALWAYS, "Secure self-hosted debug disable (AArch64)", mdcr3_sdd),
	RWR("SPME", 17, 1, AD_FEAT_PMU, 0, "Secure PMU event counting enable"),
	NEVER("STE", 18, 1, "Secure trace enable (FEAT_TRF, not modelled)"),
	NEVER("TTRF", 19, 1, "Trap trace filter controls (FEAT_TRF, not modelled)"),
	RWR("EDAD", 20, 1, AD_FEAT_ALWAYS, 0, "External debug access disable (no external debugger is modelled)"),
	RWR("EPMAD", 21, 1, AD_FEAT_PMU, 0, "External PMU access disable"),
	NEVER("ETAD", 22, 1, "External trace access disable (not modelled)"),
	NEVER("SCCD", 23, 1, "Secure cycle counter disable (FEAT_PMUv3p5, not modelled)"),
	NEVER("NSTB", 24, 2, "Trace buffer owning security state (FEAT_TRBE, not modelled)"),
	NEVER("NSTBE", 26, 1, "Trace buffer security state extended (FEAT_RME, not modelled)"),
	RWUE("TDCC", 27, 1, AD_FEAT_FGT, "Trap DCC accesses from EL0-EL2 to EL3 (FEAT_FGT)", enc_trap),
	NEVER("MTPME", 28, 1, "Multi-threaded PMU enable (FEAT_MTPMU, not modelled)"),
	RES0(29, 1),
	NEVER("PMSSE", 30, 2, "PMU snapshot enable (not modelled)"),
	NEVER("SBRBE", 32, 2, "Secure branch record buffer enable (FEAT_BRBE, not modelled)"),
	NEVER("MCCD", 34, 1, "Cycle counter disable at EL3 (not modelled)"),
	NEVER("MPMX", 35, 1, "EL3 PMU control (not modelled)"),
	NEVER("EnPMSN", 36, 1, "PMSNEVFR_EL1 access (not modelled)"),
	NEVER("E3BREW", 37, 1, "BRBE EL3 warm reset enable (not modelled)"),
	NEVER("E3BREC", 38, 1, "BRBE EL3 cold reset enable (not modelled)"),
	NEVER("EnTB2", 39, 1, "Trace buffer register access (not modelled)"),
	NEVER("PMEE", 40, 2, "PMU exception enable (not modelled)"),
	NEVER("EnPMS3", 42, 1, "SPE register access (not modelled)"),
	RWUE("EBWE", 43, 1, AD_FEAT_DEBUGV8P9, "Enable breakpoints/watchpoints >= 16; 0 traps MDSELR_EL1 to EL3", enc_enable),
	NEVER("EnPMSS", 44, 1, "PMU snapshot register access (not modelled)"),
	NEVER("EPMSSAD", 45, 2, "External PMU snapshot access disable (not modelled)"),
	NEVER("EnITE", 47, 1, "Instrumentation trace access (not modelled)"),
	NEVER("ETBAD", 48, 2, "External trace buffer access disable (not modelled)"),
	NEVER("EnSTEPOP", 50, 1, "Enable MDSTEPOP_EL1 (FEAT_STEP2, not modelled)"),
	NEVER("PMSEE", 51, 2, "Profiling buffer event exception enable (not modelled)"),
	NEVER("TRBEE", 53, 2, "Trace buffer event exception enable (not modelled)"),
	NEVER("EnPMS4", 55, 1, "SPE register access (not modelled)"),
	RES0(56, 8),
};

/* ---- match inputs: CONTEXTIDR, VTTBR_EL2, HCR_EL2 --------------------- */

static const struct ad_field contextidr1_fields[] = {
	RWU("PROCID", 0, 32, AD_FEAT_ALWAYS, "Context ID compared by Context ID breakpoints (EL1&0 regime)"),
	RES0(32, 32),
};

static const struct ad_field contextidr2_fields[] = {
	RWU("PROCID", 0, 32, AD_FEAT_ALWAYS, "Context ID compared by CONTEXTIDR_EL2 / host Context ID breakpoints"),
	RES0(32, 32),
};

static const struct ad_field vttbr_fields[] = {
	RWU("CnP", 0, 1, AD_FEAT_ALWAYS, "Common not private (FEAT_TTCNP)"),
	RWU("BADDR", 1, 47, AD_FEAT_ALWAYS, "Stage 2 translation table base address"),
	RWU("VMID", 48, 8, AD_FEAT_ALWAYS, "VMID[7:0], compared by VMID breakpoints"),
	RWU("VMID[15:8]", 56, 8, AD_FEAT_VMID16, "VMID[15:8] (FEAT_VMID16, used when VTCR_EL2.VS == 1)"),
};

static const struct ad_encoding hcr_tge[] = {
	ENC(0, "EL1&0 guest regime"),
	ENC(1, "EL0 is a host application: EL1 exceptions go to EL2; MDCR_EL2.{TDE,TDA,TDOSA,TDRA} behave as 1"),
};

static const struct ad_encoding hcr_e2h[] = {
	ENC(0, "EL2 is a hypervisor (no EL2&0 regime)"),
	ENC(1, "EL2 host (FEAT_VHE): with TGE, EL0 runs in the EL2&0 regime"),
};

/*
 * Debug-relevant HCR_EL2 bits plus the rest of the register for decoding.
 * RW is RAO/WI without AArch32 EL1 (regs.c).
 */
static const struct ad_field hcr_fields[] = {
	RWU("VM", 0, 1, AD_FEAT_ALWAYS, "Stage 2 translation enable"),
	RWU("SWIO", 1, 1, AD_FEAT_ALWAYS, "Set/way invalidation override"),
	RWU("PTW", 2, 1, AD_FEAT_ALWAYS, "Protected table walk"),
	RWU("FMO", 3, 1, AD_FEAT_ALWAYS, "Physical FIQ routing to EL2"),
	RWU("IMO", 4, 1, AD_FEAT_ALWAYS, "Physical IRQ routing to EL2"),
	RWU("AMO", 5, 1, AD_FEAT_ALWAYS, "Physical SError routing to EL2"),
	RWU("VF", 6, 1, AD_FEAT_ALWAYS, "Virtual FIQ pending"),
	RWU("VI", 7, 1, AD_FEAT_ALWAYS, "Virtual IRQ pending"),
	RWU("VSE", 8, 1, AD_FEAT_ALWAYS, "Virtual SError pending"),
	RWU("FB", 9, 1, AD_FEAT_ALWAYS, "Force broadcast"),
	RWU("BSU", 10, 2, AD_FEAT_ALWAYS, "Barrier shareability upgrade"),
	RWU("DC", 12, 1, AD_FEAT_ALWAYS, "Default cacheability"),
	RWU("TWI", 13, 1, AD_FEAT_ALWAYS, "Trap WFI"),
	RWU("TWE", 14, 1, AD_FEAT_ALWAYS, "Trap WFE"),
	RWU("TID0", 15, 1, AD_FEAT_ALWAYS, "Trap ID group 0"),
	RWU("TID1", 16, 1, AD_FEAT_ALWAYS, "Trap ID group 1"),
	RWU("TID2", 17, 1, AD_FEAT_ALWAYS, "Trap ID group 2"),
	RWUE("TID3", 18, 1, AD_FEAT_ALWAYS, "Trap ID group 3 (incl. ID_AA64DFR0/1_EL1) reads from EL1 to EL2", enc_trap),
	RWU("TSC", 19, 1, AD_FEAT_ALWAYS, "Trap SMC"),
	RWU("TIDCP", 20, 1, AD_FEAT_ALWAYS, "Trap IMPLEMENTATION DEFINED functionality"),
	RWU("TACR", 21, 1, AD_FEAT_ALWAYS, "Trap auxiliary control registers"),
	RWU("TSW", 22, 1, AD_FEAT_ALWAYS, "Trap data cache set/way maintenance"),
	RWU("TPCP", 23, 1, AD_FEAT_ALWAYS, "Trap cache maintenance to PoC/PoP"),
	RWU("TPU", 24, 1, AD_FEAT_ALWAYS, "Trap cache maintenance to PoU"),
	RWU("TTLB", 25, 1, AD_FEAT_ALWAYS, "Trap TLB maintenance"),
	RWU("TVM", 26, 1, AD_FEAT_ALWAYS, "Trap virtual memory controls (writes)"),
	RWUE("TGE", 27, 1, AD_FEAT_ALWAYS, "Trap general exceptions (host EL0)", hcr_tge),
	RWU("TDZ", 28, 1, AD_FEAT_ALWAYS, "Trap DC ZVA"),
	RWU("HCD", 29, 1, AD_FEAT_ALWAYS, "HVC disable (RES0 with EL3)"),
	RWU("TRVM", 30, 1, AD_FEAT_ALWAYS, "Trap virtual memory controls (reads)"),
	RWU("RW", 31, 1, AD_FEAT_ALWAYS, "EL1 is AArch64 (RAO/WI without AArch32 EL1)"),
	RWU("CD", 32, 1, AD_FEAT_ALWAYS, "Stage 2 data access cacheability disable"),
	RWU("ID", 33, 1, AD_FEAT_ALWAYS, "Stage 2 instruction access cacheability disable"),
	RWUE("E2H", 34, 1, AD_FEAT_VHE, "EL2 host (FEAT_VHE)", hcr_e2h),
	RWU("TLOR", 35, 1, AD_FEAT_ALWAYS, "Trap LOR registers"),
	RWU("TERR", 36, 1, AD_FEAT_ALWAYS, "Trap error record accesses"),
	RWU("TEA", 37, 1, AD_FEAT_ALWAYS, "Route synchronous External aborts to EL2"),
	RWU("MIOCNC", 38, 1, AD_FEAT_ALWAYS, "Mismatched inner/outer cacheable non-coherency"),
	RWU("TME", 39, 1, AD_FEAT_ALWAYS, "Enable TME instructions"),
	RWU("APK", 40, 1, AD_FEAT_ALWAYS, "Do not trap pointer authentication key registers"),
	RWU("API", 41, 1, AD_FEAT_ALWAYS, "Do not trap pointer authentication instructions"),
	RWU("NV", 42, 1, AD_FEAT_ALWAYS, "Nested virtualisation (read by AArch64.IsUnprivAccessPriv)"),
	RWU("NV1", 43, 1, AD_FEAT_ALWAYS, "Nested virtualisation (read by AArch64.IsUnprivAccessPriv)"),
	RWU("AT", 44, 1, AD_FEAT_ALWAYS, "Trap AT S1E0*/S1E1*"),
	RWU("NV2", 45, 1, AD_FEAT_ALWAYS, "Enhanced nested virtualisation"),
	RWU("FWB", 46, 1, AD_FEAT_ALWAYS, "Stage 2 forced write-back"),
	RWU("FIEN", 47, 1, AD_FEAT_ALWAYS, "Fault injection enable"),
	RWU("GPF", 48, 1, AD_FEAT_ALWAYS, "Route granule protection faults to EL2"),
	RWU("TID4", 49, 1, AD_FEAT_ALWAYS, "Trap ID group 4"),
	RWU("TICAB", 50, 1, AD_FEAT_ALWAYS, "Trap IC IALLUIS"),
	RWU("AMVOFFEN", 51, 1, AD_FEAT_ALWAYS, "Activity monitor virtual offsets enable"),
	RWU("TOCU", 52, 1, AD_FEAT_ALWAYS, "Trap cache maintenance to PoU (other)"),
	RWU("EnSCXT", 53, 1, AD_FEAT_ALWAYS, "Enable SCXTNUM access"),
	RWU("TTLBIS", 54, 1, AD_FEAT_ALWAYS, "Trap Inner Shareable TLB maintenance"),
	RWU("TTLBOS", 55, 1, AD_FEAT_ALWAYS, "Trap Outer Shareable TLB maintenance"),
	RWU("ATA", 56, 1, AD_FEAT_ALWAYS, "Allocation tag access"),
	RWU("DCT", 57, 1, AD_FEAT_ALWAYS, "Default cacheability tagging"),
	RWU("TID5", 58, 1, AD_FEAT_ALWAYS, "Trap ID group 5"),
	RWU("TWEDEn", 59, 1, AD_FEAT_ALWAYS, "TWE delay enable"),
	RWU("TWEDEL", 60, 4, AD_FEAT_ALWAYS, "TWE delay"),
};

/* ---- ESR_ELx (decode only; the ISS tables are syndrome.c's) ---------- */

static const struct ad_encoding esr_il[] = {
	ENC(0, "16-bit instruction (or exception not tied to an instruction)"),
	ENC(1, "32-bit instruction (always for A64 and for debug exceptions)"),
};

static const struct ad_encoding esr_ec[] = {
	ENC(0x00, "Unknown reason (includes UNDEFINED instructions)"),
	ENC(0x01, "Trapped WF* instruction"),
	ENC(0x03, "Trapped AArch32 MCR/MRC (coproc 0b1111)"),
	ENC(0x04, "Trapped AArch32 MCRR/MRRC (coproc 0b1111)"),
	ENC(0x05, "Trapped AArch32 MCR/MRC (coproc 0b1110)"),
	ENC(0x06, "Trapped AArch32 LDC/STC"),
	ENC(0x07, "Trapped SVE, Advanced SIMD or floating-point access"),
	ENC(0x0a, "Trapped LD64B/ST64B*"),
	ENC(0x0c, "Trapped AArch32 MRRC (coproc 0b1110)"),
	ENC(0x0d, "Branch target exception"),
	ENC(0x0e, "Illegal Execution state"),
	ENC(0x11, "SVC from AArch32"),
	ENC(0x12, "HVC from AArch32"),
	ENC(0x13, "SMC from AArch32"),
	ENC(0x15, "SVC from AArch64"),
	ENC(0x16, "HVC from AArch64"),
	ENC(0x17, "SMC from AArch64"),
	ENC(0x18, "Trapped MSR, MRS or System instruction (AArch64)"),
	ENC(0x19, "Trapped SVE access"),
	ENC(0x1a, "Trapped ERET/ERETAA/ERETAB"),
	ENC(0x1b, "TSTART in Transactional state"),
	ENC(0x1c, "Pointer authentication failure"),
	ENC(0x1d, "Trapped SME access"),
	ENC(0x1f, "IMPLEMENTATION DEFINED exception to EL3"),
	ENC(0x20, "Instruction Abort from a lower EL"),
	ENC(0x21, "Instruction Abort from the same EL"),
	ENC(0x22, "PC alignment fault"),
	ENC(0x24, "Data Abort from a lower EL"),
	ENC(0x25, "Data Abort from the same EL"),
	ENC(0x26, "SP alignment fault"),
	ENC(0x27, "Memory Operation (MOPS) exception"),
	ENC(0x28, "Trapped floating-point exception (AArch32)"),
	ENC(0x2c, "Trapped floating-point exception (AArch64)"),
	ENC(0x2d, "Guarded Control Stack exception"),
	ENC(0x2f, "SError"),
	ENC(0x30, "Breakpoint from a lower EL"),
	ENC(0x31, "Breakpoint from the same EL"),
	ENC(0x32, "Software Step from a lower EL"),
	ENC(0x33, "Software Step from the same EL"),
	ENC(0x34, "Watchpoint from a lower EL"),
	ENC(0x35, "Watchpoint from the same EL"),
	ENC(0x38, "BKPT (AArch32)"),
	ENC(0x3a, "Vector Catch (AArch32)"),
	ENC(0x3c, "BRK (AArch64)"),
	ENC(0x3d, "PMU profiling exception"),
};

static const struct ad_field esr_fields[] = {
	RWU("ISS", 0, 25, AD_FEAT_ALWAYS, "Instruction specific syndrome (layout per EC)"),
	RWUE("IL", 25, 1, AD_FEAT_ALWAYS, "Instruction length", esr_il),
	RWUE("EC", 26, 6, AD_FEAT_ALWAYS, "Exception class", esr_ec),
	RWU("ISS2", 32, 24, AD_FEAT_ALWAYS, "Instruction specific syndrome 2"),
	RES0(56, 8),
};

/* ---- the catalogue ---------------------------------------------------- */

#define FIELDS(t) .fields = t, .nfields = ARRAY_SIZE(t)
#define ENCODING(a, b, c, d, e) .op0 = a, .op1 = b, .crn = c, .crm = d, .op2 = e

static const struct ad_regdesc regs[AD_REG__COUNT] = {
	[AD_REG_DBGBVR] = {
		.reg = AD_REG_DBGBVR, .name = "DBGBVR<n>_EL1", ENCODING(2, 0, 0, 0, 4),
		.banked = true, .readable = true, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "Breakpoint value: instruction VA (BT 000x/010x). For context types the same bits hold ContextID[31:0], VMID[39:32] (VMID[47:32] with FEAT_VMID16) and ContextID2[63:32]",
		FIELDS(dbgbvr_fields) },
	[AD_REG_DBGBCR] = {
		.reg = AD_REG_DBGBCR, .name = "DBGBCR<n>_EL1", ENCODING(2, 0, 0, 0, 5),
		.banked = true, .readable = true, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "Breakpoint control: enable, type, linking, state match, halfword select",
		FIELDS(dbgbcr_fields) },
	[AD_REG_DBGWVR] = {
		.reg = AD_REG_DBGWVR, .name = "DBGWVR<n>_EL1", ENCODING(2, 0, 0, 0, 6),
		.banked = true, .readable = true, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "Watchpoint value: data VA (doubleword aligned)",
		FIELDS(dbgwvr_fields) },
	[AD_REG_DBGWCR] = {
		.reg = AD_REG_DBGWCR, .name = "DBGWCR<n>_EL1", ENCODING(2, 0, 0, 0, 7),
		.banked = true, .readable = true, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "Watchpoint control: enable, load/store, byte select, mask, linking, state match",
		FIELDS(dbgwcr_fields) },
	[AD_REG_MDSCR_EL1] = {
		.reg = AD_REG_MDSCR_EL1, .name = "MDSCR_EL1", ENCODING(2, 0, 0, 2, 2),
		.readable = true, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "Monitor debug system control: MDE, KDE, SS, TDCC and the EDSCR save/restore view",
		FIELDS(mdscr_fields) },
	[AD_REG_OSLAR_EL1] = {
		.reg = AD_REG_OSLAR_EL1, .name = "OSLAR_EL1", ENCODING(2, 0, 1, 0, 4),
		.readable = false, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "OS lock access: bit 0 written to the OS lock",
		FIELDS(oslar_fields) },
	[AD_REG_OSLSR_EL1] = {
		.reg = AD_REG_OSLSR_EL1, .name = "OSLSR_EL1", ENCODING(2, 0, 1, 1, 4),
		.readable = true, .writable = false,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "OS lock status (0xA after a cold reset: implemented, locked)",
		FIELDS(oslsr_fields) },
	[AD_REG_OSDLR_EL1] = {
		.reg = AD_REG_OSDLR_EL1, .name = "OSDLR_EL1", ENCODING(2, 0, 1, 3, 4),
		.readable = true, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "OS double lock (RAZ/WI without FEAT_DoubleLock)",
		FIELDS(osdlr_fields) },
	[AD_REG_DBGPRCR_EL1] = {
		.reg = AD_REG_DBGPRCR_EL1, .name = "DBGPRCR_EL1", ENCODING(2, 0, 1, 4, 4),
		.readable = true, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "Debug power control: core no-powerdown request",
		FIELDS(dbgprcr_fields) },
	[AD_REG_MDSELR_EL1] = {
		.reg = AD_REG_MDSELR_EL1, .name = "MDSELR_EL1", ENCODING(2, 0, 0, 4, 2),
		.readable = true, .writable = true,
		.feature = AD_FEAT_DEBUGV8P9, .min_el = 1,
		.desc = "Breakpoint/watchpoint bank select (FEAT_Debugv8p9)",
		FIELDS(mdselr_fields) },
	[AD_REG_DBGCLAIMSET_EL1] = {
		.reg = AD_REG_DBGCLAIMSET_EL1, .name = "DBGCLAIMSET_EL1", ENCODING(2, 0, 7, 8, 6),
		.readable = true, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "CLAIM tag set (reads 0xFF: eight tags implemented)",
		FIELDS(claimset_fields) },
	[AD_REG_DBGCLAIMCLR_EL1] = {
		.reg = AD_REG_DBGCLAIMCLR_EL1, .name = "DBGCLAIMCLR_EL1", ENCODING(2, 0, 7, 9, 6),
		.readable = true, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "CLAIM tag clear (reads the current tags)",
		FIELDS(claimclr_fields) },
	[AD_REG_DBGAUTHSTATUS_EL1] = {
		.reg = AD_REG_DBGAUTHSTATUS_EL1, .name = "DBGAUTHSTATUS_EL1", ENCODING(2, 0, 7, 14, 6),
		.readable = true, .writable = false,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "Debug authentication status (all debug enabled in the model)",
		FIELDS(authstatus_fields) },
	[AD_REG_MDRAR_EL1] = {
		.reg = AD_REG_MDRAR_EL1, .name = "MDRAR_EL1", ENCODING(2, 0, 1, 0, 0),
		.readable = true, .writable = false,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "Debug ROM address (deprecated; reads 0: not valid)",
		FIELDS(mdrar_fields) },
	[AD_REG_MDCCSR_EL0] = {
		.reg = AD_REG_MDCCSR_EL0, .name = "MDCCSR_EL0", ENCODING(2, 3, 0, 1, 0),
		.readable = true, .writable = false,
		.feature = AD_FEAT_ALWAYS, .min_el = 0,
		.desc = "DCC status: TXfull, RXfull",
		FIELDS(mdccsr_fields) },
	[AD_REG_MDCCINT_EL1] = {
		.reg = AD_REG_MDCCINT_EL1, .name = "MDCCINT_EL1", ENCODING(2, 0, 0, 2, 0),
		.readable = true, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "DCC interrupt enables",
		FIELDS(mdccint_fields) },
	[AD_REG_DBGDTR_EL0] = {
		.reg = AD_REG_DBGDTR_EL0, .name = "DBGDTR_EL0", ENCODING(2, 3, 0, 4, 0),
		.readable = true, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 0,
		.desc = "DCC half-duplex 64-bit transfer (write: RX:TX; read: TX:RX)",
		FIELDS(dbgdtr_fields) },
	[AD_REG_DBGDTRRX_EL0] = {
		.reg = AD_REG_DBGDTRRX_EL0, .name = "DBGDTRRX_EL0", ENCODING(2, 3, 0, 5, 0),
		.readable = true, .writable = false,
		.feature = AD_FEAT_ALWAYS, .min_el = 0,
		.desc = "DCC receive (the MRS view of the shared encoding)",
		FIELDS(dbgdtrrx_fields) },
	[AD_REG_DBGDTRTX_EL0] = {
		.reg = AD_REG_DBGDTRTX_EL0, .name = "DBGDTRTX_EL0", ENCODING(2, 3, 0, 5, 0),
		.readable = false, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 0,
		.desc = "DCC transmit (the MSR view of the shared encoding)",
		FIELDS(dbgdtrtx_fields) },
	[AD_REG_OSDTRRX_EL1] = {
		.reg = AD_REG_OSDTRRX_EL1, .name = "OSDTRRX_EL1", ENCODING(2, 0, 0, 0, 2),
		.readable = true, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "DTRRX save/restore (no RXfull side effect)",
		FIELDS(osdtrrx_fields) },
	[AD_REG_OSDTRTX_EL1] = {
		.reg = AD_REG_OSDTRTX_EL1, .name = "OSDTRTX_EL1", ENCODING(2, 0, 0, 3, 2),
		.readable = true, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "DTRTX save/restore (no TXfull side effect)",
		FIELDS(osdtrtx_fields) },
	[AD_REG_OSECCR_EL1] = {
		.reg = AD_REG_OSECCR_EL1, .name = "OSECCR_EL1", ENCODING(2, 0, 0, 6, 2),
		.readable = true, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "EDECCR save/restore (only while the OS lock is locked)",
		FIELDS(oseccr_fields) },
	[AD_REG_DBGVCR32_EL2] = {
		.reg = AD_REG_DBGVCR32_EL2, .name = "DBGVCR32_EL2", ENCODING(2, 4, 0, 7, 0),
		.readable = true, .writable = true,
		.feature = AD_FEAT_AA32EL1, .min_el = 2,
		.desc = "AArch32 vector catch (no effect in AArch64)",
		FIELDS(dbgvcr32_fields) },
	[AD_REG_ID_AA64DFR0_EL1] = {
		.reg = AD_REG_ID_AA64DFR0_EL1, .name = "ID_AA64DFR0_EL1", ENCODING(3, 0, 0, 5, 0),
		.readable = true, .writable = false,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "Debug feature register 0 (value from the configuration)",
		FIELDS(dfr0_fields) },
	[AD_REG_ID_AA64DFR1_EL1] = {
		.reg = AD_REG_ID_AA64DFR1_EL1, .name = "ID_AA64DFR1_EL1", ENCODING(3, 0, 0, 5, 1),
		.readable = true, .writable = false,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "Debug feature register 1 (counts above 16 with FEAT_Debugv8p9)",
		FIELDS(dfr1_fields) },
	[AD_REG_MDCR_EL2] = {
		.reg = AD_REG_MDCR_EL2, .name = "MDCR_EL2", ENCODING(3, 4, 1, 1, 1),
		.readable = true, .writable = true,
		.feature = AD_FEAT_EL2, .min_el = 2,
		.desc = "EL2 debug configuration: routing (TDE) and traps (TDA, TDOSA, TDRA, TDCC)",
		FIELDS(mdcr2_fields) },
	[AD_REG_MDCR_EL3] = {
		.reg = AD_REG_MDCR_EL3, .name = "MDCR_EL3", ENCODING(3, 6, 1, 3, 1),
		.readable = true, .writable = true,
		.feature = AD_FEAT_EL3, .min_el = 3,
		.desc = "EL3 debug configuration: SDD and traps (TDA, TDOSA, TDCC, EBWE)",
		FIELDS(mdcr3_fields) },
	[AD_REG_CONTEXTIDR_EL1] = {
		.reg = AD_REG_CONTEXTIDR_EL1, .name = "CONTEXTIDR_EL1", ENCODING(3, 0, 13, 0, 1),
		.readable = true, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "EL1 Context ID (match input)",
		FIELDS(contextidr1_fields) },
	[AD_REG_CONTEXTIDR_EL2] = {
		.reg = AD_REG_CONTEXTIDR_EL2, .name = "CONTEXTIDR_EL2", ENCODING(3, 4, 13, 0, 1),
		.readable = true, .writable = true,
		.feature = AD_FEAT_VHE, .min_el = 2,
		.desc = "EL2 Context ID (FEAT_VHE; match input)",
		FIELDS(contextidr2_fields) },
	[AD_REG_VTTBR_EL2] = {
		.reg = AD_REG_VTTBR_EL2, .name = "VTTBR_EL2", ENCODING(3, 4, 2, 1, 0),
		.readable = true, .writable = true,
		.feature = AD_FEAT_EL2, .min_el = 2,
		.desc = "Stage 2 table base and VMID (match input)",
		FIELDS(vttbr_fields) },
	[AD_REG_HCR_EL2] = {
		.reg = AD_REG_HCR_EL2, .name = "HCR_EL2", ENCODING(3, 4, 1, 1, 0),
		.readable = true, .writable = true,
		.feature = AD_FEAT_EL2, .min_el = 2,
		.desc = "Hypervisor configuration (routing input: TGE, E2H, NV, NV1, TID3)",
		FIELDS(hcr_fields) },
	[AD_REG_ESR_EL1] = {
		.reg = AD_REG_ESR_EL1, .name = "ESR_EL1", ENCODING(3, 0, 5, 2, 0),
		.readable = true, .writable = true,
		.feature = AD_FEAT_ALWAYS, .min_el = 1,
		.desc = "Exception syndrome for EL1 (decode only)",
		FIELDS(esr_fields) },
	[AD_REG_ESR_EL2] = {
		.reg = AD_REG_ESR_EL2, .name = "ESR_EL2", ENCODING(3, 4, 5, 2, 0),
		.readable = true, .writable = true,
		.feature = AD_FEAT_EL2, .min_el = 2,
		.desc = "Exception syndrome for EL2 (decode only)",
		FIELDS(esr_fields) },
	[AD_REG_ESR_EL3] = {
		.reg = AD_REG_ESR_EL3, .name = "ESR_EL3", ENCODING(3, 6, 5, 2, 0),
		.readable = true, .writable = true,
		.feature = AD_FEAT_EL3, .min_el = 3,
		.desc = "Exception syndrome for EL3 (decode only)",
		FIELDS(esr_fields) },
};

const struct ad_regdesc *ad_regdesc(enum ad_reg reg)
{
	if ((unsigned)reg >= AD_REG__COUNT)
		return NULL;
	return &regs[reg];
}

/* ---- names ------------------------------------------------------------ */

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Case-insensitive comparison of @n bytes. */
static bool eq_ci_n(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lower(a[i]) != lower(b[i]) || !a[i])
			return false;
	return true;
}

static bool eq_ci(const char *a, const char *b)
{
	for (;; a++, b++) {
		if (lower(*a) != lower(*b))
			return false;
		if (!*a)
			return true;
	}
}

static size_t slen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/*
 * Match @name against a banked name "PREFIX<n>SUFFIX": returns 1 with *n
 * set, 0 no match, -2 for a number out of 0..63.
 */
static int match_banked(const char *name, const char *tmpl, unsigned *n)
{
	const char *lt = tmpl, *gt;
	size_t plen, slen_sfx;
	unsigned v = 0, digits = 0;
	const char *p;

	while (*lt && *lt != '<')
		lt++;
	if (!*lt)
		return 0;
	plen = (size_t)(lt - tmpl);
	gt = lt;
	while (*gt && *gt != '>')
		gt++;
	if (!*gt)
		return 0;
	gt++;
	slen_sfx = slen(gt);
	if (!eq_ci_n(name, tmpl, plen))
		return 0;
	p = name + plen;
	while (is_digit(*p)) {
		if (digits < 4)
			v = v * 10 + (unsigned)(*p - '0');
		digits++;
		p++;
	}
	if (!digits || slen(p) != slen_sfx || !eq_ci(p, gt))
		return 0;
	if (digits > 3 || v > 63)
		return -2;
	*n = v;
	return 1;
}

int ad_reg_parse_name(const char *name, enum ad_reg *reg, unsigned *n)
{
	if (!name || !reg || !n)
		return -1;
	for (unsigned i = 0; i < AD_REG__COUNT; i++) {
		const struct ad_regdesc *d = &regs[i];
		int r;

		if (!d->banked) {
			if (eq_ci(name, d->name)) {
				*reg = d->reg;
				*n = 0;
				return 0;
			}
			continue;
		}
		r = match_banked(name, d->name, n);
		if (r == 1) {
			*reg = d->reg;
			return 0;
		}
		if (r < 0)
			return r;
	}
	return -1;
}

/* ---- features and presence ------------------------------------------- */

bool ad_feature_present(const struct ad_config *c, enum ad_feature f)
{
	switch (f) {
	case AD_FEAT_ALWAYS:
		return true;
	case AD_FEAT_NEVER:
		return false;
	case AD_FEAT_EL2:
		return c->el2;
	case AD_FEAT_EL3:
		return c->el3;
	case AD_FEAT_AA32EL1:
		return c->aarch32_el1;
	case AD_FEAT_VHE:
		return c->vhe;
	case AD_FEAT_DOUBLELOCK:
		return c->doublelock;
	case AD_FEAT_DEBUGV8P9:
		return c->debugv8p9;
	case AD_FEAT_BWE:
		return c->bwe;
	case AD_FEAT_LVA:
		return c->va_bits >= 52;
	case AD_FEAT_VMID16:
		return c->vmid16;
	case AD_FEAT_DEBUGV8P2:
		return c->debugver >= AD_DEBUGVER_V8P2;
	case AD_FEAT_PMU:
		return c->pmuver != 0 && c->pmuver != 0xf;
	case AD_FEAT_FGT:
		/*
		 * FEAT_FGT is mandatory from Armv8.6 and FEAT_Debugv8p8 is
		 * permitted only from Armv8.7, so DebugVer >= v8.8 implies it.
		 */
		return c->debugver >= AD_DEBUGVER_V8P8;
	}
	return false;
}

/* MDSELR_EL1.BANK: RES0 with <= 16 breakpoints and watchpoints (D24.3). */
static bool is_mdselr_bank(const struct ad_field *f)
{
	return f == &mdselr_fields[1];
}

/* DBGBCR<n>_EL1.BAS is RES1 (not RES0) when AArch32 is not implemented. */
static bool absent_is_res1(const struct ad_field *f)
{
	return f == &dbgbcr_fields[4];
}

bool ad_field_present(const struct ad_field *f, const struct ad_config *c)
{
	if (!f || !c)
		return false;
	if (!ad_feature_present(c, (enum ad_feature)f->feature))
		return false;
	if (is_mdselr_bank(f))
		return c->num_bps > 16 || c->num_wps > 16;
	return true;
}

const struct ad_encoding *ad_field_encoding(const struct ad_field *f, uint64_t v)
{
	if (!f || !f->enc)
		return NULL;
	for (unsigned i = 0; i < f->nenc; i++)
		if (f->enc[i].value == v)
			return &f->enc[i];
	return NULL;
}

const struct ad_field *ad_reg_field(enum ad_reg reg, const char *name)
{
	const struct ad_regdesc *d = ad_regdesc(reg);

	if (!d || !name)
		return NULL;
	for (unsigned i = 0; i < d->nfields; i++)
		if (eq_ci(d->fields[i].name, name))
			return &d->fields[i];
	return NULL;
}

/* ---- masks ------------------------------------------------------------ */

enum eff_kind { EK_RES0, EK_RES1, EK_RW, EK_RO, EK_WO };

/* How field @f behaves on configuration @c. */
static enum eff_kind effective_kind(const struct ad_field *f,
				    const struct ad_config *c)
{
	switch (f->kind) {
	case AD_FK_RES0:
		return EK_RES0;
	case AD_FK_RES1:
		return EK_RES1;
	default:
		break;
	}
	if (!ad_field_present(f, c))
		return absent_is_res1(f) ? EK_RES1 : EK_RES0;
	switch (f->kind) {
	case AD_FK_RO:
		return EK_RO;
	case AD_FK_WO:
		return EK_WO;
	default:
		return EK_RW;
	}
}

static bool reg_present(const struct ad_regdesc *d, const struct ad_config *c)
{
	return ad_feature_present(c, (enum ad_feature)d->feature);
}

void ad_reg_masks(enum ad_reg reg, const struct ad_config *c,
		  struct ad_reg_masks *m)
{
	const struct ad_regdesc *d = ad_regdesc(reg);

	m->res0 = m->res1 = m->writable = m->ro = 0;
	if (!d || !c)
		return;
	/* A register the configuration does not have reads as zero. */
	if (!reg_present(d, c)) {
		m->res0 = ~0ull;
		return;
	}
	for (unsigned i = 0; i < d->nfields; i++) {
		uint64_t f = ad_field_mask(&d->fields[i]);

		switch (effective_kind(&d->fields[i], c)) {
		case EK_RES0: m->res0 |= f; break;
		case EK_RES1: m->res1 |= f; break;
		case EK_RO: m->ro |= f; break;
		default: m->writable |= f; break; /* EK_RW, EK_WO */
		}
	}
	if (!d->writable)
		m->writable = 0;
}

uint64_t ad_reg_res0_mask(enum ad_reg reg, const struct ad_config *c)
{
	struct ad_reg_masks m;

	ad_reg_masks(reg, c, &m);
	return m.res0;
}

uint64_t ad_reg_res1_mask(enum ad_reg reg, const struct ad_config *c)
{
	struct ad_reg_masks m;

	ad_reg_masks(reg, c, &m);
	return m.res1;
}

uint64_t ad_reg_writable_mask(enum ad_reg reg, const struct ad_config *c)
{
	struct ad_reg_masks m;

	ad_reg_masks(reg, c, &m);
	return m.writable;
}
