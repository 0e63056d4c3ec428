// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_sysreg.c - MRS/MSR to the debug registers: encodings,
 * UNDEFINED cases (EL0, unimplemented <n>, direction, missing feature or
 * EL), and the traps (MDCR_EL2.TDA/TDOSA/TDRA/TDE, HCR_EL2.TGE,
 * MDCR_EL3.TDA/TDOSA, MDSCR_EL1.TDCC, MDCR_EL2/EL3.TDCC) with their exact
 * syndromes.  Rules: digest 0 (encodings), 5 (EC 0x18 ISS), 7 (access).
 *
 * EC 0x18 ESR = 0x62000000 | Op0<<20 | Op2<<17 | Op1<<14 | CRn<<10 |
 * Rt<<5 | CRm<<1 | (MRS ? 1 : 0).  UNDEFINED ESR = 0x02000000.
 */
#include "ut.h"

static const uint64_t ESR_UNDEF = 0x02000000;

/* Encodings (digest 0; DDI0601 for the ones it does not list). */
static struct ad_sysreg_enc E_DBGBVR(unsigned n) { return ut_enc(2, 0, 0, n, 4); }
static struct ad_sysreg_enc E_DBGBCR(unsigned n) { return ut_enc(2, 0, 0, n, 5); }
static struct ad_sysreg_enc E_DBGWVR(unsigned n) { return ut_enc(2, 0, 0, n, 6); }
static struct ad_sysreg_enc E_DBGWCR(unsigned n) { return ut_enc(2, 0, 0, n, 7); }

static const struct ad_sysreg_enc E_MDSCR = { 2, 0, 0, 2, 2 };
static const struct ad_sysreg_enc E_OSLAR = { 2, 0, 1, 0, 4 };
static const struct ad_sysreg_enc E_OSLSR = { 2, 0, 1, 1, 4 };
static const struct ad_sysreg_enc E_OSDLR = { 2, 0, 1, 3, 4 };
static const struct ad_sysreg_enc E_MDRAR = { 2, 0, 1, 0, 0 };
static const struct ad_sysreg_enc E_MDSELR = { 2, 0, 0, 4, 2 };
static const struct ad_sysreg_enc E_AUTHSTATUS = { 2, 0, 7, 14, 6 };
static const struct ad_sysreg_enc E_MDCCSR = { 2, 3, 0, 1, 0 };
static const struct ad_sysreg_enc E_DBGDTR = { 2, 3, 0, 4, 0 };
static const struct ad_sysreg_enc E_DTRRXTX = { 2, 3, 0, 5, 0 };
static const struct ad_sysreg_enc E_DFR0 = { 3, 0, 0, 5, 0 };
static const struct ad_sysreg_enc E_MDCR_EL2 = { 3, 4, 1, 1, 1 };
static const struct ad_sysreg_enc E_MDCR_EL3 = { 3, 6, 1, 3, 1 };
static const struct ad_sysreg_enc E_SCTLR_EL1 = { 3, 0, 1, 0, 0 };

static struct ad_sysreg_result mrs(struct ad_state *s, struct ad_sysreg_enc e,
				   unsigned rt)
{
	return ad_sysreg_access(s, e, true, rt, 0);
}

static struct ad_sysreg_result msr(struct ad_state *s, struct ad_sysreg_enc e,
				   unsigned rt, uint64_t v)
{
	return ad_sysreg_access(s, e, false, rt, v);
}

static void expect_undef(struct ad_sysreg_result r, unsigned target)
{
	ck_assert_int_eq(r.outcome, AD_SR_UNDEFINED);
	ck_assert_uint_eq(r.target_el, target);
	ck_assert_uint_eq(r.esr, ESR_UNDEF);
}

static void expect_trap(struct ad_sysreg_result r, unsigned target,
			uint64_t esr)
{
	ck_assert_int_eq(r.outcome, AD_SR_TRAP);
	ck_assert_uint_eq(r.target_el, target);
	ck_assert_uint_eq(r.esr, esr);
}

