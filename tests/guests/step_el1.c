// SPDX-License-Identifier: MIT
/*
 * tests/guests/step_el1.c - software step of EL1 code by an EL1 debugger
 * (same EL: MDSCR_EL1.KDE = 1 and PSTATE.D = 0 needed):
 *
 *  - ERET to EL1h with SPSR.D = 0, SPSR.SS = 1: a step exception after each
 *    instruction, EC 0x33, ISV = 1, ELR = the next instruction, SPSR =
 *    EL1h with D = 0 and SS = 0, vector 0x200;
 *  - KDE = 0, or D = 1: no step exception;
 *  - unmasking D with a step pending (MDSCR_EL1.SS = KDE = 1, PSTATE.SS =
 *    0, `msr daifclr, #8`): a step exception before the next instruction,
 *    ISV = 0 (the MSR was not stepped) - the Linux erratum 1463225 case;
 *  - a stepped `msr daifset, #8` masks debug: no step exception after it;
 *  - with the MMU on (exclusives on Normal memory): the step exception
 *    after LDXR has EX = 1, after STXR EX = 0.
 *
 * Expected values: digest sections 4.2, 5, 6.1, 6.2, 6.3.
 */
#include "guest.h"

extern char p_seq[], p_daifclr[], p_daifset[], p_excl[];

#define EL1H_D0 (PSR_A | PSR_I | PSR_F | PSR_MODE_EL1h)   /* 0x1c5 */
#define EL1H_D1 (PSR_DAIF | PSR_MODE_EL1h)                /* 0x3c5 */
#define ESR_SS       0xcf000022ull   /* EC 0x33, IL, ISV, IFSC 0x22 */
#define ESR_SS_EX    0xcf000062ull   /* ... EX */
#define ESR_SS_NOISV 0xce000022ull   /* EC 0x33, IL, ISV = 0 */

struct ev {
	uint64_t esr, elr, spsr;
};

static struct ev evs[8];
static unsigned nev;
static unsigned stop_after;     /* stop stepping after this many */

static bool handler(struct frame *f)
{
	if (frame_ec(f) != EC_SS_CUR)
		return false;
	if (nev < 8)
		evs[nev] = (struct ev){ f->esr, f->elr, f->spsr };
	if (++nev == stop_after) {
		set_mdscr(0);
		f->spsr &= ~PSR_SS;
	} else {
		f->spsr |= PSR_SS;
	}
	return true;
}

static uint64_t step(const char *title, void *code, uint64_t spsr,
		     uint64_t mdscr, unsigned stop)
{
	uint64_t r;

	section(title);
	nev = 0;
	stop_after = stop;
	memset(evs, 0, sizeof(evs));
	set_mdscr(mdscr);
	r = run_at((uint64_t)code, spsr, (uint64_t)stack_el0_top);
	set_mdscr(0);
	return r;
}

static void expect_ev(unsigned i, uint64_t esr, uint64_t elr, uint64_t spsr)
{
	gprintf("-- exception %u\n", i);
	expect("esr", evs[i].esr, esr);
	expect("elr", evs[i].elr, elr);
	expect("spsr", evs[i].spsr & ~PSR_NZCV, spsr);
}

int main(void)
{
	const uint64_t ss_kde = MDSCR_SS | MDSCR_KDE;
	uint64_t r;

	exc_handler = handler;
	debug_reset();

	r = step("EL1 step, KDE=1, D=0", p_seq, EL1H_D0 | PSR_SS, ss_kde, 0);
	expect("exceptions", nev, 5);
	expect_ev(0, ESR_SS, 0x40082004, EL1H_D0);
	expect_ev(1, ESR_SS, 0x40082008, EL1H_D0);
	expect_ev(2, ESR_SS, 0x40082010, EL1H_D0);
	expect_ev(3, ESR_SS, 0x40082014, EL1H_D0);
	expect_ev(4, ESR_SS, 0x40082018, EL1H_D0);
	expect("result", r, 6);

	r = step("EL1 step, KDE=0: disabled", p_seq, EL1H_D0 | PSR_SS,
		 MDSCR_SS, 0);
	expect("exceptions", nev, 0);
	expect("result", r, 6);

	r = step("EL1 step, D=1: masked", p_seq, EL1H_D1 | PSR_SS, ss_kde, 0);
	expect("exceptions", nev, 0);
	expect("result", r, 6);

	r = step("msr daifclr, #8 with a step pending", p_daifclr, EL1H_D1,
		 ss_kde, 1);
	expect("exceptions", nev, 1);
	expect_ev(0, ESR_SS_NOISV, 0x40082048, EL1H_D0);
	expect("result", r, 2);

	r = step("stepped msr daifset, #8", p_daifset, EL1H_D0 | PSR_SS,
		 ss_kde, 0);
	expect("exceptions", nev, 1);
	expect_ev(0, ESR_SS, 0x40082084, EL1H_D0);
	expect("result", r, 2);

	section("MMU on");
	mmu_on();
	expect("SCTLR_EL1.M", read_sysreg(sctlr_el1) & 1, 1);
	r = step("step LDXR, STXR", p_excl, EL1H_D0 | PSR_SS, ss_kde, 0);
	mmu_off();
	expect("exceptions", nev, 4);
	expect_ev(0, ESR_SS, 0x400820c4, EL1H_D0);
	expect_ev(1, ESR_SS_EX, 0x400820c8, EL1H_D0);
	expect_ev(2, ESR_SS, 0x400820cc, EL1H_D0);
	expect_ev(3, ESR_SS, 0x400820d0, EL1H_D0);
	expect("result", r, 0x5a);

	done();
}
