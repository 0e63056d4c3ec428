// SPDX-License-Identifier: MIT
/*
 * model/match.c - breakpoint and watchpoint matching (digest 1-3), after
 * the v9.4 pseudocode: value match, state match, linking.  Every
 * CONSTRAINED UNPREDICTABLE case is resolved through ad_policy().
 */
#include "match.h"

#include "config.h"
#include "debug.h"
#include "policy.h"
#include "regs.h"

static unsigned bits(uint64_t v, unsigned hi, unsigned lo)
{
	return (unsigned)((v >> lo) & ((1ull << (hi - lo + 1)) - 1));
}

/* Bits [63:lsb] of @v (lsb <= 63). */
static uint64_t top_bits(uint64_t v, unsigned lsb)
{
	return v >> lsb;
}

/* Does @a equal @b in bits [top:lsb]? */
static bool eq_bits(uint64_t a, uint64_t b, unsigned top, unsigned lsb)
{
	uint64_t m = (top >= 63 ? ~0ull : ((1ull << (top + 1)) - 1)) &
		     ~((1ull << lsb) - 1);

	return ((a ^ b) & m) == 0;
}

/*
 * The compare width for a DBGBVR/DBGWVR value: DebugAddrTop, or 63 when the
 * RESS bits are not a sign extension and the policy says they count.
 */
static unsigned vr_top(const struct ad_state *s, uint64_t vr)
{
	unsigned top = ad_debug_addr_top(s->cfg);
	uint64_t hi = top_bits(vr, top);
	uint64_t ones = top_bits(~0ull, top);

	if (hi != 0 && hi != ones &&
	    ad_policy(s, AD_POL_DBGXVR_RESS) == AD_RESS_COMPARE)
		return 63;
	return top;
}

/* AArch64.IsUnprivAccessPriv, inverted: the EL an access is checked as. */
unsigned ad_access_el(const struct ad_state *s, bool unpriv)
{
	unsigned el = s->pe.el;
	bool priv;

	if (!unpriv || el == AD_EL0)
		return el;
	switch (el) {
	case AD_EL1:
		priv = ad_el2_enabled(s) && (s->r.hcr_el2 & AD_HCR_NV) &&
		       (s->r.hcr_el2 & AD_HCR_NV1);
		break;
	case AD_EL2:
		priv = !((s->r.hcr_el2 & AD_HCR_E2H) && (s->r.hcr_el2 & AD_HCR_TGE));
		break;
	default:
		priv = true;
		break;
	}
	/* PSTATE.UAO=1: LDTR/STTR behave as ordinary accesses (FEAT_UAO). */
	if (s->cfg->uao && s->pe.uao && (el == AD_EL1 || el == AD_EL2))
		priv = true;
	return priv ? el : AD_EL0;
}

void ad_access_range(const struct ad_state *s, const struct ad_access *a,
		     uint64_t *lo, uint64_t *hi)
{
	uint64_t size = a->size ? a->size : 1;

	if (a->kind == AD_ACC_DC_ZVA)
		size = s->cfg->dczva_bytes;
	else if (a->kind == AD_ACC_DC_IVAC)
		size = s->cfg->dcivac_bytes;
	if (a->kind == AD_ACC_DC_ZVA || a->kind == AD_ACC_DC_IVAC)
		*lo = a->va & ~(size - 1);
	else
		*lo = a->va;
	*hi = *lo + size - 1;
}

/* CheckValidStateMatch: false for a reserved HMC:SSC:PxC combination. */
bool ad_valid_state_match(const struct ad_config *c, unsigned ssce,
			  unsigned ssc, bool hmc, unsigned pxc, bool is_wp)
{
	unsigned v = (unsigned)hmc << 4 | (ssc & 3) << 2 | (pxc & 3);

	if (ssce)
		return false; /* SSCE needs FEAT_RME, not modelled */
	/* Not allocated in any architecture version: 01110 100x0 10110 11x10 */
	if (v == 0x0e || (v & 0x1d) == 0x10 || v == 0x16 || (v & 0x1b) == 0x1a)
		return false;
	/* HMC:PxC == 000 (AArch32 Usr/Sys/Svc) only on AArch32-capable bps. */
	if ((is_wp || !c->aarch32_el1) && !hmc && pxc == 0 && ssc != 3)
		return false;
	if (!c->el3 && !c->el2 && (hmc || ssc))
		return false;
	if (!c->el3 && (ssc == 1 || ssc == 2) && v != 0x14)
		return false;
	if (!c->el3 && v == 0x18)
		return false;
	if (!c->el2 && v == 0x1c)
		return false;
	/* Secure EL2 is not modelled: 01100, 10100, x11x1. */
	if (v == 0x0c || v == 0x14 || (v & 0x0d) == 0x0d)
		return false;
	return true;
}

