// SPDX-License-Identifier: MIT
/*
 * model/debug.c - enabling and routing of debug exceptions (digest 4) and
 * the top-level breakpoint/watchpoint/BRK checks.
 */
#include "debug.h"

#include "config.h"
#include "policy.h"
#include "syndrome.h"

bool ad_is_secure(const struct ad_state *s)
{
	if (!s->cfg->el3)
		return false; /* no EL3: this model's PEs are Non-secure */
	return s->pe.el == AD_EL3 || !(s->r.scr_el3 & AD_SCR_NS);
}

/* EL2Enabled() (no Secure EL2 in this model) */
bool ad_el2_enabled(const struct ad_state *s)
{
	return s->cfg->el2 && (!s->cfg->el3 || (s->r.scr_el3 & AD_SCR_NS));
}

/* ELIsInHost() */
bool ad_el_is_in_host(const struct ad_state *s, unsigned el)
{
	uint64_t hcr = s->r.hcr_el2;

	if (!s->cfg->vhe || !ad_el2_enabled(s) || !(hcr & AD_HCR_E2H))
		return false;
	return el == AD_EL2 || (el == AD_EL0 && (hcr & AD_HCR_TGE));
}

/* DoubleLockStatus() */
bool ad_double_lock_status(const struct ad_state *s)
{
	return s->cfg->doublelock && (s->r.osdlr_el1 & 1) &&
	       !(s->r.dbgprcr_el1 & 1) && !s->pe.halted;
}

/* DebugTargetFrom() */
unsigned ad_debug_target_from(const struct ad_state *s, bool secure)
{
	bool route_to_el2 = s->cfg->el2 && !secure &&
			    ((s->r.hcr_el2 & AD_HCR_TGE) ||
			     (s->r.mdcr_el2 & AD_MDCR2_TDE));

	return route_to_el2 ? AD_EL2 : AD_EL1;
}

static const char *const disable_names[] = {
	[AD_DIS_NONE] = "enabled",
	[AD_DIS_OSLOCK] = "OS lock (OSLSR_EL1.OSLK=1)",
	[AD_DIS_DOUBLELOCK] = "OS double lock (OSDLR_EL1.DLK=1)",
	[AD_DIS_HALTED] = "PE halted",
	[AD_DIS_SDD] = "Secure debug disabled (MDCR_EL3.SDD=1)",
	[AD_DIS_KDE] = "same-EL debug disabled (MDSCR_EL1.KDE=0)",
	[AD_DIS_MASKED] = "masked (PSTATE.D=1)",
	[AD_DIS_LOWER_EL] = "target EL below the current EL",
	[AD_DIS_MDE] = "monitor debug disabled (MDSCR_EL1.MDE=0)",
	[AD_DIS_SS] = "software step disabled (MDSCR_EL1.SS=0)",
};

const char *ad_disable_reason_str(enum ad_disable_reason r)
{
	return (unsigned)r <= AD_DIS_SS ? disable_names[r] : "?";
}

/* AArch64.GenerateDebugExceptionsFrom */
enum ad_disable_reason ad_debug_exceptions_from(const struct ad_state *s,
						unsigned from_el, bool secure,
						bool mask)
{
	unsigned target;

	if (s->r.oslk)
		return AD_DIS_OSLOCK;
	if (ad_double_lock_status(s))
		return AD_DIS_DOUBLELOCK;
	if (s->pe.halted)
		return AD_DIS_HALTED;

	target = ad_debug_target_from(s, secure);
	if (s->cfg->el3 && secure && (s->r.mdcr_el3 & AD_MDCR3_SDD))
		return AD_DIS_SDD;

	if (from_el == target) {
		if (!(s->r.mdscr_el1 & AD_MDSCR_KDE))
			return AD_DIS_KDE;
		if (mask)
			return AD_DIS_MASKED;
		return AD_DIS_NONE;
	}
	/* Never to a lower EL, and so never from EL3. */
	return target > from_el ? AD_DIS_NONE : AD_DIS_LOWER_EL;
}

/* AArch64.GenerateDebugExceptions */
bool ad_generate_debug_exceptions(const struct ad_state *s)
{
	return ad_debug_exceptions_from(s, s->pe.el, ad_is_secure(s), s->pe.d) ==
	       AD_DIS_NONE;
}

/* AArch64.SoftwareBreakpoint routing: not gated by anything. */
unsigned ad_brk_target_el(const struct ad_state *s)
{
	bool route_to_el2 = s->pe.el <= AD_EL1 && ad_el2_enabled(s) &&
			    ((s->r.hcr_el2 & AD_HCR_TGE) ||
			     (s->r.mdcr_el2 & AD_MDCR2_TDE));

	if (s->pe.el > AD_EL1)
		return s->pe.el;
	return route_to_el2 ? AD_EL2 : AD_EL1;
}

