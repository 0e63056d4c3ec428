// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_state_match.c - PMC/PAC x HMC x SSC: which combinations
 * are reserved (CheckValidStateMatch) and where each valid one matches
 * (AArch64.StateMatch), for breakpoints and for watchpoints.
 *
 * The table below is written by hand from digest section 3 (itself from
 * J1 CheckValidStateMatch / AArch64.StateMatch), for a PE with EL3 and
 * EL2, no Secure EL2, no RME, and AArch32 at EL1 (the Cortex-A57):
 *
 *   EL3_match = HMC == 1 && SSC<0> == 0
 *   EL2_match = (HMC == 1 && SSC:PxC != 1000) || SSC == 11
 *   EL1_match = PxC<0>;  EL0_match = PxC<1>
 *   SSC 00: any state; 01: Non-secure; 10: Secure; 11: HMC || Secure
 *
 * Reserved (CheckValidStateMatch, no SEL2, EL2+EL3 present):
 *   HMC=0 SSC=11 PxC=10;  HMC=1 SSC=00 PxC=x0;  HMC=1 SSC=01 PxC=10;
 *   HMC=1 SSC=1x PxC=10;  HMC:SSC:PxC in {01100, 10100, x11x1};
 *   HMC=0 PxC=00 SSC!=11 for watchpoints (AArch32 Usr/Sys/Svc is bp-only).
 */
#include "ut.h"

/* Columns: where a comparator may match. */
enum {
	NS0 = 1 << 0, /* EL0 Non-secure */
	NS1 = 1 << 1, /* EL1 Non-secure */
	NS2 = 1 << 2, /* EL2 Non-secure */
	S0 = 1 << 3,  /* EL0 Secure */
	S1 = 1 << 4,  /* EL1 Secure */
	S3 = 1 << 5,  /* EL3 (Secure) */
};

#define RSVD 0xff /* reserved combination */

struct sm_row {
	unsigned hmc, ssc, pxc;
	uint8_t bp; /* breakpoint: match set or RSVD */
	uint8_t wp; /* watchpoint: match set or RSVD */
};

/* Index = hmc << 4 | ssc << 2 | pxc. */
static const struct sm_row table[32] = {
	/* HMC=0 SSC=00 */
	{ 0, 0, 0, 0, RSVD },             /* AArch32 PL1/PL0 only: no AArch64 match */
	{ 0, 0, 1, NS1 | S1, NS1 | S1 },
	{ 0, 0, 2, NS0 | S0, NS0 | S0 },
	{ 0, 0, 3, NS0 | NS1 | S0 | S1, NS0 | NS1 | S0 | S1 },
	/* HMC=0 SSC=01 */
	{ 0, 1, 0, 0, RSVD },
	{ 0, 1, 1, NS1, NS1 },
	{ 0, 1, 2, NS0, NS0 },
	{ 0, 1, 3, NS0 | NS1, NS0 | NS1 },
	/* HMC=0 SSC=10 */
	{ 0, 2, 0, 0, RSVD },
	{ 0, 2, 1, S1, S1 },
	{ 0, 2, 2, S0, S0 },
	{ 0, 2, 3, S0 | S1, S0 | S1 },
	/* HMC=0 SSC=11: all need Secure EL2, or are unallocated */
	{ 0, 3, 0, RSVD, RSVD },
	{ 0, 3, 1, RSVD, RSVD },
	{ 0, 3, 2, RSVD, RSVD },
	{ 0, 3, 3, RSVD, RSVD },
	/* HMC=1 SSC=00 */
	{ 1, 0, 0, RSVD, RSVD },
	{ 1, 0, 1, S3 | NS2 | NS1 | S1, S3 | NS2 | NS1 | S1 },
	{ 1, 0, 2, RSVD, RSVD },
	{ 1, 0, 3, S3 | NS2 | NS1 | NS0 | S1 | S0, S3 | NS2 | NS1 | NS0 | S1 | S0 },
	/* HMC=1 SSC=01 */
	{ 1, 1, 0, RSVD, RSVD },          /* needs Secure EL2 */
	{ 1, 1, 1, NS2 | NS1, NS2 | NS1 },
	{ 1, 1, 2, RSVD, RSVD },
	{ 1, 1, 3, NS2 | NS1 | NS0, NS2 | NS1 | NS0 },
	/* HMC=1 SSC=10 */
	{ 1, 2, 0, S3, S3 },
	{ 1, 2, 1, S3 | S1, S3 | S1 },
	{ 1, 2, 2, RSVD, RSVD },
	{ 1, 2, 3, S3 | S1 | S0, S3 | S1 | S0 },
	/* HMC=1 SSC=11 */
	{ 1, 3, 0, NS2, NS2 },            /* EL2 only */
	{ 1, 3, 1, RSVD, RSVD },
	{ 1, 3, 2, RSVD, RSVD },
	{ 1, 3, 3, RSVD, RSVD },
};

struct where {
	unsigned el;
	bool secure;
	unsigned bit;
};

