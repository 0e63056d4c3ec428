// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/oracle.c - the reference implementation the model is fuzzed
 * against.  See oracle.h for what it is and which interpretations it takes.
 *
 * Written from the pseudocode, function by function; each function names
 * the Arm function it mirrors.  Register fields and address ranges are
 * read with <hi:lo> helpers that take the pseudocode's bit numbers, and
 * watchpoints are compared byte by byte: simple rather than fast, so that
 * it is easy to check against the text.  It reads struct ad_state only;
 * it calls nothing in model/.
 *
 * Conjunctions are evaluated left to right and stop once the result is
 * known (all the functions are pure, so this changes no verdict): a
 * comparator whose address does not match reads no policy about its
 * other fields, and or_policies_read() then names only the policies a
 * verdict depends on, which is what fuzz_model.c sweeps.  The address
 * test comes first where the fields alone show that no choice can make
 * the comparator match an address outside a block (bp_may_match_at(),
 * wp_min_lsb()).  The per-comparator functions and the combinations
 * (or_breakpoint_result(), or_watchpoint_result()) are public so that the
 * harness can evaluate the comparators one at a time.
 */
#include "oracle.h"

#include <string.h>

/* Register bit positions (Arm ARM D24 / the digest), for the oracle alone. */
enum {
	HCR_TGE = 27, HCR_E2H = 34, HCR_NV = 42, HCR_NV1 = 43,
	SCR_NS = 0,
	MDSCR_SS = 0, MDSCR_KDE = 13, MDSCR_MDE = 15, MDSCR_EMBWE = 32,
	MDCR2_TDE = 8, MDCR2_EBWE = 43,
	MDCR3_SDD = 16, MDCR3_EBWE = 43,
	OSDLR_DLK = 0, DBGPRCR_CORENPDRQ = 0,
	VTCR_VS = 19,
	SPSR_D = 9, SPSR_SS = 21,
};

/* Exception classes and syndrome constants (Arm ARM ESR_ELx). */
enum {
	EC_BREAKPT_LOWER = 0x30, EC_SOFTSTP_LOWER = 0x32,
	EC_WATCHPT_LOWER = 0x34, EC_BRK64 = 0x3c,
	FSC_DEBUG = 0x22,
};

static bool bit(uint64_t v, unsigned n)
{
	return (v >> n) & 1;
}

/* The mask of bits hi..lo; empty when hi < lo. */
static uint64_t bits_mask(unsigned hi, unsigned lo)
{
	uint64_t upto_hi = hi >= 63 ? ~0ull : (1ull << (hi + 1)) - 1;

	return hi < lo ? 0 : upto_hi & ~((1ull << lo) - 1);
}

/* v<hi:lo> as an unsigned number. */
static unsigned field(uint64_t v, unsigned hi, unsigned lo)
{
	return (unsigned)((v & bits_mask(hi, lo)) >> lo);
}

/* a<hi:lo> == b<hi:lo> */
static bool range_eq(uint64_t a, uint64_t b, unsigned hi, unsigned lo)
{
	return ((a ^ b) & bits_mask(hi, lo)) == 0;
}

/* IsZero(v<hi:lo>); an empty range (hi < lo) is zero. */
static bool range_zero(uint64_t v, unsigned hi, unsigned lo)
{
	return (v & bits_mask(hi, lo)) == 0;
}

/* IsOnes(v<hi:lo>) */
static bool range_ones(uint64_t v, unsigned hi, unsigned lo)
{
	return (v & bits_mask(hi, lo)) == bits_mask(hi, lo);
}

/* The policies read since or_policies_clear(), bit (1 << id). */
_Static_assert(AD_POL__COUNT < 32, "or_policies_read() is a 32-bit mask");
static uint32_t policies_read;

void or_policies_clear(void)
{
	policies_read = 0;
}

uint32_t or_policies_read(void)
{
	return policies_read;
}

/* Every policy choice the oracle makes goes through here. */
static unsigned pol(const struct ad_state *s, enum ad_policy_id id)
{
	policies_read |= 1u << id;
	return s->pol.choice[id];
}

/* HaveEL(el) */
static bool have_el(const struct ad_state *s, unsigned el)
{
	if (el == AD_EL2)
		return s->cfg->el2;
	if (el == AD_EL3)
		return s->cfg->el3;
	return true;
}

static uint64_t hcr(const struct ad_state *s)
{
	return s->cfg->el2 ? s->r.hcr_el2 : 0;
}

static uint64_t mdcr2(const struct ad_state *s)
{
	return s->cfg->el2 ? s->r.mdcr_el2 : 0;
}

static uint64_t mdcr3(const struct ad_state *s)
{
	return s->cfg->el3 ? s->r.mdcr_el3 : 0;
}

/* SCR_EL3.NS, or Non-secure when there is no EL3. */
static bool scr_ns(const struct ad_state *s)
{
	return !s->cfg->el3 || bit(s->r.scr_el3, SCR_NS);
}

/* SecurityStateAtEL(el) == SS_Secure (no RME, no Secure EL2). */
static bool secure_at_el(const struct ad_state *s, unsigned el)
{
	if (!s->cfg->el3)
		return false;
	if (el == AD_EL3)
		return true;
	return !scr_ns(s);
}

/* IsSecure() / CurrentSecurityState() == SS_Secure */
bool or_is_secure(const struct ad_state *s)
{
	return secure_at_el(s, s->pe.el);
}

/* EL2Enabled() (no FEAT_SEL2) */
bool or_el2_enabled(const struct ad_state *s)
{
	return s->cfg->el2 && scr_ns(s);
}

/* EffectiveHCR_EL2_E2H() */
static bool e2h(const struct ad_state *s)
{
	return s->cfg->vhe && bit(hcr(s), HCR_E2H);
}

