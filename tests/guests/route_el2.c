// SPDX-License-Identifier: MIT
/*
 * tests/guests/route_el2.c - MDCR_EL2.TDE = 1 routes debug exceptions of
 * EL0/EL1 to EL2 (armdbg run --el2; the debugger's registers are written
 * at EL2, since TDE also traps EL1's accesses):
 *
 *  - an EL1 breakpoint is taken to EL2 even with KDE = 0 and PSTATE.D = 1
 *    (the target EL is higher): ESR_EL2 EC 0x30, ELR_EL2 = the address,
 *    SPSR_EL2 = the EL1 state, vector VBAR_EL2 + 0x400;
 *  - an EL0 breakpoint is taken to EL2;
 *  - BRK at EL1 and at EL0 is taken to EL2 (EC 0x3c);
 *  - an EL1 store watchpoint is taken to EL2 with FAR_EL2; ELR_EL1 and
 *    FAR_EL1 keep their values (the exception is the target EL's).
 *
 * Expected values: digest sections 4.2, 5.
 */
#include "guest.h"

extern char p_el1[], p_el0[], p_el1_brk[], p_el0_brk[], p_el1_wp[], buf[];

#define EL1H_D1 (PSR_DAIF | PSR_MODE_EL1h)                /* 0x3c5 */

static struct frame fr;
static unsigned nlog;
static uint64_t el1_elr, el1_far;

static bool handler(struct frame *f)
{
	unsigned ec = frame_ec(f);

	if (f->el != 2 || (ec != EC_BP_LOWER && ec != EC_WP_LOWER &&
			   ec != EC_BRK64))
		return false;
	if (!nlog++) {
		fr = *f;
		el1_elr = read_sysreg(elr_el1);
		el1_far = read_sysreg(far_el1);
	}
	if (ec == EC_BRK64)
		f->elr += 4;
	clear_bp(0);    /* EL2 is not trapped by MDCR_EL2 */
	clear_wp(0);
	return true;
}

/* The EL2 debugger's part, called by HVC. */
static uint64_t bvr, bcr, wvr, wcr;

static uint64_t el2_arm(uint64_t tde)
{
	uint64_t v = read_sysreg(mdcr_el2) & ~(MDCR_TDE | MDCR_TDA);

	write_sysreg(mdcr_el2, v | (tde ? MDCR_TDE : 0));
	write_sysreg(mdscr_el1, tde ? MDSCR_MDE : 0);
	isb();
	if (bcr)
		set_bp(0, bvr, bcr);
	if (wcr)
		set_wp(0, wvr, wcr);
	return 0;
}

static void run(const char *title, void *code, uint64_t spsr)
{
	section(title);
	nlog = 0;
	memset(&fr, 0, sizeof(fr));
	hvc_call(el2_arm, 1);
	run_at((uint64_t)code, spsr, (uint64_t)stack_el0_top);
	bcr = wcr = 0;
	hvc_call(el2_arm, 0);
}

int main(void)
{
	exc_handler = handler;
	debug_reset();
	expect("CurrentEL", current_el(), 1);

	bvr = 0x40082004;
	bcr = BCR_E | BCR_BAS_A64 | BCR_PMC(PRIV_EL1);
	run("EL1 breakpoint, TDE=1, KDE=0, D=1", p_el1, EL1H_D1);
	expect("exceptions at EL2", nlog, 1);
	expect_frame(&fr, VEC_LOWER64, 0xc2000022, 0x40082004, EL1H_D1);
	expect("x1 at exception", fr.x[1], 0x20);

	bvr = 0x40082044;
	bcr = BCR_E | BCR_BAS_A64 | BCR_PMC(PRIV_EL0);
	run("EL0 breakpoint, TDE=1", p_el0, PSR_MODE_EL0t);
	expect("exceptions at EL2", nlog, 1);
	expect_frame(&fr, VEC_LOWER64, 0xc2000022, 0x40082044, PSR_MODE_EL0t);

	run("EL1 BRK, TDE=1", p_el1_brk, EL1H_D1);
	expect("exceptions at EL2", nlog, 1);
	expect_frame(&fr, VEC_LOWER64, 0xf2000042, 0x40082080, EL1H_D1);

	run("EL0 BRK, TDE=1", p_el0_brk, PSR_MODE_EL0t);
	expect("exceptions at EL2", nlog, 1);
	expect_frame(&fr, VEC_LOWER64, 0xf2000043, 0x400820c0, PSR_MODE_EL0t);

	write_sysreg(far_el1, 0x1234);
	wvr = (uint64_t)buf;
	wcr = WCR_E | WCR_BAS(0x01) | WCR_LSC(LSC_STORE) | WCR_PAC(PRIV_EL1);
	run("EL1 watchpoint, TDE=1", p_el1_wp, EL1H_D1);
	expect("exceptions at EL2", nlog, 1);
	expect_frame(&fr, VEC_LOWER64, 0xd2000062, 0x40082108, EL1H_D1);
	expect("far_el2", fr.far, 0x400a0000);
	expect("elr_el1 at the EL2 exception", el1_elr, 0x40082100);
	expect("far_el1 at the EL2 exception", el1_far, 0x1234);
	expect("stored", *(volatile uint64_t *)buf, 0x42);

	done();
}