static void a57(struct ad_state *s)
{
	ut_setup(s, ut_preset("cortex-a57"));
}

/* --- encodings --------------------------------------------------------------- */

START_TEST(test_lookup_banked)
{
	struct ad_state s;
	enum ad_reg reg;
	unsigned n = 99;

	a57(&s);
	ck_assert(ad_sysreg_lookup(&s, E_DBGBCR(5), true, &reg, &n));
	ck_assert_int_eq(reg, AD_REG_DBGBCR);
	ck_assert_uint_eq(n, 5);
	ck_assert(ad_sysreg_lookup(&s, E_DBGWVR(3), false, &reg, &n));
	ck_assert_int_eq(reg, AD_REG_DBGWVR);
	ck_assert_uint_eq(n, 3);
	ck_assert(ad_sysreg_lookup(&s, E_DBGBVR(0), true, &reg, &n));
	ck_assert_int_eq(reg, AD_REG_DBGBVR);
	ck_assert_uint_eq(n, 0);
	ck_assert(ad_sysreg_lookup(&s, E_DBGWCR(2), true, &reg, &n));
	ck_assert_int_eq(reg, AD_REG_DBGWCR);
	ck_assert_uint_eq(n, 2);
}
END_TEST

START_TEST(test_lookup_others)
{
	struct ad_state s;
	enum ad_reg reg;
	unsigned n;

	a57(&s);
	ck_assert(ad_sysreg_lookup(&s, E_MDSCR, true, &reg, &n));
	ck_assert_int_eq(reg, AD_REG_MDSCR_EL1);
	ck_assert(ad_sysreg_lookup(&s, E_OSLAR, false, &reg, &n));
	ck_assert_int_eq(reg, AD_REG_OSLAR_EL1);
	ck_assert(ad_sysreg_lookup(&s, E_OSLSR, true, &reg, &n));
	ck_assert_int_eq(reg, AD_REG_OSLSR_EL1);
	ck_assert(ad_sysreg_lookup(&s, E_DFR0, true, &reg, &n));
	ck_assert_int_eq(reg, AD_REG_ID_AA64DFR0_EL1);
	ck_assert(ad_sysreg_lookup(&s, E_MDCR_EL2, true, &reg, &n));
	ck_assert_int_eq(reg, AD_REG_MDCR_EL2);
	ck_assert(ad_sysreg_lookup(&s, E_MDCR_EL3, true, &reg, &n));
	ck_assert_int_eq(reg, AD_REG_MDCR_EL3);
	ck_assert(!ad_sysreg_lookup(&s, E_SCTLR_EL1, true, &reg, &n));
}
END_TEST

/* DBGDTRRX_EL0 (MRS) and DBGDTRTX_EL0 (MSR) share one encoding. */
START_TEST(test_lookup_shared_dtr)
{
	struct ad_state s;
	enum ad_reg reg;
	unsigned n;

	a57(&s);
	ck_assert(ad_sysreg_lookup(&s, E_DTRRXTX, true, &reg, &n));
	ck_assert_int_eq(reg, AD_REG_DBGDTRRX_EL0);
	ck_assert(ad_sysreg_lookup(&s, E_DTRRXTX, false, &reg, &n));
	ck_assert_int_eq(reg, AD_REG_DBGDTRTX_EL0);
}
END_TEST

START_TEST(test_unknown_encoding)
{
	struct ad_state s;

	a57(&s);
	ck_assert_int_eq(mrs(&s, E_SCTLR_EL1, 0).outcome, AD_SR_UNKNOWN);
}
END_TEST

