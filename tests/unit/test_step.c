// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_step.c - software step: the three states, SSAdvance,
 * SPSR.SS on exception entry (SVC vs other synchronous vs asynchronous),
 * DebugExceptionReturnSS condition by condition, and the step exception
 * (target EL, ESR with ISV/EX).  Rules: digest 6, J1 CheckSoftwareStep /
 * SSAdvance / DebugExceptionReturnSS / AArch64.SoftwareStepException.
 *
 * Step ESRs (digest 5): EC 0x32 lower / 0x33 same, IL=1, ISV [24], EX [6],
 * IFSC 0x22:
 *   lower, ISV=1 EX=0: 0xC8000000|0x2000000|0x1000000|0x22 = 0xCB000022
 *   lower, ISV=1 EX=1: 0xCB000062;  lower, ISV=0: 0xCA000022
 *   same,  ISV=1 EX=0: 0xCC000000|0x2000000|0x1000000|0x22 = 0xCF000022
 */
#include "ut.h"

/* Stepping EL0 from a debugger at EL1: MDSCR.SS=1, PSTATE.SS=1. */
static void st_setup(struct ad_state *s)
{
	ut_setup(s, ut_preset("cortex-a57"));
	s->r.mdscr_el1 = AD_MDSCR_MDE | AD_MDSCR_SS;
	s->pe.el = AD_EL0;
	s->pe.d = false;
	s->pe.ss = true;
}

static uint64_t spsr(unsigned m, bool ss, bool d)
{
	return m | (ss ? AD_SPSR_SS : 0) | (d ? AD_SPSR_D : 0);
}

/* --- the three states -------------------------------------------------------- */

START_TEST(test_state_inactive_without_mdscr_ss)
{
	struct ad_state s;

	st_setup(&s);
	s.r.mdscr_el1 = AD_MDSCR_MDE;
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_INACTIVE);
	s.pe.ss = false;
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_INACTIVE);
}
END_TEST

START_TEST(test_state_active_not_pending)
{
	struct ad_state s;

	st_setup(&s);
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_ACTIVE_NOT_PENDING);
}
END_TEST

START_TEST(test_state_active_pending)
{
	struct ad_state s;

	st_setup(&s);
	s.pe.ss = false;
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_ACTIVE_PENDING);
}
END_TEST

/* At EL1 (target EL1): needs KDE=1 and PSTATE.D=0. */
START_TEST(test_state_el1_kde_and_d)
{
	struct ad_state s;

	st_setup(&s);
	s.pe.el = AD_EL1;
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_INACTIVE);
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	s.pe.d = true;
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_INACTIVE);
	s.pe.d = false;
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_ACTIVE_NOT_PENDING);
}
END_TEST

/* The OS lock disables software step (digest 4.2). */
START_TEST(test_state_oslk)
{
	struct ad_state s;

	st_setup(&s);
	s.r.oslk = true;
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_INACTIVE);
}
END_TEST

/* MDE gates breakpoints/watchpoints, not step. */
START_TEST(test_state_not_gated_by_mde)
{
	struct ad_state s;

	st_setup(&s);
	s.r.mdscr_el1 = AD_MDSCR_SS;
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_ACTIVE_NOT_PENDING);
}
END_TEST

/* At EL2 with target EL1: never to a lower EL, so inactive. */
START_TEST(test_state_el2_inactive)
{
	struct ad_state s;

	st_setup(&s);
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	s.pe.el = AD_EL2;
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_INACTIVE);
}
END_TEST

START_TEST(test_step_enabled_from)
{
	struct ad_state s;

	st_setup(&s);
	ck_assert(ad_step_enabled_from(&s, AD_EL0, false, true));
	ck_assert(!ad_step_enabled_from(&s, AD_EL1, false, false));
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	ck_assert(ad_step_enabled_from(&s, AD_EL1, false, false));
	ck_assert(!ad_step_enabled_from(&s, AD_EL1, false, true));
	s.r.mdscr_el1 &= ~AD_MDSCR_SS;
	ck_assert(!ad_step_enabled_from(&s, AD_EL0, false, false));
}
END_TEST

