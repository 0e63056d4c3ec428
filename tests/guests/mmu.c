// SPDX-License-Identifier: MIT
/*
 * tests/guests/mmu.c - the guest turns the MMU on (stage 1 EL1&0, 4 KiB
 * granule, 39-bit VA, level 1 blocks: 0x40000000 identity-mapped Normal
 * write-back, 0x80000000 an alias of the same 1 GiB) and everything still
 * works: the registers read back, a store through the alias is seen at
 * the identity address, SVC/BRK entry and return, an EL1 breakpoint, a
 * watchpoint on the alias VA (watchpoints compare virtual addresses: the
 * same location through the identity VA does not match), EL0 (execute
 * only: AP = 0b00, UXN = 0), and turning the MMU off again.
 *
 * Expected values: digest sections 1.3, 2.3, 5; VMSAv8-64 descriptors.
 */
#include "guest.h"

extern char p_svc[], p_bp[], p_el0[];
extern uint64_t word;

#define EL1H_D0 (PSR_A | PSR_I | PSR_F | PSR_MODE_EL1h)   /* 0x1c5 */
#define EL1H_D1 (PSR_DAIF | PSR_MODE_EL1h)                /* 0x3c5 */

static struct frame log[2];
static unsigned nlog;

static bool handler(struct frame *f)
{
	unsigned ec = frame_ec(f);

	if (nlog < 2)
		log[nlog] = *f;
	nlog++;
	if (ec == EC_BRK64)
		f->elr += 4;
	else if (ec == EC_BP_CUR)
		clear_bp(0);
	else if (ec == EC_WP_CUR)
		clear_wp(0);
	else if (ec != EC_SVC64)
		return false;
	return true;
}

static uint64_t run(void *pc, uint64_t spsr)
{
	nlog = 0;
	memset(log, 0, sizeof(log));
	return run_at((uint64_t)pc, spsr, (uint64_t)stack_el0_top);
}

int main(void)
{
	volatile uint64_t *ident = &word;
	volatile uint64_t *alias = (volatile uint64_t *)((uint64_t)&word + ALIAS_OFFSET);
	uint64_t r;

	exc_handler = handler;
	debug_reset();

	section("MMU on");
	mmu_on();
	expect("SCTLR_EL1.{I,C,M}", read_sysreg(sctlr_el1) & 0x1005, 0x1005);
	expect("TCR_EL1", read_sysreg(tcr_el1), 0x803519);
	expect("MAIR_EL1", read_sysreg(mair_el1), 0xff00);
	*ident = 0x1111;
	expect("word", *ident, 0x1111);

	section("SVC and BRK at EL1 with the MMU on");
	run(p_svc, EL1H_D1);
	expect("exceptions", nlog, 2);
	expect_frame(&log[0], VEC_CUR_SPX, 0x56000012, 0x40082004, EL1H_D1);
	expect_frame(&log[1], VEC_CUR_SPX, 0xf2000034, 0x40082004, EL1H_D1);

	section("SVC from EL0 (execute-only code) with the MMU on");
	r = run(p_el0, PSR_MODE_EL0t);
	expect("exceptions", nlog, 1);
	expect_frame(&log[0], VEC_LOWER64, 0x56000056, 0x400820c8, PSR_MODE_EL0t);
	expect("x0", r, 0x77);

	section("EL1 breakpoint with the MMU on");
	set_mdscr(MDSCR_MDE | MDSCR_KDE);
	set_bp(0, 0x40082044, BCR_E | BCR_BAS_A64 | BCR_PMC(PRIV_EL1));
	r = run(p_bp, EL1H_D0);
	expect("exceptions", nlog, 1);
	expect_frame(&log[0], VEC_CUR_SPX, 0xc6000022, 0x40082044, EL1H_D0);
	expect("x1 at exception", log[0].x[1], 0x20);
	expect("result", r, 0x21);

	section("watchpoint on the identity VA 0x400a0000");
	set_wp(0, (uint64_t)ident, WCR_E | WCR_BAS(0xff) | WCR_LSC(LSC_LOAD) |
	       WCR_PAC(PRIV_EL1));
	nlog = 0;
	debug_unmask();
	r = *ident;
	debug_mask();
	clear_wp(0);
	expect("exceptions", nlog, 1);
	expect("esr", log[0].esr, 0xd6000022);
	expect_range("far", log[0].far, 0x400a0000, 0x400a0007);
	expect("value", r, 0x1111);

	section("alias VA 0x800a0000 of the same memory");
	*alias = 0x2222;
	dsb();
	expect("word via identity VA after store via alias", *ident, 0x2222);
	expect("alias VA 0x800a0000 reads", *alias, 0x2222);

	section("watchpoint on the alias VA 0x800a0000");
	set_wp(0, (uint64_t)alias, WCR_E | WCR_BAS(0xff) | WCR_LSC(LSC_LOAD) |
	       WCR_PAC(PRIV_EL1));
	nlog = 0;
	debug_unmask();
	r = *ident;                     /* identity VA: no match */
	debug_mask();
	expect("load via identity VA: exceptions", nlog, 0);
	expect("value", r, 0x2222);
	debug_unmask();
	r = *alias;                     /* alias VA: match */
	debug_mask();
	clear_wp(0);
	expect("load via alias VA: exceptions", nlog, 1);
	expect("esr", log[0].esr, 0xd6000022);
	expect_range("far", log[0].far, 0x800a0000, 0x800a0007);
	expect("value", r, 0x2222);
	set_mdscr(0);

	section("MMU off");
	mmu_off();
	expect("SCTLR_EL1.M", read_sysreg(sctlr_el1) & 1, 0);
	expect("word", *ident, 0x2222);
	done();
}