START_TEST(test_parse_name)
{
	enum ad_reg reg;
	unsigned n = 99;

	ck_assert_int_eq(ad_reg_parse_name("dbgbcr5_el1", &reg, &n), 0);
	ck_assert_int_eq(reg, AD_REG_DBGBCR);
	ck_assert_uint_eq(n, 5);
	ck_assert_int_eq(ad_reg_parse_name("DBGWVR15_EL1", &reg, &n), 0);
	ck_assert_int_eq(reg, AD_REG_DBGWVR);
	ck_assert_uint_eq(n, 15);
	ck_assert_int_eq(ad_reg_parse_name("MDSCR_EL1", &reg, &n), 0);
	ck_assert_int_eq(reg, AD_REG_MDSCR_EL1);
	ck_assert_int_eq(ad_reg_parse_name("esr_el2", &reg, &n), 0);
	ck_assert_int_eq(reg, AD_REG_ESR_EL2);
	ck_assert_int_eq(ad_reg_parse_name("dbgbcr63_el1", &reg, &n), 0);
	ck_assert_uint_eq(n, 63);
	ck_assert_int_eq(ad_reg_parse_name("dbgbcr64_el1", &reg, &n), -2);
	ck_assert_int_eq(ad_reg_parse_name("nosuchreg_el1", &reg, &n), -1);
	ck_assert_int_eq(ad_reg_parse_name("", &reg, &n), -1);
}
END_TEST

/* --- plain accesses at EL1 ---------------------------------------------------- */

START_TEST(test_access_oslar_oslsr)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	a57(&s);
	r = mrs(&s, E_OSLSR, 0);
	ck_assert_int_eq(r.outcome, AD_SR_DONE);
	ck_assert_uint_eq(r.value, 0x8);
	ck_assert_int_eq(msr(&s, E_OSLAR, 1, 1).outcome, AD_SR_DONE);
	r = mrs(&s, E_OSLSR, 0);
	ck_assert_uint_eq(r.value, 0xa);
}
END_TEST

START_TEST(test_access_bcr_roundtrip)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	a57(&s);
	r = msr(&s, E_DBGBCR(3), 4, 0xFFFFFFFFFF001FFFull);
	ck_assert_int_eq(r.outcome, AD_SR_DONE);
	ck_assert_int_eq(r.reg, AD_REG_DBGBCR);
	ck_assert_uint_eq(r.n, 3);
	r = mrs(&s, E_DBGBCR(3), 4);
	ck_assert_int_eq(r.outcome, AD_SR_DONE);
	ck_assert_uint_eq(r.value, 0x1E7);
}
END_TEST

START_TEST(test_access_dfr0)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	a57(&s);
	r = mrs(&s, E_DFR0, 0);
	ck_assert_int_eq(r.outcome, AD_SR_DONE);
	ck_assert_uint_eq(r.value, 0x10305106);
}
END_TEST

/* MDCR_EL2 needs EL2; MDCR_EL3 needs EL3 (register of a higher EL: UNDEFINED). */
START_TEST(test_access_el_registers)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	a57(&s);
	r = mrs(&s, E_MDCR_EL2, 0);
	expect_undef(r, AD_EL1);
	ck_assert_int_eq(r.reason, AD_SRR_EL_TOO_LOW);
	s.pe.el = AD_EL2;
	ck_assert_int_eq(mrs(&s, E_MDCR_EL2, 0).outcome, AD_SR_DONE);
	expect_undef(mrs(&s, E_MDCR_EL3, 0), AD_EL2);
	s.pe.el = AD_EL3;
	ck_assert_int_eq(mrs(&s, E_MDCR_EL3, 0).outcome, AD_SR_DONE);
	ck_assert_int_eq(mrs(&s, E_MDCR_EL2, 0).outcome, AD_SR_DONE);
}
END_TEST

START_TEST(test_access_el2_absent)
{
	struct ad_config c = *ut_preset("cortex-a57");
	struct ad_state s;
	struct ad_sysreg_result r;

	c.el2 = false;
	ut_setup(&s, &c);
	s.pe.el = AD_EL3;
	r = mrs(&s, E_MDCR_EL2, 0);
	expect_undef(r, AD_EL3);
	ck_assert_int_eq(r.reason, AD_SRR_EL_ABSENT);
}
END_TEST

