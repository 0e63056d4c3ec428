// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_enable.c - enabling and routing of debug exceptions:
 * AArch64.GenerateDebugExceptionsFrom with each input toggled alone,
 * DebugTargetFrom, the security/EL2/host helpers, DoubleLockStatus, the
 * MDE gate, BRK routing, and what a hit that is not taken reports.
 *
 * The function, from J1 (digest 4.2):
 *   if OSLK || DoubleLockStatus() || Halted(): FALSE
 *   route_to_el2 = EL2 && (!secure || SEL2) && (TGE || TDE)
 *   target = route_to_el2 ? EL2 : EL1
 *   enabled = (EL3 && secure) ? SDD == 0 : TRUE
 *   from == target: enabled &&= KDE && !mask
 *   else:           enabled &&= target > from
 */
#include "ut.h"

#define PC 0x40003000ull

static void en_setup(struct ad_state *s)
{
	ut_setup(s, ut_preset("cortex-a57"));
}

static enum ad_disable_reason from(const struct ad_state *s, unsigned el,
				   bool secure, bool mask)
{
	return ad_debug_exceptions_from(s, el, secure, mask);
}

/* --- AArch64.GenerateDebugExceptionsFrom --------------------------------- */

START_TEST(test_from_el0_enabled)
{
	struct ad_state s;

	en_setup(&s);
	ck_assert_int_eq(from(&s, AD_EL0, false, false), AD_DIS_NONE);
	/* PSTATE.D only masks exceptions to the current EL */
	ck_assert_int_eq(from(&s, AD_EL0, false, true), AD_DIS_NONE);
}
END_TEST

START_TEST(test_from_oslk)
{
	struct ad_state s;

	en_setup(&s);
	s.r.oslk = true;
	ck_assert_int_eq(from(&s, AD_EL0, false, false), AD_DIS_OSLOCK);
}
END_TEST

/* DoubleLockStatus = DLK && !DBGPRCR_EL1.CORENPDRQ && !Halted. */
START_TEST(test_from_double_lock)
{
	struct ad_state s;

	en_setup(&s);
	s.r.osdlr_el1 = 1;
	ck_assert_int_eq(from(&s, AD_EL0, false, false), AD_DIS_DOUBLELOCK);
	s.r.dbgprcr_el1 = 1;
	ck_assert_int_eq(from(&s, AD_EL0, false, false), AD_DIS_NONE);
}
END_TEST

START_TEST(test_from_el1_kde)
{
	struct ad_state s;

	en_setup(&s);
	ck_assert_int_eq(from(&s, AD_EL1, false, false), AD_DIS_KDE);
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	ck_assert_int_eq(from(&s, AD_EL1, false, false), AD_DIS_NONE);
}
END_TEST

START_TEST(test_from_el1_mask)
{
	struct ad_state s;

	en_setup(&s);
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	ck_assert_int_eq(from(&s, AD_EL1, false, true), AD_DIS_MASKED);
}
END_TEST

/* MDCR_EL2.TDE: target EL2 is above EL1, so KDE and D no longer matter. */
START_TEST(test_from_el1_tde)
{
	struct ad_state s;

	en_setup(&s);
	s.r.mdcr_el2 = AD_MDCR2_TDE;
	ck_assert_int_eq(from(&s, AD_EL1, false, true), AD_DIS_NONE);
}
END_TEST

START_TEST(test_from_el0_tge)
{
	struct ad_state s;

	en_setup(&s);
	s.r.hcr_el2 |= AD_HCR_TGE;
	ck_assert_uint_eq(ad_debug_target_from(&s, false), AD_EL2);
	ck_assert_int_eq(from(&s, AD_EL0, false, true), AD_DIS_NONE);
	ck_assert_int_eq(from(&s, AD_EL1, false, true), AD_DIS_NONE);
}
END_TEST

/* From EL2 with target EL1: never to a lower EL. */
START_TEST(test_from_el2_lower)
{
	struct ad_state s;

	en_setup(&s);
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	ck_assert_int_eq(from(&s, AD_EL2, false, false), AD_DIS_LOWER_EL);
}
END_TEST

