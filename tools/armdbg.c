// SPDX-License-Identifier: MIT
/*
 * tools/armdbg.c - the armdbg command-line tool.
 *
 *   armdbg explain [--cpu NAME] [--json] [--policy NAME=CHOICE]... REG=VALUE...
 *   armdbg policies [--json]
 *   armdbg run ... IMAGE.elf   (tools/cmd_run.c)
 *   armdbg record ... / armdbg replay ...   (tools/cmd_trace.c)
 *
 * `explain` decodes register values with the model's field tables (the
 * same tables that legalise writes), and flags RES0/RES1 violations,
 * fields the CPU does not have, reserved encodings and CONSTRAINED
 * UNPREDICTABLE cases together with the policy choice that resolves them.
 * `policies` lists the policy table.  Usage errors exit with status 2.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "fields.h"
#include "match.h"
#include "policy.h"
#include "regs.h"
#include "syndrome.h"
#include "trace.h"

#ifndef ARMDBG_VERSION
#define ARMDBG_VERSION "0.0.0-dev"
#endif

static const char default_cpu[] = "cortex-a57";

/* ---- errors and usage ------------------------------------------------ */

static void print_cpus(FILE *f)
{
	const struct ad_config *c;
	unsigned i;

	for (i = 0; (c = ad_config_preset_at(i)) != NULL; i++)
		fprintf(f, "%s%s", i ? ", " : "", c->name);
}

static void print_usage(FILE *f)
{
	fputs("usage: armdbg explain [--cpu NAME] [--json] [--policy NAME=CHOICE]... REG=VALUE...\n"
	      "       armdbg policies [--json]\n"
	      "       armdbg run [--cpu NAME] [--el2] [--ram MiB] [--log FILE]\n"
	      "                  [--log-format text|json] [--max-insns N]\n"
	      "                  [--policy NAME=CHOICE]... [--input SPEC]...\n"
	      "                  [--cycles-per-tick N] [--exc-entry-cycles N]\n"
	      "                  [--exc-return-cycles N] IMAGE.elf\n"
	      "       armdbg record IMAGE.elf -o NAME.trace [--name N] [--description TEXT]\n"
	      "                  [--cpu NAME] [--el2] [--ram MiB] [--policy NAME=CHOICE]...\n"
	      "                  [--input SPEC]... [--max-insns N] [--cycles-per-tick N]\n"
	      "                  [--exc-entry-cycles N] [--exc-return-cycles N]\n"
	      "       armdbg replay [--images DIR] [--svg FILE] [--quiet] TRACE...\n"
	      "       armdbg --help | --version\n"
	      "\n"
	      "explain   decode debug register values (e.g. dbgwcr0_el1=0x1f5,\n"
	      "          mdscr_el1=0xa001, esr_el1=0xd6000062); VALUE is decimal,\n"
	      "          0x hex or 0b binary.  Flags RES0/RES1 violations, fields\n"
	      "          the CPU lacks, reserved encodings and CONSTRAINED\n"
	      "          UNPREDICTABLE cases with the policy choice in force.\n"
	      "policies  list the CONSTRAINED UNPREDICTABLE / IMPLEMENTATION\n"
	      "          DEFINED policies, their choices and defaults.\n"
	      "run       run a bare-metal AArch64 ELF image (loaded at its physical\n"
	      "          addresses, RAM at 0x40000000) with the debug model in the\n"
	      "          loop; guest output on stdout, exit status = the guest's.\n"
	      "          --input CYCLE:spi|ppi:INTID:assert|deassert drives a GIC\n"
	      "          interrupt line at a virtual cycle (repeatable).\n"
	      "record    run an image and write the scenario and its outcome (exit\n"
	      "          status, output, event log, final state) to a trace file.\n"
	      "replay    re-run traces and compare (TAP version 14 on stdout; exit\n"
	      "          status 1 on a divergence, 2 on a malformed trace); --svg\n"
	      "          draws the timeline of one trace (docs/traces.md).\n"
	      "\n"
	      "--cpu NAME            CPU preset (default cortex-a57): ", f);
	print_cpus(f);
	fputs("\n--policy NAME=CHOICE  override a policy (see `armdbg policies`)\n"
	      "--json                one JSON object per line\n", f);
}

/* ---- number parsing -------------------------------------------------- */

/* ---- small formatting helpers ----------------------------------------- */

/* Copy @s to @buf with "<n>" replaced by @n. */
static void subst_n(char *buf, size_t len, const char *s, unsigned n)
{
	const char *p = s ? strstr(s, "<n>") : NULL;

	if (!s)
		s = "";
	if (!p)
		snprintf(buf, len, "%s", s);
	else
		snprintf(buf, len, "%.*s%u%s", (int)(p - s), s, n, p + 3);
}