/*
 * Resolve LBN for a linked comparator (AArch64.StateMatch): returns the
 * breakpoint to compare against, -1 for "behave as unlinked", -2 for
 * "disabled".
 */
static int resolve_lbn(const struct ad_state *s, unsigned lbn)
{
	const struct ad_config *c = s->cfg;
	unsigned first_ctx = 0;

	/*
	 * An unimplemented LBN is not context-aware either: StateMatch
	 * resolves both through Unpredictable_BPNOTCTXCMP, so the
	 * BPNOTIMPL case of BreakpointValueMatch is never reached from here.
	 */
	if (ad_bp_is_context_aware(c, lbn))
		return (int)lbn;
	switch (ad_policy(s, AD_POL_BPNOTCTXCMP)) {
	case AD_BPNOTCTXCMP_DISABLED:
		return -2;
	case AD_BPNOTCTXCMP_UNLINKED:
		return -1;
	default:
		while (first_ctx < c->num_bps &&
		       !ad_bp_is_context_aware(c, first_ctx))
			first_ctx++;
		return (int)first_ctx;
	}
}

static unsigned ctrl_lbn(const struct ad_state *s, uint64_t ctrl)
{
	unsigned lbn = bits(ctrl, 19, 16);

	if (s->cfg->debugv8p9)
		lbn |= bits(ctrl, 31, 30) << 4;
	return lbn;
}

static bool bp_value_match(const struct ad_state *s, unsigned n, uint64_t pc,
			   bool linked_to, bool *is_mismatch);

/* AArch64.StateMatch */
static bool state_match(const struct ad_state *s, uint64_t ctrl, bool is_wp,
			bool linked, unsigned acc_el, bool acc_secure)
{
	unsigned ssc = bits(ctrl, 15, 14), pxc = bits(ctrl, 2, 1);
	bool hmc = bits(ctrl, 13, 13);
	bool el3_match, el2_match, priv_match, ss_match;

	if (!ad_valid_state_match(s->cfg, bits(ctrl, 29, 29), ssc, hmc, pxc, is_wp)) {
		if (ad_policy(s, AD_POL_RESBPWPCTRL) == AD_RESBPWPCTRL_DISABLED)
			return false;
		hmc = false;
		ssc = 0;
		pxc = 3;
	}

	el3_match = s->cfg->el3 && hmc && !(ssc & 1);
	el2_match = s->cfg->el2 &&
		    ((hmc && ((ssc << 2 | pxc) != 0x8)) || ssc == 3);
	switch (acc_el) {
	case AD_EL3: priv_match = el3_match; break;
	case AD_EL2: priv_match = el2_match; break;
	case AD_EL1: priv_match = pxc & 1; break;
	default:     priv_match = pxc & 2; break;
	}

	switch (ssc) {
	case 0: ss_match = true; break;
	case 1: ss_match = !acc_secure; break;
	case 2: ss_match = acc_secure; break;
	default: ss_match = hmc || acc_secure; break;
	}
	if (!priv_match || !ss_match)
		return false;

	if (linked) {
		int lbn = resolve_lbn(s, ctrl_lbn(s, ctrl));

		if (lbn == -2)
			return false;
		if (lbn >= 0 && !bp_value_match(s, (unsigned)lbn, 0, true, NULL))
			return false;
	}
	return true;
}

bool ad_state_match(const struct ad_state *s, uint64_t ctrl, bool is_wp,
		    unsigned acc_el, bool acc_secure)
{
	bool linked = is_wp ? bits(ctrl, 20, 20) : (bits(ctrl, 23, 20) & 0xb) == 1;

	return state_match(s, ctrl, is_wp, linked, acc_el, acc_secure);
}

/* IsBreakpointEnabled / IsWatchpointEnabled: E, and EMBWE for n >= 16. */
static bool comparator_enabled(const struct ad_state *s, uint64_t ctrl, unsigned n)
{
	if (!(ctrl & 1))
		return false;
	return n < 16 || !s->cfg->debugv8p9 || ad_embwe_effective(s);
}

