/* SPDX-License-Identifier: MIT */
/*
 * model/syndrome.h - ESR_ELx values for debug exceptions, BRK, UNDEFINED
 * and system-register traps, and field tables for decoding an ESR (EC,
 * IL, and the ISS layout of each EC the model produces).
 */
#ifndef ARMDBG_MODEL_SYNDROME_H
#define ARMDBG_MODEL_SYNDROME_H

#include "fields.h"
#include "types.h"

enum ad_ec {
	AD_EC_UNKNOWN = 0x00,
	AD_EC_SVC64 = 0x15,
	AD_EC_HVC64 = 0x16,
	AD_EC_SMC64 = 0x17,
	AD_EC_SYSREG = 0x18,
	AD_EC_IABT_LOWER = 0x20,
	AD_EC_IABT_CUR = 0x21,
	AD_EC_PC_ALIGN = 0x22,
	AD_EC_DABT_LOWER = 0x24,
	AD_EC_DABT_CUR = 0x25,
	AD_EC_SP_ALIGN = 0x26,
	AD_EC_SERROR = 0x2f,
	AD_EC_BREAKPT_LOWER = 0x30,
	AD_EC_BREAKPT_CUR = 0x31,
	AD_EC_SOFTSTP_LOWER = 0x32,
	AD_EC_SOFTSTP_CUR = 0x33,
	AD_EC_WATCHPT_LOWER = 0x34,
	AD_EC_WATCHPT_CUR = 0x35,
	AD_EC_BKPT32 = 0x38,
	AD_EC_VECTOR_CATCH = 0x3a,
	AD_EC_BRK64 = 0x3c,
};

#define AD_ESR_IL (1ull << 25)
#define AD_FSC_DEBUG 0x22u

static inline unsigned ad_esr_ec(uint64_t esr) { return (esr >> 26) & 0x3f; }

/* AArch64.BreakpointException */
uint64_t ad_esr_breakpoint(bool same_el);
/* AArch64.WatchpointException */
uint64_t ad_esr_watchpoint(bool same_el, bool wnr, bool cm);
/* AArch64.SoftwareStepException */
uint64_t ad_esr_step(bool same_el, bool isv, bool ex);
/* AArch64.SoftwareBreakpoint */
uint64_t ad_esr_brk(uint16_t imm16);
/* UNDEFINED (EC 0x00, IL=1 for an A64 instruction) */
uint64_t ad_esr_undefined(void);
/* AArch64.SystemAccessTrap / syn_aa64_sysregtrap: EC 0x18 ISS */
uint64_t ad_esr_sysreg_trap(unsigned op0, unsigned op1, unsigned crn,
			    unsigned crm, unsigned op2, unsigned rt,
			    bool is_read);

/* Name of an EC ("Breakpoint from a lower EL"), NULL if not known. */
const char *ad_ec_name(unsigned ec);

/* The ISS field table for @ec (NULL, *n = 0 if the model has none). */
const struct ad_field *ad_iss_fields(unsigned ec, unsigned *n);

#endif