START_TEST(test_from_el2_tde_kde_mask)
{
	struct ad_state s;

	en_setup(&s);
	s.r.mdcr_el2 = AD_MDCR2_TDE;
	ck_assert_int_eq(from(&s, AD_EL2, false, false), AD_DIS_KDE);
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	ck_assert_int_eq(from(&s, AD_EL2, false, false), AD_DIS_NONE);
	ck_assert_int_eq(from(&s, AD_EL2, false, true), AD_DIS_MASKED);
}
END_TEST

/* Never generated from EL3 (target EL1/EL2 is lower). */
START_TEST(test_from_el3_never)
{
	struct ad_state s;

	en_setup(&s);
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	ck_assert_int_eq(from(&s, AD_EL3, true, false), AD_DIS_LOWER_EL);
	s.r.mdcr_el2 = AD_MDCR2_TDE;
	ck_assert_int_eq(from(&s, AD_EL3, true, false), AD_DIS_LOWER_EL);
}
END_TEST

/* MDCR_EL3.SDD disables debug exceptions in Secure state only. */
START_TEST(test_from_sdd)
{
	struct ad_state s;

	en_setup(&s);
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	s.r.scr_el3 &= ~AD_SCR_NS;
	ck_assert_int_eq(from(&s, AD_EL1, true, false), AD_DIS_NONE);
	ck_assert_int_eq(from(&s, AD_EL0, true, false), AD_DIS_NONE);
	s.r.mdcr_el3 = AD_MDCR3_SDD;
	ck_assert_int_eq(from(&s, AD_EL1, true, false), AD_DIS_SDD);
	ck_assert_int_eq(from(&s, AD_EL0, true, false), AD_DIS_SDD);
	s.r.scr_el3 |= AD_SCR_NS;
	ck_assert_int_eq(from(&s, AD_EL0, false, false), AD_DIS_NONE);
	ck_assert_int_eq(from(&s, AD_EL1, false, false), AD_DIS_NONE);
}
END_TEST

/* Secure state without Secure EL2: TDE does not route to EL2. */
START_TEST(test_from_secure_tde_not_routed)
{
	struct ad_state s;

	en_setup(&s);
	s.r.mdcr_el2 = AD_MDCR2_TDE;
	s.r.scr_el3 &= ~AD_SCR_NS;
	ck_assert_uint_eq(ad_debug_target_from(&s, true), AD_EL1);
	ck_assert_int_eq(from(&s, AD_EL1, true, false), AD_DIS_KDE);
}
END_TEST

/* Without EL2, TDE/TGE are ignored. */
START_TEST(test_from_no_el2)
{
	struct ad_config c = *ut_preset("cortex-a57");
	struct ad_state s;

	c.el2 = false;
	ut_setup(&s, &c);
	s.r.mdcr_el2 = AD_MDCR2_TDE;
	s.r.hcr_el2 |= AD_HCR_TGE;
	ck_assert_uint_eq(ad_debug_target_from(&s, false), AD_EL1);
	ck_assert_int_eq(from(&s, AD_EL1, false, false), AD_DIS_KDE);
}
END_TEST

/* --- DebugTargetFrom: EL1 or EL2, never EL3 -------------------------------- */

START_TEST(test_target_from)
{
	struct ad_state s;

	en_setup(&s);
	ck_assert_uint_eq(ad_debug_target_from(&s, false), AD_EL1);
	ck_assert_uint_eq(ad_debug_target_from(&s, true), AD_EL1);
	s.r.mdcr_el2 = AD_MDCR2_TDE;
	ck_assert_uint_eq(ad_debug_target_from(&s, false), AD_EL2);
	s.pe.el = AD_EL3;
	ck_assert_uint_eq(ad_debug_target_from(&s, false), AD_EL2);
	ck_assert_uint_eq(ad_debug_target_from(&s, true), AD_EL1);
}
END_TEST

START_TEST(test_generate_current)
{
	struct ad_state s;

	en_setup(&s);
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	s.pe.d = false;
	ck_assert(ad_generate_debug_exceptions(&s));
	s.pe.d = true;
	ck_assert(!ad_generate_debug_exceptions(&s));
	s.pe.el = AD_EL0;
	ck_assert(ad_generate_debug_exceptions(&s));
	s.r.oslk = true;
	ck_assert(!ad_generate_debug_exceptions(&s));
	/* Secure EL0 (SCR_EL3.NS = 0) with SDD */
	s.r.oslk = false;
	s.r.scr_el3 &= ~AD_SCR_NS;
	s.r.mdcr_el3 = AD_MDCR3_SDD;
	ck_assert(!ad_generate_debug_exceptions(&s));
}
END_TEST

