// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_model.c - fuzz harness 1: the model against the oracle.
 *
 * The input bytes become a CPU configuration (a preset, optionally without
 * EL2, EL3 or AArch32 EL1), a policy vector, a debug register file written
 * through ad_reg_write() (so it holds what a real PE would hold), a PE
 * state, and a short list of operations: instruction fetches, data
 * accesses, BRKs, the software-step state, exception returns and the
 * enable function.  Each operation's outcome from the model (model/) is
 * compared with tests/fuzz/oracle.c, written separately from the Arm
 * pseudocode.  The whole input is run once with the decoded policy
 * vector and once more for every other permitted choice of every policy,
 * so that each CONSTRAINED UNPREDICTABLE choice is checked.
 *
 * Any disagreement prints a readable report to stderr and aborts.
 *
 * Input layout (missing bytes read as zero):
 *   u8 preset, u8 tweaks (bit0 no EL2, bit1 no EL3, bit2 no AArch32 EL1),
 *   u8 policy[AD_POL__COUNT],
 *   u8 el, u8 pstate (D, SS, UAO, PAN, ss_prev[5:4], ss_prev_ex[6]),
 *   u8 security (bit0 SCR_EL3.NS), u8 locks (bit0 OSLAR, bit1 OSDLR.DLK,
 *   bit2 DBGPRCR.CORENPDRQ, bit3 write OSDLR before OSLAR),
 *   u64 MDSCR_EL1, MDCR_EL2, MDCR_EL3, HCR_EL2, u32 CONTEXTIDR_EL1,
 *   CONTEXTIDR_EL2, u64 VTTBR_EL2, u8 VTCR_EL2.VS,
 *   u8 nbp, nbp x {u8 n, u64 DBGBCR, u64 DBGBVR},
 *   u8 nwp, nwp x {u8 n, u64 DBGWCR, u64 DBGWVR},
 *   u8 nop, nop x {u8 op, u64 a, u8 b, u8 c} (see run_op()).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "debug.h"
#include "match.h"
#include "oracle.h"
#include "policy.h"
#include "regs.h"
#include "step.h"
#include "types.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ENTRIES 12
#define MAX_OPS 12

struct reader {
	const uint8_t *p;
	size_t n, i;
};

static uint8_t rd8(struct reader *r)
{
	return r->i < r->n ? r->p[r->i++] : 0;
}

static uint64_t rdn(struct reader *r, unsigned bytes)
{
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < bytes; i++)
		v |= (uint64_t)rd8(r) << (8 * i);
	return v;
}

struct entry {
	unsigned n;
	uint64_t ctrl, val;
};

struct op {
	unsigned kind;
	uint64_t a;
	uint8_t b, c;
};

/* The decoded input, independent of the policy vector. */
struct input {
	struct ad_config cfg;
	struct ad_policies pol;
	unsigned el;
	uint8_t pstate, security, locks, vs;
	uint64_t mdscr, mdcr2, mdcr3, hcr, ctx1, ctx2, vttbr;
	unsigned nbp, nwp, nop;
	struct entry bp[MAX_ENTRIES], wp[MAX_ENTRIES];
	struct op ops[MAX_OPS];
};

/* For the report. */
static const uint8_t *cur_data;
static size_t cur_size;
static const char *cur_op = "";
static char cur_op_buf[256];

static void decode_config(struct reader *r, struct ad_config *cfg)
{
	unsigned count = 0, idx = rd8(r), tweaks = rd8(r);
	const struct ad_config *base;
	const char *why;

	while (ad_config_preset_at(count))
		count++;
	base = ad_config_preset_at(idx % count);
	*cfg = *base;
	if (tweaks & 1) {
		cfg->el2 = false;
		cfg->vhe = false;
		cfg->vmid16 = false;
	}
	if (tweaks & 2)
		cfg->el3 = false;
	if (tweaks & 4)
		cfg->aarch32_el1 = false;
	if (ad_config_validate(cfg, &why) != 0)
		*cfg = *base;
}