START_TEST(test_state_strings)
{
	ck_assert_ptr_nonnull(ad_step_state_str(AD_STEP_INACTIVE));
	ck_assert_ptr_nonnull(ad_step_state_str(AD_STEP_ACTIVE_NOT_PENDING));
	ck_assert_ptr_nonnull(ad_step_state_str(AD_STEP_ACTIVE_PENDING));
	ck_assert_str_ne(ad_step_state_str(AD_STEP_ACTIVE_NOT_PENDING),
			 ad_step_state_str(AD_STEP_ACTIVE_PENDING));
}
END_TEST

/* --- SSAdvance --------------------------------------------------------------- */

START_TEST(test_ssadvance_active_not_pending)
{
	struct ad_state s;

	st_setup(&s);
	ad_ss_advance(&s, false);
	ck_assert(!s.pe.ss);
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_ACTIVE_PENDING);
}
END_TEST

START_TEST(test_ssadvance_pending_stays)
{
	struct ad_state s;

	st_setup(&s);
	s.pe.ss = false;
	ad_ss_advance(&s, false);
	ck_assert(!s.pe.ss);
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_ACTIVE_PENDING);
}
END_TEST

/*
 * SSAdvance clears PSTATE.SS whenever MDSCR_EL1.SS=1 and PSTATE.SS=1, even
 * where stepping is inactive (digest 6.1; J1 SSAdvance does not check
 * GenerateDebugExceptions).
 */
START_TEST(test_ssadvance_inactive_el1_clears)
{
	struct ad_state s;

	st_setup(&s);
	s.pe.el = AD_EL1;
	s.pe.d = true;
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_INACTIVE);
	ad_ss_advance(&s, false);
	ck_assert(!s.pe.ss);
}
END_TEST

START_TEST(test_ssadvance_needs_mdscr_ss)
{
	struct ad_state s;

	st_setup(&s);
	s.r.mdscr_el1 = AD_MDSCR_MDE;
	ad_ss_advance(&s, false);
	ck_assert(s.pe.ss);
}
END_TEST

/* --- exception entry: SPSR.SS (digest 6.2) ---------------------------------- */

/* SVC counts as executed: SSAdvance first, SPSR.SS = 0. */
START_TEST(test_entry_svc)
{
	struct ad_state s;

	st_setup(&s);
	ck_assert(!ad_exception_entry(&s, AD_EL1, AD_EXC_CALL));
	ck_assert_uint_eq(s.pe.el, AD_EL1);
	ck_assert(s.pe.d);
	ck_assert(!s.pe.ss);
}
END_TEST

/* Any other synchronous exception: not executed, SPSR.SS = 1. */
START_TEST(test_entry_sync)
{
	struct ad_state s;

	st_setup(&s);
	ck_assert(ad_exception_entry(&s, AD_EL1, AD_EXC_SYNC));
	ck_assert_uint_eq(s.pe.el, AD_EL1);
	ck_assert(s.pe.d);
	ck_assert(!s.pe.ss);
}
END_TEST

/* IRQ before the stepped instruction executes: SPSR.SS = 1. */
START_TEST(test_entry_async_before)
{
	struct ad_state s;

	st_setup(&s);
	ck_assert(ad_exception_entry(&s, AD_EL1, AD_EXC_ASYNC));
	ck_assert(!s.pe.ss);
}
END_TEST

/* IRQ after it completed (step pending): SPSR.SS = 0. */
START_TEST(test_entry_async_after)
{
	struct ad_state s;

	st_setup(&s);
	ad_ss_advance(&s, false);
	ck_assert(!ad_exception_entry(&s, AD_EL1, AD_EXC_ASYNC));
}
END_TEST

/* Inactive (MDSCR.SS=0): SPSR.SS is just PSTATE.SS, for an SVC too. */
START_TEST(test_entry_inactive_keeps_ss)
{
	struct ad_state s;

	st_setup(&s);
	s.r.mdscr_el1 = AD_MDSCR_MDE;
	ck_assert(ad_exception_entry(&s, AD_EL1, AD_EXC_CALL));
	st_setup(&s);
	s.r.mdscr_el1 = AD_MDSCR_MDE;
	ck_assert(ad_exception_entry(&s, AD_EL1, AD_EXC_SYNC));
}
END_TEST

/* --- DebugExceptionReturnSS (digest 6.1 ERET rule) ------------------------- */

/* Handler at EL1 with D=1 (source not enabled), ERET to EL0 (enabled). */
static void eret_setup(struct ad_state *s)
{
	st_setup(s);
	s->pe.el = AD_EL1;
	s->pe.d = true;
	s->pe.ss = false;
}

