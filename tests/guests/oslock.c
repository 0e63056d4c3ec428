// SPDX-License-Identifier: MIT
/*
 * tests/guests/oslock.c - the OS lock and the OS Double Lock:
 *
 *  - OSLSR_EL1 = 0xa after a cold reset (OSLM = 0b10, OSLK = 1);
 *  - with OSLK = 1, an armed EL0 breakpoint, an EL0 store watchpoint and
 *    software step of EL0 (MDSCR_EL1.SS = 1, SPSR.SS = 1) generate
 *    nothing, while BRK is still taken (from EL0, and from EL1 with D = 1);
 *  - `msr oslar_el1, xzr` (OSLSR_EL1 = 0x8) lets all three fire: step
 *    exceptions after each instruction, the breakpoint and watchpoint
 *    with SPSR.SS = 1 (the instruction is then stepped again);
 *  - OSDLR_EL1.DLK = 1 (set while OSLK = 1, DBGPRCR_EL1.CORENPDRQ = 0,
 *    then OSLK cleared) disables them again, but not BRK; DLK = 0 restores.
 *
 * Expected values: digest sections 4.1, 4.2, 6.1, 6.2, 7.
 */
#include "guest.h"

extern char p_el0[], p_el0_bp[], p_el0_brk[], p_el1_brk[], watched[];

static unsigned nbp, nwp, nss, nbrk, nundef;
static uint64_t wp_esr, ss_esr, bp_spsr, wp_spsr;

static bool handler(struct frame *f)
{
	switch (frame_ec(f)) {
	case EC_BP_LOWER:
		nbp++;
		bp_spsr = f->spsr;
		clear_bp(0);
		return true;
	case EC_WP_LOWER:
		nwp++;
		wp_esr = f->esr;
		wp_spsr = f->spsr;
		clear_wp(0);
		return true;
	case EC_SS_LOWER:
		nss++;
		ss_esr = f->esr;
		f->spsr |= PSR_SS;      /* keep stepping */
		return true;
	case EC_BRK64:
		record(f);
		nbrk++;
		f->elr += 4;
		return true;
	case EC_UNKNOWN:
		nundef++;
		f->elr += 4;
		return true;
	default:
		return false;
	}
}

/* Arm an EL0 breakpoint, an EL0 store watchpoint and EL0 stepping; run. */
static void run_all(const char *title, unsigned want_bp, unsigned want_wp,
		    unsigned want_ss)
{
	uint64_t r;

	section(title);
	nbp = nwp = nss = 0;
	set_mdscr(MDSCR_MDE | MDSCR_SS);
	set_bp(0, (uint64_t)p_el0_bp, BCR_E | BCR_BAS_A64 | BCR_PMC(PRIV_EL0));
	set_wp(0, (uint64_t)watched, WCR_E | WCR_BAS(0xff) |
	       WCR_LSC(LSC_STORE) | WCR_PAC(PRIV_EL0));
	r = run_at((uint64_t)p_el0, PSR_MODE_EL0t | PSR_SS,
		   (uint64_t)stack_el0_top);
	set_mdscr(0);
	clear_bp(0);
	clear_wp(0);
	expect("result", r, 0x11);
	expect("breakpoints", nbp, want_bp);
	expect("watchpoints", nwp, want_wp);
	expect("steps", nss, want_ss);
	if (want_bp)
		expect("breakpoint spsr.ss", bp_spsr >> 21 & 1, 1);
	if (want_wp) {
		expect("watchpoint esr", wp_esr, 0xd2000062);
		expect("watchpoint spsr.ss", wp_spsr >> 21 & 1, 1);
	}
	if (want_ss)
		expect("last step esr", ss_esr, 0xcb000022);
}

static void run_brk(void)
{
	nbrk = 0;
	set_mdscr(MDSCR_MDE | MDSCR_SS);
	run_at((uint64_t)p_el0_brk, PSR_MODE_EL0t | PSR_SS,
	       (uint64_t)stack_el0_top);
	set_mdscr(0);
	expect("EL0 BRK taken", nbrk, 1);
	expect("esr", last.esr, 0xf2000011);
	expect("elr", last.elr, 0x40082040);
	nbrk = 0;
	run_at((uint64_t)p_el1_brk, PSR_DAIF | PSR_MODE_EL1h,
	       (uint64_t)stack_el0_top);
	expect("EL1 BRK taken (D=1)", nbrk, 1);
	expect("esr", last.esr, 0xf2000022);
	expect("elr", last.elr, 0x40082080);
}

int main(void)
{
	exc_handler = handler;

	section("cold reset");
	expect("OSLSR_EL1", read_sysreg(oslsr_el1), 0xa);
	debug_clear_regs();     /* the OS lock stays set */

	run_all("OSLK=1: no breakpoint, watchpoint or step", 0, 0, 0);
	run_brk();

	section("msr oslar_el1, xzr");
	write_sysreg(oslar_el1, 0);
	isb();
	expect("OSLSR_EL1", read_sysreg(oslsr_el1), 0x8);
	run_all("OSLK=0: all fire", 1, 1, 5);

	section("double lock");
	expect("ID_AA64DFR0_EL1.DoubleLock", read_sysreg(id_aa64dfr0_el1) >> 36 & 0xf, 0);
	write_sysreg(oslar_el1, 1);
	isb();
	expect("OSLSR_EL1", read_sysreg(oslsr_el1), 0xa);
	nundef = 0;
	write_sysreg(dbgprcr_el1, 0);   /* CORENPDRQ = 0 */
	isb();
	expect("DBGPRCR_EL1 write UNDEFINED", nundef, 0);
	write_sysreg(osdlr_el1, 1);
	isb();
	expect("OSDLR_EL1", read_sysreg(osdlr_el1), 1);
	write_sysreg(oslar_el1, 0);
	isb();
	expect("OSLSR_EL1", read_sysreg(oslsr_el1), 0x8);
	run_all("DLK=1, OSLK=0: no breakpoint, watchpoint or step", 0, 0, 0);
	run_brk();

	section("OSDLR_EL1.DLK=0");
	write_sysreg(osdlr_el1, 0);
	isb();
	expect("OSDLR_EL1", read_sysreg(osdlr_el1), 0);
	run_all("DLK=0, OSLK=0: all fire", 1, 1, 5);

	done();
}
