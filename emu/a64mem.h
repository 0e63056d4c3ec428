/* SPDX-License-Identifier: MIT */
/*
 * emu/a64mem.h - A64 instruction-word decoder for the emulator.
 *
 * Owns: predicting, before an instruction executes, every data access it
 * will perform (virtual address, size, kind, unprivileged or not), decoded
 * from the instruction bits directly (Arm ARM C4.1, "Loads and Stores",
 * op0 = x1x0; plus DC ZVA / DC IVAC from the system group).  Capstone
 * 4.0.2 cannot decode the Armv8.1 atomics or LDAPR and gets access flags
 * wrong, so the emulator uses this module instead.  Also owns the small
 * classifiers the step / exception logic needs: ERET, ISB, exception
 * generating instructions, MSR DAIFSet/DAIFClr and the MRS/MSR/SYS/SYSL
 * operand fields.
 *
 * Pure C: no Unicorn, no Capstone, no I/O, no global state.  Registers are
 * read through a caller-provided view, so the module can be tested with
 * fake register values.
 *
 * Known Armv8.4 load/store encodings are decoded in full.  Encodings of
 * later extensions whose accesses are not computed here (FEAT_MTE tag
 * instructions and STGP, FEAT_MOPS, FEAT_LS64, SVE and SME memory
 * instructions, the FEAT_MTE DC ops, LDRAA/LDRAB without an authentication
 * callback) return A64_ERR_UNSUPPORTED; anything else in the load/store
 * space that is not an instruction returns A64_ERR_UNALLOC.
 */
#ifndef ARMDBG_EMU_A64MEM_H
#define ARMDBG_EMU_A64MEM_H

#include <stdbool.h>
#include <stdint.h>

#include "match.h"

/* Most accesses one instruction is reported with (LD4 / ST1 x4 regs). */
#define A64_MEM_MAX_OPS 4

/* Return values of a64_decode_mem (0 = decoded). */
enum a64_err {
	A64_OK = 0,
	A64_ERR_UNALLOC = -1,     /* unallocated in the load/store space */
	A64_ERR_UNSUPPORTED = -2, /* a later extension this module does not
				     compute accesses for */
	A64_ERR_ARG = -3,         /* NULL argument or missing callback */
};

/*
 * Read-only view of the registers the address computation needs.
 * x(ctx, n) is only called with n = 0..30 (register 31 is XZR where the
 * encoding says so and is never read); sp(ctx) is called for base
 * register 31.  pc is the address of the instruction (LDR literal).
 * auth_data is optional: it must return what AuthDA (key_b = false) or
 * AuthDB (key_b = true) with modifier 0 yields for @ptr on this PE; it is
 * only needed for LDRAA/LDRAB (A64_ERR_UNSUPPORTED when NULL).
 */
struct a64_regs_view {
	uint64_t (*x)(void *ctx, unsigned n);
	uint64_t (*sp)(void *ctx);
	uint64_t (*auth_data)(void *ctx, uint64_t ptr, bool key_b);
	uint64_t pc;
	void *ctx;
};

/*
 * One data access.  size is the number of bytes the access touches; for
 * AD_ACC_DC_ZVA / AD_ACC_DC_IVAC it is 0 and va is Xt as written (the
 * model rounds it to its block).
 */
struct a64_mem_op {
	uint64_t va;
	unsigned size;
	enum ad_acc_kind kind;
	bool unpriv; /* LDTR/STTR family */
};

/*
 * What an instruction does to memory.  op[0..n-1] are in the order the
 * instruction performs them.  Granularity:
 *  - LDP/STP (all forms): two accesses, at a and a + element size;
 *  - LDXP/STXP/LDAXP/STLXP and CASP: one single-copy-atomic access of
 *    both registers (8 or 16 bytes);
 *  - SIMD multiple structures: one access per register's worth of
 *    contiguous bytes (8 or 16), in ascending address order; together
 *    they cover exactly the bytes the instruction touches;
 *  - SIMD single structure (lane and replicate): one access per element.
 */
