// SPDX-License-Identifier: MIT
/*
 * model/sysreg.c - MRS/MSR to the debug system registers: the
 * accessibility pseudocode of the ARM ARM D24.3 register pages (digest 7).
 *
 * Order of the checks, as in the pseudocode:
 *   1. the register's EL or feature is not implemented: UNDEFINED;
 *   2. a read of a write-only / write of a read-only encoding: UNDEFINED;
 *   3. breakpoint/watchpoint number not implemented: UNDEFINED;
 *   4. EL0 (except the DCC registers) or an EL below the register's: UNDEFINED;
 *   5. traps to EL2 (EL0/EL1, EL2 enabled): MDCR_EL2.TDCC, then
 *      MDCR_EL2.{TDE,TDA/TDOSA/TDRA} (HCR_EL2.TGE makes TDE 1), HCR_EL2.TID3;
 *   6. traps to EL3 (EL0-EL2): MDCR_EL3.TDCC, MDCR_EL3.EBWE, MDCR_EL3.TDA/TDOSA;
 *   7. the access.
 * The EL3SDDUndef / Halted() / EDSCR.TDA / fine-grained (HDFGRTR_EL2) terms
 * of the pseudocode belong to halting debug or FEAT_FGT traps the model
 * does not implement.
 */
#include "sysreg.h"

#include "config.h"
#include "debug.h"
#include "regs.h"
#include "syndrome.h"

#define MDSCR_RXFULL (1ull << 30)
#define MDCR_EBWE    (1ull << 43)
#define HCR_TID3     (1ull << 18)

/* Trap groups: which MDCR/HCR controls apply to a register. */
enum sr_group {
	G_TDA,    /* MDCR_EL2.TDA, MDCR_EL3.TDA */
	G_DCC,    /* + MDCR_ELx.TDCC (FEAT_FGT); at EL0 also MDSCR_EL1.TDCC */
	G_TDOSA,  /* MDCR_EL2.TDOSA, MDCR_EL3.TDOSA */
	G_OSDLR,  /* TDOSA, only with FEAT_DoubleLock (else IMP DEF: not trapped) */
	G_TDRA,   /* MDCR_EL2.TDRA, MDCR_EL3.TDA */
	G_MDSELR, /* TDA, and MDCR_EL3.EBWE == 0 traps to EL3 */
	G_EL3TDA, /* only MDCR_EL3.TDA (DBGVCR32_EL2, accessible from EL2) */
	G_ID,     /* HCR_EL2.TID3 */
	G_NONE,   /* MDCR_EL2, MDCR_EL3: no trap the model implements */
};

struct sr_owned {
	enum ad_reg reg;
	enum sr_group group;
	bool el0;           /* accessible from EL0 (the DCC registers) */
};

/* The registers whose MRS/MSR the model performs. */
static const struct sr_owned owned[] = {
	{ AD_REG_DBGBVR, G_TDA, false },
	{ AD_REG_DBGBCR, G_TDA, false },
	{ AD_REG_DBGWVR, G_TDA, false },
	{ AD_REG_DBGWCR, G_TDA, false },
	{ AD_REG_MDSCR_EL1, G_TDA, false },
	{ AD_REG_OSLAR_EL1, G_TDOSA, false },
	{ AD_REG_OSLSR_EL1, G_TDOSA, false },
	{ AD_REG_OSDLR_EL1, G_OSDLR, false },
	{ AD_REG_DBGPRCR_EL1, G_TDOSA, false },
	{ AD_REG_MDSELR_EL1, G_MDSELR, false },
	{ AD_REG_DBGCLAIMSET_EL1, G_TDA, false },
	{ AD_REG_DBGCLAIMCLR_EL1, G_TDA, false },
	{ AD_REG_DBGAUTHSTATUS_EL1, G_TDA, false },
	{ AD_REG_MDRAR_EL1, G_TDRA, false },
	{ AD_REG_MDCCSR_EL0, G_DCC, true },
	{ AD_REG_MDCCINT_EL1, G_DCC, false },
	{ AD_REG_DBGDTR_EL0, G_DCC, true },
	{ AD_REG_DBGDTRRX_EL0, G_DCC, true },
	{ AD_REG_DBGDTRTX_EL0, G_DCC, true },
	{ AD_REG_OSDTRRX_EL1, G_DCC, false },
	{ AD_REG_OSDTRTX_EL1, G_DCC, false },
	{ AD_REG_OSECCR_EL1, G_TDA, false },
	{ AD_REG_DBGVCR32_EL2, G_EL3TDA, false },
	{ AD_REG_ID_AA64DFR0_EL1, G_ID, false },
	{ AD_REG_ID_AA64DFR1_EL1, G_ID, false },
	{ AD_REG_MDCR_EL2, G_NONE, false },
	{ AD_REG_MDCR_EL3, G_NONE, false },
};