/*
 * The comparators below this one of @num can be enabled: all, or the first
 * 16 when FEAT_Debugv8p9 needs EMBWE for the others and it is 0.
 */
static unsigned enabled_limit(const struct ad_state *s, unsigned num)
{
	if (num > 16 && s->cfg->debugv8p9 && !ad_embwe_effective(s))
		return 16;
	return num;
}

/* The reserved-type test of AArch64.ReservedBreakpointType. */
static bool bt_reserved(const struct ad_state *s, unsigned n, unsigned bt)
{
	const struct ad_config *c = s->cfg;
	bool ctx_type = bt != 0 && bt != 1 && bt != 4 && bt != 5;
	bool reserved = false;

	/* 011x, 11xx: CONTEXTIDR_EL1/EL2 types, need VHE or Debugv8p2 */
	if ((bt & 0xe) == 0x6 || (bt & 0xc) == 0xc)
		reserved |= !c->vhe && c->debugver < AD_DEBUGVER_V8P2;
	if ((bt & 0xe) == 0x4)
		reserved |= !c->bwe; /* 010x: address mismatch, see docs/ */
	if (bt & 0x8)
		reserved |= !c->el2; /* 1xxx: VMID / CONTEXTIDR_EL2 types */
	if (ctx_type)
		reserved |= !ad_bp_is_context_aware(c, n);
	return reserved;
}

/* AArch64.ReservedBreakpointType */
int ad_effective_bt(const struct ad_state *s, unsigned n)
{
	unsigned bt = bits(s->r.bcr[n], 23, 20);

	if (!bt_reserved(s, n, bt))
		return (int)bt;
	if (ad_policy(s, AD_POL_RESBPTYPE) == AD_RESBPTYPE_DISABLED)
		return -1;
	return 0; /* the UNKNOWN allocated type: unlinked address match */
}

/* The address mask of an address breakpoint (FEAT_BWE), -1 = disabled. */
static int bp_mask(const struct ad_state *s, unsigned n)
{
	int mask = s->cfg->bwe ? (int)bits(s->r.bcr[n], 28, 24) : 0;

	if (mask == 1 || mask == 2) {
		switch (ad_policy(s, AD_POL_BPMASK)) {
		case AD_BPMASK_DISABLED: return -1;
		case AD_BPMASK_ZERO: return 0;
		default: return 3;
		}
	}
	return mask;
}

/* The address part of AArch64.BreakpointValueMatch for instruction address @va. */
static bool bp_addr_match(const struct ad_state *s, unsigned n, uint64_t va,
			  int mask, bool ignore_bas)
{
	uint64_t bvr = s->r.bvr[n];
	unsigned bas = bits(s->r.bcr[n], 8, 5), top = vr_top(s, bvr);
	unsigned lsb = mask > 2 ? (unsigned)mask : 2;
	bool byte_ok = true;

	if (s->cfg->aarch32_el1 && !ignore_bas)
		byte_ok = bas >> (va & 3) & 1;
	if (mask > 2 && (bvr & ((1ull << mask) - 1) & ~3ull) &&
	    ad_policy(s, AD_POL_BPMASKEDBITS) == AD_MASKEDBITS_NOMATCH)
		return false;
	return byte_ok && eq_bits(va, bvr, top, lsb);
}

/* VTTBR_EL2.VMID as the VMID comparison sees it, and DBGBVR's VMID field. */
static bool vmid_match(const struct ad_state *s, uint64_t bvr)
{
	bool v16 = s->cfg->vmid16 && (s->r.vtcr_el2 >> 19 & 1);
	unsigned vmid = bits(s->r.vttbr_el2, 63, 48);
	unsigned want = v16 ? bits(bvr, 47, 32) : bits(bvr, 39, 32);

	if (!v16)
		vmid &= 0xff;
	return vmid == want;
}

/*
 * AArch64.BreakpointValueMatch for an enabled breakpoint @n that behaves as
 * type @bt (>= 0, ad_effective_bt()).  @linked_to: called from StateMatch
 * for a link (the address, if any, is not compared then).  Returns the
 * value match; *is_mismatch (may be NULL) tells that the breakpoint takes
 * part as an address mismatch breakpoint, whose value match means "PC
 * inside its range".  A breakpoint that takes no part returns false,
 * *is_mismatch false.  @half (may be NULL): when the address of @pc does
 * not match, *half is the value match of the same breakpoint for @pc + 2
 * (every other part of it is the same for both), else false.
 */
