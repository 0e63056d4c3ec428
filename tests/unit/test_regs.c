// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_regs.c - the debug register file: cold reset, OS lock,
 * and write legalisation (RES0 bits, BAS copies, claim tags, banking).
 * Values are checked the way software sees them: write, then read back.
 */
#include "ut.h"

/* --- cold reset (digest 4.1, 7) ------------------------------------------ */

/* OSLSR_EL1: OSLM=0b10 (bits 3,0), OSLK (bit 1) = 1 after cold reset -> 0xA. */
START_TEST(test_reset_oslsr_0xa)
{
	struct ad_state s;

	memset(&s, 0, sizeof(s));
	ad_state_init(&s, ut_preset("cortex-a57"));
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_OSLSR_EL1, 0), 0xa);
}
END_TEST

START_TEST(test_reset_relocks_and_keeps_pstate)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	ad_reg_write(&s, AD_REG_OSLAR_EL1, 0, 0);
	s.pe.el = AD_EL0;
	s.pe.d = false;
	s.pe.ss = true;
	ad_cold_reset(&s);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_OSLSR_EL1, 0), 0xa);
	ck_assert(s.r.oslk);
	/* regs.h: "PSTATE is not touched" */
	ck_assert_uint_eq(s.pe.el, AD_EL0);
	ck_assert(!s.pe.d);
	ck_assert(s.pe.ss);
}
END_TEST

/* UNKNOWN comparator fields take the AD_POL_RESET_UNKNOWN value: zero. */
START_TEST(test_reset_unknown_zero)
{
	struct ad_state s;
	unsigned n;

	ut_setup(&s, ut_preset("cortex-a57"));
	for (n = 0; n < 6; n++)
		s.r.bcr[n] = ut_bcr_addr();
	s.pol.choice[AD_POL_RESET_UNKNOWN] = AD_RESETUNK_ZERO;
	ad_cold_reset(&s);
	for (n = 0; n < 6; n++) {
		ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGBCR, n), 0);
		ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGBVR, n), 0);
	}
	for (n = 0; n < 4; n++) {
		ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGWCR, n), 0);
		ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGWVR, n), 0);
	}
}
END_TEST

/* OSDLR_EL1.DLK has a defined reset value 0 whatever the UNKNOWN policy. */
START_TEST(test_reset_dlk_zero)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	ck_assert(s.cfg->doublelock);
	s.r.osdlr_el1 = 1;
	s.pol.choice[AD_POL_RESET_UNKNOWN] = AD_RESETUNK_ONES;
	ad_cold_reset(&s);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_OSDLR_EL1, 0) & 1, 0);
	/* and OSLSR is still 0xA: its reset value is defined too */
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_OSLSR_EL1, 0), 0xa);
}
END_TEST

/* Same policy, same reset: no host state leaks in (determinism). */
START_TEST(test_reset_deterministic)
{
	struct ad_state a, b;
	unsigned n;

	ut_setup(&a, ut_preset("cortex-a57"));
	ut_setup(&b, ut_preset("cortex-a57"));
	a.pol.choice[AD_POL_RESET_UNKNOWN] = AD_RESETUNK_PATTERN;
	b.pol.choice[AD_POL_RESET_UNKNOWN] = AD_RESETUNK_PATTERN;
	b.r.bvr[2] = 0x1234;
	ad_cold_reset(&a);
	ad_cold_reset(&b);
	for (n = 0; n < 6; n++) {
		ck_assert_uint_eq(ad_reg_read(&a, AD_REG_DBGBCR, n),
				  ad_reg_read(&b, AD_REG_DBGBCR, n));
		ck_assert_uint_eq(ad_reg_read(&a, AD_REG_DBGBVR, n),
				  ad_reg_read(&b, AD_REG_DBGBVR, n));
	}
}
END_TEST

/* --- OS lock (digest 4.1) --------------------------------------------------- */

