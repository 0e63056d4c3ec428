// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_policy.c - the policy table: every CONSTRAINED
 * UNPREDICTABLE / IMPLEMENTATION DEFINED choice is named, documented,
 * has a default, and can be set by name.
 */
#include <ctype.h>
#include <stdio.h>

#include "ut.h"

/*
 * Number of choices per policy, from the choice enums in policy.h (the
 * contract), in enum ad_policy_id order.
 */
static const unsigned nchoices[AD_POL__COUNT] = {
	[AD_POL_RESBPTYPE] = 2,
	[AD_POL_RESBPWPCTRL] = 2,
	[AD_POL_BPNOTCTXCMP] = 3,
	[AD_POL_BPLINKEDADDRMATCH] = 2,
	[AD_POL_BPMATCHHALF] = 2,
	[AD_POL_BPMASK] = 3,
	[AD_POL_BPMASKEDBITS] = 2,
	[AD_POL_DBGXVR_RESS] = 2,
	[AD_POL_RESLSC] = 2,
	[AD_POL_WPBASCONTIGUOUS] = 4,
	[AD_POL_RESWPMASK] = 3,
	[AD_POL_WPMASKANDBAS] = 3,
	[AD_POL_WPMASKEDBITS] = 2,
	[AD_POL_WP_FAR] = 2,
	[AD_POL_STXR_FAIL_WP] = 2,
	[AD_POL_STEP_ISV] = 2,
	[AD_POL_STEP_VS_IRQ] = 2,
	[AD_POL_RESET_UNKNOWN] = 3,
	[AD_POL_BAS_READBACK] = 2,
	[AD_POL_DLK_WITHOUT_OSLK] = 2,
};

static void str_lower(char *d, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n && s[i]; i++)
		d[i] = (char)tolower((unsigned char)s[i]);
	d[i] = '\0';
}

/* @name without the (lower-case) prefix @pfx, or @name if it has none. */
static const char *strip(const char *name, const char *pfx)
{
	size_t i;

	for (i = 0; pfx[i]; i++)
		if (tolower((unsigned char)name[i]) != pfx[i])
			return name;
	return name + i;
}

static const char *strip_prefix(const char *name)
{
	const char *bare = strip(name, "unpredictable_");

	return bare != name ? bare : strip(name, "impdef_");
}

/* --- every policy resolvable by name ------------------------------------ */

START_TEST(test_policy_name_resolves)
{
	const struct ad_policy_desc *d = ad_policy_desc(_i);
	char low[128], pre[160];
	const char *bare;

	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_nonnull(d->name);
	ck_assert_uint_gt(strlen(d->name), 0);
	ck_assert_int_eq(ad_policy_find(d->name), (int)_i);
	/* case-insensitive */
	str_lower(low, d->name, sizeof(low));
	ck_assert_int_eq(ad_policy_find(low), (int)_i);
	/*
	 * The "Unpredictable_" / "Impdef_" prefix is optional (policy.h): the
	 * bare name resolves, and so does the bare name with the policy's
	 * own prefix put back.  (Changed after the first run: the test first
	 * put "Unpredictable_" in front of every name, including the
	 * IMPLEMENTATION DEFINED ones, which the contract never promised.)
	 */
	bare = strip_prefix(d->name);
	ck_assert_ptr_ne(bare, d->name);
	ck_assert_int_eq(ad_policy_find(bare), (int)_i);
	snprintf(pre, sizeof(pre), "%.*s%s", (int)(bare - d->name), d->name, bare);
	ck_assert_int_eq(ad_policy_find(pre), (int)_i);
	snprintf(pre, sizeof(pre), "%s%s",
		 strip(d->name, "unpredictable_") != d->name ? "UNPREDICTABLE_" : "IMPDEF_",
		 bare);
	ck_assert_int_eq(ad_policy_find(pre), (int)_i);
}
END_TEST

/* --- every policy documented, with a valid default, settable ------------ */

START_TEST(test_policy_documented_and_settable)
{
	const struct ad_policy_desc *d = ad_policy_desc(_i);
	struct ad_policies p;
	unsigned k;

	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->nchoices, nchoices[_i]);
	ck_assert_ptr_nonnull(d->choices);
	ck_assert_ptr_nonnull(d->choice_help);
	ck_assert_ptr_nonnull(d->situation);
	ck_assert_ptr_nonnull(d->source);
	ck_assert_ptr_nonnull(d->why_default);
	ck_assert_uint_gt(strlen(d->why_default), 0);
	ck_assert_uint_lt(d->dflt, d->nchoices);

	ad_policies_default(&p);
	ck_assert_uint_eq(p.choice[_i], d->dflt);

	for (k = 0; k < d->nchoices; k++) {
		ck_assert_ptr_nonnull(d->choices[k]);
		ck_assert_ptr_nonnull(d->choice_help[k]);
		ck_assert_int_eq(ad_policy_set(&p, d->name, d->choices[k]), 0);
		ck_assert_uint_eq(p.choice[_i], k);
	}
}
END_TEST

/* --- Arm's Unpredictable_* names (digest 10, S94) ----------------------- */

/*
 * The types.h comments give ids up to AD_POL_WPMASKEDBITS Arm's
 * Unpredictable_* names; the rest are IMPLEMENTATION DEFINED choices.
 */
START_TEST(test_policy_name_prefix_kind)
{
	const struct ad_policy_desc *d = ad_policy_desc(_i);
	bool arm = strip(d->name, "unpredictable_") != d->name;

	ck_assert_ptr_nonnull(d);
	ck_assert_msg(arm == (_i <= AD_POL_WPMASKEDBITS),
		      "policy %u is named %s", _i, d->name);
}
END_TEST

