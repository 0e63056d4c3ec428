// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_linking.c - linked breakpoints and watchpoints: an
 * address comparator linked (LBN) to a context-aware breakpoint programmed
 * with a linked context type (digest 1.2 "Linked address bp", 2.2 "Linked
 * watchpoints"; J1 AArch64.StateMatch / AArch64.BreakpointValueMatch).
 *
 * Cortex-A57: bps 4 and 5 are the context-aware ones.
 */
#include "ut.h"

#define PC 0x40002000ull
#define CTX 0x42ull

/* bp 0: linked address (BT=0001) -> bp @lbn; bp 4: linked Context ID. */
static void link_setup(struct ad_state *s, unsigned lbn)
{
	ut_setup(s, ut_preset("cortex-a57"));
	s->r.contextidr_el1 = CTX;
	s->r.bvr[0] = PC;
	s->r.bcr[0] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 3, .bas = 0xf,
					      .bt = 1, .lbn = lbn });
	s->r.bvr[4] = CTX;
	s->r.bcr[4] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 3, .bas = 0xf,
					      .bt = 3 });
}

/* BT=0001 -> BT=0011 with a matching CONTEXTIDR_EL1: only bp 0 hits. */
START_TEST(test_linked_bp_matches)
{
	struct ad_state s;

	link_setup(&s, 4);
	ck_assert(ad_breakpoint_match(&s, 0, PC));
	/* a link target never hits by itself */
	ck_assert(!ad_breakpoint_match(&s, 4, PC));
	ck_assert_uint_eq(ad_breakpoints_matching(&s, PC), 0x1);
}
END_TEST

START_TEST(test_linked_bp_context_differs)
{
	struct ad_state s;

	link_setup(&s, 4);
	s.r.contextidr_el1 = CTX + 1;
	ck_assert(!ad_breakpoint_match(&s, 0, PC));
}
END_TEST

START_TEST(test_linked_bp_address_differs)
{
	struct ad_state s;

	link_setup(&s, 4);
	ck_assert(!ad_breakpoint_match(&s, 0, PC + 4));
}
END_TEST

/* Link target disabled (E=0): the linked breakpoint never matches. */
START_TEST(test_linked_bp_target_disabled)
{
	struct ad_state s;

	link_setup(&s, 4);
	s.r.bcr[4] &= ~1ull;
	ck_assert(!ad_breakpoint_match(&s, 0, PC));
	ck_assert_uint_eq(ad_breakpoints_matching(&s, PC), 0);
}
END_TEST

/* Link target programmed as *unlinked* context (0010): no link, bp 4 hits alone. */
START_TEST(test_linked_bp_target_not_linking)
{
	struct ad_state s;

	link_setup(&s, 4);
	s.r.bcr[4] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 3, .bas = 0xf, .bt = 2 });
	ck_assert(!ad_breakpoint_match(&s, 0, PC));
	ck_assert(ad_breakpoint_match(&s, 4, PC));
	ck_assert_uint_eq(ad_breakpoints_matching(&s, PC), 0x10);
}
END_TEST

/* Only the address bp's PMC/HMC/SSC apply; the target's are ignored. */
START_TEST(test_linked_bp_target_state_ignored)
{
	struct ad_state s;

	link_setup(&s, 4);
	s.r.bcr[0] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 2, .bas = 0xf,
					     .bt = 1, .lbn = 4 });
	s.r.bcr[4] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 1, .bas = 0xf, .bt = 3 });
	s.pe.el = AD_EL0;
	ck_assert(ad_breakpoint_match(&s, 0, PC));
	s.pe.el = AD_EL1;
	ck_assert(!ad_breakpoint_match(&s, 0, PC));
}
END_TEST

/* BT=1001 (linked VMID) target: needs EL2 enabled (Non-secure). */
START_TEST(test_linked_bp_vmid)
{
	struct ad_state s;

	link_setup(&s, 5);
	s.r.vttbr_el2 = 0x5Aull << 48;
	s.r.bvr[5] = 0x5Aull << 32;
	s.r.bcr[5] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 3, .bas = 0xf, .bt = 9 });
	ck_assert(ad_breakpoint_match(&s, 0, PC));
	s.r.scr_el3 &= ~AD_SCR_NS;
	ck_assert(!ad_breakpoint_match(&s, 0, PC));
}
END_TEST

/* --- LBN to a bp that is not context-aware: Unpredictable_BPNOTCTXCMP ---- */

static void notctx_setup(struct ad_state *s, unsigned lbn, unsigned pol)
{
	link_setup(s, lbn);
	s->pol.choice[AD_POL_BPNOTCTXCMP] = pol;
	/* every context-aware bp is a matching linked Context ID bp */
	s->r.bvr[5] = CTX;
	s->r.bcr[5] = s->r.bcr[4];
	/* bp 1 (not context-aware) programmed like a link target anyway */
	s->r.bvr[1] = CTX;
	s->r.bcr[1] = s->r.bcr[4];
}

