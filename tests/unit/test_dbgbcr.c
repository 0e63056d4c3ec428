// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_dbgbcr.c - breakpoints: every BT value on a
 * context-aware and a non-context-aware breakpoint, reserved types
 * (Unpredictable_RESBPTYPE), BAS, the address comparison, context/VMID
 * comparison, FEAT_BWE MASK and address mismatch, and E for n >= 16.
 */
#include "ut.h"

#define PC 0x40001000ull

/*
 * Cortex-A57: 6 bps, bps 4-5 context-aware, EL2+EL3, AArch32 EL1, no VHE,
 * no BWE (digest 1.2, J1 AArch64.ReservedBreakpointType):
 *  - a context type (BT not in {000x, 010x}) on bp 0..3: reserved;
 *  - 011x and 11xx without VHE (and without Debugv8p2): reserved;
 *  - 010x (address mismatch) without FEAT_BWE: reserved.  The sources
 *    disagree here (digest 1.2): v8.0-v8.5 pseudocode (S85
 *    AArch64_BreakpointValueMatch) reserves it in AArch64 whatever
 *    AArch32 support exists, newer J1 text allows it with AArch32 EL1;
 *    the digest recommends "reserved" for a v8.0 core such as the A57.
 *  - 1xxx needs EL2: present, so 1000-1011 are allocated on bp 4/5.
 * -1 = behaves as disabled (AD_RESBPTYPE_DISABLED).
 */
static const int a57_bt_ncx[16] = {
	0, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};
static const int a57_bt_ctx[16] = {
	0, 1, 2, 3, -1, -1, -1, -1, 8, 9, 10, 11, -1, -1, -1, -1,
};

/*
 * What ad_breakpoint_match gives at PC = BVR = CONTEXTIDR_EL1 = 0x40001000,
 * VMID 0 = BVR[39:32], Non-secure EL1, LBN -> bp 5 (disabled):
 *  0000 address match: hit.  0001 linked to a disabled bp: no hit.
 *  0010 Context ID = CONTEXTIDR_EL1 at EL1: hit.  xxx1 link targets
 *  (0011, 1001, 1011) never hit alone (J1 AArch64.BreakpointMatch).
 *  1000 VMID: EL2 enabled (NS), not in host, VMID 0 == 0: hit.
 *  1010 VMID + CONTEXTIDR_EL1: hit.  Reserved types: disabled, no hit.
 */
static const bool a57_hit_ncx[16] = {
	1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};
static const bool a57_hit_ctx[16] = {
	1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0,
};

static void bt_setup(struct ad_state *s, unsigned n, unsigned bt, unsigned pol)
{
	ut_setup(s, ut_preset("cortex-a57"));
	s->pol.choice[AD_POL_RESBPTYPE] = pol;
	s->r.contextidr_el1 = PC;
	s->r.vttbr_el2 = 0;
	s->r.bvr[n] = PC;
	s->r.bcr[n] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 3, .bas = 0xf,
					      .bt = bt, .lbn = 5 });
}

START_TEST(test_bt_a57_non_ctx)
{
	struct ad_state s;

	bt_setup(&s, 0, _i, AD_RESBPTYPE_DISABLED);
	ck_assert_int_eq(ad_effective_bt(&s, 0), a57_bt_ncx[_i]);
	ck_assert_int_eq(ad_breakpoint_match(&s, 0, PC), a57_hit_ncx[_i]);
}
END_TEST

START_TEST(test_bt_a57_ctx)
{
	struct ad_state s;

	bt_setup(&s, 4, _i, AD_RESBPTYPE_DISABLED);
	ck_assert_int_eq(ad_effective_bt(&s, 4), a57_bt_ctx[_i]);
	ck_assert_int_eq(ad_breakpoint_match(&s, 4, PC), a57_hit_ctx[_i]);
}
END_TEST

