/* SPDX-License-Identifier: MIT */
/*
 * model/match.h - breakpoint and watchpoint matching: value match, state
 * match (PMC/PAC x HMC x SSC), linking, BAS/MASK/LSC.  Returns which
 * comparators matched; enabling and routing are debug.c's.
 */
#ifndef ARMDBG_MODEL_MATCH_H
#define ARMDBG_MODEL_MATCH_H

#include "types.h"

/* Kinds of data access a watchpoint can see. */
enum ad_acc_kind {
	AD_ACC_LOAD,
	AD_ACC_STORE,
	AD_ACC_ATOMIC,     /* read and write (LDADD, SWP, CAS ...) */
	AD_ACC_LOAD_EX,    /* LDXR family */
	AD_ACC_STORE_EX,   /* STXR family */
	AD_ACC_DC_ZVA,     /* whole DC ZVA block, a store */
	AD_ACC_DC_IVAC,    /* cache maintenance, CM=1 */
};

struct ad_access {
	uint64_t va;
	unsigned size;      /* bytes actually accessed (DC ops: ignored) */
	enum ad_acc_kind kind;
	bool unpriv;        /* LDTR/STTR family */
	bool ex_failed;     /* STXR that will fail (status 1) */
};

/* The EL an access is checked as: AArch64.IsUnprivAccessPriv + UAO. */
unsigned ad_access_el(const struct ad_state *s, bool unpriv);

/* The bytes [*lo, *hi] the access covers (DC ops: their block). */
void ad_access_range(const struct ad_state *s, const struct ad_access *a,
		     uint64_t *lo, uint64_t *hi);

/* AArch64.StateMatch for comparator control value @ctrl (DBGBCR/DBGWCR). */
bool ad_state_match(const struct ad_state *s, uint64_t ctrl, bool is_wp,
		    unsigned acc_el, bool acc_secure);

/* CheckValidStateMatch: the combination is not reserved on this config. */
bool ad_valid_state_match(const struct ad_config *c, unsigned ssce,
			  unsigned ssc, bool hmc, unsigned pxc, bool is_wp);

/*
 * The breakpoint type as the model resolves it: DBGBCR.BT, or for a
 * reserved type what Unpredictable_RESBPTYPE chose; -1 = disabled.
 */
int ad_effective_bt(const struct ad_state *s, unsigned n);

/* AArch64.BreakpointMatch for breakpoint @n at @pc (size 4). */
bool ad_breakpoint_match(const struct ad_state *s, unsigned n, uint64_t pc);

/* Bit n set: breakpoint n matches (enable function not applied). */
uint64_t ad_breakpoints_matching(const struct ad_state *s, uint64_t pc);

/* AArch64.WatchpointMatch for watchpoint @n: which bytes of the access. */
bool ad_watchpoint_match(const struct ad_state *s, unsigned n,
			 const struct ad_access *a, uint64_t *first_byte);

/*
 * Bit n set: watchpoint n matches; *first (may be NULL): the lowest byte
 * any of them matches (UINT64_MAX when none does).
 */
uint64_t ad_watchpoints_matching(const struct ad_state *s,
				 const struct ad_access *a, uint64_t *first);

#endif