#define NOWNED (sizeof(owned) / sizeof(owned[0]))

static const struct sr_owned *owned_entry(enum ad_reg reg)
{
	for (unsigned i = 0; i < NOWNED; i++)
		if (owned[i].reg == reg)
			return &owned[i];
	return NULL;
}

static bool enc_matches(const struct ad_regdesc *d, struct ad_sysreg_enc e)
{
	if (d->op0 != e.op0 || d->op1 != e.op1 || d->crn != e.crn ||
	    d->op2 != e.op2)
		return false;
	return d->banked ? e.crm <= 15 : d->crm == e.crm;
}

bool ad_sysreg_lookup(const struct ad_state *s, struct ad_sysreg_enc e,
		      bool is_read, enum ad_reg *reg, unsigned *n)
{
	if (!s || !s->cfg)
		return false;
	for (unsigned i = 0; i < NOWNED; i++) {
		const struct ad_regdesc *d = ad_regdesc(owned[i].reg);

		if (!d || !enc_matches(d, e))
			continue;
		/* DBGDTRRX_EL0 / DBGDTRTX_EL0 share 2,3,0,5,0: MRS reads RX. */
		if (owned[i].reg == AD_REG_DBGDTRRX_EL0 && !is_read)
			continue;
		if (owned[i].reg == AD_REG_DBGDTRTX_EL0 && is_read)
			continue;
		if (reg)
			*reg = owned[i].reg;
		if (n)
			*n = d->banked ? ad_banked_index(s, e.crm) : 0;
		return true;
	}
	return false;
}

/* ---- the trap controls ------------------------------------------------ */

struct trap {
	unsigned el;
	enum ad_sysreg_reason why;
};

static bool fgt(const struct ad_state *s)
{
	return ad_feature_present(s->cfg, AD_FEAT_FGT);
}

static bool tge(const struct ad_state *s)
{
	return ad_el2_enabled(s) && (s->r.hcr_el2 & AD_HCR_TGE);
}

/*
 * EL2Enabled() && MDCR_EL2.<TDE,@bit> != '00'.  HCR_EL2.TGE == 1 makes
 * MDCR_EL2.TDE behave as 1 (D24.3 MDCR_EL2.TDE), and TDE makes TDA, TDOSA
 * and TDRA behave as 1.
 */
static bool el2_tdx(const struct ad_state *s, uint64_t bit,
		    enum ad_sysreg_reason why, struct trap *t)
{
	if (!ad_el2_enabled(s))
		return false;
	t->el = AD_EL2;
	if (s->r.hcr_el2 & AD_HCR_TGE)
		t->why = AD_SRR_HCR_EL2_TGE;
	else if (s->r.mdcr_el2 & AD_MDCR2_TDE)
		t->why = AD_SRR_MDCR_EL2_TDE;
	else if (s->r.mdcr_el2 & bit)
		t->why = why;
	else
		return false;
	return true;
}