/* --- UNDEFINED ------------------------------------------------------------------ */

/* n >= number implemented: UNDEFINED, checked before any trap (digest 7). */
START_TEST(test_undef_unimplemented_bp)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	a57(&s);
	r = mrs(&s, E_DBGBCR(6), 3);
	expect_undef(r, AD_EL1);
	ck_assert_int_eq(r.reason, AD_SRR_NOT_IMPL);
	s.r.mdcr_el2 = AD_MDCR2_TDA;
	s.r.mdcr_el3 = AD_MDCR3_TDA;
	r = mrs(&s, E_DBGBCR(6), 3);
	expect_undef(r, AD_EL1);
	ck_assert_int_eq(r.reason, AD_SRR_NOT_IMPL);
	expect_undef(msr(&s, E_DBGBVR(15), 3, 0), AD_EL1);
}
END_TEST

START_TEST(test_undef_unimplemented_wp)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	a57(&s);
	r = msr(&s, E_DBGWVR(4), 1, 0x1000);
	expect_undef(r, AD_EL1);
	ck_assert_int_eq(r.reason, AD_SRR_NOT_IMPL);
	expect_undef(mrs(&s, E_DBGWCR(4), 1), AD_EL1);
	/* wp 3 exists */
	ck_assert_int_eq(mrs(&s, E_DBGWCR(3), 1).outcome, AD_SR_DONE);
}
END_TEST

/* No EL0 access to the DBGBxx, DBGWxx, MDSCR, OSxx registers: UNDEFINED
 * to EL1 (EL2 with TGE). */
START_TEST(test_undef_el0)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	a57(&s);
	s.pe.el = AD_EL0;
	r = mrs(&s, E_DBGBCR(0), 0);
	expect_undef(r, AD_EL1);
	ck_assert_int_eq(r.reason, AD_SRR_EL0);
	expect_undef(mrs(&s, E_MDSCR, 0), AD_EL1);
	expect_undef(mrs(&s, E_OSLSR, 0), AD_EL1);
	expect_undef(msr(&s, E_OSLAR, 0, 0), AD_EL1);
	s.r.mdcr_el2 = AD_MDCR2_TDA;
	expect_undef(mrs(&s, E_DBGBCR(0), 0), AD_EL1);
}
END_TEST

START_TEST(test_undef_el0_tge_to_el2)
{
	struct ad_state s;

	a57(&s);
	s.pe.el = AD_EL0;
	s.r.hcr_el2 |= AD_HCR_TGE;
	expect_undef(mrs(&s, E_DBGBCR(0), 0), AD_EL2);
}
END_TEST

/* The wrong direction for a RO/WO register is UNDEFINED, before traps. */
START_TEST(test_undef_direction)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	a57(&s);
	s.r.mdcr_el2 = AD_MDCR2_TDOSA | AD_MDCR2_TDRA | AD_MDCR2_TDA;
	r = msr(&s, E_OSLSR, 0, 0);
	expect_undef(r, AD_EL1);
	ck_assert_int_eq(r.reason, AD_SRR_DIRECTION);
	r = mrs(&s, E_OSLAR, 0);
	expect_undef(r, AD_EL1);
	ck_assert_int_eq(r.reason, AD_SRR_DIRECTION);
	expect_undef(msr(&s, E_MDRAR, 0, 0), AD_EL1);
	expect_undef(msr(&s, E_AUTHSTATUS, 0, 0), AD_EL1);
	expect_undef(msr(&s, E_MDCCSR, 0, 0), AD_EL1);
}
END_TEST

