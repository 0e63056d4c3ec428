// SPDX-License-Identifier: MIT
/*
 * emu/timer.c - the generic timers of timer.h.  The rules: Arm ARM D11.2
 * (CNTx_CVAL, CNTx_TVAL as a signed 32-bit view of CVAL - count, ISTATUS
 * when the count reaches CVAL, the interrupt asserted while ISTATUS and
 * not IMASK) and the CNTVCT_EL0 = CNTPCT_EL0 - CNTVOFF_EL2 offset.
 */
#include "timer.h"

#include <string.h>

void timer_reset(struct timers *tm)
{
	/* CTL.ENABLE resets to 0; CVAL and the rest are UNKNOWN: 0 here. */
	memset(tm, 0, sizeof(*tm));
}

struct timer_reg timer_decode(unsigned op0, unsigned op1, unsigned crn,
			      unsigned crm, unsigned op2)
{
	struct timer_reg r = { .kind = TR_NONE };
	static const char *const names[TIMER_N][3] = {
		{ "CNTP_TVAL_EL0", "CNTP_CTL_EL0", "CNTP_CVAL_EL0" },
		{ "CNTV_TVAL_EL0", "CNTV_CTL_EL0", "CNTV_CVAL_EL0" },
		{ "CNTHP_TVAL_EL2", "CNTHP_CTL_EL2", "CNTHP_CVAL_EL2" },
	};

	if (op0 != 3 || crn != 14)
		return r;
	if (op1 == 0 && crm == 1 && op2 == 0) {
		r.kind = TR_CNTKCTL;
		r.min_el = 1;
		r.name = "CNTKCTL_EL1";
		return r;
	}
	if (op1 == 4 && crm == 0 && op2 == 3) {
		r.kind = TR_CNTVOFF;
		r.min_el = 2;
		r.name = "CNTVOFF_EL2";
		return r;
	}
	if (op2 > 2 || !((op1 == 3 && (crm == 2 || crm == 3)) || (op1 == 4 && crm == 2)))
		return r;
	r.t = op1 == 4 ? TIMER_HYP : crm == 2 ? TIMER_PHYS : TIMER_VIRT;
	r.kind = op2 == 0 ? TR_TVAL : op2 == 1 ? TR_CTL : TR_CVAL;
	r.min_el = op1 == 4 ? 2 : 0;
	r.name = names[r.t][op2];
	return r;
}

uint64_t timer_count(const struct timers *tm, enum timer_id t, uint64_t pcount)
{
	return t == TIMER_VIRT ? pcount - tm->cntvoff : pcount;
}

bool timer_istatus(const struct timers *tm, enum timer_id t, uint64_t pcount)
{
	return (tm->ctl[t] & TIMER_CTL_ENABLE) &&
	       timer_count(tm, t, pcount) >= tm->cval[t];
}

bool timer_output(const struct timers *tm, enum timer_id t, uint64_t pcount)
{
	return timer_istatus(tm, t, pcount) && !(tm->ctl[t] & TIMER_CTL_IMASK);
}

uint64_t timer_next_rise(const struct timers *tm, enum timer_id t, uint64_t pcount)
{
	uint64_t at;

	if ((tm->ctl[t] & (TIMER_CTL_ENABLE | TIMER_CTL_IMASK)) != TIMER_CTL_ENABLE ||
	    timer_output(tm, t, pcount))
		return UINT64_MAX;
	/* The virtual count reaches CVAL when the physical one reaches CVAL + CNTVOFF. */
	at = t == TIMER_VIRT ? tm->cval[t] + tm->cntvoff : tm->cval[t];
	if (t == TIMER_VIRT && at < tm->cval[t])
		return UINT64_MAX; /* wraps: reached only after 2^64 ticks */
	return at;
}

uint64_t timer_read(const struct timers *tm, struct timer_reg r, uint64_t pcount)
{
	switch (r.kind) {
	case TR_CTL:
		return tm->ctl[r.t] |
		       (timer_istatus(tm, r.t, pcount) ? TIMER_CTL_ISTATUS : 0);
	case TR_CVAL:
		return tm->cval[r.t];
	case TR_TVAL:
		/* TimerValue: (CVAL - count)[31:0], read as a zero-extended word. */
		return (uint32_t)(tm->cval[r.t] - timer_count(tm, r.t, pcount));
	case TR_CNTVOFF:
		return tm->cntvoff;
	case TR_CNTKCTL:
		return tm->cntkctl;
	default:
		return 0;
	}
}

void timer_write(struct timers *tm, struct timer_reg r, uint64_t pcount, uint64_t v)
{
	switch (r.kind) {
	case TR_CTL:
		tm->ctl[r.t] = (uint32_t)v & (TIMER_CTL_ENABLE | TIMER_CTL_IMASK);
		break;
	case TR_CVAL:
		tm->cval[r.t] = v;
		break;
	case TR_TVAL:
		/* CVAL = count + SignExtend(TVAL[31:0]). */
		tm->cval[r.t] = timer_count(tm, r.t, pcount) + (uint64_t)(int64_t)(int32_t)v;
		break;
	case TR_CNTVOFF:
		tm->cntvoff = v;
		break;
	case TR_CNTKCTL:
		/* EVNTI [7:4], EVNTDIR [3], EVNTEN [2], EL0VCTEN/EL0PCTEN [1:0], EL0VTEN [8], EL0PTEN [9]. */
		tm->cntkctl = v & 0x3ff;
		break;
	default:
		break;
	}
}

bool timer_el0_allowed(const struct timers *tm, struct timer_reg r, char counter)
{
	if (counter == 'p')
		return tm->cntkctl & 1;
	if (counter == 'v')
		return tm->cntkctl & 2;
	if (r.kind != TR_CTL && r.kind != TR_CVAL && r.kind != TR_TVAL)
		return false;
	if (r.t == TIMER_PHYS)
		return tm->cntkctl >> 9 & 1;
	if (r.t == TIMER_VIRT)
		return tm->cntkctl >> 8 & 1;
	return false;
}