/* EL2Enabled() && IsFeatureImplemented(FEAT_FGT) && MDCR_EL2.TDCC == '1' */
static bool el2_tdcc(const struct ad_state *s, struct trap *t)
{
	if (!ad_el2_enabled(s) || !fgt(s) || !(s->r.mdcr_el2 & AD_MDCR2_TDCC))
		return false;
	t->el = AD_EL2;
	t->why = AD_SRR_MDCR_EL2_TDCC;
	return true;
}

/* HaveEL(EL3) && MDCR_EL3.<bit> == '1' */
static bool el3_bit(const struct ad_state *s, uint64_t bit,
		    enum ad_sysreg_reason why, struct trap *t)
{
	if (!s->cfg->el3 || !(s->r.mdcr_el3 & bit))
		return false;
	t->el = AD_EL3;
	t->why = why;
	return true;
}

static bool el3_tdcc(const struct ad_state *s, struct trap *t)
{
	return fgt(s) && el3_bit(s, AD_MDCR3_TDCC, AD_SRR_MDCR_EL3_TDCC, t);
}

/* HaveEL(EL3) && MDCR_EL3.EBWE == '0' (MDSELR_EL1 accessibility) */
static bool el3_no_ebwe(const struct ad_state *s, struct trap *t)
{
	if (!s->cfg->el3 || (s->r.mdcr_el3 & MDCR_EBWE))
		return false;
	t->el = AD_EL3;
	t->why = AD_SRR_MDCR_EL3_EBWE;
	return true;
}

/*
 * The EL0 DCC accesses (MDCCSR_EL0, DBGDTR_EL0, DBGDTRRX/TX_EL0), after
 * the D24.3 accessibility pseudocode for PSTATE.EL == EL0.
 */
static bool trap_el0_dcc(const struct ad_state *s, struct trap *t)
{
	if (s->r.mdscr_el1 & AD_MDSCR_TDCC) {
		t->el = tge(s) ? AD_EL2 : AD_EL1;
		t->why = AD_SRR_MDSCR_TDCC;
		return true;
	}
	if (el2_tdcc(s, t))
		return true;
	/* EL2Enabled() && (HCR_EL2.TGE == '1' || MDCR_EL2.<TDE,TDA> != '00') */
	if (el2_tdx(s, AD_MDCR2_TDA, AD_SRR_MDCR_EL2_TDA, t))
		return true;
	if (el3_tdcc(s, t))
		return true;
	return el3_bit(s, AD_MDCR3_TDA, AD_SRR_MDCR_EL3_TDA, t);
}

/* The EL2 traps of an access from EL1 (group @g). */
static bool trap_to_el2(const struct ad_state *s, enum sr_group g,
			struct trap *t)
{
	switch (g) {
	case G_TDA:
	case G_MDSELR:
		return el2_tdx(s, AD_MDCR2_TDA, AD_SRR_MDCR_EL2_TDA, t);
	case G_DCC:
		return el2_tdcc(s, t) ||
		       el2_tdx(s, AD_MDCR2_TDA, AD_SRR_MDCR_EL2_TDA, t);
	case G_TDOSA:
		return el2_tdx(s, AD_MDCR2_TDOSA, AD_SRR_MDCR_EL2_TDOSA, t);
	case G_OSDLR:
		/*
		 * Trapped by TDOSA only with FEAT_DoubleLock; otherwise
		 * IMPLEMENTATION DEFINED, and the model does not trap.
		 */
		return s->cfg->doublelock &&
		       el2_tdx(s, AD_MDCR2_TDOSA, AD_SRR_MDCR_EL2_TDOSA, t);
	case G_TDRA:
		return el2_tdx(s, AD_MDCR2_TDRA, AD_SRR_MDCR_EL2_TDRA, t);
	case G_ID:
		if (!ad_el2_enabled(s) || !(s->r.hcr_el2 & HCR_TID3))
			return false;
		t->el = AD_EL2;
		t->why = AD_SRR_HCR_EL2_TID3;
		return true;
	case G_EL3TDA:
	case G_NONE:
		break;
	}
	return false;
}

