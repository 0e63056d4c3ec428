// SPDX-License-Identifier: MIT
/*
 * tests/guests/wp_normal.c - watchpoints on accesses that need Normal
 * memory (the MMU on, identity map), at EL1 with KDE = 1 and D = 0
 * (EC 0x35):
 *
 *  - LDXR on a load watchpoint (x1 unchanged); STXR on a store watchpoint
 *    with an open monitor (status register and memory unchanged);
 *  - unaligned accesses match only the bytes they touch: with BAS = 0x0f
 *    on the doubleword at 0x400a0208, an 8-byte load at 0x400a0204 fires,
 *    one at 0x400a020c does not; an unaligned 8-byte store at 0x400a0204
 *    (the watched bytes not stored at the exception) and a 4-byte load at
 *    0x400a020a fire; FAR in [lowest byte accessed, watched byte];
 *  - DC ZVA is a store of its whole block (DCZID_EL0 = 64 bytes): a byte
 *    watched anywhere in the block fires for DC ZVA on the block start or
 *    inside it (WnR = 1, CM = 0, FAR within the block, memory not zeroed
 *    at the exception); DC ZVA of another block does not.
 *
 * Expected values: digest sections 2.3, 2.4, 5.
 */
#include "guest.h"

extern char p_zva[], p_zva_mid[], p_zva_other[], p_ldxr[], p_stxr[];
extern char p_unal_ld8[], p_unal_ld8_hi[], p_unal_st8[], p_unal_ld4[];
extern uint64_t blk0[8], blk1[8], exw, unal[3];

#define EL1H_D0 (PSR_A | PSR_I | PSR_F | PSR_MODE_EL1h)   /* 0x1c5 */
#define ESR_WP_R  0xd6000022ull   /* EC 0x35, IL, DFSC 0x22 */
#define ESR_WP_W  0xd6000062ull   /* ... WnR */
#define FILL 0xfefefefefefefefeull

static unsigned nlog;
static struct frame fr;
static uint64_t mem0_at_exc, mem1_at_exc;
static volatile uint64_t *mem0, *mem1;   /* read at the exception */

static bool handler(struct frame *f)
{
	if (frame_ec(f) != EC_WP_CUR)
		return false;
	if (!nlog++) {
		fr = *f;
		mem0_at_exc = mem0 ? *mem0 : 0;
		mem1_at_exc = mem1 ? *mem1 : 0;
	}
	clear_wp(0);
	return true;
}

static void init_data(void)
{
	for (unsigned i = 0; i < 8; i++) {
		blk0[i] = FILL;
		blk1[i] = FILL;
	}
	exw = 0xe1e1;
	unal[0] = 0x0706050403020100;
	unal[1] = 0x0f0e0d0c0b0a0908;
	unal[2] = 0x1716151413121110;
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
	uint64_t r;

	exc_handler = handler;
	debug_reset();
	mmu_on();
	set_mdscr(MDSCR_MDE | MDSCR_KDE);
	expect("SCTLR_EL1.M", read_sysreg(sctlr_el1) & 1, 1);
	expect("DCZID_EL0", read_sysreg(dczid_el0), 0x4);

	r = run_case("LDXR, load watchpoint", p_ldxr, &exw, 0x01, LSC_LOAD);
	expect_hit(ESR_WP_R, 0x400820c8);
	expect("far", fr.far, 0x400a0100);
	expect("x1 at exception", fr.x[1], 0x5a);
	expect("x1 after", r, 0xe1e1);

	mem0 = &exw;
	run_case("STXR, store watchpoint", p_stxr, &exw, 0x01, LSC_STORE);
	expect_hit(ESR_WP_W, 0x40082110);
	expect("far", fr.far, 0x400a0100);
	expect("x4 (status) at exception", fr.x[4], 0x99);
	expect("memory at exception", mem0_at_exc, 0xe1e1);

	r = run_case("unaligned 8-byte load at 0x400a0204, BAS=0x0f at 0x400a0208",
		     p_unal_ld8, &unal[1], 0x0f, LSC_LOAD);
	expect_hit(ESR_WP_R, 0x40082148);
	expect_range("far", fr.far, 0x400a0204, 0x400a0208);
	expect("x1 at exception", fr.x[1], 0x5a);
	expect("x1 after", r, 0x0b0a090807060504);

	r = run_case("unaligned 8-byte load at 0x400a020c: no match",
		     p_unal_ld8_hi, &unal[1], 0x0f, LSC_LOAD);
	expect("exceptions", nlog, 0);
	expect("x1 after", r, 0x131211100f0e0d0c);

	mem1 = &unal[1];
	run_case("unaligned 8-byte store at 0x400a0204", p_unal_st8, &unal[1],
		 0x0f, LSC_STORE);
	expect_hit(ESR_WP_W, 0x400821c8);
	expect_range("far", fr.far, 0x400a0204, 0x400a0208);
	expect("memory at exception (0x400a0208)", mem1_at_exc, 0x0f0e0d0c0b0a0908);
	expect("memory after (0x400a0200)", unal[0], 0x5566778803020100);
	expect("memory after (0x400a0208)", unal[1], 0x0f0e0d0c11223344);

	r = run_case("unaligned 4-byte load at 0x400a020a", p_unal_ld4, &unal[1],
		     0x0f, LSC_LOAD);
	expect_hit(ESR_WP_R, 0x40082208);
	expect_range("far", fr.far, 0x400a020a, 0x400a020b);
	expect("x1 at exception", fr.x[1], 0x5a);
	expect("x1 after", r, 0x0d0c0b0a);

	mem0 = &blk0[0];
	mem1 = &blk0[4];
	run_case("DC ZVA on the block start, byte 0x400a0067 watched", p_zva,
		 &blk0[4], 0x80, LSC_STORE);
	expect_hit(ESR_WP_W, 0x40082004);
	expect_range("far", fr.far, 0x400a0040, 0x400a007f);
	expect("memory at exception (0x400a0040)", mem0_at_exc, FILL);
	expect("memory at exception (0x400a0060)", mem1_at_exc, FILL);
	expect("memory after (0x400a0040)", blk0[0], 0);
	expect("memory after (0x400a0078)", blk0[7], 0);

	run_case("DC ZVA inside the block (0x400a0050)", p_zva_mid,
		 &blk0[4], 0x80, LSC_STORE);
	expect_hit(ESR_WP_W, 0x40082044);
	expect_range("far", fr.far, 0x400a0040, 0x400a007f);
	expect("memory after (0x400a0040)", blk0[0], 0);

	run_case("DC ZVA of the next block: no match", p_zva_other,
		 &blk0[4], 0x80, LSC_STORE);
	expect("exceptions", nlog, 0);
	expect("memory after (0x400a0080)", blk1[0], 0);
	expect("memory after (0x400a0060)", blk0[4], FILL);

	set_mdscr(0);
	mmu_off();
	done();
}