static void decode(const uint8_t *data, size_t size, struct input *in)
{
	struct reader r = { data, size, 0 };
	unsigned i;

	memset(in, 0, sizeof(*in));
	decode_config(&r, &in->cfg);
	for (i = 0; i < AD_POL__COUNT; i++)
		in->pol.choice[i] = rd8(&r) % ad_policy_desc(i)->nchoices;
	in->el = rd8(&r) % 4;
	in->pstate = rd8(&r);
	in->security = rd8(&r);
	in->locks = rd8(&r);
	in->mdscr = rdn(&r, 8);
	in->mdcr2 = rdn(&r, 8);
	in->mdcr3 = rdn(&r, 8);
	in->hcr = rdn(&r, 8);
	in->ctx1 = rdn(&r, 4);
	in->ctx2 = rdn(&r, 4);
	in->vttbr = rdn(&r, 8);
	in->vs = rd8(&r);
	in->nbp = rd8(&r) % (MAX_ENTRIES + 1);
	for (i = 0; i < in->nbp; i++) {
		in->bp[i].n = rd8(&r) % in->cfg.num_bps;
		in->bp[i].ctrl = rdn(&r, 8);
		in->bp[i].val = rdn(&r, 8);
	}
	in->nwp = rd8(&r) % (MAX_ENTRIES + 1);
	for (i = 0; i < in->nwp; i++) {
		in->wp[i].n = rd8(&r) % in->cfg.num_wps;
		in->wp[i].ctrl = rdn(&r, 8);
		in->wp[i].val = rdn(&r, 8);
	}
	in->nop = rd8(&r) % (MAX_OPS + 1);
	for (i = 0; i < in->nop; i++) {
		in->ops[i].kind = rd8(&r);
		in->ops[i].a = rdn(&r, 8);
		in->ops[i].b = rd8(&r);
		in->ops[i].c = rd8(&r);
	}
}

/* Build the state a real PE would hold for @in under policies @pol. */
static void build(struct ad_state *s, const struct input *in,
		  const struct ad_policies *pol)
{
	const struct ad_config *c = &in->cfg;
	unsigned i;

	/* ad_state_init(), but with this vector's policies from the start. */
	memset(s, 0, sizeof(*s));
	s->cfg = c;
	s->pol = *pol;
	ad_cold_reset(s);

	s->r.scr_el3 = c->el3 ? (in->security & 1) : 0;
	s->pe.el = in->el;
	if (!(in->el == AD_EL2 ? c->el2 : in->el == AD_EL3 ? c->el3 : true))
		s->pe.el = AD_EL1;
	if (s->pe.el == AD_EL2 && c->el3)
		s->r.scr_el3 |= 1; /* no Secure EL2: EL2 is Non-secure */
	s->pe.d = in->pstate & 1;
	s->pe.ss = (in->pstate >> 1) & 1;
	s->pe.uao = c->uao && ((in->pstate >> 2) & 1);
	s->pe.pan = c->pan && ((in->pstate >> 3) & 1);
	s->pe.halted = false;
	s->pe.ss_prev = ((in->pstate >> 4) & 3) % 3;
	s->pe.ss_prev_ex = (in->pstate >> 6) & 1;

	if (in->locks & 8) {
		ad_reg_write(s, AD_REG_OSDLR_EL1, 0, (in->locks >> 1) & 1);
		ad_reg_write(s, AD_REG_OSLAR_EL1, 0, in->locks & 1);
	} else {
		ad_reg_write(s, AD_REG_OSLAR_EL1, 0, in->locks & 1);
		ad_reg_write(s, AD_REG_OSDLR_EL1, 0, (in->locks >> 1) & 1);
	}
	ad_reg_write(s, AD_REG_DBGPRCR_EL1, 0, (in->locks >> 2) & 1);
	ad_reg_write(s, AD_REG_MDSCR_EL1, 0, in->mdscr);
	ad_reg_write(s, AD_REG_CONTEXTIDR_EL1, 0, in->ctx1);
	if (c->el2) {
		ad_reg_write(s, AD_REG_MDCR_EL2, 0, in->mdcr2);
		ad_reg_write(s, AD_REG_HCR_EL2, 0, in->hcr);
		ad_reg_write(s, AD_REG_VTTBR_EL2, 0, in->vttbr);
		if (c->vhe)
			ad_reg_write(s, AD_REG_CONTEXTIDR_EL2, 0, in->ctx2);
		s->r.vtcr_el2 = (c->vmid16 && (in->vs & 1)) ? 1ull << 19 : 0;
	}
	if (c->el3)
		ad_reg_write(s, AD_REG_MDCR_EL3, 0, in->mdcr3);
	for (i = 0; i < in->nbp; i++) {
		ad_reg_write(s, AD_REG_DBGBCR, in->bp[i].n, in->bp[i].ctrl);
		ad_reg_write(s, AD_REG_DBGBVR, in->bp[i].n, in->bp[i].val);
	}
	for (i = 0; i < in->nwp; i++) {
		ad_reg_write(s, AD_REG_DBGWCR, in->wp[i].n, in->wp[i].ctrl);
		ad_reg_write(s, AD_REG_DBGWVR, in->wp[i].n, in->wp[i].val);
	}
}