/* ELIsInHost(el) */
static bool el_is_in_host(const struct ad_state *s, unsigned el)
{
	if (!s->cfg->vhe || !s->cfg->el2)
		return false;
	if (el == AD_EL2)
		return e2h(s);
	if (el == AD_EL0)
		return or_el2_enabled(s) && e2h(s) && bit(hcr(s), HCR_TGE);
	return false;
}

/* DoubleLockStatus() (never halted here) */
static bool double_lock_status(const struct ad_state *s)
{
	if (!s->cfg->doublelock)
		return false;
	return bit(s->r.osdlr_el1, OSDLR_DLK) &&
	       !bit(s->r.dbgprcr_el1, DBGPRCR_CORENPDRQ);
}

/* DebugTargetFrom(secure) */
unsigned or_debug_target_from(const struct ad_state *s, bool secure)
{
	bool route_to_el2 = false;

	if (have_el(s, AD_EL2) && !secure)
		route_to_el2 = bit(mdcr2(s), MDCR2_TDE) ||
			       bit(hcr(s), HCR_TGE);
	return route_to_el2 ? AD_EL2 : AD_EL1;
}

/*
 * MDSCR_EL1.KDE.  The test that the harness's disagreement report works
 * (fuzz_model_report, tests/fuzz/CMakeLists.txt) builds a copy of the
 * oracle with ORACLE_BREAK_KDE, which ignores it: a rule broken on purpose.
 */
static bool kde(const struct ad_state *s)
{
#ifdef ORACLE_BREAK_KDE
	(void)s;
	return true;
#else
	return bit(s->r.mdscr_el1, MDSCR_KDE);
#endif
}

/* AArch64.GenerateDebugExceptionsFrom(from_el, secure, mask) */
bool or_generate_debug_exceptions_from(const struct ad_state *s,
				       unsigned from_el, bool secure,
				       bool mask)
{
	unsigned target;
	bool enabled;

	if (s->r.oslk || double_lock_status(s) || s->pe.halted)
		return false;
	target = or_debug_target_from(s, secure);
	if (have_el(s, AD_EL3) && secure)
		enabled = !bit(mdcr3(s), MDCR3_SDD);
	else
		enabled = true;
	if (from_el == target)
		enabled = enabled && kde(s) && !mask;
	else
		enabled = enabled && target > from_el;
	return enabled;
}

/* DebugAddrTop() */
static unsigned debug_addr_top(const struct ad_state *s)
{
	return s->cfg->va_bits > 48 ? 52 : 48;
}

/* HaveAArch32(): AArch32 at EL0 comes with AArch32 at EL1 here. */
static bool have_aarch32(const struct ad_state *s)
{
	return s->cfg->aarch32_el1;
}

/* ContextMatchingBreakpointRange() */
static void context_range(const struct ad_state *s, unsigned *lo,
			  unsigned *hi)
{
	unsigned b = s->cfg->num_bps, c = s->cfg->num_ctx_bps;

	if (b <= 16) {
		*lo = b - c;
		*hi = b - 1;
	} else if (c <= 16) {
		*lo = 16 - c;
		*hi = 15;
	} else {
		*lo = 0;
		*hi = c - 1;
	}
}

/* IsContextMatchingBreakpoint(n) */
bool or_is_context_bp(const struct ad_state *s, unsigned n)
{
	unsigned lo, hi;

	context_range(s, &lo, &hi);
	return n >= lo && n <= hi;
}

/* SelfHostedExtendedBPWPEnabled() */
bool or_extended_bpwp_enabled(const struct ad_state *s)
{
	if (s->cfg->num_bps <= 16 && s->cfg->num_wps <= 16)
		return false;
	if ((have_el(s, AD_EL3) && !bit(mdcr3(s), MDCR3_EBWE)) ||
	    (or_el2_enabled(s) && !bit(mdcr2(s), MDCR2_EBWE)))
		return false;
	return bit(s->r.mdscr_el1, MDSCR_EMBWE);
}

/* IsBreakpointEnabled(n) */
static bool bp_enabled(const struct ad_state *s, unsigned n)
{
	if (n > 15 && !or_extended_bpwp_enabled(s))
		return false;
	return bit(s->r.bcr[n], 0);
}

/* IsWatchpointEnabled(n) */
static bool wp_enabled(const struct ad_state *s, unsigned n)
{
	if (n > 15 && !or_extended_bpwp_enabled(s))
		return false;
	return bit(s->r.wcr[n], 0);
}

/* BT matches the pattern @pat ("0x0x": x is don't care, bit 3 first). */
static inline bool bt_is(unsigned bt, const char *pat)
{
	unsigned i;

	for (i = 0; i < 4; i++) {
		bool b = bit(bt, 3 - i);

		if (pat[i] == '0' && b)
			return false;
		if (pat[i] == '1' && !b)
			return false;
	}
	return true;
}

/* The reserved-type test of AArch64.ReservedBreakpointType. */
static bool bp_type_reserved(const struct ad_state *s, unsigned n,
			     unsigned bt)
{
	bool reserved = false;

	if (!bt_is(bt, "0x0x") && !or_is_context_bp(s, n))
		reserved = true;
	if (bt_is(bt, "1xxx") && !have_el(s, AD_EL2))
		reserved = true;
	if ((bt_is(bt, "011x") || bt_is(bt, "11xx")) && !s->cfg->vhe &&
	    s->cfg->debugver < AD_DEBUGVER_V8P2)
		reserved = true;
	/* Oracle interpretation: mismatch needs FEAT_BWE (oracle.h). */
	if (bt_is(bt, "010x") && !s->cfg->bwe)
		reserved = true;
	return reserved;
}

/*
 * AArch64.ReservedBreakpointType: the type breakpoint @n behaves as, or
 * -1 for "disabled".  Unpredictable_RESBPTYPE's UNKNOWN type is 0b0000.
 */
static int reserved_bp_type(const struct ad_state *s, unsigned n,
			    unsigned bt)
{
	if (!bp_type_reserved(s, n, bt))
		return (int)bt;
	if (pol(s, AD_POL_RESBPTYPE) == AD_RESBPTYPE_DISABLED)
		return -1;
	return 0;
}