/* MDSELR_EL1 needs FEAT_Debugv8p9. */
START_TEST(test_undef_mdselr_feature)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	a57(&s);
	r = mrs(&s, E_MDSELR, 0);
	expect_undef(r, AD_EL1);
	ck_assert_int_eq(r.reason, AD_SRR_FEATURE);
	ut_setup(&s, ut_preset("v9-max"));
	s.r.mdcr_el3 = UT_MDCR_EBWE;
	s.r.mdcr_el2 = UT_MDCR_EBWE;
	ck_assert_int_eq(mrs(&s, E_MDSELR, 0).outcome, AD_SR_DONE);
}
END_TEST

/*
 * MDCR_EL3.EBWE == 0 traps EL1/EL2 accesses to MDSELR_EL1 to EL3
 * (DDI0601 MDCR_EL3.EBWE).  mrs x0, mdselr_el1 (2,0,0,4,2):
 * 0x200000 | 2<<17=0x40000 | 4<<1=0x8 | 1 = 0x240009.
 */
START_TEST(test_trap_mdselr_ebwe)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	ut_setup(&s, ut_preset("v9-max"));
	s.r.mdcr_el2 = UT_MDCR_EBWE;
	r = mrs(&s, E_MDSELR, 0);
	expect_trap(r, AD_EL3, 0x62240009);
	ck_assert_int_eq(r.reason, AD_SRR_MDCR_EL3_EBWE);
}
END_TEST

/* OSDLR_EL1 without FEAT_DoubleLock: RAZ/WI (digest 4.1), not UNDEFINED. */
START_TEST(test_osdlr_raz_wi)
{
	struct ad_config c = *ut_preset("cortex-a57");
	struct ad_state s;
	struct ad_sysreg_result r;

	c.doublelock = false;
	ut_setup(&s, &c);
	s.r.oslk = true;
	ck_assert_int_eq(msr(&s, E_OSDLR, 0, 1).outcome, AD_SR_DONE);
	r = mrs(&s, E_OSDLR, 0);
	ck_assert_int_eq(r.outcome, AD_SR_DONE);
	ck_assert_uint_eq(r.value, 0);
}
END_TEST

/* --- traps to EL2 (MDCR_EL2, EL1 Non-secure) ---------------------------------- */

/* TDA: msr dbgbcr2_el1, x3 -> EL2, ISS 0x2A0064; nothing written. */
START_TEST(test_trap_mdcr2_tda)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	a57(&s);
	s.r.mdcr_el2 = AD_MDCR2_TDA;
	r = msr(&s, E_DBGBCR(2), 3, 0x1E7);
	expect_trap(r, AD_EL2, 0x622A0064);
	ck_assert_int_eq(r.reason, AD_SRR_MDCR_EL2_TDA);
	ck_assert_uint_eq(ad_reg_read(&s, AD_REG_DBGBCR, 2), 0);
	expect_trap(mrs(&s, E_DBGBCR(2), 3), AD_EL2, 0x622A0065);
	/* TDA's group includes MDSCR_EL1: mrs x2, mdscr_el1 = ISS 0x240045 */
	expect_trap(mrs(&s, E_MDSCR, 2), AD_EL2, 0x62240045);
}
END_TEST

/* TDA does not trap the OS registers (TDOSA) or MDRAR (TDRA). */
START_TEST(test_trap_mdcr2_tda_scope)
{
	struct ad_state s;

	a57(&s);
	s.r.mdcr_el2 = AD_MDCR2_TDA;
	ck_assert_int_eq(mrs(&s, E_OSLSR, 0).outcome, AD_SR_DONE);
	ck_assert_int_eq(mrs(&s, E_MDRAR, 0).outcome, AD_SR_DONE);
}
END_TEST

