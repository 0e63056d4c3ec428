// SPDX-License-Identifier: MIT
/*
 * model/regs.c - the debug register file: cold reset, raw reads and
 * legalised writes, driven by the field tables in fields.c.
 *
 * A write keeps the writable bits of the value, keeps the old value of
 * read-only fields, clears RES0 bits (including fields whose feature the
 * configuration lacks) and sets RES1 bits; then the register's own rules
 * apply (BAS copies, the OS-lock view of MDSCR_EL1, OSLAR -> OSLK,
 * CLAIM set/clear, the DCC flags).  HCR_EL2, SCR_EL3, CONTEXTIDR_ELx,
 * VTTBR_EL2 and VTCR_EL2 are inputs the emulator supplies: a cold reset of
 * the debug logic leaves them alone.
 */
#include "regs.h"

#include "config.h"
#include "debug.h"
#include "policy.h"

#define DTR_MASK      0xffffffffull
#define MDSCR_TXFULL  (1ull << 29)
#define MDSCR_RXFULL  (1ull << 30)
#define MDCR_EBWE     (1ull << 43)
#define HCR_RW        (1ull << 31)
#define OSDLR_DLK     1ull
#define CLAIM_MASK    0xffull
#define BCR_BAS_SHIFT 5
#define WCR_BAS_SHIFT 5
#define WCR_BAS_MASK  (0xffull << WCR_BAS_SHIFT)

static bool is_bp_reg(enum ad_reg reg)
{
	return reg == AD_REG_DBGBVR || reg == AD_REG_DBGBCR;
}

static bool is_wp_reg(enum ad_reg reg)
{
	return reg == AD_REG_DBGWVR || reg == AD_REG_DBGWCR;
}

/* Does @reg (breakpoint/watchpoint @n) exist on this configuration? */
static bool reg_exists(const struct ad_state *s, enum ad_reg reg, unsigned n)
{
	const struct ad_regdesc *d = ad_regdesc(reg);

	if (!s || !s->cfg || !d)
		return false;
	if (!ad_feature_present(s->cfg, (enum ad_feature)d->feature))
		return false;
	if (is_bp_reg(reg))
		return n < s->cfg->num_bps && n < AD_MAX_BPS;
	if (is_wp_reg(reg))
		return n < s->cfg->num_wps && n < AD_MAX_WPS;
	return true;
}

/* The ad_regs word that holds @reg, or NULL if it is synthesised. */
static const uint64_t *cstorage(const struct ad_regs *r, enum ad_reg reg,
				unsigned n)
{
	switch (reg) {
	case AD_REG_DBGBVR:
		return n < AD_MAX_BPS ? &r->bvr[n] : NULL;
	case AD_REG_DBGBCR:
		return n < AD_MAX_BPS ? &r->bcr[n] : NULL;
	case AD_REG_DBGWVR:
		return n < AD_MAX_WPS ? &r->wvr[n] : NULL;
	case AD_REG_DBGWCR:
		return n < AD_MAX_WPS ? &r->wcr[n] : NULL;
	case AD_REG_MDSCR_EL1:
		return &r->mdscr_el1;
	case AD_REG_OSDLR_EL1:
		return &r->osdlr_el1;
	case AD_REG_DBGPRCR_EL1:
		return &r->dbgprcr_el1;
	case AD_REG_MDSELR_EL1:
		return &r->mdselr_el1;
	case AD_REG_DBGCLAIMCLR_EL1:
		return &r->claim;
	case AD_REG_MDCCINT_EL1:
		return &r->mdccint_el1;
	case AD_REG_OSDTRRX_EL1:
		return &r->dbgdtrrx;
	case AD_REG_OSDTRTX_EL1:
		return &r->dbgdtrtx;
	case AD_REG_OSECCR_EL1:
		return &r->oseccr_el1;
	case AD_REG_DBGVCR32_EL2:
		return &r->dbgvcr32_el2;
	case AD_REG_MDCR_EL2:
		return &r->mdcr_el2;
	case AD_REG_MDCR_EL3:
		return &r->mdcr_el3;
	case AD_REG_CONTEXTIDR_EL1:
		return &r->contextidr_el1;
	case AD_REG_CONTEXTIDR_EL2:
		return &r->contextidr_el2;
	case AD_REG_VTTBR_EL2:
		return &r->vttbr_el2;
	case AD_REG_HCR_EL2:
		return &r->hcr_el2;
	default:
		return NULL;
	}
}