/* --- PE-state helpers ----------------------------------------------------- */

START_TEST(test_is_secure)
{
	struct ad_config c = *ut_preset("cortex-a57");
	struct ad_state s;

	ut_setup(&s, &c);
	ck_assert(!ad_is_secure(&s));
	s.r.scr_el3 &= ~AD_SCR_NS;
	ck_assert(ad_is_secure(&s));
	s.r.scr_el3 |= AD_SCR_NS;
	s.pe.el = AD_EL3;
	ck_assert(ad_is_secure(&s));
	c.el3 = false;
	ut_setup(&s, &c);
	s.r.scr_el3 = 0;
	ck_assert(!ad_is_secure(&s));
}
END_TEST

START_TEST(test_el2_enabled)
{
	struct ad_config c = *ut_preset("cortex-a57");
	struct ad_state s;

	ut_setup(&s, &c);
	ck_assert(ad_el2_enabled(&s));
	s.r.scr_el3 &= ~AD_SCR_NS;
	ck_assert(!ad_el2_enabled(&s));
	c.el2 = false;
	ut_setup(&s, &c);
	ck_assert(!ad_el2_enabled(&s));
}
END_TEST

/* ELIsInHost: EL2 with E2H=1; EL0 with E2H=1 and TGE=1 (FEAT_VHE). */
START_TEST(test_el_is_in_host)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("v9-max"));
	ck_assert(!ad_el_is_in_host(&s, AD_EL2));
	s.r.hcr_el2 |= AD_HCR_E2H;
	ck_assert(ad_el_is_in_host(&s, AD_EL2));
	ck_assert(!ad_el_is_in_host(&s, AD_EL0));
	s.r.hcr_el2 |= AD_HCR_TGE;
	ck_assert(ad_el_is_in_host(&s, AD_EL0));
	ck_assert(!ad_el_is_in_host(&s, AD_EL1));
	/* no VHE: never */
	ut_setup(&s, ut_preset("cortex-a57"));
	s.r.hcr_el2 |= AD_HCR_E2H | AD_HCR_TGE;
	ck_assert(!ad_el_is_in_host(&s, AD_EL2));
	ck_assert(!ad_el_is_in_host(&s, AD_EL0));
}
END_TEST

START_TEST(test_double_lock_status)
{
	struct ad_state s;

	en_setup(&s);
	ck_assert(!ad_double_lock_status(&s));
	s.r.osdlr_el1 = 1;
	ck_assert(ad_double_lock_status(&s));
	s.r.dbgprcr_el1 = 1;
	ck_assert(!ad_double_lock_status(&s));
}
END_TEST

/* --- breakpoint check: match, take, why (J1 AArch64.CheckDebug) ----------- */

static void bp_setup(struct ad_state *s)
{
	en_setup(s);
	s->r.bvr[2] = PC;
	s->r.bcr[2] = ut_bcr_addr();
}

START_TEST(test_bp_from_el0_taken)
{
	struct ad_state s;
	struct ad_debug_event ev;

	bp_setup(&s);
	s.pe.el = AD_EL0;
	ev = ad_check_breakpoint(&s, PC);
	ck_assert(ev.match);
	ck_assert(ev.take);
	ck_assert_uint_eq(ev.target_el, AD_EL1);
	ck_assert_uint_eq(ev.esr, 0xC2000022);
	ck_assert_uint_eq(ev.hits, 1u << 2);
}
END_TEST

START_TEST(test_bp_no_match)
{
	struct ad_state s;
	struct ad_debug_event ev;

	bp_setup(&s);
	s.pe.el = AD_EL0;
	ev = ad_check_breakpoint(&s, PC + 4);
	ck_assert(!ev.match);
	ck_assert(!ev.take);
	ck_assert_uint_eq(ev.hits, 0);
}
END_TEST

/* MDSCR_EL1.MDE gates breakpoints: a hit is not taken, reason MDE. */
START_TEST(test_bp_mde_gate)
{
	struct ad_state s;
	struct ad_debug_event ev;

	bp_setup(&s);
	s.pe.el = AD_EL0;
	s.r.mdscr_el1 &= ~AD_MDSCR_MDE;
	ev = ad_check_breakpoint(&s, PC);
	ck_assert(ev.match);
	ck_assert(!ev.take);
	ck_assert_int_eq(ev.why, AD_DIS_MDE);
}
END_TEST