/* The CONSTRAINED UNPREDICTABLE "ignore RESS bits" choice: the top bit. */
static unsigned ress_top(const struct ad_state *s, uint64_t xvr)
{
	unsigned top = debug_addr_top(s);

	if (top < 55 && !range_ones(xvr, 63, top) && !range_zero(xvr, 63, top) &&
	    pol(s, AD_POL_DBGXVR_RESS) == AD_RESS_COMPARE)
		top = 63;
	return top;
}

/*
 * va<top:lsb> == xvr<top:lsb>, top as ress_top() says: the address
 * comparison of BreakpointValueMatch and WatchpointByteMatch.  Bits
 * [DebugAddrTop:lsb] first; the RESS choice only when they are equal.
 */
static bool addr_eq(const struct ad_state *s, uint64_t va, uint64_t xvr,
		    unsigned lsb)
{
	return range_eq(va, xvr, debug_addr_top(s), lsb) &&
	       range_eq(va, xvr, ress_top(s, xvr), lsb);
}

/* The VMID the PE runs with, and the one DBGBVR<n> holds (16 bits). */
static void vmids(const struct ad_state *s, uint64_t bvr, unsigned *vmid,
		  unsigned *bvr_vmid)
{
	if (!s->cfg->vmid16 || !bit(s->r.vtcr_el2, VTCR_VS)) {
		*vmid = field(s->r.vttbr_el2, 55, 48);
		*bvr_vmid = field(bvr, 39, 32);
	} else {
		*vmid = field(s->r.vttbr_el2, 63, 48);
		*bvr_vmid = field(bvr, 47, 32);
	}
}

/* AArch64.BreakpointValueMatch(n, vaddress, linked_to, isbreakpnt) */
static void bp_value_match(const struct ad_state *s, unsigned n,
			   uint64_t va, bool linked_to, bool isbreakpnt,
			   bool *value_match, bool *is_mismatch)
{
	uint64_t bcr = s->r.bcr[n], bvr = s->r.bvr[n];
	unsigned el = s->pe.el;
	bool match_addr, mismatch, match_vmid, match_cid, match_cid1;
	bool match_cid2, linking_enabled, ignore_bas = false;
	bool bvr_match = false, bxvr_match = false;
	unsigned mask = 0, bas = field(bcr, 8, 5);
	int bt;

	*value_match = false;
	*is_mismatch = false;
	/* n < NumBreakpointsImplemented(): the callers resolve BPNOTIMPL. */
	if (!bp_enabled(s, n))
		return;
	bt = reserved_bp_type(s, n, field(bcr, 23, 20));
	if (bt < 0)
		return;
	match_addr = bt_is(bt, "0x0x");
	mismatch = bt_is(bt, "010x");
	match_vmid = bt_is(bt, "10xx");
	match_cid = bt_is(bt, "001x");
	match_cid1 = bt_is(bt, "101x") || bt_is(bt, "x11x");
	match_cid2 = bt_is(bt, "11xx");
	linking_enabled = bt_is(bt, "0x11") || bt_is(bt, "1xx1");

	if (linked_to && !linking_enabled)
		return;
	if (!linked_to && linking_enabled && !match_addr)
		return;
	if (linked_to && match_addr && isbreakpnt &&
	    pol(s, AD_POL_BPLINKEDADDRMATCH) == AD_BPLINKEDADDRMATCH_NOMATCH)
		return;

	if (s->cfg->bwe) {
		mask = field(bcr, 28, 24);
		if (mask == 1 || mask == 2) {
			/* Unpredictable_RESBPMASK */
			switch (pol(s, AD_POL_BPMASK)) {
			case AD_BPMASK_DISABLED:
				return;
			case AD_BPMASK_ZERO:
				mask = 0;
				break;
			default:
				mask = 3;
				break;
			}
		}
		if (mask != 0) {
			/* Unpredictable_BPMASK, resolved by AD_POL_WPMASKANDBAS */
			if (match_cid || match_cid1 || match_cid2 ||
			    (bas != 0xf && have_aarch32(s))) {
				unsigned c = pol(s, AD_POL_WPMASKANDBAS);

				if (c == AD_WPMASKANDBAS_NOMATCH)
					return;
				ignore_bas = c == AD_WPMASKANDBAS_IGNORE_BAS;
			}
		} else if (mismatch) {
			return;
		}
	}

	if (match_addr) {
		unsigned byte = field(va, 1, 0);
		bool byte_select_match;

		if (have_aarch32(s) && !ignore_bas)
			byte_select_match = bit(bas, byte);
		else
			byte_select_match = true;
		if (mask > 2) {
			bvr_match = byte_select_match &&
				    addr_eq(s, va, bvr, mask);
			if (bvr_match && !range_zero(bvr, mask - 1, 2))
				bvr_match = pol(s, AD_POL_BPMASKEDBITS) ==
					    AD_MASKEDBITS_IGNORE;
		} else {
			bvr_match = byte_select_match &&
				    addr_eq(s, va, bvr, 2);
		}
	} else if (match_cid) {
		if (el_is_in_host(s, el))
			bvr_match = range_eq(s->r.contextidr_el2, bvr, 31, 0);
		else
			bvr_match = el <= AD_EL1 &&
				    range_eq(s->r.contextidr_el1, bvr, 31, 0);
	} else if (match_cid1) {
		bvr_match = el <= AD_EL1 && !el_is_in_host(s, el) &&
			    range_eq(s->r.contextidr_el1, bvr, 31, 0);
	}
	if (match_vmid) {
		unsigned vmid, bvr_vmid;

		vmids(s, bvr, &vmid, &bvr_vmid);
		bxvr_match = el <= AD_EL1 && or_el2_enabled(s) &&
			     !el_is_in_host(s, el) && vmid == bvr_vmid;
	} else if (match_cid2) {
		bxvr_match = el != AD_EL3 && or_el2_enabled(s) &&
			     field(bvr, 63, 32) ==
				     field(s->r.contextidr_el2, 31, 0);
	}
	*value_match = (!(match_vmid || match_cid2) || bxvr_match) &&
		       (!(match_addr || match_cid || match_cid1) || bvr_match);
	*is_mismatch = mismatch;
}