static void fmt_bits(char *buf, size_t len, const struct ad_field *f)
{
	unsigned hi = f->lsb + f->width - 1u;

	if (f->width == 1)
		snprintf(buf, len, "[%u]", f->lsb);
	else
		snprintf(buf, len, "[%u:%u]", hi, f->lsb);
}

/* A field value: 1-bit as 0/1, up to 4 bits in binary, wider in hex. */
static void fmt_value(char *buf, size_t len, unsigned width, uint64_t v)
{
	unsigned i;
	size_t o;

	if (width == 1) {
		snprintf(buf, len, "%u", (unsigned)v);
	} else if (width <= 4) {
		o = (size_t)snprintf(buf, len, "0b");
		for (i = width; i-- > 0 && o + 1 < len; o++)
			buf[o] = (v >> i) & 1 ? '1' : '0';
		buf[o < len ? o : len - 1] = '\0';
	} else {
		snprintf(buf, len, "0x%0*" PRIx64, (int)((width + 3) / 4), v);
	}
}

static const char *feature_name(unsigned feat)
{
	switch (feat) {
	case AD_FEAT_ALWAYS:     return "nothing";
	case AD_FEAT_NEVER:      return "a feature not modelled";
	case AD_FEAT_EL2:        return "EL2";
	case AD_FEAT_EL3:        return "EL3";
	case AD_FEAT_AA32EL1:    return "AArch32 at EL1";
	case AD_FEAT_VHE:        return "FEAT_VHE";
	case AD_FEAT_DOUBLELOCK: return "FEAT_DoubleLock";
	case AD_FEAT_DEBUGV8P9:  return "FEAT_Debugv8p9";
	case AD_FEAT_BWE:        return "FEAT_BWE";
	case AD_FEAT_LVA:        return "FEAT_LVA";
	case AD_FEAT_VMID16:     return "FEAT_VMID16";
	case AD_FEAT_DEBUGV8P2:  return "FEAT_Debugv8p2";
	case AD_FEAT_PMU:        return "FEAT_PMUv3";
	default:                 return "an unnamed feature";
	}
}

/* ---- warnings ---------------------------------------------------------- */

/* Enough for one per field of a register and of an ISS, plus the cross-checks. */
#define MAX_NOTES 128
#define NOTE_LEN 400

struct notes {
	unsigned n;
	char text[MAX_NOTES][NOTE_LEN];
	const struct ad_field *field[MAX_NOTES]; /* the field it is about */
};

/* Add a warning, about field @f (NULL: the register as a whole). */
__attribute__((format(printf, 3, 4)))
static void note(struct notes *w, const struct ad_field *f, const char *fmt, ...)
{
	va_list ap;

	if (w->n >= MAX_NOTES)
		return;
	if (w->n == MAX_NOTES - 1) {
		w->field[w->n] = NULL;
		snprintf(w->text[w->n++], NOTE_LEN, "(further warnings omitted)");
		return;
	}
	w->field[w->n] = f;
	va_start(ap, fmt);
	vsnprintf(w->text[w->n++], NOTE_LEN, fmt, ap);
	va_end(ap);
}

static bool has_note(const struct notes *w, const struct ad_field *f)
{
	unsigned i;

	for (i = 0; i < w->n; i++)
		if (w->field[i] == f)
			return true;
	return false;
}

/* "CONSTRAINED UNPREDICTABLE: Unpredictable_X = choice (help)" */
static void fmt_cu(char *buf, size_t len, const struct ad_state *s, int pol)
{
	const struct ad_policy_desc *d;
	unsigned c;

	if (pol < 0 || pol >= AD_POL__COUNT) {
		snprintf(buf, len, "CONSTRAINED UNPREDICTABLE");
		return;
	}
	d = ad_policy_desc((enum ad_policy_id)pol);
	c = ad_policy(s, (enum ad_policy_id)pol);
	if (c >= d->nchoices) {
		snprintf(buf, len, "CONSTRAINED UNPREDICTABLE: %s = choice %u",
			 d->name, c);
		return;
	}
	snprintf(buf, len, "CONSTRAINED UNPREDICTABLE: %s = %s (%s)",
		 d->name, d->choices[c], d->choice_help[c]);
}

/* ---- one register value: the facts explain reports ------------------- */

struct reg_value {
	enum ad_reg reg;
	unsigned n;
	uint64_t value;
};

struct report {
	const struct ad_regdesc *rd;
	struct reg_value rv;
	char name[48];
	char desc[160];
	bool implemented;
	bool has_readback;
	uint64_t readback;
	const struct ad_field *iss; /* ESR: ISS table of the EC, or NULL */
	unsigned niss;
	struct notes w;
};

