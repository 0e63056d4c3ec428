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
 * pseudocode.  Any disagreement prints a readable report to stderr and
 * aborts.
 *
 * The policy sweep.  Every operation (and the enable-function sweep and
 * the step state, which every input checks first) is checked
 *  1. under the input's policy vector V, noting which policies the oracle
 *     read while deciding it (or_policies_read()) and which the model read
 *     (ad_state.pol_reads, set by ad_policy());
 *  2. for each policy p that either read, under every other permitted
 *     choice of p (V with p changed, one policy at a time).
 * The oracle and the model are deterministic and read the vector only
 * through their policy accessors, so a run that did not read p takes the
 * same path, and gives the same verdict, whatever p is.  Every other run
 * of the full one-policy-at-a-time sweep therefore repeats (1) on both
 * sides, and in (2) a side that did not read p is not run again: its
 * answer from (1) is compared (cmp_fetch() and cmp_access() keep the
 * model's; the oracle's fetches and accesses are memoised comparator by
 * comparator, see oracle_fetch()).  The register file is built once per
 * input (see build()); the sweep changes the vector the decision
 * functions read.
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

/* One operation; OP_ENABLE_ALL and OP_STEP_STATE are not in the input. */
enum { OP_ENABLE_ALL = 256, OP_STEP_STATE };

struct op {
	unsigned kind;
	uint64_t a;
	uint8_t b, c;
};

/* The decoded input, independent of the policy vector. */
struct input {
	struct ad_config cfg;
	unsigned cfg_key;        /* preset and effective tweaks */
	struct ad_policies pol;
	unsigned el;
	uint8_t pstate, security, locks, vs;
	uint64_t mdscr, mdcr2, mdcr3, hcr, ctx1, ctx2, vttbr;
	unsigned nbp, nwp, nop;
	struct entry bp[MAX_ENTRIES], wp[MAX_ENTRIES];
	struct op ops[MAX_OPS];
};

static unsigned nchoices[AD_POL__COUNT];

/* ---- what is being checked, for the report (formatted on failure only) ---- */

enum what { W_NONE, W_ENABLE, W_ENABLE_AT, W_STEP, W_FETCH, W_ACCESS,
	    W_ERET, W_BRK };

static struct {
	const uint8_t *data;
	size_t size;
	enum what what;
	uint64_t a;
	unsigned el, sec, mask;
	struct ad_access acc;
	/* The sweep step: -1 the input's vector, else the policy changed. */
	int sweep_pol;
	uint32_t model_read, oracle_read; /* the policies step 1 read */
} cur;

static void decode_config(struct reader *r, struct ad_config *cfg,
			  unsigned *key)
{
	unsigned count = 0, idx = rd8(r), tweaks = rd8(r) & 7;
	const struct ad_config *base;
	const char *why;

	while (ad_config_preset_at(count))
		count++;
	idx %= count;
	base = ad_config_preset_at(idx);
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
	if (ad_config_validate(cfg, &why) != 0) {
		*cfg = *base;
		tweaks = 0;
	}
	*key = idx * 8 + tweaks;
}

