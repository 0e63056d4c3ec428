// SPDX-License-Identifier: MIT
/*
 * tests/guests/exc_entry.c - exception entry for every synchronous
 * exception an EL0/EL1 guest can raise without EL2 (cortex-a57):
 *
 *  - SVC from EL0, from EL1 with SP_EL1 (EL1h) and with SP_EL0 (EL1t):
 *    ESR, ELR = next instruction, SPSR (with NZCV), vector offset 0x400 /
 *    0x200 / 0x000; PSTATE in the handler: DAIF all set, EL1, SPSel = 1;
 *    a nested exception in the handler saves SPSR = EL1h, DAIF set, SS = 0.
 *  - BRK at EL1 and EL0: EC 0x3c, ISS = imm16, ELR = the BRK.
 *  - UNDEFINED (EC 0, IL = 1, ELR = the instruction): UDF at EL0 and EL1,
 *    EL0 MRS/MSR MDSCR_EL1 (destination register unchanged), DBGBCR6_EL1
 *    and DBGWVR4_EL1 (not implemented on Cortex-A57), HVC without EL2,
 *    SMC without EL3 (from EL1 and EL0), LDADD without FEAT_LSE.
 *
 * Expected values: digest sections 5 and 7; ESR = EC << 26 | IL << 25 | ISS.
 */
#include "guest.h"

extern char p_el0_svc[], p_el1h_svc[], p_el1t_svc[], p_el1_brk[], p_el0_brk[];
extern char p_el0_udf[], p_el1_udf[], p_el0_mdscr[], p_el1_unimpl[];
extern char p_el1_hvc_smc[], p_el0_hvc_smc[], p_el1_ldadd[];

#define SPSR_EL1H_MASKED (PSR_DAIF | PSR_MODE_EL1h)   /* 0x3c5 */
#define SPSR_EL1T_MASKED (PSR_DAIF | PSR_MODE_EL1t)   /* 0x3c4 */
#define ESR_UNDEF 0x02000000ull

static struct frame log[4];
static unsigned nlog;
static uint64_t h_daif, h_el, h_spsel, nested_spsr;
static bool want_nested;