/* A field's effective value on this CPU: 0 if the field does not exist. */
static uint64_t field_eff(const struct ad_state *s, enum ad_reg reg,
			  const char *name, uint64_t v)
{
	const struct ad_field *f = ad_reg_field(reg, name);

	if (!f || !ad_field_present(f, s->cfg))
		return 0;
	return ad_field_get(f, v);
}

/* Per-field checks: RES0/RES1, absent feature, reserved/CU encodings. */
static void check_field(const struct ad_state *s, const struct ad_field *f,
			uint64_t regval, struct notes *w)
{
	uint64_t v = ad_field_get(f, regval);
	uint64_t all = ad_field_mask(f) >> f->lsb;
	const struct ad_encoding *e;
	char bits[16], val[40], cu[NOTE_LEN];

	fmt_bits(bits, sizeof(bits), f);
	fmt_value(val, sizeof(val), f->width, v);

	if (f->kind == AD_FK_RES0) {
		if (v)
			note(w, f, "RES0 %s %s set (%s)",
			     f->width == 1 ? "bit" : "bits", bits, val);
		return;
	}
	if (f->kind == AD_FK_RES1) {
		if (v != all)
			note(w, f, "RES1 %s %s not all set (%s)",
			     f->width == 1 ? "bit" : "bits", bits, val);
		return;
	}
	if (!ad_field_present(f, s->cfg)) {
		if (v)
			note(w, f, "%s%s = %s: the field is RES0 on %s (it needs %s)",
			     f->name, bits, val, s->cfg->name,
			     feature_name(f->feature));
		return;
	}
	if (!f->enc)
		return;
	e = ad_field_encoding(f, v);
	if (!e) {
		note(w, f, "%s = %s: no such encoding (reserved)", f->name, val);
		return;
	}
	if (e->flags & AD_ENC_CU) {
		fmt_cu(cu, sizeof(cu), s, e->policy);
		note(w, f, "%s = %s%s: %s", f->name, val,
		     e->flags & AD_ENC_RESERVED ? " is reserved" : "", cu);
	} else if (e->flags & AD_ENC_RESERVED) {
		note(w, f, "%s = %s is a reserved encoding", f->name, val);
	}
}

static void check_fields(const struct ad_state *s, const struct ad_field *fs,
			 unsigned nf, uint64_t v, struct notes *w)
{
	unsigned i;

	for (i = 0; i < nf; i++)
		check_field(s, &fs[i], v, w);
}

/* "4..5", or "none" */
static void fmt_ctx_range(char *buf, size_t len, const struct ad_config *c)
{
	unsigned i, lo = 0, hi = 0, cnt = 0;

	for (i = 0; i < c->num_bps; i++) {
		if (!ad_bp_is_context_aware(c, i))
			continue;
		if (!cnt++)
			lo = i;
		hi = i;
	}
	if (!cnt)
		snprintf(buf, len, "none");
	else if (lo == hi)
		snprintf(buf, len, "%u", lo);
	else
		snprintf(buf, len, "%u..%u", lo, hi);
}

/* PMC/PAC, HMC, SSC (and SSCE): CheckValidStateMatch */
static void check_state_ctrl(const struct ad_state *s, enum ad_reg reg,
			     uint64_t v, struct notes *w)
{
	bool is_wp = reg == AD_REG_DBGWCR;
	const char *pxc_name = is_wp ? "PAC" : "PMC";
	unsigned pxc = (unsigned)field_eff(s, reg, pxc_name, v);
	unsigned hmc = (unsigned)field_eff(s, reg, "HMC", v);
	unsigned ssc = (unsigned)field_eff(s, reg, "SSC", v);
	unsigned ssce = (unsigned)field_eff(s, reg, "SSCE", v);
	char cu[NOTE_LEN];

	if (ad_valid_state_match(s->cfg, ssce, ssc, hmc != 0, pxc, is_wp))
		return;
	fmt_cu(cu, sizeof(cu), s, AD_POL_RESBPWPCTRL);
	note(w, ad_reg_field(reg, pxc_name), "%s=0b%u%u HMC=%u SSC=0b%u%u%s is a reserved combination on %s: %s",
	     pxc_name, pxc >> 1 & 1, pxc & 1, hmc, ssc >> 1 & 1, ssc & 1,
	     ssce ? " SSCE=1" : "", s->cfg->name, cu);
}