/* TDOSA: mrs x0, oslsr_el1 -> ISS 0x280403; msr oslar_el1, xzr -> 0x2807E0. */
START_TEST(test_trap_mdcr2_tdosa)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	a57(&s);
	s.r.mdcr_el2 = AD_MDCR2_TDOSA;
	r = mrs(&s, E_OSLSR, 0);
	expect_trap(r, AD_EL2, 0x62280403);
	ck_assert_int_eq(r.reason, AD_SRR_MDCR_EL2_TDOSA);
	expect_trap(msr(&s, E_OSLAR, 31, 0), AD_EL2, 0x622807E0);
	ck_assert(!s.r.oslk);
	ck_assert_int_eq(mrs(&s, E_DBGBCR(0), 0).outcome, AD_SR_DONE);
}
END_TEST

/* TDRA: mrs x7, mdrar_el1 -> ISS 0x2004E1. */
START_TEST(test_trap_mdcr2_tdra)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	a57(&s);
	s.r.mdcr_el2 = AD_MDCR2_TDRA;
	r = mrs(&s, E_MDRAR, 7);
	expect_trap(r, AD_EL2, 0x622004E1);
	ck_assert_int_eq(r.reason, AD_SRR_MDCR_EL2_TDRA);
	ck_assert_int_eq(mrs(&s, E_DBGBCR(0), 0).outcome, AD_SR_DONE);
}
END_TEST

/* TDE: TDA, TDOSA and TDRA behave as 1.  mrs x1, dbgwvr3_el1 -> 0x2C0027. */
START_TEST(test_trap_mdcr2_tde)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	a57(&s);
	s.r.mdcr_el2 = AD_MDCR2_TDE;
	r = mrs(&s, E_DBGWVR(3), 1);
	expect_trap(r, AD_EL2, 0x622C0027);
	ck_assert_int_eq(r.reason, AD_SRR_MDCR_EL2_TDE);
	expect_trap(mrs(&s, E_OSLSR, 0), AD_EL2, 0x62280403);
	expect_trap(mrs(&s, E_MDRAR, 7), AD_EL2, 0x622004E1);
}
END_TEST

/* MDCR_EL2 traps apply to EL1 (and EL0), not to EL2 itself. */
START_TEST(test_trap_mdcr2_not_at_el2)
{
	struct ad_state s;

	a57(&s);
	s.r.mdcr_el2 = AD_MDCR2_TDA | AD_MDCR2_TDOSA | AD_MDCR2_TDRA | AD_MDCR2_TDE;
	s.pe.el = AD_EL2;
	ck_assert_int_eq(mrs(&s, E_DBGBCR(0), 0).outcome, AD_SR_DONE);
	ck_assert_int_eq(mrs(&s, E_OSLSR, 0).outcome, AD_SR_DONE);
	ck_assert_int_eq(mrs(&s, E_MDRAR, 0).outcome, AD_SR_DONE);
}
END_TEST

/* Secure EL1: EL2 is not enabled, MDCR_EL2 does not trap. */
START_TEST(test_trap_mdcr2_not_secure)
{
	struct ad_state s;

	a57(&s);
	s.r.mdcr_el2 = AD_MDCR2_TDA;
	s.r.scr_el3 &= ~AD_SCR_NS;
	ck_assert_int_eq(mrs(&s, E_DBGBCR(0), 0).outcome, AD_SR_DONE);
}
END_TEST

/* --- traps to EL3 (MDCR_EL3) ------------------------------------------------------ */

/* MDCR_EL3.TDA: mrs x2, mdscr_el1 -> EL3, ISS 0x240045; from EL1 and EL2. */
START_TEST(test_trap_mdcr3_tda)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	a57(&s);
	s.r.mdcr_el3 = AD_MDCR3_TDA;
	r = mrs(&s, E_MDSCR, 2);
	expect_trap(r, AD_EL3, 0x62240045);
	ck_assert_int_eq(r.reason, AD_SRR_MDCR_EL3_TDA);
	s.pe.el = AD_EL2;
	expect_trap(mrs(&s, E_MDSCR, 2), AD_EL3, 0x62240045);
	s.pe.el = AD_EL3;
	ck_assert_int_eq(mrs(&s, E_MDSCR, 2).outcome, AD_SR_DONE);
}
END_TEST