/*
 * AD_RESBPTYPE_UNKNOWN: a reserved type behaves as an UNKNOWN allocated
 * type, i.e. one that is not reserved on this breakpoint; an allocated
 * type is itself.  The answer is deterministic.
 */
static void check_unknown(unsigned n, const int *table, unsigned bt)
{
	struct ad_state s;
	int got;

	bt_setup(&s, n, bt, AD_RESBPTYPE_UNKNOWN);
	got = ad_effective_bt(&s, n);
	if (table[bt] >= 0) {
		ck_assert_int_eq(got, table[bt]);
	} else {
		ck_assert_int_ge(got, 0);
		ck_assert_int_lt(got, 16);
		ck_assert_msg(table[got] == got, "BT %u resolved to reserved %d",
			      bt, got);
	}
	ck_assert_int_eq(ad_effective_bt(&s, n), got);
}

START_TEST(test_bt_a57_non_ctx_unknown)
{
	check_unknown(0, a57_bt_ncx, _i);
}
END_TEST

START_TEST(test_bt_a57_ctx_unknown)
{
	check_unknown(4, a57_bt_ctx, _i);
}
END_TEST

/*
 * v9-max base (VHE, BWE, EL2): with 16 bps and 4 context-aware (12..15),
 * every BT is allocated on a context-aware bp; on a non-context-aware one
 * only 000x and 010x (mismatch, FEAT_BWE) are.
 */
static void v9_bt_setup(struct ad_state *s, struct ad_config *c, unsigned n,
			unsigned bt)
{
	*c = *ut_preset("v9-max");
	c->num_bps = 16;
	c->num_ctx_bps = 4;
	ut_setup(s, c);
	s->pol.choice[AD_POL_RESBPTYPE] = AD_RESBPTYPE_DISABLED;
	s->r.bvr[n] = PC;
	s->r.bcr[n] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 3, .bas = 0xf,
					      .bt = bt, .lbn = 13 });
}

START_TEST(test_bt_v9_ctx)
{
	struct ad_config c;
	struct ad_state s;

	v9_bt_setup(&s, &c, 12, _i);
	ck_assert(ad_bp_is_context_aware(&c, 12));
	ck_assert_int_eq(ad_effective_bt(&s, 12), (int)_i);
}
END_TEST

START_TEST(test_bt_v9_non_ctx)
{
	struct ad_config c;
	struct ad_state s;
	int want = (_i == 0 || _i == 1 || _i == 4 || _i == 5) ? (int)_i : -1;

	v9_bt_setup(&s, &c, 0, _i);
	ck_assert_int_eq(ad_effective_bt(&s, 0), want);
}
END_TEST

/* --- context comparisons (digest 1.2 BT table; J1 BreakpointValueMatch) */

/* BT=0010 on the A57 at EL2: not in host, so CONTEXTIDR_EL1 only at EL0/EL1. */
START_TEST(test_ctxid_not_at_el2_without_vhe)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	s.r.contextidr_el1 = 0x77;
	s.r.bvr[4] = 0x77;
	s.r.bcr[4] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 1, .hmc = 1,
					     .bas = 0xf, .bt = 2 });
	s.pe.el = AD_EL2;
	ck_assert(!ad_breakpoint_match(&s, 4, PC));
	s.pe.el = AD_EL1;
	ck_assert(ad_breakpoint_match(&s, 4, PC));
	s.r.contextidr_el1 = 0x78;
	ck_assert(!ad_breakpoint_match(&s, 4, PC));
}
END_TEST

/* BT=1000: VTTBR_EL2.VMID [55:48] vs BVR[39:32], only with EL2 enabled. */
START_TEST(test_vmid_match)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	s.r.vttbr_el2 = 0x5Aull << 48;
	s.r.bvr[5] = 0x5Aull << 32;
	s.r.bcr[5] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 3, .bas = 0xf, .bt = 8 });
	ck_assert(ad_breakpoint_match(&s, 5, PC));
	s.pe.el = AD_EL0;
	ck_assert(ad_breakpoint_match(&s, 5, PC));
	/* Secure EL1: EL2 not enabled (no Secure EL2) */
	s.pe.el = AD_EL1;
	s.r.scr_el3 &= ~AD_SCR_NS;
	ck_assert(!ad_breakpoint_match(&s, 5, PC));
	s.r.scr_el3 |= AD_SCR_NS;
	s.r.bvr[5] = 0x5Bull << 32;
	ck_assert(!ad_breakpoint_match(&s, 5, PC));
}
END_TEST