/* A link (BT=0b0x01 or WT=1) to breakpoint @m: must be context-aware. */
static void check_link(const struct ad_state *s, enum ad_reg reg,
		       const char *what, unsigned m, struct notes *w)
{
	char cu[NOTE_LEN], range[32];

	if (m >= s->cfg->num_bps) {
		fmt_cu(cu, sizeof(cu), s, AD_POL_BPNOTCTXCMP);
		note(w, ad_reg_field(reg, "LBN"), "%s links to breakpoint %u, which %s does not implement (it has %u): %s",
		     what, m, s->cfg->name, s->cfg->num_bps, cu);
	} else if (!ad_bp_is_context_aware(s->cfg, m)) {
		fmt_ctx_range(range, sizeof(range), s->cfg);
		fmt_cu(cu, sizeof(cu), s, AD_POL_BPNOTCTXCMP);
		note(w, ad_reg_field(reg, "LBN"), "%s links to breakpoint %u, which is not context-aware (on %s: %s): %s",
		     what, m, s->cfg->name, range, cu);
	}
}

static unsigned link_target(const struct ad_state *s, enum ad_reg reg, uint64_t v)
{
	return (unsigned)(field_eff(s, reg, "LBNX", v) << 4 |
			  field_eff(s, reg, "LBN", v));
}

/* BT values that compare a context (Context ID, VMID): 0b0x1x and 0b1xxx. */
static bool bt_is_context(unsigned bt)
{
	return (bt & 0xa) != 0;
}

static void check_dbgbcr(const struct ad_state *s, const struct report *r,
			 struct notes *w)
{
	uint64_t v = r->rv.value;
	unsigned n = r->rv.n;
	unsigned bt = (unsigned)field_eff(s, AD_REG_DBGBCR, "BT", v);
	unsigned bas = (unsigned)field_eff(s, AD_REG_DBGBCR, "BAS", v);
	unsigned mask = (unsigned)field_eff(s, AD_REG_DBGBCR, "MASK", v);
	char cu[NOTE_LEN], range[32], what[32];
	struct ad_state tmp;
	int eff;

	check_state_ctrl(s, AD_REG_DBGBCR, v, w);

	if (mask && bas != 0xf) {
		fmt_cu(cu, sizeof(cu), s, AD_POL_WPMASKANDBAS);
		note(w, ad_reg_field(AD_REG_DBGBCR, "MASK"), "MASK=%u with BAS=0b%u%u%u%u (not 0b1111): %s", mask,
		     bas >> 3 & 1, bas >> 2 & 1, bas >> 1 & 1, bas & 1, cu);
	}
	if (bt_is_context(bt) && !ad_bp_is_context_aware(s->cfg, n)) {
		fmt_ctx_range(range, sizeof(range), s->cfg);
		fmt_cu(cu, sizeof(cu), s, AD_POL_RESBPTYPE);
		note(w, ad_reg_field(AD_REG_DBGBCR, "BT"), "BT=0b%u%u%u%u compares a context, but breakpoint %u is not context-aware (on %s: %s), so BT is reserved: %s",
		     bt >> 3 & 1, bt >> 2 & 1, bt >> 1 & 1, bt & 1, n,
		     s->cfg->name, range, cu);
	} else {
		/* Other reserved types: ask the model how it resolves BT. */
		tmp = *s;
		tmp.r.bcr[n] = ad_reg_legalise(s, AD_REG_DBGBCR, n, v);
		eff = ad_effective_bt(&tmp, n);
		if (eff != (int)bt) {
			fmt_cu(cu, sizeof(cu), s, AD_POL_RESBPTYPE);
			if (eff < 0)
				note(w, ad_reg_field(AD_REG_DBGBCR, "BT"), "BT=0b%u%u%u%u is reserved on %s: %s",
				     bt >> 3 & 1, bt >> 2 & 1, bt >> 1 & 1,
				     bt & 1, s->cfg->name, cu);
			else
				note(w, ad_reg_field(AD_REG_DBGBCR, "BT"), "BT=0b%u%u%u%u is reserved on %s: %s; the model uses BT=0b%u%u%u%u",
				     bt >> 3 & 1, bt >> 2 & 1, bt >> 1 & 1,
				     bt & 1, s->cfg->name, cu, eff >> 3 & 1,
				     eff >> 2 & 1, eff >> 1 & 1, eff & 1);
		}
	}

	/* Linked address match / mismatch: LBN must name a context bp. */
	if (bt == 0x1 || bt == 0x5) {
		snprintf(what, sizeof(what), "BT=0b%u%u%u%u",
			 bt >> 3 & 1, bt >> 2 & 1, bt >> 1 & 1, bt & 1);
		check_link(s, AD_REG_DBGBCR, what, link_target(s, AD_REG_DBGBCR, v), w);
	}
}

static bool bas_contiguous(unsigned bas)
{
	unsigned x = bas;

	while (x && !(x & 1))
		x >>= 1;
	return (x & (x + 1)) == 0;
}

static void check_dbgwcr(const struct ad_state *s, const struct report *r,
			 struct notes *w)
{
	uint64_t v = r->rv.value;
	unsigned bas = (unsigned)field_eff(s, AD_REG_DBGWCR, "BAS", v);
	unsigned mask = (unsigned)field_eff(s, AD_REG_DBGWCR, "MASK", v);
	char cu[NOTE_LEN];