static const struct where columns[] = {
	{ AD_EL0, false, NS0 }, { AD_EL1, false, NS1 }, { AD_EL2, false, NS2 },
	{ AD_EL0, true, S0 },   { AD_EL1, true, S1 },   { AD_EL3, true, S3 },
};

static void put_pe(struct ad_state *s, const struct where *w)
{
	s->pe.el = w->el;
	if (w->secure)
		s->r.scr_el3 &= ~AD_SCR_NS;
	else
		s->r.scr_el3 |= AD_SCR_NS;
}

static void check_row(bool is_wp, unsigned i)
{
	const struct sm_row *r = &table[i];
	uint8_t want = is_wp ? r->wp : r->bp;
	struct ad_state s;
	uint64_t ctrl;
	unsigned k;

	ck_assert_uint_eq(i, r->hmc << 4 | r->ssc << 2 | r->pxc);
	ut_setup(&s, ut_preset("cortex-a57"));
	s.pol.choice[AD_POL_RESBPWPCTRL] = AD_RESBPWPCTRL_DISABLED;

	ck_assert_msg(ad_valid_state_match(s.cfg, 0, r->ssc, r->hmc, r->pxc, is_wp) ==
		      (want != RSVD),
		      "%s HMC=%u SSC=%u PxC=%u: valid should be %d",
		      is_wp ? "wp" : "bp", r->hmc, r->ssc, r->pxc, want != RSVD);

	if (is_wp)
		ctrl = ut_wcr((struct ut_wcr){ .e = 1, .pac = r->pxc, .lsc = 3,
			      .bas = 0xff, .hmc = r->hmc, .ssc = r->ssc });
	else
		ctrl = ut_bcr((struct ut_bcr){ .e = 1, .pmc = r->pxc, .bas = 0xf,
			      .hmc = r->hmc, .ssc = r->ssc });

	/* A reserved combination, resolved "disabled", matches nothing. */
	if (want == RSVD)
		want = 0;
	for (k = 0; k < sizeof(columns) / sizeof(columns[0]); k++) {
		put_pe(&s, &columns[k]);
		ck_assert_msg(ad_state_match(&s, ctrl, is_wp, columns[k].el,
					     columns[k].secure) ==
			      !!(want & columns[k].bit),
			      "%s HMC=%u SSC=%u PxC=%u at EL%u %s: expected %d",
			      is_wp ? "wp" : "bp", r->hmc, r->ssc, r->pxc,
			      columns[k].el, columns[k].secure ? "S" : "NS",
			      !!(want & columns[k].bit));
	}
}

START_TEST(test_bp_state_match)
{
	check_row(false, _i);
}
END_TEST

START_TEST(test_wp_state_match)
{
	check_row(true, _i);
}
END_TEST

/*
 * The table through the full breakpoint path: a breakpoint with the row's
 * controls, BVR = PC, at each Non-secure/Secure EL0/EL1 and NS EL2.
 */
START_TEST(test_bp_match_uses_state)
{
	const struct sm_row *r = &table[_i];
	uint8_t want = r->bp == RSVD ? 0 : r->bp;
	struct ad_state s;
	unsigned k;

	ut_setup(&s, ut_preset("cortex-a57"));
	s.pol.choice[AD_POL_RESBPWPCTRL] = AD_RESBPWPCTRL_DISABLED;
	s.r.bvr[1] = 0x400000;
	s.r.bcr[1] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = r->pxc, .bas = 0xf,
					     .hmc = r->hmc, .ssc = r->ssc });
	for (k = 0; k < 5; k++) {
		put_pe(&s, &columns[k]);
		ck_assert_msg(ad_breakpoint_match(&s, 1, 0x400000) ==
			      !!(want & columns[k].bit),
			      "HMC=%u SSC=%u PMC=%u at EL%u %s", r->hmc, r->ssc,
			      r->pxc, columns[k].el, columns[k].secure ? "S" : "NS");
	}
}
END_TEST

/*
 * Under AD_RESBPWPCTRL_UNKNOWN a reserved combination behaves as some
 * UNKNOWN *valid* combination (J1 CheckValidStateMatch): its match set
 * over the six columns must be the match set of one valid watchpoint row.
 * A valid row keeps its own match set.
 */
START_TEST(test_wp_reserved_unknown_is_a_valid_row)
{
	const struct sm_row *r = &table[_i];
	struct ad_state s;
	uint64_t ctrl;
	uint8_t got = 0;
	bool found = false;
	unsigned k;

	ut_setup(&s, ut_preset("cortex-a57"));
	s.pol.choice[AD_POL_RESBPWPCTRL] = AD_RESBPWPCTRL_UNKNOWN;
	ctrl = ut_wcr((struct ut_wcr){ .e = 1, .pac = r->pxc, .lsc = 3,
				       .bas = 0xff, .hmc = r->hmc, .ssc = r->ssc });
	for (k = 0; k < sizeof(columns) / sizeof(columns[0]); k++) {
		put_pe(&s, &columns[k]);
		if (ad_state_match(&s, ctrl, true, columns[k].el, columns[k].secure))
			got |= columns[k].bit;
	}
	if (r->wp != RSVD) {
		ck_assert_uint_eq(got, r->wp);
		return;
	}
	for (k = 0; k < 32; k++)
		if (table[k].wp != RSVD && table[k].wp == got)
			found = true;
	ck_assert_msg(found, "HMC=%u SSC=%u PAC=%u gave match set 0x%x",
		      r->hmc, r->ssc, r->pxc, got);
}
END_TEST