/* CheckValidStateMatch: true if the combination is reserved. */
static bool state_ctrl_reserved(const struct ad_state *s, unsigned ssc,
				unsigned hmc, unsigned pxc, bool isbreakpnt)
{
	bool el2 = s->cfg->el2, el3 = s->cfg->el3;
	bool reserved;

	/* The first matching row of the "not allocated" table. */
	if (hmc == 0 && ssc == 3 && pxc == 2)
		reserved = true;
	else if (hmc == 0 && (ssc == 2 || ssc == 3))
		reserved = !el3; /* !HaveSecureState() */
	else if (hmc == 1 && ssc == 0 && !bit(pxc, 0))
		reserved = true;
	else if (hmc == 1 && ssc == 1 && pxc == 2)
		reserved = true;
	else if (hmc == 1 && (ssc == 2 || ssc == 3) && pxc == 2)
		reserved = true;
	else
		reserved = false;

	if ((!isbreakpnt || !s->cfg->aarch32_el1) && hmc == 0 && pxc == 0 &&
	    ssc != 3)
		reserved = true;
	if (!el3 && !el2 && (hmc != 0 || ssc != 0))
		reserved = true;
	if (!el3 && (ssc == 1 || ssc == 2) &&
	    !(hmc == 1 && ssc == 1 && pxc == 0))
		reserved = true;
	if (!el3 && hmc == 1 && ssc == 2 && pxc == 0)
		reserved = true;
	if (!el2 && hmc == 1 && ssc == 3 && pxc == 0)
		reserved = true;
	/* No FEAT_SEL2. */
	if ((hmc == 0 && ssc == 3 && pxc == 0) ||
	    (hmc == 1 && ssc == 1 && pxc == 0) ||
	    (ssc == 3 && bit(pxc, 0)))
		reserved = true;
	return reserved;
}

/* AArch64.StateMatch for an access at @acc_el in Security state @secure. */
static bool state_match(const struct ad_state *s, unsigned ssc,
			unsigned hmc, unsigned pxc, bool linked,
			unsigned linked_n, bool isbreakpnt, unsigned acc_el,
			bool secure)
{
	bool el3_match, el2_match, el1_match, el0_match, priv_match;
	bool ss_match, linked_match = false, linked_mismatch = false;

	if (state_ctrl_reserved(s, ssc, hmc, pxc, isbreakpnt)) {
		/* Unpredictable_RESBPWPCTRL */
		if (pol(s, AD_POL_RESBPWPCTRL) == AD_RESBPWPCTRL_DISABLED)
			return false;
		hmc = 0;
		ssc = 0;
		pxc = 3;
	}
	el3_match = have_el(s, AD_EL3) && hmc == 1 && !bit(ssc, 0);
	el2_match = have_el(s, AD_EL2) &&
		    ((hmc == 1 && !(ssc == 2 && pxc == 0)) || ssc == 3);
	el1_match = bit(pxc, 0);
	el0_match = bit(pxc, 1);
	switch (acc_el) {
	case AD_EL3:
		priv_match = el3_match;
		break;
	case AD_EL2:
		priv_match = el2_match;
		break;
	case AD_EL1:
		priv_match = el1_match;
		break;
	default:
		priv_match = el0_match;
		break;
	}
	switch (ssc) {
	case 0:
		ss_match = true;
		break;
	case 1:
		ss_match = !secure;
		break;
	case 2:
		ss_match = secure;
		break;
	default:
		ss_match = hmc == 1 || secure;
		break;
	}
	if (linked && !or_is_context_bp(s, linked_n)) {
		unsigned lo, hi;

		/* Unpredictable_BPNOTCTXCMP */
		switch (pol(s, AD_POL_BPNOTCTXCMP)) {
		case AD_BPNOTCTXCMP_DISABLED:
			return false;
		case AD_BPNOTCTXCMP_UNLINKED:
			linked = false;
			break;
		default:
			context_range(s, &lo, &hi);
			linked_n = lo;
			break;
		}
	}
	if (linked)
		bp_value_match(s, linked_n, 0, true, isbreakpnt, &linked_match,
			       &linked_mismatch);
	return priv_match && ss_match &&
	       (!linked || (!linked_mismatch && linked_match) ||
		(linked_mismatch && !linked_match));
}

/* LBN, with LBNX above it when FEAT_Debugv8p9 has it. */
static unsigned linked_number(const struct ad_state *s, uint64_t ctrl)
{
	unsigned lbnx = s->cfg->debugv8p9 ? field(ctrl, 31, 30) : 0;

	return lbnx * 16 + field(ctrl, 19, 16);
}

/*
 * False when both results of AArch64.BreakpointMatch(n) are FALSE at
 * @va under every policy choice, read from the fields alone.  A
 * breakpoint of type 0b000x, or of a reserved type (which behaves as
 * 0b0000 or is disabled), is never an address mismatch breakpoint, and
 * matches only an address that agrees with DBGBVR in bits
 * [DebugAddrTop:lsb], lsb being the largest the choices allow: MASK when
 * it is 3 or more, 3 for a reserved MASK (it behaves as 0 or 3), else 2
 * (MASK 0, or no FEAT_BWE).  The other types may match (or mismatch)
 * whatever the address.
 */
static bool bp_may_match_at(const struct ad_state *s, unsigned n,
			    uint64_t va)
{
	uint64_t bcr = s->r.bcr[n];
	unsigned bt = field(bcr, 23, 20), mask = field(bcr, 28, 24), lsb = 2;

	if (s->cfg->bwe && (mask == 1 || mask == 2))
		lsb = 3;
	else if (s->cfg->bwe && mask > 2)
		lsb = mask;

	if (!bt_is(bt, "000x") && !bp_type_reserved(s, n, bt))
		return true;
	return range_eq(va, s->r.bvr[n], debug_addr_top(s), lsb);
}