	check_state_ctrl(s, AD_REG_DBGWCR, v, w);

	if (bas && !bas_contiguous(bas)) {
		fmt_cu(cu, sizeof(cu), s, AD_POL_WPBASCONTIGUOUS);
		note(w, ad_reg_field(AD_REG_DBGWCR, "BAS"), "BAS=0x%02x is not one contiguous run of bytes: %s",
		     bas, cu);
	}
	if (!bas && !mask)
		note(w, ad_reg_field(AD_REG_DBGWCR, "BAS"), "BAS=0x00 selects no byte: the watchpoint never matches");
	if (mask && bas != 0xff) {
		fmt_cu(cu, sizeof(cu), s, AD_POL_WPMASKANDBAS);
		note(w, ad_reg_field(AD_REG_DBGWCR, "MASK"), "MASK=%u with BAS=0x%02x (not 0xff): %s", mask, bas, cu);
	}
	if (field_eff(s, AD_REG_DBGWCR, "WT", v))
		check_link(s, AD_REG_DBGWCR, "WT=1", link_target(s, AD_REG_DBGWCR, v), w);
}

/* DBGBVR/DBGWVR: bits above DebugAddrTop must sign-extend it (RESS). */
static void check_xvr(const struct ad_state *s, const struct report *r,
		      struct notes *w)
{
	unsigned top = ad_debug_addr_top(s->cfg);
	uint64_t v = r->rv.value;
	uint64_t hi = top >= 63 ? 0 : ~0ull << (top + 1);
	uint64_t want = (v >> top & 1) ? hi : 0;
	bool bvr = r->rv.reg == AD_REG_DBGBVR;
	char cu[NOTE_LEN];

	if ((v & hi) != want) {
		fmt_cu(cu, sizeof(cu), s, AD_POL_DBGXVR_RESS);
		note(w, NULL, "%sbits [63:%u] are not a sign extension of bit %u (RESS): %s",
		     bvr ? "as an address (BT=0b000x), " : "", top + 1, top, cu);
	}
	if (!bvr && (v >> 2 & 1))
		note(w, NULL, "bit 2 set (word-aligned DBGWVR, deprecated): only BAS[3:0] are used");
}

/* ID registers: say what this CPU reports, when it is something else. */
static void check_id(const struct ad_state *s, const struct report *r,
		     struct notes *w)
{
	uint64_t id = r->rv.reg == AD_REG_ID_AA64DFR0_EL1 ?
		      ad_id_aa64dfr0(s->cfg) : ad_id_aa64dfr1(s->cfg);

	if (id != r->rv.value)
		note(w, NULL, "%s reports %s = 0x%" PRIx64, s->cfg->name,
		     r->name, id);
}

static void check_esr(const struct ad_state *s, struct report *r,
		      struct notes *w)
{
	unsigned ec = ad_esr_ec(r->rv.value);

	r->iss = ad_iss_fields(ec, &r->niss);
	if (!ad_ec_name(ec))
		note(w, NULL, "EC=0x%02x is not an exception class the model produces", ec);
	else if (!r->iss)
		note(w, NULL, "EC=0x%02x: the model has no ISS layout for it", ec);
	if (r->iss)
		check_fields(s, r->iss, r->niss, r->rv.value, w);
	/* AArch64.ExceptionClass: debug exceptions and BRK always set IL. */
	if (((ec >= AD_EC_BREAKPT_LOWER && ec <= AD_EC_WATCHPT_CUR) ||
	     ec == AD_EC_BRK64) && !(r->rv.value & AD_ESR_IL))
		note(w, ad_reg_field(r->rv.reg, "IL"),
		     "IL=0, but EC 0x%02x always reports IL=1", ec);
}

static bool is_esr(enum ad_reg reg)
{
	return reg == AD_REG_ESR_EL1 || reg == AD_REG_ESR_EL2 ||
	       reg == AD_REG_ESR_EL3;
}

static void build_report(const struct ad_state *s, const struct reg_value *rv,
			 struct report *r)
{
	const struct ad_regdesc *rd = ad_regdesc(rv->reg);

	memset(r, 0, sizeof(*r));
	r->rd = rd;
	r->rv = *rv;
	subst_n(r->name, sizeof(r->name), rd->name, rv->n);
	subst_n(r->desc, sizeof(r->desc), rd->desc, rv->n);
	r->implemented = ad_feature_present(s->cfg, (enum ad_feature)rd->feature);

	if (!r->implemented)
		note(&r->w, NULL, "%s is not implemented on %s (it needs %s)",
		     r->name, s->cfg->name, feature_name(rd->feature));
	check_fields(s, rd->fields, rd->nfields, rv->value, &r->w);