static bool bp_value_match_bt(const struct ad_state *s, unsigned n, int bt,
			      uint64_t pc, bool linked_to, bool *is_mismatch,
			      bool *half)
{
	unsigned el = s->pe.el;
	uint64_t bvr = s->r.bvr[n];
	bool in_host;
	bool match_addr, mismatch, match_vmid, match_cid, match_cid1, match_cid2;
	bool linking, bvr_ok = true, bxvr_ok = true, ignore_bas = false;
	unsigned bas = bits(s->r.bcr[n], 8, 5);
	int mask;

	if (is_mismatch)
		*is_mismatch = false;
	if (half)
		*half = false;

	match_addr = (bt & 0xa) == 0;        /* 0x0x */
	mismatch = (bt & 0xe) == 0x4;        /* 010x */
	match_vmid = (bt & 0xc) == 0x8;      /* 10xx */
	match_cid = (bt & 0xe) == 0x2;       /* 001x */
	match_cid1 = (bt & 0xe) == 0xa || (bt & 0x6) == 0x6; /* 101x, x11x */
	match_cid2 = (bt & 0xc) == 0xc;      /* 11xx */
	/* linking_enabled: 0x11, 1xx1 (no address type without FEAT_ABLE) */
	linking = (bt & 0x3) == 0x3 || (bt & 0x9) == 0x9;

	if (linked_to && !linking)
		return false;
	if (!linked_to && linking && !match_addr)
		return false;
	/* Reachable only with FEAT_ABLE (an address type with linking). */
	if (linked_to && match_addr)
		return ad_policy(s, AD_POL_BPLINKEDADDRMATCH) ==
		       AD_BPLINKEDADDRMATCH_MATCH;

	mask = bp_mask(s, n);
	if (mask < 0)
		return false;
	if (mask) {
		/*
		 * Unpredictable_BPMASK: a mask with a Context ID type (not a
		 * VMID-only one, AArch64.BreakpointValueMatch), or with BAS
		 * selecting halfwords; "no match" leaves the breakpoint out.
		 */
		if (match_cid || match_cid1 || match_cid2 ||
		    (bas != 0xf && s->cfg->aarch32_el1)) {
			unsigned c = ad_policy(s, AD_POL_WPMASKANDBAS);

			if (c == AD_WPMASKANDBAS_NOMATCH)
				return false;
			ignore_bas = c == AD_WPMASKANDBAS_IGNORE_BAS;
		}
	} else if (mismatch) {
		return false; /* FEAT_BWE: a mismatch needs a range */
	}

	/* ELIsInHost() matters to the Context ID and VMID types only. */
	in_host = (match_cid || match_cid1 || match_vmid) &&
		  ad_el_is_in_host(s, el);
	if (match_addr) {
		bvr_ok = bp_addr_match(s, n, pc, mask, ignore_bas);
		if (!bvr_ok && half)
			*half = bp_addr_match(s, n, pc + 2, mask, ignore_bas);
	} else if (match_cid) {
		if (in_host)
			bvr_ok = (uint32_t)s->r.contextidr_el2 == (uint32_t)bvr;
		else
			bvr_ok = el <= AD_EL1 &&
				 (uint32_t)s->r.contextidr_el1 == (uint32_t)bvr;
	} else if (match_cid1) {
		bvr_ok = el <= AD_EL1 && !in_host &&
			 (uint32_t)s->r.contextidr_el1 == (uint32_t)bvr;
	}
	if (match_vmid)
		bxvr_ok = el <= AD_EL1 && ad_el2_enabled(s) && !in_host &&
			  vmid_match(s, bvr);
	else if (match_cid2)
		bxvr_ok = el != AD_EL3 && ad_el2_enabled(s) &&
			  (uint32_t)(bvr >> 32) == (uint32_t)s->r.contextidr_el2;

	if (is_mismatch)
		*is_mismatch = mismatch;
	return bvr_ok && bxvr_ok;
}