START_TEST(test_bp_oslk_not_taken)
{
	struct ad_state s;
	struct ad_debug_event ev;

	bp_setup(&s);
	s.pe.el = AD_EL0;
	s.r.oslk = true;
	ev = ad_check_breakpoint(&s, PC);
	ck_assert(ev.match);
	ck_assert(!ev.take);
	ck_assert_int_eq(ev.why, AD_DIS_OSLOCK);
}
END_TEST

START_TEST(test_bp_el1_kde_masked)
{
	struct ad_state s;
	struct ad_debug_event ev;

	bp_setup(&s);
	ev = ad_check_breakpoint(&s, PC);
	ck_assert(ev.match && !ev.take);
	ck_assert_int_eq(ev.why, AD_DIS_KDE);
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	ev = ad_check_breakpoint(&s, PC);
	ck_assert(ev.match && !ev.take);
	ck_assert_int_eq(ev.why, AD_DIS_MASKED);
	s.pe.d = false;
	ev = ad_check_breakpoint(&s, PC);
	ck_assert(ev.take);
	ck_assert_uint_eq(ev.target_el, AD_EL1);
	ck_assert_uint_eq(ev.esr, 0xC6000022);
}
END_TEST

/* EL1 with TDE: routed to EL2, a lower-EL breakpoint for EL2. */
START_TEST(test_bp_el1_tde_to_el2)
{
	struct ad_state s;
	struct ad_debug_event ev;

	bp_setup(&s);
	s.r.mdcr_el2 = AD_MDCR2_TDE;
	ev = ad_check_breakpoint(&s, PC);
	ck_assert(ev.take);
	ck_assert_uint_eq(ev.target_el, AD_EL2);
	ck_assert_uint_eq(ev.esr, 0xC2000022);
}
END_TEST

/* EL2 breakpoint (HMC=1): LOWER_EL without TDE; same-EL with TDE+KDE, D=0. */
START_TEST(test_bp_el2)
{
	struct ad_state s;
	struct ad_debug_event ev;

	bp_setup(&s);
	s.r.bcr[2] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 1, .hmc = 1, .bas = 0xf });
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	s.pe.el = AD_EL2;
	s.pe.d = false;
	ev = ad_check_breakpoint(&s, PC);
	ck_assert(ev.match && !ev.take);
	ck_assert_int_eq(ev.why, AD_DIS_LOWER_EL);
	s.r.mdcr_el2 = AD_MDCR2_TDE;
	ev = ad_check_breakpoint(&s, PC);
	ck_assert(ev.take);
	ck_assert_uint_eq(ev.target_el, AD_EL2);
	ck_assert_uint_eq(ev.esr, 0xC6000022);
}
END_TEST

/* EL3 matches HMC=1 SSC=00 PMC=01, but is never a debug exception source. */
START_TEST(test_bp_el3_never_taken)
{
	struct ad_state s;
	struct ad_debug_event ev;

	bp_setup(&s);
	s.r.bcr[2] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 1, .hmc = 1, .bas = 0xf });
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	s.pe.el = AD_EL3;
	s.pe.d = false;
	ev = ad_check_breakpoint(&s, PC);
	ck_assert(ev.match);
	ck_assert(!ev.take);
	ck_assert_int_eq(ev.why, AD_DIS_LOWER_EL);
}
END_TEST

START_TEST(test_bp_secure_sdd)
{
	struct ad_state s;
	struct ad_debug_event ev;

	bp_setup(&s);
	s.r.scr_el3 &= ~AD_SCR_NS;
	s.r.mdcr_el3 = AD_MDCR3_SDD;
	s.pe.el = AD_EL0;
	ev = ad_check_breakpoint(&s, PC);
	ck_assert(ev.match && !ev.take);
	ck_assert_int_eq(ev.why, AD_DIS_SDD);
}
END_TEST

/* --- watchpoint check -------------------------------------------------------- */

static void wp_setup(struct ad_state *s)
{
	en_setup(s);
	s->r.wvr[3] = 0x9000;
	s->r.wcr[3] = ut_wcr((struct ut_wcr){ .e = 1, .pac = 3, .lsc = 3, .bas = 0xff });
}

