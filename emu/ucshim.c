/* SPDX-License-Identifier: MIT */
/*
 * emu/ucshim.c - Unicorn 2.0.1 workarounds (see ucshim.h).
 *
 * Facts marked [ref] are from the project's Unicorn notes (unicorn.md and
 * its spike programs); facts marked [measured] were measured against
 * Debian's libunicorn 2.0.1.post1 while writing this file.  ucs_selftest()
 * (ucshim_check.c) re-checks the ones the emulator depends on.
 */
#define _GNU_SOURCE /* process_vm_readv, memmem */
#include "ucshim.h"

#include <dlfcn.h>
#include <sys/uio.h>
#include <unistd.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The private page.  The switch trampoline is an ERET executed at EL3:
 * PRIV_FLUSH falls through three TLBIs into it (used when host register
 * writes may have left QEMU's TLB or translation flags stale).
 */
#define PRIV_FLUSH (UCS_PRIV_BASE + 0x00)
#define PRIV_ERET  (UCS_PRIV_BASE + 0x0c)
#define PRIV_LAND  (UCS_PRIV_BASE + 0x10) /* landing of switches to EL3 */
#define PRIV_PAD   (UCS_PRIV_BASE + 0x14) /* where ucs_stop() parks PC */
#define PRIV_CEL   (UCS_PRIV_BASE + 0x18) /* calibration probe */
#define PRIV_STOP  (UCS_PRIV_BASE + 0x1c) /* calibration stop address */
#define PRIV_TRAP  (UCS_PRIV_BASE + 0x20) /* page-trap calibration load */
#define PRIV_LDX   (UCS_PRIV_BASE + 0x28) /* exclusive-monitor calibration */
#define PRIV_NEVER (UCS_PRIV_BASE + 0xff8) /* "until" of ucs_run(): never reached */

static const uint32_t priv_code[] = {
	0xd50e871f, /* PRIV_FLUSH: tlbi alle3 */
	0xd50c871f, /*             tlbi alle2 */
	0xd50c879f, /*             tlbi alle1 */
	0xd69f03e0, /* PRIV_ERET:  eret */
	0xd43bd5a0, /* PRIV_LAND:  brk #0xdead (the landing hook redirects first) */
	0xd43bd5a0, /* PRIV_PAD:   brk #0xdead (the hook stops first) */
	0xd5384240, /* PRIV_CEL:   mrs x0, CurrentEL */
	0xd503201f, /* PRIV_STOP:  nop */
	0xf9400001, /* PRIV_TRAP:  ldr x1, [x0] */
	0xd43bd5a0, /*             brk #0xdead */
	0xc85f7c01, /* PRIV_LDX:   ldxr x1, [x0] (find_monitor()) */
	0xd503201f, /*             nop */
};

#define PSTATE_EL3H_MASKED 0x3cdULL /* EL3h, DAIF = 1111 */
#define PSTATE_EL1H_MASKED 0x3c5ULL
#define PSTATE_M1 (1ULL << 1)	    /* reserved M[1] */
/* Always valid in an A64 SPSR: NZCV, IL, DAIF, M[3:2], M[0]. */
#define PSTATE_BASE (UCS_PSTATE_NZCV | UCS_PSTATE_IL | UCS_PSTATE_DAIF | 0xdULL)
/* Optional: PAN, UAO, DIT, TCO, SSBS, BTYPE (calibrated per CPU model). */
#define PSTATE_OPTIONAL ((0xfULL << 22) | (1ULL << 12) | (3ULL << 10))

#define SCR_NS	(1ULL << 0)
#define SCR_RW	(1ULL << 10)
#define HCR_VM	(1ULL << 0)
#define HCR_TGE (1ULL << 27)
#define HCR_RW	(1ULL << 31)
#define SCTLR_M (1ULL << 0)
/* MDCR_EL3.TDA, TDOSA, TDRA: trap debug register accesses below EL3. */
#define MDCR_TRAPS ((1ULL << 9) | (1ULL << 10) | (1ULL << 11))

struct ucs {
	uc_engine *uc;
	uint64_t ram_base;
	uint64_t ram_size;
	uint8_t *ram;          /* host memory behind RAM (and its aliases) */
	unsigned nalias;
	uint64_t alias_va[UCS_MAX_ALIASES];
	uc_context *ctx;       /* scratch blob for hflags patches */
	uint8_t *env;          /* QEMU's CPU state, laid out as a blob (find_env()) */
	void (*rebuild)(void *env); /* QEMU's arm_rebuild_hflags(), or NULL */
	unsigned long ndirect; /* direct switches made (direct_switch()) */
	size_t spsr_off[4];    /* SPSR_ELx in the live state, or 0 (find_spsr()) */
	uint16_t roff[UC_ARM64_REG_ENDING]; /* plain registers there, or 0 (find_regs()) */
	size_t m_off;          /* QEMU's env->pstate (M[3:0] ...), or 0 (find_mode()) */
	size_t mon_off;        /* QEMU's exclusive_addr, _val, or 0 (find_monitor()) */
	bool pst_direct;       /* PSTATE composed from the live state (find_pstate()) */
	size_t nf_off, zf_off, cf_off, vf_off, bt_off, daif_off;
	uint64_t *el_hooks;    /* QEMU's two EL-change hook lists, emptied ... */
	uint64_t el_hooks_saved[2]; /* ... of these heads (quiet_pmu()) */
	size_t ctx_size;
	size_t hflags_off;     /* calibrated offset of hflags in a blob */
	uint32_t hflags_el3;   /* calibrated EL3 translation flags */
	uint64_t pstate_valid; /* PSTATE bits an ERET establishes */
	uc_hook priv_hook;
	bool in_run;	       /* inside ucs_run() */
	bool counted;	       /* Unicorn's counting hook is installed */
	bool flags_stale;      /* host sysreg write since the last refresh */
	bool el3_borrowed;     /* live ELR_EL3/SPSR_EL3 hold trampoline values */
	uint64_t elr_el3;      /* ... and these are their real values */
	uint64_t spsr_el3;
	bool sw_req;	       /* a switch is requested (see pending()) */
	bool sw_ready;	       /* ... and prepared */
	uint64_t sw_pstate;    /* ... to this PSTATE */
	uint64_t sw_pc;	       /* ... and PC */
	bool land_pending;     /* a switch to EL3 awaits its landing */
	uint64_t land_pc;
	bool stop_pending;
	uint64_t stop_pc;
	bool trap_armed;       /* ucs_trap_sysreg() changed MDCR_EL3 ... */
	uint64_t mdcr_el3;     /* ... whose real value is this */
	bool dc_armed;         /* ucs_trap_dc() changed HCR_EL2 ... */
	uint64_t hcr_el2;      /* ... whose real value is this */
	bool fault;	       /* a hook of ours found Unicorn misbehaving */
	bool legal_valid;      /* legality_regs() cache */
	bool guest_high;       /* a switch went to EL2 or EL3 */
	uint64_t legal_scr, legal_hcr, legal_sctlr3;
	/* page traps (stage 2) */
	uint64_t *s2;	       /* host memory of the tables (UCS_S2_BASE) */
	unsigned s2_used;      /* 4 KiB tables in use */
	bool traps_ok;	       /* calibrated: exc_off is valid */
	size_t exc_off;	       /* offset of QEMU's exception.vaddress in a blob */
	bool trap_cal;	       /* calibration run: record, stop */
	unsigned ntrap;	       /* pages trapped now (0: stage 2 off) */
	uint64_t trap_page[UCS_MAX_TRAP_PAGES];
	ucs_page_trap_fn trap_fn;
	void *trap_ctx;
	uc_hook intr_hook;
	uc_err uerr;
	char msg[400];
};

/* Host reads of these abort the process; host writes land at offset 0 of
 * QEMU's CPUARMState (or are meaningless) [measured: all 2 x 8 x 16 x 16 x
 * 8 op0=2/3 encodings, four CPU models, one forked read per encoding; ref
 * listed the first four plus CurrentEL only]. */
static const struct ucs_sysreg denied[] = {
	{ 2, 0, 0, 2, 0 },  /* MDCCINT_EL1 */
	{ 2, 0, 1, 0, 4 },  /* OSLAR_EL1 */
	{ 2, 0, 1, 3, 4 },  /* OSDLR_EL1 */
	{ 2, 4, 0, 7, 0 },  /* DBGVCR32_EL2 */
	{ 3, 0, 4, 2, 2 },  /* CurrentEL */
	{ 3, 3, 4, 2, 0 },  /* NZCV */
	{ 3, 3, 9, 12, 4 }, /* PMSWINC_EL0 */
};

static const struct ucs_sysreg reg_scr_el3 = { 3, 6, 1, 1, 0 };
static const struct ucs_sysreg reg_hcr_el2 = { 3, 4, 1, 1, 0 };
static const struct ucs_sysreg reg_sctlr_el3 = { 3, 6, 1, 0, 0 };
static const struct ucs_sysreg reg_spsr_el3 = { 3, 6, 4, 0, 0 };
static const struct ucs_sysreg reg_elr_el3 = { 3, 6, 4, 0, 1 };
static const struct ucs_sysreg reg_mdcr_el3 = { 3, 6, 1, 3, 1 };

/* op1 of the EL1/EL2/EL3 register banks. */
static const uint8_t el_op1[4] = { 0, 0, 4, 6 };

static bool sysreg_eq(struct ucs_sysreg a, struct ucs_sysreg b)
{
	return a.op0 == b.op0 && a.op1 == b.op1 && a.crn == b.crn &&
	       a.crm == b.crm && a.op2 == b.op2;
}

void ucs_version(char *buf, size_t len)
{
	unsigned int v = uc_version(NULL, NULL);

	snprintf(buf, len, "Unicorn %u.%u.%u", (v >> 24) & 0xff,
		 (v >> 16) & 0xff, (v >> 8) & 0xff);
}

static int fail(struct ucs *s, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->msg, sizeof(s->msg), fmt, ap);
	va_end(ap);
	return code;
}