/* AArch64.BreakpointValueMatch (see bp_value_match_bt()), any breakpoint. */
static bool bp_value_match(const struct ad_state *s, unsigned n, uint64_t pc,
			   bool linked_to, bool *is_mismatch)
{
	int bt;

	if (is_mismatch)
		*is_mismatch = false;
	if (!comparator_enabled(s, s->r.bcr[n], n))
		return false;
	bt = ad_effective_bt(s, n);
	if (bt < 0)
		return false;
	return bp_value_match_bt(s, n, bt, pc, linked_to, is_mismatch, NULL);
}

/*
 * A shortcut, not an Arm function: false when breakpoint @n cannot match
 * the A64 instruction at @pc (its halfwords at pc and pc + 2) whatever the
 * policies say.  Type 000x, or a reserved type (which behaves as 0000 or
 * is disabled), is an address breakpoint and never a mismatch one: it
 * compares at least bits [DebugAddrTop:lsb] of the address with DBGBVR,
 * lsb being the largest the MASK choices give (bp_mask(), bp_addr_match()).
 */
static bool bp_may_match(const struct ad_state *s, unsigned n, uint64_t pc)
{
	uint64_t bcr = s->r.bcr[n], bvr = s->r.bvr[n];
	unsigned bt = bits(bcr, 23, 20), mask = bits(bcr, 28, 24), lsb = 2;
	unsigned top;

	if ((bt & 0xe) != 0 && !bt_reserved(s, n, bt))
		return true;
	if (s->cfg->bwe && (mask == 1 || mask == 2))
		lsb = 3; /* Unpredictable_RESBPMASK: 0 or 3 */
	else if (s->cfg->bwe && mask > 2)
		lsb = mask;
	top = ad_debug_addr_top(s->cfg);
	return eq_bits(pc, bvr, top, lsb) || eq_bits(pc + 2, bvr, top, lsb);
}

/*
 * AArch64.BreakpointMatch of enabled breakpoint @n for an A64 instruction
 * (size 4) at @pc, from a PE in Security state @secure: the value and
 * state match; *mis: breakpoint @n takes part as an address mismatch
 * breakpoint (its match then means "PC inside the range").
 */
static bool bp_match(const struct ad_state *s, unsigned n, uint64_t pc,
		     bool secure, bool *mis)
{
	uint64_t bcr = s->r.bcr[n];
	bool vmis = false, half = false, match, smatch;
	int bt;

	*mis = false;
	if (!bp_may_match(s, n, pc))
		return false;
	bt = ad_effective_bt(s, n);
	if (bt < 0)
		return false;
	/*
	 * With AArch32 a breakpoint can select only the second halfword of
	 * the instruction (BAS=0b1100): Unpredictable_BPMATCHHALF, for the
	 * address types 0x0x (a mismatch breakpoint's range too).
	 */
	match = bp_value_match_bt(s, n, bt, pc, false, &vmis,
				  s->cfg->aarch32_el1 ? &half : NULL);
	if (!match && half)
		match = ad_policy(s, AD_POL_BPMATCHHALF) == AD_BPMATCHHALF_MATCH;
	if (!match && !vmis)
		return false;
	smatch = state_match(s, bcr, false, bt == 1 || bt == 5, s->pe.el,
			     secure);
	*mis = vmis && smatch;
	return match && smatch;
}

bool ad_breakpoint_match(const struct ad_state *s, unsigned n, uint64_t pc)
{
	bool mis, match;

	if (n >= s->cfg->num_bps || !comparator_enabled(s, s->r.bcr[n], n))
		return false;
	match = bp_match(s, n, pc, ad_is_secure(s), &mis);
	return mis ? !match : match;
}

/*
 * AArch64.CheckBreakpoint's combination: address and context breakpoints
 * hit on a match; the mismatch breakpoints hit together, only when the PC
 * is outside the range of every one of them.
 */
uint64_t ad_breakpoints_matching(const struct ad_state *s, uint64_t pc)
{
	uint64_t hits = 0, mis_hits = 0;
	bool outside_all = true, secure = ad_is_secure(s);
	unsigned num = enabled_limit(s, s->cfg->num_bps);

	for (unsigned n = 0; n < num; n++) {
		bool mis, match;

		if (!(s->r.bcr[n] & 1))
			continue; /* IsBreakpointEnabled(n): E */
		match = bp_match(s, n, pc, secure, &mis);
		if (mis) {
			mis_hits |= 1ull << n;
			outside_all = outside_all && !match;
		} else if (match) {
			hits |= 1ull << n;
		}
	}
	return mis_hits && outside_all ? hits | mis_hits : hits;
}