/* OSLAR_EL1 = 0 clears OSLK: OSLSR reads 0b1000; = 1 sets it again. */
START_TEST(test_oslar_toggles_oslk)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	ad_reg_write(&s, AD_REG_OSLAR_EL1, 0, 1);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_OSLSR_EL1, 0), 0xa);
	ad_reg_write(&s, AD_REG_OSLAR_EL1, 0, 0);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_OSLSR_EL1, 0), 0x8);
	ck_assert(!s.r.oslk);
	/* only OSLAR bit 0 is the lock: 0b10 unlocks */
	ad_reg_write(&s, AD_REG_OSLAR_EL1, 0, 1);
	ad_reg_write(&s, AD_REG_OSLAR_EL1, 0, 2);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_OSLSR_EL1, 0), 0x8);
}
END_TEST

/* OSLSR_EL1 is read-only: a write changes nothing. */
START_TEST(test_oslsr_read_only)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	ad_reg_write(&s, AD_REG_OSLSR_EL1, 0, 0xa);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_OSLSR_EL1, 0), 0x8);
}
END_TEST

/* OSDLR_EL1: DLK (bit 0) only; bits [63:1] RES0. */
START_TEST(test_osdlr_dlk)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	ad_reg_write(&s, AD_REG_OSLAR_EL1, 0, 1);
	ad_reg_write(&s, AD_REG_OSDLR_EL1, 0, ~0ull);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_OSDLR_EL1, 0), 1);
	ad_reg_write(&s, AD_REG_OSDLR_EL1, 0, 0);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_OSDLR_EL1, 0), 0);
}
END_TEST

/* DLK written while OSLK == 0: AD_POL_DLK_WITHOUT_OSLK decides. */
START_TEST(test_osdlr_dlk_without_oslk)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	s.pol.choice[AD_POL_DLK_WITHOUT_OSLK] = AD_DLK_IGNORED;
	ad_reg_write(&s, AD_REG_OSDLR_EL1, 0, 1);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_OSDLR_EL1, 0), 0);
	s.pol.choice[AD_POL_DLK_WITHOUT_OSLK] = AD_DLK_SET;
	ad_reg_write(&s, AD_REG_OSDLR_EL1, 0, 1);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_OSDLR_EL1, 0), 1);
}
END_TEST

/* Without FEAT_DoubleLock OSDLR_EL1 is RAZ/WI (digest 4.1). */
START_TEST(test_osdlr_raz_wi_without_doublelock)
{
	struct ad_config c = *ut_preset("cortex-a57");
	struct ad_state s;

	c.doublelock = false;
	ut_setup(&s, &c);
	ad_reg_write(&s, AD_REG_OSLAR_EL1, 0, 1);
	ad_reg_write(&s, AD_REG_OSDLR_EL1, 0, 1);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_OSDLR_EL1, 0), 0);
}
END_TEST

/* --- DBGBCR<n>_EL1 (digest 1.1) -------------------------------------------- */

/*
 * Cortex-A57 (no RME/BWE/ABLE/v8p9): [63:24], [12:9], [4], [3] are RES0.
 * Write those all-ones plus E=1 PMC=11 BAS=1111: reads 0x1E7.
 */
START_TEST(test_bcr_res0)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	ad_reg_write(&s, AD_REG_DBGBCR, 0, 0xFFFFFFFFFF001FFFull);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGBCR, 0), 0x1E7);
	ck_assert_uint_eq(ad_reg_legalise(&s, AD_REG_DBGBCR, 0, 0xFFFFFFFFFF001FFFull),
			  0x1E7);
}
END_TEST

/* BT=0001 LBN=4 SSC=01 HMC=1 BAS=1111 PMC=01 E=1 = 0x1461E3 reads back. */
START_TEST(test_bcr_fields_roundtrip)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	ck_assert_uint_eq(ut_bcr((struct ut_bcr){ .e = 1, .pmc = 1, .bas = 0xf,
			  .hmc = 1, .ssc = 1, .lbn = 4, .bt = 1 }), 0x1461E3);
	ad_reg_write(&s, AD_REG_DBGBCR, 2, 0x1461E3);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGBCR, 2), 0x1461E3);
	/* bp 4 is context-aware: BT=1010 (VMID+CONTEXTIDR_EL1) is allocated */
	ad_reg_write(&s, AD_REG_DBGBCR, 4, 0xA001E7);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGBCR, 4), 0xA001E7);
}
END_TEST

