// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_config.c - CPU presets, configuration validation, the
 * ID registers a configuration implies, and state initialisation.
 */
#include "ut.h"

static const char *const preset_names[] = {
	"cortex-a53", "cortex-a57", "cortex-a72", "v9-max",
};

/* --- presets ----------------------------------------------------------- */

START_TEST(test_preset_by_name)
{
	const char *name = preset_names[_i];
	const struct ad_config *c = ad_config_preset(name);
	const char *why = NULL;

	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->name, name);
	/* Every preset must be a configuration the architecture allows. */
	ck_assert_int_eq(ad_config_validate(c, &why), 0);
}
END_TEST

START_TEST(test_preset_unknown)
{
	ck_assert_ptr_null(ad_config_preset("cortex-a99"));
	ck_assert_ptr_null(ad_config_preset(""));
}
END_TEST

START_TEST(test_preset_at_lists_all)
{
	bool seen[4] = { false, false, false, false };
	unsigned i, k;

	for (i = 0; ad_config_preset_at(i); i++) {
		for (k = 0; k < 4; k++)
			if (!strcmp(ad_config_preset_at(i)->name, preset_names[k]))
				seen[k] = true;
		ck_assert_uint_lt(i, 1000);
	}
	for (k = 0; k < 4; k++)
		ck_assert_msg(seen[k], "%s not listed", preset_names[k]);
	ck_assert_ptr_null(ad_config_preset_at(i));
	ck_assert_ptr_null(ad_config_preset_at(100000));
}
END_TEST

/*
 * Cortex-A57: ID_AA64DFR0_EL1 = 0x10305106 (digest 8): 6 breakpoints
 * (BRPs=5), 4 watchpoints (WRPs=3), 2 context-aware (CTX_CMPs=1), Debug
 * v8.0 (DebugVer=6), so no VHE (v8.1) and no FEAT_BWE/Debugv8p9.
 */
START_TEST(test_a57_shape)
{
	const struct ad_config *c = ut_preset("cortex-a57");

	ck_assert_uint_eq(c->num_bps, 6);
	ck_assert_uint_eq(c->num_wps, 4);
	ck_assert_uint_eq(c->num_ctx_bps, 2);
	ck_assert_uint_eq(c->debugver, AD_DEBUGVER_V8P0);
	ck_assert(c->el2);
	ck_assert(c->el3);
	ck_assert(c->aarch32_el1);
	ck_assert(!c->vhe);
	ck_assert(!c->bwe);
	ck_assert(!c->debugv8p9);
}
END_TEST

/* v9-max: the feature-rich preset (VHE, BWE, Debugv8p9, EL2, EL3). */
START_TEST(test_v9max_shape)
{
	const struct ad_config *c = ut_preset("v9-max");

	ck_assert(c->vhe);
	ck_assert(c->bwe);
	ck_assert(c->debugv8p9);
	ck_assert(c->el2);
	ck_assert(c->el3);
	ck_assert_uint_eq(c->debugver, AD_DEBUGVER_V8P9);
}
END_TEST

/* --- validation (digest 8: 2..16 bps/wps, >=1 ctx; >16 needs v8p9) ----- */

static void expect_invalid(const struct ad_config *c)
{
	const char *why = NULL;

	ck_assert_int_eq(ad_config_validate(c, &why), -1);
	ck_assert_ptr_nonnull(why);
	ck_assert_uint_gt(strlen(why), 0);
}

START_TEST(test_validate_one_bp)
{
	struct ad_config c = *ut_preset("cortex-a57");

	c.num_bps = 1;
	c.num_ctx_bps = 1;
	expect_invalid(&c);
}
END_TEST

START_TEST(test_validate_65_bps)
{
	struct ad_config c = *ut_preset("v9-max");

	c.num_bps = 65;
	expect_invalid(&c);
}
END_TEST

START_TEST(test_validate_one_wp)
{
	struct ad_config c = *ut_preset("cortex-a57");

	c.num_wps = 1;
	expect_invalid(&c);
}
END_TEST