START_TEST(test_eret_copies_spsr_ss)
{
	struct ad_state s;

	eret_setup(&s);
	ck_assert(ad_debug_exception_return_ss(&s, spsr(UT_M_EL0T, true, false)));
	ck_assert(!ad_debug_exception_return_ss(&s, spsr(UT_M_EL0T, false, false)));
}
END_TEST

START_TEST(test_eret_needs_mdscr_ss)
{
	struct ad_state s;

	eret_setup(&s);
	s.r.mdscr_el1 = AD_MDSCR_MDE;
	ck_assert(!ad_debug_exception_return_ss(&s, spsr(UT_M_EL0T, true, false)));
}
END_TEST

/* Stepping enabled at the source (EL1, KDE=1, D=0): SS forced to 0. */
START_TEST(test_eret_enabled_at_source)
{
	struct ad_state s;

	eret_setup(&s);
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	s.pe.d = false;
	ck_assert(!ad_debug_exception_return_ss(&s, spsr(UT_M_EL0T, true, false)));
}
END_TEST

/* Not enabled at the destination (OS lock): SS = 0. */
START_TEST(test_eret_not_enabled_at_dest)
{
	struct ad_state s;

	eret_setup(&s);
	s.r.oslk = true;
	ck_assert(!ad_debug_exception_return_ss(&s, spsr(UT_M_EL0T, true, false)));
}
END_TEST

/* ERET to EL1: the destination mask is SPSR.D. */
START_TEST(test_eret_to_el1_spsr_d)
{
	struct ad_state s;

	eret_setup(&s);
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	ck_assert(!ad_debug_exception_return_ss(&s, spsr(UT_M_EL1H, true, true)));
	ck_assert(ad_debug_exception_return_ss(&s, spsr(UT_M_EL1H, true, false)));
}
END_TEST

/* From EL2 (target EL1 is lower: not enabled at source) to EL1. */
START_TEST(test_eret_from_el2)
{
	struct ad_state s;

	eret_setup(&s);
	s.pe.el = AD_EL2;
	ck_assert(!ad_debug_exception_return_ss(&s, spsr(UT_M_EL1H, true, false)));
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	ck_assert(ad_debug_exception_return_ss(&s, spsr(UT_M_EL1H, true, false)));
}
END_TEST

/* ERET from EL3 to EL2 with target EL1: not enabled at the destination. */
START_TEST(test_eret_to_el2_no_tde)
{
	struct ad_state s;

	eret_setup(&s);
	s.pe.el = AD_EL3;
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	ck_assert(!ad_debug_exception_return_ss(&s, spsr(UT_M_EL2H, true, false)));
	s.r.mdcr_el2 = AD_MDCR2_TDE;
	ck_assert(ad_debug_exception_return_ss(&s, spsr(UT_M_EL2H, true, false)));
}
END_TEST

/* AArch64.ExceptionReturn: EL, D, SS, UAO, PAN from SPSR. */
START_TEST(test_exception_return_pstate)
{
	struct ad_state s;

	eret_setup(&s);
	ad_exception_return(&s, spsr(UT_M_EL0T, true, false));
	ck_assert_uint_eq(s.pe.el, AD_EL0);
	ck_assert(!s.pe.d);
	ck_assert(s.pe.ss);
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_ACTIVE_NOT_PENDING);
}
END_TEST

START_TEST(test_exception_return_uao_pan)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("v9-max"));
	ck_assert(s.cfg->uao && s.cfg->pan);
	s.pe.el = AD_EL2;
	ad_exception_return(&s, UT_M_EL1H | AD_SPSR_UAO | AD_SPSR_PAN | AD_SPSR_D);
	ck_assert_uint_eq(s.pe.el, AD_EL1);
	ck_assert(s.pe.uao);
	ck_assert(s.pe.pan);
	ck_assert(s.pe.d);
	ck_assert(!s.pe.ss);
}
END_TEST

/* --- the step exception ------------------------------------------------------- */

START_TEST(test_step_exception_el0)
{
	struct ad_state s;
	struct ad_debug_event ev;

	st_setup(&s);
	ev = ad_check_software_step(&s);
	ck_assert(!ev.take);	/* active-not-pending: execute one instruction */
	ad_ss_advance(&s, false);
	ev = ad_check_software_step(&s);
	ck_assert(ev.take);
	ck_assert_uint_eq(ev.target_el, AD_EL1);
	ck_assert_uint_eq(ev.esr, 0xCB000022);
}
END_TEST

