/* SPDX-License-Identifier: MIT */
/*
 * model/regs.h - the debug register file: cold reset, raw reads, and
 * legalised writes (BAS copies, RES0/RES1, read-only fields, OSLAR ->
 * OSLSR.OSLK, DBGCLAIMSET/CLR, MDSELR banking).  No access checks here:
 * sysreg.c decides whether an MRS/MSR may reach these functions.
 */
#ifndef ARMDBG_MODEL_REGS_H
#define ARMDBG_MODEL_REGS_H

#include "fields.h"
#include "types.h"

/*
 * Cold reset of the debug logic (a PE powering up or coming online):
 * OSLSR_EL1.OSLK = 1, every UNKNOWN field takes the value the
 * AD_POL_RESET_UNKNOWN policy gives, fields with a defined reset value
 * take it.  PSTATE is not touched.
 */
void ad_cold_reset(struct ad_state *s);

/* The value an unchecked MRS of @reg (<n> for banked ones) returns. */
uint64_t ad_reg_read(const struct ad_state *s, enum ad_reg reg, unsigned n);

/* The value that a write of @v to @reg would leave readable (legalised). */
uint64_t ad_reg_legalise(const struct ad_state *s, enum ad_reg reg,
			 unsigned n, uint64_t v);

/* An unchecked MSR: legalise and store (side effects included). */
void ad_reg_write(struct ad_state *s, enum ad_reg reg, unsigned n, uint64_t v);

/*
 * SelfHostedExtendedBPWPEnabled: MDSCR_EL1.EMBWE as MDCR_EL3.EBWE and
 * MDCR_EL2.EBWE let it act (breakpoints/watchpoints 16 and up).
 */
bool ad_embwe_effective(const struct ad_state *s);

/* Number of the breakpoint/watchpoint a DBGB*, DBGW* encoding with CRm =
 * @crm addresses, MDSELR_EL1.BANK applied where FEAT_Debugv8p9 has it. */
unsigned ad_banked_index(const struct ad_state *s, unsigned crm);

#endif
