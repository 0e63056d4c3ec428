// SPDX-License-Identifier: MIT
/*
 * tests/emu/test_timer.c - the generic timers (emu/timer.c).
 *
 * Expected values from the Arm ARM (DDI0487) D11.2: the timer condition
 * is met when the count minus CVAL is >= 0 (ISTATUS, with ENABLE), the
 * interrupt is asserted while ISTATUS = 1 and IMASK = 0; TVAL reads
 * (CVAL - count)[31:0] and a TVAL write sets CVAL = count +
 * SignExtend(TVAL[31:0]); CNTVCT = CNTPCT - CNTVOFF_EL2.  Encodings from
 * the register pages (CNTV_CTL_EL0 = 3,3,14,3,1 ...).
 */
#include <check.h>
#include <stdint.h>

#include "emu_tests.h"
#include "timer.h"

START_TEST(decode)
{
	struct timer_reg r = timer_decode(3, 3, 14, 3, 1);

	ck_assert_int_eq(r.kind, TR_CTL);
	ck_assert_int_eq(r.t, TIMER_VIRT);
	ck_assert_str_eq(r.name, "CNTV_CTL_EL0");
	ck_assert_uint_eq(r.min_el, 0);
	r = timer_decode(3, 3, 14, 2, 0);
	ck_assert_int_eq(r.kind, TR_TVAL);
	ck_assert_int_eq(r.t, TIMER_PHYS);
	r = timer_decode(3, 4, 14, 2, 2);
	ck_assert_int_eq(r.kind, TR_CVAL);
	ck_assert_int_eq(r.t, TIMER_HYP);
	ck_assert_uint_eq(r.min_el, 2);
	r = timer_decode(3, 4, 14, 0, 3);
	ck_assert_int_eq(r.kind, TR_CNTVOFF);
	r = timer_decode(3, 0, 14, 1, 0);
	ck_assert_int_eq(r.kind, TR_CNTKCTL);
	ck_assert_uint_eq(r.min_el, 1);
	/* CNTVCT_EL0 (3,3,14,0,2) and CNTFRQ_EL0 are counters, not timers. */
	ck_assert_int_eq(timer_decode(3, 3, 14, 0, 2).kind, TR_NONE);
	ck_assert_int_eq(timer_decode(3, 3, 14, 0, 0).kind, TR_NONE);
	ck_assert_int_eq(timer_decode(3, 3, 14, 3, 3).kind, TR_NONE);
}
END_TEST

START_TEST(condition)
{
	struct timers tm;
	struct timer_reg ctl = timer_decode(3, 3, 14, 2, 1);
	struct timer_reg cval = timer_decode(3, 3, 14, 2, 2);

	timer_reset(&tm);
	timer_write(&tm, cval, 0, 100);
	ck_assert(!timer_istatus(&tm, TIMER_PHYS, 200)); /* not enabled */
	timer_write(&tm, ctl, 0, 1);
	ck_assert(!timer_istatus(&tm, TIMER_PHYS, 99));
	ck_assert(timer_istatus(&tm, TIMER_PHYS, 100));
	ck_assert(timer_output(&tm, TIMER_PHYS, 100));
	ck_assert_uint_eq(timer_read(&tm, ctl, 99), 1);
	ck_assert_uint_eq(timer_read(&tm, ctl, 100), 5); /* ENABLE | ISTATUS */
	/* IMASK: ISTATUS still set, no interrupt. */
	timer_write(&tm, ctl, 0, 3);
	ck_assert_uint_eq(timer_read(&tm, ctl, 100), 7);
	ck_assert(!timer_output(&tm, TIMER_PHYS, 100));
	/* ISTATUS is read-only: writing it changes nothing. */
	timer_write(&tm, ctl, 0, 4);
	ck_assert_uint_eq(timer_read(&tm, ctl, 100), 0);
}
END_TEST

START_TEST(tval)
{
	struct timers tm;
	struct timer_reg tv = timer_decode(3, 3, 14, 3, 0);
	struct timer_reg cv = timer_decode(3, 3, 14, 3, 2);

	timer_reset(&tm);
	timer_write(&tm, cv, 0, 100);
	ck_assert_uint_eq(timer_read(&tm, tv, 90), 10);
	ck_assert_uint_eq(timer_read(&tm, tv, 110), 0xfffffff6); /* -10 */
	timer_write(&tm, tv, 1000, 0xffffffff);                 /* -1 */
	ck_assert_uint_eq(timer_read(&tm, cv, 0), 999);
	timer_write(&tm, tv, 1000, 5);
	ck_assert_uint_eq(timer_read(&tm, cv, 0), 1005);
	/* Only TVAL[31:0] counts. */
	timer_write(&tm, tv, 1000, 0x100000005ull);
	ck_assert_uint_eq(timer_read(&tm, cv, 0), 1005);
}
END_TEST