static uint64_t *storage(struct ad_regs *r, enum ad_reg reg, unsigned n)
{
	return (uint64_t *)cstorage(r, reg, n);
}

/* The constant value of the present read-only fields, from the table. */
static uint64_t table_constant(enum ad_reg reg, const struct ad_config *c)
{
	const struct ad_regdesc *d = ad_regdesc(reg);
	uint64_t v = 0;

	for (unsigned i = 0; d && i < d->nfields; i++) {
		const struct ad_field *f = &d->fields[i];

		if (f->kind == AD_FK_RO && ad_field_present(f, c))
			v |= (f->reset_value << f->lsb) & ad_field_mask(f);
	}
	return v | ad_reg_res1_mask(reg, c);
}

/* OSLSR_EL1: OSLM = 0b10 (bits 3, 0), nTT = 0, OSLK. */
static uint64_t oslsr_value(const struct ad_state *s)
{
	return (1ull << 3) | ((uint64_t)s->r.oslk << 1);
}

/*
 * DBGBCR<n>_EL1.BAS with AArch32 EL1: BAS[3] reads as BAS[2] and BAS[1]
 * as BAS[0], so bits 2 and 0 as written are kept (ARM D24.3 DBGBCR BAS;
 * the only readable values are 0000, 0011, 1100, 1111).
 */
static uint64_t bcr_bas_copies(uint64_t v)
{
	uint64_t bas = (v >> BCR_BAS_SHIFT) & 0xf;

	bas = (bas & 0x5) | ((bas & 0x5) << 1);
	return (v & ~(0xfull << BCR_BAS_SHIFT)) | (bas << BCR_BAS_SHIFT);
}

/* The lowest run of ones in @v (0 -> 0). */
static uint64_t lowest_run(uint64_t v)
{
	uint64_t low = v & (~v + 1);	/* lowest set bit */

	/* Adding the lowest bit carries through the run; keep the run only. */
	return v & ~(v + low);
}

static bool contiguous(uint64_t v)
{
	return lowest_run(v) == v;
}

/*
 * DBGWCR<n>_EL1.BAS that is not one contiguous run reads back UNKNOWN
 * (ARM D2.9 "Watchpoint byte address select"): AD_POL_BAS_READBACK.
 */
static uint64_t wcr_bas_readback(const struct ad_state *s, uint64_t v)
{
	uint64_t bas = (v & WCR_BAS_MASK) >> WCR_BAS_SHIFT;

	if (contiguous(bas) ||
	    ad_policy(s, AD_POL_BAS_READBACK) != AD_BASREAD_LOWEST_RUN)
		return v;
	return (v & ~WCR_BAS_MASK) | (lowest_run(bas) << WCR_BAS_SHIFT);
}

/*
 * The legal value of @reg after writing @v over @old: writable bits from
 * @v, read-only fields from @old, RES0 cleared, RES1 set, then the
 * register's own rules.
 */
