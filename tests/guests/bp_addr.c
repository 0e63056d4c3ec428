// SPDX-License-Identifier: MIT
/*
 * tests/guests/bp_addr.c - address breakpoints (BT = 0b0000, BAS = 0b1111):
 *
 *  - taken before the instruction executes: ELR = its address, the
 *    register it would write is unchanged in the exception frame; after
 *    the handler disables the breakpoint and returns, it executes;
 *  - EL0 breakpoint: EC 0x30, vector 0x400;
 *  - PMC filtering: PMC = EL1 only does not match at EL0, PMC = EL0 only
 *    does not match at EL1, PMC = both matches at EL1;
 *  - same-EL (EL1) breakpoints need MDSCR_EL1.KDE = 1 and PSTATE.D = 0:
 *    EC 0x31, vector 0x200 from EL1h and 0x000 from EL1t;
 *  - MDSCR_EL1.MDE = 0: no breakpoint.
 *
 * Expected values: digest sections 1.4, 3, 4.2, 5.
 */
#include "guest.h"

extern char p_el0[], p_el0_bp[], p_el1[], p_el1_bp[];

#define ESR_BP_LOWER 0xc2000022ull   /* EC 0x30, IL, IFSC 0x22 */
#define ESR_BP_CUR   0xc6000022ull   /* EC 0x31, IL, IFSC 0x22 */
#define EL1H_D0 (PSR_A | PSR_I | PSR_F | PSR_MODE_EL1h)   /* 0x1c5 */
#define EL1T_D0 (PSR_A | PSR_I | PSR_F | PSR_MODE_EL1t)   /* 0x1c4 */
#define EL1H_D1 (PSR_DAIF | PSR_MODE_EL1h)                /* 0x3c5 */

static bool handler(struct frame *f)
{
	unsigned ec = frame_ec(f);

	if (ec != EC_BP_LOWER && ec != EC_BP_CUR)
		return false;
	record(f);
	clear_bp(0);    /* ELR is unchanged: the instruction runs on return */
	return true;
}

static void run_case(const char *title, uint64_t bcr, uint64_t mdscr,
		     void *code, void *bp, uint64_t spsr, uint64_t result)
{
	uint64_t r;

	section(title);
	nexc = 0;
	memset(&last, 0, sizeof(last));
	set_mdscr(mdscr);
	set_bp(0, (uint64_t)bp, bcr);
	r = run_at((uint64_t)code, spsr, (uint64_t)stack_el0_top);
	clear_bp(0);
	set_mdscr(0);
	expect("result", r, result);
}

int main(void)
{
	const uint64_t bcr = BCR_E | BCR_BAS_A64 | BCR_BT(0);

	exc_handler = handler;
	debug_reset();

	run_case("EL0, PMC=EL0", bcr | BCR_PMC(PRIV_EL0), MDSCR_MDE,
		 p_el0, p_el0_bp, PSR_MODE_EL0t, 0x11);
	expect("exceptions", nexc, 1);
	expect_frame(&last, VEC_LOWER64, ESR_BP_LOWER, 0x40082004, PSR_MODE_EL0t);
	expect("x1 at exception", last.x[1], 0x10);

	run_case("EL0, PMC=EL1: no match", bcr | BCR_PMC(PRIV_EL1), MDSCR_MDE,
		 p_el0, p_el0_bp, PSR_MODE_EL0t, 0x11);
	expect("exceptions", nexc, 0);

	run_case("EL0, PMC=EL0, MDE=0: no breakpoint", bcr | BCR_PMC(PRIV_EL0),
		 0, p_el0, p_el0_bp, PSR_MODE_EL0t, 0x11);
	expect("exceptions", nexc, 0);

	run_case("EL1h, PMC=EL1, KDE=1, D=0", bcr | BCR_PMC(PRIV_EL1),
		 MDSCR_MDE | MDSCR_KDE, p_el1, p_el1_bp, EL1H_D0, 0x21);
	expect("exceptions", nexc, 1);
	expect_frame(&last, VEC_CUR_SPX, ESR_BP_CUR, 0x40082044, EL1H_D0);
	expect("x1 at exception", last.x[1], 0x20);

	run_case("EL1t, PMC=EL1, KDE=1, D=0", bcr | BCR_PMC(PRIV_EL1),
		 MDSCR_MDE | MDSCR_KDE, p_el1, p_el1_bp, EL1T_D0, 0x21);
	expect("exceptions", nexc, 1);
	expect_frame(&last, VEC_CUR_SP0, ESR_BP_CUR, 0x40082044, EL1T_D0);
	expect("x1 at exception", last.x[1], 0x20);

	run_case("EL1h, PMC=EL1, KDE=0, D=0: disabled", bcr | BCR_PMC(PRIV_EL1),
		 MDSCR_MDE, p_el1, p_el1_bp, EL1H_D0, 0x21);
	expect("exceptions", nexc, 0);

	run_case("EL1h, PMC=EL1, KDE=1, D=1: masked", bcr | BCR_PMC(PRIV_EL1),
		 MDSCR_MDE | MDSCR_KDE, p_el1, p_el1_bp, EL1H_D1, 0x21);
	expect("exceptions", nexc, 0);

	run_case("EL1h, PMC=EL0, KDE=1, D=0: no match", bcr | BCR_PMC(PRIV_EL0),
		 MDSCR_MDE | MDSCR_KDE, p_el1, p_el1_bp, EL1H_D0, 0x21);
	expect("exceptions", nexc, 0);

	run_case("EL1h, PMC=EL0+EL1, KDE=1, D=0", bcr | BCR_PMC(PRIV_BOTH),
		 MDSCR_MDE | MDSCR_KDE, p_el1, p_el1_bp, EL1H_D0, 0x21);
	expect("exceptions", nexc, 1);
	expect_frame(&last, VEC_CUR_SPX, ESR_BP_CUR, 0x40082044, EL1H_D0);
	expect("x1 at exception", last.x[1], 0x20);

	run_case("EL1h, PMC=EL1, KDE=1, D=0, MDE=0: no breakpoint",
		 bcr | BCR_PMC(PRIV_EL1), MDSCR_KDE, p_el1, p_el1_bp, EL1H_D0, 0x21);
	expect("exceptions", nexc, 0);

	done();
}
