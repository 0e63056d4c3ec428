// SPDX-License-Identifier: MIT
/*
 * model/step.c - the software-step state machine (digest 6; S94
 * CheckSoftwareStep, SSAdvance, DebugExceptionReturnSS,
 * AArch64.TakeException, AArch64.SoftwareStepException).
 */
#include "step.h"

#include "policy.h"
#include "syndrome.h"

static const char *const step_names[] = {
	[AD_STEP_INACTIVE] = "inactive",
	[AD_STEP_ACTIVE_NOT_PENDING] = "active-not-pending",
	[AD_STEP_ACTIVE_PENDING] = "active-pending",
};

const char *ad_step_state_str(enum ad_step_state st)
{
	return (unsigned)st <= AD_STEP_ACTIVE_PENDING ? step_names[st] : "?";
}

bool ad_step_enabled_from(const struct ad_state *s, unsigned el, bool secure, bool d)
{
	/* ELD is always AArch64 in this model. */
	return (s->r.mdscr_el1 & AD_MDSCR_SS) &&
	       ad_debug_exceptions_from(s, el, secure, d) == AD_DIS_NONE;
}

enum ad_step_state ad_step_state(const struct ad_state *s)
{
	if (!ad_step_enabled_from(s, s->pe.el, ad_is_secure(s), s->pe.d))
		return AD_STEP_INACTIVE;
	return s->pe.ss ? AD_STEP_ACTIVE_NOT_PENDING : AD_STEP_ACTIVE_PENDING;
}

/*
 * SSAdvance.  The pseudocode clears PSTATE.SS whenever MDSCR_EL1.SS and
 * PSTATE.SS are both set, without asking whether stepping is enabled at
 * the current EL; the record of how the instruction ran (for
 * SoftwareStep_DidNotStep) does depend on the state it ran in.
 */
static void advance(struct ad_state *s, uint8_t stepped_kind, bool was_ldex,
		    bool enabled)
{
	bool anp = enabled && s->pe.ss; /* active-not-pending */

	s->pe.ss_prev = anp ? stepped_kind : AD_SSPREV_NOT_STEPPED;
	s->pe.ss_prev_ex = anp && was_ldex;
	if ((s->r.mdscr_el1 & AD_MDSCR_SS) && s->pe.ss)
		s->pe.ss = false;
}

static bool enabled_now(const struct ad_state *s)
{
	return ad_step_enabled_from(s, s->pe.el, ad_is_secure(s), s->pe.d);
}

void ad_ss_advance(struct ad_state *s, bool was_ldex)
{
	advance(s, AD_SSPREV_STEPPED, was_ldex, enabled_now(s));
}

void ad_ss_advance_en(struct ad_state *s, bool was_ldex, bool enabled)
{
	advance(s, AD_SSPREV_STEPPED, was_ldex, enabled);
}

void ad_ss_advance_isb(struct ad_state *s)
{
	advance(s, AD_SSPREV_CU, false, enabled_now(s));
}

/* AArch64.TakeException, the debug part. */
bool ad_exception_entry(struct ad_state *s, unsigned target_el,
			enum ad_exc_kind kind)
{
	bool spsr_ss;

	/* AArch64.CallSupervisor/CallHypervisor/CallSecureMonitor: SSAdvance first. */
	if (kind == AD_EXC_CALL)
		ad_ss_advance(s, false);
	spsr_ss = s->pe.ss;
	/*
	 * An exception taken between the stepped instruction and its step
	 * exception makes SoftwareStep_DidNotStep() CONSTRAINED UNPREDICTABLE.
	 */
	if (s->pe.ss_prev == AD_SSPREV_STEPPED)
		s->pe.ss_prev = AD_SSPREV_CU;
	s->pe.el = target_el;
	s->pe.d = true;
	s->pe.ss = false;
	s->pe.uao = false;
	return spsr_ss;
}

/* The EL an ERET with @spsr goes to, or the current EL if it is illegal. */
static unsigned return_el(const struct ad_state *s, uint64_t spsr)
{
	unsigned el = (unsigned)(spsr >> 2) & 3;

	if ((spsr & 0x10) || el > s->pe.el ||
	    (el == AD_EL2 && !s->cfg->el2) || (el == AD_EL3 && !s->cfg->el3))
		return s->pe.el; /* IllegalExceptionReturn */
	return el;
}

/* DebugExceptionReturnSS */
bool ad_debug_exception_return_ss(const struct ad_state *s, uint64_t spsr)
{
	unsigned dest;
	bool enabled_at_source, enabled_at_dest, secure;

	if (!(s->r.mdscr_el1 & AD_MDSCR_SS))
		return false;
	enabled_at_source = ad_generate_debug_exceptions(s);
	dest = return_el(s, spsr);
	secure = dest == AD_EL3 ||
		 (s->cfg->el3 && !(s->r.scr_el3 & AD_SCR_NS));
	enabled_at_dest = ad_debug_exceptions_from(s, dest, secure,
						   spsr & AD_SPSR_D) == AD_DIS_NONE;
	return !enabled_at_source && enabled_at_dest && (spsr & AD_SPSR_SS);
}

/* AArch64.ExceptionReturn, the debug part. */
void ad_exception_return(struct ad_state *s, uint64_t spsr)
{
	bool ss = ad_debug_exception_return_ss(s, spsr);
	bool was_anp = ad_step_state(s) == AD_STEP_ACTIVE_NOT_PENDING;

	s->pe.el = return_el(s, spsr);
	s->pe.d = spsr & AD_SPSR_D;
	s->pe.uao = s->cfg->uao && (spsr & AD_SPSR_UAO);
	s->pe.pan = s->cfg->pan && (spsr & AD_SPSR_PAN);
	s->pe.ss = ss;
	/* An ERET executed in the inactive state did not step (DidNotStep). */
	s->pe.ss_prev = was_anp ? AD_SSPREV_CU : AD_SSPREV_NOT_STEPPED;
	s->pe.ss_prev_ex = false;
}

/* CheckSoftwareStep + AArch64.SoftwareStepException */
struct ad_debug_event ad_check_software_step(const struct ad_state *s)
{
	struct ad_debug_event ev = { 0 };
	bool isv;

	if (ad_step_state(s) != AD_STEP_ACTIVE_PENDING)
		return ev;
	ev.match = true;
	ev.take = true;
	ev.target_el = ad_debug_target_from(s, ad_is_secure(s));
	switch (s->pe.ss_prev) {
	case AD_SSPREV_STEPPED:
		isv = true;
		break;
	case AD_SSPREV_CU:
		isv = ad_policy(s, AD_POL_STEP_ISV) == AD_STEPISV_VALID;
		break;
	default:
		isv = false;
		break;
	}
	ev.esr = ad_esr_step(ev.target_el == s->pe.el, isv, isv && s->pe.ss_prev_ex);
	return ev;
}