/* At EL3, MDRAR_EL1 is covered by MDCR_EL3.TDA (digest 7). */
START_TEST(test_trap_mdcr3_tda_mdrar)
{
	struct ad_state s;

	a57(&s);
	s.r.mdcr_el3 = AD_MDCR3_TDA;
	expect_trap(mrs(&s, E_MDRAR, 7), AD_EL3, 0x622004E1);
}
END_TEST

/* EL2 traps take priority over EL3 traps for an EL1 access. */
START_TEST(test_trap_priority_el2_first)
{
	struct ad_state s;

	a57(&s);
	s.r.mdcr_el2 = AD_MDCR2_TDA;
	s.r.mdcr_el3 = AD_MDCR3_TDA;
	expect_trap(mrs(&s, E_DBGBCR(2), 3), AD_EL2, 0x622A0065);
}
END_TEST

/* MDCR_EL3.TDOSA from EL2: msr oslar_el1, x9 -> EL3, ISS 0x280520. */
START_TEST(test_trap_mdcr3_tdosa)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	a57(&s);
	s.r.mdcr_el3 = AD_MDCR3_TDOSA;
	s.pe.el = AD_EL2;
	r = msr(&s, E_OSLAR, 9, 1);
	expect_trap(r, AD_EL3, 0x62280520);
	ck_assert_int_eq(r.reason, AD_SRR_MDCR_EL3_TDOSA);
	ck_assert(!s.r.oslk);
	ck_assert_int_eq(mrs(&s, E_DBGBCR(0), 0).outcome, AD_SR_DONE);
}
END_TEST

/* --- DCC traps ------------------------------------------------------------------- */

/* MDSCR_EL1.TDCC: EL0 mrs x5, mdccsr_el0 -> EL1, ISS 0x20C0A3. */
START_TEST(test_trap_mdscr_tdcc)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	a57(&s);
	s.pe.el = AD_EL0;
	ck_assert_int_eq(mrs(&s, E_MDCCSR, 5).outcome, AD_SR_DONE);
	s.r.mdscr_el1 |= AD_MDSCR_TDCC;
	r = mrs(&s, E_MDCCSR, 5);
	expect_trap(r, AD_EL1, 0x6220C0A3);
	ck_assert_int_eq(r.reason, AD_SRR_MDSCR_TDCC);
	/* msr dbgdtr_el0, x6: (2,3,0,4,0) -> ISS 0x20C0C8 */
	expect_trap(msr(&s, E_DBGDTR, 6, 0), AD_EL1, 0x6220C0C8);
}
END_TEST

/* HCR_EL2.TGE: the MDSCR_EL1.TDCC trap from EL0 goes to EL2. */
START_TEST(test_trap_tdcc_tge)
{
	struct ad_state s;

	a57(&s);
	s.pe.el = AD_EL0;
	s.r.mdscr_el1 |= AD_MDSCR_TDCC;
	s.r.hcr_el2 |= AD_HCR_TGE;
	expect_trap(mrs(&s, E_MDCCSR, 5), AD_EL2, 0x6220C0A3);
}
END_TEST

/* MDCR_EL2.TDCC (FEAT_FGT, v9-max): EL0/EL1 DCC accesses trap to EL2. */
START_TEST(test_trap_mdcr2_tdcc)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	ut_setup(&s, ut_preset("v9-max"));
	s.r.mdcr_el2 = AD_MDCR2_TDCC;
	r = mrs(&s, E_MDCCSR, 5);
	expect_trap(r, AD_EL2, 0x6220C0A3);
	ck_assert_int_eq(r.reason, AD_SRR_MDCR_EL2_TDCC);
	s.pe.el = AD_EL0;
	expect_trap(mrs(&s, E_MDCCSR, 5), AD_EL2, 0x6220C0A3);
}
END_TEST

