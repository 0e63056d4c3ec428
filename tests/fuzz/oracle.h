/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/oracle.h - a reference implementation of the self-hosted
 * debug rules, written directly from the Arm pseudocode (rems-project
 * sail-arm arm-v9.4-a v8_base.sail) and the project's digest of the debug
 * architecture, for the model-versus-oracle fuzz harness (fuzz_model.c).
 *
 * It shares nothing with model/ but the public types: it reads the raw
 * register file of a struct ad_state, the configuration and the policy
 * choices (the numbering in policy.h), and never calls a model function.
 * It is deliberately simple and slow: one function per pseudocode
 * function, byte loops, no bit tricks.  Every CONSTRAINED UNPREDICTABLE
 * point reads the same policy as the model, and resolves it as the
 * policy's documented choice says.
 *
 * Interpretations the oracle takes where the sources disagree (see the
 * digest, sections 1.2 and 10):
 *  - BT=0b010x (address mismatch) is reserved without FEAT_BWE, as the
 *    current Arm ARM and the digest recommend (v9.4 Sail also allows it
 *    with AArch32 EL1);
 *  - the context-aware breakpoints are ContextMatchingBreakpointRange()
 *    for both linking and reserved-type checks (v9.4 Sail's
 *    ReservedBreakpointType still uses n >= b - c, wrong above 16);
 *  - a reserved BT that behaves as the UNKNOWN type (AD_POL_RESBPTYPE
 *    "unknown": 0b0000) does so everywhere, including the linked /
 *    link-target tests AArch64.BreakpointMatch makes on the raw field
 *    (read literally, v9.4 Sail would never let a raw link-target type
 *    match, whatever the UNKNOWN type is);
 *  - FEAT_BWE stands in for the DBGBCR.MASK field (Sail: HaveFeatABLE);
 *  - a watchpoint with DBGWVR[2] == 1 (the deprecated word-aligned form)
 *    uses BAS[3:0] only, as the Arm ARM text (D2.9) and the digest say,
 *    also for the contiguity test (v9.4 Sail tests all eight BAS bits, and
 *    so calls BAS=0b1000_1100 non-contiguous, a CONSTRAINED UNPREDICTABLE
 *    case that permits what D2.9 describes);
 *  - Unpredictable_WPMASKANDBAS "apply_bas" selects with BAS[va<2:0>], as
 *    policy.h documents it ("within each doubleword"), also when DBGWVR[2]
 *    (then a masked bit) is 1;
 *  - no FEAT_SEL2, no FEAT_RME, no FEAT_ABLE (BT2), no halting debug.
 */
#ifndef ARMDBG_TESTS_FUZZ_ORACLE_H
#define ARMDBG_TESTS_FUZZ_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "match.h"
#include "policy.h" /* the choice numbering */
#include "types.h"

/* Software-step states (same order as enum ad_step_state). */
enum { OR_STEP_INACTIVE, OR_STEP_ACTIVE_NOT_PENDING, OR_STEP_ACTIVE_PENDING };

/* The oracle's verdict for one check. */
struct or_result {
	bool match;         /* some comparator matched */
	bool take;          /* a debug exception is taken */
	unsigned target_el; /* valid when take */
	uint64_t esr;       /* valid when take */
	uint64_t hits;      /* comparators that matched */
	bool wnr, cm;       /* watchpoints, valid when take */
	const char *rule;   /* the Arm function that decided "take" */
};

/* Largest FAR window the oracle tracks (bigger than any access + block). */
#define OR_FAR_MAX 4096u

/*
 * Watchpoints: the addresses FAR may hold (D2.9.8), as a byte map:
 * ok[i] means base + i is a permitted FAR value.
 */
struct or_far_map {
	uint64_t base;
	unsigned len;
	bool ok[OR_FAR_MAX];
};

/*
 * The policies the oracle read (bit 1 << id) since or_policies_clear():
 * its verdicts depend on the policy vector through these only.  Reading
 * covers the IMPLEMENTATION DEFINED choices it resolves as a set of
 * permitted outcomes (AD_POL_WP_FAR: the FAR map).  Not thread-safe.
 */
void or_policies_clear(void);
uint32_t or_policies_read(void);

/* Security state of the PE at its current EL. */
bool or_is_secure(const struct ad_state *s);

/* EL2Enabled() */
bool or_el2_enabled(const struct ad_state *s);

/* IsContextMatchingBreakpoint(n) */
bool or_is_context_bp(const struct ad_state *s, unsigned n);

/* SelfHostedExtendedBPWPEnabled() */
bool or_extended_bpwp_enabled(const struct ad_state *s);

/* DebugTargetFrom(secure) */
unsigned or_debug_target_from(const struct ad_state *s, bool secure);

/* AArch64.GenerateDebugExceptionsFrom(from_el, secure, mask) */
bool or_generate_debug_exceptions_from(const struct ad_state *s,
				       unsigned from_el, bool secure,
				       bool mask);

/* AArch64.BreakpointMatch(n, pc, size 4): (val_match, is_mismatch) */
void or_breakpoint_match(const struct ad_state *s, unsigned n, uint64_t pc,
			 bool *val_match, bool *is_mismatch);

/* AArch64.WatchpointMatch(n, ...) for an access at @va of @size bytes. */
bool or_watchpoint_match(const struct ad_state *s, unsigned n,
			 const struct ad_access *a, uint64_t va, unsigned size);

/* AArch64.CheckBreakpoint + CheckDebug's enable test for a fetch at @pc. */
struct or_result or_check_breakpoint(const struct ad_state *s, uint64_t pc);

/*
 * or_check_breakpoint() given the breakpoints' results: bit n of @match
 * and @mismatch is or_breakpoint_match(n)'s val_match and is_mismatch.
 */
struct or_result or_breakpoint_result(const struct ad_state *s,
				      uint64_t match, uint64_t mismatch);

/* AArch64.CheckWatchpoint + CheckDebug for one access; fills @far. */
struct or_result or_check_watchpoint(const struct ad_state *s,
				     const struct ad_access *a,
				     struct or_far_map *far);

/* The bytes [*lo, *lo + *size) access @a covers (DC ops: their block). */
void or_access_block(const struct ad_state *s, const struct ad_access *a,
		     uint64_t *lo, unsigned *size);

/* Impdef_FailedSTXRWatchpoint: @a is a failing STXR that is not watched. */
bool or_unwatched_access(const struct ad_state *s, const struct ad_access *a);

/*
 * or_check_watchpoint() given the watchpoints' results: bit n of @hits is
 * or_watchpoint_match(n) over or_access_block() (no bit for an unwatched
 * access).  Fills @far.
 */
struct or_result or_watchpoint_result(const struct ad_state *s,
				      const struct ad_access *a,
				      uint64_t hits, struct or_far_map *far);

/* The software-step state CheckSoftwareStep sees. */
unsigned or_step_state(const struct ad_state *s);

/* CheckSoftwareStep: the step exception, when active-pending. */
struct or_result or_check_software_step(const struct ad_state *s);

/* DebugExceptionReturnSS(spsr); *legal = false for an ERET the oracle
 * does not model (illegal return). */
bool or_debug_exception_return_ss(const struct ad_state *s, uint64_t spsr,
				  bool *legal);

/* AArch64.SoftwareBreakpoint: BRK #imm16. */
struct or_result or_check_brk(const struct ad_state *s, uint16_t imm16);

#endif