/* A failure that means Unicorn does not behave as calibrated. */
static int fail_verify(struct ucs *s, const char *fmt, ...)
{
	char ver[48], what[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	ucs_version(ver, sizeof(ver));
	return fail(s, UCS_EVERIFY, "%s does not behave as ucshim expects: %s",
		    ver, what);
}

static int fail_uc(struct ucs *s, uc_err e, const char *what)
{
	s->uerr = e;
	return fail(s, UCS_EUNICORN, "%s: %s", what, uc_strerror(e));
}

/* ---- raw register access ------------------------------------------- */

/* A register find_regs() located in QEMU's live state, or NULL. */
static inline uint8_t *live(const struct ucs *s, int id)
{
	return id > 0 && id < UC_ARM64_REG_ENDING && s->roff[id] ?
	       s->env + s->roff[id] : NULL;
}

static int rd(struct ucs *s, int id, uint64_t *v)
{
	uint8_t *p = live(s, id);
	uc_err e;

	if (p) {
		memcpy(v, p, sizeof(*v));
		return 0;
	}
	*v = 0;
	e = uc_reg_read(s->uc, id, v);
	return e == UC_ERR_OK ? 0 : fail_uc(s, e, "uc_reg_read");
}

static int wr(struct ucs *s, int id, uint64_t v)
{
	uint8_t *p = live(s, id);
	uc_err e;

	if (p) {
		memcpy(p, &v, sizeof(v));
		return 0;
	}
	e = uc_reg_write(s->uc, id, &v);

	return e == UC_ERR_OK ? 0 : fail_uc(s, e, "uc_reg_write");
}

static uint32_t live32(const struct ucs *s, size_t off)
{
	uint32_t v;

	memcpy(&v, s->env + off, sizeof(v));
	return v;
}

/*
 * PSTATE from QEMU's live state, composed as QEMU's pstate_read() does:
 * the word that holds M, SS, IL, PAN ..., DAIF, BTYPE, and N, Z, C, V,
 * each kept in a field of its own.  Only after find_pstate() checked the
 * composition against Unicorn's own read.
 */
static uint64_t pstate_live(const struct ucs *s)
{
	uint64_t daif;

	memcpy(&daif, s->env + s->daif_off, sizeof(daif));
	return live32(s, s->m_off) | (daif & UCS_PSTATE_DAIF) |
	       (uint64_t)(live32(s, s->bt_off) & 3) << 10 |
	       (live32(s, s->nf_off) & 0x80000000u) |
	       (uint64_t)(live32(s, s->zf_off) == 0) << 30 |
	       (uint64_t)(live32(s, s->cf_off) & 1) << 29 |
	       (live32(s, s->vf_off) & 0x80000000u) >> 3;
}

/* PSTATE is a 32-bit register for Unicorn. */
static int rd_pstate(struct ucs *s, uint64_t *v)
{
	uint32_t p = 0;
	uc_err e;

	if (s->pst_direct) {
		*v = pstate_live(s);
		return 0;
	}
	e = uc_reg_read(s->uc, UC_ARM64_REG_PSTATE, &p);

	*v = p;
	return e == UC_ERR_OK ? 0 : fail_uc(s, e, "uc_reg_read(PSTATE)");
}

/*
 * A raw PSTATE write: QEMU's cached translation flags keep the old EL
 * [ref: q1b (A)].  Only used with patch_hflags() right before an ERET.
 */
static int wr_pstate_raw(struct ucs *s, uint64_t v)
{
	uint32_t p = (uint32_t)v;
	uc_err e = uc_reg_write(s->uc, UC_ARM64_REG_PSTATE, &p);

	return e == UC_ERR_OK ? 0 : fail_uc(s, e, "uc_reg_write(PSTATE)");
}

static uc_err cp_access(struct ucs *s, struct ucs_sysreg r, uint64_t *v,
			bool write)
{
	uc_arm64_cp_reg cp = {
		.crn = r.crn, .crm = r.crm, .op0 = r.op0,
		.op1 = r.op1, .op2 = r.op2, .val = write ? *v : 0,
	};
	uc_err e;

	if (write)
		return uc_reg_write(s->uc, UC_ARM64_REG_CP_REG, &cp);
	e = uc_reg_read(s->uc, UC_ARM64_REG_CP_REG, &cp);
	*v = e == UC_ERR_OK ? cp.val : 0;
	return e;
}

/* Internal CP access to registers known to exist and not deny-listed. */
static int cp_rd(struct ucs *s, struct ucs_sysreg r, uint64_t *v)
{
	uc_err e = cp_access(s, r, v, false);

	return e == UC_ERR_OK ? 0 : fail_uc(s, e, "CP_REG read");
}

static int cp_wr(struct ucs *s, struct ucs_sysreg r, uint64_t v)
{
	uc_err e;

	if (sysreg_eq(r, reg_scr_el3) || sysreg_eq(r, reg_hcr_el2) ||
	    sysreg_eq(r, reg_sctlr_el3))
		s->legal_valid = false;
	e = cp_access(s, r, &v, true);

	return e == UC_ERR_OK ? 0 : fail_uc(s, e, "CP_REG write");
}

static unsigned pstate_el(uint64_t p)
{
	return (unsigned)(p >> UCS_PSTATE_EL_SHIFT) & 3;
}

/* The SP_ELx register PSTATE @p selects. */
static int sp_el_id(uint64_t p)
{
	return UC_ARM64_REG_SP_EL0 + ((p & UCS_PSTATE_SP) ? (int)pstate_el(p) : 0);
}

/* ---- translation flags ---------------------------------------------- */

/* Bytes before CPUARMState in a uc_context blob (checked by find_env()). */
#define UCS_CTX_HDR 16

/*
 * Replace QEMU's cached translation flags (hflags) by @val, returning the
 * old value in @old.  Unicorn 2.0.1 has no API for them and does not
 * rebuild them on host PSTATE or CP_REG writes [ref: q1b; measured for
 * CP_REG], so they are patched in a saved context: save, patch, restore
 * (~270 ns for the 12.6 KB blob [measured]).
 */
static int patch_hflags(struct ucs *s, uint32_t val, uint32_t *old)
{
	uc_err e;

	/* In place when find_env() located the live state. */
	if (s->env) {
		if (old)
			memcpy(old, s->env + s->hflags_off, sizeof(*old));
		memcpy(s->env + s->hflags_off, &val, sizeof(val));
		return 0;
	}
	e = uc_context_save(s->uc, s->ctx);

	if (e != UC_ERR_OK)
		return fail_uc(s, e, "uc_context_save");
	if (old)
		memcpy(old, (char *)s->ctx + s->hflags_off, sizeof(*old));
	memcpy((char *)s->ctx + s->hflags_off, &val, sizeof(val));
	e = uc_context_restore(s->uc, s->ctx);
	return e == UC_ERR_OK ? 0 : fail_uc(s, e, "uc_context_restore");
}

/* ---- ELR_EL3 / SPSR_EL3 --------------------------------------------- */

/*
 * The trampoline's ERET consumes ELR_EL3 and SPSR_EL3.  Their real values
 * are kept here (and shown by the register helpers) and put back at the
 * EL3 landing or when ucs_run() returns with no switch under way.  The
 * guest cannot see the borrowed values: it only reaches EL3 again through
 * an exception entry the model performs, i.e. a ucs_set_el() to EL3, whose
 * landing gives them back first.
 */
static int borrow_el3(struct ucs *s)
{
	int rc;

	if (s->el3_borrowed)
		return 0;
	rc = rd(s, UC_ARM64_REG_ELR_EL3, &s->elr_el3);
	if (!rc)
		rc = cp_rd(s, reg_spsr_el3, &s->spsr_el3);
	if (!rc)
		s->el3_borrowed = true;
	return rc;
}

static int give_back_el3(struct ucs *s)
{
	int rc;

	if (!s->el3_borrowed)
		return 0;
	rc = wr(s, UC_ARM64_REG_ELR_EL3, s->elr_el3);
	if (!rc)
		rc = cp_wr(s, reg_spsr_el3, s->spsr_el3);
	if (!rc)
		s->el3_borrowed = false;
	return rc;
}

/* ---- the switch ----------------------------------------------------- */

/*
 * SCR_EL3, HCR_EL2 and SCTLR_EL3 for check_target(), read once: they
 * change only by host writes (ucs_sysreg_write() and ucshim's own, see
 * cp_wr()) while the guest has never run at EL2 or EL3, where it could
 * write them itself (do_switch() notes that).
 */
static int legality_regs(struct ucs *s, uint64_t *scr, uint64_t *hcr,
			 uint64_t *sctlr3)
{
	int rc = 0;

	if (!s->legal_valid || s->guest_high) {
		rc = cp_rd(s, reg_scr_el3, &s->legal_scr);
		if (!rc)
			rc = cp_rd(s, reg_hcr_el2, &s->legal_hcr);
		if (!rc)
			rc = cp_rd(s, reg_sctlr_el3, &s->legal_sctlr3);
		s->legal_valid = !rc;
	}
	*scr = s->legal_scr;
	*hcr = s->legal_hcr;
	*sctlr3 = s->legal_sctlr3;
	return rc;
}

/*
 * Refuse what QEMU 5.0's ERET would treat as an illegal return, and what
 * the trampoline cannot do.  Conditions [measured, ERET from EL1]: with
 * SCR_EL3.RW = 0 an ERET to EL1 is illegal (to EL0 QEMU lets it pass,
 * which the architecture does not); with NS = 1, EL1 needs HCR_EL2.RW = 1
 * and TGE = 0; EL2 needs NS = 1 (no Secure EL2 in QEMU 5.0).
 */
static int check_target(struct ucs *s, uint64_t pstate, uint64_t pc)
{
	unsigned el = pstate_el(pstate);
	uint64_t scr, hcr, sctlr3, extra;
	int rc;

	if (ucs_is_private(pc))
		return fail(s, UCS_EINVAL, "target pc %#llx is in the private page",
			    (unsigned long long)pc);
	if (pstate & UCS_PSTATE_nRW)
		return fail(s, UCS_EINVAL, "AArch32 targets are not supported");
	if (pstate & PSTATE_M1)
		return fail(s, UCS_EINVAL, "PSTATE M[1] is reserved");
	if (el == 0 && (pstate & UCS_PSTATE_SP))
		return fail(s, UCS_EINVAL, "EL0 has no SP_EL0 selection bit (M[0] = 1)");
	extra = pstate & ~(s->pstate_valid | UCS_PSTATE_SS);
	if (extra)
		return fail(s, UCS_EINVAL,
			    "PSTATE bits %#llx are not implemented by this CPU model",
			    (unsigned long long)extra);

	rc = legality_regs(s, &scr, &hcr, &sctlr3);
	if (rc)
		return rc;
	if (sctlr3 & SCTLR_M)
		return fail(s, UCS_ESTATE,
			    "SCTLR_EL3.M = 1: the trampoline page is not reachable at EL3");
	if (el < 3 && !(scr & SCR_RW))
		return fail(s, UCS_EILLEGAL, "SCR_EL3.RW = 0: EL%u is not AArch64", el);
	if (el == 2 && !(scr & SCR_NS))
		return fail(s, UCS_EILLEGAL, "EL2 needs SCR_EL3.NS = 1");
	if (el <= 1 && (scr & SCR_NS) && !(hcr & HCR_RW))
		return fail(s, UCS_EILLEGAL, "HCR_EL2.RW = 0: EL1 is not AArch64");
	if (el == 1 && (scr & SCR_NS) && (hcr & HCR_TGE))
		return fail(s, UCS_EILLEGAL, "EL1 is not usable with HCR_EL2.TGE = 1");
	return 0;
}

/*
 * Make the next instruction at the trampoline an ERET at EL3 to @target
 * with SPSR @pstate:
 *  - bank the live SP into SP_ELx of the current EL: Unicorn keeps the
 *    live SP only in UC_ARM64_REG_SP, SP_ELx is stale until an exception
 *    or ERET [ref];
 *  - load SP_EL3 into the live SP, so that the ERET, which banks the live
 *    SP into SP_EL3 (PSTATE says EL3h), leaves SP_EL3 unchanged;
 *  - translation flags := the EL3 template: the ERET is translated at EL3
 *    and so reads ELR_EL3 (a translated ERET reads ELR of the translation
 *    EL, its helper SPSR of the PSTATE EL [ref: q1b (B)]), and an ERET
 *    translated at EL0 would be UNDEFINED (going up from EL0 [ref]);
 *  - PSTATE := EL3h raw; SPSR_EL3, ELR_EL3 := target.
 * The ERET's helper then checks legality, restores PSTATE and SP and
 * rebuilds the translation flags for the target [ref].
 */
static int prepare(struct ucs *s, uint64_t pstate, uint64_t target)
{
	uint64_t cur, sp, sp3;
	int rc;

	rc = rd_pstate(s, &cur);
	if (!rc)
		rc = rd(s, UC_ARM64_REG_SP, &sp);
	if (!rc)
		rc = wr(s, sp_el_id(cur), sp);
	if (!rc)
		rc = rd(s, UC_ARM64_REG_SP_EL3, &sp3);
	if (!rc)
		rc = wr(s, UC_ARM64_REG_SP, sp3);
	if (!rc)
		rc = patch_hflags(s, s->hflags_el3, NULL);
	if (!rc)
		rc = wr_pstate_raw(s, PSTATE_EL3H_MASKED);
	/* Never let QEMU see SS = 1 (its own step machine must stay off). */
	if (!rc)
		rc = cp_wr(s, reg_spsr_el3, pstate & ~UCS_PSTATE_SS);
	if (!rc)
		rc = wr(s, UC_ARM64_REG_ELR_EL3, target);
	return rc;
}

/*
 * A requested switch is done in three steps:
 *  1. ucs_set_el() records it and points PC at the trampoline (nothing
 *     else changes, so the PE state stays consistent);
 *  2. when Unicorn gets there, priv_hook() prepares it (prepare()) and
 *     rewrites PC, so that the trampoline is looked up again with the EL3
 *     translation flags;
 *  3. the ERET runs (and, for EL3, the landing).
 * Step 2 cannot be done in step 1 because a PC write in a hook is not
 * always obeyed: in an MRS/MSR hook for an access QEMU itself allows, the
 * rest of the translated block runs and then overwrites PC (uc_emu_stop()
 * waits for the block end too) [measured].  Such a lost switch is reported
 * (UCS_EVERIFY) and leaves a consistent state.
 *
 * The trampoline cannot be run on its own from the host either:
 * uc_emu_start()'s "until" only stops in a newly translated block, so the
 * ERET runs straight on through a cached block of the target, and the
 * exit block it leaves otherwise stops later runs there [measured]; a
 * counted run would make Unicorn flush its whole translation cache (see
 * ucs_run()).  So a switch requested outside a run completes as the
 * first instructions of the next ucs_run().
 *
 * A switch to EL3 lands on PRIV_LAND (at EL3, so reachable), whose hook
 * gives ELR_EL3/SPSR_EL3 back and jumps to the target: the EL3 code must
 * see the values the model wrote.
 */
enum pend { PEND_NONE, PEND_TRAMP, PEND_LAND };

static int pending(struct ucs *s, enum pend *p)
{
	uint64_t pc;
	int rc;

	*p = PEND_NONE;
	/*
	 * Only a request puts PC on the trampoline or the landing: with none
	 * there is nothing to look at (this runs for every PC, PSTATE and SP
	 * access, i.e. for every instruction of a precise run).
	 */
	if (!s->sw_req && !s->land_pending)
		return 0;
	rc = rd(s, UC_ARM64_REG_PC, &pc);
	if (rc)
		return rc;
	if (pc >= PRIV_FLUSH && pc <= PRIV_ERET) {
		*p = PEND_TRAMP;
	} else if (s->land_pending && pc == PRIV_LAND) {
		*p = PEND_LAND;
	} else if (s->sw_req) {
		s->sw_req = s->sw_ready = false;
		s->land_pending = false;
		s->fault = true;
		if (s->in_run)
			uc_emu_stop(s->uc);
		return fail_verify(s, "a switch requested in a hook was not obeyed: "
				   "the block went on to PC %#llx (MRS/MSR hook on "
				   "an access QEMU allows?)",
				   (unsigned long long)pc);
	}
	return 0;
}

/* Change the PC a requested switch goes to. */
static int retarget(struct ucs *s, enum pend p, uint64_t pc)
{
	if (ucs_is_private(pc))
		return fail(s, UCS_EINVAL, "pc %#llx is in the private page",
			    (unsigned long long)pc);
	s->land_pc = pc;
	if (p == PEND_LAND)
		return 0;
	s->sw_pc = pc;
	if (s->sw_ready && !s->land_pending)
		return wr(s, UC_ARM64_REG_ELR_EL3, pc);
	return 0;
}

static int do_switch(struct ucs *s, uint64_t pstate, uint64_t pc,
		     uint64_t entry)
{
	bool to_el3 = pstate_el(pstate) == 3;
	uint64_t cur_pc = 0;
	enum pend p;
	int rc;

	rc = check_target(s, pstate, pc);
	if (!rc && pstate_el(pstate) >= 2)
		s->guest_high = true;
	if (!rc)
		rc = pending(s, &p);
	if (!rc && p == PEND_TRAMP)
		rc = rd(s, UC_ARM64_REG_PC, &cur_pc);
	if (rc)
		return rc;
	/* keep a flush another request asked for */
	if (s->flags_stale || (p == PEND_TRAMP && cur_pc == PRIV_FLUSH))
		entry = PRIV_FLUSH;
	s->sw_req = true;
	s->sw_pstate = pstate & ~UCS_PSTATE_SS;
	s->sw_pc = pc;
	s->land_pending = to_el3;
	s->land_pc = pc;
	/* already prepared (trampoline state): re-aim the ERET now */
	if (s->sw_ready && p == PEND_TRAMP) {
		rc = prepare(s, pstate, to_el3 ? PRIV_LAND : pc);
	} else if (!s->in_run) {
		/*
		 * Outside a run no PC write can be lost: prepare now, so that
		 * the trampoline is fetched with the EL3 translation flags.
		 * Fetched in the current regime, it would fault whenever the
		 * guest's MMU is on (its tables do not map the private page).
		 */
		rc = borrow_el3(s);
		if (!rc)
			rc = prepare(s, pstate, to_el3 ? PRIV_LAND : pc);
		s->sw_ready = !rc;
	} else {
		s->sw_ready = false;
	}
	if (!rc)
		rc = wr(s, UC_ARM64_REG_PC, entry);
	if (!rc && entry == PRIV_FLUSH)
		s->flags_stale = false;
	return rc;
}

/*
 * The direct switch: with QEMU's CPU state located (find_env()) and its
 * arm_rebuild_hflags() exported, a requested switch below EL3 is made
 * here, at the trampoline's first instruction (so only once the PC write
 * that requested it has been obeyed), without the trampoline's ERET:
 * bank the live SP, load the target's, write PSTATE raw and rebuild the
 * translation flags as QEMU's own ERET does, then jump.  What the ERET
 * would have checked, check_target() checked at the request.  Switches to
 * EL3, and any that must first flush the TLB (PRIV_FLUSH), still take the
 * trampoline.  About a third of an exception entry's cost [measured].
 */
static bool direct_ok(const struct ucs *s)
{
	return s->rebuild && s->mon_off && !s->land_pending &&
	       !s->flags_stale && pstate_el(s->sw_pstate) < 3;
}

static int direct_switch(struct ucs *s)
{
	uint64_t cur = 0, sp, target = s->sw_pstate;
	uint32_t m;
	int rc = 0;

	/* only M[3:0] matters here (which SP_ELx the live SP is) */
	if (s->m_off) {
		memcpy(&m, s->env + s->m_off, sizeof(m));
		cur = m & 0xf;
	} else {
		rc = rd_pstate(s, &cur);
	}

	if (!rc)
		rc = rd(s, UC_ARM64_REG_SP, &sp);
	if (!rc)
		rc = wr(s, sp_el_id(cur), sp);
	if (!rc)
		rc = rd(s, sp_el_id(target), &sp);
	if (!rc)
		rc = wr(s, UC_ARM64_REG_SP, sp);
	if (!rc)
		rc = wr_pstate_raw(s, target);
	if (rc)
		return rc;
	s->rebuild(s->env + UCS_CTX_HDR);
	/* as the trampoline's ERET did (ucs_set_el()): clear the monitor */
	memset(s->env + s->mon_off, 0xff, sizeof(uint64_t));
	s->sw_req = s->sw_ready = false;
	s->ndirect++;
	return wr(s, UC_ARM64_REG_PC, s->sw_pc);
}

int ucs_set_el(struct ucs *s, uint64_t pstate, uint64_t pc)
{
	return do_switch(s, pstate, pc, PRIV_ERET);
}

bool ucs_monitor(const struct ucs *s, uint64_t *addr, uint64_t *val)
{
	if (!s->mon_off)
		return false;
	memcpy(addr, s->env + s->mon_off, sizeof(*addr));
	memcpy(val, s->env + s->mon_off + 8, sizeof(*val));
	return true;
}

void ucs_describe(const struct ucs *s, char *buf, size_t len)
{
	unsigned nregs = 0, i;

	for (i = 0; i < UC_ARM64_REG_ENDING; i++)
		nregs += s->roff[i] != 0;
	if (!s->env) {
		snprintf(buf, len, "none (QEMU's CPU state not located: the slower paths)");
		return;
	}
	snprintf(buf, len,
		 "QEMU's CPU state located; direct EL switches %s, "
		 "PSTATE %s, %u registers and SPSR_EL1-3 %s, exclusive monitor %s, "
		 "PMU EL-change hooks %s",
		 s->rebuild && s->mon_off ? "on" : "off",
		 s->pst_direct ? "live" : "through the API", nregs,
		 s->spsr_off[1] ? "live" : "through the API",
		 s->mon_off ? "read" : "not read",
		 s->el_hooks ? "removed" : "kept");
}

unsigned long ucs_direct_switches(const struct ucs *s)
{
	return s->rebuild && s->mon_off ? s->ndirect + 1 : 0;
}

bool ucs_can_switch_now(const struct ucs *s, uint64_t pstate)
{
	return s->rebuild && s->mon_off && !s->sw_req && !s->land_pending &&
	       !s->flags_stale && pstate_el(pstate) < 3;
}

int ucs_set_el_now(struct ucs *s, uint64_t pstate, uint64_t pc)
{
	int rc;

	if (!ucs_can_switch_now(s, pstate))
		return ucs_set_el(s, pstate, pc);
	rc = check_target(s, pstate, pc);
	if (rc)
		return rc;
	if (pstate_el(pstate) >= 2)
		s->guest_high = true;
	s->sw_pstate = pstate & ~UCS_PSTATE_SS;
	s->sw_pc = pc;
	return direct_switch(s);
}

int ucs_refresh(struct ucs *s, uint64_t pc)
{
	uint64_t cur;
	enum pend p;
	int rc = pending(s, &p);

	if (rc)
		return rc;
	if (p == PEND_TRAMP) {
		rc = retarget(s, p, pc);
		if (!rc)
			rc = wr(s, UC_ARM64_REG_PC, PRIV_FLUSH);
		if (!rc)
			s->flags_stale = false;
		return rc;
	}
	/* PEND_LAND: PSTATE is already the target's; switch again */
	rc = rd_pstate(s, &cur);
	return rc ? rc : do_switch(s, cur, pc, PRIV_FLUSH);
}

/* ---- the private-page hook ------------------------------------------ */

static void hook_fault(struct ucs *s, uc_engine *uc)
{
	s->fault = true;
	uc_emu_stop(uc);
}

/*
 * A UC_HOOK_CODE on [PRIV_FLUSH, PRIV_PAD] only: costs nothing elsewhere
 * [ref; measured no change in MIPS].  It prepares requested switches (see
 * pending()), completes switches to EL3 at PRIV_LAND and carries out
 * ucs_stop() (see there) at PRIV_PAD or at the trampoline (the switch then
 * stays requested).
 */
static void priv_hook(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	struct ucs *s = user;

	(void)size;
	if (s->stop_pending) {
		uc_emu_stop(uc);
		return;
	}
	if (addr == PRIV_LAND) {
		if (!s->land_pending) {
			fail_verify(s, "the EL3 landing ran with no switch pending");
			hook_fault(s, uc);
			return;
		}
		s->land_pending = false;
		if (give_back_el3(s) || wr(s, UC_ARM64_REG_PC, s->land_pc))
			hook_fault(s, uc);
		return;
	}
	if (addr == PRIV_PAD) {
		fail_verify(s, "the stop pad ran with no stop pending");
		hook_fault(s, uc);
		return;
	}
	if (!s->sw_req)	/* calibration */
		return;
	if (!s->sw_ready && addr == PRIV_ERET && direct_ok(s)) {
		if (direct_switch(s))
			hook_fault(s, uc);
		return;
	}
	if (!s->sw_ready) {
		if (borrow_el3(s) ||
		    prepare(s, s->sw_pstate, s->land_pending ? PRIV_LAND : s->sw_pc) ||
		    wr(s, UC_ARM64_REG_PC, addr)) {
			hook_fault(s, uc);
			return;
		}
		s->sw_ready = true;
		return;
	}
	if (addr == PRIV_ERET)	/* the ERET executes now */
		s->sw_req = s->sw_ready = false;
}

/* ---- forced system-register traps ---------------------------------- */

/*
 * QEMU checks debug-register accesses below EL3 against MDCR_EL3 at run
 * time (TDA for DBG*, MDSCR, MDCC*; TDOSA for the OS lock registers; TDRA
 * for MDRAR): with all three set, every op0 = 2 MRS/MSR at EL0..EL2 whose
 * hook returned 0 raises interrupt 1 at the instruction, none of the
 * following instructions having run [measured: all 2 x 16384 op0 = 2
 * encodings at EL0, EL1, EL2].
 */
int ucs_trap_sysreg(struct ucs *s)
{
	uint64_t p, m;
	int rc;

	if (s->trap_armed)
		return 0;
	rc = rd_pstate(s, &p);
	if (rc)
		return rc;
	if (pstate_el(p) == 3)
		return fail(s, UCS_ESTATE, "nothing traps at EL3");
	rc = cp_rd(s, reg_mdcr_el3, &m);
	if (!rc)
		rc = cp_wr(s, reg_mdcr_el3, m | MDCR_TRAPS);
	if (rc)
		return rc;
	s->mdcr_el3 = m;
	s->trap_armed = true;
	return 0;
}

/*
 * The same for DC ZVA and DC IVAC at EL0/EL1: QEMU's HCR_EL2.TDZ (DC ZVA)
 * and TPCP (DC IVAC, a point-of-coherency operation) make QEMU trap them
 * to EL2 before they execute.
 */
#define HCR_TPCP (1ULL << 23)
#define HCR_TDZ (1ULL << 28)

int ucs_trap_dc(struct ucs *s)
{
	uint64_t p, h;
	int rc;

	if (s->dc_armed)
		return 0;
	rc = rd_pstate(s, &p);
	if (rc)
		return rc;
	if (pstate_el(p) >= 2)
		return fail(s, UCS_ESTATE, "DC ZVA/IVAC do not trap at EL%u",
			    pstate_el(p));
	rc = cp_rd(s, reg_hcr_el2, &h);
	if (!rc)
		rc = cp_wr(s, reg_hcr_el2, h | HCR_TDZ | HCR_TPCP);
	if (rc)
		return rc;
	s->hcr_el2 = h;
	s->dc_armed = true;
	return 0;
}

static int untrap(struct ucs *s)
{
	int rc = 0;

	if (s->trap_armed) {
		s->trap_armed = false;
		rc = cp_wr(s, reg_mdcr_el3, s->mdcr_el3);
	}
	if (s->dc_armed) {
		s->dc_armed = false;
		if (!rc)
			rc = cp_wr(s, reg_hcr_el2, s->hcr_el2);
	}
	return rc;
}

bool ucs_trap_taken(struct ucs *s, uint32_t intno)
{
	if ((!s->trap_armed && !s->dc_armed) || intno != 1)
		return false;
	untrap(s);
	return true;
}

/* ---- page traps (stage 2) ------------------------------------------- */

/*
 * ucshim's stage 2 for EL1&0 (see ucs_trap_pages()): a 40-bit IPA space
 * (VTCR_EL2.T0SZ = 24, PS = 40 bits, which all four CPU models have), 4
 * KiB granule, starting at level 1 with two concatenated tables (SL0 =
 * 1).  Every IPA maps to itself, Normal Write-Back memory (the stage 1
 * attributes win: with the guest's MMU off its data accesses stay
 * Device), inner shareable, executable, with 1 GiB blocks split down to
 * 4 KiB pages only around the trapped pages and the tables' own 2 MiB
 * block, which the guest cannot access.  A page with no data access or
 * read-only at stage 2 stays executable (QEMU's stage 2 execute
 * permission ignores S2AP when EL2 is AArch64 [measured]).
 */
#define S2_MAP_SIZE UCS_S2_SIZE
#define S2_NTABLES (S2_MAP_SIZE / 0x1000)
#define S2_VTCR (24ULL | (1ULL << 6) | (1ULL << 8) | (1ULL << 10) | \
		 (3ULL << 12) | (2ULL << 16) | (1ULL << 31))
