/* SPDX-License-Identifier: MIT */
/*
 * model/sysreg.h - MRS/MSR to the debug system registers.
 *
 * Owns the accessibility pseudocode: given the PE state (EL, Security
 * state, HCR_EL2, MDCR_EL2/EL3, MDSCR_EL1.TDCC, OS lock), decide whether
 * an access reads/writes, is UNDEFINED, or traps to EL2/EL3 (EC 0x18 with
 * the exact ISS), and perform the access through regs.c.
 */
#ifndef ARMDBG_MODEL_SYSREG_H
#define ARMDBG_MODEL_SYSREG_H

#include "fields.h"
#include "types.h"

struct ad_sysreg_enc {
	uint8_t op0, op1, crn, crm, op2;
};

enum ad_sysreg_outcome {
	AD_SR_DONE,      /* read returned .value / write performed */
	AD_SR_UNDEFINED, /* UNDEFINED: EC 0x00 to .target_el */
	AD_SR_TRAP,      /* trapped: EC 0x18, .esr, to .target_el */
	AD_SR_UNKNOWN,   /* not a register the model owns */
};

/* Why an access was UNDEFINED or trapped (for logs and explain). */
enum ad_sysreg_reason {
	AD_SRR_NONE,
	AD_SRR_EL0,          /* no EL0 access */
	AD_SRR_NOT_IMPL,     /* bp/wp number not implemented */
	AD_SRR_FEATURE,      /* register needs a feature the CPU lacks */
	AD_SRR_DIRECTION,    /* write to RO / read of WO register */
	AD_SRR_EL_TOO_LOW,   /* register needs a higher EL */
	AD_SRR_EL_ABSENT,    /* register of an EL that is not implemented */
	AD_SRR_MDSCR_TDCC,
	AD_SRR_MDCR_EL2_TDE,
	AD_SRR_MDCR_EL2_TDA,
	AD_SRR_MDCR_EL2_TDOSA,
	AD_SRR_MDCR_EL2_TDRA,
	AD_SRR_MDCR_EL2_TDCC,
	AD_SRR_HCR_EL2_TGE,
	AD_SRR_MDCR_EL3_TDA,
	AD_SRR_MDCR_EL3_TDOSA,
	AD_SRR_MDCR_EL3_TDCC,
	AD_SRR_HCR_EL2_TID3,  /* ID_AA64DFR0/1_EL1 read at EL1 */
	AD_SRR_MDCR_EL3_EBWE, /* MDSELR_EL1 with MDCR_EL3.EBWE == 0 */
};

struct ad_sysreg_result {
	enum ad_sysreg_outcome outcome;
	enum ad_sysreg_reason reason;
	enum ad_reg reg;   /* valid unless AD_SR_UNKNOWN */
	unsigned n;        /* bp/wp number for banked registers */
	unsigned target_el; /* for UNDEFINED/TRAP */
	uint64_t esr;      /* for UNDEFINED/TRAP */
	uint64_t value;    /* for a read that was done */
};

/* Identify the register an encoding names (true if the model owns it). */
bool ad_sysreg_lookup(const struct ad_state *s, struct ad_sysreg_enc e,
		      bool is_read, enum ad_reg *reg, unsigned *n);

/*
 * Perform MRS (is_read) or MSR of @e at the current PE state.  @rt is the
 * general-purpose register number (31 = XZR), used only for the syndrome;
 * @wval is the value written.
 */
struct ad_sysreg_result ad_sysreg_access(struct ad_state *s,
					 struct ad_sysreg_enc e, bool is_read,
					 unsigned rt, uint64_t wval);

const char *ad_sysreg_reason_str(enum ad_sysreg_reason r);

#endif