/* The stepped instruction was a Load-Exclusive: ISV=1 EX=1. */
START_TEST(test_step_exception_ldex)
{
	struct ad_state s;
	struct ad_debug_event ev;

	st_setup(&s);
	s.pol.choice[AD_POL_STEP_ISV] = AD_STEPISV_ZERO;
	ad_ss_advance(&s, true);
	ev = ad_check_software_step(&s);
	ck_assert(ev.take);
	ck_assert_uint_eq(ev.esr, 0xCB000062);
}
END_TEST

/* A stepped ISB: ISV is CONSTRAINED UNPREDICTABLE (AD_POL_STEP_ISV). */
START_TEST(test_step_exception_isb)
{
	struct ad_state s;
	struct ad_debug_event ev;

	st_setup(&s);
	s.pol.choice[AD_POL_STEP_ISV] = AD_STEPISV_ZERO;
	ad_ss_advance_isb(&s);
	ck_assert(!s.pe.ss);
	ev = ad_check_software_step(&s);
	ck_assert(ev.take);
	ck_assert_uint_eq(ev.esr, 0xCA000022);
	st_setup(&s);
	s.pol.choice[AD_POL_STEP_ISV] = AD_STEPISV_VALID;
	ad_ss_advance_isb(&s);
	ck_assert_uint_eq(ad_check_software_step(&s).esr, 0xCB000022);
}
END_TEST

START_TEST(test_step_exception_tde)
{
	struct ad_state s;
	struct ad_debug_event ev;

	st_setup(&s);
	s.r.mdcr_el2 = AD_MDCR2_TDE;
	ad_ss_advance(&s, false);
	ev = ad_check_software_step(&s);
	ck_assert(ev.take);
	ck_assert_uint_eq(ev.target_el, AD_EL2);
	ck_assert_uint_eq(ev.esr, 0xCB000022);
}
END_TEST

START_TEST(test_step_exception_same_el1)
{
	struct ad_state s;
	struct ad_debug_event ev;

	st_setup(&s);
	s.pe.el = AD_EL1;
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	ad_ss_advance(&s, false);
	ev = ad_check_software_step(&s);
	ck_assert(ev.take);
	ck_assert_uint_eq(ev.target_el, AD_EL1);
	ck_assert_uint_eq(ev.esr, 0xCF000022);
}
END_TEST

START_TEST(test_step_exception_same_el2)
{
	struct ad_state s;
	struct ad_debug_event ev;

	st_setup(&s);
	s.pe.el = AD_EL2;
	s.r.mdcr_el2 = AD_MDCR2_TDE;
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	ad_ss_advance(&s, false);
	ev = ad_check_software_step(&s);
	ck_assert(ev.take);
	ck_assert_uint_eq(ev.target_el, AD_EL2);
	ck_assert_uint_eq(ev.esr, 0xCF000022);
}
END_TEST

START_TEST(test_step_not_gated_by_mde)
{
	struct ad_state s;

	st_setup(&s);
	s.r.mdscr_el1 = AD_MDSCR_SS;
	ad_ss_advance(&s, false);
	ck_assert(ad_check_software_step(&s).take);
}
END_TEST

START_TEST(test_step_inactive_no_exception)
{
	struct ad_state s;

	st_setup(&s);
	s.r.mdscr_el1 = AD_MDSCR_MDE;
	s.pe.ss = false;
	ck_assert(!ad_check_software_step(&s).take);
}
END_TEST

/*
 * Handler hazard (digest 6.2): at EL1 with KDE, MDSCR.SS and PSTATE.SS=0,
 * clearing PSTATE.D makes the PE active-pending in the handler itself.
 */
START_TEST(test_step_handler_clears_d)
{
	struct ad_state s;

	st_setup(&s);
	s.pe.el = AD_EL1;
	s.pe.d = true;
	s.pe.ss = false;
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	ck_assert(!ad_check_software_step(&s).take);
	s.pe.d = false;
	ck_assert(ad_check_software_step(&s).take);
}
END_TEST

/*
 * Stepping over an SVC: SPSR.SS=0, the handler ERETs, the PE returns
 * active-pending and takes the step exception before executing anything:
 * no instruction was stepped since the ERET, ISV=0 under AD_STEPISV_ZERO.
 */