	switch (rv->reg) {
	case AD_REG_ID_AA64DFR0_EL1:
	case AD_REG_ID_AA64DFR1_EL1:
		check_id(s, r, &r->w);
		break;
	case AD_REG_DBGBCR:
		check_dbgbcr(s, r, &r->w);
		break;
	case AD_REG_DBGWCR:
		check_dbgwcr(s, r, &r->w);
		break;
	case AD_REG_DBGBVR:
	case AD_REG_DBGWVR:
		check_xvr(s, r, &r->w);
		break;
	default:
		if (is_esr(rv->reg))
			check_esr(s, r, &r->w);
		break;
	}

	if (r->implemented && rd->readable && rd->writable) {
		r->readback = ad_reg_legalise(s, rv->reg, rv->n, rv->value);
		r->has_readback = r->readback != rv->value;
	}
}

/* ---- text output ------------------------------------------------------- */

/* One field line; returns 0 for RES0 padding that is not shown. */
static unsigned print_field_text(const struct ad_state *s,
				 const struct ad_field *f, uint64_t regval,
				 const struct notes *w)
{
	uint64_t v = ad_field_get(f, regval);
	const struct ad_encoding *e = f->enc ? ad_field_encoding(f, v) : NULL;
	const char *mark = "";
	char bits[16], val[40];

	if (f->kind == AD_FK_RES0 && !v)
		return 0; /* padding: shown only when violated */
	fmt_bits(bits, sizeof(bits), f);
	fmt_value(val, sizeof(val), f->width, v);

	if ((f->kind == AD_FK_RES0 || !ad_field_present(f, s->cfg)) && v)
		mark = "  <- RES0 violation";
	else if (f->kind == AD_FK_RES1 && v != ad_field_mask(f) >> f->lsb)
		mark = "  <- RES1 violation";
	else if (e && (e->flags & AD_ENC_CU))
		mark = "  <- CONSTRAINED UNPREDICTABLE";
	else if (e && (e->flags & AD_ENC_RESERVED))
		mark = "  <- reserved";
	else if (f->enc && !e && f->kind != AD_FK_RES0 && f->kind != AD_FK_RES1)
		mark = "  <- reserved";
	else if (has_note(w, f))
		mark = "  <- see warning";

	printf("    %-8s %-10s %-12s %s", bits, f->name, val,
	       f->desc ? f->desc : "");
	if (e && e->meaning)
		printf(": %s", e->meaning);
	if (!ad_field_present(f, s->cfg))
		printf(" [absent on %s: needs %s]", s->cfg->name,
		       feature_name(f->feature));
	printf("%s\n", mark);
	return 1;
}

static void print_report_text(const struct ad_state *s, const struct report *r)
{
	unsigned ec, i, shown;
	const char *ecname;

	printf("%s = 0x%" PRIx64 " on %s\n  %s\n", r->name, r->rv.value,
	       s->cfg->name, r->desc);
	for (i = 0; i < r->rd->nfields; i++)
		print_field_text(s, &r->rd->fields[i], r->rv.value, &r->w);

	if (is_esr(r->rv.reg) && r->iss) {
		ec = ad_esr_ec(r->rv.value);
		ecname = ad_ec_name(ec);
		printf("  ISS for EC 0x%02x (%s):\n", ec,
		       ecname ? ecname : "unknown");
		shown = 0;
		for (i = 0; i < r->niss; i++)
			shown += print_field_text(s, &r->iss[i], r->rv.value,
						  &r->w);
		if (!shown)
			printf("    (no fields: ISS is RES0 and zero)\n");
	}
	if (r->has_readback)
		printf("  reads back as 0x%" PRIx64 " on %s\n", r->readback,
		       s->cfg->name);
	for (i = 0; i < r->w.n; i++)
		printf("  warning: %s\n", r->w.text[i]);
}

/* ---- JSON output ------------------------------------------------------- */