START_TEST(virtual_offset)
{
	struct timers tm;
	struct timer_reg off = timer_decode(3, 4, 14, 0, 3);
	struct timer_reg ctl = timer_decode(3, 3, 14, 3, 1);
	struct timer_reg cv = timer_decode(3, 3, 14, 3, 2);

	timer_reset(&tm);
	timer_write(&tm, off, 0, 50);
	ck_assert_uint_eq(timer_count(&tm, TIMER_VIRT, 150), 100);
	ck_assert_uint_eq(timer_count(&tm, TIMER_PHYS, 150), 150);
	timer_write(&tm, cv, 0, 100);
	timer_write(&tm, ctl, 0, 1);
	ck_assert(!timer_istatus(&tm, TIMER_VIRT, 149));
	ck_assert(timer_istatus(&tm, TIMER_VIRT, 150));
	/* The physical count at which the virtual one reaches CVAL. */
	ck_assert_uint_eq(timer_next_rise(&tm, TIMER_VIRT, 60), 150);
	/* At physical count 0 the virtual count is 2^64 - 50: the condition holds. */
	ck_assert(timer_istatus(&tm, TIMER_VIRT, 0));
}
END_TEST

START_TEST(next_rise)
{
	struct timers tm;
	struct timer_reg ctl = timer_decode(3, 3, 14, 2, 1);
	struct timer_reg cv = timer_decode(3, 3, 14, 2, 2);

	timer_reset(&tm);
	timer_write(&tm, cv, 0, 500);
	ck_assert_uint_eq(timer_next_rise(&tm, TIMER_PHYS, 0), UINT64_MAX); /* disabled */
	timer_write(&tm, ctl, 0, 1);
	ck_assert_uint_eq(timer_next_rise(&tm, TIMER_PHYS, 0), 500);
	ck_assert_uint_eq(timer_next_rise(&tm, TIMER_PHYS, 600), UINT64_MAX); /* asserted */
	timer_write(&tm, ctl, 0, 3);
	ck_assert_uint_eq(timer_next_rise(&tm, TIMER_PHYS, 0), UINT64_MAX); /* masked */
}
END_TEST

START_TEST(el0_access)
{
	struct timers tm;
	struct timer_reg p = timer_decode(3, 3, 14, 2, 1);
	struct timer_reg v = timer_decode(3, 3, 14, 3, 1);
	struct timer_reg k = timer_decode(3, 0, 14, 1, 0);
	struct timer_reg none = { .kind = TR_NONE };

	timer_reset(&tm);
	ck_assert(!timer_el0_allowed(&tm, p, 0));
	ck_assert(!timer_el0_allowed(&tm, v, 0));
	ck_assert(!timer_el0_allowed(&tm, none, 'v'));
	/* CNTKCTL_EL1: EL0PCTEN [0], EL0VCTEN [1], EL0VTEN [8], EL0PTEN [9]. */
	timer_write(&tm, k, 0, 1u << 9);
	ck_assert(timer_el0_allowed(&tm, p, 0));
	ck_assert(!timer_el0_allowed(&tm, v, 0));
	timer_write(&tm, k, 0, 1u << 8 | 2);
	ck_assert(timer_el0_allowed(&tm, v, 0));
	ck_assert(timer_el0_allowed(&tm, none, 'v'));
	ck_assert(!timer_el0_allowed(&tm, none, 'p'));
	/* CNTKCTL_EL1 bits above 9 are RES0. */
	timer_write(&tm, k, 0, ~0ull);
	ck_assert_uint_eq(timer_read(&tm, k, 0), 0x3ff);
}
END_TEST

Suite *timer_suite(void)
{
	Suite *s = suite_create("timer");
	TCase *tc = tcase_create("generic timer");

	tcase_add_test(tc, decode);
	tcase_add_test(tc, condition);
	tcase_add_test(tc, tval);
	tcase_add_test(tc, virtual_offset);
	tcase_add_test(tc, next_rise);
	tcase_add_test(tc, el0_access);
	suite_add_tcase(s, tc);
	return s;
}
