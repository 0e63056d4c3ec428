// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_syndrome.c - ESR_ELx encodings, against constants
 * computed by hand from digest section 5: ESR = EC[31:26] | IL[25] |
 * ISS[24:0].  Debug exceptions always have IL = 1 (0x02000000).
 */
#include "ut.h"

/* Breakpoint: EC 0x30 (0xC0000000) / 0x31 (0xC4000000), IFSC 0x22. */
START_TEST(test_esr_breakpoint)
{
	ck_assert_uint_eq(ad_esr_breakpoint(false), 0xC2000022);
	ck_assert_uint_eq(ad_esr_breakpoint(true), 0xC6000022);
}
END_TEST

/* Step: EC 0x32 (0xC8000000) / 0x33 (0xCC000000), ISV [24], EX [6]. */
START_TEST(test_esr_step_lower)
{
	ck_assert_uint_eq(ad_esr_step(false, false, false), 0xCA000022);
	ck_assert_uint_eq(ad_esr_step(false, true, false), 0xCB000022);
	ck_assert_uint_eq(ad_esr_step(false, true, true), 0xCB000062);
}
END_TEST

START_TEST(test_esr_step_same)
{
	ck_assert_uint_eq(ad_esr_step(true, false, false), 0xCE000022);
	ck_assert_uint_eq(ad_esr_step(true, true, false), 0xCF000022);
	ck_assert_uint_eq(ad_esr_step(true, true, true), 0xCF000062);
}
END_TEST

/* Watchpoint: EC 0x34 (0xD0000000) / 0x35 (0xD4000000), WnR [6], CM [8]. */
START_TEST(test_esr_watchpoint_lower)
{
	ck_assert_uint_eq(ad_esr_watchpoint(false, false, false), 0xD2000022);
	ck_assert_uint_eq(ad_esr_watchpoint(false, true, false), 0xD2000062);
	ck_assert_uint_eq(ad_esr_watchpoint(false, true, true), 0xD2000162);
}
END_TEST

START_TEST(test_esr_watchpoint_same)
{
	ck_assert_uint_eq(ad_esr_watchpoint(true, false, false), 0xD6000022);
	ck_assert_uint_eq(ad_esr_watchpoint(true, true, false), 0xD6000062);
	ck_assert_uint_eq(ad_esr_watchpoint(true, true, true), 0xD6000162);
}
END_TEST

/* BRK: EC 0x3C (0xF0000000), IL, comment = imm16. */
START_TEST(test_esr_brk)
{
	ck_assert_uint_eq(ad_esr_brk(0x3e8), 0xF20003E8);
	ck_assert_uint_eq(ad_esr_brk(0), 0xF2000000);
	ck_assert_uint_eq(ad_esr_brk(0xffff), 0xF200FFFF);
}
END_TEST

/* UNDEFINED: EC 0, IL=1. */
START_TEST(test_esr_undefined)
{
	ck_assert_uint_eq(ad_esr_undefined(), 0x02000000);
}
END_TEST

/*
 * EC 0x18 (0x60000000) | IL; ISS: Op0[21:20] Op2[19:17] Op1[16:14]
 * CRn[13:10] Rt[9:5] CRm[4:1] Dir[0] (1 = MRS).
 * mrs x3, dbgbcr2_el1 (2,0,0,2,5):
 *   0x200000 | 5<<17=0xA0000 | 3<<5=0x60 | 2<<1=0x4 | 1 = 0x2A0065
 */
START_TEST(test_esr_sysreg_mrs_dbgbcr2)
{
	ck_assert_uint_eq(ad_esr_sysreg_trap(2, 0, 0, 2, 5, 3, true), 0x622A0065);
}
END_TEST

/* msr dbgbcr2_el1, x3: Dir=0 -> 0x622A0064. */
START_TEST(test_esr_sysreg_msr_dbgbcr2)
{
	ck_assert_uint_eq(ad_esr_sysreg_trap(2, 0, 0, 2, 5, 3, false), 0x622A0064);
}
END_TEST

/* msr oslar_el1, xzr (2,0,1,0,4): 0x200000|0x80000|1<<10|31<<5 = 0x2807E0. */
START_TEST(test_esr_sysreg_msr_oslar_xzr)
{
	ck_assert_uint_eq(ad_esr_sysreg_trap(2, 0, 1, 0, 4, 31, false), 0x622807E0);
}
END_TEST

/*
 * mrs x30, mdcr_el2 (3,4,1,1,1): 3<<20=0x300000 | 1<<17=0x20000 |
 * 4<<14=0x10000 | 1<<10=0x400 | 30<<5=0x3C0 | 1<<1 | 1 = 0x3307C3.
 */
START_TEST(test_esr_sysreg_mrs_mdcr_el2)
{
	ck_assert_uint_eq(ad_esr_sysreg_trap(3, 4, 1, 1, 1, 30, true), 0x623307C3);
}
END_TEST

