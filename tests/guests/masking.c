// SPDX-License-Identifier: MIT
/*
 * tests/guests/masking.c - masked or disabled breakpoints and watchpoints
 * are dropped, never pended (unlike software step, whose pending state is
 * PSTATE.SS):
 *
 *  - an EL1 breakpoint hit with KDE = 1 and D = 1, then `msr daifclr, #8`:
 *    no exception, then or later; the same breakpoint placed after the
 *    MSR fires (EC 0x31, SPSR.D = 0);
 *  - an EL1 breakpoint hit with KDE = 0, then KDE set: no exception;
 *  - an EL1 store watchpoint hit with D = 1, then D cleared: no exception;
 *  - an EL1 breakpoint hit while OSLK = 1, then the OS lock cleared: no
 *    exception.
 *
 * Expected values: digest section 4.2 ("masked/disabled breakpoints and
 * watchpoints are ignored, not pended").
 */
#include "guest.h"

extern char p_bp_d[], p_bp_kde[], p_wp_d[], p_bp_oslk[], buf[];

#define EL1H_D0 (PSR_A | PSR_I | PSR_F | PSR_MODE_EL1h)   /* 0x1c5 */
#define EL1H_D1 (PSR_DAIF | PSR_MODE_EL1h)                /* 0x3c5 */
#define BCR_EL1 (BCR_E | BCR_BAS_A64 | BCR_PMC(PRIV_EL1))

static bool handler(struct frame *f)
{
	unsigned ec = frame_ec(f);

	if (ec != EC_BP_CUR && ec != EC_WP_CUR)
		return false;
	record(f);
	clear_bp(0);
	clear_wp(0);
	return true;
}

static uint64_t run(const char *title, void *code, uint64_t spsr,
		    uint64_t mdscr)
{
	uint64_t r;

	section(title);
	nexc = 0;
	memset(&last, 0, sizeof(last));
	set_mdscr(mdscr);
	r = run_at((uint64_t)code, spsr, (uint64_t)stack_el0_top);
	set_mdscr(0);
	clear_bp(0);
	clear_wp(0);
	return r;
}

int main(void)
{
	const uint64_t kde = MDSCR_MDE | MDSCR_KDE;
	uint64_t r;

	exc_handler = handler;
	debug_reset();

	set_bp(0, 0x40082004, BCR_EL1);
	r = run("breakpoint hit with D=1, then D cleared", p_bp_d, EL1H_D1, kde);
	expect("exceptions", nexc, 0);
	expect("result", r, 3);

	set_bp(0, 0x4008200c, BCR_EL1);
	r = run("breakpoint after the D clear", p_bp_d, EL1H_D1, kde);
	expect("exceptions", nexc, 1);
	expect_frame(&last, VEC_CUR_SPX, 0xc6000022, 0x4008200c, EL1H_D0);
	expect("result", r, 3);

	set_bp(0, 0x40082048, BCR_EL1);
	r = run("breakpoint hit with KDE=0, then KDE set", p_bp_kde, EL1H_D0,
		MDSCR_MDE);
	expect("exceptions", nexc, 0);
	expect("result", r, 3);

	set_wp(0, (uint64_t)buf, WCR_E | WCR_BAS(0xff) | WCR_LSC(LSC_STORE) |
	       WCR_PAC(PRIV_EL1));
	r = run("watchpoint hit with D=1, then D cleared", p_wp_d, EL1H_D1, kde);
	expect("exceptions", nexc, 0);
	expect("result", r, 0x42);

	write_sysreg(oslar_el1, 1);
	isb();
	set_bp(0, 0x400820c4, BCR_EL1);
	r = run("breakpoint hit with OSLK=1, then the OS lock cleared", p_bp_oslk,
		EL1H_D0, kde);
	expect("exceptions", nexc, 0);
	expect("result", r, 3);
	expect("OSLSR_EL1", read_sysreg(oslsr_el1), 0x8);

	done();
}