#define S2_ATTR ((0xfULL << 2) | (3ULL << 8) | (1ULL << 10)) /* MemAttr, SH, AF */
#define S2AP_RW (3ULL << 6)
#define S2AP_RO (1ULL << 6)
#define S2_BLOCK 1ULL
#define S2_TABLE 3ULL		/* a table, or a level 3 page */
#define S2_OA(d) ((d) & 0x0000fffffffff000ULL)
#define IPA_LIMIT (1ULL << 40)

static const struct ucs_sysreg reg_vtcr_el2 = { 3, 4, 2, 1, 2 };
static const struct ucs_sysreg reg_vttbr_el2 = { 3, 4, 2, 1, 0 };

static uint64_t *s2_table(struct ucs *s, uint64_t desc)
{
	return s->s2 + (S2_OA(desc) - UCS_S2_BASE) / 8;
}

/*
 * The table under the level @level (1 or 2) descriptor *@d: a block is
 * replaced by a table of 512 next-level entries with the same output
 * addresses and permissions.  NULL when the tables are all in use.
 */
static uint64_t *s2_split(struct ucs *s, uint64_t *d, unsigned level)
{
	uint64_t step = level == 1 ? 1ULL << 21 : 1ULL << 12;
	uint64_t kind = level == 1 ? S2_BLOCK : S2_TABLE;
	uint64_t *t;
	unsigned i;

	if ((*d & 3) == S2_TABLE)
		return s2_table(s, *d);
	if (s->s2_used == S2_NTABLES)
		return NULL;
	t = s->s2 + 512 * s->s2_used;
	for (i = 0; i < 512; i++)
		t[i] = (S2_OA(*d) + i * step) | (*d & (S2AP_RW | S2_ATTR)) | kind;
	*d = (UCS_S2_BASE + 0x1000ULL * s->s2_used++) | S2_TABLE;
	return t;
}

