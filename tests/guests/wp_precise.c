// SPDX-License-Identifier: MIT
/*
 * tests/guests/wp_precise.c - watchpoints are precise (MMU off, aligned
 * 8-byte accesses, BAS = 0x01 so that FAR is exactly the access address):
 *
 *  - `str x1, [x2, #8]!` hitting a store watchpoint (EL1 with KDE = 1,
 *    D = 0: EC 0x35; and EL0: EC 0x34): at the exception memory still
 *    holds the old value and x2 is not written back; the handler disables
 *    the watchpoint and returns, then the store and the writeback happen;
 *  - `ldr x1, [x2], #8` hitting a load watchpoint: x1 and x2 unchanged at
 *    the exception, loaded and written back after;
 *  - WnR per access: a store hit then a load hit (two LSC = load+store
 *    watchpoints) report WnR = 1 then 0;
 *  - LDTR/STTR at EL1 are checked as EL0 accesses: a PAC = EL0 watchpoint
 *    fires on STTR/LDTR (KDE = 1, D = 0), not on a plain STR, and not when
 *    KDE = 0; a PAC = EL1 watchpoint does not fire on STTR.
 *
 * Expected values: digest sections 2.3, 2.4, 2.5, 4.2, 5.
 * Data: buf = 0x400a0000, buf[i] at 0x400a0000 + 8 * i.
 */
#include "guest.h"

extern char p_str_pre[], p_ldr_post[], p_wnr[], p_sttr[], p_str_plain[];
extern char p_ldtr[], p_wnr_same[];
extern uint64_t buf[5], results[2];

#define EL1H_D0 (PSR_A | PSR_I | PSR_F | PSR_MODE_EL1h)   /* 0x1c5 */
#define ESR_WP_LOWER_W 0xd2000062ull   /* EC 0x34, IL, WnR, DFSC 0x22 */
#define ESR_WP_CUR_R   0xd6000022ull   /* EC 0x35, IL, DFSC 0x22 */
#define ESR_WP_CUR_W   0xd6000062ull   /* EC 0x35, IL, WnR, DFSC 0x22 */

static struct frame log[3];
static unsigned nlog;
static uint64_t mem_at_exc[3];
static bool skip;   /* emulate: skip the access, keep the watchpoint */
static uint64_t wvr[4];
static volatile uint64_t *watch;   /* the location read at the exception */

static bool handler(struct frame *f)
{
	unsigned ec = frame_ec(f);

	if (ec != EC_WP_LOWER && ec != EC_WP_CUR)
		return false;
	if (nlog < 3) {
		log[nlog] = *f;
		mem_at_exc[nlog] = watch ? *watch : 0;
	}
	nlog++;
	if (skip) {
		f->elr += 4;
		return true;
	}
	/* Disable the watchpoint that covers FAR; return to the access. */
	for (unsigned n = 0; n < 4; n++) {
		if (wvr[n] == (f->far & ~7ull)) {
			clear_wp(n);
			wvr[n] = 0;
		}
	}
	return true;
}

static void arm_wp(unsigned n, void *addr, uint64_t lsc, uint64_t pac)
{
	wvr[n] = (uint64_t)addr;
	set_wp(n, (uint64_t)addr, WCR_E | WCR_BAS(0x01) | WCR_LSC(lsc) |
	       WCR_PAC(pac));
}

static void begin(const char *title, uint64_t mdscr)
{
	section(title);
	for (unsigned i = 0; i < 5; i++)
		buf[i] = 0x1111 * (i + 1);
	nlog = 0;
	memset(log, 0, sizeof(log));
	memset(mem_at_exc, 0, sizeof(mem_at_exc));
	watch = NULL;
	set_mdscr(mdscr);
}

static uint64_t run(void *pc, uint64_t spsr)
{
	uint64_t r = run_at((uint64_t)pc, spsr, (uint64_t)stack_el0_top);

	for (unsigned n = 0; n < 4; n++) {
		clear_wp(n);
		wvr[n] = 0;
	}
	set_mdscr(0);
	return r;
}

static void expect_wp(const struct frame *f, uint64_t vec, uint64_t esr,
		      uint64_t elr, uint64_t spsr, uint64_t far)
{
	expect_frame(f, vec, esr, elr, spsr);
	expect("far", f->far, far);
}