START_TEST(test_validate_65_wps)
{
	struct ad_config c = *ut_preset("v9-max");

	c.num_wps = 65;
	expect_invalid(&c);
}
END_TEST

START_TEST(test_validate_zero_ctx)
{
	struct ad_config c = *ut_preset("cortex-a57");

	c.num_ctx_bps = 0;
	expect_invalid(&c);
}
END_TEST

START_TEST(test_validate_ctx_above_bps)
{
	struct ad_config c = *ut_preset("cortex-a57");

	c.num_ctx_bps = 7;
	expect_invalid(&c);
}
END_TEST

/* More than 16 breakpoints needs FEAT_Debugv8p9 (digest 8). */
START_TEST(test_validate_17_bps_without_v8p9)
{
	struct ad_config c = *ut_preset("cortex-a57");

	c.num_bps = 17;
	expect_invalid(&c);
}
END_TEST

START_TEST(test_validate_limits_accepted)
{
	struct ad_config a = *ut_preset("cortex-a57");
	struct ad_config b = *ut_preset("v9-max");
	const char *why = NULL;

	a.num_bps = 16;
	a.num_wps = 16;
	a.num_ctx_bps = 16;
	ck_assert_int_eq(ad_config_validate(&a, &why), 0);
	a.num_bps = 2;
	a.num_wps = 2;
	a.num_ctx_bps = 1;
	ck_assert_int_eq(ad_config_validate(&a, &why), 0);
	b.num_bps = 64;
	b.num_wps = 64;
	b.num_ctx_bps = 4;
	ck_assert_int_eq(ad_config_validate(&b, &why), 0);
}
END_TEST

/* --- ID registers -------------------------------------------------------- */

/* digest 8: Cortex-A53/A57/A72 report ID_AA64DFR0_EL1 = 0x10305106. */
START_TEST(test_dfr0_cortex)
{
	static const char *const cores[] = {
		"cortex-a53", "cortex-a57", "cortex-a72",
	};

	ck_assert_uint_eq(ad_id_aa64dfr0(ut_preset(cores[_i])), 0x10305106ull);
}
END_TEST

/*
 * 16 bps, 2 wps, 3 ctx on the A57 base: DebugVer 6, PMUVer 1 (<<8),
 * BRPs 15 (<<12), WRPs 1 (<<20), CTX_CMPs 2 (<<28) -> 0x2010F106.
 */
START_TEST(test_dfr0_counts)
{
	struct ad_config c = *ut_preset("cortex-a57");

	c.num_bps = 16;
	c.num_wps = 2;
	c.num_ctx_bps = 3;
	ck_assert_uint_eq(ad_id_aa64dfr0(&c), 0x2010F106ull);
}
END_TEST

/* DebugVer [3:0] = 0b1011 for Debugv8p9 (digest 8). */
START_TEST(test_dfr0_debugver_v8p9)
{
	ck_assert_uint_eq(ad_id_aa64dfr0(ut_preset("v9-max")) & 0xf, 0xb);
}
END_TEST

/*
 * More than 16 (Debugv8p9): ID_AA64DFR1_EL1.BRPs [15:8], WRPs [23:16],
 * CTX_CMPs [31:24] hold count-1; ID_AA64DFR0_EL1.BRPs/WRPs read 0b1111
 * (Linux arch/arm64/tools/sysreg, DDI0601 ID_AA64DFR1_EL1).
 */
START_TEST(test_dfr1_more_than_16)
{
	struct ad_config c = *ut_preset("v9-max");
	uint64_t d0, d1;

	c.num_bps = 20;
	c.num_wps = 24;
	c.num_ctx_bps = 4;
	d0 = ad_id_aa64dfr0(&c);
	d1 = ad_id_aa64dfr1(&c);
	ck_assert_uint_eq((d1 >> 8) & 0xff, 19);
	ck_assert_uint_eq((d1 >> 16) & 0xff, 23);
	ck_assert_uint_eq((d1 >> 24) & 0xff, 3);
	ck_assert_uint_eq((d0 >> 12) & 0xf, 0xf);
	ck_assert_uint_eq((d0 >> 20) & 0xf, 0xf);
}
END_TEST