START_TEST(test_wp_from_el0_store)
{
	struct ad_state s;
	struct ad_access a = { .va = 0x9004, .size = 4, .kind = AD_ACC_STORE };
	struct ad_debug_event ev;

	wp_setup(&s);
	s.pe.el = AD_EL0;
	ev = ad_check_watchpoint(&s, &a);
	ck_assert(ev.match && ev.take);
	ck_assert_uint_eq(ev.target_el, AD_EL1);
	ck_assert(ev.wnr);
	ck_assert(!ev.cm);
	ck_assert_uint_eq(ev.esr, 0xD2000062);
	ck_assert_uint_eq(ev.hits, 1u << 3);
}
END_TEST

START_TEST(test_wp_mde_gate)
{
	struct ad_state s;
	struct ad_access a = { .va = 0x9004, .size = 4, .kind = AD_ACC_LOAD };
	struct ad_debug_event ev;

	wp_setup(&s);
	s.pe.el = AD_EL0;
	s.r.mdscr_el1 &= ~AD_MDSCR_MDE;
	ev = ad_check_watchpoint(&s, &a);
	ck_assert(ev.match && !ev.take);
	ck_assert_int_eq(ev.why, AD_DIS_MDE);
}
END_TEST

START_TEST(test_wp_oslk)
{
	struct ad_state s;
	struct ad_access a = { .va = 0x9004, .size = 4, .kind = AD_ACC_LOAD };
	struct ad_debug_event ev;

	wp_setup(&s);
	s.pe.el = AD_EL0;
	s.r.oslk = true;
	ev = ad_check_watchpoint(&s, &a);
	ck_assert(ev.match && !ev.take);
	ck_assert_int_eq(ev.why, AD_DIS_OSLOCK);
}
END_TEST

/* Same EL with KDE, D=0, load: EC 0x35, WnR=0: 0xD6000022. */
START_TEST(test_wp_el1_same_el_load)
{
	struct ad_state s;
	struct ad_access a = { .va = 0x9000, .size = 8, .kind = AD_ACC_LOAD };
	struct ad_debug_event ev;

	wp_setup(&s);
	s.r.mdscr_el1 |= AD_MDSCR_KDE;
	ev = ad_check_watchpoint(&s, &a);
	ck_assert(ev.match && !ev.take);
	ck_assert_int_eq(ev.why, AD_DIS_MASKED);
	s.pe.d = false;
	ev = ad_check_watchpoint(&s, &a);
	ck_assert(ev.take);
	ck_assert(!ev.wnr);
	ck_assert_uint_eq(ev.esr, 0xD6000022);
}
END_TEST

/* --- BRK (digest 4.2 last bullet; J1 AArch64.SoftwareBreakpoint) -------- */

START_TEST(test_brk_target)
{
	struct ad_state s;

	en_setup(&s);
	s.pe.el = AD_EL0;
	ck_assert_uint_eq(ad_brk_target_el(&s), AD_EL1);
	s.pe.el = AD_EL1;
	ck_assert_uint_eq(ad_brk_target_el(&s), AD_EL1);
	s.pe.el = AD_EL2;
	ck_assert_uint_eq(ad_brk_target_el(&s), AD_EL2);
	s.pe.el = AD_EL3;
	ck_assert_uint_eq(ad_brk_target_el(&s), AD_EL3);
}
END_TEST

START_TEST(test_brk_target_routed)
{
	struct ad_state s;

	en_setup(&s);
	s.pe.el = AD_EL0;
	s.r.hcr_el2 |= AD_HCR_TGE;
	ck_assert_uint_eq(ad_brk_target_el(&s), AD_EL2);
	s.r.hcr_el2 &= ~AD_HCR_TGE;
	s.r.mdcr_el2 = AD_MDCR2_TDE;
	ck_assert_uint_eq(ad_brk_target_el(&s), AD_EL2);
	s.pe.el = AD_EL1;
	ck_assert_uint_eq(ad_brk_target_el(&s), AD_EL2);
	/* Secure EL1: EL2 not enabled, stays at EL1 */
	s.r.scr_el3 &= ~AD_SCR_NS;
	ck_assert_uint_eq(ad_brk_target_el(&s), AD_EL1);
}
END_TEST