/* --- other configurations (digest 3 "Reserved") ------------------------ */

/* Only EL1/EL0: any HMC != 0 or SSC != 00 is reserved. */
START_TEST(test_valid_el1_only)
{
	struct ad_config c = *ut_preset("cortex-a57");

	c.el2 = false;
	c.el3 = false;
	ck_assert(ad_valid_state_match(&c, 0, 0, false, 1, false));
	ck_assert(ad_valid_state_match(&c, 0, 0, false, 3, true));
	ck_assert(!ad_valid_state_match(&c, 0, 0, true, 1, false));
	ck_assert(!ad_valid_state_match(&c, 0, 1, false, 1, false));
	ck_assert(!ad_valid_state_match(&c, 0, 2, false, 3, true));
	ck_assert(!ad_valid_state_match(&c, 0, 3, true, 0, false));
}
END_TEST

/* EL2 without EL3: SSC 01/10 reserved (no Secure state), HMC=1 SSC=11 PxC=00 valid. */
START_TEST(test_valid_el2_no_el3)
{
	struct ad_config c = *ut_preset("cortex-a57");

	c.el3 = false;
	ck_assert(ad_valid_state_match(&c, 0, 0, true, 1, false));
	ck_assert(ad_valid_state_match(&c, 0, 3, true, 0, true));
	ck_assert(!ad_valid_state_match(&c, 0, 1, false, 1, false));
	ck_assert(!ad_valid_state_match(&c, 0, 2, false, 3, true));
	ck_assert(!ad_valid_state_match(&c, 0, 2, true, 0, false)); /* EL3 only */
	ck_assert(!ad_valid_state_match(&c, 0, 1, true, 0, false)); /* needs SEL2 */
}
END_TEST

/* EL3 without EL2: HMC=1 SSC=11 PxC=00 (EL2 only) is reserved. */
START_TEST(test_valid_el3_no_el2)
{
	struct ad_config c = *ut_preset("cortex-a57");

	c.el2 = false;
	ck_assert(!ad_valid_state_match(&c, 0, 3, true, 0, false));
	ck_assert(!ad_valid_state_match(&c, 0, 3, true, 0, true));
	ck_assert(ad_valid_state_match(&c, 0, 2, true, 0, false));
	ck_assert(ad_valid_state_match(&c, 0, 1, false, 3, true));
}
END_TEST

/* HMC=0 PMC=00 is valid for breakpoints only with AArch32 EL1. */
START_TEST(test_valid_usr_sys_svc_needs_aarch32)
{
	struct ad_config c = *ut_preset("cortex-a57");

	ck_assert(ad_valid_state_match(&c, 0, 0, false, 0, false));
	c.aarch32_el1 = false;
	ck_assert(!ad_valid_state_match(&c, 0, 0, false, 0, false));
	ck_assert(!ad_valid_state_match(&c, 0, 1, false, 0, false));
	ck_assert(!ad_valid_state_match(&c, 0, 2, false, 0, false));
}
END_TEST

/* Without EL2, HMC=1 SSC=00 PxC=01 is still valid: it matches EL1 and EL3. */
START_TEST(test_hmc_without_el2)
{
	struct ad_config c = *ut_preset("cortex-a57");
	struct ad_state s;
	uint64_t ctrl = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 1, .bas = 0xf,
						.hmc = 1 });

	c.el2 = false;
	ut_setup(&s, &c);
	/* still EL1 (both states) and EL3 */
	ck_assert(ad_state_match(&s, ctrl, false, AD_EL1, false));
	s.pe.el = AD_EL3;
	ck_assert(ad_state_match(&s, ctrl, false, AD_EL3, true));
}
END_TEST

Suite *state_match_suite(void)
{
	Suite *s = suite_create("state_match");
	TCase *tc;

	tc = tcase_create("breakpoints");
	tcase_add_loop_test(tc, test_bp_state_match, 0, 32);
	tcase_add_loop_test(tc, test_bp_match_uses_state, 0, 32);
	suite_add_tcase(s, tc);

	tc = tcase_create("watchpoints");
	tcase_add_loop_test(tc, test_wp_state_match, 0, 32);
	suite_add_tcase(s, tc);

	tc = tcase_create("reserved");
	tcase_add_loop_test(tc, test_wp_reserved_unknown_is_a_valid_row, 0, 32);
	tcase_add_test(tc, test_valid_el1_only);
	tcase_add_test(tc, test_valid_el2_no_el3);
	tcase_add_test(tc, test_valid_el3_no_el2);
	tcase_add_test(tc, test_valid_usr_sys_svc_needs_aarch32);
	tcase_add_test(tc, test_hmc_without_el2);
	suite_add_tcase(s, tc);

	return s;
}