START_TEST(test_policy_arm_names)
{
	ck_assert_int_eq(ad_policy_find("Unpredictable_RESBPTYPE"), AD_POL_RESBPTYPE);
	ck_assert_int_eq(ad_policy_find("resbpwpctrl"), AD_POL_RESBPWPCTRL);
	ck_assert_int_eq(ad_policy_find("BPNOTCTXCMP"), AD_POL_BPNOTCTXCMP);
	ck_assert_int_eq(ad_policy_find("UNPREDICTABLE_BPMATCHHALF"), AD_POL_BPMATCHHALF);
	ck_assert_int_eq(ad_policy_find("Unpredictable_DBGxVR_RESS"), AD_POL_DBGXVR_RESS);
	ck_assert_int_eq(ad_policy_find("wpbascontiguous"), AD_POL_WPBASCONTIGUOUS);
	ck_assert_int_eq(ad_policy_find("Unpredictable_RESWPMASK"), AD_POL_RESWPMASK);
	ck_assert_int_eq(ad_policy_find("WPMASKANDBAS"), AD_POL_WPMASKANDBAS);
	ck_assert_int_eq(ad_policy_find("WPMASKEDBITS"), AD_POL_WPMASKEDBITS);
}
END_TEST

START_TEST(test_policy_find_unknown)
{
	ck_assert_int_eq(ad_policy_find("NOSUCHPOLICY"), -1);
	ck_assert_int_eq(ad_policy_find(""), -1);
	ck_assert_int_eq(ad_policy_find("Unpredictable_"), -1);
}
END_TEST

/* ad_policy_set: 0 ok, -1 unknown name, -2 unknown choice; no change on error. */
START_TEST(test_policy_set_errors)
{
	struct ad_policies p;
	struct ad_policies before;

	ad_policies_default(&p);
	ck_assert_int_eq(ad_policy_set(&p, "RESBPTYPE", "disabled"), 0);
	ck_assert_uint_eq(p.choice[AD_POL_RESBPTYPE], AD_RESBPTYPE_DISABLED);
	before = p;
	ck_assert_int_eq(ad_policy_set(&p, "NOSUCHPOLICY", "disabled"), -1);
	ck_assert_int_eq(ad_policy_set(&p, "RESBPTYPE", "no-such-choice"), -2);
	ck_assert_int_eq(ad_policy_set(&p, "RESBPTYPE", ""), -2);
	ck_assert_int_eq(memcmp(&p, &before, sizeof(p)), 0);
}
END_TEST

/* ad_policy() reads the state's choice, nothing else. */
START_TEST(test_policy_accessor)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	s.pol.choice[AD_POL_WPBASCONTIGUOUS] = AD_WPBAS_NOMATCH;
	ck_assert_uint_eq(ad_policy(&s, AD_POL_WPBASCONTIGUOUS), AD_WPBAS_NOMATCH);
	s.pol.choice[AD_POL_WPBASCONTIGUOUS] = AD_WPBAS_EACH_BYTE;
	ck_assert_uint_eq(ad_policy(&s, AD_POL_WPBASCONTIGUOUS), AD_WPBAS_EACH_BYTE);
}
END_TEST

/*
 * ad_state.pol_reads: ad_policy() notes each policy it is asked for.  A
 * watchpoint with a non-contiguous BAS (0b00000101) consults
 * Unpredictable_WPBASCONTIGUOUS for an access to its doubleword, and no
 * policy at all for an access to another doubleword, which no choice can
 * make it match (digest 2.2: DBGWVR is compared down to bit 3).
 */
START_TEST(test_policy_reads_noted)
{
	struct ad_state s;
	struct ad_access a = { .kind = AD_ACC_LOAD, .size = 1 };
	uint32_t reads = 0;

	ut_setup(&s, ut_preset("cortex-a57"));
	ck_assert_ptr_null(s.pol_reads);
	ad_reg_write(&s, AD_REG_DBGWCR, 0,
		     ut_wcr((struct ut_wcr){ .e = 1, .pac = 3, .lsc = 3,
					     .bas = 0x05 }));
	ad_reg_write(&s, AD_REG_DBGWVR, 0, 0x1000);
	s.pol_reads = &reads;

	a.va = 0x1008;
	ck_assert(!ad_watchpoint_match(&s, 0, &a, NULL));
	ck_assert_uint_eq(reads, 0);

	a.va = 0x1000;
	s.pol.choice[AD_POL_WPBASCONTIGUOUS] = AD_WPBAS_EACH_BYTE;
	ck_assert(ad_watchpoint_match(&s, 0, &a, NULL));
	ck_assert_uint_eq(reads, 1u << AD_POL_WPBASCONTIGUOUS);

	reads = 0;
	ck_assert_uint_eq(ad_policy(&s, AD_POL_STEP_ISV),
			  s.pol.choice[AD_POL_STEP_ISV]);
	ck_assert_uint_eq(reads, 1u << AD_POL_STEP_ISV);
	s.pol_reads = NULL;
}
END_TEST

Suite *policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc;

	tc = tcase_create("names");
	tcase_add_loop_test(tc, test_policy_name_resolves, 0, AD_POL__COUNT);
	tcase_add_loop_test(tc, test_policy_name_prefix_kind, 0, AD_POL__COUNT);
	tcase_add_test(tc, test_policy_arm_names);
	tcase_add_test(tc, test_policy_find_unknown);
	suite_add_tcase(s, tc);

	tc = tcase_create("choices");
	tcase_add_loop_test(tc, test_policy_documented_and_settable, 0, AD_POL__COUNT);
	tcase_add_test(tc, test_policy_set_errors);
	tcase_add_test(tc, test_policy_accessor);
	tcase_add_test(tc, test_policy_reads_noted);
	suite_add_tcase(s, tc);

	return s;
}
