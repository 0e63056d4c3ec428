// SPDX-License-Identifier: MIT
/*
 * tests/guests/wp_uao.c - LDTR/STTR at EL1 and PSTATE.UAO (FEAT_UAO:
 * armdbg run --cpu v9-max, qemu -cpu max), MMU off, KDE = 1, D = 0:
 *
 *  - UAO = 0: STTR is an unprivileged access, checked as EL0: a PAC = EL0
 *    watchpoint fires, a PAC = EL1 one does not;
 *  - UAO = 1 (from SPSR on ERET, or `msr uao, #1`): LDTR/STTR behave as
 *    ordinary EL1 accesses: PAC = EL1 fires, PAC = EL0 does not; SPSR.UAO
 *    is saved by the exception.
 * ISS[23:15] (FEAT_Debugv8p2/v8p9 additions) are masked.
 *
 * Expected values: digest sections 2.5, 5.
 */
#include "guest.h"

extern char p_sttr[], p_ldtr[], p_msr_uao[];
extern uint64_t buf;

#define EL1H_D0 (PSR_A | PSR_I | PSR_F | PSR_MODE_EL1h)   /* 0x1c5 */
#define ESR_V8P9_MASK 0x00ff8000ull

static unsigned nlog;
static struct frame fr;

static bool handler(struct frame *f)
{
	if (frame_ec(f) != EC_WP_CUR)
		return false;
	if (!nlog++)
		fr = *f;
	clear_wp(0);
	return true;
}

static uint64_t run_case(const char *title, void *code, uint64_t spsr,
			 unsigned lsc, unsigned pac)
{
	uint64_t r;

	section(title);
	buf = 0x77;
	nlog = 0;
	memset(&fr, 0, sizeof(fr));
	set_wp(0, (uint64_t)&buf, WCR_E | WCR_BAS(0x01) | WCR_LSC(lsc) |
	       WCR_PAC(pac));
	r = run_at((uint64_t)code, spsr, (uint64_t)stack_el0_top);
	clear_wp(0);
	return r;
}

static void expect_hit(uint64_t esr, uint64_t elr, uint64_t spsr)
{
	expect("exceptions", nlog, 1);
	expect("vector", fr.vec, VEC_CUR_SPX);
	expect("esr (ISS[23:15] masked)", fr.esr & ~ESR_V8P9_MASK, esr);
	expect("elr", fr.elr, elr);
	expect("spsr", fr.spsr & ~PSR_NZCV, spsr);
	expect("far", fr.far, 0x400a0000);
}

int main(void)
{
	uint64_t r;

	exc_handler = handler;
	debug_reset();
	expect("ID_AA64MMFR2_EL1.UAO", read_sysreg(id_aa64mmfr2_el1) >> 4 & 0xf, 1);
	set_mdscr(MDSCR_MDE | MDSCR_KDE);

	run_case("UAO=0: STTR, PAC=EL0", p_sttr, EL1H_D0, LSC_STORE, PRIV_EL0);
	expect_hit(0xd6000062, 0x40082008, EL1H_D0);
	expect("memory after", buf, 0x42);

	run_case("UAO=0: STTR, PAC=EL1: no match", p_sttr, EL1H_D0, LSC_STORE,
		 PRIV_EL1);
	expect("exceptions", nlog, 0);

	run_case("UAO=1: STTR, PAC=EL0: no match", p_sttr, EL1H_D0 | PSR_UAO,
		 LSC_STORE, PRIV_EL0);
	expect("exceptions", nlog, 0);
	expect("memory after", buf, 0x42);

	run_case("UAO=1: STTR, PAC=EL1", p_sttr, EL1H_D0 | PSR_UAO, LSC_STORE,
		 PRIV_EL1);
	expect_hit(0xd6000062, 0x40082008, EL1H_D0 | PSR_UAO);

	r = run_case("UAO=1: LDTR, PAC=EL1", p_ldtr, EL1H_D0 | PSR_UAO, LSC_LOAD,
		     PRIV_EL1);
	expect_hit(0xd6000022, 0x40082048, EL1H_D0 | PSR_UAO);
	expect("x1 at exception", fr.x[1], 0x5a);
	expect("x1 after", r, 0x77);

	r = run_case("msr uao, #1; STTR, PAC=EL1", p_msr_uao, EL1H_D0, LSC_STORE,
		     PRIV_EL1);
	expect_hit(0xd6000062, 0x4008208c, EL1H_D0 | PSR_UAO);
	expect("mrs uao", r, PSR_UAO);

	set_mdscr(0);
	done();
}