static int s2_build(struct ucs *s, const struct ucs_trap_page *pg, unsigned n)
{
	uint64_t *l1 = s->s2, *l2, *l3, *d, ap;
	unsigned i;

	s->s2_used = 2;
	for (i = 0; i < 1024; i++)
		l1[i] = ((uint64_t)i << 30) | S2_ATTR | S2AP_RW | S2_BLOCK;
	l2 = s2_split(s, &l1[UCS_S2_BASE >> 30], 1);
	l2[(UCS_S2_BASE >> 21) & 511] &= ~S2AP_RW;
	for (i = 0; i < n; i++) {
		l2 = s2_split(s, &l1[pg[i].addr >> 30], 1);
		l3 = l2 ? s2_split(s, &l2[(pg[i].addr >> 21) & 511], 2) : NULL;
		if (!l3)
			return fail(s, UCS_ESTATE, "out of stage 2 tables");
		d = &l3[(pg[i].addr >> 12) & 511];
		ap = pg[i].how == UCS_TRAP_STORES ? S2AP_RO : 0;
		/* RW & RO = RO, anything & none = none */
		*d = (*d & ~S2AP_RW) | (*d & S2AP_RW & ap);
	}
	return 0;
}

/* Stage 2 on with the tables as built, or off; the TLB is not flushed. */
static int s2_enable(struct ucs *s, bool on)
{
	uint64_t hcr;
	int rc = cp_rd(s, reg_hcr_el2, &hcr);

	if (!rc && on)
		rc = cp_wr(s, reg_vtcr_el2, S2_VTCR);
	if (!rc && on)
		rc = cp_wr(s, reg_vttbr_el2, UCS_S2_BASE);
	if (!rc)
		rc = cp_wr(s, reg_hcr_el2, on ? hcr | HCR_VM : hcr & ~HCR_VM);
	/* ucs_trap_dc() puts its saved HCR_EL2 back later: keep VM there */
	if (s->dc_armed)
		s->hcr_el2 = on ? s->hcr_el2 | HCR_VM : s->hcr_el2 & ~HCR_VM;
	return rc;
}

static bool in_private(uint64_t a)
{
	return ucs_is_private(a) ||
	       (a >= (UCS_S2_BASE & ~0x1fffffULL) && a < UCS_S2_BASE + 0x200000);
}

int ucs_trap_pages(struct ucs *s, const struct ucs_trap_page *pages,
		   unsigned n, ucs_page_trap_fn fn, void *ctx)
{
	unsigned i;
	uc_err e;
	int rc;

	if (n > UCS_MAX_TRAP_PAGES)
		return fail(s, UCS_EINVAL, "more than %u trapped pages",
			    UCS_MAX_TRAP_PAGES);
	if (n && (!s->traps_ok || !fn))
		return fail(s, UCS_ESTATE, s->traps_ok ? "no trap callback" :
			    "page traps need an engine with Non-secure EL0/EL1 (stage 2)");
	for (i = 0; i < n; i++) {
		uint64_t a = pages[i].addr;

		if ((a & 0xfff) || a >= IPA_LIMIT || in_private(a) ||
		    (pages[i].how != UCS_TRAP_ALL && pages[i].how != UCS_TRAP_STORES))
			return fail(s, UCS_EINVAL,
				    "page %#llx: not a 4 KiB page below 1 TiB outside the private regions",
				    (unsigned long long)a);
	}
	rc = n ? s2_build(s, pages, n) : 0;
	if (!rc)
		rc = s2_enable(s, n != 0);
	if (rc) {
		s->ntrap = 0;
		s2_enable(s, false);
		return rc;
	}
	/*
	 * QEMU's TLB may hold a translation of a page that traps now (a
	 * refused access is never cached).  Making a memory region writable
	 * or read-only flushes it at once, also inside a hook; setting the
	 * permissions it already has does nothing [measured].  (A TLBI
	 * through the trampoline would not work from an MRS/MSR hook.)
	 */
	e = uc_mem_protect(s->uc, UCS_S2_BASE, S2_MAP_SIZE,
			   UC_PROT_READ | UC_PROT_WRITE);
	if (e == UC_ERR_OK)
		e = uc_mem_protect(s->uc, UCS_S2_BASE, S2_MAP_SIZE, UC_PROT_READ);
	if (e != UC_ERR_OK)
		return fail_uc(s, e, "uc_mem_protect(stage 2 tables)");
	for (i = 0; i < n; i++)
		s->trap_page[i] = pages[i].addr;
	s->ntrap = n;
	s->trap_fn = fn;
	s->trap_ctx = ctx;
	return 0;
}

/*
 * QEMU's data abort from a page trap: its target EL is 2 (the guest's
 * own aborts, alignment faults included, go to EL1 or are not raised at
 * all with its MMU off), its address is on a trapped page.  Unicorn does
 * not expose the abort's details, so they are read from a uc_context
 * blob at the calibrated offset (calibrate_traps()).
 */
static void intr_hook(uc_engine *uc, uint32_t intno, void *user)
{
	struct ucs *s = user;
	const char *blob = (const char *)s->ctx;
	uint32_t syndrome, target_el;
	uint64_t va, pc;
	unsigned i;

	if (s->trap_cal) {
		/* calibration: any exception ends the run */
		if (intno == QEXCP_DATA_ABORT &&
		    uc_context_save(uc, s->ctx) == UC_ERR_OK)
			s->trap_cal = false;
		uc_emu_stop(uc);
		return;
	}
	if (intno != QEXCP_DATA_ABORT || !s->ntrap)
		return;
	if (uc_context_save(uc, s->ctx) != UC_ERR_OK) {
		fail(s, UCS_EUNICORN, "uc_context_save failed");
		hook_fault(s, uc);
		return;
	}
	memcpy(&syndrome, blob + s->exc_off - 8, 4);
	memcpy(&va, blob + s->exc_off, 8);
	memcpy(&target_el, blob + s->exc_off + 8, 4);
	if (target_el != 2)
		return;
	for (i = 0; i < s->ntrap && s->trap_page[i] != (va & ~0xfffULL); i++)
		;
	if (i == s->ntrap || rd(s, UC_ARM64_REG_PC, &pc))
		return;
	s->trap_fn(s->trap_ctx, pc, va, syndrome >> 6 & 1);
	if (!s->stop_pending)
		ucs_stop(s, pc);
}

/* ---- running -------------------------------------------------------- */

static int invalidate(struct ucs *s, uint64_t start, uint64_t end);

/* After uc_emu_start(): give ELR_EL3/SPSR_EL3 back unless a switch is
 * still under way; apply ucs_stop()'s PC. */
static int finish_run(struct ucs *s)
{
	enum pend p;
	int rc = pending(s, &p);

	if (!rc && p == PEND_NONE) {
		if (s->land_pending) {
			s->land_pending = false;
			rc = fail_verify(s, "a switch to EL3 missed its landing");
		} else {
			rc = give_back_el3(s);
		}
	}
	if (!rc && (s->trap_armed || s->dc_armed)) {
		untrap(s);
		rc = fail_verify(s, "a forced system-register trap was not taken");
	}
	if (!rc && s->stop_pending && !s->fault) {
		uint64_t pc = 0;

		rc = p == PEND_NONE ? rd(s, UC_ARM64_REG_PC, &pc) : 0;
		if (!rc && p == PEND_NONE && pc != PRIV_PAD)
			rc = fail_verify(s, "ucs_stop() was not obeyed: the run went on to PC %#llx "
					 "(MRS/MSR hook on an access QEMU allows?)",
					 (unsigned long long)pc);
		s->stop_pending = false;
		if (!rc)
			rc = ucs_pc_write(s, s->stop_pc);
	}
	s->stop_pending = false;
	return rc;
}

/*
 * Instructions Unicorn's counter sees while the switch completes: the
 * trampoline from @pc, the first visit of it again once prepared (the
 * hook re-looks it up), the landing.
 */
static uint64_t private_insns(struct ucs *s, enum pend p, uint64_t pc)
{
	if (p == PEND_LAND)
		return 1;
	return (PRIV_ERET - pc) / 4 + 1 + !s->sw_ready + s->land_pending;
}

/*
 * Unicorn's count argument installs a hidden code hook that only blocks
 * translated while it exists call: after uncounted runs, count = 3 ran 400
 * instructions [measured].  So entering counted mode invalidates RAM and
 * the private page.  Leaving it, Unicorn removes the hook and flushes its
 * whole translation cache itself (0.1-0.3 s [measured]).
 */
int ucs_run(struct ucs *s, uint64_t pc, uint64_t count)
{
	uint64_t begin = pc;
	enum pend p;
	uc_err e;
	int rc;

	if (s->in_run)
		return fail(s, UCS_ESTATE, "ucs_run() is not re-entrant");
	if (ucs_is_private(pc))
		return fail(s, UCS_EINVAL, "pc %#llx is in the private page",
			    (unsigned long long)pc);
	if (count && !s->counted) {
		rc = invalidate(s, s->ram_base, s->ram_base + s->ram_size);
		if (!rc)
			rc = invalidate(s, UCS_PRIV_BASE,
					UCS_PRIV_BASE + UCS_PRIV_SIZE);
		if (rc)
			return rc;
	}
	s->counted = count != 0;
	rc = s->flags_stale ? ucs_refresh(s, pc) : 0;
	if (!rc)
		rc = pending(s, &p);
	if (!rc && p != PEND_NONE)
		rc = retarget(s, p, pc);
	if (!rc && p != PEND_NONE)
		rc = rd(s, UC_ARM64_REG_PC, &begin);
	if (rc)
		return rc;
	/* Unicorn counts private instructions too: a switch that starts the
	 * run must not eat the caller's count. */
	if (count && p != PEND_NONE)
		count += private_insns(s, p, begin);
	s->in_run = true;
	s->stop_pending = false;
	s->fault = false;
	/* until = an address that is never executed; timeout 0: never use
	 * the host-timer timeout (determinism). */
	e = uc_emu_start(s->uc, begin, PRIV_NEVER, 0, (size_t)count);
	s->in_run = false;
	if (s->fault) {
		char why[sizeof(s->msg)];

		memcpy(why, s->msg, sizeof(why));
		finish_run(s);
		memcpy(s->msg, why, sizeof(why));
		s->fault = false;
		return UCS_EVERIFY;
	}
	rc = finish_run(s);
	if (e != UC_ERR_OK) {
		uint64_t at = 0;

		ucs_pc_read(s, &at);
		s->uerr = e;
		return fail(s, UCS_EUNICORN, "uc_emu_start: %s (PC %#llx)",
			    uc_strerror(e), (unsigned long long)at);
	}
	return rc;
}

