// SPDX-License-Identifier: MIT
/*
 * tests/guests/bp_context.c - Context ID breakpoints on a Cortex-A57
 * (6 breakpoints, 4 and 5 context-aware):
 *
 *  - linked address match: bp0 BT = 0b0001, LBN = 4, on an EL0
 *    instruction; bp4 BT = 0b0011 (linked Context ID) = 0x42.  It fires
 *    only while CONTEXTIDR_EL1 = 0x42, and never while bp4 is disabled;
 *  - unlinked Context ID match: bp5 BT = 0b0010 = 0x77 fires on the first
 *    instruction executed at the PMC-selected EL while CONTEXTIDR_EL1 =
 *    0x77 (EL0: EC 0x30; EL1 with KDE = 1 and D = 0: EC 0x31), not with
 *    another CONTEXTIDR_EL1.
 *
 * Expected values: digest sections 1.2, 1.3, 4.2, 5.
 */
#include "guest.h"

extern char p_el0[], p_el0_bp[], p_el1[];

#define ESR_BP_LOWER 0xc2000022ull
#define ESR_BP_CUR   0xc6000022ull
#define EL1H_D0 (PSR_A | PSR_I | PSR_F | PSR_MODE_EL1h)   /* 0x1c5 */

static bool handler(struct frame *f)
{
	unsigned ec = frame_ec(f);

	if (ec != EC_BP_LOWER && ec != EC_BP_CUR)
		return false;
	record(f);
	clear_bp(0);
	clear_bp(5);
	return true;
}

static void set_contextidr(uint64_t v)
{
	write_sysreg(contextidr_el1, v);
	isb();
}

static void begin(const char *title)
{
	section(title);
	nexc = 0;
	memset(&last, 0, sizeof(last));
}

static void linked_case(const char *title, uint64_t ctx, uint64_t bcr4_e,
			unsigned want)
{
	uint64_t r;

	begin(title);
	set_contextidr(ctx);
	set_bp(4, 0x42, bcr4_e | BCR_BAS_A64 | BCR_PMC(PRIV_BOTH) | BCR_BT(3));
	set_bp(0, (uint64_t)p_el0_bp, BCR_E | BCR_BAS_A64 | BCR_PMC(PRIV_EL0) |
	       BCR_BT(1) | BCR_LBN(4));
	r = run_el0(p_el0);
	clear_bp(0);
	clear_bp(4);
	expect("result", r, 0x11);
	expect("exceptions", nexc, want);
	if (want)
		expect_frame(&last, VEC_LOWER64, ESR_BP_LOWER, 0x40082004,
			     PSR_MODE_EL0t);
}

int main(void)
{
	uint64_t r;

	exc_handler = handler;
	debug_reset();
	set_mdscr(MDSCR_MDE | MDSCR_KDE);

	linked_case("linked address + Context ID, CONTEXTIDR_EL1=0x42",
		    0x42, BCR_E, 1);
	linked_case("linked address + Context ID, CONTEXTIDR_EL1=0x43",
		    0x43, BCR_E, 0);
	linked_case("linked address + disabled Context ID bp, CONTEXTIDR_EL1=0x42",
		    0x42, 0, 0);

	begin("unlinked Context ID at EL0, CONTEXTIDR_EL1=0x77");
	set_contextidr(0x77);
	set_bp(5, 0x77, BCR_E | BCR_BAS_A64 | BCR_PMC(PRIV_EL0) | BCR_BT(2));
	r = run_el0(p_el0);
	clear_bp(5);
	expect("result", r, 0x11);
	expect("exceptions", nexc, 1);
	expect_frame(&last, VEC_LOWER64, ESR_BP_LOWER, 0x40082000, PSR_MODE_EL0t);

	begin("unlinked Context ID at EL0, CONTEXTIDR_EL1=0x78");
	set_contextidr(0x78);
	set_bp(5, 0x77, BCR_E | BCR_BAS_A64 | BCR_PMC(PRIV_EL0) | BCR_BT(2));
	r = run_el0(p_el0);
	clear_bp(5);
	expect("result", r, 0x11);
	expect("exceptions", nexc, 0);

	begin("unlinked Context ID at EL1 (KDE=1, D=0), CONTEXTIDR_EL1=0x77");
	set_contextidr(0x77);
	set_bp(5, 0x77, BCR_E | BCR_BAS_A64 | BCR_PMC(PRIV_EL1) | BCR_BT(2));
	r = run_at((uint64_t)p_el1, EL1H_D0, (uint64_t)stack_el0_top);
	clear_bp(5);
	expect("result", r, 0x21);
	expect("exceptions", nexc, 1);
	expect_frame(&last, VEC_CUR_SPX, ESR_BP_CUR, 0x40082040, EL1H_D0);

	set_contextidr(0);
	done();
}