/* BRK is taken whatever MDE, KDE, D, OS lock, double lock and SDD say. */
START_TEST(test_brk_always_taken)
{
	struct ad_state s;
	struct ad_debug_event ev;

	en_setup(&s);
	s.r.mdscr_el1 = 0;
	s.r.oslk = true;
	s.r.osdlr_el1 = 1;
	s.r.mdcr_el3 = AD_MDCR3_SDD;
	s.r.scr_el3 &= ~AD_SCR_NS;
	s.pe.d = true;
	ev = ad_check_brk(&s, 0x3e8);
	ck_assert(ev.take);
	ck_assert_uint_eq(ev.target_el, AD_EL1);
	ck_assert_uint_eq(ev.esr, 0xF20003E8);
}
END_TEST

START_TEST(test_brk_at_el3)
{
	struct ad_state s;
	struct ad_debug_event ev;

	en_setup(&s);
	s.pe.el = AD_EL3;
	ev = ad_check_brk(&s, 0xffff);
	ck_assert(ev.take);
	ck_assert_uint_eq(ev.target_el, AD_EL3);
	ck_assert_uint_eq(ev.esr, 0xF200FFFF);
}
END_TEST

START_TEST(test_reason_strings)
{
	unsigned r;

	for (r = AD_DIS_NONE; r <= AD_DIS_SS; r++) {
		ck_assert_ptr_nonnull(ad_disable_reason_str(r));
		ck_assert_uint_gt(strlen(ad_disable_reason_str(r)), 0);
	}
	ck_assert_str_ne(ad_disable_reason_str(AD_DIS_KDE),
			 ad_disable_reason_str(AD_DIS_MASKED));
}
END_TEST

Suite *enable_suite(void)
{
	Suite *s = suite_create("enable");
	TCase *tc;

	tc = tcase_create("generate_from");
	tcase_add_test(tc, test_from_el0_enabled);
	tcase_add_test(tc, test_from_oslk);
	tcase_add_test(tc, test_from_double_lock);
	tcase_add_test(tc, test_from_el1_kde);
	tcase_add_test(tc, test_from_el1_mask);
	tcase_add_test(tc, test_from_el1_tde);
	tcase_add_test(tc, test_from_el0_tge);
	tcase_add_test(tc, test_from_el2_lower);
	tcase_add_test(tc, test_from_el2_tde_kde_mask);
	tcase_add_test(tc, test_from_el3_never);
	tcase_add_test(tc, test_from_sdd);
	tcase_add_test(tc, test_from_secure_tde_not_routed);
	tcase_add_test(tc, test_from_no_el2);
	tcase_add_test(tc, test_target_from);
	tcase_add_test(tc, test_generate_current);
	suite_add_tcase(s, tc);

	tc = tcase_create("pe_state");
	tcase_add_test(tc, test_is_secure);
	tcase_add_test(tc, test_el2_enabled);
	tcase_add_test(tc, test_el_is_in_host);
	tcase_add_test(tc, test_double_lock_status);
	suite_add_tcase(s, tc);

	tc = tcase_create("breakpoint_check");
	tcase_add_test(tc, test_bp_from_el0_taken);
	tcase_add_test(tc, test_bp_no_match);
	tcase_add_test(tc, test_bp_mde_gate);
	tcase_add_test(tc, test_bp_oslk_not_taken);
	tcase_add_test(tc, test_bp_el1_kde_masked);
	tcase_add_test(tc, test_bp_el1_tde_to_el2);
	tcase_add_test(tc, test_bp_el2);
	tcase_add_test(tc, test_bp_el3_never_taken);
	tcase_add_test(tc, test_bp_secure_sdd);
	suite_add_tcase(s, tc);

	tc = tcase_create("watchpoint_check");
	tcase_add_test(tc, test_wp_from_el0_store);
	tcase_add_test(tc, test_wp_mde_gate);
	tcase_add_test(tc, test_wp_oslk);
	tcase_add_test(tc, test_wp_el1_same_el_load);
	suite_add_tcase(s, tc);

	tc = tcase_create("brk");
	tcase_add_test(tc, test_brk_target);
	tcase_add_test(tc, test_brk_target_routed);
	tcase_add_test(tc, test_brk_always_taken);
	tcase_add_test(tc, test_brk_at_el3);
	tcase_add_test(tc, test_reason_strings);
	suite_add_tcase(s, tc);

	return s;
}