/* AArch64.BreakpointMatch(n, vaddress, accdesc, size = 4) */
void or_breakpoint_match(const struct ad_state *s, unsigned n, uint64_t pc,
			 bool *val_match, bool *is_mismatch)
{
	uint64_t bcr = s->r.bcr[n];
	bool linked, smatch, vmatch, vmis;
	unsigned bt;
	int eff;

	*val_match = false;
	*is_mismatch = false;
	/* Both results are ANDed with IsBreakpointEnabled(n). */
	if (!bp_enabled(s, n))
		return;
	if (!bp_may_match_at(s, n, pc) && !bp_may_match_at(s, n, pc + 2))
		return;
	eff = reserved_bp_type(s, n, field(bcr, 23, 20));
	bt = eff < 0 ? field(bcr, 23, 20) : (unsigned)eff;
	/*
	 * The pseudocode reads the raw DBGBCR.BT here; a reserved type that
	 * "behaves as" the UNKNOWN type (0b0000) does so here too (oracle.h).
	 */
	if (bt_is(bt, "0x11") || bt_is(bt, "1xx1"))
		return; /* a link target never matches by itself */
	linked = bt_is(bt, "0x01");
	bp_value_match(s, n, pc, false, true, &vmatch, &vmis);
	/* The second halfword of the 4-byte instruction, once vmatch is not. */
	if (have_aarch32(s) && !vmatch) {
		bool match_i, mis_i;

		bp_value_match(s, n, pc + 2, false, true, &match_i, &mis_i);
		if (match_i)
			vmatch = pol(s, AD_POL_BPMATCHHALF) ==
				 AD_BPMATCHHALF_MATCH;
	}
	if (bit(pc, 1) && field(bcr, 8, 5) == 0xf && vmatch)
		vmatch = pol(s, AD_POL_BPMATCHHALF) == AD_BPMATCHHALF_MATCH;
	/* Both results are also ANDed with the state match. */
	if (!vmatch && !vmis)
		return;
	smatch = state_match(s, field(bcr, 15, 14), field(bcr, 13, 13),
			     field(bcr, 2, 1), linked, linked_number(s, bcr),
			     true, s->pe.el, or_is_secure(s));
	*val_match = vmatch && smatch;
	*is_mismatch = vmis && smatch;
}

static uint64_t esr_of(unsigned ec, uint64_t iss)
{
	return ((uint64_t)ec << 26) | (1ull << 25) | iss;
}

/*
 * AArch64.CheckBreakpoint's combination of the breakpoints' results (+ the
 * enable test of AArch64.CheckDebug): bit n of @match and @mismatch is
 * or_breakpoint_match(n)'s val_match and is_mismatch.
 */
struct or_result or_breakpoint_result(const struct ad_state *s,
				      uint64_t match, uint64_t mismatch)
{
	struct or_result r;
	bool secure = or_is_secure(s), generate;
	bool val_match = false, outside_all = true, mismatch_bp = false;
	uint64_t mismatch_hits = 0;
	unsigned i;

	memset(&r, 0, sizeof(r));
	generate = or_generate_debug_exceptions_from(s, s->pe.el, secure,
						     s->pe.d) &&
		   bit(s->r.mdscr_el1, MDSCR_MDE);
	for (i = 0; i < s->cfg->num_bps; i++) {
		if (bit(mismatch, i)) {
			mismatch_bp = true;
			outside_all = outside_all && !bit(match, i);
			mismatch_hits |= 1ull << i;
		} else if (bit(match, i)) {
			val_match = true;
			r.hits |= 1ull << i;
		}
	}
	if (outside_all && mismatch_bp)
		r.hits |= mismatch_hits;
	r.match = val_match || (outside_all && mismatch_bp);
	r.take = r.match && generate;
	r.target_el = or_debug_target_from(s, secure);
	r.esr = esr_of(EC_BREAKPT_LOWER + (r.target_el == s->pe.el ? 1 : 0),
		       FSC_DEBUG);
	r.rule = !r.match ? "AArch64.BreakpointMatch" :
		 !bit(s->r.mdscr_el1, MDSCR_MDE) ? "AArch64.CheckDebug (MDE)" :
		 "AArch64.GenerateDebugExceptionsFrom";
	return r;
}

/* AArch64.CheckBreakpoint (+ the enable test of AArch64.CheckDebug) */
struct or_result or_check_breakpoint(const struct ad_state *s, uint64_t pc)
{
	uint64_t match = 0, mismatch = 0;
	unsigned i;

	for (i = 0; i < s->cfg->num_bps; i++) {
		bool m, mis;

		or_breakpoint_match(s, i, pc, &m, &mis);
		match |= (uint64_t)m << i;
		mismatch |= (uint64_t)mis << i;
	}
	return or_breakpoint_result(s, match, mismatch);
}

/* True if @bas is one run of ones (or zero): the pseudocode LSB/MSB test. */
static bool bas_contiguous(unsigned bas)
{
	unsigned i, runs = 0;
	bool prev = false;

	for (i = 0; i < 8; i++) {
		bool b = bit(bas, i);

		if (b && !prev)
			runs++;
		prev = b;
	}
	return runs <= 1;
}

/* The lowest contiguous run of ones in @bas. */
static unsigned bas_lowest_run(unsigned bas)
{
	unsigned i, run = 0;
	bool started = false;

	for (i = 0; i < 8; i++) {
		if (bit(bas, i)) {
			started = true;
			run |= 1u << i;
		} else if (started) {
			break;
		}
	}
	return run;
}

/*
 * Whatever the choices WatchpointByteMatch makes (a reserved MASK behaves
 * as 0 or 3), its address comparison covers at least
 * va<DebugAddrTop:max(MASK, 3)>: a byte that differs there never matches,
 * and no policy is read for it.
 */