static uint64_t legal(const struct ad_state *s, enum ad_reg reg, unsigned n,
		      uint64_t v, uint64_t old)
{
	const struct ad_config *c = s->cfg;
	struct ad_reg_masks m;
	uint64_t w, ro, x;

	/*
	 * DBGBVR<n>_EL1 of a context-aware breakpoint also holds ContextID,
	 * VMID and ContextID2 (ARM D24.3 DBGBVR): every bit is stored.
	 */
	if (reg == AD_REG_DBGBVR && ad_bp_is_context_aware(c, n))
		return v;
	ad_reg_masks(reg, c, &m);
	w = m.writable;
	ro = m.ro;

	/* MDSCR_EL1: the EDSCR save/restore fields are RW while OSLK == 1. */
	if (reg == AD_REG_MDSCR_EL1 && s->r.oslk) {
		w |= ro;
		ro = 0;
	}

	x = (v & w) | (old & ro & ~w) | m.res1;

	switch (reg) {
	case AD_REG_DBGBCR:
		if (c->aarch32_el1)
			x = bcr_bas_copies(x);
		break;
	case AD_REG_DBGWCR:
		x = wcr_bas_readback(s, x);
		break;
	case AD_REG_OSDLR_EL1:
		/* DLK set while the OS lock is unlocked (digest 4.1). */
		if (!s->r.oslk && (x & OSDLR_DLK) && !(old & OSDLR_DLK) &&
		    ad_policy(s, AD_POL_DLK_WITHOUT_OSLK) == AD_DLK_IGNORED)
			x &= ~OSDLR_DLK;
		break;
	case AD_REG_HCR_EL2:
		/* RW is RAO/WI when EL1 cannot use AArch32. */
		if (!c->aarch32_el1)
			x |= HCR_RW;
		break;
	default:
		break;
	}
	return x;
}

uint64_t ad_reg_read(const struct ad_state *s, enum ad_reg reg, unsigned n)
{
	const uint64_t *p;

	if (!reg_exists(s, reg, n))
		return 0;
	switch (reg) {
	case AD_REG_OSLAR_EL1:
	case AD_REG_DBGDTRTX_EL0:
		return 0;	/* write-only */
	case AD_REG_OSLSR_EL1:
		return oslsr_value(s);
	case AD_REG_DBGCLAIMSET_EL1:
		return CLAIM_MASK;	/* RAO: the eight implemented tags */
	case AD_REG_DBGCLAIMCLR_EL1:
		return s->r.claim & CLAIM_MASK;
	case AD_REG_DBGAUTHSTATUS_EL1:
	case AD_REG_MDRAR_EL1:
		return table_constant(reg, s->cfg);
	case AD_REG_MDCCSR_EL0:
		return s->r.mdscr_el1 & (MDSCR_TXFULL | MDSCR_RXFULL);
	case AD_REG_DBGDTR_EL0:
		/* Read: [63:32] = DTRTX, [31:0] = DTRRX (D24.3 DBGDTR_EL0). */
		return ((s->r.dbgdtrtx & DTR_MASK) << 32) |
		       (s->r.dbgdtrrx & DTR_MASK);
	case AD_REG_DBGDTRRX_EL0:
	case AD_REG_OSDTRRX_EL1:
		return s->r.dbgdtrrx & DTR_MASK;
	case AD_REG_OSDTRTX_EL1:
		return s->r.dbgdtrtx & DTR_MASK;
	case AD_REG_ID_AA64DFR0_EL1:
		return ad_id_aa64dfr0(s->cfg);
	case AD_REG_ID_AA64DFR1_EL1:
		return ad_id_aa64dfr1(s->cfg);
	default:
		break;
	}
	/*
	 * OSECCR_EL1 reads UNKNOWN while OSLK == 0: the model returns the
	 * stored EDECCR.  ESR_ELx have no storage here (decode only): 0.
	 */
	p = cstorage(&s->r, reg, n);
	return p ? *p : 0;
}

