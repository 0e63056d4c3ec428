// SPDX-License-Identifier: MIT
/*
 * tests/guests/wp_access.c - which accesses a watchpoint sees (MMU off,
 * aligned accesses), at EL1 with KDE = 1 and D = 0 (EC 0x35):
 *
 *  - DC IVAC (permitted at EL1) fires a store watchpoint with CM = 1,
 *    WnR = 1; not a load-only watchpoint; DC CVAC/CIVAC/CVAU never fire;
 *  - LDP whose second doubleword is watched (x1, x3 unchanged);
 *  - LDR Q0 with its upper doubleword watched (V0 unchanged);
 *  - STR Q0 with its lower doubleword watched (neither half stored at the
 *    exception) and with its upper doubleword watched (the watched half
 *    not stored; the lower half is not checked: the pseudocode performs a
 *    128-bit SIMD store as two 64-bit accesses, so it may have landed);
 *  - FAR lies in [lowest byte accessed, highest watched byte accessed]
 *    (DC IVAC: within the invalidated block, at most 2 KiB).
 * The MMU-dependent cases (DC ZVA, exclusives, unaligned) are in
 * wp_normal.c.
 *
 * Expected values: digest sections 2.3, 2.4, 5.
 */
#include "guest.h"

extern char p_ivac[], p_clean[], p_ldp[], p_ldrq[], p_strq[];
extern uint64_t line[8], pair[2], qpat[2], qsrc[2], qdst[2], results[2];

#define EL1H_D0 (PSR_A | PSR_I | PSR_F | PSR_MODE_EL1h)   /* 0x1c5 */
#define ESR_WP_R  0xd6000022ull   /* EC 0x35, IL, DFSC 0x22 */
#define ESR_WP_W  0xd6000062ull   /* ... WnR */
#define ESR_WP_CM 0xd6000162ull   /* ... CM, WnR */
#define FILL 0xfefefefefefefefeull

static unsigned nlog;
static struct frame fr;
static uint64_t mem0_at_exc, mem1_at_exc, v0lo_at_exc, v0hi_at_exc;
static volatile uint64_t *mem0, *mem1;   /* read at the exception */

static bool handler(struct frame *f)
{
	if (frame_ec(f) != EC_WP_CUR)
		return false;
	if (!nlog++) {
		fr = *f;
		mem0_at_exc = mem0 ? *mem0 : 0;
		mem1_at_exc = mem1 ? *mem1 : 0;
		v0lo_at_exc = read_v0_lo();
		v0hi_at_exc = read_v0_hi();
	}
	clear_wp(0);
	return true;
}

static void init_data(void)
{
	for (unsigned i = 0; i < 8; i++)
		line[i] = FILL;
	pair[0] = 0x1010;
	pair[1] = 0x2020;
	qpat[0] = 0xaaaaaaaaaaaaaaaa;
	qpat[1] = 0xbbbbbbbbbbbbbbbb;
	qsrc[0] = 0x3030;
	qsrc[1] = 0x4040;
	qdst[0] = 0x5050;
	qdst[1] = 0x6060;
	results[0] = results[1] = 0;
}

/* Arm wp0 on the doubleword at @addr and run @code at EL1h, D = 0. */
static uint64_t run_case(const char *title, void *code, void *addr,
			 unsigned bas, unsigned lsc)
{
	uint64_t r;

	section(title);
	init_data();
	nlog = 0;
	memset(&fr, 0, sizeof(fr));
	set_wp(0, (uint64_t)addr, WCR_E | WCR_BAS(bas) | WCR_LSC(lsc) |
	       WCR_PAC(PRIV_EL1));
	r = run_at((uint64_t)code, EL1H_D0, (uint64_t)stack_el0_top);
	clear_wp(0);
	mem0 = mem1 = NULL;
	return r;
}

static void expect_hit(uint64_t esr, uint64_t elr)
{
	expect("exceptions", nlog, 1);
	expect_frame(&fr, VEC_CUR_SPX, esr, elr, EL1H_D0);
}

int main(void)
{
	exc_handler = handler;
	debug_reset();
	set_mdscr(MDSCR_MDE | MDSCR_KDE);

	run_case("DC IVAC, store watchpoint", p_ivac, &line[0], 0xff, LSC_STORE);
	expect_hit(ESR_WP_CM, 0x40082004);
	expect_range("far", fr.far, 0x400a0000, 0x400a07ff);

	run_case("DC IVAC, load watchpoint: no match", p_ivac, &line[0], 0xff,
		 LSC_LOAD);
	expect("exceptions", nlog, 0);

	run_case("DC CVAC, CIVAC, CVAU: never watched", p_clean, &line[0], 0xff,
		 LSC_BOTH);
	expect("exceptions", nlog, 0);

	run_case("LDP, second doubleword watched", p_ldp, &pair[1], 0xff, LSC_LOAD);
	expect_hit(ESR_WP_R, 0x4008208c);
	expect_range("far", fr.far, 0x400a0140, 0x400a014f);
	expect("x1 at exception", fr.x[1], 0x11);
	expect("x3 at exception", fr.x[3], 0x33);
	expect("x1 after", results[0], 0x1010);
	expect("x3 after", results[1], 0x2020);

	run_case("LDR Q0, upper doubleword watched", p_ldrq, &qsrc[1], 0x01,
		 LSC_LOAD);
	expect_hit(ESR_WP_R, 0x400820cc);
	expect_range("far", fr.far, 0x400a0180, 0x400a0188);
	expect("v0.d[0] at exception", v0lo_at_exc, 0xaaaaaaaaaaaaaaaa);
	expect("v0.d[1] at exception", v0hi_at_exc, 0xbbbbbbbbbbbbbbbb);
	expect("v0.d[0] after", results[0], 0x3030);
	expect("v0.d[1] after", results[1], 0x4040);

	mem0 = &qdst[0];
	mem1 = &qdst[1];
	run_case("STR Q0, lower doubleword watched", p_strq, &qdst[0], 0x01,
		 LSC_STORE);
	expect_hit(ESR_WP_W, 0x4008210c);
	expect("far", fr.far, 0x400a01a0);
	expect("memory at exception (0x400a01a0)", mem0_at_exc, 0x5050);
	expect("memory at exception (0x400a01a8)", mem1_at_exc, 0x6060);
	expect("memory after (0x400a01a0)", qdst[0], 0xaaaaaaaaaaaaaaaa);
	expect("memory after (0x400a01a8)", qdst[1], 0xbbbbbbbbbbbbbbbb);

	mem1 = &qdst[1];
	run_case("STR Q0, upper doubleword watched", p_strq, &qdst[1], 0x01,
		 LSC_STORE);
	expect_hit(ESR_WP_W, 0x4008210c);
	expect_range("far", fr.far, 0x400a01a0, 0x400a01a8);
	expect("memory at exception (0x400a01a8)", mem1_at_exc, 0x6060);
	expect("memory after (0x400a01a0)", qdst[0], 0xaaaaaaaaaaaaaaaa);
	expect("memory after (0x400a01a8)", qdst[1], 0xbbbbbbbbbbbbbbbb);

	set_mdscr(0);
	done();
}