/* ---- the report ---- */

static void print_state(const struct ad_state *s)
{
	const struct ad_config *c = s->cfg;
	unsigned i;

	fprintf(stderr, "config: %s (bps %u wps %u ctx %u debugver %#x el2 %d "
		"el3 %d aarch32_el1 %d vhe %d bwe %d v8p9 %d va_bits %u)\n",
		c->name, c->num_bps, c->num_wps, c->num_ctx_bps, c->debugver,
		c->el2, c->el3, c->aarch32_el1, c->vhe, c->bwe, c->debugv8p9,
		c->va_bits);
	fprintf(stderr, "PE: EL%u D=%d SS=%d UAO=%d PAN=%d ss_prev=%u "
		"ss_prev_ex=%d secure=%d\n", s->pe.el, s->pe.d, s->pe.ss,
		s->pe.uao, s->pe.pan, s->pe.ss_prev, s->pe.ss_prev_ex,
		or_is_secure(s));
	fprintf(stderr, "MDSCR_EL1=0x%016" PRIx64 " OSLK=%d OSDLR=%#" PRIx64
		" DBGPRCR=%#" PRIx64 "\n", s->r.mdscr_el1, s->r.oslk,
		s->r.osdlr_el1, s->r.dbgprcr_el1);
	fprintf(stderr, "MDCR_EL2=0x%016" PRIx64 " MDCR_EL3=0x%016" PRIx64
		" HCR_EL2=0x%016" PRIx64 " SCR_EL3=%#" PRIx64 "\n",
		s->r.mdcr_el2, s->r.mdcr_el3, s->r.hcr_el2, s->r.scr_el3);
	fprintf(stderr, "CONTEXTIDR_EL1=%#" PRIx64 " CONTEXTIDR_EL2=%#" PRIx64
		" VTTBR_EL2=0x%016" PRIx64 " VTCR_EL2=%#" PRIx64 "\n",
		s->r.contextidr_el1, s->r.contextidr_el2, s->r.vttbr_el2,
		s->r.vtcr_el2);
	for (i = 0; i < c->num_bps; i++)
		if (s->r.bcr[i] || s->r.bvr[i])
			fprintf(stderr, "  DBGBCR%u=0x%08" PRIx64 " DBGBVR%u=0x%016"
				PRIx64 "%s\n", i, s->r.bcr[i], i, s->r.bvr[i],
				or_is_context_bp(s, i) ? " (context-aware)" : "");
	for (i = 0; i < c->num_wps; i++)
		if (s->r.wcr[i] || s->r.wvr[i])
			fprintf(stderr, "  DBGWCR%u=0x%08" PRIx64 " DBGWVR%u=0x%016"
				PRIx64 "\n", i, s->r.wcr[i], i, s->r.wvr[i]);
	fprintf(stderr, "policies not at their default:");
	for (i = 0; i < AD_POL__COUNT; i++) {
		const struct ad_policy_desc *d = ad_policy_desc(i);

		if (s->pol.choice[i] != d->dflt)
			fprintf(stderr, " %s=%s", d->name,
				d->choices[s->pol.choice[i]]);
	}
	fprintf(stderr, "\n");
}