static bool bas_contiguous(unsigned bas)
{
	unsigned lsb = bas & -bas, msb = bas + lsb;

	return (msb & (msb - 1)) == 0;
}

/* Lowest contiguous run of set bits of @bas. */
static unsigned bas_lowest_run(unsigned bas)
{
	unsigned lsb = bas & -bas;

	return bas & ~(bas + lsb) & 0xff;
}

/* The watchpoint MASK after Unpredictable_RESWPMASK; -1 = disabled. */
static int wp_mask(const struct ad_state *s, unsigned n)
{
	int mask = (int)bits(s->r.wcr[n], 28, 24);

	if (mask == 1 || mask == 2) {
		switch (ad_policy(s, AD_POL_RESWPMASK)) {
		case AD_RESWPMASK_DISABLED: return -1;
		case AD_RESWPMASK_ZERO: return 0;
		default: return 3;
		}
	}
	return mask;
}

/* Byte va matches: va<top:lsb> == wvr<top:lsb>, bit va<2:0> of sel set. */
struct wp_bytes {
	uint64_t wvr;
	unsigned top, lsb;
	unsigned sel; /* the byte-select test, for each byte of a doubleword */
};

/* A byte-select test on va<bottom-1:0> as a map over va<2:0>. */
static unsigned dword_sel(unsigned bas, unsigned bottom)
{
	return bottom == 2 ? (bas & 0xf) | (bas & 0xf) << 4 : bas;
}

/*
 * AArch64.WatchpointByteMatch of watchpoint @n (MASK @mask, after
 * wp_mask()) for every byte at once: none of the parts that decide it
 * depends on the byte's address but the two tests of struct wp_bytes.
 * False when no byte can match.
 */
static bool wp_byte_match_init(const struct ad_state *s, unsigned n,
			       int mask, struct wp_bytes *b)
{
	uint64_t wvr = s->r.wvr[n];
	unsigned raw = bits(s->r.wcr[n], 12, 5), bas = raw;
	unsigned bottom = (wvr & 4) ? 2 : 3;

	if (bottom == 2)
		bas &= 0xf; /* deprecated word-aligned form: BAS[7:4] ignored */
	b->sel = dword_sel(bas, bottom);

	if (mask > 0 && raw != 0xff) {
		switch (ad_policy(s, AD_POL_WPMASKANDBAS)) {
		case AD_WPMASKANDBAS_IGNORE_BAS: b->sel = 0xff; break;
		case AD_WPMASKANDBAS_NOMATCH: return false;
		default: b->sel = raw; break;
		}
	} else if (bas && !bas_contiguous(bas)) {
		switch (ad_policy(s, AD_POL_WPBASCONTIGUOUS)) {
		case AD_WPBAS_LOWEST_RUN:
			b->sel = dword_sel(bas_lowest_run(bas), bottom);
			break;
		case AD_WPBAS_WHOLE_DWORD:
			b->sel = 0xff;
			bottom = 3;
			break;
		case AD_WPBAS_NOMATCH:
			return false;
		default:
			break;
		}
	}

	b->wvr = wvr;
	b->top = vr_top(s, wvr);
	b->lsb = bottom;
	if (mask > (int)bottom) {
		if ((wvr & ((1ull << mask) - 1) & ~((1ull << bottom) - 1)) &&
		    ad_policy(s, AD_POL_WPMASKEDBITS) == AD_MASKEDBITS_NOMATCH)
			return false;
		b->lsb = (unsigned)mask;
	}
	return b->sel != 0;
}

/*
 * The first byte of [lo, hi] (hi may have wrapped past 2^64) that @b
 * matches, in *first; false if none.  A 2^lsb-byte block whose address
 * differs from DBGWVR<top:lsb> is skipped whole.
 */
static bool wp_first_byte(const struct wp_bytes *b, uint64_t lo, uint64_t hi,
			  uint64_t *first)
{
	uint64_t va = lo, left = hi - lo; /* bytes after va */

	for (;;) {
		if (!eq_bits(va, b->wvr, b->top, b->lsb)) {
			uint64_t step = (va | ((1ull << b->lsb) - 1)) + 1 - va;

			if (step > left)
				return false;
			left -= step;
			va += step;
			continue;
		}
		if (b->sel >> (va & 7) & 1) {
			*first = va;
			return true;
		}
		if (!left)
			return false;
		left--;
		va++;
	}
}