static unsigned wp_min_lsb(uint64_t wcr)
{
	unsigned mask = field(wcr, 28, 24);

	return mask > 3 ? mask : 3;
}

/*
 * The first byte (offset from @lo) of [lo, lo + size) that agrees with
 * @wvr in <DebugAddrTop:lsb>, or @size if none.  The bytes that agree
 * form one 2^lsb-byte block: the next block that agrees is
 * 2^(DebugAddrTop+1) bytes further, and no access is that long.
 */
static unsigned first_byte_in_block(const struct ad_state *s, uint64_t lo,
				    unsigned size, uint64_t wvr, unsigned lsb)
{
	uint64_t end = lo + size - 1, b = lo, next;

	for (;;) {
		if (range_eq(b, wvr, debug_addr_top(s), lsb))
			return (unsigned)(b - lo);
		/* The first byte of the next 2^lsb-byte block. */
		next = (b | bits_mask(lsb - 1, 0)) + 1;
		if (next == 0 || next > end)
			return size;
		b = next;
	}
}

/* AArch64.WatchpointByteMatch(n, vaddress) */
static bool wp_byte_match(const struct ad_state *s, unsigned n, uint64_t va)
{
	uint64_t wcr = s->r.wcr[n], wvr = s->r.wvr[n];
	unsigned mask = field(wcr, 28, 24);
	unsigned bottom, bas, sel;
	bool byte_select_match, wvr_match;

	if (!range_eq(va, wvr, debug_addr_top(s), wp_min_lsb(wcr)))
		return false;
	bottom = bit(wvr, 2) ? 2 : 3;
	bas = field(wcr, 12, 5);
	/* D2.9: with DBGWVR[2] == 1 only BAS[3:0] apply (oracle.h). */
	sel = bottom == 2 ? field(wcr, 8, 5) : bas;
	byte_select_match = bit(sel, field(va, bottom - 1, 0));

	/*
	 * Unpredictable_RESWPMASK.  The pseudocode resolves it after the
	 * MASK/BAS test below, on the raw MASK; the oracle resolves it first,
	 * so that "MASK behaves as 0" means BAS applies as for MASK=0.  Both
	 * orders stay within the permitted outcomes: Unpredictable_WPMASKANDBAS
	 * lets each byte match or not.
	 */
	if (mask > 0 && mask <= 2) {
		switch (pol(s, AD_POL_RESWPMASK)) {
		case AD_RESWPMASK_DISABLED:
			return false;
		case AD_RESWPMASK_ZERO:
			mask = 0;
			break;
		default:
			mask = 3;
			break;
		}
	}
	if (mask > 0 && bas != 0xff) {
		/* Unpredictable_WPMASKANDBAS */
		switch (pol(s, AD_POL_WPMASKANDBAS)) {
		case AD_WPMASKANDBAS_IGNORE_BAS:
			byte_select_match = true;
			break;
		case AD_WPMASKANDBAS_APPLY_BAS:
			/*
			 * As policy.h documents the choice: BAS selects bytes
			 * within each doubleword, whatever DBGWVR[2] (a bit
			 * below the mask) says.
			 */
			byte_select_match = bit(bas, field(va, 2, 0));
			break;
		default:
			byte_select_match = false;
			break;
		}
	} else if (!bas_contiguous(sel)) {
		/*
		 * Unpredictable_WPBASCONTIGUOUS: the pseudocode compares the
		 * doubleword (bottom = 3) and lets each byte of it match or
		 * not.  The choices pick which: the selected bytes (the BAS
		 * bits that apply, BAS[3:0] when DBGWVR[2] is 1, as D2.9
		 * says), the lowest run of those, all, or none.
		 */
		switch (pol(s, AD_POL_WPBASCONTIGUOUS)) {
		case AD_WPBAS_EACH_BYTE:
			break;
		case AD_WPBAS_LOWEST_RUN:
			byte_select_match = bit(bas_lowest_run(sel),
						field(va, bottom - 1, 0));
			break;
		case AD_WPBAS_WHOLE_DWORD:
			bottom = 3;
			byte_select_match = true;
			break;
		default:
			bottom = 3;
			byte_select_match = false;
			break;
		}
	}
	if (mask > bottom) {
		wvr_match = addr_eq(s, va, wvr, mask);
		if (wvr_match && !range_zero(wvr, mask - 1, bottom))
			wvr_match = pol(s, AD_POL_WPMASKEDBITS) ==
				    AD_MASKEDBITS_IGNORE;
	} else {
		wvr_match = addr_eq(s, va, wvr, bottom);
	}
	return wvr_match && byte_select_match;
}

/* accdesc.read / accdesc.write / AccessType_DC for an access kind. */
static void access_dirs(const struct ad_access *a, bool *read, bool *write,
			bool *dc)
{
	*read = a->kind == AD_ACC_LOAD || a->kind == AD_ACC_LOAD_EX ||
		a->kind == AD_ACC_ATOMIC;
	*write = a->kind == AD_ACC_STORE || a->kind == AD_ACC_STORE_EX ||
		 a->kind == AD_ACC_ATOMIC || a->kind == AD_ACC_DC_ZVA;
	*dc = a->kind == AD_ACC_DC_IVAC;
}

/* DBGWCR<n>.LSC as it behaves (Unpredictable_RESLSC for 0b00); 0 = never. */
static unsigned effective_lsc(const struct ad_state *s, unsigned n)
{
	unsigned lsc = field(s->r.wcr[n], 4, 3);

	if (lsc == 0 && pol(s, AD_POL_RESLSC) == AD_RESLSC_UNKNOWN)
		lsc = 3;
	return lsc;
}

