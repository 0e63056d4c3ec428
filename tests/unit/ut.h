/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/ut.h - shared helpers for the model unit tests.
 *
 * Every expected value in these tests is derived by hand from the digest
 * (docs: shared reference "debug-architecture.md", cited as "digest N.M")
 * or from the Arm ARM pseudocode (DDI0487 J1, cited by function name).
 * Nothing here computes an expectation by calling the model.
 *
 * The helpers only build register values from the documented field
 * layouts and put a PE into a known state.
 */
#ifndef ARMDBG_TESTS_UT_H
#define ARMDBG_TESTS_UT_H

#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "config.h"
#include "debug.h"
#include "fields.h"
#include "match.h"
#include "policy.h"
#include "regs.h"
#include "step.h"
#include "syndrome.h"
#include "sysreg.h"
#include "types.h"

/* Bits outside the model's debug.h set that the set-up writes. */
#define UT_SCR_RW  (1ull << 10) /* SCR_EL3.RW: EL2 (or EL1) is AArch64 */
#define UT_HCR_RW  (1ull << 31) /* HCR_EL2.RW: EL1 is AArch64 */
#define UT_MDCR_EBWE (1ull << 43) /* MDCR_EL2/EL3.EBWE (digest 4.1) */

/* DBGBCR<n>_EL1 fields (digest 1.1). */
struct ut_bcr {
	unsigned e, pmc, bas, hmc, ssc, lbn, bt, mask;
};

static inline uint64_t ut_bcr(struct ut_bcr f)
{
	return (uint64_t)(f.mask & 0x1f) << 24 | (uint64_t)(f.bt & 0xf) << 20 |
	       (uint64_t)(f.lbn & 0xf) << 16 | (uint64_t)(f.ssc & 3) << 14 |
	       (uint64_t)(f.hmc & 1) << 13 | (uint64_t)(f.bas & 0xf) << 5 |
	       (uint64_t)(f.pmc & 3) << 1 | (f.e & 1);
}

/* DBGWCR<n>_EL1 fields (digest 2.1). */
struct ut_wcr {
	unsigned e, pac, lsc, bas, hmc, ssc, lbn, wt, mask;
};

static inline uint64_t ut_wcr(struct ut_wcr f)
{
	return (uint64_t)(f.mask & 0x1f) << 24 | (uint64_t)(f.wt & 1) << 20 |
	       (uint64_t)(f.lbn & 0xf) << 16 | (uint64_t)(f.ssc & 3) << 14 |
	       (uint64_t)(f.hmc & 1) << 13 | (uint64_t)(f.bas & 0xff) << 5 |
	       (uint64_t)(f.lsc & 3) << 3 | (uint64_t)(f.pac & 3) << 1 |
	       (f.e & 1);
}

/* An A64 breakpoint on EL0+EL1, any security state (PMC=11 HMC=0 SSC=00). */
static inline uint64_t ut_bcr_addr(void)
{
	return ut_bcr((struct ut_bcr){ .e = 1, .pmc = 3, .bas = 0xf });
}

/* SPSR.M[3:0] values (AArch64): EL0t, EL1t, EL1h, EL2h. */
enum { UT_M_EL0T = 0x0, UT_M_EL1H = 0x5, UT_M_EL2H = 0x9 };

static inline struct ad_sysreg_enc ut_enc(unsigned op0, unsigned op1,
					  unsigned crn, unsigned crm,
					  unsigned op2)
{
	return (struct ad_sysreg_enc){ op0, op1, crn, crm, op2 };
}

/*
 * A known starting point: configuration @c, every byte of @s poisoned
 * first (so a field the model forgets to initialise shows up as a
 * deterministic failure), then ad_state_init(), then the state a
 * debugger would set up: OS lock clear, MDE=1, Non-secure EL1 with
 * PSTATE.D=1, EL2/EL3 trap and routing controls zero, every comparator
 * zero (disabled), no context values.
 */
void ut_setup(struct ad_state *s, const struct ad_config *c);

/* A preset by name; fails the test if it does not exist. */
const struct ad_config *ut_preset(const char *name);

/* J1 ContextAwareBreakpointRange(), written from the pseudocode. */
void ut_ctx_range(unsigned b, unsigned c, unsigned *lo, unsigned *hi);

/* The suites. */
Suite *config_suite(void);
Suite *policy_suite(void);
Suite *state_match_suite(void);
Suite *dbgbcr_suite(void);
Suite *dbgwcr_suite(void);
Suite *linking_suite(void);
Suite *enable_suite(void);
Suite *step_suite(void);
Suite *syndrome_suite(void);
Suite *sysreg_suite(void);
Suite *regs_suite(void);

#endif