/* --- context-aware breakpoints (digest 1.2; J1 ContextAwareBreakpointRange) */

/* Cortex-A57: 6 bps, 2 context-aware -> bps 4 and 5. */
START_TEST(test_ctx_aware_a57)
{
	const struct ad_config *c = ut_preset("cortex-a57");

	ck_assert_int_eq(ad_bp_is_context_aware(c, _i), _i >= 4);
}
END_TEST

/* 20 bps, 4 ctx: b > 16 and c <= 16 -> [16-4, 15] = bps 12..15. */
START_TEST(test_ctx_aware_more_than_16)
{
	struct ad_config c = *ut_preset("v9-max");
	unsigned n;

	c.num_bps = 20;
	c.num_ctx_bps = 4;
	for (n = 0; n < 20; n++)
		ck_assert_msg(ad_bp_is_context_aware(&c, n) == (n >= 12 && n <= 15),
			      "bp %u", n);
}
END_TEST

/* DebugAddrTop: 48, or 52 with FEAT_LVA (J1 DebugAddrTop). */
START_TEST(test_debug_addr_top)
{
	struct ad_config c = *ut_preset("cortex-a57");

	c.va_bits = 48;
	ck_assert_uint_eq(ad_debug_addr_top(&c), 48);
	c.va_bits = 52;
	ck_assert_uint_eq(ad_debug_addr_top(&c), 52);
}
END_TEST

/* --- state initialisation (config.h) ------------------------------------- */

/* PE at EL1 with PSTATE.D=1 after reset; cold reset sets OSLK (digest 4.1). */
START_TEST(test_state_init_reset_pe)
{
	struct ad_state s;
	struct ad_policies p;
	unsigned i;

	memset(&s, 0, sizeof(s));
	ad_state_init(&s, ut_preset("cortex-a57"));
	ck_assert_ptr_eq(s.cfg, ut_preset("cortex-a57"));
	ck_assert_uint_eq(s.pe.el, AD_EL1);
	ck_assert(s.pe.d);
	ck_assert(s.r.oslk);
	ad_policies_default(&p);
	for (i = 0; i < AD_POL__COUNT; i++)
		ck_assert_uint_eq(s.pol.choice[i], p.choice[i]);
}
END_TEST

/*
 * ad_state_init must give the same state whatever the memory held before
 * (determinism: no uninitialised reads later).
 */