/* The EL3 traps of an access from EL1 or EL2 (group @g). */
static bool trap_to_el3(const struct ad_state *s, enum sr_group g,
			struct trap *t)
{
	switch (g) {
	case G_TDA:
	case G_TDRA:	/* MDRAR_EL1 is covered by MDCR_EL3.TDA */
	case G_EL3TDA:
		return el3_bit(s, AD_MDCR3_TDA, AD_SRR_MDCR_EL3_TDA, t);
	case G_MDSELR:
		return el3_no_ebwe(s, t) ||
		       el3_bit(s, AD_MDCR3_TDA, AD_SRR_MDCR_EL3_TDA, t);
	case G_DCC:
		return el3_tdcc(s, t) ||
		       el3_bit(s, AD_MDCR3_TDA, AD_SRR_MDCR_EL3_TDA, t);
	case G_TDOSA:
		return el3_bit(s, AD_MDCR3_TDOSA, AD_SRR_MDCR_EL3_TDOSA, t);
	case G_OSDLR:
		return s->cfg->doublelock &&
		       el3_bit(s, AD_MDCR3_TDOSA, AD_SRR_MDCR_EL3_TDOSA, t);
	case G_ID:
	case G_NONE:
		break;
	}
	return false;
}

static bool find_trap(const struct ad_state *s, const struct sr_owned *o,
		      struct trap *t)
{
	switch (s->pe.el) {
	case AD_EL0:
		/* Only the EL0 DCC registers get here. */
		return trap_el0_dcc(s, t);
	case AD_EL1:
		return trap_to_el2(s, o->group, t) || trap_to_el3(s, o->group, t);
	case AD_EL2:
		return trap_to_el3(s, o->group, t);
	default:
		return false;	/* EL3 accesses everything */
	}
}

/* ---- the access ------------------------------------------------------- */

/* UNDEFINED is taken to the current EL; from EL0 to EL1, or EL2 if TGE. */
static unsigned undef_target(const struct ad_state *s)
{
	if (s->pe.el == AD_EL0)
		return tge(s) ? AD_EL2 : AD_EL1;
	return s->pe.el;
}

static void set_undef(const struct ad_state *s, struct ad_sysreg_result *r,
		      enum ad_sysreg_reason why)
{
	r->outcome = AD_SR_UNDEFINED;
	r->reason = why;
	r->target_el = undef_target(s);
	r->esr = ad_esr_undefined();
}

/* The first reason (in pseudocode order) the access is UNDEFINED. */
static enum ad_sysreg_reason undef_reason(const struct ad_state *s,
					  const struct sr_owned *o,
					  unsigned n, bool is_read)
{
	const struct ad_config *c = s->cfg;
	const struct ad_regdesc *d = ad_regdesc(o->reg);
	unsigned limit = 0;

	if ((d->feature == AD_FEAT_EL2 && !c->el2) ||
	    (d->feature == AD_FEAT_EL3 && !c->el3))
		return AD_SRR_EL_ABSENT;
	if (!ad_feature_present(c, (enum ad_feature)d->feature))
		return AD_SRR_FEATURE;
	if (is_read ? !d->readable : !d->writable)
		return AD_SRR_DIRECTION;
	if (o->reg == AD_REG_DBGBVR || o->reg == AD_REG_DBGBCR)
		limit = c->num_bps;
	else if (o->reg == AD_REG_DBGWVR || o->reg == AD_REG_DBGWCR)
		limit = c->num_wps;
	if (d->banked && n >= limit)
		return AD_SRR_NOT_IMPL;
	if (s->pe.el == AD_EL0 && !o->el0)
		return AD_SRR_EL0;
	if (s->pe.el < d->min_el)
		return AD_SRR_EL_TOO_LOW;
	return AD_SRR_NONE;
}