int main(void)
{
	const uint64_t kde = MDSCR_MDE | MDSCR_KDE;
	uint64_t r;

	exc_handler = handler;
	debug_reset();

	begin("EL1 str x1, [x2, #8]! on a store watchpoint", kde);
	watch = &buf[1];
	arm_wp(0, &buf[1], LSC_STORE, PRIV_EL1);
	r = run(p_str_pre, EL1H_D0);
	expect("exceptions", nlog, 1);
	expect_wp(&log[0], VEC_CUR_SPX, ESR_WP_CUR_W, 0x40082008, EL1H_D0, 0x400a0008);
	expect("x1 at exception", log[0].x[1], 0xaaaa);
	expect("x2 at exception", log[0].x[2], 0x400a0000);
	expect("memory at exception", mem_at_exc[0], 0x2222);
	expect("x2 after", r, 0x400a0008);
	expect("memory after", buf[1], 0xaaaa);

	begin("EL0 str x1, [x2, #8]! on a store watchpoint", MDSCR_MDE);
	watch = &buf[1];
	arm_wp(0, &buf[1], LSC_STORE, PRIV_EL0);
	r = run(p_str_pre, PSR_MODE_EL0t);
	expect("exceptions", nlog, 1);
	expect_wp(&log[0], VEC_LOWER64, ESR_WP_LOWER_W, 0x40082008, PSR_MODE_EL0t,
		  0x400a0008);
	expect("x1 at exception", log[0].x[1], 0xaaaa);
	expect("x2 at exception", log[0].x[2], 0x400a0000);
	expect("memory at exception", mem_at_exc[0], 0x2222);
	expect("x2 after", r, 0x400a0008);
	expect("memory after", buf[1], 0xaaaa);

	begin("EL1 ldr x1, [x2], #8 on a load watchpoint", kde);
	watch = &buf[0];
	arm_wp(0, &buf[0], LSC_LOAD, PRIV_EL1);
	run(p_ldr_post, EL1H_D0);
	expect("exceptions", nlog, 1);
	expect_wp(&log[0], VEC_CUR_SPX, ESR_WP_CUR_R, 0x40082048, EL1H_D0, 0x400a0000);
	expect("x1 at exception", log[0].x[1], 0x5555);
	expect("x2 at exception", log[0].x[2], 0x400a0000);
	expect("x1 after", results[0], 0x1111);
	expect("x2 after", results[1], 0x400a0008);

	begin("WnR per access: store hit, then load hit", kde);
	arm_wp(0, &buf[2], LSC_BOTH, PRIV_EL1);
	arm_wp(1, &buf[3], LSC_BOTH, PRIV_EL1);
	r = run(p_wnr, EL1H_D0);
	expect("exceptions", nlog, 2);
	expect_wp(&log[0], VEC_CUR_SPX, ESR_WP_CUR_W, 0x40082088, EL1H_D0, 0x400a0010);
	expect_wp(&log[1], VEC_CUR_SPX, ESR_WP_CUR_R, 0x4008208c, EL1H_D0, 0x400a0018);
	expect("x3 after", r, 0x4444);
	expect("stored", buf[2], 0xbbbb);

	begin("WnR per access, one watchpoint: store, load, store (skipped)", kde);
	skip = true;
	arm_wp(0, &buf[2], LSC_BOTH, PRIV_EL1);
	r = run(p_wnr_same, EL1H_D0);
	skip = false;
	expect("exceptions", nlog, 3);
	expect_wp(&log[0], VEC_CUR_SPX, ESR_WP_CUR_W, 0x4008218c, EL1H_D0, 0x400a0010);
	expect_wp(&log[1], VEC_CUR_SPX, ESR_WP_CUR_R, 0x40082190, EL1H_D0, 0x400a0010);
	expect_wp(&log[2], VEC_CUR_SPX, ESR_WP_CUR_W, 0x40082194, EL1H_D0, 0x400a0010);
	expect("x3 after (load skipped)", r, 0x99);
	expect("memory after (stores skipped)", buf[2], 0x3333);

	begin("STTR at EL1, PAC=EL0, KDE=1, D=0", kde);
	watch = &buf[4];
	arm_wp(0, &buf[4], LSC_STORE, PRIV_EL0);
	run(p_sttr, EL1H_D0);
	expect("exceptions", nlog, 1);
	expect_wp(&log[0], VEC_CUR_SPX, ESR_WP_CUR_W, 0x400820c8, EL1H_D0, 0x400a0020);
	expect("memory at exception", mem_at_exc[0], 0x5555);
	expect("memory after", buf[4], 0xcccc);

	begin("STR at EL1, PAC=EL0: no match", kde);
	arm_wp(0, &buf[4], LSC_STORE, PRIV_EL0);
	run(p_str_plain, EL1H_D0);
	expect("exceptions", nlog, 0);
	expect("memory after", buf[4], 0xcccc);

	begin("STTR at EL1, PAC=EL0, KDE=0: not taken", MDSCR_MDE);
	arm_wp(0, &buf[4], LSC_STORE, PRIV_EL0);
	run(p_sttr, EL1H_D0);
	expect("exceptions", nlog, 0);
	expect("memory after", buf[4], 0xcccc);

	begin("LDTR at EL1, PAC=EL0, KDE=1, D=0", kde);
	arm_wp(0, &buf[4], LSC_LOAD, PRIV_EL0);
	r = run(p_ldtr, EL1H_D0);
	expect("exceptions", nlog, 1);
	expect_wp(&log[0], VEC_CUR_SPX, ESR_WP_CUR_R, 0x40082148, EL1H_D0, 0x400a0020);
	expect("x3 at exception", log[0].x[3], 0x77);
	expect("x3 after", r, 0x5555);

	begin("STTR at EL1, PAC=EL1: no match", kde);
	arm_wp(0, &buf[4], LSC_STORE, PRIV_EL1);
	run(p_sttr, EL1H_D0);
	expect("exceptions", nlog, 0);
	expect("memory after", buf[4], 0xcccc);

	done();
}