/* FEAT_VMID16 with VTCR_EL2.VS=1: 16-bit VMID, BVR[47:32]; VS=0: 8 bits. */
START_TEST(test_vmid16)
{
	struct ad_config c = *ut_preset("v9-max");
	struct ad_state s;

	c.num_bps = 16;
	c.num_ctx_bps = 4;
	c.vmid16 = true;
	ut_setup(&s, &c);
	s.r.bcr[12] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 3, .bas = 0xf, .bt = 8 });
	s.r.vttbr_el2 = 0x1234ull << 48;
	s.r.bvr[12] = 0x1234ull << 32;
	s.r.vtcr_el2 = 1ull << 19;
	ck_assert(ad_breakpoint_match(&s, 12, PC));
	s.r.bvr[12] = 0x1334ull << 32;
	ck_assert(!ad_breakpoint_match(&s, 12, PC));
	/* VS=0: VMID<7:0> = 0x34 vs BVR[39:32] = 0x34 only */
	s.r.vtcr_el2 = 0;
	ck_assert(ad_breakpoint_match(&s, 12, PC));
}
END_TEST

static void v9_ctx_setup(struct ad_state *s, struct ad_config *c)
{
	*c = *ut_preset("v9-max");
	c->num_bps = 16;
	c->num_ctx_bps = 4;
	ut_setup(s, c);
}

/* BT=0110: CONTEXTIDR_EL1 at EL0/EL1 when not in host (FEAT_VHE). */
START_TEST(test_bt0110_contextidr_el1)
{
	struct ad_config c;
	struct ad_state s;

	v9_ctx_setup(&s, &c);
	s.r.contextidr_el1 = 0xabc;
	s.r.bvr[12] = 0xabc;
	s.r.bcr[12] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 1, .hmc = 1,
					      .bas = 0xf, .bt = 6 });
	ck_assert(ad_breakpoint_match(&s, 12, PC));
	s.pe.el = AD_EL2;
	s.r.hcr_el2 |= AD_HCR_E2H;
	ck_assert(!ad_breakpoint_match(&s, 12, PC));
}
END_TEST

/* BT=1100: CONTEXTIDR_EL2 vs BVR[63:32], any EL but EL3, EL2 enabled. */
START_TEST(test_bt1100_contextidr_el2)
{
	struct ad_config c;
	struct ad_state s;

	v9_ctx_setup(&s, &c);
	s.r.contextidr_el2 = 0x1234;
	s.r.bvr[13] = 0x1234ull << 32;
	s.r.bcr[13] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 1, .hmc = 1,
					      .bas = 0xf, .bt = 0xc });
	ck_assert(ad_breakpoint_match(&s, 13, PC));
	s.pe.el = AD_EL2;
	ck_assert(ad_breakpoint_match(&s, 13, PC));
	s.r.contextidr_el2 = 0x1235;
	ck_assert(!ad_breakpoint_match(&s, 13, PC));
}
END_TEST