START_TEST(test_state_init_independent_of_garbage)
{
	struct ad_state a, b;
	const struct ad_config *c = ut_preset("cortex-a57");
	unsigned i;

	memset(&a, 0x00, sizeof(a));
	memset(&b, 0xff, sizeof(b));
	ad_state_init(&a, c);
	ad_state_init(&b, c);
	for (i = 0; i < AD_MAX_BPS; i++) {
		ck_assert_uint_eq(a.r.bvr[i], b.r.bvr[i]);
		ck_assert_uint_eq(a.r.bcr[i], b.r.bcr[i]);
	}
	for (i = 0; i < AD_MAX_WPS; i++) {
		ck_assert_uint_eq(a.r.wvr[i], b.r.wvr[i]);
		ck_assert_uint_eq(a.r.wcr[i], b.r.wcr[i]);
	}
	ck_assert_uint_eq(a.r.mdscr_el1, b.r.mdscr_el1);
	ck_assert_int_eq(a.r.oslk, b.r.oslk);
	ck_assert_uint_eq(a.r.osdlr_el1, b.r.osdlr_el1);
	ck_assert_uint_eq(a.r.dbgprcr_el1, b.r.dbgprcr_el1);
	ck_assert_uint_eq(a.r.mdselr_el1, b.r.mdselr_el1);
	ck_assert_uint_eq(a.r.claim, b.r.claim);
	ck_assert_uint_eq(a.r.mdccint_el1, b.r.mdccint_el1);
	ck_assert_uint_eq(a.r.dbgdtrrx, b.r.dbgdtrrx);
	ck_assert_uint_eq(a.r.dbgdtrtx, b.r.dbgdtrtx);
	ck_assert_uint_eq(a.r.oseccr_el1, b.r.oseccr_el1);
	ck_assert_uint_eq(a.r.dbgvcr32_el2, b.r.dbgvcr32_el2);
	ck_assert_uint_eq(a.r.mdcr_el2, b.r.mdcr_el2);
	ck_assert_uint_eq(a.r.mdcr_el3, b.r.mdcr_el3);
	ck_assert_uint_eq(a.r.hcr_el2, b.r.hcr_el2);
	ck_assert_uint_eq(a.r.scr_el3, b.r.scr_el3);
	ck_assert_uint_eq(a.r.contextidr_el1, b.r.contextidr_el1);
	ck_assert_uint_eq(a.r.contextidr_el2, b.r.contextidr_el2);
	ck_assert_uint_eq(a.r.vttbr_el2, b.r.vttbr_el2);
	ck_assert_uint_eq(a.r.vtcr_el2, b.r.vtcr_el2);
	ck_assert_uint_eq(a.pe.el, b.pe.el);
	ck_assert_int_eq(a.pe.d, b.pe.d);
	ck_assert_int_eq(a.pe.ss, b.pe.ss);
	ck_assert_int_eq(a.pe.uao, b.pe.uao);
	ck_assert_int_eq(a.pe.pan, b.pe.pan);
	ck_assert_int_eq(a.pe.halted, b.pe.halted);
	ck_assert_uint_eq(a.pe.ss_prev, b.pe.ss_prev);
	ck_assert_int_eq(a.pe.ss_prev_ex, b.pe.ss_prev_ex);
	for (i = 0; i < AD_POL__COUNT; i++)
		ck_assert_uint_eq(a.pol.choice[i], b.pol.choice[i]);
}
END_TEST

Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc;

	tc = tcase_create("presets");
	tcase_add_loop_test(tc, test_preset_by_name, 0, 4);
	tcase_add_test(tc, test_preset_unknown);
	tcase_add_test(tc, test_preset_at_lists_all);
	tcase_add_test(tc, test_a57_shape);
	tcase_add_test(tc, test_v9max_shape);
	suite_add_tcase(s, tc);

	tc = tcase_create("validate");
	tcase_add_test(tc, test_validate_one_bp);
	tcase_add_test(tc, test_validate_65_bps);
	tcase_add_test(tc, test_validate_one_wp);
	tcase_add_test(tc, test_validate_65_wps);
	tcase_add_test(tc, test_validate_zero_ctx);
	tcase_add_test(tc, test_validate_ctx_above_bps);
	tcase_add_test(tc, test_validate_17_bps_without_v8p9);
	tcase_add_test(tc, test_validate_limits_accepted);
	suite_add_tcase(s, tc);

	tc = tcase_create("id_regs");
	tcase_add_loop_test(tc, test_dfr0_cortex, 0, 3);
	tcase_add_test(tc, test_dfr0_counts);
	tcase_add_test(tc, test_dfr0_debugver_v8p9);
	tcase_add_test(tc, test_dfr1_more_than_16);
	suite_add_tcase(s, tc);

	tc = tcase_create("context_aware");
	tcase_add_loop_test(tc, test_ctx_aware_a57, 0, 6);
	tcase_add_test(tc, test_ctx_aware_more_than_16);
	tcase_add_test(tc, test_debug_addr_top);
	suite_add_tcase(s, tc);

	tc = tcase_create("state_init");
	tcase_add_test(tc, test_state_init_reset_pe);
	tcase_add_test(tc, test_state_init_independent_of_garbage);
	suite_add_tcase(s, tc);

	return s;
}