/* MDCR_EL3.TDCC (v9-max): to EL3. */
START_TEST(test_trap_mdcr3_tdcc)
{
	struct ad_state s;
	struct ad_sysreg_result r;

	ut_setup(&s, ut_preset("v9-max"));
	s.r.mdcr_el3 = AD_MDCR3_TDCC;
	r = mrs(&s, E_MDCCSR, 5);
	expect_trap(r, AD_EL3, 0x6220C0A3);
	ck_assert_int_eq(r.reason, AD_SRR_MDCR_EL3_TDCC);
}
END_TEST

START_TEST(test_reason_strings)
{
	unsigned r;

	for (r = AD_SRR_NONE; r <= AD_SRR_MDCR_EL3_EBWE; r++) {
		ck_assert_ptr_nonnull(ad_sysreg_reason_str(r));
		ck_assert_uint_gt(strlen(ad_sysreg_reason_str(r)), 0);
	}
}
END_TEST

Suite *sysreg_suite(void)
{
	Suite *s = suite_create("sysreg");
	TCase *tc;

	tc = tcase_create("encodings");
	tcase_add_test(tc, test_lookup_banked);
	tcase_add_test(tc, test_lookup_others);
	tcase_add_test(tc, test_lookup_shared_dtr);
	tcase_add_test(tc, test_unknown_encoding);
	tcase_add_test(tc, test_parse_name);
	suite_add_tcase(s, tc);

	tc = tcase_create("access");
	tcase_add_test(tc, test_access_oslar_oslsr);
	tcase_add_test(tc, test_access_bcr_roundtrip);
	tcase_add_test(tc, test_access_dfr0);
	tcase_add_test(tc, test_access_el_registers);
	tcase_add_test(tc, test_access_el2_absent);
	suite_add_tcase(s, tc);

	tc = tcase_create("undefined");
	tcase_add_test(tc, test_undef_unimplemented_bp);
	tcase_add_test(tc, test_undef_unimplemented_wp);
	tcase_add_test(tc, test_undef_el0);
	tcase_add_test(tc, test_undef_el0_tge_to_el2);
	tcase_add_test(tc, test_undef_direction);
	tcase_add_test(tc, test_undef_mdselr_feature);
	tcase_add_test(tc, test_trap_mdselr_ebwe);
	tcase_add_test(tc, test_osdlr_raz_wi);
	suite_add_tcase(s, tc);

	tc = tcase_create("traps_el2");
	tcase_add_test(tc, test_trap_mdcr2_tda);
	tcase_add_test(tc, test_trap_mdcr2_tda_scope);
	tcase_add_test(tc, test_trap_mdcr2_tdosa);
	tcase_add_test(tc, test_trap_mdcr2_tdra);
	tcase_add_test(tc, test_trap_mdcr2_tde);
	tcase_add_test(tc, test_trap_mdcr2_not_at_el2);
	tcase_add_test(tc, test_trap_mdcr2_not_secure);
	suite_add_tcase(s, tc);

	tc = tcase_create("traps_el3");
	tcase_add_test(tc, test_trap_mdcr3_tda);
	tcase_add_test(tc, test_trap_mdcr3_tda_mdrar);
	tcase_add_test(tc, test_trap_priority_el2_first);
	tcase_add_test(tc, test_trap_mdcr3_tdosa);
	suite_add_tcase(s, tc);

	tc = tcase_create("traps_dcc");
	tcase_add_test(tc, test_trap_mdscr_tdcc);
	tcase_add_test(tc, test_trap_tdcc_tge);
	tcase_add_test(tc, test_trap_mdcr2_tdcc);
	tcase_add_test(tc, test_trap_mdcr3_tdcc);
	tcase_add_test(tc, test_reason_strings);
	suite_add_tcase(s, tc);

	return s;
}