static void print_input(void)
{
	size_t i;

	fprintf(stderr, "input (%zu bytes):", cur_size);
	for (i = 0; i < cur_size && i < 1024; i++)
		fprintf(stderr, "%s%02x", i % 32 ? "" : "\n  ", cur_data[i]);
	fprintf(stderr, "\n");
}

static void fail(const struct ad_state *s, const char *what, uint64_t model,
		 uint64_t oracle, const char *rule)
{
	fprintf(stderr, "\n==== fuzz_model: model and oracle disagree ====\n");
	fprintf(stderr, "operation: %s\n", cur_op);
	fprintf(stderr, "%s: model %#" PRIx64 ", oracle %#" PRIx64 "\n", what,
		model, oracle);
	fprintf(stderr, "rule: %s\n", rule);
	print_state(s);
	print_input();
	abort();
}

static void check(const struct ad_state *s, const char *what, uint64_t model,
		  uint64_t oracle, const char *rule)
{
	if (model != oracle)
		fail(s, what, model, oracle, rule);
}

static void set_op(const char *fmt_kind, uint64_t a, unsigned b, unsigned c)
{
	snprintf(cur_op_buf, sizeof(cur_op_buf), "%s %#" PRIx64 " (%u, %u)",
		 fmt_kind, a, b, c);
	cur_op = cur_op_buf;
}

/* ---- the comparisons ---- */

/*
 * Model bugs this harness has found and reported, that fuzzing can be told
 * to step over (-DFUZZ_MODEL_TOLERATE_KNOWN) so that it looks for others.
 * Off by default: the harness reports them.
 */
#ifdef FUZZ_MODEL_TOLERATE_KNOWN
/* Known bug 1: RESLSC=unknown (LSC=0b00 as 0b11) reports WnR=1 for loads. */
static bool known_reslsc_wnr(const struct ad_state *s, uint64_t hits)
{
	unsigned i;

	if (s->pol.choice[AD_POL_RESLSC] != AD_RESLSC_UNKNOWN)
		return false;
	for (i = 0; i < s->cfg->num_wps; i++)
		if (((hits >> i) & 1) && ((s->r.wcr[i] >> 3) & 3) == 0)
			return true;
	return false;
}

/*
 * Known bug 2: a FEAT_BWE mismatch breakpoint (BT=0b010x) with MASK != 0
 * and BAS != 0b1111 under WPMASKANDBAS=nomatch fires on every address.
 */
static bool known_bpmask_mismatch(const struct ad_state *s)
{
	unsigned i;

	if (!s->cfg->bwe ||
	    s->pol.choice[AD_POL_WPMASKANDBAS] != AD_WPMASKANDBAS_NOMATCH)
		return false;
	for (i = 0; i < s->cfg->num_bps; i++) {
		uint64_t b = s->r.bcr[i];

		if (((b >> 21) & 7) == 2 && ((b >> 24) & 0x1f) != 0 &&
		    ((b >> 5) & 0xf) != 0xf)
			return true;
	}
	return false;
}

/*
 * Known bug 3: several enabled FEAT_BWE mismatch breakpoints are ORed
 * (each fires outside its own range) instead of ANDed as
 * AArch64.CheckBreakpoint does (fire only outside all their ranges).
 */