/* AArch64.IsUnprivAccessPriv() and the EL an access is checked as. */
static unsigned access_el(const struct ad_state *s, bool unpriv)
{
	unsigned el = s->pe.el;
	bool privileged;

	if (!unpriv)
		return el;
	switch (el) {
	case AD_EL0:
		privileged = false;
		break;
	case AD_EL1:
		privileged = or_el2_enabled(s) && bit(hcr(s), HCR_NV) &&
			     bit(hcr(s), HCR_NV1);
		break;
	case AD_EL2:
		privileged = !el_is_in_host(s, AD_EL0);
		break;
	default:
		privileged = true;
		break;
	}
	if (s->cfg->uao && s->pe.uao)
		privileged = el != AD_EL0;
	return privileged ? el : AD_EL0;
}

/* AArch64.WatchpointMatch(n, vaddress, size, accdesc) */
bool or_watchpoint_match(const struct ad_state *s, unsigned n,
			 const struct ad_access *a, uint64_t va, unsigned size)
{
	uint64_t wcr = s->r.wcr[n];
	bool enabled = wp_enabled(s, n), smatch, ls_match, value_match = false;
	bool read, write, dc;
	unsigned byte, lsb;

	if (!enabled)
		return false; /* the result is FALSE whatever else matches */
	/*
	 * The bytes WatchpointByteMatch can match: those in the block of
	 * DBGWVR (wp_min_lsb()); no policy is read for the others, nor for
	 * LSC when there are none.
	 */
	lsb = wp_min_lsb(wcr);
	byte = first_byte_in_block(s, va, size, s->r.wvr[n], lsb);
	if (byte == size)
		return false;
	access_dirs(a, &read, &write, &dc);
	switch (effective_lsc(s, n)) {
	case 0:
		ls_match = false;
		break;
	case 1:
		ls_match = read;
		break;
	case 2:
		ls_match = write || dc;
		break;
	default:
		ls_match = true;
		break;
	}
	if (!ls_match)
		return false;
	for (; byte < size && !value_match &&
	       range_eq(va + byte, s->r.wvr[n], debug_addr_top(s), lsb);
	     byte++)
		if (wp_byte_match(s, n, va + byte))
			value_match = true;
	if (!value_match)
		return false;
	smatch = state_match(s, field(wcr, 15, 14), field(wcr, 13, 13),
			     field(wcr, 2, 1), bit(wcr, 20),
			     linked_number(s, wcr), false,
			     access_el(s, a->unpriv), or_is_secure(s));
	return value_match && smatch && ls_match && enabled;
}

/* The bytes [*lo, *lo + *size) an access covers (DC ops: their block). */
void or_access_block(const struct ad_state *s, const struct ad_access *a,
		     uint64_t *lo, unsigned *size)
{
	unsigned blk = 0;

	if (a->kind == AD_ACC_DC_ZVA)
		blk = s->cfg->dczva_bytes;
	else if (a->kind == AD_ACC_DC_IVAC)
		blk = s->cfg->dcivac_bytes;
	if (blk) {
		*lo = a->va - a->va % blk;
		*size = blk;
	} else {
		*lo = a->va;
		*size = a->size;
	}
}

/* Impdef_FailedSTXRWatchpoint: a failing STXR is not watched at all. */
bool or_unwatched_access(const struct ad_state *s, const struct ad_access *a)
{
	return a->kind == AD_ACC_STORE_EX && a->ex_failed &&
	       pol(s, AD_POL_STXR_FAIL_WP) == AD_STXRFAIL_NOWATCH;
}

/*
 * AArch64.CheckWatchpoint's combination of the watchpoints' results (+
 * AArch64.CheckDebug's enable test): bit n of @hits is
 * or_watchpoint_match(n) over or_access_block() (0 for an unwatched
 * access).  Fills @far.
 */
struct or_result or_watchpoint_result(const struct ad_state *s,
				      const struct ad_access *a,
				      uint64_t hits, struct or_far_map *far)
{
	struct or_result r;
	bool secure = or_is_secure(s), generate, read, write, dc, wnr;
	uint64_t lo;
	unsigned size, i, b, zva = s->cfg->dczva_bytes;

	memset(&r, 0, sizeof(r));
	or_access_block(s, a, &lo, &size);
	far->base = lo;
	far->len = size < OR_FAR_MAX ? size : OR_FAR_MAX;
	memset(far->ok, 0, far->len * sizeof(far->ok[0]));
	r.rule = "AArch64.WatchpointMatch";
	if (or_unwatched_access(s, a)) {
		r.rule = "Impdef_FailedSTXRWatchpoint";
		return r;
	}
	generate = or_generate_debug_exceptions_from(s, s->pe.el, secure,
						     s->pe.d) &&
		   bit(s->r.mdscr_el1, MDSCR_MDE);
	access_dirs(a, &read, &write, &dc);
	/*
	 * AArch64.CheckWatchpoint accumulates over all comparators: an
	 * access that reads (an atomic reads and writes) reports WnR = 0 as
	 * soon as any matching watchpoint has LSC[0] = 1, whatever order the
	 * comparators come in (digest 2.3, "Atomics").  This oracle let the
	 * last match decide until fuzzing found an atomic matched by LSC=11
	 * and LSC=10 watchpoints (seed atomic_wnr_two_wps).
	 */
	wnr = write;
	for (i = 0; i < s->cfg->num_wps; i++) {
		if (!bit(hits, i))
			continue;
		r.hits |= 1ull << i;
		r.match = true;
		if (bit(effective_lsc(s, i), 0) && read)
			wnr = false;
	}
	/* AArch64.FaultSyndrome: a DC operation reports CM=1 and WnR=1. */
	r.cm = dc;
	r.wnr = dc ? true : wnr;
	r.take = r.match && generate;
	r.target_el = or_debug_target_from(s, secure);
	r.esr = esr_of(EC_WATCHPT_LOWER + (r.target_el == s->pe.el ? 1 : 0),
		       FSC_DEBUG | ((uint64_t)r.cm << 8) |
			       ((uint64_t)r.wnr << 6));
	if (r.match)
		r.rule = !bit(s->r.mdscr_el1, MDSCR_MDE) ?
				 "AArch64.CheckDebug (MDE)" :
				 "AArch64.GenerateDebugExceptionsFrom";

	/*
	 * D2.9.8: FAR is an address from the lowest byte accessed up to a
	 * watchpointed byte accessed, within a naturally aligned block no
	 * bigger than the DC ZVA block that holds that byte.  DC ops: any
	 * address of the block they operate on.
	 */
	if (!r.match || size > OR_FAR_MAX)
		return r;
	/* Every choice of Impdef WP_FAR must give one of these addresses. */
	(void)pol(s, AD_POL_WP_FAR);
	for (b = 0; b < size; b++) {
		uint64_t w = lo + b, blk_lo;
		bool watched = false;
		unsigned j;

		if (a->kind == AD_ACC_DC_ZVA || a->kind == AD_ACC_DC_IVAC) {
			far->ok[b] = true;
			continue;
		}
		for (i = 0; i < s->cfg->num_wps && !watched; i++)
			if (bit(r.hits, i) && wp_byte_match(s, i, w))
				watched = true;
		if (!watched)
			continue;
		blk_lo = w - w % zva;
		for (j = 0; j <= b; j++)
			if (lo + j >= blk_lo)
				far->ok[j] = true;
	}
	return r;
}