struct a64_mem_info {
	unsigned n;
	struct a64_mem_op op[A64_MEM_MAX_OPS];
	bool is_mem;      /* a memory instruction: the load/store space, DC
			     ZVA / DC IVAC, and (on error) SVE memory and the
			     DC tag operations */
	bool is_ldex;     /* Load-Exclusive LDXR/LDAXR/LDXP/LDAXP (step EX) */
	bool is_stex;     /* Store-Exclusive; status register is rs */
	bool is_prefetch; /* PRFM / PRFUM: no access (n = 0) */
	bool writeback;   /* base register wb_reg (31 = SP) becomes wb_value */
	unsigned wb_reg;
	uint64_t wb_value;
	unsigned rs;      /* Store-Exclusive status register (31 = WZR) */
	const char *cls;  /* encoding class, for messages; never NULL */
};

/*
 * Decode @insn and compute its data accesses from the registers in @r.
 * Returns 0 when decoded (is_mem false and n = 0 for an instruction that
 * performs no data access), or a negative enum a64_err.  @out is always
 * fully written (cls names the class on error too).
 */
int a64_decode_mem(uint32_t insn, const struct a64_regs_view *r,
		   struct a64_mem_info *out);

/* A static description of an enum a64_err value. */
const char *a64_strerror(int err);

/* The model's view of access @op (ex_failed is the caller's to set). */
static inline struct ad_access a64_mem_op_access(const struct a64_mem_op *op)
{
	struct ad_access a = {
		.va = op->va,
		.size = op->size,
		.kind = op->kind,
		.unpriv = op->unpriv,
		.ex_failed = false,
	};
	return a;
}

/* ERET, ERETAA or ERETAB. */
static inline bool a64_is_eret(uint32_t insn)
{
	return insn == 0xd69f03e0 || insn == 0xd69f0bff || insn == 0xd69f0fff;
}

/* ISB {option}: 1101 0101 0000 0011 0011 CRm 110 11111 */
static inline bool a64_is_isb(uint32_t insn)
{
	return (insn & 0xfffff0ff) == 0xd50330df;
}

/*
 * Can @insn write PSTATE.{EL,SP,D,A,I,F,PAN,UAO,...} (other than by an
 * exception or ERET)?  MSR (immediate), whose op0 = 0, CRn = 4 also
 * covers CFINV/XAFLAG/AXFLAG, and MSR (register) to the op0 = 3, CRn = 4,
 * CRm = 2 or 3 special-purpose registers: NZCV, DAIF, SPSel, PAN, UAO,
 * DIT, SSBS, TCO, SVCR, ALLINT.
 */
static inline bool a64_may_write_pstate(uint32_t insn)
{
	unsigned crm = insn >> 8 & 0xf;

	return (insn & 0xfff8f01f) == 0xd500401f ||
	       ((insn & 0xfff8f000) == 0xd5184000 && (crm == 2 || crm == 3));
}

/* Exception generating instructions (and UDF, permanently undefined). */
enum a64_exc_kind {
	A64_EXC_SVC,
	A64_EXC_HVC,
	A64_EXC_SMC,
	A64_EXC_BRK,
	A64_EXC_HLT,
	A64_EXC_UDF,  /* 0x0000xxxx */
	A64_EXC_DCPS, /* DCPS1/2/3: UNDEFINED outside Debug state */
};

/*
 * True when @insn is SVC/HVC/SMC/BRK/HLT/DCPSn #imm16 or UDF #imm16; sets
 * *kind and *imm16 (either may be NULL).  For DCPS the level (1..3) is not
 * reported: it only matters in Debug state.
 */
bool a64_exc_gen(uint32_t insn, enum a64_exc_kind *kind, uint16_t *imm16);

/*
 * MSR DAIFSet, #imm (*set = true) or MSR DAIFClr, #imm (*set = false);
 * *imm4 = the D:A:I:F mask.  Out pointers may be NULL.
 */
bool a64_is_msr_daif_imm(uint32_t insn, bool *set, unsigned *imm4);

/*
 * MRS / MSR (register) (op0 = 2 or 3) and SYS / SYSL (op0 = 1): the
 * system register / operation fields, Rt, and *is_read (MRS, SYSL).
 * False for anything else (MSR immediate, hints, barriers, ...).  Out
 * pointers may be NULL.
 */
bool a64_sysreg_fields(uint32_t insn, unsigned *op0, unsigned *op1,
		       unsigned *crn, unsigned *crm, unsigned *op2,
		       unsigned *rt, bool *is_read);

#endif