/* BT=0010 in host (EL2 with E2H=1) compares CONTEXTIDR_EL2. */
START_TEST(test_bt0010_in_host_uses_el2)
{
	struct ad_config c;
	struct ad_state s;

	v9_ctx_setup(&s, &c);
	s.r.bcr[14] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 1, .hmc = 1,
					      .bas = 0xf, .bt = 2 });
	s.r.bvr[14] = 0x5555;
	s.pe.el = AD_EL2;
	s.r.hcr_el2 |= AD_HCR_E2H;
	s.r.contextidr_el1 = 0x5555;
	s.r.contextidr_el2 = 0x6666;
	ck_assert(!ad_breakpoint_match(&s, 14, PC));
	s.r.contextidr_el2 = 0x5555;
	ck_assert(ad_breakpoint_match(&s, 14, PC));
	/* not in host: EL2 never matches a Context ID breakpoint */
	s.r.hcr_el2 &= ~AD_HCR_E2H;
	ck_assert(!ad_breakpoint_match(&s, 14, PC));
}
END_TEST

/* --- BAS (digest 1.1 "AArch64 rule") ------------------------------------- */

static void bas_setup(struct ad_state *s, unsigned bas)
{
	ut_setup(s, ut_preset("cortex-a57"));
	s->r.bvr[0] = PC;
	s->r.bcr[0] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 3, .bas = bas });
}

START_TEST(test_bas_1111_and_0011_match)
{
	struct ad_state s;

	bas_setup(&s, 0xf);
	ck_assert(ad_breakpoint_match(&s, 0, PC));
	bas_setup(&s, 0x3);
	ck_assert(ad_breakpoint_match(&s, 0, PC));
}
END_TEST

START_TEST(test_bas_0000_never)
{
	struct ad_state s;

	bas_setup(&s, 0);
	ck_assert(!ad_breakpoint_match(&s, 0, PC));
	ck_assert(!ad_breakpoint_match(&s, 0, PC + 4));
}
END_TEST

/* BAS=1100: only the upper halfword selected: Unpredictable_BPMATCHHALF. */
START_TEST(test_bas_1100_matchhalf)
{
	struct ad_state s;

	bas_setup(&s, 0xc);
	s.pol.choice[AD_POL_BPMATCHHALF] = AD_BPMATCHHALF_NOMATCH;
	ck_assert(!ad_breakpoint_match(&s, 0, PC));
	s.pol.choice[AD_POL_BPMATCHHALF] = AD_BPMATCHHALF_MATCH;
	ck_assert(ad_breakpoint_match(&s, 0, PC));
}
END_TEST

/* --- address comparison (digest 1.3) ------------------------------------- */

START_TEST(test_addr_exact_word)
{
	struct ad_state s;

	bas_setup(&s, 0xf);
	ck_assert(ad_breakpoint_match(&s, 0, PC));
	ck_assert(!ad_breakpoint_match(&s, 0, PC + 4));
	ck_assert(!ad_breakpoint_match(&s, 0, PC - 4));
	ck_assert(!ad_breakpoint_match(&s, 0, PC | (1ull << 47)));
}
END_TEST

START_TEST(test_addr_kernel_va)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	s.r.bvr[3] = 0xFFFF800000001000ull;
	s.r.bcr[3] = ut_bcr_addr();
	ck_assert(ad_breakpoint_match(&s, 3, 0xFFFF800000001000ull));
	ck_assert(!ad_breakpoint_match(&s, 3, 0x0000800000001000ull));
}
END_TEST

/* Bit 48 is inside the compare whatever the RESS policy. */
START_TEST(test_addr_bit48_compared)
{
	struct ad_state s;
	unsigned p;

	for (p = AD_RESS_IGNORE; p <= AD_RESS_COMPARE; p++) {
		ut_setup(&s, ut_preset("cortex-a57"));
		s.pol.choice[AD_POL_DBGXVR_RESS] = p;
		s.r.bvr[4] = 0x0001000000001000ull;
		s.r.bcr[4] = ut_bcr_addr();
		ck_assert(!ad_breakpoint_match(&s, 4, 0x1000));
	}
}
END_TEST