START_TEST(test_notctx_disabled)
{
	struct ad_state s;

	notctx_setup(&s, 1, AD_BPNOTCTXCMP_DISABLED);
	ck_assert(!ad_breakpoint_match(&s, 0, PC));
}
END_TEST

/* Constraint_NONE: the breakpoint behaves as unlinked (address only). */
START_TEST(test_notctx_unlinked)
{
	struct ad_state s;

	notctx_setup(&s, 1, AD_BPNOTCTXCMP_UNLINKED);
	ck_assert(ad_breakpoint_match(&s, 0, PC));
	s.r.contextidr_el1 = CTX + 1;
	ck_assert(ad_breakpoint_match(&s, 0, PC));
	ck_assert(!ad_breakpoint_match(&s, 0, PC + 4));
}
END_TEST

/* Constraint_UNKNOWN: linked to some context-aware bp (4 or 5 here). */
START_TEST(test_notctx_unknown)
{
	struct ad_state s;

	notctx_setup(&s, 1, AD_BPNOTCTXCMP_UNKNOWN);
	ck_assert(ad_breakpoint_match(&s, 0, PC));
	s.r.contextidr_el1 = CTX + 1;
	ck_assert(!ad_breakpoint_match(&s, 0, PC));
}
END_TEST

/* LBN = 9 on a 6-bp CPU: not implemented, hence not context-aware either. */
START_TEST(test_notctx_unimplemented)
{
	struct ad_state s;

	notctx_setup(&s, 9, AD_BPNOTCTXCMP_DISABLED);
	ck_assert(!ad_breakpoint_match(&s, 0, PC));
	notctx_setup(&s, 9, AD_BPNOTCTXCMP_UNLINKED);
	ck_assert(ad_breakpoint_match(&s, 0, PC));
}
END_TEST

/* --- linked watchpoints (WT=1) ------------------------------------------- */

static void wlink_setup(struct ad_state *s, unsigned lbn)
{
	link_setup(s, 4);
	s->r.bcr[0] = 0;
	s->r.wvr[1] = 0x8000;
	s->r.wcr[1] = ut_wcr((struct ut_wcr){ .e = 1, .pac = 3, .lsc = 3,
					      .bas = 0xff, .wt = 1, .lbn = lbn });
}

static bool wlink_hits(const struct ad_state *s)
{
	struct ad_access a = { .va = 0x8000, .size = 4, .kind = AD_ACC_LOAD };
	uint64_t fb;

	return ad_watchpoint_match(s, 1, &a, &fb);
}

START_TEST(test_linked_wp_matches)
{
	struct ad_state s;

	wlink_setup(&s, 4);
	ck_assert(wlink_hits(&s));
	s.r.contextidr_el1 = CTX + 1;
	ck_assert(!wlink_hits(&s));
}
END_TEST

START_TEST(test_linked_wp_target_disabled)
{
	struct ad_state s;

	wlink_setup(&s, 4);
	s.r.bcr[4] &= ~1ull;
	ck_assert(!wlink_hits(&s));
}
END_TEST

START_TEST(test_linked_wp_notctx_policy)
{
	struct ad_state s;

	wlink_setup(&s, 2);
	s.pol.choice[AD_POL_BPNOTCTXCMP] = AD_BPNOTCTXCMP_DISABLED;
	ck_assert(!wlink_hits(&s));
	s.pol.choice[AD_POL_BPNOTCTXCMP] = AD_BPNOTCTXCMP_UNLINKED;
	ck_assert(wlink_hits(&s));
}
END_TEST

Suite *linking_suite(void)
{
	Suite *s = suite_create("linking");
	TCase *tc;

	tc = tcase_create("breakpoints");
	tcase_add_test(tc, test_linked_bp_matches);
	tcase_add_test(tc, test_linked_bp_context_differs);
	tcase_add_test(tc, test_linked_bp_address_differs);
	tcase_add_test(tc, test_linked_bp_target_disabled);
	tcase_add_test(tc, test_linked_bp_target_not_linking);
	tcase_add_test(tc, test_linked_bp_target_state_ignored);
	tcase_add_test(tc, test_linked_bp_vmid);
	suite_add_tcase(s, tc);

	tc = tcase_create("bpnotctxcmp");
	tcase_add_test(tc, test_notctx_disabled);
	tcase_add_test(tc, test_notctx_unlinked);
	tcase_add_test(tc, test_notctx_unknown);
	tcase_add_test(tc, test_notctx_unimplemented);
	suite_add_tcase(s, tc);

	tc = tcase_create("watchpoints");
	tcase_add_test(tc, test_linked_wp_matches);
	tcase_add_test(tc, test_linked_wp_target_disabled);
	tcase_add_test(tc, test_linked_wp_notctx_policy);
	suite_add_tcase(s, tc);

	return s;
}