/*
 * A PC write in the same hook, before or after, cancels uc_emu_stop()
 * (code and interrupt hooks [measured]; memory hooks [ref: q7b]).  So PC
 * is parked on PRIV_PAD as well: if the stop is cancelled, Unicorn
 * resumes there and priv_hook() stops it for certain.  finish_run() checks
 * that the run did end there (or in a switch) and then sets the real PC.
 */
void ucs_stop(struct ucs *s, uint64_t resume_pc)
{
	enum pend p;

	s->stop_pending = true;
	s->stop_pc = resume_pc;
	if (!pending(s, &p) && p == PEND_NONE)
		wr(s, UC_ARM64_REG_PC, PRIV_PAD);
	uc_emu_stop(s->uc);
}

/* ---- translation cache ---------------------------------------------- */

/*
 * Hooks added or removed after a block was translated do not apply to it
 * until it is retranslated [ref: q15].  uc_ctl_remove_cache() invalidates
 * a range (~15 ns per 1 KiB page, 4 ms for 256 MiB [measured]);
 * uc_ctl_flush_tlb() flushes the whole cache (110 ms [measured]).  The
 * former translates its start address with the current MMU regime, so the
 * translation flags are pointed at EL3 (MMU off: VA = PA) for the call.
 */
static int invalidate(struct ucs *s, uint64_t start, uint64_t end)
{
	uint64_t sctlr3;
	uint32_t old;
	uc_err e;
	int rc;

	rc = cp_rd(s, reg_sctlr_el3, &sctlr3);
	if (rc)
		return rc;
	if (sctlr3 & SCTLR_M)
		return fail(s, UCS_ESTATE,
			    "SCTLR_EL3.M = 1: cannot address RAM physically");
	rc = patch_hflags(s, s->hflags_el3, &old);
	if (rc)
		return rc;
	e = uc_ctl_remove_cache(s->uc, start, end);
	rc = patch_hflags(s, old, NULL);
	if (e != UC_ERR_OK)
		return fail_uc(s, e, "uc_ctl_remove_cache");
	return rc;
}

int ucs_flush(struct ucs *s)
{
	return invalidate(s, s->ram_base, s->ram_base + s->ram_size);
}

int ucs_flush_range(struct ucs *s, uint64_t start, uint64_t end)
{
	if (start >= end || start < s->ram_base ||
	    end > s->ram_base + s->ram_size)
		return fail(s, UCS_EINVAL, "flush range [%#llx, %#llx) is not inside RAM",
			    (unsigned long long)start, (unsigned long long)end);
	return invalidate(s, start, end);
}

/* ---- registers ------------------------------------------------------ */

static int x_id(struct ucs *s, unsigned n, int *id)
{
	if (n > 31)
		return fail(s, UCS_EINVAL, "X%u does not exist", n);
	if (n <= 28)
		*id = UC_ARM64_REG_X0 + (int)n;
	else if (n == 29)
		*id = UC_ARM64_REG_X29;
	else if (n == 30)
		*id = UC_ARM64_REG_X30;
	else
		*id = UC_ARM64_REG_XZR;
	return 0;
}

int ucs_x_read(struct ucs *s, unsigned n, uint64_t *v)
{
	int id = 0, rc = x_id(s, n, &id);

	*v = 0;
	if (rc || n == 31)
		return rc;
	return rd(s, id, v);
}

int ucs_x_write(struct ucs *s, unsigned n, uint64_t v)
{
	int id = 0, rc = x_id(s, n, &id);

	if (rc || n == 31)
		return rc;
	return wr(s, id, v);
}

/*
 * While a switch is under way (pending()), PC, PSTATE and the live SP are
 * not the target's yet: these helpers show and change the target's
 * instead, so that callers see the state they asked for.  SP_ELx need no
 * such care: the raw PSTATE always says which SP_ELx the live SP is.
 */
int ucs_pc_read(struct ucs *s, uint64_t *v)
{
	enum pend p;
	int rc = pending(s, &p);

	*v = 0;
	if (rc)
		return rc;
	if (p == PEND_NONE)
		return rd(s, UC_ARM64_REG_PC, v);
	*v = p == PEND_LAND ? s->land_pc : s->sw_pc;
	return 0;
}

int ucs_pc_write(struct ucs *s, uint64_t v)
{
	enum pend p;
	int rc = pending(s, &p);

	if (rc)
		return rc;
	/* after ucs_stop() in a hook: change where the guest resumes */
	if (s->stop_pending && s->in_run) {
		s->stop_pc = v;
		return 0;
	}
	return p == PEND_NONE ? wr(s, UC_ARM64_REG_PC, v) : retarget(s, p, v);
}

int ucs_pstate_read(struct ucs *s, uint64_t *v)
{
	enum pend p;
	int rc = pending(s, &p);

	*v = 0;
	if (rc)
		return rc;
	if (p != PEND_TRAMP)
		return rd_pstate(s, v);
	*v = s->sw_pstate;
	return 0;
}

int ucs_current_el(struct ucs *s)
{
	uint64_t p;
	int rc = ucs_pstate_read(s, &p);

	return rc ? rc : (int)pstate_el(p);
}

/* The register that holds the target's live SP during PEND_TRAMP. */
static int target_sp_id(struct ucs *s, int *id)
{
	int want = sp_el_id(s->sw_pstate);
	uint64_t cur = PSTATE_EL3H_MASKED;
	int rc = s->sw_ready ? 0 : rd_pstate(s, &cur);

	*id = want == sp_el_id(cur) ? UC_ARM64_REG_SP : want;
	return rc;
}

int ucs_sp_read(struct ucs *s, uint64_t *v)
{
	int id = UC_ARM64_REG_SP;
	enum pend p;
	int rc = pending(s, &p);

	*v = 0;
	if (!rc && p == PEND_TRAMP)
		rc = target_sp_id(s, &id);
	return rc ? rc : rd(s, id, v);
}

int ucs_sp_write(struct ucs *s, uint64_t v)
{
	int id = UC_ARM64_REG_SP;
	enum pend p;
	int rc = pending(s, &p);

	if (!rc && p == PEND_TRAMP)
		rc = target_sp_id(s, &id);
	return rc ? rc : wr(s, id, v);
}

/* NZCV is not part of the translation flags: a raw write is safe. */
int ucs_nzcv_write(struct ucs *s, uint64_t nzcv)
{
	uint32_t v = (uint32_t)nzcv;
	enum pend p;
	uc_err e;
	int rc;

	if (nzcv & ~UCS_PSTATE_NZCV)
		return fail(s, UCS_EINVAL, "NZCV value %#llx has other bits",
			    (unsigned long long)nzcv);
	rc = pending(s, &p);
	if (rc)
		return rc;
	if (p == PEND_TRAMP) {
		s->sw_pstate = (s->sw_pstate & ~UCS_PSTATE_NZCV) | nzcv;
		return s->sw_ready ? cp_wr(s, reg_spsr_el3, s->sw_pstate) : 0;
	}
	e = uc_reg_write(s->uc, UC_ARM64_REG_NZCV, &v);
	return e == UC_ERR_OK ? 0 : fail_uc(s, e, "uc_reg_write(NZCV)");
}

/* The live SP is SP_EL@el iff PSTATE selects it; else SP_ELx is current. */
static int sp_el_reg(struct ucs *s, unsigned el, int *id)
{
	uint64_t p;
	int rc;

	if (el > 3)
		return fail(s, UCS_EINVAL, "SP_EL%u does not exist", el);
	rc = rd_pstate(s, &p);
	if (rc)
		return rc;
	*id = sp_el_id(p) == UC_ARM64_REG_SP_EL0 + (int)el ?
	      UC_ARM64_REG_SP : UC_ARM64_REG_SP_EL0 + (int)el;
	return 0;
}

int ucs_sp_el_read(struct ucs *s, unsigned el, uint64_t *v)
{
	int id = 0, rc = sp_el_reg(s, el, &id);

	*v = 0;
	return rc ? rc : rd(s, id, v);
}

int ucs_sp_el_write(struct ucs *s, unsigned el, uint64_t v)
{
	int id = 0, rc = sp_el_reg(s, el, &id);

	return rc ? rc : wr(s, id, v);
}

static int elreg_check(struct ucs *s, enum ucs_elreg r, unsigned el)
{
	if (el < 1 || el > 3)
		return fail(s, UCS_EINVAL, "no EL%u bank of this register", el);
	if (r > UCS_VBAR)
		return fail(s, UCS_EINVAL, "unknown banked register %d", (int)r);
	return 0;
}

int ucs_elreg_read(struct ucs *s, enum ucs_elreg r, unsigned el, uint64_t *v)
{
	struct ucs_sysreg spsr = { 3, el_op1[el & 3], 4, 0, 0 };
	int rc = elreg_check(s, r, el);

	*v = 0;
	if (rc)
		return rc;
	if (el == 3 && s->el3_borrowed && (r == UCS_ELR || r == UCS_SPSR)) {
		*v = r == UCS_ELR ? s->elr_el3 : s->spsr_el3;
		return 0;
	}
	if (r == UCS_SPSR && s->spsr_off[el]) {
		memcpy(v, s->env + s->spsr_off[el], sizeof(*v));
		return 0;
	}
	switch (r) {
	case UCS_ELR:
		return rd(s, UC_ARM64_REG_ELR_EL0 + (int)el, v);
	case UCS_ESR:
		return rd(s, UC_ARM64_REG_ESR_EL0 + (int)el, v);
	case UCS_FAR:
		return rd(s, UC_ARM64_REG_FAR_EL0 + (int)el, v);
	case UCS_VBAR:
		return rd(s, UC_ARM64_REG_VBAR_EL0 + (int)el, v);
	default:
		return cp_rd(s, spsr, v);
	}
}

int ucs_elreg_write(struct ucs *s, enum ucs_elreg r, unsigned el, uint64_t v)
{
	struct ucs_sysreg spsr = { 3, el_op1[el & 3], 4, 0, 0 };
	int rc = elreg_check(s, r, el);

	if (rc)
		return rc;
	/* Borrowed: the live copy may still feed a pending trampoline. */
	if (el == 3 && s->el3_borrowed && (r == UCS_ELR || r == UCS_SPSR)) {
		if (r == UCS_ELR)
			s->elr_el3 = v;
		else
			s->spsr_el3 = v;
		return 0;
	}
	if (r == UCS_SPSR && s->spsr_off[el]) {
		memcpy(s->env + s->spsr_off[el], &v, sizeof(v));
		return 0;
	}
	switch (r) {
	case UCS_ELR:
		return wr(s, UC_ARM64_REG_ELR_EL0 + (int)el, v);
	case UCS_ESR:
		return wr(s, UC_ARM64_REG_ESR_EL0 + (int)el, v);
	case UCS_FAR:
		return wr(s, UC_ARM64_REG_FAR_EL0 + (int)el, v);
	case UCS_VBAR:
		return wr(s, UC_ARM64_REG_VBAR_EL0 + (int)el, v);
	default:
		return cp_wr(s, spsr, v);
	}
}

bool ucs_sysreg_denied(struct ucs_sysreg r)
{
	size_t i;

	for (i = 0; i < sizeof(denied) / sizeof(denied[0]); i++)
		if (sysreg_eq(r, denied[i]))
			return true;
	return false;
}

/* Encodings with their own logic: ELR_EL3, SPSR_EL3, SP_EL0..2. */
static int sysreg_special(struct ucs_sysreg r, enum ucs_elreg *er,
			  unsigned *sp_el)
{
	static const struct ucs_sysreg sp_enc[3] = {
		{ 3, 0, 4, 1, 0 }, { 3, 4, 4, 1, 0 }, { 3, 6, 4, 1, 0 },
	};
	unsigned i;

	if (sysreg_eq(r, reg_elr_el3)) {
		*er = UCS_ELR;
		return 1;
	}
	if (sysreg_eq(r, reg_spsr_el3)) {
		*er = UCS_SPSR;
		return 1;
	}
	for (i = 0; i < 3; i++) {
		if (sysreg_eq(r, sp_enc[i])) {
			*sp_el = i;
			return 2;
		}
	}
	return 0;
}

/* DAIF, SPSel, PAN, UAO, DIT, SSBS, TCO: PSTATE fields as registers. */
static bool pstate_field(struct ucs_sysreg r)
{
	if (r.op0 != 3 || r.crn != 4 || r.crm != 2)
		return false;
	return (r.op1 == 0 && r.op2 >= 3 && r.op2 <= 5) ||
	       (r.op1 == 3 && (r.op2 == 1 || r.op2 >= 5));
}