/*
 * With AArch32 at EL1, BAS[3] reads as BAS[2] and BAS[1] as BAS[0]
 * (digest 1.1: ARM D24.3 DBGBCR.BAS).  Loop over every written BAS.
 */
START_TEST(test_bcr_bas_copies)
{
	struct ad_state s;
	unsigned bas = _i;
	unsigned want = ((bas & 4) ? 0xc : 0) | ((bas & 1) ? 0x3 : 0);
	uint64_t v;

	ut_setup(&s, ut_preset("cortex-a57"));
	ad_reg_write(&s, AD_REG_DBGBCR, 1,
		     ut_bcr((struct ut_bcr){ .e = 1, .pmc = 3, .bas = bas }));
	v = ad_reg_read(&s, AD_REG_DBGBCR, 1);
	ck_assert_uint_eq((v >> 5) & 0xf, want);
	ck_assert_uint_eq(v & ~(0xfull << 5), 0x7);
}
END_TEST

/* Without AArch32 BAS is RES1 (digest 1.1). */
START_TEST(test_bcr_bas_res1_without_aarch32)
{
	struct ad_config c = *ut_preset("cortex-a57");
	struct ad_state s;

	c.aarch32_el1 = false;
	ut_setup(&s, &c);
	ad_reg_write(&s, AD_REG_DBGBCR, 0, 0x7);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGBCR, 0), 0x1E7);
}
END_TEST

/* FEAT_BWE: DBGBCR.MASK [28:24] exists on v9-max, RES0 on the A57. */
START_TEST(test_bcr_mask_needs_bwe)
{
	struct ad_state s;
	uint64_t v = ut_bcr((struct ut_bcr){ .e = 1, .pmc = 3, .bas = 0xf,
					     .mask = 5 });

	ut_setup(&s, ut_preset("v9-max"));
	ad_reg_write(&s, AD_REG_DBGBCR, 0, v);
	ck_assert_uint_eq((ad_reg_read(&s, AD_REG_DBGBCR, 0) >> 24) & 0x1f, 5);
	ut_setup(&s, ut_preset("cortex-a57"));
	ad_reg_write(&s, AD_REG_DBGBCR, 0, v);
	ck_assert_uint_eq((ad_reg_read(&s, AD_REG_DBGBCR, 0) >> 24) & 0x1f, 0);
}
END_TEST

/* --- DBGBVR<n>_EL1 (digest 1.3) ------------------------------------------- */

START_TEST(test_bvr_low_bits_res0)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	ad_reg_write(&s, AD_REG_DBGBVR, 0, 0x40001003);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGBVR, 0), 0x40001000);
}
END_TEST

/* A properly sign-extended (canonical) address reads back unchanged. */
START_TEST(test_bvr_canonical_kept)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	ad_reg_write(&s, AD_REG_DBGBVR, 1, 0xFFFF800000001000ull);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGBVR, 1), 0xFFFF800000001000ull);
	ad_reg_write(&s, AD_REG_DBGBVR, 0, 0x0000FFFFFFFFF000ull);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGBVR, 0), 0x0000FFFFFFFFF000ull);
}
END_TEST

/* Context-aware bp: VMID in [39:32], ContextID in [31:0] read back. */
START_TEST(test_bvr_context_value_kept)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	ad_reg_write(&s, AD_REG_DBGBCR, 4,
		     ut_bcr((struct ut_bcr){ .e = 1, .pmc = 3, .bas = 0xf, .bt = 0xa }));
	ad_reg_write(&s, AD_REG_DBGBVR, 4, 0x0000005A87654320ull);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGBVR, 4), 0x0000005A87654320ull);
}
END_TEST

/* --- DBGWCR<n>_EL1 / DBGWVR<n>_EL1 (digest 2.1) ------------------------ */

/*
 * A57: [63:29] (LBNX, SSCE) and [23:21] (WT2 needs BWE2) are RES0.
 * All-ones there plus E=1 PAC=11 LSC=11 BAS=0xFF reads 0x1FFF.
 */