static bool known_multi_mismatch(const struct ad_state *s)
{
	unsigned i, n = 0;

	if (!s->cfg->bwe)
		return false;
	for (i = 0; i < s->cfg->num_bps; i++)
		if ((s->r.bcr[i] & 1) && ((s->r.bcr[i] >> 21) & 7) == 2)
			n++;
	return n >= 2;
}
#else
static bool known_reslsc_wnr(const struct ad_state *s, uint64_t hits)
{
	(void)s;
	(void)hits;
	return false;
}

static bool known_bpmask_mismatch(const struct ad_state *s)
{
	(void)s;
	return false;
}

static bool known_multi_mismatch(const struct ad_state *s)
{
	(void)s;
	return false;
}
#endif

static void cmp_fetch(const struct ad_state *s, uint64_t pc)
{
	struct ad_debug_event m;
	struct or_result o;

	snprintf(cur_op_buf, sizeof(cur_op_buf),
		 "instruction fetch at %#" PRIx64, pc);
	cur_op = cur_op_buf;
	m = ad_check_breakpoint(s, pc);
	o = or_check_breakpoint(s, pc);
	if (known_bpmask_mismatch(s) || known_multi_mismatch(s))
		return;
	check(s, "breakpoint hits", m.hits, o.hits,
	      "AArch64.BreakpointMatch / AArch64.StateMatch / "
	      "AArch64.BreakpointValueMatch");
	check(s, "breakpoint match", m.match, o.match, "AArch64.CheckBreakpoint");
	check(s, "breakpoint take", m.take, o.take, o.rule);
	if (!o.take)
		return;
	check(s, "breakpoint target EL", m.target_el, o.target_el,
	      "DebugTargetFrom");
	check(s, "breakpoint ESR", m.esr, o.esr,
	      "AArch64.BreakpointException / AArch64.ExceptionClass");
}

static const char *const acc_names[] = {
	"load", "store", "atomic", "load-exclusive", "store-exclusive",
	"DC ZVA", "DC IVAC",
};

static void cmp_access(const struct ad_state *s, const struct ad_access *a)
{
	static struct or_far_map far;
	struct ad_debug_event m;
	struct or_result o;
	uint64_t x;

	snprintf(cur_op_buf, sizeof(cur_op_buf),
		 "%s%s%s of %u bytes at %#" PRIx64, a->unpriv ? "unprivileged " : "",
		 acc_names[a->kind], a->ex_failed ? " (failing)" : "", a->size,
		 a->va);
	cur_op = cur_op_buf;
	m = ad_check_watchpoint(s, a);
	o = or_check_watchpoint(s, a, &far);
	if (a->kind == AD_ACC_STORE_EX && a->ex_failed &&
	    s->pol.choice[AD_POL_STXR_FAIL_WP] == AD_STXRFAIL_NOWATCH) {
		check(s, "watchpoint take", m.take, false,
		      "Impdef_FailedSTXRWatchpoint");
		return;
	}
	check(s, "watchpoint hits", m.hits, o.hits,
	      "AArch64.WatchpointMatch / AArch64.StateMatch / "
	      "AArch64.WatchpointByteMatch");
	check(s, "watchpoint match", m.match, o.match, "AArch64.CheckWatchpoint");
	check(s, "watchpoint take", m.take, o.take, o.rule);
	if (!o.take)
		return;
	check(s, "watchpoint target EL", m.target_el, o.target_el,
	      "DebugTargetFrom");
	check(s, "watchpoint CM", m.cm, o.cm, "AArch64.FaultSyndrome");
	if (!known_reslsc_wnr(s, o.hits)) {
		check(s, "watchpoint WnR", m.wnr, o.wnr,
		      "AArch64.CheckWatchpoint (WnR from the matching "
		      "watchpoints' LSC) / AArch64.FaultSyndrome");
		check(s, "watchpoint ESR", m.esr, o.esr,
		      "AArch64.WatchpointException / AArch64.FaultSyndrome");
	}
	if (m.far < far.base || m.far - far.base >= far.len ||
	    !far.ok[m.far - far.base])
		fail(s, "watchpoint FAR (not a permitted address)", m.far,
		     far.base, "D2.9.8 watchpoint FAR range");
	if (m.far_min > m.far || m.far > m.far_max)
		fail(s, "watchpoint FAR outside [far_min, far_max]", m.far,
		     m.far_min, "D2.9.8 watchpoint FAR range");
	for (x = m.far_min; ; x++) {
		if (x < far.base || x - far.base >= far.len ||
		    !far.ok[x - far.base])
			fail(s, "watchpoint far_min..far_max holds a "
			     "non-permitted address", x, far.base,
			     "D2.9.8 watchpoint FAR range");
		if (x == m.far_max)
			break;
	}
}

