/* SPDX-License-Identifier: MIT */
/*
 * model/fields.h - one field table per register.
 *
 * Owns: the register catalogue (name, MRS/MSR encoding, access) and, per
 * register, its fields: bits, kind (RW/RO/WO/RES0/RES1), the feature that
 * makes the field exist (absent -> RES0), reset value, the meaning of each
 * encoding and which encodings are reserved or CONSTRAINED UNPREDICTABLE.
 * The same table drives decoding, read-back legalisation (regs.c),
 * `armdbg explain` and the fuzzers.
 */
#ifndef ARMDBG_MODEL_FIELDS_H
#define ARMDBG_MODEL_FIELDS_H

#include "types.h"

enum ad_reg {
	AD_REG_DBGBVR,
	AD_REG_DBGBCR,
	AD_REG_DBGWVR,
	AD_REG_DBGWCR,
	AD_REG_MDSCR_EL1,
	AD_REG_OSLAR_EL1,
	AD_REG_OSLSR_EL1,
	AD_REG_OSDLR_EL1,
	AD_REG_DBGPRCR_EL1,
	AD_REG_MDSELR_EL1,
	AD_REG_DBGCLAIMSET_EL1,
	AD_REG_DBGCLAIMCLR_EL1,
	AD_REG_DBGAUTHSTATUS_EL1,
	AD_REG_MDRAR_EL1,
	AD_REG_MDCCSR_EL0,
	AD_REG_MDCCINT_EL1,
	AD_REG_DBGDTR_EL0,
	AD_REG_DBGDTRRX_EL0, /* MRS view of the shared encoding */
	AD_REG_DBGDTRTX_EL0, /* MSR view of the shared encoding */
	AD_REG_OSDTRRX_EL1,
	AD_REG_OSDTRTX_EL1,
	AD_REG_OSECCR_EL1,
	AD_REG_DBGVCR32_EL2,
	AD_REG_ID_AA64DFR0_EL1,
	AD_REG_ID_AA64DFR1_EL1,
	AD_REG_MDCR_EL2,
	AD_REG_MDCR_EL3,
	AD_REG_CONTEXTIDR_EL1,
	AD_REG_CONTEXTIDR_EL2,
	AD_REG_VTTBR_EL2,
	AD_REG_HCR_EL2,   /* debug-relevant bits only; explain/inputs */
	AD_REG_ESR_EL1,   /* decode only (explain) */
	AD_REG_ESR_EL2,
	AD_REG_ESR_EL3,
	AD_REG__COUNT
};

/* Field kinds. */
enum ad_field_kind {
	AD_FK_RW,   /* read/write */
	AD_FK_RO,   /* read-only (writes ignored) */
	AD_FK_WO,   /* write-only (reads as zero) */
	AD_FK_RES0,
	AD_FK_RES1,
};

/* Features a field (or register) depends on. */
enum ad_feature {
	AD_FEAT_ALWAYS,
	AD_FEAT_NEVER,      /* architected but not modelled (RME, SPE ...): RES0 */
	AD_FEAT_EL2,
	AD_FEAT_EL3,
	AD_FEAT_AA32EL1,
	AD_FEAT_VHE,
	AD_FEAT_DOUBLELOCK,
	AD_FEAT_DEBUGV8P9,
	AD_FEAT_BWE,
	AD_FEAT_LVA,
	AD_FEAT_VMID16,
	AD_FEAT_DEBUGV8P2,
	AD_FEAT_PMU,
	AD_FEAT_FGT,        /* FEAT_FGT (MDCR_ELx.TDCC): implied by DebugVer >= v8.8 */
};

/* Flags on an encoding. */
#define AD_ENC_RESERVED 0x1u /* reserved value */
#define AD_ENC_CU       0x2u /* CONSTRAINED UNPREDICTABLE when used */

struct ad_encoding {
	uint64_t value;
	const char *meaning;
	unsigned flags;
	int policy; /* enum ad_policy_id that resolves it, or -1 */
};

struct ad_field {
	const char *name;
	uint8_t lsb, width;
	uint8_t kind;    /* enum ad_field_kind */
	uint8_t feature; /* enum ad_feature; absent -> behaves as RES0 */
	bool reset_unknown;   /* cold reset value UNKNOWN (policy decides) */
	uint64_t reset_value; /* when !reset_unknown */
	const char *desc;
	const struct ad_encoding *enc; /* NULL: numeric field */
	unsigned nenc;
};

struct ad_regdesc {
	enum ad_reg reg;
	const char *name;     /* e.g. "DBGBCR<n>_EL1", "MDSCR_EL1" */
	uint8_t op0, op1, crn, crm, op2; /* crm is the base for banked regs */
	bool banked;          /* <n> in CRm (DBGB*, DBGW*) */
	bool readable, writable;
	uint8_t feature;      /* the register exists only with this feature */
	uint8_t min_el;       /* lowest EL with access (before traps) */
	const char *desc;
	const struct ad_field *fields; /* ascending lsb; covers all 64 bits */
	unsigned nfields;
};

const struct ad_regdesc *ad_regdesc(enum ad_reg reg);

/*
 * Parse a register name as a user types it ("dbgbcr5_el1", "MDSCR_EL1",
 * "esr_el2"): case-insensitive.  Returns 0 and sets *reg, *n; -1 unknown
 * name; -2 a <n> out of 0..63.
 */
int ad_reg_parse_name(const char *name, enum ad_reg *reg, unsigned *n);

bool ad_feature_present(const struct ad_config *c, enum ad_feature f);
bool ad_field_present(const struct ad_field *f, const struct ad_config *c);

static inline uint64_t ad_field_mask(const struct ad_field *f)
{
	uint64_t m = f->width >= 64 ? ~0ull : ((1ull << f->width) - 1);
	return m << f->lsb;
}

static inline uint64_t ad_field_get(const struct ad_field *f, uint64_t v)
{
	return (v & ad_field_mask(f)) >> f->lsb;
}

/* The encoding entry for value @v of field @f, or NULL. */
const struct ad_encoding *ad_field_encoding(const struct ad_field *f, uint64_t v);

/* The field called @name in @reg (case-insensitive), or NULL. */
const struct ad_field *ad_reg_field(enum ad_reg reg, const char *name);

/*
 * Bit masks for @reg under configuration @c, computed from the table:
 * bits that are RES0 (including absent-feature fields), RES1, and that a
 * write can change.
 */
uint64_t ad_reg_res0_mask(enum ad_reg reg, const struct ad_config *c);
uint64_t ad_reg_res1_mask(enum ad_reg reg, const struct ad_config *c);
uint64_t ad_reg_writable_mask(enum ad_reg reg, const struct ad_config *c);

/* All of them at once, and the present read-only fields, in one pass. */
struct ad_reg_masks {
	uint64_t res0, res1, writable, ro;
};
void ad_reg_masks(enum ad_reg reg, const struct ad_config *c,
		  struct ad_reg_masks *m);

#endif