/* RESS bits [63:49] not a sign extension of bit 48: Unpredictable_DBGxVR_RESS. */
START_TEST(test_addr_ress_policy)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	s.r.bvr[4] = 0x00FE000000001000ull;
	s.r.bcr[4] = ut_bcr_addr();
	s.pol.choice[AD_POL_DBGXVR_RESS] = AD_RESS_IGNORE;
	ck_assert(ad_breakpoint_match(&s, 4, 0x1000));
	s.pol.choice[AD_POL_DBGXVR_RESS] = AD_RESS_COMPARE;
	ck_assert(!ad_breakpoint_match(&s, 4, 0x1000));
}
END_TEST

START_TEST(test_enable_bit)
{
	struct ad_state s;

	bas_setup(&s, 0xf);
	s.r.bcr[0] &= ~1ull;
	ck_assert(!ad_breakpoint_match(&s, 0, PC));
	ck_assert_uint_eq(ad_breakpoints_matching(&s, PC), 0);
}
END_TEST

/* Bit n of ad_breakpoints_matching for each matching bp (bp 3 disabled). */
START_TEST(test_breakpoints_matching_mask)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	s.r.bvr[0] = PC;
	s.r.bcr[0] = ut_bcr_addr();
	s.r.bvr[1] = PC + 8;
	s.r.bcr[1] = ut_bcr_addr();
	s.r.bvr[2] = PC;
	s.r.bcr[2] = ut_bcr_addr();
	s.r.bvr[3] = PC;
	s.r.bcr[3] = ut_bcr_addr() & ~1ull;
	ck_assert_uint_eq(ad_breakpoints_matching(&s, PC), 0x5);
	ck_assert_uint_eq(ad_breakpoints_matching(&s, PC + 8), 0x2);
	ck_assert_uint_eq(ad_breakpoints_matching(&s, PC + 4), 0);
}
END_TEST

/* --- FEAT_BWE MASK (digest 1.2; J1 BreakpointValueMatch) ---------------- */

static void bwe_setup(struct ad_state *s, struct ad_config *c, unsigned bt,
		      unsigned mask, uint64_t bvr)
{
	*c = *ut_preset("v9-max");
	c->num_bps = 16;
	c->num_ctx_bps = 4;
	ut_setup(s, c);
	s->r.bvr[1] = bvr;
	s->r.bcr[1] = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 3, .bas = 0xf,
					      .bt = bt, .mask = mask });
}

/* MASK=6: the aligned 64-byte block at BVR. */
START_TEST(test_bp_mask_range)
{
	struct ad_config c;
	struct ad_state s;

	bwe_setup(&s, &c, 0, 6, PC);
	ck_assert(ad_breakpoint_match(&s, 1, PC));
	ck_assert(ad_breakpoint_match(&s, 1, PC + 0x3c));
	ck_assert(!ad_breakpoint_match(&s, 1, PC + 0x40));
	ck_assert(!ad_breakpoint_match(&s, 1, PC - 4));
}
END_TEST

/* MASK 1 or 2 is reserved: Unpredictable_RESBPMASK (disabled / no mask). */
START_TEST(test_bp_mask_reserved)
{
	struct ad_config c;
	struct ad_state s;

	bwe_setup(&s, &c, 0, 1, PC);
	s.pol.choice[AD_POL_BPMASK] = AD_BPMASK_DISABLED;
	ck_assert(!ad_breakpoint_match(&s, 1, PC));
	s.pol.choice[AD_POL_BPMASK] = AD_BPMASK_ZERO;
	ck_assert(ad_breakpoint_match(&s, 1, PC));
	ck_assert(!ad_breakpoint_match(&s, 1, PC + 4));
	bwe_setup(&s, &c, 0, 2, PC);
	s.pol.choice[AD_POL_BPMASK] = AD_BPMASK_DISABLED;
	ck_assert(!ad_breakpoint_match(&s, 1, PC));
}
END_TEST

