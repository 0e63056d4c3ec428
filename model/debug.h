/* SPDX-License-Identifier: MIT */
/*
 * model/debug.h - enabling and routing of debug exceptions, and the
 * top-level checks that combine matching with enabling: "does this fetch /
 * access / BRK raise a debug exception, to which EL, with which syndrome".
 * The caller (emu/) performs the exception entry.
 */
#ifndef ARMDBG_MODEL_DEBUG_H
#define ARMDBG_MODEL_DEBUG_H

#include "match.h"
#include "types.h"

/* HCR_EL2 / SCR_EL3 / MDCR / MDSCR bits the model reads. */
#define AD_HCR_TGE   (1ull << 27)
#define AD_HCR_E2H   (1ull << 34)
#define AD_HCR_NV    (1ull << 42)
#define AD_HCR_NV1   (1ull << 43)
#define AD_SCR_NS    (1ull << 0)
#define AD_SCR_EEL2  (1ull << 18)
#define AD_MDSCR_SS  (1ull << 0)
#define AD_MDSCR_TDCC (1ull << 12)
#define AD_MDSCR_KDE (1ull << 13)
#define AD_MDSCR_MDE (1ull << 15)
#define AD_MDSCR_EMBWE (1ull << 32)
#define AD_MDCR2_TDE (1ull << 8)
#define AD_MDCR2_TDA (1ull << 9)
#define AD_MDCR2_TDOSA (1ull << 10)
#define AD_MDCR2_TDRA (1ull << 11)
#define AD_MDCR2_TDCC (1ull << 27)
#define AD_MDCR3_TDA (1ull << 9)
#define AD_MDCR3_TDOSA (1ull << 10)
#define AD_MDCR3_SDD (1ull << 16)
#define AD_MDCR3_TDCC (1ull << 27)

/* Security state of the PE at its current EL (no EL3: Non-secure). */
bool ad_is_secure(const struct ad_state *s);

/* EL2 is implemented and enabled in the current Security state (EL2Enabled). */
bool ad_el2_enabled(const struct ad_state *s);

/* ELIsInHost(el) */
bool ad_el_is_in_host(const struct ad_state *s, unsigned el);

/* DoubleLockStatus() */
bool ad_double_lock_status(const struct ad_state *s);

/* DebugTargetFrom(secure): EL1 or EL2, never EL3. */
unsigned ad_debug_target_from(const struct ad_state *s, bool secure);

/* Why debug exceptions are not generated (AD_DIS_NONE: they are). */
enum ad_disable_reason {
	AD_DIS_NONE,
	AD_DIS_OSLOCK,     /* OSLSR_EL1.OSLK == 1 */
	AD_DIS_DOUBLELOCK, /* DoubleLockStatus() */
	AD_DIS_HALTED,
	AD_DIS_SDD,        /* MDCR_EL3.SDD in Secure state */
	AD_DIS_KDE,        /* target == current EL and MDSCR_EL1.KDE == 0 */
	AD_DIS_MASKED,     /* target == current EL and PSTATE.D == 1 */
	AD_DIS_LOWER_EL,   /* target EL below the current EL (incl. EL3) */
	AD_DIS_MDE,        /* MDSCR_EL1.MDE == 0 (breakpoints, watchpoints) */
	AD_DIS_SS,         /* MDSCR_EL1.SS == 0 (step) */
};

const char *ad_disable_reason_str(enum ad_disable_reason r);

/* AArch64.GenerateDebugExceptionsFrom(from_el, secure, mask), with the reason. */
enum ad_disable_reason ad_debug_exceptions_from(const struct ad_state *s,
						unsigned from_el, bool secure,
						bool mask);

/* AArch64.GenerateDebugExceptions() at the current PE state. */
bool ad_generate_debug_exceptions(const struct ad_state *s);

/* AArch64.SoftwareBreakpoint routing: the EL a BRK is taken to. */
unsigned ad_brk_target_el(const struct ad_state *s);

/* The outcome of one debug check: what the caller should do. */
struct ad_debug_event {
	bool match;      /* some comparator matched */
	bool take;       /* and a debug exception must be taken now */
	enum ad_disable_reason why; /* when match && !take */
	unsigned target_el;
	uint64_t esr;
	uint64_t hits;   /* comparators that matched */
	/* watchpoints only */
	bool wnr, cm;
	uint64_t far, far_min, far_max;
};

/* AArch64.CheckBreakpoint (+ CheckDebug's enable test) for a fetch at @pc. */
struct ad_debug_event ad_check_breakpoint(const struct ad_state *s, uint64_t pc);

/* AArch64.CheckWatchpoint for one access. */
struct ad_debug_event ad_check_watchpoint(const struct ad_state *s,
					  const struct ad_access *a);

/* AArch64.SoftwareBreakpoint: BRK #imm16 (always taken). */
struct ad_debug_event ad_check_brk(const struct ad_state *s, uint16_t imm16);

#endif