static int sysreg_valid(struct ucs *s, struct ucs_sysreg r)
{
	enum pend p;
	int rc;

	if ((r.op0 != 2 && r.op0 != 3) || r.op1 > 7 || r.crn > 15 ||
	    r.crm > 15 || r.op2 > 7)
		return fail(s, UCS_EINVAL, "S%u_%u_C%u_C%u_%u is not a system register encoding",
			    r.op0, r.op1, r.crn, r.crm, r.op2);
	if (ucs_sysreg_denied(r))
		return fail(s, UCS_EDENIED,
			    "S%u_%u_C%u_C%u_%u: host access aborts or corrupts Unicorn 2.0.1",
			    r.op0, r.op1, r.crn, r.crm, r.op2);
	if (!pstate_field(r))
		return 0;
	rc = pending(s, &p);
	if (!rc && p != PEND_NONE)
		rc = fail(s, UCS_ESTATE,
			  "S%u_%u_C%u_C%u_%u: a switch is under way, PSTATE is the trampoline's (use ucs_pstate_read())",
			  r.op0, r.op1, r.crn, r.crm, r.op2);
	return rc;
}

static int cp_status(struct ucs *s, struct ucs_sysreg r, uc_err e)
{
	if (e == UC_ERR_OK)
		return 0;
	if (e == UC_ERR_ARG)
		return fail(s, UCS_ENOREG, "S%u_%u_C%u_C%u_%u: not implemented by Unicorn",
			    r.op0, r.op1, r.crn, r.crm, r.op2);
	return fail_uc(s, e, "CP_REG access");
}

int ucs_sysreg_read(struct ucs *s, struct ucs_sysreg r, uint64_t *v)
{
	enum ucs_elreg er = UCS_ELR;
	unsigned sp_el = 0;
	int rc = sysreg_valid(s, r);

	*v = 0;
	if (rc)
		return rc;
	if (s->trap_armed && sysreg_eq(r, reg_mdcr_el3)) {
		*v = s->mdcr_el3;
		return 0;
	}
	switch (sysreg_special(r, &er, &sp_el)) {
	case 1:
		return ucs_elreg_read(s, er, 3, v);
	case 2:
		return ucs_sp_el_read(s, sp_el, v);
	default:
		return cp_status(s, r, cp_access(s, r, v, false));
	}
}

int ucs_sysreg_write(struct ucs *s, struct ucs_sysreg r, uint64_t v)
{
	enum ucs_elreg er = UCS_ELR;
	unsigned sp_el = 0;
	uint64_t back, w = v;
	int rc = sysreg_valid(s, r);

	if (rc)
		return rc;
	if (s->trap_armed && sysreg_eq(r, reg_mdcr_el3)) {
		s->mdcr_el3 = v;
		return 0;
	}
	switch (sysreg_special(r, &er, &sp_el)) {
	case 1:
		return ucs_elreg_write(s, er, 3, v);
	case 2:
		return ucs_sp_el_write(s, sp_el, v);
	default:
		break;
	}
	s->legal_valid = false;
	rc = cp_status(s, r, cp_access(s, r, &w, true));
	if (rc)
		return rc;
	/* Host CP_REG writes do not rebuild the translation flags [measured:
	 * SCTLR_EL1.EE had no effect until an ERET]. */
	s->flags_stale = true;
	/* Constant registers silently drop host writes [measured]. */
	rc = cp_status(s, r, cp_access(s, r, &back, false));
	if (rc)
		return rc;
	if (back != v)
		return fail(s, UCS_EPARTIAL, "S%u_%u_C%u_C%u_%u reads back %#llx after writing %#llx",
			    r.op0, r.op1, r.crn, r.crm, r.op2,
			    (unsigned long long)back, (unsigned long long)v);
	return 0;
}

/* ---- open / close / calibration ------------------------------------ */

static int run_plain(struct ucs *s, uint64_t begin, uint64_t until)
{
	uc_err e = uc_emu_start(s->uc, begin, until, 0, 0);

	return e == UC_ERR_OK ? 0 : fail_uc(s, e, "calibration run");
}

/*
 * Is the word at @off the translation flags?  From a consistent EL0 state
 * (reached by a native ERET at EL1), patch it to the EL3 value, make
 * PSTATE EL3h and run the trampoline's ERET to EL1 at a CurrentEL probe.
 * Only the right word lets the ERET (UNDEFINED when translated at EL0)
 * execute and read ELR_EL3.
 */
static bool try_hflags(struct ucs *s, uc_context *pristine, size_t off,
		       uint32_t el3)
{
	uint64_t p = 0, pc = 0, x0 = 0;

	if (uc_context_restore(s->uc, pristine) != UC_ERR_OK ||
	    cp_wr(s, (struct ucs_sysreg){ 3, 0, 4, 0, 0 }, 0) ||
	    wr(s, UC_ARM64_REG_ELR_EL1, PRIV_STOP) ||
	    run_plain(s, PRIV_ERET, PRIV_STOP) || rd_pstate(s, &p) ||
	    pstate_el(p) != 0)
		return false;
	s->hflags_off = off;
	if (patch_hflags(s, el3, NULL) ||
	    wr_pstate_raw(s, PSTATE_EL3H_MASKED) ||
	    cp_wr(s, reg_spsr_el3, PSTATE_EL1H_MASKED) ||
	    wr(s, UC_ARM64_REG_ELR_EL3, PRIV_CEL) ||
	    wr(s, UC_ARM64_REG_X0, 0))
		return false;
	if (uc_emu_start(s->uc, PRIV_ERET, PRIV_STOP, 0, 0) != UC_ERR_OK)
		return false;
	if (rd_pstate(s, &p) || rd(s, UC_ARM64_REG_PC, &pc) ||
	    rd(s, UC_ARM64_REG_X0, &x0))
		return false;
	return pc == PRIV_STOP && p == PSTATE_EL1H_MASKED && x0 == 0x4;
}

/*
 * Find the hflags word: Unicorn's uc_context blob is a raw copy of QEMU's
 * CPUARMState whose layout belongs to this build [ref], so do not trust a
 * fixed offset.  Take a blob at EL1 (reset: consistent), ERET to EL3 the
 * way q1b (B) does (PSTATE EL3h, translation still EL1, ELR_EL1 = ELR_EL3),
 * take another blob, and try every 32-bit word that changed.  Then learn
 * which optional PSTATE bits the model's ERET keeps.
 */
static int calibrate(struct ucs *s)
{
	uc_context *pristine = NULL, *el1 = NULL, *el3 = NULL;
	uint32_t a, b, found_val = 0;
	size_t off, found = 0;
	uint64_t p = 0, pc = 0, x0 = 0;
	int rc = 0, hits = 0;

	if (uc_context_alloc(s->uc, &pristine) != UC_ERR_OK ||
	    uc_context_alloc(s->uc, &el1) != UC_ERR_OK ||
	    uc_context_alloc(s->uc, &el3) != UC_ERR_OK ||
	    uc_context_save(s->uc, pristine) != UC_ERR_OK) {
		rc = fail(s, UCS_EUNICORN, "uc_context_alloc/save failed");
		goto out;
	}
	rc = wr_pstate_raw(s, PSTATE_EL3H_MASKED);
	if (!rc)
		rc = cp_wr(s, reg_spsr_el3, PSTATE_EL3H_MASKED);
	if (!rc)
		rc = wr(s, UC_ARM64_REG_ELR_EL1, PRIV_CEL);
	if (!rc)
		rc = wr(s, UC_ARM64_REG_ELR_EL3, PRIV_CEL);
	if (!rc)
		rc = wr(s, UC_ARM64_REG_PC, PRIV_STOP);
	if (!rc)
		rc = wr(s, UC_ARM64_REG_X0, 0xc);
	if (!rc && uc_context_save(s->uc, el1) != UC_ERR_OK)
		rc = fail(s, UCS_EUNICORN, "uc_context_save failed");
	if (!rc)
		rc = run_plain(s, PRIV_ERET, PRIV_STOP);
	if (!rc)
		rc = rd_pstate(s, &p);
	if (!rc)
		rc = rd(s, UC_ARM64_REG_PC, &pc);
	if (!rc)
		rc = rd(s, UC_ARM64_REG_X0, &x0);
	if (!rc && uc_context_save(s->uc, el3) != UC_ERR_OK)
		rc = fail(s, UCS_EUNICORN, "uc_context_save failed");
	if (rc)
		goto out;
	if (p != PSTATE_EL3H_MASKED || pc != PRIV_STOP || x0 != 0xc) {
		rc = fail_verify(s, "bootstrap ERET to EL3 gave PSTATE %#llx PC %#llx CurrentEL %#llx",
				 (unsigned long long)p, (unsigned long long)pc,
				 (unsigned long long)x0);
		goto out;
	}
	for (off = 0; off + 4 <= s->ctx_size; off += 4) {
		memcpy(&a, (char *)el1 + off, 4);
		memcpy(&b, (char *)el3 + off, 4);
		if (a != b && try_hflags(s, pristine, off, b)) {
			hits++;
			found = off;
			found_val = b;
		}
	}
	if (hits != 1) {
		rc = fail_verify(s, "%d words of the uc_context blob behave like the translation flags",
				 hits);
		goto out;
	}
	s->hflags_off = found;
	s->hflags_el3 = found_val;

	/* Optional PSTATE bits: an ERET to EL3h with all of them set. */
	uc_context_restore(s->uc, pristine);
	s->pstate_valid = PSTATE_BASE;
	rc = prepare(s, PSTATE_EL3H_MASKED | PSTATE_OPTIONAL, PRIV_STOP);
	if (!rc)
		rc = run_plain(s, PRIV_ERET, PRIV_STOP);
	if (!rc)
		rc = rd_pstate(s, &p);
	if (!rc)
		s->pstate_valid |= p & PSTATE_OPTIONAL;
out:
	if (pristine) {
		uc_context_restore(s->uc, pristine);
		uc_context_free(pristine);
	}
	if (el1)
		uc_context_free(el1);
	if (el3)
		uc_context_free(el3);
	return rc;
}

/* Copy @len bytes at @addr of this process, or fewer where memory ends. */
static size_t peek(uintptr_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len }, remote = { (void *)addr, len };
	ssize_t n = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);

	return n > 0 ? (size_t)n : 0;
}

/* The offset of the one 8-byte word of the live state equal to @v, or 0. */
static size_t find_once(const struct ucs *s, uint64_t v)
{
	size_t off, at = 0;
	unsigned hits = 0;

	for (off = UCS_CTX_HDR; off + 8 <= s->ctx_size; off += 8) {
		uint64_t w;

		memcpy(&w, s->env + off, 8);
		if (w == v) {
			hits++;
			at = off;
		}
	}
	return hits == 1 ? at : 0;
}

/*
 * SPSR_EL1..3 are reachable only through UC_ARM64_REG_CP_REG, a hash
 * lookup of QEMU's register table per access, twice per exception round
 * trip.  With the live state located (find_env()), find each one's
 * offset: write a sentinel through CP_REG, find it once in the state,
 * check that a value stored there reads back through CP_REG.
 */
static void find_spsr(struct ucs *s)
{
	uint64_t old, v, back;
	unsigned el;
	size_t at;

	for (el = 1; el <= 3; el++) {
		struct ucs_sysreg r = { 3, el_op1[el], 4, 0, 0 };

		if (cp_rd(s, r, &old))
			continue;
		v = 0x5053525300000000ULL ^ ((uint64_t)el << 40) ^ (uintptr_t)s;
		if (cp_wr(s, r, v))
			continue;
		at = find_once(s, v);
		if (at) {
			v = ~v;
			memcpy(s->env + at, &v, 8);
			if (!cp_rd(s, r, &back) && back == v)
				s->spsr_off[el] = at;
		}
		cp_wr(s, r, old);
	}
}

/*
 * The same for the registers Unicorn reads and writes as plain 64-bit
 * fields (reg_read()/reg_write() in Unicorn's unicorn_aarch64.c, no side
 * effects): X0-X30, the live SP, SP_ELx, ELR_ELx, ESR_ELx, FAR_ELx,
 * VBAR_ELx.  An exception entry made a dozen uc_reg_read/uc_reg_write
 * calls, a sixth of a single-step's cost [measured].  Never PC (its write
 * makes Unicorn leave the translated block) nor PSTATE (spread over
 * several fields).  Each: a sentinel through the API found exactly once,
 * and a value stored there read back through the API.
 */
static void find_regs(struct ucs *s)
{
	int ids[31 + 1 + 4 * 5], n = 0, i, k;
	uint64_t old, v, back;
	size_t at;

	for (k = 0; k <= 28; k++)
		ids[n++] = UC_ARM64_REG_X0 + k;
	ids[n++] = UC_ARM64_REG_X29;
	ids[n++] = UC_ARM64_REG_X30;
	ids[n++] = UC_ARM64_REG_SP;
	for (k = 0; k < 4; k++) {
		ids[n++] = UC_ARM64_REG_SP_EL0 + k;
		ids[n++] = UC_ARM64_REG_ELR_EL0 + k;
		ids[n++] = UC_ARM64_REG_ESR_EL0 + k;
		ids[n++] = UC_ARM64_REG_FAR_EL0 + k;
		ids[n++] = UC_ARM64_REG_VBAR_EL0 + k;
	}
	for (i = 0; i < n; i++) {
		if (rd(s, ids[i], &old))
			continue;
		v = 0x5245474f46460000ULL ^ ((uint64_t)ids[i] << 20) ^ (uintptr_t)s;
		if (wr(s, ids[i], v))
			continue;
		at = find_once(s, v);
		if (at && at < 65536) {	/* roff[] holds 16 bits */
			v = ~v;
			memcpy(s->env + at, &v, 8);
			if (!rd(s, ids[i], &back) && back == v)
				s->roff[ids[i]] = (uint16_t)at;
		}
		wr(s, ids[i], old);
	}
}