/* The enable part of AArch64.CheckDebug: GenerateDebugExceptions && MDE. */
static void decide(const struct ad_state *s, struct ad_debug_event *ev)
{
	bool secure = ad_is_secure(s);

	ev->target_el = ad_debug_target_from(s, secure);
	ev->why = ad_debug_exceptions_from(s, s->pe.el, secure, s->pe.d);
	if (ev->why == AD_DIS_NONE && !(s->r.mdscr_el1 & AD_MDSCR_MDE))
		ev->why = AD_DIS_MDE;
	ev->take = ev->why == AD_DIS_NONE;
}

/* AArch64.CheckBreakpoint */
struct ad_debug_event ad_check_breakpoint(const struct ad_state *s, uint64_t pc)
{
	struct ad_debug_event ev = { 0 };

	ev.hits = ad_breakpoints_matching(s, pc);
	ev.match = ev.hits != 0;
	if (!ev.match)
		return ev;
	decide(s, &ev);
	ev.esr = ad_esr_breakpoint(ev.target_el == s->pe.el);
	return ev;
}

/* Does one of the watchpoints in @set match access @a? */
static bool some_watchpoint_matches(const struct ad_state *s,
				    const struct ad_access *a, uint64_t set)
{
	for (unsigned n = 0; n < s->cfg->num_wps; n++)
		if (((set >> n) & 1) && ad_watchpoint_match(s, n, a, NULL))
			return true;
	return false;
}

/*
 * The FAR bounds of digest 2.4 (ARM D2.9.8): an address from the lowest
 * byte accessed up to the watchpointed byte, inside one naturally aligned
 * block no larger than the DC ZVA block holding the watchpointed byte.
 */
static void watch_far(const struct ad_state *s, const struct ad_access *a,
		      uint64_t matched, struct ad_debug_event *ev)
{
	uint64_t lo, hi, block = s->cfg->dczva_bytes;
	uint64_t base = matched & ~(block - 1);

	ad_access_range(s, a, &lo, &hi);
	if (a->kind == AD_ACC_DC_ZVA || a->kind == AD_ACC_DC_IVAC) {
		/* Any address within the block the operation accesses. */
		ev->far_min = lo;
		ev->far_max = hi;
	} else {
		uint64_t end = hi < base + block - 1 ? hi : base + block - 1;
		struct ad_access one = *a;

		ev->far_min = lo > base ? lo : base;
		/* Up to the highest watchpointed byte accessed in that block. */
		one.size = 1;
		ev->far_max = matched;
		for (one.va = matched + 1; one.va <= end && one.va != 0; one.va++)
			if (some_watchpoint_matches(s, &one, ev->hits))
				ev->far_max = one.va;
	}
	switch (ad_policy(s, AD_POL_WP_FAR)) {
	case AD_WPFAR_BLOCK_LOW:
		ev->far = ev->far_min;
		break;
	default:
		ev->far = matched;
		break;
	}
}

/* DBGWCR.LSC, with a reserved 0b00 as Unpredictable_RESLSC resolves it. */
static unsigned effective_lsc(const struct ad_state *s, uint64_t wcr)
{
	unsigned lsc = (unsigned)(wcr >> 3) & 3;

	if (!lsc && ad_policy(s, AD_POL_RESLSC) == AD_RESLSC_UNKNOWN)
		lsc = 3;
	return lsc;
}

/* AArch64.CheckWatchpoint */
struct ad_debug_event ad_check_watchpoint(const struct ad_state *s,
					  const struct ad_access *a)
{
	struct ad_debug_event ev = { 0 };
	bool reads = a->kind == AD_ACC_LOAD || a->kind == AD_ACC_LOAD_EX ||
		     a->kind == AD_ACC_ATOMIC;
	bool writes = !reads || a->kind == AD_ACC_ATOMIC;
	bool match_on_read = false;
	uint64_t first;

	ev.hits = ad_watchpoints_matching(s, a, &first);
	for (unsigned n = 0; n < s->cfg->num_wps; n++)
		/* A read access matched through LSC<0> (loads, atomics' read). */
		if (((ev.hits >> n) & 1) && reads &&
		    (effective_lsc(s, s->r.wcr[n]) & 1))
			match_on_read = true;
	ev.match = ev.hits != 0;
	if (!ev.match)
		return ev;
	decide(s, &ev);
	ev.cm = a->kind == AD_ACC_DC_IVAC;
	/* WnR is 1 only for an access that writes and did not match as a read. */
	ev.wnr = writes && !match_on_read;
	watch_far(s, a, first, &ev);
	ev.esr = ad_esr_watchpoint(ev.target_el == s->pe.el, ev.wnr, ev.cm);
	return ev;
}

/* AArch64.SoftwareBreakpoint */
struct ad_debug_event ad_check_brk(const struct ad_state *s, uint16_t imm16)
{
	struct ad_debug_event ev = { 0 };

	ev.match = true;
	ev.take = true;
	ev.target_el = ad_brk_target_el(s);
	ev.esr = ad_esr_brk(imm16);
	return ev;
}