START_TEST(test_wcr_res0)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	ad_reg_write(&s, AD_REG_DBGWCR, 0, 0xFFFFFFFFE0E01FFFull);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGWCR, 0), 0x1FFF);
}
END_TEST

/* MASK=12 WT=1 LBN=5 SSC=10 HMC=1 BAS=FF LSC=10 PAC=01 E=1 = 0x0C15BFF3. */
START_TEST(test_wcr_fields_roundtrip)
{
	struct ad_state s;
	uint64_t v = ut_wcr((struct ut_wcr){ .e = 1, .pac = 1, .lsc = 2,
		.bas = 0xff, .hmc = 1, .ssc = 2, .lbn = 5, .wt = 1, .mask = 12 });

	ck_assert_uint_eq(v, 0x0C15BFF3);
	ut_setup(&s, ut_preset("cortex-a57"));
	ad_reg_write(&s, AD_REG_DBGWCR, 3, v);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGWCR, 3), 0x0C15BFF3);
}
END_TEST

/* Non-contiguous BAS read back: AD_POL_BAS_READBACK (digest 2.2). */
START_TEST(test_wcr_bas_readback_policy)
{
	struct ad_state s;
	uint64_t v;

	ut_setup(&s, ut_preset("cortex-a57"));
	s.pol.choice[AD_POL_BAS_READBACK] = AD_BASREAD_AS_WRITTEN;
	ad_reg_write(&s, AD_REG_DBGWCR, 0,
		     ut_wcr((struct ut_wcr){ .e = 1, .pac = 3, .lsc = 3, .bas = 0xA5 }));
	v = ad_reg_read(&s, AD_REG_DBGWCR, 0);
	ck_assert_uint_eq((v >> 5) & 0xff, 0xA5);

	s.pol.choice[AD_POL_BAS_READBACK] = AD_BASREAD_LOWEST_RUN;
	ad_reg_write(&s, AD_REG_DBGWCR, 0,
		     ut_wcr((struct ut_wcr){ .e = 1, .pac = 3, .lsc = 3, .bas = 0xA5 }));
	v = ad_reg_read(&s, AD_REG_DBGWCR, 0);
	ck_assert_uint_eq((v >> 5) & 0xff, 0x01);
	/* 0b01101100: lowest run is bits 2..3 */
	ad_reg_write(&s, AD_REG_DBGWCR, 0,
		     ut_wcr((struct ut_wcr){ .e = 1, .pac = 3, .lsc = 3, .bas = 0x6C }));
	v = ad_reg_read(&s, AD_REG_DBGWCR, 0);
	ck_assert_uint_eq((v >> 5) & 0xff, 0x0C);
}
END_TEST

/* A contiguous BAS is kept under either read-back policy. */
START_TEST(test_wcr_bas_contiguous_kept)
{
	struct ad_state s;
	unsigned p;

	for (p = AD_BASREAD_AS_WRITTEN; p <= AD_BASREAD_LOWEST_RUN; p++) {
		ut_setup(&s, ut_preset("cortex-a57"));
		s.pol.choice[AD_POL_BAS_READBACK] = p;
		ad_reg_write(&s, AD_REG_DBGWCR, 1,
			     ut_wcr((struct ut_wcr){ .e = 1, .pac = 3, .lsc = 3,
						     .bas = 0x3C }));
		ck_assert_uint_eq((ad_reg_read(&s, AD_REG_DBGWCR, 1) >> 5) & 0xff, 0x3C);
	}
}
END_TEST

/* DBGWVR: [1:0] RES0; bit 2 (deprecated word form) is kept. */
START_TEST(test_wvr_low_bits)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	ad_reg_write(&s, AD_REG_DBGWVR, 2, 0x1007);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGWVR, 2), 0x1004);
}
END_TEST

/* --- claim tags (DDI0601 DBGCLAIMSET_EL1 / DBGCLAIMCLR_EL1) ------------ */

/*
 * CLAIMSET: writing 1 sets a tag, reads return 0xFF (RAO: the eight
 * implemented tags).  CLAIMCLR: writing 1 clears, reads the tags.
 */