/*
 * Where QEMU keeps PSTATE.M[3:0]: a raw PSTATE write stores everything
 * but NZCV, DAIF and BTYPE in one 32-bit word (pstate_write() in QEMU's
 * cpu.h).  Three writes of different M, SS, IL and PAN bits must each
 * show up there, and a value stored there must come back from a PSTATE
 * read; exactly one word must pass (two follow the writes).  PSTATE is
 * put back after.
 */
static void find_mode(struct ucs *s)
{
	static const uint32_t val[3] = { 0x00400005, 0x00200009, 0x0010000d };
	size_t off, cand[8];
	unsigned i, j, n = 0, keep;
	uint64_t old;
	uint32_t w;

	if (rd_pstate(s, &old) || wr_pstate_raw(s, val[0]))
		return;
	for (off = UCS_CTX_HDR; off + 4 <= s->ctx_size && n < 8; off += 4) {
		memcpy(&w, s->env + off, 4);
		if (w == val[0])
			cand[n++] = off;
	}
	/* keep the places that follow every write */
	for (i = 1; i < 3 && n; i++) {
		if (wr_pstate_raw(s, val[i])) {
			n = 0;
			break;
		}
		for (j = keep = 0; j < n; j++) {
			memcpy(&w, s->env + cand[j], 4);
			if (w == val[i])
				cand[keep++] = cand[j];
		}
		n = keep;
	}
	/* the one a PSTATE read comes from (QEMU's pstate_read()) */
	for (j = keep = 0; j < n; j++) {
		uint32_t probe = 0x00000004;
		uint64_t back = 0;

		memcpy(&w, s->env + cand[j], 4);
		memcpy(s->env + cand[j], &probe, 4);
		if (!rd_pstate(s, &back) && (back & 0xf) == probe)
			cand[keep++] = cand[j];
		memcpy(s->env + cand[j], &w, 4);
	}
	n = keep;
	wr_pstate_raw(s, old);
	if (n == 1)
		s->m_off = cand[0];
}

/*
 * Narrow @cand (@n offsets, @w-byte fields) to those holding @want.
 */
static unsigned keep_equal(const struct ucs *s, size_t *cand, unsigned n,
			   unsigned w, uint64_t want)
{
	unsigned i, k = 0;

	for (i = 0; i < n; i++) {
		uint64_t v = 0;

		memcpy(&v, s->env + cand[i], w);
		if (v == want)
			cand[k++] = cand[i];
	}
	return k;
}

/*
 * The rest of PSTATE's home in QEMU (pstate_write(): NF = the value, ZF =
 * ~value & Z, CF = C, VF = V << 3, BTYPE, DAIF; M and the rest in the
 * m_off word): four raw writes of different patterns leave exactly one
 * candidate per field, and then the composition (pstate_live()) must
 * equal Unicorn's PSTATE read for 32 more values.  PSTATE is put back.
 */
static void find_pstate(struct ucs *s)
{
	static const uint32_t val[4] = {
		0xa04007c5, 0x50200949, 0xf0100e84, 0x00000000,
	};
	const uint32_t z = 1u << 30;
	size_t *c[6];
	unsigned n[6], f, i, k;
	uint64_t old, back, seed = 0x9e3779b97f4a7c15ULL;
	bool ok = s->m_off != 0;

	if (!ok || rd_pstate(s, &old))
		return;
	for (f = 0; f < 6; f++) {
		c[f] = malloc(s->ctx_size / 4 * sizeof(size_t));
		n[f] = 0;
		if (!c[f])
			ok = false;
	}
	for (f = 0; ok && f < 6; f++) {
		size_t step = f == 5 ? 8 : 4, off;

		for (off = UCS_CTX_HDR; off + 8 <= s->ctx_size; off += step)
			c[f][n[f]++] = off;
	}
	for (i = 0; ok && i < 4; i++) {
		uint32_t v = val[i];

		if (wr_pstate_raw(s, v)) {
			ok = false;
			break;
		}
		n[0] = keep_equal(s, c[0], n[0], 4, v);			/* NF */
		n[1] = keep_equal(s, c[1], n[1], 4, ~v & z);		/* ZF */
		n[2] = keep_equal(s, c[2], n[2], 4, v >> 29 & 1);	/* CF */
		n[3] = keep_equal(s, c[3], n[3], 4, v << 3 & 0x80000000u); /* VF */
		n[4] = keep_equal(s, c[4], n[4], 4, v >> 10 & 3);	/* BTYPE */
		n[5] = keep_equal(s, c[5], n[5], 8, v & UCS_PSTATE_DAIF); /* DAIF */
	}
	for (f = 0; ok && f < 6; f++)
		ok = n[f] == 1;
	if (ok) {
		s->nf_off = c[0][0];
		s->zf_off = c[1][0];
		s->cf_off = c[2][0];
		s->vf_off = c[3][0];
		s->bt_off = c[4][0];
		s->daif_off = c[5][0];
		for (k = 0; ok && k < 32; k++) {
			static const uint32_t mode[] = { 0x0, 0x4, 0x5, 0x8, 0x9, 0xc, 0xd };
			uint32_t v;

			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			v = (uint32_t)(seed >> 32);
			v = (v & (0xf0000000u | 0x00f00000u | UCS_PSTATE_DAIF | 0xc00u)) |
			    mode[(seed >> 8) % 7];
			ok = !wr_pstate_raw(s, v) && !rd_pstate(s, &back) &&
			     back == pstate_live(s);
		}
	}
	wr_pstate_raw(s, old);
	s->pst_direct = ok;
	for (f = 0; f < 6; f++)
		free(c[f]);
}

/*
 * QEMU's exclusive monitor: exclusive_addr and exclusive_val, next to each
 * other in CPUARMState.  A Store-Exclusive succeeds exactly when its
 * address is exclusive_addr and memory still holds exclusive_val
 * (QEMU's gen_store_exclusive(): compare, then compare-and-swap).  Found
 * by running PRIV_LDX (an LDXR of its own two instructions) and looking
 * for its address, once, followed by the loaded value; the monitor is
 * then cleared as CLREX does (address all ones).  Runs at ucs_open(),
 * from the reset state, where the private page is reachable.
 */
static void find_monitor(struct ucs *s)
{
	uint64_t x0, x1, want, w;
	size_t at;

	memcpy(&want, &priv_code[(PRIV_LDX - UCS_PRIV_BASE) / 4], sizeof(want));
	if (rd(s, UC_ARM64_REG_X0, &x0) || rd(s, UC_ARM64_REG_X1, &x1))
		return;
	if (wr(s, UC_ARM64_REG_X0, PRIV_LDX) ||
	    run_plain(s, PRIV_LDX, PRIV_LDX + 4) ||
	    rd(s, UC_ARM64_REG_X1, &w) || w != want ||
	    wr(s, UC_ARM64_REG_X0, 0) || wr(s, UC_ARM64_REG_X1, 0))
		goto out;
	/* X0 and X1 (the address and what it loaded) are cleared: one copy left */
	at = find_once(s, PRIV_LDX);
	if (at && at + 16 <= s->ctx_size) {
		memcpy(&w, s->env + at + 8, 8);
		if (w == want) {
			s->mon_off = at;
			w = ~0ULL;
			memcpy(s->env + at, &w, 8);
		}
	}
out:
	wr(s, UC_ARM64_REG_X0, x0);
	wr(s, UC_ARM64_REG_X1, x1);
}

/*
 * QEMU's ERET (and exception entry) calls the PMU's EL-change hooks,
 * pmu_pre_el_change() and pmu_post_el_change(), which read the host clock
 * and walk every event counter: a tenth of a single-step's cost
 * [measured].  armdbg serves PMCCNTR_EL0 from virtual time; QEMU's other
 * counters follow host time or nothing in Unicorn and are not part of
 * armdbg's deterministic state (docs/emulator.md).  So empty the two
 * lists: they are the two list heads after CPUARMState in ARMCPU whose
 * only entries hold exactly those hooks (found in @buf, @n bytes of the
 * object from @cpu, from @from on).  ucs_close() puts them back, so that
 * Unicorn frees the entries.  Anything unexpected: leave them.
 */
static void quiet_pmu(struct ucs *s, uintptr_t cpu, const uint8_t *buf,
		      size_t n, size_t from)
{
	uintptr_t pre = (uintptr_t)dlsym(RTLD_DEFAULT, "pmu_pre_el_change_aarch64");
	uintptr_t post = (uintptr_t)dlsym(RTLD_DEFAULT, "pmu_post_el_change_aarch64");
	uint64_t head[2], entry[2][4];
	size_t off, end = from + 16384 < n ? from + 16384 : n;

	if (!pre || !post)
		return;
	for (off = (from + 7) & ~(size_t)7; off + 16 <= end; off += 8) {
		memcpy(head, buf + off, sizeof(head));
		/* heap pointers near the object: skip everything else early */
		if (!head[0] || !head[1] || (head[0] | head[1]) & 7 ||
		    head[0] - (cpu - (1ull << 32)) > (2ull << 32) ||
		    head[1] - (cpu - (1ull << 32)) > (2ull << 32))
			continue;
		/* ARMELChangeHook: hook, opaque, node.le_next, node.le_prev */
		if (peek(head[0], entry[0], sizeof(entry[0])) != sizeof(entry[0]) ||
		    entry[0][0] != pre ||
		    peek(head[1], entry[1], sizeof(entry[1])) != sizeof(entry[1]) ||
		    entry[1][0] != post || entry[0][2] || entry[1][2] ||
		    entry[0][3] != cpu + off || entry[1][3] != cpu + off + 8)
			continue;
		s->el_hooks = (uint64_t *)(cpu + off);
		memcpy(s->el_hooks_saved, head, sizeof(head));
		memset(s->el_hooks, 0, sizeof(head));
		return;
	}
}

/*
 * Locate the live CPU state that uc_context blobs copy, so that
 * patch_hflags() can write 4 bytes instead of saving and restoring the
 * 12.6 KB blob (two copies of it per exception entry were an eighth of a
 * single-step's cost [measured]).  Unicorn has no API for it, but this
 * build exports qemu_get_cpu_aarch64(uc, index), which returns the
 * CPUState at the start of QEMU's ARMCPU; the CPUARMState follows inside
 * that object.  Find it by content: put sentinels in X0-X3, save a blob,
 * search the object (read with process_vm_readv(), which cannot fault)
 * for them, and accept only if everything after the blob's header
 * matches byte for byte.  Only for the build calibrated here; anything
 * unexpected leaves s->env NULL: the slower copy stays correct.
 */
static void find_env(struct ucs *s)
{
	/* unique per call: freed objects of earlier engines hold old ones */
	static uint64_t calls;
	const uint64_t sentinel[4] = {
		0x61726d6462670001ULL, 0x0f1e2d3c4b5a6978ULL ^ ++calls,
		0x8796a5b4c3d2e1f0ULL ^ (uintptr_t)s, 0x13579bdf2468ace0ULL,
	};
	enum { WINDOW = 256 * 1024, HDR = 64 };
	void *(*get_cpu)(uc_engine *, int);
	uint64_t saved[4];
	uint8_t *buf = NULL, *hit, *bhit;
	uintptr_t cpu;
	size_t n, bx, mx = 0;
	unsigned i, found;
	int rc = 0;

	if (uc_version(NULL, NULL) >> 16 != 0x0200 || s->ctx_size < HDR + 4096)
		return;
	*(void **)&get_cpu = dlsym(RTLD_DEFAULT, "qemu_get_cpu_aarch64");
	if (!get_cpu)
		return;
	/* The one CPU: Unicorn 2.0.1 leaves its index unassigned (-1). */
	cpu = (uintptr_t)get_cpu(s->uc, 0);
	if (!cpu)
		cpu = (uintptr_t)get_cpu(s->uc, -1);
	buf = malloc(WINDOW);
	if (!cpu || !buf)
		goto out;
	for (i = 0; i < 4 && !rc; i++)
		rc = rd(s, UC_ARM64_REG_X0 + (int)i, &saved[i]);
	for (i = 0; i < 4 && !rc; i++)
		rc = wr(s, UC_ARM64_REG_X0 + (int)i, sentinel[i]);
	if (rc || uc_context_save(s->uc, s->ctx) != UC_ERR_OK)
		goto restore;
	n = peek(cpu, buf, WINDOW);
	bhit = memmem(s->ctx, s->ctx_size, sentinel, sizeof(sentinel));
	if (!bhit)
		goto restore;
	bx = (size_t)(bhit - (uint8_t *)s->ctx);
	/* exactly one copy in the object, not counting the blob just saved */
	found = 0;
	for (hit = buf; n - (size_t)(hit - buf) >= sizeof(sentinel); hit++) {
		hit = memmem(hit, n - (size_t)(hit - buf), sentinel, sizeof(sentinel));
		if (!hit)
			break;
		if (cpu + (size_t)(hit - buf) - (uintptr_t)bhit == 0)
			continue;
		found++;
		mx = (size_t)(hit - buf);
	}
	if (found != 1 || mx < bx || mx - bx + s->ctx_size > n ||
	    memcmp(buf + mx - bx + HDR, (uint8_t *)s->ctx + HDR, s->ctx_size - HDR))
		goto restore;
	s->env = (uint8_t *)(cpu + mx - bx);
	quiet_pmu(s, cpu, buf, n, mx - bx + s->ctx_size);
	find_spsr(s);
	find_regs(s);
	find_mode(s);
	find_pstate(s);
	find_monitor(s);
	/*
	 * The blob is a header, then CPUARMState: its first word is the
	 * size of what follows (Unicorn's struct uc_context).
	 */
	memcpy(&n, s->ctx, sizeof(n));
	if (n + UCS_CTX_HDR == s->ctx_size)
		*(void **)&s->rebuild = dlsym(RTLD_DEFAULT, "arm_rebuild_hflags_aarch64");
restore:
	for (i = 0; i < 4; i++)
		if (wr(s, UC_ARM64_REG_X0 + (int)i, saved[i]))
			s->env = NULL;
out:
	free(buf);
}

