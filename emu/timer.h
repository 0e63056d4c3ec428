/* SPDX-License-Identifier: MIT */
/*
 * emu/timer.h - the architected generic timer on virtual time (Arm ARM
 * D11 "The Generic Timer in AArch64 state"): the EL1 physical timer
 * (CNTP_*, PPI 30), the virtual timer (CNTV_*, PPI 27) and, with EL2, the
 * EL2 physical timer (CNTHP_*, PPI 26), CNTVOFF_EL2 and CNTKCTL_EL1.
 * Pure C: the counter value is passed in by the caller.
 */
#ifndef ARMDBG_EMU_TIMER_H
#define ARMDBG_EMU_TIMER_H

#include <stdbool.h>
#include <stdint.h>

enum timer_id { TIMER_PHYS, TIMER_VIRT, TIMER_HYP, TIMER_N };

#define TIMER_PPI_PHYS 30u
#define TIMER_PPI_VIRT 27u
#define TIMER_PPI_HYP  26u

/* CNTx_CTL_EL0 bits. */
#define TIMER_CTL_ENABLE  1u
#define TIMER_CTL_IMASK   2u
#define TIMER_CTL_ISTATUS 4u

struct timers {
	uint32_t ctl[TIMER_N];  /* ENABLE and IMASK as written */
	uint64_t cval[TIMER_N];
	uint64_t cntvoff;       /* CNTVOFF_EL2 */
	uint64_t cntkctl;       /* CNTKCTL_EL1 */
};

/* A timer register access decoded from (op0, op1, CRn, CRm, op2). */
struct timer_reg {
	enum { TR_NONE, TR_CTL, TR_CVAL, TR_TVAL, TR_CNTVOFF, TR_CNTKCTL } kind;
	enum timer_id t;
	unsigned min_el;  /* lowest EL with access (0: subject to CNTKCTL_EL1) */
	const char *name;
};

struct timer_reg timer_decode(unsigned op0, unsigned op1, unsigned crn,
			      unsigned crm, unsigned op2);

void timer_reset(struct timers *tm);

/* The count timer @t compares with CVAL, given the physical count. */
uint64_t timer_count(const struct timers *tm, enum timer_id t, uint64_t pcount);

/* CNTx_CTL.ISTATUS, and the interrupt output (ISTATUS and not IMASK). */
bool timer_istatus(const struct timers *tm, enum timer_id t, uint64_t pcount);
bool timer_output(const struct timers *tm, enum timer_id t, uint64_t pcount);

/*
 * The physical count at which timer @t's output next rises, or UINT64_MAX
 * if it never does with the present settings (disabled, masked, or already
 * asserted).
 */
uint64_t timer_next_rise(const struct timers *tm, enum timer_id t, uint64_t pcount);

/* MRS/MSR of a decoded timer register at physical count @pcount. */
uint64_t timer_read(const struct timers *tm, struct timer_reg r, uint64_t pcount);
void timer_write(struct timers *tm, struct timer_reg r, uint64_t pcount, uint64_t v);

/*
 * EL0 access to timer register @r permitted by CNTKCTL_EL1 (EL0PTEN [9],
 * EL0VTEN [8]; EL0PCTEN [0] and EL0VCTEN [1] for the counters: @counter
 * is 'p' or 'v' for CNTPCT/CNTVCT, 0 otherwise).
 */
bool timer_el0_allowed(const struct timers *tm, struct timer_reg r, char counter);

#endif