/* AArch64.CheckWatchpoint (+ AArch64.CheckDebug's enable test) */
struct or_result or_check_watchpoint(const struct ad_state *s,
				     const struct ad_access *a,
				     struct or_far_map *far)
{
	uint64_t lo, hits = 0;
	unsigned size, i;

	or_access_block(s, a, &lo, &size);
	if (!or_unwatched_access(s, a))
		for (i = 0; i < s->cfg->num_wps; i++)
			if (or_watchpoint_match(s, i, a, lo, size))
				hits |= 1ull << i;
	return or_watchpoint_result(s, a, hits, far);
}

/* Software step enabled at @el: MDSCR_EL1.SS and the enable function. */
static bool step_enabled_from(const struct ad_state *s, unsigned el,
			      bool secure, bool d)
{
	return bit(s->r.mdscr_el1, MDSCR_SS) &&
	       or_generate_debug_exceptions_from(s, el, secure, d);
}

/* CheckSoftwareStep's view: inactive, active-not-pending, active-pending. */
unsigned or_step_state(const struct ad_state *s)
{
	if (!step_enabled_from(s, s->pe.el, or_is_secure(s), s->pe.d))
		return OR_STEP_INACTIVE;
	return s->pe.ss ? OR_STEP_ACTIVE_NOT_PENDING : OR_STEP_ACTIVE_PENDING;
}

/* CheckSoftwareStep + AArch64.SoftwareStepException */
struct or_result or_check_software_step(const struct ad_state *s)
{
	struct or_result r;
	bool isv, ex = false;

	memset(&r, 0, sizeof(r));
	r.rule = "CheckSoftwareStep";
	if (or_step_state(s) != OR_STEP_ACTIVE_PENDING)
		return r;
	r.match = true;
	r.take = true;
	r.target_el = or_debug_target_from(s, or_is_secure(s));
	switch (s->pe.ss_prev) {
	case AD_SSPREV_NOT_STEPPED:
		isv = false; /* SoftwareStep_DidNotStep() */
		break;
	case AD_SSPREV_STEPPED:
		isv = true;
		break;
	default:
		isv = pol(s, AD_POL_STEP_ISV) == AD_STEPISV_VALID;
		break;
	}
	if (isv)
		ex = s->pe.ss_prev_ex; /* SoftwareStep_SteppedEX() */
	r.esr = esr_of(EC_SOFTSTP_LOWER + (r.target_el == s->pe.el ? 1 : 0),
		       ((uint64_t)isv << 24) | ((uint64_t)ex << 6) | FSC_DEBUG);
	return r;
}

/* DebugExceptionReturnSS(spsr), for a legal AArch64 exception return. */
bool or_debug_exception_return_ss(const struct ad_state *s, uint64_t spsr,
				  bool *legal)
{
	unsigned dest_el = field(spsr, 3, 2);
	bool enabled_at_source, enabled_at_dest, dest_secure;

	*legal = false;
	if (s->pe.el == AD_EL0 || bit(spsr, 4) || bit(spsr, 1))
		return false;
	if (dest_el > s->pe.el || !have_el(s, dest_el))
		return false;
	if (dest_el == AD_EL0 && bit(spsr, 0))
		return false;
	if (dest_el == AD_EL2 && !scr_ns(s))
		return false; /* no Secure EL2 */
	if (dest_el == AD_EL1 && or_el2_enabled(s) && bit(hcr(s), HCR_TGE))
		return false;
	*legal = true;
	enabled_at_source = or_generate_debug_exceptions_from(
		s, s->pe.el, or_is_secure(s), s->pe.d);
	dest_secure = secure_at_el(s, dest_el);
	enabled_at_dest = or_generate_debug_exceptions_from(
		s, dest_el, dest_secure, bit(spsr, SPSR_D));
	if (bit(s->r.mdscr_el1, MDSCR_SS) && !enabled_at_source &&
	    enabled_at_dest)
		return bit(spsr, SPSR_SS);
	return false;
}

/* AArch64.SoftwareBreakpoint(immediate) */
struct or_result or_check_brk(const struct ad_state *s, uint16_t imm16)
{
	struct or_result r;
	bool route_to_el2;

	memset(&r, 0, sizeof(r));
	route_to_el2 = s->pe.el <= AD_EL1 && or_el2_enabled(s) &&
		       (bit(hcr(s), HCR_TGE) || bit(mdcr2(s), MDCR2_TDE));
	r.match = true;
	r.take = true;
	if (s->pe.el > AD_EL1)
		r.target_el = s->pe.el;
	else
		r.target_el = route_to_el2 ? AD_EL2 : AD_EL1;
	r.esr = esr_of(EC_BRK64, imm16);
	r.rule = "AArch64.SoftwareBreakpoint";
	return r;
}