static void cmp_step(const struct ad_state *s)
{
	struct ad_debug_event m;
	struct or_result o;

	cur_op = "software-step state / CheckSoftwareStep";
	check(s, "step state", ad_step_state(s), or_step_state(s),
	      "CheckSoftwareStep / AArch64.GenerateDebugExceptionsFrom");
	m = ad_check_software_step(s);
	o = or_check_software_step(s);
	check(s, "step take", m.take, o.take, "CheckSoftwareStep");
	if (!o.take)
		return;
	check(s, "step target EL", m.target_el, o.target_el, "DebugTargetFrom");
	check(s, "step ESR", m.esr, o.esr,
	      "AArch64.SoftwareStepException (ISV/EX)");
}

static void cmp_eret(const struct ad_state *s, uint64_t spsr)
{
	bool legal, o;

	o = or_debug_exception_return_ss(s, spsr, &legal);
	if (!legal)
		return;
	set_op("ERET with SPSR", spsr, 0, 0);
	check(s, "PSTATE.SS after ERET", ad_debug_exception_return_ss(s, spsr),
	      o, "DebugExceptionReturnSS");
}

static void cmp_brk(const struct ad_state *s, uint16_t imm)
{
	struct ad_debug_event m;
	struct or_result o;

	set_op("BRK #imm", imm, 0, 0);
	m = ad_check_brk(s, imm);
	o = or_check_brk(s, imm);
	check(s, "BRK take", m.take, o.take, o.rule);
	check(s, "BRK target EL", m.target_el, o.target_el, o.rule);
	check(s, "BRK ESR", m.esr, o.esr, o.rule);
}

/* The enable function and routing for every (EL, Security state, mask). */
static void cmp_enable(const struct ad_state *s)
{
	unsigned el, sec, mask, n;

	cur_op = "enable function sweep";
	check(s, "IsSecure", ad_is_secure(s), or_is_secure(s), "IsSecure");
	check(s, "EL2Enabled", ad_el2_enabled(s), or_el2_enabled(s),
	      "EL2Enabled");
	check(s, "SelfHostedExtendedBPWPEnabled", ad_embwe_effective(s),
	      or_extended_bpwp_enabled(s), "SelfHostedExtendedBPWPEnabled");
	for (n = 0; n < s->cfg->num_bps; n++)
		check(s, "context-aware breakpoint",
		      ad_bp_is_context_aware(s->cfg, n), or_is_context_bp(s, n),
		      "ContextMatchingBreakpointRange");
	for (el = 0; el < 4; el++) {
		if ((el == 2 && !s->cfg->el2) || (el == 3 && !s->cfg->el3))
			continue;
		for (sec = 0; sec < 2; sec++) {
			if (sec && !s->cfg->el3)
				continue;
			if ((el == 3 && !sec) || (el == 2 && sec))
				continue;
			snprintf(cur_op_buf, sizeof(cur_op_buf),
				 "enable function from EL%u %s", el,
				 sec ? "Secure" : "Non-secure");
			cur_op = cur_op_buf;
			check(s, "DebugTargetFrom", ad_debug_target_from(s, sec),
			      or_debug_target_from(s, sec), "DebugTargetFrom");
			for (mask = 0; mask < 2; mask++) {
				bool o = or_generate_debug_exceptions_from(
					s, el, sec, mask);

				snprintf(cur_op_buf, sizeof(cur_op_buf),
					 "enable function from EL%u %s, mask "
					 "(PSTATE.D) %u", el,
					 sec ? "Secure" : "Non-secure", mask);

				check(s, "GenerateDebugExceptionsFrom (mask in bit 0)",
				      ad_debug_exceptions_from(s, el, sec, mask) ==
					      AD_DIS_NONE,
				      o, "AArch64.GenerateDebugExceptionsFrom");
				check(s, "step enabled",
				      ad_step_enabled_from(s, el, sec, mask),
				      o && (s->r.mdscr_el1 & 1),
				      "CheckSoftwareStep (MDSCR_EL1.SS)");
			}
		}
	}
}