struct ad_sysreg_result ad_sysreg_access(struct ad_state *s,
					 struct ad_sysreg_enc e, bool is_read,
					 unsigned rt, uint64_t wval)
{
	struct ad_sysreg_result r = { .outcome = AD_SR_UNKNOWN };
	const struct sr_owned *o;
	enum ad_sysreg_reason why;
	struct trap t;

	if (!s || !s->cfg || s->pe.el > AD_EL3 ||
	    !ad_sysreg_lookup(s, e, is_read, &r.reg, &r.n))
		return r;
	o = owned_entry(r.reg);
	if (!o)
		return r;

	why = undef_reason(s, o, r.n, is_read);
	if (why != AD_SRR_NONE) {
		set_undef(s, &r, why);
		return r;
	}
	if (find_trap(s, o, &t)) {
		/* AArch64.SystemAccessTrap(t.el, 0x18) */
		r.outcome = AD_SR_TRAP;
		r.reason = t.why;
		r.target_el = t.el;
		r.esr = ad_esr_sysreg_trap(e.op0, e.op1, e.crn, e.crm, e.op2,
					   rt & 31, is_read);
		return r;
	}

	r.outcome = AD_SR_DONE;
	if (is_read) {
		r.value = ad_reg_read(s, r.reg, r.n);
		/* Reads of DBGDTR_EL0 / DBGDTRRX_EL0 clear RXfull (D24.3). */
		if (r.reg == AD_REG_DBGDTR_EL0 || r.reg == AD_REG_DBGDTRRX_EL0)
			s->r.mdscr_el1 &= ~MDSCR_RXFULL;
	} else {
		ad_reg_write(s, r.reg, r.n, wval);
	}
	return r;
}

const char *ad_sysreg_reason_str(enum ad_sysreg_reason r)
{
	switch (r) {
	case AD_SRR_NONE:
		return "none";
	case AD_SRR_EL0:
		return "not accessible at EL0";
	case AD_SRR_NOT_IMPL:
		return "breakpoint/watchpoint number not implemented";
	case AD_SRR_FEATURE:
		return "register needs a feature this CPU does not implement";
	case AD_SRR_DIRECTION:
		return "write to a read-only or read of a write-only register";
	case AD_SRR_EL_TOO_LOW:
		return "register not accessible at the current EL";
	case AD_SRR_EL_ABSENT:
		return "register of an Exception level that is not implemented";
	case AD_SRR_MDSCR_TDCC:
		return "MDSCR_EL1.TDCC traps EL0 DCC accesses";
	case AD_SRR_MDCR_EL2_TDE:
		return "MDCR_EL2.TDE (TDA/TDOSA/TDRA behave as 1)";
	case AD_SRR_MDCR_EL2_TDA:
		return "MDCR_EL2.TDA traps debug register accesses";
	case AD_SRR_MDCR_EL2_TDOSA:
		return "MDCR_EL2.TDOSA traps OS lock/power register accesses";
	case AD_SRR_MDCR_EL2_TDRA:
		return "MDCR_EL2.TDRA traps MDRAR_EL1 accesses";
	case AD_SRR_MDCR_EL2_TDCC:
		return "MDCR_EL2.TDCC traps DCC accesses";
	case AD_SRR_HCR_EL2_TGE:
		return "HCR_EL2.TGE (MDCR_EL2.TDE behaves as 1)";
	case AD_SRR_MDCR_EL3_TDA:
		return "MDCR_EL3.TDA traps debug register accesses";
	case AD_SRR_MDCR_EL3_TDOSA:
		return "MDCR_EL3.TDOSA traps OS lock/power register accesses";
	case AD_SRR_MDCR_EL3_TDCC:
		return "MDCR_EL3.TDCC traps DCC accesses";
	case AD_SRR_HCR_EL2_TID3:
		return "HCR_EL2.TID3 traps ID group 3 register reads";
	case AD_SRR_MDCR_EL3_EBWE:
		return "MDCR_EL3.EBWE == 0 traps MDSELR_EL1 accesses";
	}
	return "unknown reason";
}