START_TEST(test_claim_set_clr)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	ad_reg_write(&s, AD_REG_DBGCLAIMCLR_EL1, 0, 0xff);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGCLAIMCLR_EL1, 0), 0);
	ad_reg_write(&s, AD_REG_DBGCLAIMSET_EL1, 0, 0x05);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGCLAIMCLR_EL1, 0), 0x05);
	ad_reg_write(&s, AD_REG_DBGCLAIMSET_EL1, 0, 0x30);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGCLAIMCLR_EL1, 0), 0x35);
	ad_reg_write(&s, AD_REG_DBGCLAIMCLR_EL1, 0, 0x14);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGCLAIMCLR_EL1, 0), 0x21);
	/* bits above the eight tags are RES0 */
	ad_reg_write(&s, AD_REG_DBGCLAIMSET_EL1, 0, 0x100);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGCLAIMCLR_EL1, 0), 0x21);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGCLAIMSET_EL1, 0), 0xff);
}
END_TEST

/* --- MDSCR_EL1 (digest 4.1) ----------------------------------------------- */

START_TEST(test_mdscr_control_bits)
{
	struct ad_state s;
	const uint64_t bits = AD_MDSCR_SS | AD_MDSCR_TDCC | AD_MDSCR_KDE |
			      AD_MDSCR_MDE;

	ut_setup(&s, ut_preset("cortex-a57"));
	ad_reg_write(&s, AD_REG_MDSCR_EL1, 0, bits);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_MDSCR_EL1, 0) & bits, bits);
	ad_reg_write(&s, AD_REG_MDSCR_EL1, 0, AD_MDSCR_KDE);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_MDSCR_EL1, 0) & bits, AD_MDSCR_KDE);
}
END_TEST

/* MDSCR_EL1.EMBWE [32] exists only with FEAT_Debugv8p9. */
START_TEST(test_mdscr_embwe_feature)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	ad_reg_write(&s, AD_REG_MDSCR_EL1, 0, AD_MDSCR_EMBWE | AD_MDSCR_MDE);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_MDSCR_EL1, 0) & AD_MDSCR_EMBWE, 0);
	ut_setup(&s, ut_preset("v9-max"));
	ad_reg_write(&s, AD_REG_MDSCR_EL1, 0, AD_MDSCR_EMBWE | AD_MDSCR_MDE);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_MDSCR_EL1, 0) & AD_MDSCR_EMBWE,
			  AD_MDSCR_EMBWE);
}
END_TEST

/* --- ID register ------------------------------------------------------- */

START_TEST(test_dfr0_read_only)
{
	struct ad_state s;

	ut_setup(&s, ut_preset("cortex-a57"));
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_ID_AA64DFR0_EL1, 0), 0x10305106);
	ad_reg_write(&s, AD_REG_ID_AA64DFR0_EL1, 0, 0);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_ID_AA64DFR0_EL1, 0), 0x10305106);
}
END_TEST

/* --- MDSELR_EL1 banking (J1 EffectiveMDSELR_EL1_BANK) ------------------- */

static void banked_setup(struct ad_state *s, struct ad_config *c)
{
	*c = *ut_preset("v9-max");
	c->num_bps = 20;
	c->num_wps = 20;
	c->num_ctx_bps = 4;
	ut_setup(s, c);
	s->r.mdcr_el3 = UT_MDCR_EBWE;
	s->r.mdcr_el2 = UT_MDCR_EBWE;
	s->r.mdscr_el1 = AD_MDSCR_MDE | AD_MDSCR_EMBWE;
}

/* BANK [5:4] selects n + 16*BANK when every EBWE/EMBWE control is 1. */
START_TEST(test_mdselr_bank_selects)
{
	struct ad_config c;
	struct ad_state s;

	banked_setup(&s, &c);
	ad_reg_write(&s, AD_REG_MDSELR_EL1, 0, 0x1f);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_MDSELR_EL1, 0), 0x10);
	ck_assert_uint_eq(ad_banked_index(&s, 3), 19);
	ck_assert_uint_eq(ad_banked_index(&s, 0), 16);
}
END_TEST