/*
 * A shortcut, not an Arm function: false when watchpoint @n cannot match
 * any byte of [lo, hi] whatever the policies say.  WatchpointByteMatch
 * compares at least bits [DebugAddrTop:lsb] of the address with DBGWVR,
 * lsb being the largest any choice gives: MASK when it is above 3 (a
 * reserved MASK of 1 or 2 becomes 0 or 3, Unpredictable_RESWPMASK), else
 * 3 (the byte-select test works within a doubleword, or a word).
 */
static bool wp_may_match(const struct ad_state *s, unsigned n, uint64_t lo,
			 uint64_t hi)
{
	unsigned mask = bits(s->r.wcr[n], 28, 24);
	struct wp_bytes b = {
		.wvr = s->r.wvr[n],
		.top = ad_debug_addr_top(s->cfg),
		.lsb = mask > 3 ? mask : 3,
		.sel = 0xff,
	};
	uint64_t first;

	return wp_first_byte(&b, lo, hi, &first);
}

/* The LSC part of AArch64.WatchpointMatch. */
static bool lsc_match(const struct ad_state *s, unsigned lsc,
		      enum ad_acc_kind kind)
{
	bool rd = kind == AD_ACC_LOAD || kind == AD_ACC_LOAD_EX || kind == AD_ACC_ATOMIC;
	bool wr = !rd || kind == AD_ACC_ATOMIC;

	if (lsc == 0) {
		if (ad_policy(s, AD_POL_RESLSC) == AD_RESLSC_DISABLED)
			return false;
		lsc = 3;
	}
	return (rd && (lsc & 1)) || (wr && (lsc & 2));
}

/*
 * AArch64.WatchpointMatch of enabled watchpoint @n for access @a, whose
 * bytes are [lo, hi], checked as an access from @acc_el in Security state
 * @secure; *first: the first byte it matches.
 */
static bool wp_match(const struct ad_state *s, unsigned n,
		     const struct ad_access *a, uint64_t lo, uint64_t hi,
		     unsigned acc_el, bool secure, uint64_t *first)
{
	uint64_t wcr = s->r.wcr[n];
	struct wp_bytes b;
	int mask;

	if (!wp_may_match(s, n, lo, hi))
		return false;
	if (a->kind == AD_ACC_STORE_EX && a->ex_failed &&
	    ad_policy(s, AD_POL_STXR_FAIL_WP) == AD_STXRFAIL_NOWATCH)
		return false;
	if (!lsc_match(s, bits(wcr, 4, 3), a->kind))
		return false;
	mask = wp_mask(s, n);
	if (mask < 0 || !wp_byte_match_init(s, n, mask, &b))
		return false;
	if (!wp_first_byte(&b, lo, hi, first))
		return false;
	return state_match(s, wcr, true, bits(wcr, 20, 20), acc_el, secure);
}

/* AArch64.WatchpointMatch */
bool ad_watchpoint_match(const struct ad_state *s, unsigned n,
			 const struct ad_access *a, uint64_t *first_byte)
{
	uint64_t lo, hi, first;

	if (n >= s->cfg->num_wps || !comparator_enabled(s, s->r.wcr[n], n))
		return false;
	ad_access_range(s, a, &lo, &hi);
	if (!wp_match(s, n, a, lo, hi, ad_access_el(s, a->unpriv),
		      ad_is_secure(s), &first))
		return false;
	if (first_byte)
		*first_byte = first;
	return true;
}

uint64_t ad_watchpoints_matching(const struct ad_state *s,
				 const struct ad_access *a, uint64_t *first)
{
	unsigned num = enabled_limit(s, s->cfg->num_wps);
	unsigned acc_el = ad_access_el(s, a->unpriv);
	bool secure = ad_is_secure(s);
	uint64_t lo, hi, hits = 0, low = UINT64_MAX;

	ad_access_range(s, a, &lo, &hi);
	for (unsigned n = 0; n < num; n++) {
		uint64_t byte;

		if (!(s->r.wcr[n] & 1))
			continue; /* IsWatchpointEnabled(n): E */
		if (!wp_match(s, n, a, lo, hi, acc_el, secure, &byte))
			continue;
		hits |= 1ull << n;
		if (byte < low)
			low = byte;
	}
	if (first)
		*first = low;
	return hits;
}