/* Masked BVR bits non-zero: Unpredictable_BPMASKEDBITS. */
START_TEST(test_bp_mask_masked_bits)
{
	struct ad_config c;
	struct ad_state s;

	bwe_setup(&s, &c, 0, 6, PC + 0x10);
	s.pol.choice[AD_POL_BPMASKEDBITS] = AD_MASKEDBITS_NOMATCH;
	ck_assert(!ad_breakpoint_match(&s, 1, PC + 0x10));
	ck_assert(!ad_breakpoint_match(&s, 1, PC));
	s.pol.choice[AD_POL_BPMASKEDBITS] = AD_MASKEDBITS_IGNORE;
	ck_assert(ad_breakpoint_match(&s, 1, PC));
	ck_assert(ad_breakpoint_match(&s, 1, PC + 0x3c));
}
END_TEST

/*
 * BT=0100 (FEAT_BWE address mismatch): a debug event for every address
 * outside the MASK range; a stand-alone mismatch (MASK=0) never fires.
 * Checked through ad_check_breakpoint from EL0 (MDE=1, target EL1).
 */
START_TEST(test_bp_mismatch_range)
{
	struct ad_config c;
	struct ad_state s;
	struct ad_debug_event ev;

	bwe_setup(&s, &c, 4, 6, PC);
	s.pe.el = AD_EL0;
	s.pe.d = false;
	ev = ad_check_breakpoint(&s, PC + 0x20);
	ck_assert_uint_eq(ev.hits & 2, 0);
	ev = ad_check_breakpoint(&s, PC + 0x1000);
	ck_assert_uint_eq(ev.hits & 2, 2);
	ck_assert(ev.take);
	bwe_setup(&s, &c, 4, 0, PC);
	s.pe.el = AD_EL0;
	ev = ad_check_breakpoint(&s, PC + 0x1000);
	ck_assert_uint_eq(ev.hits & 2, 0);
}
END_TEST

/* --- breakpoints 16+ (J1 IsBreakpointEnabled) ---------------------------- */

/* With > 16 bps, bp n >= 16 is disabled unless MDSCR_EL1.EMBWE (and EBWE). */
START_TEST(test_bp_above_15_needs_embwe)
{
	struct ad_config c = *ut_preset("v9-max");
	struct ad_state s;

	c.num_bps = 20;
	c.num_ctx_bps = 4;
	ut_setup(&s, &c);
	s.r.bvr[17] = PC;
	s.r.bcr[17] = ut_bcr_addr();
	ck_assert(!ad_breakpoint_match(&s, 17, PC));
	s.r.mdcr_el3 = UT_MDCR_EBWE;
	s.r.mdcr_el2 = UT_MDCR_EBWE;
	s.r.mdscr_el1 |= AD_MDSCR_EMBWE;
	ck_assert(ad_breakpoint_match(&s, 17, PC));
}
END_TEST

/*
 * J1 SelfHostedExtendedBPWPEnabled: FALSE if (EL3 && MDCR_EL3.EBWE == 0)
 * or (EL2Enabled() && MDCR_EL2.EBWE == 0), whatever MDSCR_EL1.EMBWE says.
 */
START_TEST(test_bp_above_15_needs_ebwe)
{
	struct ad_config c = *ut_preset("v9-max");
	struct ad_state s;

	c.num_bps = 20;
	c.num_ctx_bps = 4;
	ut_setup(&s, &c);
	s.r.bvr[17] = PC;
	s.r.bcr[17] = ut_bcr_addr();
	s.r.mdscr_el1 |= AD_MDSCR_EMBWE;
	s.r.mdcr_el3 = UT_MDCR_EBWE;
	s.r.mdcr_el2 = 0;
	ck_assert(!ad_breakpoint_match(&s, 17, PC));
	s.r.mdcr_el3 = 0;
	s.r.mdcr_el2 = UT_MDCR_EBWE;
	ck_assert(!ad_breakpoint_match(&s, 17, PC));
	/* bp 15 is not affected */
	s.r.bvr[15] = PC;
	s.r.bcr[15] = ut_bcr_addr();
	ck_assert(ad_breakpoint_match(&s, 15, PC));
}
END_TEST