/* At EL1 the effective BANK is 0 when MDSCR_EL1.EMBWE == 0 ... */
START_TEST(test_mdselr_needs_embwe)
{
	struct ad_config c;
	struct ad_state s;

	banked_setup(&s, &c);
	s.r.mdscr_el1 = AD_MDSCR_MDE;
	ad_reg_write(&s, AD_REG_MDSELR_EL1, 0, 0x10);
	ck_assert_uint_eq(ad_banked_index(&s, 3), 3);
}
END_TEST

/* ... or MDCR_EL3.EBWE == 0 ... */
START_TEST(test_mdselr_needs_el3_ebwe)
{
	struct ad_config c;
	struct ad_state s;

	banked_setup(&s, &c);
	s.r.mdcr_el3 = 0;
	ad_reg_write(&s, AD_REG_MDSELR_EL1, 0, 0x10);
	ck_assert_uint_eq(ad_banked_index(&s, 3), 3);
}
END_TEST

/* ... or MDCR_EL2.EBWE == 0 with EL2 enabled. */
START_TEST(test_mdselr_needs_el2_ebwe)
{
	struct ad_config c;
	struct ad_state s;

	banked_setup(&s, &c);
	s.r.mdcr_el2 = 0;
	ad_reg_write(&s, AD_REG_MDSELR_EL1, 0, 0x10);
	ck_assert_uint_eq(ad_banked_index(&s, 3), 3);
}
END_TEST

Suite *regs_suite(void)
{
	Suite *s = suite_create("regs");
	TCase *tc;

	tc = tcase_create("reset");
	tcase_add_test(tc, test_reset_oslsr_0xa);
	tcase_add_test(tc, test_reset_relocks_and_keeps_pstate);
	tcase_add_test(tc, test_reset_unknown_zero);
	tcase_add_test(tc, test_reset_dlk_zero);
	tcase_add_test(tc, test_reset_deterministic);
	suite_add_tcase(s, tc);

	tc = tcase_create("os_lock");
	tcase_add_test(tc, test_oslar_toggles_oslk);
	tcase_add_test(tc, test_oslsr_read_only);
	tcase_add_test(tc, test_osdlr_dlk);
	tcase_add_test(tc, test_osdlr_dlk_without_oslk);
	tcase_add_test(tc, test_osdlr_raz_wi_without_doublelock);
	suite_add_tcase(s, tc);

	tc = tcase_create("dbgbcr_dbgbvr");
	tcase_add_test(tc, test_bcr_res0);
	tcase_add_test(tc, test_bcr_fields_roundtrip);
	tcase_add_loop_test(tc, test_bcr_bas_copies, 0, 16);
	tcase_add_test(tc, test_bcr_bas_res1_without_aarch32);
	tcase_add_test(tc, test_bcr_mask_needs_bwe);
	tcase_add_test(tc, test_bvr_low_bits_res0);
	tcase_add_test(tc, test_bvr_canonical_kept);
	tcase_add_test(tc, test_bvr_context_value_kept);
	suite_add_tcase(s, tc);

	tc = tcase_create("dbgwcr_dbgwvr");
	tcase_add_test(tc, test_wcr_res0);
	tcase_add_test(tc, test_wcr_fields_roundtrip);
	tcase_add_test(tc, test_wcr_bas_readback_policy);
	tcase_add_test(tc, test_wcr_bas_contiguous_kept);
	tcase_add_test(tc, test_wvr_low_bits);
	suite_add_tcase(s, tc);

	tc = tcase_create("other");
	tcase_add_test(tc, test_claim_set_clr);
	tcase_add_test(tc, test_mdscr_control_bits);
	tcase_add_test(tc, test_mdscr_embwe_feature);
	tcase_add_test(tc, test_dfr0_read_only);
	suite_add_tcase(s, tc);

	tc = tcase_create("mdselr");
	tcase_add_test(tc, test_mdselr_bank_selects);
	tcase_add_test(tc, test_mdselr_needs_embwe);
	tcase_add_test(tc, test_mdselr_needs_el3_ebwe);
	tcase_add_test(tc, test_mdselr_needs_el2_ebwe);
	suite_add_tcase(s, tc);

	return s;
}