static void decode(const uint8_t *data, size_t size, struct input *in)
{
	struct reader r = { data, size, 0 };
	unsigned i;

	memset(in, 0, sizeof(*in));
	decode_config(&r, &in->cfg, &in->cfg_key);
	for (i = 0; i < AD_POL__COUNT; i++)
		in->pol.choice[i] = rd8(&r) % nchoices[i];
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

/* ---- building the state ---- */

/*
 * The policies the register write path (model/regs.c: cold reset,
 * legalisation) consults.  The register file is built under the input's
 * choices of these and the defaults of all the others, so the cold-reset
 * cache below is keyed on everything the reset depends on.  A policy
 * regs.c starts to consult belongs here (until then the file is built as
 * a PE with that policy at its default would hold it).
 */
static const enum ad_policy_id build_policies[] = {
	AD_POL_RESET_UNKNOWN, AD_POL_BAS_READBACK, AD_POL_DLK_WITHOUT_OSLK,
};
#define NBUILD (sizeof(build_policies) / sizeof(build_policies[0]))

/*
 * Cold-reset register files by (configuration, build policies): a cold
 * reset legalises every register of 64 breakpoints and watchpoints, by far
 * the most expensive step of an input.  Direct-mapped; a collision
 * recomputes.
 */
#define RESET_SLOTS 512

struct reset_slot {
	unsigned key; /* 0: empty */
	struct ad_regs r;
};

static struct reset_slot reset_cache[RESET_SLOTS];

static void cold_reset(struct ad_state *s, unsigned cfg_key)
{
	unsigned key = cfg_key, i;
	struct reset_slot *slot;

	for (i = 0; i < NBUILD; i++)
		key = key * nchoices[build_policies[i]] +
		      s->pol.choice[build_policies[i]];
	key++;
	slot = &reset_cache[key % RESET_SLOTS];
	if (slot->key == key) {
		s->r = slot->r;
		return;
	}
	ad_cold_reset(s);
	slot->key = key;
	slot->r = s->r;
}

/*
 * Build the state a real PE would hold for @in: cold reset and register
 * writes under the build vector (the input's choices of build_policies,
 * the defaults otherwise), then the input's vector for the decisions.
 */
static void build(struct ad_state *s, const struct input *in)
{
	const struct ad_config *c = &in->cfg;
	unsigned i;

	/* ad_state_init(), but with the build vector from the start. */
	memset(s, 0, sizeof(*s));
	s->cfg = c;
	ad_policies_default(&s->pol);
	for (i = 0; i < NBUILD; i++)
		s->pol.choice[build_policies[i]] =
			in->pol.choice[build_policies[i]];
	cold_reset(s, in->cfg_key);

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
	s->pol = in->pol;
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

	fprintf(stderr, "input (%zu bytes):", cur.size);
	for (i = 0; i < cur.size && i < 1024; i++)
		fprintf(stderr, "%s%02x", i % 32 ? "" : "\n  ", cur.data[i]);
	fprintf(stderr, "\n");
}

static const char *const acc_names[] = {
	"load", "store", "atomic", "load-exclusive", "store-exclusive",
	"DC ZVA", "DC IVAC",
};

static void print_operation(const struct ad_state *s)
{
	const struct ad_access *a = &cur.acc;

	fprintf(stderr, "operation: ");
	switch (cur.what) {
	case W_ENABLE:
		fprintf(stderr, "enable function sweep\n");
		break;
	case W_ENABLE_AT:
		fprintf(stderr, "enable function from EL%u %s, mask (PSTATE.D) "
			"%u\n", cur.el, cur.sec ? "Secure" : "Non-secure",
			cur.mask);
		break;
	case W_STEP:
		fprintf(stderr, "software-step state / CheckSoftwareStep\n");
		break;
	case W_FETCH:
		fprintf(stderr, "instruction fetch at %#" PRIx64 "\n", cur.a);
		break;
	case W_ACCESS:
		fprintf(stderr, "%s%s%s of %u bytes at %#" PRIx64 "\n",
			a->unpriv ? "unprivileged " : "", acc_names[a->kind],
			a->ex_failed ? " (failing)" : "", a->size, a->va);
		break;
	case W_ERET:
		fprintf(stderr, "ERET with SPSR %#" PRIx64 "\n", cur.a);
		break;
	case W_BRK:
		fprintf(stderr, "BRK #%#" PRIx64 "\n", cur.a);
		break;
	default:
		fprintf(stderr, "?\n");
		break;
	}
	if (cur.sweep_pol == -1) {
		fprintf(stderr, "policy sweep: the input's policy vector\n");
	} else {
		const struct ad_policy_desc *d = ad_policy_desc(cur.sweep_pol);

		fprintf(stderr, "policy sweep: %s=%s\n", d->name,
			d->choices[s->pol.choice[cur.sweep_pol]]);
	}
}

static void fail(const struct ad_state *s, const char *what, uint64_t model,
		 uint64_t oracle, const char *rule)
{
	fprintf(stderr, "\n==== fuzz_model: model and oracle disagree ====\n");
	print_operation(s);
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

/* ---- the comparisons ---- */

/*
 * The oracle's side of a fetch or an access, memoised across the sweep.
 * Step 1 evaluates the oracle's comparators one at a time and keeps each
 * one's result and the policies it read.  A comparator that did not read
 * policy p takes the same path, and gives the same result, whatever p is
 * (the argument of the sweep, comparator by comparator): step 2
 * re-evaluates only the comparators that read the policy it changes, then
 * combines them all again; when the oracle read nothing of p at all, it
 * reuses step 1's verdict.  The model's verdict of step 1 is kept too,
 * for the steps that change a policy the model did not read.
 */
static struct {
	bool all;                 /* step 1 evaluated every comparator */
	uint64_t match, mismatch; /* bit n: comparator n's result in step 1 */
	uint32_t read[AD_MAX_BPS > AD_MAX_WPS ? AD_MAX_BPS : AD_MAX_WPS];
	struct or_result res;     /* step 1's verdict */
	struct or_far_map far;    /* and its FAR map (accesses) */
	struct ad_debug_event model; /* the model's verdict in step 1 */
} memo;

/* Does this sweep step change a policy that step 1 did not read (@read)? */
static bool unread_changed(uint32_t read)
{
	return cur.sweep_pol >= 0 && !((read >> cur.sweep_pol) & 1);
}

/*
 * ad_check_breakpoint() or ad_check_watchpoint(), kept from step 1 when
 * the step changes a policy the model did not read.
 */
static struct ad_debug_event model_event(const struct ad_state *s,
					 const struct ad_access *a, uint64_t pc)
{
	struct ad_debug_event m;

	if (unread_changed(cur.model_read))
		return memo.model;
	m = a ? ad_check_watchpoint(s, a) : ad_check_breakpoint(s, pc);
	if (cur.sweep_pol == -1)
		memo.model = m;
	return m;
}

/* Evaluate comparator @n in this sweep step? (Notes its read set.) */
static bool memo_eval_begin(unsigned n)
{
	if (cur.sweep_pol >= 0 && memo.all &&
	    !((memo.read[n] >> cur.sweep_pol) & 1))
		return false;
	or_policies_clear();
	return true;
}

static void memo_eval_end(unsigned n, uint32_t *read)
{
	if (cur.sweep_pol != -1)
		return;
	memo.read[n] = or_policies_read();
	*read |= memo.read[n];
}

static void set_bit(uint64_t *v, unsigned n, bool b)
{
	*v = (*v & ~(1ull << n)) | (uint64_t)b << n;
}

/* or_check_breakpoint(), memoised; adds the policies read to *read. */
static struct or_result oracle_fetch(const struct ad_state *s, uint64_t pc,
				     uint32_t *read)
{
	uint64_t match = memo.match, mismatch = memo.mismatch;
	struct or_result r;
	unsigned n;

	if (unread_changed(cur.oracle_read))
		return memo.res;
	for (n = 0; n < s->cfg->num_bps; n++) {
		bool m, mis;

		if (!memo_eval_begin(n))
			continue;
		or_breakpoint_match(s, n, pc, &m, &mis);
		memo_eval_end(n, read);
		set_bit(&match, n, m);
		set_bit(&mismatch, n, mis);
	}
	or_policies_clear();
	r = or_breakpoint_result(s, match, mismatch);
	*read |= or_policies_read();
	if (cur.sweep_pol == -1) {
		memo.all = true;
		memo.match = match;
		memo.mismatch = mismatch;
		memo.res = r;
	}
	return r;
}

static uint32_t cmp_fetch(const struct ad_state *s, uint64_t pc)
{
	struct ad_debug_event m;
	struct or_result o;
	uint32_t read = 0;

	cur.what = W_FETCH;
	cur.a = pc;
	m = model_event(s, NULL, pc);
	o = oracle_fetch(s, pc, &read);
	check(s, "breakpoint hits", m.hits, o.hits,
	      "AArch64.BreakpointMatch / AArch64.StateMatch / "
	      "AArch64.BreakpointValueMatch");
	check(s, "breakpoint match", m.match, o.match, "AArch64.CheckBreakpoint");
	check(s, "breakpoint take", m.take, o.take, o.rule);
	if (!o.take)
		return read;
	check(s, "breakpoint target EL", m.target_el, o.target_el,
	      "DebugTargetFrom");
	check(s, "breakpoint ESR", m.esr, o.esr,
	      "AArch64.BreakpointException / AArch64.ExceptionClass");
	return read;
}

/*
 * or_check_watchpoint(), memoised; adds the policies read to *read and
 * sets *far to the FAR map.
 */
static struct or_result oracle_access(const struct ad_state *s,
				      const struct ad_access *a,
				      uint32_t *read,
				      const struct or_far_map **far)
{
	static struct or_far_map scratch;
	struct or_far_map *map = cur.sweep_pol == -1 ? &memo.far : &scratch;
	uint64_t lo, hits = memo.match;
	struct or_result r;
	unsigned size, n;
	bool unwatched;

	*far = &memo.far;
	if (unread_changed(cur.oracle_read))
		return memo.res;
	or_policies_clear();
	unwatched = or_unwatched_access(s, a);
	*read |= or_policies_read();
	or_access_block(s, a, &lo, &size);
	if (unwatched) {
		hits = 0;
	} else {
		for (n = 0; n < s->cfg->num_wps; n++) {
			bool m;

			if (!memo_eval_begin(n))
				continue;
			m = or_watchpoint_match(s, n, a, lo, size);
			memo_eval_end(n, read);
			set_bit(&hits, n, m);
		}
	}
	or_policies_clear();
	r = or_watchpoint_result(s, a, hits, map);
	*read |= or_policies_read();
	if (cur.sweep_pol == -1) {
		memo.all = !unwatched;
		memo.match = hits;
		memo.res = r;
	}
	*far = map;
	return r;
}

static bool far_ok(const struct or_far_map *far, uint64_t x)
{
	return x >= far->base && x - far->base < far->len &&
	       far->ok[x - far->base];
}

static uint32_t cmp_access(const struct ad_state *s, const struct ad_access *a)
{
	const struct or_far_map *far;
	struct ad_debug_event m;
	struct or_result o;
	uint32_t read = 0;
	uint64_t x;

	cur.what = W_ACCESS;
	cur.acc = *a;
	m = model_event(s, a, 0);
	o = oracle_access(s, a, &read, &far);
	check(s, "watchpoint hits", m.hits, o.hits,
	      "AArch64.WatchpointMatch / AArch64.StateMatch / "
	      "AArch64.WatchpointByteMatch");
	check(s, "watchpoint match", m.match, o.match, "AArch64.CheckWatchpoint");
	check(s, "watchpoint take", m.take, o.take, o.rule);
	if (!o.take)
		return read;
	check(s, "watchpoint target EL", m.target_el, o.target_el,
	      "DebugTargetFrom");
	check(s, "watchpoint CM", m.cm, o.cm, "AArch64.FaultSyndrome");
	check(s, "watchpoint WnR", m.wnr, o.wnr,
	      "AArch64.CheckWatchpoint (WnR from the matching watchpoints' "
	      "LSC) / AArch64.FaultSyndrome");
	check(s, "watchpoint ESR", m.esr, o.esr,
	      "AArch64.WatchpointException / AArch64.FaultSyndrome");
	if (!far_ok(far, m.far))
		fail(s, "watchpoint FAR (not a permitted address)", m.far,
		     far->base, "D2.9.8 watchpoint FAR range");
	if (m.far_min > m.far || m.far > m.far_max)
		fail(s, "watchpoint FAR outside [far_min, far_max]", m.far,
		     m.far_min, "D2.9.8 watchpoint FAR range");
	for (x = m.far_min; ; x++) {
		if (!far_ok(far, x))
			fail(s, "watchpoint far_min..far_max holds a "
			     "non-permitted address", x, far->base,
			     "D2.9.8 watchpoint FAR range");
		if (x == m.far_max)
			break;
	}
	return read;
}

static void cmp_step(const struct ad_state *s)
{
	struct ad_debug_event m;
	struct or_result o;

	cur.what = W_STEP;
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

	cur.what = W_ERET;
	cur.a = spsr;
	o = or_debug_exception_return_ss(s, spsr, &legal);
	if (!legal)
		return;
	check(s, "PSTATE.SS after ERET", ad_debug_exception_return_ss(s, spsr),
	      o, "DebugExceptionReturnSS");
}

static void cmp_brk(const struct ad_state *s, uint16_t imm)
{
	struct ad_debug_event m;
	struct or_result o;

	cur.what = W_BRK;
	cur.a = imm;
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

	cur.what = W_ENABLE;
	check(s, "IsSecure", ad_is_secure(s), or_is_secure(s), "IsSecure");
	check(s, "EL2Enabled", ad_el2_enabled(s), or_el2_enabled(s),
	      "EL2Enabled");
	check(s, "SelfHostedExtendedBPWPEnabled", ad_embwe_effective(s),
	      or_extended_bpwp_enabled(s), "SelfHostedExtendedBPWPEnabled");
	for (n = 0; n < s->cfg->num_bps; n++)
		check(s, "context-aware breakpoint",
		      ad_bp_is_context_aware(s->cfg, n), or_is_context_bp(s, n),
		      "ContextMatchingBreakpointRange");
	cur.what = W_ENABLE_AT;
	for (el = 0; el < 4; el++) {
		if ((el == 2 && !s->cfg->el2) || (el == 3 && !s->cfg->el3))
			continue;
		for (sec = 0; sec < 2; sec++) {
			if (sec && !s->cfg->el3)
				continue;
			if ((el == 3 && !sec) || (el == 2 && sec))
				continue;
			cur.el = el;
			cur.sec = sec;
			cur.mask = 0;
			check(s, "DebugTargetFrom", ad_debug_target_from(s, sec),
			      or_debug_target_from(s, sec), "DebugTargetFrom");
			for (mask = 0; mask < 2; mask++) {
				bool o = or_generate_debug_exceptions_from(
					s, el, sec, mask);

				cur.mask = mask;
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
 * OP_ENABLE_ALL and OP_STEP_STATE: the checks every input starts with.
 * Returns the policies the oracle read.
 */
static uint32_t run_op(const struct ad_state *s, const struct op *op)
{
	const struct ad_config *c = s->cfg;
	struct ad_access acc;
	uint64_t pc;

	or_policies_clear();
	switch (op->kind == OP_ENABLE_ALL ? 7 : op->kind == OP_STEP_STATE ? 4 :
		op->kind % 8) {
	case 0:
		return cmp_fetch(s, op->a & ~3ull);
	case 1:
		pc = s->r.bvr[op->b % c->num_bps] + (uint64_t)(int64_t)(int8_t)op->c * 4;
		return cmp_fetch(s, pc & ~3ull);
	case 2:
	case 3:
		memset(&acc, 0, sizeof(acc));
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
		/*
		 * No access crosses 2^64: the pseudocode splits a misaligned
		 * access into smaller ones, and an aligned one cannot cross.
		 */
		if (acc.va + acc.size - 1 < acc.va)
			acc.size = (unsigned)(0 - acc.va);
		return cmp_access(s, &acc);
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
	return or_policies_read();
}

/* Check @op under the input's vector and sweep the policies (see the top). */
static void sweep_op(struct ad_state *s, const struct op *op)
{
	const struct ad_policies base = s->pol;
	uint32_t read;
	unsigned id, choice;

	cur.sweep_pol = -1;
	cur.model_read = 0;
	s->pol_reads = &cur.model_read;
	cur.oracle_read = run_op(s, op);
	s->pol_reads = NULL;
	read = cur.model_read | cur.oracle_read;
	for (id = 0; id < AD_POL__COUNT; id++) {
		if (!((read >> id) & 1))
			continue;
		cur.sweep_pol = (int)id;
		for (choice = 0; choice < nchoices[id]; choice++) {
			if (choice == base.choice[id])
				continue;
			s->pol.choice[id] = (uint8_t)choice;
			run_op(s, op);
		}
		s->pol.choice[id] = base.choice[id];
	}
}

static void init_once(void)
{
	unsigned id;

	if (nchoices[0])
		return;
	for (id = 0; id < AD_POL__COUNT; id++)
		nchoices[id] = ad_policy_desc(id)->nchoices;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct op enable_all = { OP_ENABLE_ALL, 0, 0, 0 };
	static const struct op step_state = { OP_STEP_STATE, 0, 0, 0 };
	static struct input in;
	static struct ad_state s;
	unsigned i;

	init_once();
	cur.data = data;
	cur.size = size;
	cur.what = W_NONE;
	decode(data, size, &in);
	build(&s, &in);
	sweep_op(&s, &enable_all);
	sweep_op(&s, &step_state);
	for (i = 0; i < in.nop; i++)
		sweep_op(&s, &in.ops[i]);
	return 0;
}