START_TEST(test_step_over_svc)
{
	struct ad_state s;
	struct ad_debug_event ev;
	bool sss;

	st_setup(&s);
	s.pol.choice[AD_POL_STEP_ISV] = AD_STEPISV_ZERO;
	sss = ad_exception_entry(&s, AD_EL1, AD_EXC_CALL);
	ck_assert(!sss);
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_INACTIVE);
	ad_exception_return(&s, spsr(UT_M_EL0T, sss, false));
	ck_assert_uint_eq(s.pe.el, AD_EL0);
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_ACTIVE_PENDING);
	ev = ad_check_software_step(&s);
	ck_assert(ev.take);
	ck_assert_uint_eq(ev.target_el, AD_EL1);
	ck_assert_uint_eq(ev.esr, 0xCA000022);
}
END_TEST

/* A data abort on the stepped instruction: SPSR.SS=1, the instruction is re-stepped. */
START_TEST(test_step_restep_after_abort)
{
	struct ad_state s;
	bool sss;

	st_setup(&s);
	sss = ad_exception_entry(&s, AD_EL1, AD_EXC_SYNC);
	ck_assert(sss);
	ad_exception_return(&s, spsr(UT_M_EL0T, sss, false));
	ck_assert_int_eq(ad_step_state(&s), AD_STEP_ACTIVE_NOT_PENDING);
	ck_assert(!ad_check_software_step(&s).take);
}
END_TEST

Suite *step_suite(void)
{
	Suite *s = suite_create("step");
	TCase *tc;

	tc = tcase_create("states");
	tcase_add_test(tc, test_state_inactive_without_mdscr_ss);
	tcase_add_test(tc, test_state_active_not_pending);
	tcase_add_test(tc, test_state_active_pending);
	tcase_add_test(tc, test_state_el1_kde_and_d);
	tcase_add_test(tc, test_state_oslk);
	tcase_add_test(tc, test_state_not_gated_by_mde);
	tcase_add_test(tc, test_state_el2_inactive);
	tcase_add_test(tc, test_step_enabled_from);
	tcase_add_test(tc, test_state_strings);
	suite_add_tcase(s, tc);

	tc = tcase_create("ssadvance");
	tcase_add_test(tc, test_ssadvance_active_not_pending);
	tcase_add_test(tc, test_ssadvance_pending_stays);
	tcase_add_test(tc, test_ssadvance_inactive_el1_clears);
	tcase_add_test(tc, test_ssadvance_needs_mdscr_ss);
	suite_add_tcase(s, tc);

	tc = tcase_create("exception_entry");
	tcase_add_test(tc, test_entry_svc);
	tcase_add_test(tc, test_entry_sync);
	tcase_add_test(tc, test_entry_async_before);
	tcase_add_test(tc, test_entry_async_after);
	tcase_add_test(tc, test_entry_inactive_keeps_ss);
	suite_add_tcase(s, tc);

	tc = tcase_create("exception_return");
	tcase_add_test(tc, test_eret_copies_spsr_ss);
	tcase_add_test(tc, test_eret_needs_mdscr_ss);
	tcase_add_test(tc, test_eret_enabled_at_source);
	tcase_add_test(tc, test_eret_not_enabled_at_dest);
	tcase_add_test(tc, test_eret_to_el1_spsr_d);
	tcase_add_test(tc, test_eret_from_el2);
	tcase_add_test(tc, test_eret_to_el2_no_tde);
	tcase_add_test(tc, test_exception_return_pstate);
	tcase_add_test(tc, test_exception_return_uao_pan);
	suite_add_tcase(s, tc);

	tc = tcase_create("step_exception");
	tcase_add_test(tc, test_step_exception_el0);
	tcase_add_test(tc, test_step_exception_ldex);
	tcase_add_test(tc, test_step_exception_isb);
	tcase_add_test(tc, test_step_exception_tde);
	tcase_add_test(tc, test_step_exception_same_el1);
	tcase_add_test(tc, test_step_exception_same_el2);
	tcase_add_test(tc, test_step_not_gated_by_mde);
	tcase_add_test(tc, test_step_inactive_no_exception);
	tcase_add_test(tc, test_step_handler_clears_d);
	tcase_add_test(tc, test_step_over_svc);
	tcase_add_test(tc, test_step_restep_after_abort);
	suite_add_tcase(s, tc);

	return s;
}
