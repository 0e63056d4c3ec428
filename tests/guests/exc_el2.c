// SPDX-License-Identifier: MIT
/*
 * tests/guests/exc_el2.c - exception entry with EL2 (armdbg run --el2,
 * qemu -M virt,virtualization=on), the guest at EL1/EL0:
 *
 *  - HVC from EL1 goes to EL2: ESR_EL2 EC 0x16 ISS = imm16, ELR_EL2 = the
 *    next instruction, SPSR_EL2 = EL1h state, vector VBAR_EL2 + 0x400;
 *    HVC from EL0 is UNDEFINED (to EL1).
 *  - SMC at EL1 with no EL3 is UNDEFINED (to EL1).
 *  - MDCR_EL2.TDA = 1: EL1 MRS/MSR of DBGBCR0_EL1, DBGWVR3_EL1, MDSCR_EL1
 *    trap to EL2 with EC 0x18 and the ISS naming the register, Rt and the
 *    direction; ELR_EL2 = the MRS/MSR; OSLAR_EL1 is not trapped (TDOSA);
 *    DBGBCR6_EL1 (not implemented) is UNDEFINED at EL1 before the trap;
 *    EL0 MRS MDSCR_EL1 is UNDEFINED at EL1 before the trap.
 *  - MDCR_EL2.TDE = 1 (TDA = TDOSA = 0) makes TDA and TDOSA behave as 1.
 *
 * Expected values: digest sections 5 and 7.  EC 0x18 ISS: Op0[21:20]
 * Op2[19:17] Op1[16:14] CRn[13:10] Rt[9:5] CRm[4:1] Direction[0] (1 = MRS).
 */
#include "guest.h"

extern char p_el1_hvc[], p_el0_hvc[], p_el1_smc[], p_el1_tda[];
extern char p_el1_tda_unimpl[], p_el0_tda[], p_el1_tde[];

#define SPSR_EL1H_MASKED (PSR_DAIF | PSR_MODE_EL1h)   /* 0x3c5 */
#define ESR_UNDEF 0x02000000ull

static struct frame log[6];
static unsigned nlog;

static bool handler(struct frame *f)
{
	unsigned ec = frame_ec(f);

	if (nlog < 6)
		log[nlog] = *f;
	nlog++;
	if (f->el == 2 && ec == EC_SYSREG) {
		unsigned rt = (unsigned)(f->esr >> 5) & 31;

		/* Emulate: reads return 0x1234, writes are ignored. */
		if ((f->esr & 1) && rt != 31)
			f->x[rt] = 0x1234;
		f->elr += 4;
	} else if (ec == EC_UNKNOWN) {
		f->elr += 4;
	}
	return true;
}

static uint64_t set_mdcr_traps(uint64_t traps)
{
	uint64_t v = read_sysreg(mdcr_el2);

	v &= ~(MDCR_TDE | MDCR_TDA | 1ull << 10 | 1ull << 11);
	write_sysreg(mdcr_el2, v | traps);
	isb();
	return 0;
}

static uint64_t run(void *pc, uint64_t spsr)
{
	nlog = 0;
	memset(log, 0, sizeof(log));
	return run_at((uint64_t)pc, spsr, (uint64_t)stack_el0_top);
}

static void expect_el(const struct frame *f, uint64_t el)
{
	expect("handler EL", f->el, el);
}

int main(void)
{
	uint64_t r;

	exc_handler = handler;
	expect("CurrentEL", current_el(), 1);

	section("HVC from EL1");
	run(p_el1_hvc, SPSR_EL1H_MASKED);
	expect("exceptions", nlog, 1);
	expect_el(&log[0], 2);
	expect_frame(&log[0], VEC_LOWER64, 0x5a000042, 0x40082004, SPSR_EL1H_MASKED);

	section("HVC from EL0");
	run(p_el0_hvc, PSR_MODE_EL0t);
	expect("exceptions", nlog, 1);
	expect_el(&log[0], 1);
	expect_frame(&log[0], VEC_LOWER64, ESR_UNDEF, 0x40082040, PSR_MODE_EL0t);

	section("SMC from EL1 (no EL3)");
	run(p_el1_smc, SPSR_EL1H_MASKED);
	expect("exceptions", nlog, 1);
	expect_el(&log[0], 1);
	expect_frame(&log[0], VEC_CUR_SPX, ESR_UNDEF, 0x40082080, SPSR_EL1H_MASKED);

	section("MDCR_EL2.TDA=1: EL1 debug register accesses trap to EL2");
	hvc_call(set_mdcr_traps, MDCR_TDA);
	r = run(p_el1_tda, SPSR_EL1H_MASKED);
	expect("exceptions", nlog, 4);
	expect_el(&log[0], 2);
	expect_frame(&log[0], VEC_LOWER64, 0x622a0061, 0x400820c4, SPSR_EL1H_MASKED);
	expect_el(&log[1], 2);
	expect_frame(&log[1], VEC_LOWER64, 0x622a00a0, 0x400820cc, SPSR_EL1H_MASKED);
	expect_el(&log[2], 2);
	expect_frame(&log[2], VEC_LOWER64, 0x622c00e7, 0x400820d0, SPSR_EL1H_MASKED);
	expect_el(&log[3], 2);
	expect_frame(&log[3], VEC_LOWER64, 0x62240125, 0x400820d4, SPSR_EL1H_MASKED);
	expect("x3 (emulated read)", r, 0x1234);

	section("MDCR_EL2.TDA=1: DBGBCR6_EL1 is UNDEFINED first");
	r = run(p_el1_tda_unimpl, SPSR_EL1H_MASKED);
	expect("exceptions", nlog, 1);
	expect_el(&log[0], 1);
	expect_frame(&log[0], VEC_CUR_SPX, ESR_UNDEF, 0x40082104, SPSR_EL1H_MASKED);
	expect("x3", r, 0x5a);

	section("MDCR_EL2.TDA=1: EL0 MDSCR_EL1 is UNDEFINED first");
	run(p_el0_tda, PSR_MODE_EL0t);
	expect("exceptions", nlog, 1);
	expect_el(&log[0], 1);
	expect_frame(&log[0], VEC_LOWER64, ESR_UNDEF, 0x40082140, PSR_MODE_EL0t);

	section("MDCR_EL2.TDE=1: TDA and TDOSA behave as 1");
	hvc_call(set_mdcr_traps, MDCR_TDE);
	run(p_el1_tde, SPSR_EL1H_MASKED);
	hvc_call(set_mdcr_traps, 0);
	expect("exceptions", nlog, 2);
	expect_el(&log[0], 2);
	expect_frame(&log[0], VEC_LOWER64, 0x62240125, 0x40082180, SPSR_EL1H_MASKED);
	expect_el(&log[1], 2);
	expect_frame(&log[1], VEC_LOWER64, 0x622807e0, 0x40082184, SPSR_EL1H_MASKED);

	done();
}