/* The same rule for watchpoints 16+ (J1 IsWatchpointEnabled). */
START_TEST(test_wp_above_15_needs_embwe_ebwe)
{
	struct ad_config c = *ut_preset("v9-max");
	struct ad_state s;
	struct ad_access a = { .va = 0x1000, .size = 8, .kind = AD_ACC_LOAD };
	uint64_t fb;

	c.num_wps = 20;
	ut_setup(&s, &c);
	s.r.wvr[17] = 0x1000;
	s.r.wcr[17] = ut_wcr((struct ut_wcr){ .e = 1, .pac = 3, .lsc = 3, .bas = 0xff });
	s.r.mdcr_el3 = UT_MDCR_EBWE;
	s.r.mdcr_el2 = UT_MDCR_EBWE;
	ck_assert(!ad_watchpoint_match(&s, 17, &a, &fb));
	s.r.mdscr_el1 |= AD_MDSCR_EMBWE;
	ck_assert(ad_watchpoint_match(&s, 17, &a, &fb));
	s.r.mdcr_el2 = 0;
	ck_assert(!ad_watchpoint_match(&s, 17, &a, &fb));
	s.r.mdcr_el2 = UT_MDCR_EBWE;
	s.r.mdcr_el3 = 0;
	ck_assert(!ad_watchpoint_match(&s, 17, &a, &fb));
}
END_TEST

Suite *dbgbcr_suite(void)
{
	Suite *s = suite_create("dbgbcr");
	TCase *tc;

	tc = tcase_create("bt_a57");
	tcase_add_loop_test(tc, test_bt_a57_non_ctx, 0, 16);
	tcase_add_loop_test(tc, test_bt_a57_ctx, 0, 16);
	tcase_add_loop_test(tc, test_bt_a57_non_ctx_unknown, 0, 16);
	tcase_add_loop_test(tc, test_bt_a57_ctx_unknown, 0, 16);
	suite_add_tcase(s, tc);

	tc = tcase_create("bt_v9");
	tcase_add_loop_test(tc, test_bt_v9_ctx, 0, 16);
	tcase_add_loop_test(tc, test_bt_v9_non_ctx, 0, 16);
	suite_add_tcase(s, tc);

	tc = tcase_create("context");
	tcase_add_test(tc, test_ctxid_not_at_el2_without_vhe);
	tcase_add_test(tc, test_vmid_match);
	tcase_add_test(tc, test_vmid16);
	tcase_add_test(tc, test_bt0110_contextidr_el1);
	tcase_add_test(tc, test_bt1100_contextidr_el2);
	tcase_add_test(tc, test_bt0010_in_host_uses_el2);
	suite_add_tcase(s, tc);

	tc = tcase_create("bas");
	tcase_add_test(tc, test_bas_1111_and_0011_match);
	tcase_add_test(tc, test_bas_0000_never);
	tcase_add_test(tc, test_bas_1100_matchhalf);
	suite_add_tcase(s, tc);

	tc = tcase_create("address");
	tcase_add_test(tc, test_addr_exact_word);
	tcase_add_test(tc, test_addr_kernel_va);
	tcase_add_test(tc, test_addr_bit48_compared);
	tcase_add_test(tc, test_addr_ress_policy);
	tcase_add_test(tc, test_enable_bit);
	tcase_add_test(tc, test_breakpoints_matching_mask);
	suite_add_tcase(s, tc);

	tc = tcase_create("bwe_mask");
	tcase_add_test(tc, test_bp_mask_range);
	tcase_add_test(tc, test_bp_mask_reserved);
	tcase_add_test(tc, test_bp_mask_masked_bits);
	tcase_add_test(tc, test_bp_mismatch_range);
	tcase_add_test(tc, test_bp_above_15_needs_embwe);
	tcase_add_test(tc, test_bp_above_15_needs_ebwe);
	tcase_add_test(tc, test_wp_above_15_needs_embwe_ebwe);
	suite_add_tcase(s, tc);

	return s;
}