uint64_t ad_reg_legalise(const struct ad_state *s, enum ad_reg reg,
			 unsigned n, uint64_t v)
{
	if (!reg_exists(s, reg, n))
		return 0;
	switch (reg) {
	case AD_REG_OSLAR_EL1:
		return v & 1;	/* the OS lock value it writes */
	case AD_REG_DBGCLAIMSET_EL1:
		return CLAIM_MASK;
	case AD_REG_DBGCLAIMCLR_EL1:
		return s->r.claim & ~v & CLAIM_MASK;
	case AD_REG_DBGDTR_EL0:
		/* Write: DTRRX = [63:32], DTRTX = [31:0]; read swaps back. */
		return ((v & DTR_MASK) << 32) | (v >> 32);
	case AD_REG_DBGDTRTX_EL0:
		return v & DTR_MASK;	/* the DTRTX value it leaves */
	case AD_REG_OSLSR_EL1:
	case AD_REG_DBGAUTHSTATUS_EL1:
	case AD_REG_MDRAR_EL1:
	case AD_REG_MDCCSR_EL0:
	case AD_REG_DBGDTRRX_EL0:
	case AD_REG_ID_AA64DFR0_EL1:
	case AD_REG_ID_AA64DFR1_EL1:
		return ad_reg_read(s, reg, n);	/* read-only */
	case AD_REG_OSECCR_EL1:
		/* Writes are ignored while OSLK == 0 (D24.3 OSECCR_EL1). */
		if (!s->r.oslk)
			return ad_reg_read(s, reg, n);
		break;
	default:
		break;
	}
	return legal(s, reg, n, v, ad_reg_read(s, reg, n));
}

void ad_reg_write(struct ad_state *s, enum ad_reg reg, unsigned n, uint64_t v)
{
	uint64_t *p;

	if (!reg_exists(s, reg, n))
		return;
	switch (reg) {
	case AD_REG_OSLAR_EL1:
		/* On writes to OSLAR_EL1, bit[0] is copied to the OS lock. */
		s->r.oslk = v & 1;
		return;
	case AD_REG_DBGCLAIMSET_EL1:
		s->r.claim = (s->r.claim | v) & CLAIM_MASK;
		return;
	case AD_REG_DBGCLAIMCLR_EL1:
		s->r.claim = s->r.claim & ~v & CLAIM_MASK;
		return;
	case AD_REG_DBGDTR_EL0:
		/* HighWord -> DTRRX (RXfull unchanged), LowWord -> DTRTX. */
		s->r.dbgdtrrx = v >> 32;
		s->r.dbgdtrtx = v & DTR_MASK;
		s->r.mdscr_el1 |= MDSCR_TXFULL;
		return;
	case AD_REG_DBGDTRTX_EL0:
		/*
		 * With TXfull == 1 DTRTX becomes UNKNOWN: the model stores
		 * the written value.
		 */
		s->r.dbgdtrtx = v & DTR_MASK;
		s->r.mdscr_el1 |= MDSCR_TXFULL;
		return;
	default:
		break;
	}
	p = storage(&s->r, reg, n);
	if (p)
		*p = ad_reg_legalise(s, reg, n, v);
}

/* ---- cold reset ------------------------------------------------------- */

/* A fixed 64-bit mix (the splitmix64 finaliser). */
static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* The bits UNKNOWN fields of @reg/@n take: AD_POL_RESET_UNKNOWN. */
static uint64_t unknown_bits(const struct ad_state *s, enum ad_reg reg,
			     unsigned n)
{
	switch (ad_policy(s, AD_POL_RESET_UNKNOWN)) {
	case AD_RESETUNK_ONES:
		return ~0ull;
	case AD_RESETUNK_PATTERN:
		return mix64(((uint64_t)reg << 8 | n) + 0x9e3779b97f4a7c15ull);
	default:
		return 0;
	}
}

/* The cold-reset value of @reg/@n, legalised. */
static uint64_t reset_value(const struct ad_state *s, enum ad_reg reg,
			    unsigned n)
{
	const struct ad_regdesc *d = ad_regdesc(reg);
	uint64_t u = unknown_bits(s, reg, n);
	uint64_t v = 0;

	if (!reg_exists(s, reg, n))
		return 0;
	if (reg == AD_REG_DBGBVR && ad_bp_is_context_aware(s->cfg, n))
		return u;	/* all 64 bits UNKNOWN */
	for (unsigned i = 0; i < d->nfields; i++) {
		const struct ad_field *f = &d->fields[i];
		uint64_t m = ad_field_mask(f);

		if (f->kind == AD_FK_RES0 || f->kind == AD_FK_RES1 ||
		    !ad_field_present(f, s->cfg))
			continue;
		v |= (f->reset_unknown ? u : f->reset_value << f->lsb) & m;
	}
	/* Legalise with the reset value as the old value of RO fields. */
	return legal(s, reg, n, v, v);
}

