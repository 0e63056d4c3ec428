// SPDX-License-Identifier: MIT
/*
 * tests/guests/step_el0.c - software step of EL0 code, debugger at EL1
 * (MDSCR_EL1.SS = 1, ERET with SPSR_EL1.SS = 1):
 *
 *  - each stepped instruction is followed by a step exception: EC 0x32,
 *    ISV = 1, EX = 0, ELR = the next instruction (a branch's target),
 *    SPSR.SS = 0, vector 0x400;
 *  - ERET with SPSR.SS = 0: active-pending, the step exception is taken
 *    before the first instruction (ELR = the ERET target, ISV = 0);
 *  - a stepped SVC completes: its exception saves SPSR.SS = 0, and when
 *    the SVC handler returns, the step exception is taken at once with
 *    ELR = the instruction after the SVC and ISV = 0;
 *  - a stepped BRK or UDF does not complete: SPSR.SS = 1 in its handler;
 *    PSTATE.SS = 0 in the handler (a nested exception saves SS = 0); the
 *    handler skips it and the next instruction is stepped;
 *  - a stepped store hitting a watchpoint: SPSR.SS = 1; the handler
 *    disables the watchpoint and the store is stepped again.
 * Step exceptions that directly follow the return from another exception
 * of the same instruction are checked for EC only: whether ISV is set
 * then is what SoftwareStep_DidNotStep() leaves open.
 *
 * Expected values: digest sections 5, 6.1, 6.2.
 */
#include "guest.h"

extern char p_seq[], p_svc[], p_brk[], p_udf[], p_wp[], buf[];

#define ESR_SS      0xcb000022ull   /* EC 0x32, IL, ISV, IFSC 0x22 */
#define ESR_SS_NOISV 0xca000022ull  /* EC 0x32, IL, ISV = 0 */
#define EC_ONLY     1               /* check ESR.EC only */

struct ev {
	uint64_t esr, elr, spsr;
};

static struct ev evs[12];
static unsigned nev;
static uint64_t nested_spsr;
static unsigned stop_after;     /* stop stepping after this many steps */
static unsigned nsteps;

static bool handler(struct frame *f)
{
	unsigned ec = frame_ec(f);

	if (ec == EC_BRK64 && (f->esr & 0xffff) == 5) {
		nested_spsr = f->spsr;
		f->elr += 4;
		return true;
	}
	if (nev < 12)
		evs[nev] = (struct ev){ f->esr, f->elr, f->spsr };
	nev++;
	switch (ec) {
	case EC_SS_LOWER:
		if (++nsteps == stop_after) {
			set_mdscr(0);
			f->spsr &= ~PSR_SS;
		} else {
			f->spsr |= PSR_SS;
		}
		return true;
	case EC_SVC64:
		return true;    /* SPSR.SS as saved */
	case EC_BRK64:
		__asm__ volatile("brk #5" ::: "memory");
		f->elr += 4;
		return true;
	case EC_UNKNOWN:
		f->elr += 4;
		return true;
	case EC_WP_LOWER:
		clear_wp(0);
		return true;
	default:
		return false;
	}
}

static uint64_t step(const char *title, void *code, uint64_t ss, unsigned stop)
{
	uint64_t r;

	section(title);
	nev = 0;
	nsteps = 0;
	stop_after = stop;
	memset(evs, 0, sizeof(evs));
	set_mdscr(MDSCR_SS | MDSCR_MDE);
	r = run_at((uint64_t)code, PSR_MODE_EL0t | ss, (uint64_t)stack_el0_top);
	set_mdscr(0);
	return r;
}

/* One recorded exception: ESR (or only its EC), ELR, SPSR without NZCV. */
static void expect_ev(unsigned i, uint64_t esr, uint64_t elr, uint64_t spsr,
		      int how)
{
	gprintf("-- exception %u\n", i);
	if (how == EC_ONLY)
		expect("esr.ec", evs[i].esr >> 26, esr >> 26);
	else
		expect("esr", evs[i].esr, esr);
	expect("elr", evs[i].elr, elr);
	expect("spsr", evs[i].spsr & ~PSR_NZCV, spsr);
}

int main(void)
{
	uint64_t r;

	exc_handler = handler;
	debug_reset();

	r = step("step 5 instructions (with a branch)", p_seq, PSR_SS, 0);
	expect("exceptions", nev, 5);
	expect_ev(0, ESR_SS, 0x40082004, 0, 0);
	expect_ev(1, ESR_SS, 0x40082008, 0, 0);
	expect_ev(2, ESR_SS, 0x40082010, 0, 0);
	expect_ev(3, ESR_SS, 0x40082014, 0, 0);
	expect_ev(4, ESR_SS, 0x40082018, 0, 0);
	expect("result", r, 6);

	r = step("ERET with SPSR.SS=0: active-pending", p_seq, 0, 1);
	expect("exceptions", nev, 1);
	expect_ev(0, ESR_SS_NOISV, 0x40082000, 0, 0);
	expect("result", r, 6);

	r = step("step over SVC", p_svc, PSR_SS, 0);
	expect("exceptions", nev, 5);
	expect_ev(0, ESR_SS, 0x40082044, 0, 0);
	expect_ev(1, 0x56000021, 0x40082048, 0, 0);
	expect_ev(2, ESR_SS_NOISV, 0x40082048, 0, 0);
	expect_ev(3, ESR_SS, 0x4008204c, 0, 0);
	expect_ev(4, ESR_SS, 0x40082050, 0, 0);
	expect("result", r, 2);

	nested_spsr = 0;
	r = step("stepped BRK", p_brk, PSR_SS, 0);
	expect("exceptions", nev, 4);
	expect_ev(0, ESR_SS, 0x40082084, 0, 0);
	expect_ev(1, 0xf2000031, 0x40082084, PSR_SS, 0);
	expect_ev(2, ESR_SS, 0x4008208c, 0, EC_ONLY);
	expect_ev(3, ESR_SS, 0x40082090, 0, 0);
	expect("nested spsr in the BRK handler", nested_spsr & ~PSR_NZCV,
	       PSR_DAIF | PSR_MODE_EL1h);
	expect("result", r, 2);

	r = step("stepped UDF", p_udf, PSR_SS, 0);
	expect("exceptions", nev, 4);
	expect_ev(0, ESR_SS, 0x400820c4, 0, 0);
	expect_ev(1, 0x02000000, 0x400820c4, PSR_SS, 0);
	expect_ev(2, ESR_SS, 0x400820cc, 0, EC_ONLY);
	expect_ev(3, ESR_SS, 0x400820d0, 0, 0);
	expect("result", r, 2);

	set_wp(0, (uint64_t)buf, WCR_E | WCR_BAS(0xff) | WCR_LSC(LSC_STORE) |
	       WCR_PAC(PRIV_EL0));
	r = step("stepped store hits a watchpoint", p_wp, PSR_SS, 0);
	clear_wp(0);
	expect("exceptions", nev, 5);
	expect_ev(0, ESR_SS, 0x40082104, 0, 0);
	expect_ev(1, ESR_SS, 0x40082108, 0, 0);
	expect_ev(2, 0xd2000062, 0x40082108, PSR_SS, 0);
	expect_ev(3, ESR_SS, 0x4008210c, 0, EC_ONLY);
	expect_ev(4, ESR_SS, 0x40082110, 0, 0);
	expect("result", r, 0x42);
	expect("stored", *(volatile uint64_t *)buf, 0x42);

	done();
}