static void json_str(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	putchar('"');
	for (; *p; p++) {
		switch (*p) {
		case '"':  fputs("\\\"", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		default:
			if (*p < 0x20)
				printf("\\u%04x", *p);
			else
				putchar(*p);
		}
	}
	putchar('"');
}

/* {"NAME":value,...} for the fields that are not RES0/RES1 padding. */
static void json_fields(const struct ad_field *fs, unsigned nf, uint64_t v)
{
	bool first = true;
	unsigned i;

	putchar('{');
	for (i = 0; i < nf; i++) {
		if (fs[i].kind == AD_FK_RES0 || fs[i].kind == AD_FK_RES1)
			continue;
		if (!first)
			putchar(',');
		first = false;
		json_str(fs[i].name);
		printf(":%" PRIu64, ad_field_get(&fs[i], v));
	}
	putchar('}');
}

static void print_report_json(const struct ad_state *s, const struct report *r)
{
	unsigned i;

	fputs("{\"register\":", stdout);
	json_str(r->name);
	printf(",\"value\":%" PRIu64 ",\"cpu\":", r->rv.value);
	json_str(s->cfg->name);
	fputs(",\"fields\":", stdout);
	json_fields(r->rd->fields, r->rd->nfields, r->rv.value);
	if (is_esr(r->rv.reg)) {
		fputs(",\"ec_name\":", stdout);
		if (ad_ec_name(ad_esr_ec(r->rv.value)))
			json_str(ad_ec_name(ad_esr_ec(r->rv.value)));
		else
			fputs("null", stdout);
		if (r->iss) {
			fputs(",\"iss\":", stdout);
			json_fields(r->iss, r->niss, r->rv.value);
		}
	}
	if (r->has_readback)
		printf(",\"reads_back\":%" PRIu64, r->readback);
	fputs(",\"warnings\":[", stdout);
	for (i = 0; i < r->w.n; i++) {
		if (i)
			putchar(',');
		json_str(r->w.text[i]);
	}
	fputs("]}\n", stdout);
}

/* ---- explain ------------------------------------------------------------ */

struct explain_opts {
	const char *cpu;
	bool json;
	const char **policies; /* NAME=CHOICE */
	unsigned npolicies;
	const char **items;    /* REG=VALUE */
	unsigned nitems;
};

static int parse_explain_args(int argc, char **argv, struct explain_opts *o)
{
	bool m, opts_done = false;
	const char *v;
	int i;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (!opts_done && strcmp(a, "--") == 0) {
			opts_done = true;
			continue;
		}
		if (!opts_done && strcmp(a, "--json") == 0) {
			o->json = true;
			continue;
		}
		if (!opts_done && a[0] == '-') {
			v = opt_value(argc, argv, &i, "--cpu", &m);
			if (m) {
				if (!v || !*v)
					return usage_error("explain: --cpu needs a CPU name");
				o->cpu = v;
				continue;
			}
			v = opt_value(argc, argv, &i, "--policy", &m);
			if (m) {
				if (!v || !strchr(v, '='))
					return usage_error("explain: --policy needs NAME=CHOICE");
				o->policies[o->npolicies++] = v;
				continue;
			}
			return usage_error("explain: unknown option '%s' (see armdbg --help)", a);
		}
		o->items[o->nitems++] = a;
	}
	if (!o->nitems)
		return usage_error("explain: no REG=VALUE given (see armdbg --help)");
	return 0;
}

static unsigned banked_limit(const struct ad_config *c, enum ad_reg reg)
{
	if (reg == AD_REG_DBGBVR || reg == AD_REG_DBGBCR)
		return c->num_bps;
	return c->num_wps;
}

/* Parse "REG=VALUE" against configuration @c into *rv. */
static int parse_item(const struct ad_config *c, const char *arg,
		      struct reg_value *rv)
{
	const char *eq = strchr(arg, '=');
	const struct ad_regdesc *rd;
	const char *why;
	char name[64];
	size_t len;
	int rc;

	if (!eq)
		return usage_error("expected REG=VALUE, got '%s'", arg);
	len = (size_t)(eq - arg);
	if (len == 0 || len >= sizeof(name))
		return usage_error("unknown register '%.*s'", (int)len, arg);
	memcpy(name, arg, len);
	name[len] = '\0';

	rc = ad_reg_parse_name(name, &rv->reg, &rv->n);
	if (rc == -2)
		return usage_error("%s: register number out of range 0..63", name);
	if (rc != 0)
		return usage_error("unknown register '%s'", name);
	rd = ad_regdesc(rv->reg);
	if (rd->banked && rv->n >= banked_limit(c, rv->reg))
		return usage_error("%s: %s implements %s0..%u only", name,
				   c->name,
				   rv->reg == AD_REG_DBGBVR || rv->reg == AD_REG_DBGBCR ?
				   "breakpoints " : "watchpoints ",
				   banked_limit(c, rv->reg) - 1);

	why = parse_u64(eq + 1, &rv->value);
	if (why)
		return usage_error("%s: %s: '%s'", name, why, eq + 1);
	return 0;
}