static bool handler(struct frame *f)
{
	unsigned ec = frame_ec(f);

	/* The nested BRK #5 raised by this handler itself. */
	if (ec == EC_BRK64 && (f->esr & 0xffff) == 5) {
		nested_spsr = f->spsr;
		f->elr += 4;
		return true;
	}
	if (nlog < 4)
		log[nlog] = *f;
	nlog++;
	if (ec == EC_SVC64 && want_nested) {
		h_daif = read_sysreg(daif);
		h_el = read_sysreg(CurrentEL);
		h_spsel = read_sysreg(spsel);
		__asm__ volatile("brk #5" ::: "memory");
	}
	if (ec == EC_BRK64 || ec == EC_UNKNOWN)
		f->elr += 4;    /* skip the BRK / UNDEFINED instruction */
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
	uint64_t r;

	exc_handler = handler;

	section("SVC from EL0");
	want_nested = true;
	run(p_el0_svc, PSR_MODE_EL0t);
	want_nested = false;
	expect("exceptions", nlog, 1);
	expect_frame(&log[0], VEC_LOWER64, 0x56000012, 0x4008200c, 0x0);
	expect("spsr.nzcv", log[0].spsr >> 28, 0x6);
	expect("handler daif", h_daif, PSR_DAIF);
	expect("handler CurrentEL", h_el, 1 << 2);
	expect("handler spsel", h_spsel, 1);
	expect("nested spsr", nested_spsr & ~PSR_NZCV, SPSR_EL1H_MASKED);

	section("SVC from EL1h");
	run(p_el1h_svc, SPSR_EL1H_MASKED);
	expect("exceptions", nlog, 1);
	expect_frame(&log[0], VEC_CUR_SPX, 0x56000034, 0x40082044, SPSR_EL1H_MASKED);

	section("SVC from EL1t");
	run(p_el1t_svc, SPSR_EL1T_MASKED);
	expect("exceptions", nlog, 1);
	expect_frame(&log[0], VEC_CUR_SP0, 0x56000056, 0x40082084, SPSR_EL1T_MASKED);

	section("BRK at EL1");
	run(p_el1_brk, SPSR_EL1H_MASKED);
	expect("exceptions", nlog, 1);
	expect_frame(&log[0], VEC_CUR_SPX, 0xf2000077, 0x400820c0, SPSR_EL1H_MASKED);

	section("BRK at EL0");
	run(p_el0_brk, PSR_MODE_EL0t);
	expect("exceptions", nlog, 1);
	expect_frame(&log[0], VEC_LOWER64, 0xf2000099, 0x40082100, PSR_MODE_EL0t);

	section("UDF at EL0");
	run(p_el0_udf, PSR_MODE_EL0t);
	expect("exceptions", nlog, 1);
	expect_frame(&log[0], VEC_LOWER64, ESR_UNDEF, 0x40082140, PSR_MODE_EL0t);

	section("UDF at EL1");
	run(p_el1_udf, SPSR_EL1H_MASKED);
	expect("exceptions", nlog, 1);
	expect_frame(&log[0], VEC_CUR_SPX, ESR_UNDEF, 0x40082180, SPSR_EL1H_MASKED);

	section("MDSCR_EL1 from EL0");
	r = run(p_el0_mdscr, PSR_MODE_EL0t);
	expect("exceptions", nlog, 2);
	expect_frame(&log[0], VEC_LOWER64, ESR_UNDEF, 0x400821c4, PSR_MODE_EL0t);
	expect_frame(&log[1], VEC_LOWER64, ESR_UNDEF, 0x400821c8, PSR_MODE_EL0t);
	expect("x3 after mrs", r, 0x5a);

	section("DBGBCR6_EL1, DBGWVR4_EL1 at EL1 (not implemented)");
	r = run(p_el1_unimpl, SPSR_EL1H_MASKED);
	expect("exceptions", nlog, 3);
	expect_frame(&log[0], VEC_CUR_SPX, ESR_UNDEF, 0x40082204, SPSR_EL1H_MASKED);
	expect_frame(&log[1], VEC_CUR_SPX, ESR_UNDEF, 0x40082208, SPSR_EL1H_MASKED);
	expect_frame(&log[2], VEC_CUR_SPX, ESR_UNDEF, 0x4008220c, SPSR_EL1H_MASKED);
	expect("x3 after mrs", r, 0x5a);

	section("HVC and SMC at EL1 (no EL2, no EL3)");
	run(p_el1_hvc_smc, SPSR_EL1H_MASKED);
	expect("exceptions", nlog, 2);
	expect_frame(&log[0], VEC_CUR_SPX, ESR_UNDEF, 0x40082240, SPSR_EL1H_MASKED);
	expect_frame(&log[1], VEC_CUR_SPX, ESR_UNDEF, 0x40082244, SPSR_EL1H_MASKED);

	section("HVC and SMC at EL0");
	run(p_el0_hvc_smc, PSR_MODE_EL0t);
	expect("exceptions", nlog, 2);
	expect_frame(&log[0], VEC_LOWER64, ESR_UNDEF, 0x40082280, PSR_MODE_EL0t);
	expect_frame(&log[1], VEC_LOWER64, ESR_UNDEF, 0x40082284, PSR_MODE_EL0t);

	section("LDADD without FEAT_LSE");
	expect("ID_AA64ISAR0_EL1.Atomic", read_sysreg(id_aa64isar0_el1) >> 20 & 0xf, 0);
	r = run(p_el1_ldadd, SPSR_EL1H_MASKED);
	expect("exceptions", nlog, 1);
	expect_frame(&log[0], VEC_CUR_SPX, ESR_UNDEF, 0x400822cc, SPSR_EL1H_MASKED);
	expect("x2 after ldadd", r, 0x5a);

	done();
}