static void reset_reg(struct ad_state *s, enum ad_reg reg, unsigned n)
{
	uint64_t *p = storage(&s->r, reg, n);

	if (p)
		*p = reset_value(s, reg, n);
}

void ad_cold_reset(struct ad_state *s)
{
	static const enum ad_reg plain[] = {
		AD_REG_MDSCR_EL1, AD_REG_OSDLR_EL1, AD_REG_DBGPRCR_EL1,
		AD_REG_MDSELR_EL1, AD_REG_DBGCLAIMCLR_EL1, AD_REG_MDCCINT_EL1,
		AD_REG_OSECCR_EL1, AD_REG_DBGVCR32_EL2, AD_REG_MDCR_EL2,
		AD_REG_MDCR_EL3,
	};
	unsigned i;

	if (!s || !s->cfg)
		return;
	/* Cold reset: OSLSR_EL1.OSLK = 1 (reset.sail; D24.3 OSLSR_EL1). */
	s->r.oslk = true;
	/* Breakpoints/watchpoints beyond those implemented stay 0. */
	for (i = 0; i < AD_MAX_BPS; i++) {
		reset_reg(s, AD_REG_DBGBVR, i);
		reset_reg(s, AD_REG_DBGBCR, i);
	}
	for (i = 0; i < AD_MAX_WPS; i++) {
		reset_reg(s, AD_REG_DBGWVR, i);
		reset_reg(s, AD_REG_DBGWCR, i);
	}
	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		reset_reg(s, plain[i], 0);
	/* DTRRX/DTRTX: Cold reset UNKNOWN (D24.3 DBGDTRRX/TX_EL0). */
	s->r.dbgdtrrx = reset_value(s, AD_REG_DBGDTRRX_EL0, 0) & DTR_MASK;
	s->r.dbgdtrtx = reset_value(s, AD_REG_DBGDTRTX_EL0, 0) & DTR_MASK;
}

/* ---- MDSELR_EL1 banking ----------------------------------------------- */

static bool mdcr3_ebwe(const struct ad_state *s)
{
	return !s->cfg->el3 || (s->r.mdcr_el3 & MDCR_EBWE);
}

/* Effective MDCR_EL2.EBWE (assumed 0 when MDCR_EL3.EBWE is 0). */
static bool mdcr2_ebwe(const struct ad_state *s)
{
	return s->cfg->el2 && (s->r.mdcr_el2 & MDCR_EBWE) && mdcr3_ebwe(s);
}

/*
 * Effective MDSCR_EL1.EMBWE: ignored (0) when EL3 has MDCR_EL3.EBWE == 0,
 * or EL2 is enabled with MDCR_EL2.EBWE == 0 (D24.3 MDSCR_EL1.EMBWE).
 */
bool ad_embwe_effective(const struct ad_state *s)
{
	if (!(s->r.mdscr_el1 & AD_MDSCR_EMBWE) || !mdcr3_ebwe(s))
		return false;
	return !(ad_el2_enabled(s) && !(s->r.mdcr_el2 & MDCR_EBWE));
}

/* EffectiveMDSELR_EL1_BANK() */
static unsigned effective_bank(const struct ad_state *s)
{
	unsigned bank = (unsigned)(s->r.mdselr_el1 >> 4) & 3;
	bool on;

	switch (s->pe.el) {
	case AD_EL3:
		on = mdcr3_ebwe(s);
		break;
	case AD_EL2:
		on = mdcr2_ebwe(s);
		break;
	default:
		on = ad_embwe_effective(s);
		break;
	}
	return on ? bank : 0;
}

unsigned ad_banked_index(const struct ad_state *s, unsigned crm)
{
	unsigned m = crm & 15;

	if (!s || !s->cfg || !s->cfg->debugv8p9)
		return m;
	return m + 16 * effective_bank(s);
}