static int run_explain(const struct explain_opts *o, struct reg_value *rvs)
{
	const struct ad_config *cfg = ad_config_preset(o->cpu);
	struct ad_state s;
	struct report *r;
	unsigned i;
	int rc;

	if (!cfg) {
		fprintf(stderr, "armdbg: unknown CPU '%s' (known: ", o->cpu);
		print_cpus(stderr);
		fputs(")\n", stderr);
		return EXIT_USAGE;
	}
	ad_state_init(&s, cfg);
	for (i = 0; i < o->npolicies; i++) {
		rc = parse_policy_arg(&s.pol, o->policies[i]);
		if (rc)
			return rc;
	}
	/* Validate every argument before printing anything. */
	for (i = 0; i < o->nitems; i++) {
		rc = parse_item(cfg, o->items[i], &rvs[i]);
		if (rc)
			return rc;
	}

	r = malloc(sizeof(*r));
	if (!r) {
		fputs("armdbg: out of memory\n", stderr);
		return 1;
	}
	for (i = 0; i < o->nitems; i++) {
		build_report(&s, &rvs[i], r);
		if (o->json) {
			print_report_json(&s, r);
		} else {
			if (i)
				putchar('\n');
			print_report_text(&s, r);
		}
	}
	free(r);
	return 0;
}

static bool wants_help(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

static int cmd_explain(int argc, char **argv)
{
	struct explain_opts o = { .cpu = default_cpu };
	struct reg_value *rvs;
	int rc = 1;

	if (wants_help(argc, argv)) {
		print_usage(stdout);
		return 0;
	}

	o.policies = calloc((size_t)argc + 1, sizeof(*o.policies));
	o.items = calloc((size_t)argc + 1, sizeof(*o.items));
	rvs = calloc((size_t)argc + 1, sizeof(*rvs));
	if (!o.policies || !o.items || !rvs)
		fputs("armdbg: out of memory\n", stderr);
	else
		rc = parse_explain_args(argc, argv, &o);
	if (!rc)
		rc = run_explain(&o, rvs);
	free(rvs);
	free(o.items);
	free(o.policies);
	return rc;
}

/* ---- policies ----------------------------------------------------------- */

static void print_policy_text(const struct ad_policy_desc *d)
{
	char choice[64];
	unsigned c;

	printf("%s\n", d->name);
	printf("  when:     %s\n", d->situation);
	for (c = 0; c < d->nchoices; c++) {
		snprintf(choice, sizeof(choice), "%s%s", d->choices[c],
			 c == d->dflt ? " (default)" : "");
		printf("  %-9s %-22s %s\n", c ? "" : "choices:", choice,
		       d->choice_help[c]);
	}
	printf("  why:      %s\n", d->why_default);
	printf("  source:   %s\n", d->source);
}

static void print_policy_json(const struct ad_policy_desc *d)
{
	unsigned c;

	fputs("{\"name\":", stdout);
	json_str(d->name);
	fputs(",\"situation\":", stdout);
	json_str(d->situation);
	fputs(",\"choices\":[", stdout);
	for (c = 0; c < d->nchoices; c++) {
		fputs(c ? ",{\"name\":" : "{\"name\":", stdout);
		json_str(d->choices[c]);
		fputs(",\"help\":", stdout);
		json_str(d->choice_help[c]);
		putchar('}');
	}
	fputs("],\"default\":", stdout);
	json_str(d->choices[d->dflt]);
	fputs(",\"why_default\":", stdout);
	json_str(d->why_default);
	fputs(",\"source\":", stdout);
	json_str(d->source);
	fputs("}\n", stdout);
}

static int cmd_policies(int argc, char **argv)
{
	bool json = false;
	int i;

	if (wants_help(argc, argv)) {
		print_usage(stdout);
		return 0;
	}
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else
			return usage_error("policies: unexpected argument '%s'",
					   argv[i]);
	}
	for (i = 0; i < AD_POL__COUNT; i++) {
		const struct ad_policy_desc *d = ad_policy_desc((enum ad_policy_id)i);

		if (json) {
			print_policy_json(d);
		} else {
			if (i)
				putchar('\n');
			print_policy_text(d);
		}
	}
	return 0;
}

/* ---- main --------------------------------------------------------------- */

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;
	int rc;

	if (!cmd) {
		usage_error("no command given");
		print_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		print_usage(stdout);
		rc = 0;
	} else if (strcmp(cmd, "--version") == 0) {
		printf("armdbg %s\n", ARMDBG_VERSION);
		run_describe(stdout);
		rc = 0;
	} else if (strcmp(cmd, "explain") == 0) {
		rc = cmd_explain(argc - 2, argv + 2);
	} else if (strcmp(cmd, "policies") == 0) {
		rc = cmd_policies(argc - 2, argv + 2);
	} else if (strcmp(cmd, "run") == 0) {
		rc = cmd_run(argc - 2, argv + 2);
	} else if (strcmp(cmd, "record") == 0) {
		rc = cmd_record(argc - 2, argv + 2);
	} else if (strcmp(cmd, "replay") == 0) {
		rc = cmd_replay(argc - 2, argv + 2);
	} else {
		return usage_error("unknown command '%s' (see armdbg --help)", cmd);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("armdbg: error writing output\n", stderr);
		return 1;
	}
	return rc;
}