/* mrs x0, mdccsr_el0 (2,3,0,1,0): 0x200000 | 3<<14=0xC000 | 1<<1 | 1 = 0x20C003. */
START_TEST(test_esr_sysreg_mrs_mdccsr)
{
	ck_assert_uint_eq(ad_esr_sysreg_trap(2, 3, 0, 1, 0, 0, true), 0x6220C003);
}
END_TEST

START_TEST(test_esr_ec_extract)
{
	ck_assert_uint_eq(ad_esr_ec(0xC2000022), AD_EC_BREAKPT_LOWER);
	ck_assert_uint_eq(ad_esr_ec(0xCF000062), AD_EC_SOFTSTP_CUR);
	ck_assert_uint_eq(ad_esr_ec(0xD6000162), AD_EC_WATCHPT_CUR);
	ck_assert_uint_eq(ad_esr_ec(0xF20003E8), AD_EC_BRK64);
	ck_assert_uint_eq(ad_esr_ec(0x622A0065), AD_EC_SYSREG);
}
END_TEST

/* Every EC the model produces has a name and an ISS field table. */
START_TEST(test_ec_names_and_iss)
{
	static const unsigned ecs[] = {
		AD_EC_UNKNOWN, AD_EC_SYSREG, AD_EC_BREAKPT_LOWER,
		AD_EC_BREAKPT_CUR, AD_EC_SOFTSTP_LOWER, AD_EC_SOFTSTP_CUR,
		AD_EC_WATCHPT_LOWER, AD_EC_WATCHPT_CUR, AD_EC_BRK64,
	};
	unsigned i, n;

	for (i = 0; i < sizeof(ecs) / sizeof(ecs[0]); i++)
		ck_assert_ptr_nonnull(ad_ec_name(ecs[i]));
	ck_assert_ptr_nonnull(ad_iss_fields(AD_EC_WATCHPT_LOWER, &n));
	ck_assert_uint_gt(n, 0);
	ck_assert_ptr_nonnull(ad_iss_fields(AD_EC_SYSREG, &n));
	ck_assert_uint_gt(n, 0);
	ck_assert_ptr_nonnull(ad_iss_fields(AD_EC_SOFTSTP_LOWER, &n));
	ck_assert_uint_gt(n, 0);
	ck_assert_ptr_null(ad_ec_name(0x3f));
}
END_TEST

static bool name_is(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if ((*a | 0x20) != (*b | 0x20))
			return false;
	return *a == *b;
}

/* The watchpoint ISS table has WnR at bit 6 and CM at bit 8 (digest 5). */
START_TEST(test_iss_watchpoint_fields)
{
	const struct ad_field *f;
	unsigned i, n;
	bool wnr = false, cm = false;

	f = ad_iss_fields(AD_EC_WATCHPT_LOWER, &n);
	ck_assert_ptr_nonnull(f);
	for (i = 0; i < n; i++) {
		if (name_is(f[i].name, "WnR")) {
			ck_assert_uint_eq(f[i].lsb, 6);
			ck_assert_uint_eq(f[i].width, 1);
			wnr = true;
		}
		if (name_is(f[i].name, "CM")) {
			ck_assert_uint_eq(f[i].lsb, 8);
			ck_assert_uint_eq(f[i].width, 1);
			cm = true;
		}
	}
	ck_assert(wnr && cm);
}
END_TEST

Suite *syndrome_suite(void)
{
	Suite *s = suite_create("syndrome");
	TCase *tc;

	tc = tcase_create("debug_exceptions");
	tcase_add_test(tc, test_esr_breakpoint);
	tcase_add_test(tc, test_esr_step_lower);
	tcase_add_test(tc, test_esr_step_same);
	tcase_add_test(tc, test_esr_watchpoint_lower);
	tcase_add_test(tc, test_esr_watchpoint_same);
	tcase_add_test(tc, test_esr_brk);
	suite_add_tcase(s, tc);

	tc = tcase_create("undefined_and_traps");
	tcase_add_test(tc, test_esr_undefined);
	tcase_add_test(tc, test_esr_sysreg_mrs_dbgbcr2);
	tcase_add_test(tc, test_esr_sysreg_msr_dbgbcr2);
	tcase_add_test(tc, test_esr_sysreg_msr_oslar_xzr);
	tcase_add_test(tc, test_esr_sysreg_mrs_mdcr_el2);
	tcase_add_test(tc, test_esr_sysreg_mrs_mdccsr);
	suite_add_tcase(s, tc);

	tc = tcase_create("decode");
	tcase_add_test(tc, test_esr_ec_extract);
	tcase_add_test(tc, test_ec_names_and_iss);
	tcase_add_test(tc, test_iss_watchpoint_fields);
	suite_add_tcase(s, tc);

	return s;
}
