// SPDX-License-Identifier: MIT
/*
 * tests/guests/wp_atomic.c - watchpoints on FEAT_LSE atomics (armdbg run
 * --cpu v9-max, qemu -cpu max; Cortex-A57 has no LSE: see exc_entry.c),
 * MMU on (atomics on Normal memory), EL1 with KDE = 1 and D = 0:
 *
 *  - an atomic is a read and a write: it matches LSC = load, store or
 *    both; ESR.WnR = 0 when the matching watchpoint has LSC[0] = 1 (load
 *    or both), else 1: LDADD with each LSC, SWP on a store watchpoint, CAS
 *    on a load watchpoint, STADD (LDADD to XZR) on a load watchpoint;
 *  - memory and the destination register unchanged at the exception.
 * The ISS bits FEAT_Debugv8p2/v8p9 add (FnP, WPF, WPTV, WPT: ISS[23:15])
 * are masked; EC, IL, CM, WnR and DFSC are checked.
 *
 * Expected values: digest sections 2.3, 5.
 */
#include "guest.h"

extern char p_ldadd[], p_swp[], p_cas[], p_stadd[];
extern uint64_t aw;

#define EL1H_D0 (PSR_A | PSR_I | PSR_F | PSR_MODE_EL1h)   /* 0x1c5 */
#define ESR_V8P9_MASK 0x00ff8000ull
#define ESR_WP_R 0xd6000022ull
#define ESR_WP_W 0xd6000062ull

static unsigned nlog;
static struct frame fr;
static uint64_t mem_at_exc;

static bool handler(struct frame *f)
{
	if (frame_ec(f) != EC_WP_CUR)
		return false;
	if (!nlog++) {
		fr = *f;
		mem_at_exc = *(volatile uint64_t *)&aw;
	}
	clear_wp(0);
	return true;
}

static uint64_t run_case(const char *title, void *code, unsigned lsc)
{
	uint64_t r;

	section(title);
	aw = 0x100;
	nlog = 0;
	memset(&fr, 0, sizeof(fr));
	set_wp(0, (uint64_t)&aw, WCR_E | WCR_BAS(0x01) | WCR_LSC(lsc) |
	       WCR_PAC(PRIV_EL1));
	r = run_at((uint64_t)code, EL1H_D0, (uint64_t)stack_el0_top);
	clear_wp(0);
	return r;
}

static void expect_hit(uint64_t esr, uint64_t elr)
{
	expect("exceptions", nlog, 1);
	expect("vector", fr.vec, VEC_CUR_SPX);
	expect("esr (ISS[23:15] masked)", fr.esr & ~ESR_V8P9_MASK, esr);
	expect("elr", fr.elr, elr);
	expect("far", fr.far, 0x400a0000);
	expect("memory at exception", mem_at_exc, 0x100);
}

int main(void)
{
	uint64_t r;

	exc_handler = handler;
	debug_reset();
	expect("ID_AA64ISAR0_EL1.Atomic", read_sysreg(id_aa64isar0_el1) >> 20 & 0xf, 2);
	mmu_on();
	set_mdscr(MDSCR_MDE | MDSCR_KDE);

	r = run_case("LDADD, LSC=load", p_ldadd, LSC_LOAD);
	expect_hit(ESR_WP_R, 0x4008200c);
	expect("x2 at exception", fr.x[2], 0x5a);
	expect("x2 after", r, 0x100);
	expect("memory after", aw, 0x101);

	r = run_case("LDADD, LSC=store", p_ldadd, LSC_STORE);
	expect_hit(ESR_WP_W, 0x4008200c);
	expect("x2 at exception", fr.x[2], 0x5a);
	expect("x2 after", r, 0x100);
	expect("memory after", aw, 0x101);

	r = run_case("LDADD, LSC=load+store", p_ldadd, LSC_BOTH);
	expect_hit(ESR_WP_R, 0x4008200c);
	expect("x2 after", r, 0x100);
	expect("memory after", aw, 0x101);

	r = run_case("SWP, LSC=store", p_swp, LSC_STORE);
	expect_hit(ESR_WP_W, 0x4008204c);
	expect("x2 at exception", fr.x[2], 0x5a);
	expect("x2 after", r, 0x100);
	expect("memory after", aw, 7);

	r = run_case("CAS, LSC=load", p_cas, LSC_LOAD);
	expect_hit(ESR_WP_R, 0x4008208c);
	expect("x2 after", r, 0x100);
	expect("memory after", aw, 9);

	run_case("STADD, LSC=load", p_stadd, LSC_LOAD);
	expect_hit(ESR_WP_R, 0x400820c8);
	expect("memory after", aw, 0x101);

	set_mdscr(0);
	mmu_off();
	done();
}