/*
 * One operation.  op % 8:
 *  0 fetch at a; 1 fetch near DBGBVR<b> (+ (int8)c instructions);
 *  2 access at a (b: kind % 7, bit3 unprivileged, bit4 failing STXR;
 *    size 1 + c % 32); 3 access near DBGWVR<b> (+ (int8)c bytes; a: kind,
 *    flags and size as b and c of op 2, in its low two bytes);
 *  4 step state; 5 ERET with SPSR a; 6 BRK #a; 7 enable sweep.
 */
static void run_op(const struct ad_state *s, const struct op *op)
{
	const struct ad_config *c = s->cfg;
	struct ad_access acc;
	uint64_t pc;

	memset(&acc, 0, sizeof(acc));
	switch (op->kind % 8) {
	case 0:
		cmp_fetch(s, op->a & ~3ull);
		break;
	case 1:
		pc = s->r.bvr[op->b % c->num_bps] + (uint64_t)(int64_t)(int8_t)op->c * 4;
		cmp_fetch(s, pc & ~3ull);
		break;
	case 2:
	case 3:
		if (op->kind % 8 == 2) {
			acc.va = op->a;
			acc.kind = (enum ad_acc_kind)(op->b % 7);
			acc.unpriv = (op->b >> 3) & 1;
			acc.ex_failed = (op->b >> 4) & 1;
			acc.size = 1 + op->c % 32;
		} else {
			acc.va = s->r.wvr[op->b % c->num_wps] +
				 (uint64_t)(int64_t)(int8_t)op->c;
			acc.kind = (enum ad_acc_kind)((op->a & 0xff) % 7);
			acc.unpriv = (op->a >> 3) & 1;
			acc.ex_failed = (op->a >> 4) & 1;
			acc.size = 1 + ((op->a >> 8) & 0xff) % 32;
		}
		if (acc.kind != AD_ACC_STORE_EX)
			acc.ex_failed = false;
		cmp_access(s, &acc);
		break;
	case 4:
		cmp_step(s);
		break;
	case 5:
		cmp_eret(s, op->a);
		break;
	case 6:
		cmp_brk(s, (uint16_t)op->a);
		break;
	default:
		cmp_enable(s);
		break;
	}
}

static void run(const struct input *in, const struct ad_policies *pol)
{
	static struct ad_state s;
	unsigned i;

	memset(&s, 0, sizeof(s));
	build(&s, in, pol);
	cmp_enable(&s);
	cmp_step(&s);
	for (i = 0; i < in->nop; i++)
		run_op(&s, &in->ops[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct input in;
	struct ad_policies pol;
	unsigned id, choice;

	cur_data = data;
	cur_size = size;
	decode(data, size, &in);
	run(&in, &in.pol);
	/* Every other permitted choice of every policy, one at a time. */
	for (id = 0; id < AD_POL__COUNT; id++) {
		for (choice = 0; choice < ad_policy_desc(id)->nchoices; choice++) {
			if (choice == in.pol.choice[id])
				continue;
			pol = in.pol;
			pol.choice[id] = (uint8_t)choice;
			run(&in, &pol);
		}
	}
	return 0;
}