/*
 * Where does QEMU keep a data abort's address and target EL?  Unicorn
 * hands an interrupt hook only QEMU's exception number, and its
 * uc_context blob is a raw copy of CPUARMState whose layout belongs to
 * this build, so find them: make EL1 load from two addresses stage 2
 * refuses (the load is on the private page), keep the blob taken in the
 * interrupt hook, and look for the one place that holds both faulting
 * addresses, with QEMU's syndrome (EC 0x24, a data abort from a lower EL)
 * 8 bytes before and target EL 2 8 bytes after [measured layout:
 * syndrome, fsr, vaddress, target_el].
 */
static int calibrate_traps(struct ucs *s)
{
	/* in the tables' block, which stage 2 never lets the guest access;
	 * mapped (Unicorn refuses unmapped addresses before translating) */
	static const uint64_t probe[2] = { UCS_S2_BASE + 0xab8,
					   UCS_S2_BASE + 0x7f10 };
	uc_context *pristine = NULL;
	char *blob[2] = { NULL, NULL };
	uint32_t syn[2], el[2];
	uint64_t v[2];
	size_t off, found = 0;
	int rc = 0, hits = 0, k, j;

	blob[0] = malloc(s->ctx_size);
	blob[1] = malloc(s->ctx_size);
	if (!blob[0] || !blob[1] ||
	    uc_context_alloc(s->uc, &pristine) != UC_ERR_OK ||
	    uc_context_save(s->uc, pristine) != UC_ERR_OK) {
		rc = fail(s, UCS_EUNICORN, "page-trap calibration: out of memory");
		goto out;
	}
	for (k = 0; k < 2 && !rc; k++) {
		rc = s2_build(s, NULL, 0);
		if (!rc)
			rc = s2_enable(s, true);
		if (!rc)
			rc = wr(s, UC_ARM64_REG_X0, probe[k]);
		if (!rc)
			rc = prepare(s, PSTATE_EL1H_MASKED, PRIV_TRAP);
		s->trap_cal = true;
		if (!rc)
			rc = run_plain(s, PRIV_FLUSH, PRIV_STOP);
		if (!rc && s->trap_cal)
			rc = fail_verify(s, "a load from a page stage 2 refuses raised no data abort");
		s->trap_cal = false;
		memcpy(blob[k], s->ctx, s->ctx_size);
		uc_context_restore(s->uc, pristine);
	}
	for (off = 8; !rc && off + 12 <= s->ctx_size; off += 4) {
		for (j = 0; j < 2; j++) {
			memcpy(&syn[j], blob[j] + off - 8, 4);
			memcpy(&v[j], blob[j] + off, 8);
			memcpy(&el[j], blob[j] + off + 8, 4);
		}
		if (v[0] == probe[0] && v[1] == probe[1] && syn[0] >> 26 == 0x24 &&
		    syn[1] >> 26 == 0x24 && el[0] == 2 && el[1] == 2) {
			hits++;
			found = off;
		}
	}
	if (!rc && hits != 1)
		rc = fail_verify(s, "%d places of the uc_context blob behave like a data abort's address",
				 hits);
	if (!rc) {
		s->exc_off = found;
		s->traps_ok = true;
	}
out:
	if (pristine) {
		uc_context_restore(s->uc, pristine);
		uc_context_free(pristine);
	}
	free(blob[0]);
	free(blob[1]);
	return rc;
}

/*
 * The stage 2 tables' region, the interrupt hook and calibrate_traps().
 * The hook is the first interrupt hook (the caller's come later), but
 * comes after calibrate(): with any interrupt hook Unicorn resumes at PC
 * after an exception instead of ending the run, which calibrate()'s runs
 * rely on (calibrate_traps() ends its runs in the hook).
 */
static int setup_traps(struct ucs *s)
{
	uc_err e;

	s->s2 = aligned_alloc(4096, (size_t)UCS_S2_SIZE);
	if (!s->s2)
		return fail(s, UCS_EINVAL, "cannot allocate the stage 2 tables");
	e = uc_mem_map_ptr(s->uc, UCS_S2_BASE, (size_t)UCS_S2_SIZE, UC_PROT_READ,
			   s->s2);
	if (e == UC_ERR_OK)
		e = uc_hook_add(s->uc, &s->intr_hook, UC_HOOK_INTR,
				(void *)intr_hook, s, 1, 0);
	if (e != UC_ERR_OK)
		return fail_uc(s, e, "page traps");
	return calibrate_traps(s);
}

static const uc_cpu_arm64 cpu_ids[] = {
	[UCS_CPU_A53] = UC_CPU_ARM64_A53,
	[UCS_CPU_A57] = UC_CPU_ARM64_A57,
	[UCS_CPU_A72] = UC_CPU_ARM64_A72,
	[UCS_CPU_MAX] = UC_CPU_ARM64_MAX,
};

static int setup(struct ucs *s, enum ucs_cpu cpu, bool ns)
{
	uc_err e;
	int rc;

	e = uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &s->uc);
	if (e != UC_ERR_OK) {
		s->uc = NULL;
		return fail_uc(s, e, "uc_open");
	}
	/* The model must be chosen before anything else touches the CPU
	 * [ref]. */
	e = uc_ctl_set_cpu_model(s->uc, (int)cpu_ids[cpu]);
	if (e != UC_ERR_OK)
		return fail_uc(s, e, "uc_ctl_set_cpu_model");
	/*
	 * RAM is host memory of ours, so that ucs_alias() can map more guest
	 * addresses onto it (zeroed, like uc_mem_map()'s).
	 */
	s->ram = aligned_alloc(4096, (size_t)s->ram_size);
	if (!s->ram)
		return fail(s, UCS_EINVAL, "cannot allocate %llu bytes of RAM",
			    (unsigned long long)s->ram_size);
	memset(s->ram, 0, (size_t)s->ram_size);
	e = uc_mem_map_ptr(s->uc, s->ram_base, (size_t)s->ram_size, UC_PROT_ALL,
			   s->ram);
	if (e != UC_ERR_OK)
		return fail_uc(s, e, "uc_mem_map_ptr(RAM)");
	e = uc_mem_map(s->uc, UCS_PRIV_BASE, UCS_PRIV_SIZE, UC_PROT_ALL);
	if (e == UC_ERR_OK)
		e = uc_mem_write(s->uc, UCS_PRIV_BASE, priv_code,
				 sizeof(priv_code));
	if (e == UC_ERR_OK)
		e = uc_mem_protect(s->uc, UCS_PRIV_BASE, UCS_PRIV_SIZE,
				   UC_PROT_READ | UC_PROT_EXEC);
	if (e != UC_ERR_OK)
		return fail_uc(s, e, "private page");
	e = uc_hook_add(s->uc, &s->priv_hook, UC_HOOK_CODE, (void *)priv_hook,
			s, PRIV_FLUSH, PRIV_PAD);
	if (e != UC_ERR_OK)
		return fail_uc(s, e, "uc_hook_add(private page)");
	e = uc_context_alloc(s->uc, &s->ctx);
	if (e != UC_ERR_OK) {
		s->ctx = NULL;
		return fail_uc(s, e, "uc_context_alloc");
	}
	s->ctx_size = uc_context_size(s->uc);

	/* Reset SCR_EL3 is 0: RW = 0 makes every return to AArch64 EL1 or
	 * EL2 illegal [ref; measured].  NS selects the Security state of
	 * EL0/EL1; with NS = 1, EL1 is AArch64 only if HCR_EL2.RW = 1. */
	rc = cp_wr(s, reg_scr_el3, SCR_RW | (ns ? SCR_NS : 0));
	if (!rc)
		rc = cp_wr(s, reg_hcr_el2, ns ? HCR_RW : 0);
	if (!rc)
		rc = calibrate(s);
	if (!rc)
		find_env(s);
	if (!rc && ns)
		rc = setup_traps(s);
	/* Reset state again, with translation flags that match the SCR and
	 * HCR written above (host writes do not rebuild them). */
	if (!rc)
		rc = do_switch(s, PSTATE_EL1H_MASKED, s->ram_base, PRIV_FLUSH);
	return rc;
}

struct ucs *ucs_open(enum ucs_cpu cpu, uint64_t ram_base, uint64_t ram_size,
		     bool ns, char *err, size_t errlen)
{
	struct ucs *s;
	char ver[48];
	int rc;

	ucs_version(ver, sizeof(ver));
	if ((unsigned)cpu > UCS_CPU_MAX || !ram_size || (ram_base & 0xfff) ||
	    (ram_size & 0xfff) || ram_size > UCS_S2_BASE ||
	    ram_base > UCS_S2_BASE - ram_size) {
		snprintf(err, errlen,
			 "ucshim: bad CPU or RAM [%#llx, +%#llx): 4 KiB aligned, below %#llx",
			 (unsigned long long)ram_base,
			 (unsigned long long)ram_size,
			 (unsigned long long)UCS_S2_BASE);
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "ucshim: out of memory");
		return NULL;
	}
	s->ram_base = ram_base;
	s->ram_size = ram_size;
	rc = setup(s, cpu, ns);
	if (rc) {
		snprintf(err, errlen, "ucshim (%s): %s", ver, s->msg);
		ucs_close(s);
		return NULL;
	}
	s->msg[0] = '\0';
	return s;
}

void ucs_close(struct ucs *s)
{
	if (!s)
		return;
	if (s->ctx)
		uc_context_free(s->ctx);
	if (s->el_hooks)
		memcpy(s->el_hooks, s->el_hooks_saved, sizeof(s->el_hooks_saved));
	if (s->uc)
		uc_close(s->uc);
	free(s->ram);
	free(s->s2);
	free(s);
}

/*
 * Unicorn 2.0.1 refuses a guest access whose *virtual* address is not a
 * mapped region even when the guest's tables translate it into RAM
 * [measured: VA 0x800a0000 -> PA 0x400a0000 reported as unmapped].  The
 * emulator maps such a page as an alias of the RAM page it translates to.
 */
int ucs_alias(struct ucs *s, uint64_t va, uint64_t pa)
{
	uc_err e;

	va &= ~0xfffull;
	pa &= ~0xfffull;
	if (pa < s->ram_base || pa - s->ram_base > s->ram_size - 0x1000)
		return fail(s, UCS_EINVAL, "alias target %#llx is not RAM",
			    (unsigned long long)pa);
	if (s->nalias == UCS_MAX_ALIASES)
		return fail(s, UCS_ESTATE, "more than %u aliased pages",
			    UCS_MAX_ALIASES);
	e = uc_mem_map_ptr(s->uc, va, 0x1000, UC_PROT_ALL,
			   s->ram + (pa - s->ram_base));
	if (e != UC_ERR_OK)
		return fail_uc(s, e, "uc_mem_map_ptr(alias)");
	s->alias_va[s->nalias++] = va;
	return 0;
}

uint8_t *ucs_ram(struct ucs *s)
{
	return s->ram;
}

void ucs_unalias_all(struct ucs *s)
{
	while (s->nalias)
		uc_mem_unmap(s->uc, s->alias_va[--s->nalias], 0x1000);
}

uc_engine *ucs_uc(struct ucs *s)
{
	return s->uc;
}

const char *ucs_error(const struct ucs *s)
{
	return s->msg;
}

uc_err ucs_uc_err(const struct ucs *s)
{
	return s->uerr;
}

size_t ucs_hflags_offset(const struct ucs *s)
{
	return s->hflags_off;
}
