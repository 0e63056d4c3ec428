// SPDX-License-Identifier: MIT
/*
 * emu/a64mem.c - the data accesses of an A64 instruction, from its bits.
 *
 * Encoding classes and field names follow the Arm ARM (DDI0487) C4.1
 * "A64 instruction set encoding", group "Loads and Stores" (op0 = x1x0),
 * and the decode pseudocode of each instruction (C6.2).  Addresses are
 * computed as the instruction's pseudocode computes them; nothing is
 * aligned or checked here (alignment faults and translation are the
 * CPU's).
 */
#include <string.h>

#include "a64mem.h"

/* The instruction being decoded, its register view and the result. */
struct dec {
	uint32_t insn;
	const struct a64_regs_view *r;
	struct a64_mem_info *out;
};

static inline unsigned field(uint32_t insn, unsigned hi, unsigned lo)
{
	return (insn >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static inline bool bit(uint32_t insn, unsigned n)
{
	return (insn >> n) & 1;
}

/* SignExtend(v<width-1:0>, 64) */
static inline uint64_t sext(uint64_t v, unsigned width)
{
	uint64_t m = 1ull << (width - 1);

	v &= (m << 1) - 1;
	return (v ^ m) - m;
}

/* X[n] with n = 31 meaning XZR. */
static uint64_t xreg(const struct dec *d, unsigned n)
{
	return n == 31 ? 0 : d->r->x(d->r->ctx, n);
}

/* X[n] with n = 31 meaning SP (base registers). */
static uint64_t xreg_sp(const struct dec *d, unsigned n)
{
	return n == 31 ? d->r->sp(d->r->ctx) : d->r->x(d->r->ctx, n);
}

/* The base register Rn (bits 9:5) of a load/store. */
static uint64_t base_reg(const struct dec *d)
{
	return xreg_sp(d, field(d->insn, 9, 5));
}

static void add_op(struct dec *d, uint64_t va, unsigned size,
		   enum ad_acc_kind kind, bool unpriv)
{
	struct a64_mem_info *o = d->out;

	/* The decoders never produce more than A64_MEM_MAX_OPS. */
	if (o->n >= A64_MEM_MAX_OPS)
		return;
	o->op[o->n].va = va;
	o->op[o->n].size = size;
	o->op[o->n].kind = kind;
	o->op[o->n].unpriv = unpriv;
	o->n++;
}

static void set_writeback(struct dec *d, uint64_t value)
{
	d->out->writeback = true;
	d->out->wb_reg = field(d->insn, 9, 5);
	d->out->wb_value = value;
}

static int fail(struct dec *d, int err, const char *cls)
{
	d->out->cls = cls;
	d->out->n = 0;
	d->out->writeback = false;
	return err;
}

/*
 * A single-register load/store, from size:V:opc (the common decode of the
 * LDR/STR immediate, unscaled, unprivileged and register forms).
 */
struct ls_single {
	unsigned bytes;
	unsigned scale; /* log2(bytes): the immediate / shift scale */
	enum ad_acc_kind kind;
	bool prefetch;  /* PRFM / PRFUM */
};

static int ls_single_decode(uint32_t insn, struct ls_single *s)
{
	unsigned size = field(insn, 31, 30);
	unsigned opc = field(insn, 23, 22);
	bool v = bit(insn, 26);

	s->prefetch = false;
	if (v) {
		/* B, H, S, D; opc<1> = 1 is Q, only with size = 00. */
		s->scale = size;
		if (opc & 2) {
			if (size != 0)
				return A64_ERR_UNALLOC;
			s->scale = 4;
		}
		s->bytes = 1u << s->scale;
		s->kind = (opc & 1) ? AD_ACC_LOAD : AD_ACC_STORE;
		return 0;
	}
	s->scale = size;
	s->bytes = 1u << size;
	switch (opc) {
	case 0:
		s->kind = AD_ACC_STORE;
		return 0;
	case 1:
		s->kind = AD_ACC_LOAD;
		return 0;
	case 2: /* LDRS* to X; size 11 is PRFM */
		s->kind = AD_ACC_LOAD;
		if (size == 3)
			s->prefetch = true;
		return 0;
	default: /* LDRSB/LDRSH to W */
		s->kind = AD_ACC_LOAD;
		return size >= 2 ? A64_ERR_UNALLOC : 0;
	}
}

/* LDR (literal), LDRSW (literal), PRFM (literal), LDR (literal, SIMD&FP) */
static int ld_literal(struct dec *d)
{
	static const unsigned gp_bytes[4] = { 4, 8, 4, 0 };
	static const unsigned fp_bytes[4] = { 4, 8, 16, 0 };
	unsigned opc = field(d->insn, 31, 30);
	bool v = bit(d->insn, 26);
	uint64_t imm19 = field(d->insn, 23, 5);
	uint64_t addr = d->r->pc + sext(imm19 << 2, 21);

	d->out->cls = "load register (literal)";
	if (v) {
		if (opc == 3)
			return fail(d, A64_ERR_UNALLOC, d->out->cls);
		add_op(d, addr, fp_bytes[opc], AD_ACC_LOAD, false);
		return 0;
	}
	if (opc == 3) {
		d->out->is_prefetch = true;
		return 0;
	}
	add_op(d, addr, gp_bytes[opc], AD_ACC_LOAD, false);
	return 0;
}

/*
 * Load/store register: unscaled immediate (op4 = 00), immediate
 * post-indexed (01), unprivileged (10), immediate pre-indexed (11).
 */
static int ls_imm9(struct dec *d)
{
	static const char *const names[4] = {
		"load/store register (unscaled immediate)",
		"load/store register (immediate post-indexed)",
		"load/store register (unprivileged)",
		"load/store register (immediate pre-indexed)",
	};
	unsigned mode = field(d->insn, 11, 10);
	uint64_t imm = sext(field(d->insn, 20, 12), 9);
	struct ls_single s;
	uint64_t base;

	d->out->cls = names[mode];
	if (ls_single_decode(d->insn, &s))
		return fail(d, A64_ERR_UNALLOC, names[mode]);
	if (mode == 2 && bit(d->insn, 26))
		return fail(d, A64_ERR_UNALLOC, names[mode]);
	if (s.prefetch) {
		if (mode != 0) /* only PRFUM exists */
			return fail(d, A64_ERR_UNALLOC, names[mode]);
		d->out->is_prefetch = true;
		return 0;
	}
	base = base_reg(d);
	switch (mode) {
	case 1:
		add_op(d, base, s.bytes, s.kind, false);
		set_writeback(d, base + imm);
		break;
	case 3:
		add_op(d, base + imm, s.bytes, s.kind, false);
		set_writeback(d, base + imm);
		break;
	default: /* LDUR/STUR; LDTR/STTR are checked as unprivileged */
		add_op(d, base + imm, s.bytes, s.kind, mode == 2);
		break;
	}
	return 0;
}

/* Load/store register (unsigned immediate) */
static int ls_uimm12(struct dec *d)
{
	struct ls_single s;

	d->out->cls = "load/store register (unsigned immediate)";
	if (ls_single_decode(d->insn, &s))
		return fail(d, A64_ERR_UNALLOC, d->out->cls);
	if (s.prefetch) {
		d->out->is_prefetch = true;
		return 0;
	}
	add_op(d, base_reg(d) + ((uint64_t)field(d->insn, 21, 10) << s.scale),
	       s.bytes, s.kind, false);
	return 0;
}

/* ExtendReg(m, extend_type, shift) for the register-offset forms */
static uint64_t extend_reg(const struct dec *d, unsigned m, unsigned option,
			   unsigned shift)
{
	uint64_t v = xreg(d, m);

	switch (option) {
	case 2: /* UXTW */
		v = (uint32_t)v;
		break;
	case 6: /* SXTW */
		v = sext(v, 32);
		break;
	default: /* UXTX (LSL), SXTX: all 64 bits */
		break;
	}
	return v << shift;
}

/* Load/store register (register offset) */
static int ls_regoff(struct dec *d)
{
	unsigned option = field(d->insn, 15, 13);
	struct ls_single s;
	uint64_t off;

	d->out->cls = "load/store register (register offset)";
	if (ls_single_decode(d->insn, &s) || !(option & 2))
		return fail(d, A64_ERR_UNALLOC, d->out->cls);
	if (s.prefetch) {
		d->out->is_prefetch = true;
		return 0;
	}
	off = extend_reg(d, field(d->insn, 20, 16), option,
			 bit(d->insn, 12) ? s.scale : 0);
	add_op(d, base_reg(d) + off, s.bytes, s.kind, false);
	return 0;
}

/* Load/store register (pac): LDRAA, LDRAB */
static int ls_pac(struct dec *d)
{
	bool key_b = bit(d->insn, 23);
	uint64_t simm = (uint64_t)bit(d->insn, 22) << 9 |
			field(d->insn, 20, 12);
	uint64_t off = sext(simm << 3, 13);
	uint64_t addr;

	d->out->cls = "load/store register (pac)";
	if (field(d->insn, 31, 30) != 3 || bit(d->insn, 26))
		return fail(d, A64_ERR_UNALLOC, d->out->cls);
	if (!d->r->auth_data)
		return fail(d, A64_ERR_UNSUPPORTED, d->out->cls);
	/* AuthDA/AuthDB(base, X[31] = 0), then the scaled offset */
	addr = d->r->auth_data(d->r->ctx, base_reg(d), key_b) + off;
	add_op(d, addr, 8, AD_ACC_LOAD, false);
	if (bit(d->insn, 11))
		set_writeback(d, addr);
	return 0;
}

/* Atomic memory operations: LD<op>, ST<op> (Rt = XZR), SWP, LDAPR */
static int ls_atomic(struct dec *d)
{
	unsigned size = field(d->insn, 31, 30);
	bool a = bit(d->insn, 23), r = bit(d->insn, 22), o3 = bit(d->insn, 15);
	unsigned opc = field(d->insn, 14, 12);

	d->out->cls = "atomic memory operations";
	if (bit(d->insn, 26))
		return fail(d, A64_ERR_UNALLOC, d->out->cls);
	if (!o3 || opc == 0) {
		/* LDADD .. LDUMIN, SWP: read and write */
		add_op(d, base_reg(d), 1u << size, AD_ACC_ATOMIC, false);
		return 0;
	}
	/* Rs is should-be-one: QEMU takes other values as UNDEFINED */
	if (opc == 4 && a && !r && field(d->insn, 20, 16) == 31) {
		d->out->cls = "load-acquire RCpc register (LDAPR)";
		add_op(d, base_reg(d), 1u << size, AD_ACC_LOAD, false);
		return 0;
	}
	if (size == 3 && !a && !r && (opc == 1 || opc == 2 || opc == 3 ||
				      opc == 5))
		return fail(d, A64_ERR_UNSUPPORTED,
			    "64-byte load/store (FEAT_LS64)");
	return fail(d, A64_ERR_UNALLOC, d->out->cls);
}

/*
 * Load/store exclusive register, exclusive pair, ordered, compare and
 * swap (pair): size 001000 o2 L o1 Rs o0 Rt2 Rn Rt.
 *
 * Fields the Arm ARM shows as should-be-one ((1)) are CONSTRAINED
 * UNPREDICTABLE when not all ones.  This decoder predicts what the CPU
 * it drives (Unicorn, i.e. QEMU) does: it ignores them for LDXR/STXR,
 * LDXP/STXP and LDAR/STLR/LDLAR/STLLR, and UNDEFs CAS/CASP unless Rt2 is
 * 11111 (the Arm ARM decode of CAS requires Rt2 = 11111 anyway).
 */
static int ls_exclusive(struct dec *d)
{
	unsigned size = field(d->insn, 31, 30);
	bool o2 = bit(d->insn, 23), l = bit(d->insn, 22), o1 = bit(d->insn, 21);
	unsigned rs = field(d->insn, 20, 16);
	unsigned rt = field(d->insn, 4, 0);
	unsigned bytes;

	if (!o2 && !o1) {
		/* LDXR/LDAXR/STXR/STLXR{B,H}, all sizes */
		d->out->cls = "load/store exclusive register";
		bytes = 1u << size;
	} else if (!o2 && (size & 2)) {
		/* LDXP/LDAXP/STXP/STLXP: both registers in one access */
		d->out->cls = "load/store exclusive pair";
		bytes = (size & 1) ? 16 : 8;
	} else if (!o2) {
		/*
		 * CASP/CASPA/CASPL/CASPAL: even register pairs only.  Rt2
		 * is should-be-one; like QEMU (and so Unicorn) other values
		 * are taken as UNDEFINED, a permitted CONSTRAINED
		 * UNPREDICTABLE outcome.
		 */
		d->out->cls = "compare and swap pair";
		if ((rs & 1) || (rt & 1) || field(d->insn, 14, 10) != 31)
			return fail(d, A64_ERR_UNALLOC, d->out->cls);
		add_op(d, base_reg(d), (size & 1) ? 16 : 8, AD_ACC_ATOMIC,
		       false);
		return 0;
	} else if (!o1) {
		/* LDAR/LDLAR/STLR/STLLR */
		d->out->cls = "load/store ordered";
		add_op(d, base_reg(d), 1u << size,
		       l ? AD_ACC_LOAD : AD_ACC_STORE, false);
		return 0;
	} else {
		/* CAS/CASA/CASL/CASAL{B,H}: Rt2 is 11111 */
		d->out->cls = "compare and swap";
		if (field(d->insn, 14, 10) != 31)
			return fail(d, A64_ERR_UNALLOC, d->out->cls);
		add_op(d, base_reg(d), 1u << size, AD_ACC_ATOMIC, false);
		return 0;
	}
	if (l) {
		d->out->is_ldex = true;
		add_op(d, base_reg(d), bytes, AD_ACC_LOAD_EX, false);
	} else {
		d->out->is_stex = true;
		d->out->rs = rs;
		add_op(d, base_reg(d), bytes, AD_ACC_STORE_EX, false);
	}
	return 0;
}

/* LDAPUR, LDAPURS{B,H,W}, STLUR (RCpc, unscaled immediate) */
static int ls_rcpc_unscaled(struct dec *d)
{
	unsigned size = field(d->insn, 31, 30);
	unsigned opc = field(d->insn, 23, 22);
	uint64_t imm = sext(field(d->insn, 20, 12), 9);

	d->out->cls = "LDAPR/STLR (unscaled immediate)";
	/* opc 10: sign-extend to X (no 64-bit form); 11: to W (B, H only) */
	if ((opc == 2 && size == 3) || (opc == 3 && size >= 2))
		return fail(d, A64_ERR_UNALLOC, d->out->cls);
	add_op(d, base_reg(d) + imm, 1u << size,
	       opc == 0 ? AD_ACC_STORE : AD_ACC_LOAD, false);
	return 0;
}

/* LDP/STP/LDNP/STNP/LDPSW, general and SIMD&FP, all addressing modes */
static int ls_pair(struct dec *d)
{
	static const char *const names[4] = {
		"load/store no-allocate pair (offset)",
		"load/store register pair (post-indexed)",
		"load/store register pair (offset)",
		"load/store register pair (pre-indexed)",
	};
	unsigned opc = field(d->insn, 31, 30);
	unsigned type = field(d->insn, 24, 23);
	bool v = bit(d->insn, 26), l = bit(d->insn, 22);
	enum ad_acc_kind kind = l ? AD_ACC_LOAD : AD_ACC_STORE;
	unsigned scale;
	uint64_t base, off, addr;

	d->out->cls = names[type];
	if (opc == 3)
		return fail(d, A64_ERR_UNALLOC, names[type]);
	if (v) {
		scale = 2 + opc; /* S, D, Q */
	} else if (opc == 1) {
		if (type == 0)
			return fail(d, A64_ERR_UNALLOC, names[type]);
		if (!l)
			return fail(d, A64_ERR_UNSUPPORTED,
				    "STGP (FEAT_MTE store tag and pair)");
		scale = 2; /* LDPSW */
	} else {
		scale = opc ? 3 : 2;
	}
	base = base_reg(d);
	off = sext(field(d->insn, 21, 15), 7) << scale;
	addr = type == 1 ? base : base + off;
	add_op(d, addr, 1u << scale, kind, false);
	add_op(d, addr + (1u << scale), 1u << scale, kind, false);
	if (type == 1 || type == 3)
		set_writeback(d, base + off);
	return 0;
}

/* The opcode field of the multiple-structures forms: rpt and selem. */
static const struct {
	unsigned char rpt, selem;
} simd_multiple_op[16] = {
	[0x0] = { 1, 4 }, /* LD4/ST4 */
	[0x2] = { 4, 1 }, /* LD1/ST1, 4 registers */
	[0x4] = { 1, 3 }, /* LD3/ST3 */
	[0x6] = { 3, 1 }, /* LD1/ST1, 3 registers */
	[0x7] = { 1, 1 }, /* LD1/ST1, 1 register */
	[0x8] = { 1, 2 }, /* LD2/ST2 */
	[0xa] = { 2, 1 }, /* LD1/ST1, 2 registers */
};

/* LD1-LD4 / ST1-ST4 (multiple structures), with optional post-index */
static int simd_multiple(struct dec *d, bool post)
{
	bool q = bit(d->insn, 30), l = bit(d->insn, 22);
	unsigned opcode = field(d->insn, 15, 12);
	unsigned size = field(d->insn, 11, 10);
	unsigned rm = field(d->insn, 20, 16);
	unsigned selem = simd_multiple_op[opcode].selem;
	unsigned nregs, regbytes, i;
	uint64_t base;

	d->out->cls = post ?
		"advanced SIMD load/store multiple structures (post-indexed)" :
		"advanced SIMD load/store multiple structures";
	if (!selem)
		return fail(d, A64_ERR_UNALLOC, d->out->cls);
	/* .1D is reserved for the interleaving forms */
	if (size == 3 && !q && selem != 1)
		return fail(d, A64_ERR_UNALLOC, d->out->cls);
	nregs = simd_multiple_op[opcode].rpt * selem;
	regbytes = q ? 16 : 8;
	base = base_reg(d);
	for (i = 0; i < nregs; i++)
		add_op(d, base + (uint64_t)i * regbytes, regbytes,
		       l ? AD_ACC_LOAD : AD_ACC_STORE, false);
	if (post)
		set_writeback(d, base + (rm == 31 ? (uint64_t)nregs * regbytes :
					 xreg(d, rm)));
	return 0;
}

/* LD1-LD4 / ST1-ST4 (single structure), LD1R-LD4R, optional post-index */
static int simd_single(struct dec *d, bool post)
{
	bool l = bit(d->insn, 22), s = bit(d->insn, 12);
	unsigned opcode = field(d->insn, 15, 13);
	unsigned size = field(d->insn, 11, 10);
	unsigned rm = field(d->insn, 20, 16);
	unsigned scale = opcode >> 1;
	unsigned selem = ((opcode & 1) << 1 | bit(d->insn, 21)) + 1;
	unsigned i, ebytes;
	uint64_t base;

	d->out->cls = post ?
		"advanced SIMD load/store single structure (post-indexed)" :
		"advanced SIMD load/store single structure";
	switch (scale) {
	case 3: /* load and replicate */
		if (!l || s)
			return fail(d, A64_ERR_UNALLOC, d->out->cls);
		scale = size;
		break;
	case 1:
		if (size & 1)
			return fail(d, A64_ERR_UNALLOC, d->out->cls);
		break;
	case 2:
		if (size & 2)
			return fail(d, A64_ERR_UNALLOC, d->out->cls);
		if (size & 1) {
			if (s)
				return fail(d, A64_ERR_UNALLOC, d->out->cls);
			scale = 3;
		}
		break;
	default:
		break;
	}
	ebytes = 1u << scale;
	base = base_reg(d);
	for (i = 0; i < selem; i++)
		add_op(d, base + (uint64_t)i * ebytes, ebytes,
		       l ? AD_ACC_LOAD : AD_ACC_STORE, false);
	if (post)
		set_writeback(d, base + (rm == 31 ? (uint64_t)selem * ebytes :
					 xreg(d, rm)));
	return 0;
}

/* op0 = xx00: exclusive/ordered/CAS (V = 0) or SIMD structures (V = 1) */
static int ls_group00(struct dec *d)
{
	uint32_t insn = d->insn;

	if (!bit(insn, 26)) {
		if (bit(insn, 24)) {
			d->out->cls = "load/store exclusive";
			return fail(d, A64_ERR_UNALLOC, d->out->cls);
		}
		return ls_exclusive(d);
	}
	d->out->cls = "advanced SIMD load/store";
	if (bit(insn, 31))
		return fail(d, A64_ERR_UNALLOC, d->out->cls);
	if (!bit(insn, 24)) {
		/* multiple structures: bits 21:16 (no offset) / 21 zero */
		if (!bit(insn, 23) && field(insn, 21, 16))
			return fail(d, A64_ERR_UNALLOC, d->out->cls);
		if (bit(insn, 23) && bit(insn, 21))
			return fail(d, A64_ERR_UNALLOC, d->out->cls);
		return simd_multiple(d, bit(insn, 23));
	}
	/* single structure: bits 20:16 zero without offset */
	if (!bit(insn, 23) && field(insn, 20, 16))
		return fail(d, A64_ERR_UNALLOC, d->out->cls);
	return simd_single(d, bit(insn, 23));
}

/* op0 = xx01: literal, RCpc unscaled, and later-extension classes */
static int ls_group01(struct dec *d)
{
	uint32_t insn = d->insn;
	unsigned op4 = field(insn, 11, 10);

	if (!bit(insn, 24))
		return ld_literal(d);
	if (!bit(insn, 21) && op4 == 1)
		return fail(d, A64_ERR_UNSUPPORTED,
			    "memory copy and memory set (FEAT_MOPS)");
	if (!bit(insn, 26) && field(insn, 31, 24) == 0xd9 && bit(insn, 21))
		return fail(d, A64_ERR_UNSUPPORTED,
			    "load/store memory tags (FEAT_MTE)");
	if (!bit(insn, 26) && !bit(insn, 21) && op4 == 0)
		return ls_rcpc_unscaled(d);
	return fail(d, A64_ERR_UNALLOC, "load/store (op0 = xx01)");
}

/* op0 = xx11: single register forms and atomics */
static int ls_group11(struct dec *d)
{
	uint32_t insn = d->insn;

	if (bit(insn, 24))
		return ls_uimm12(d);
	if (!bit(insn, 21))
		return ls_imm9(d);
	switch (field(insn, 11, 10)) {
	case 0:
		return ls_atomic(d);
	case 2:
		return ls_regoff(d);
	default:
		return ls_pac(d);
	}
}

/* DC ZVA / DC IVAC (SYS); the other SYS operations access no data */
static int sys_dc(struct dec *d)
{
	unsigned op1 = field(d->insn, 18, 16), crn = field(d->insn, 15, 12);
	unsigned crm = field(d->insn, 11, 8), op2 = field(d->insn, 7, 5);
	unsigned rt = field(d->insn, 4, 0);

	d->out->cls = "system instruction";
	if (crn != 7)
		return 0;
	if (op1 == 3 && crm == 4 && op2 == 1) {
		d->out->cls = "DC ZVA";
		d->out->is_mem = true;
		add_op(d, xreg(d, rt), 0, AD_ACC_DC_ZVA, false);
		return 0;
	}
	if (op1 == 0 && crm == 6 && op2 == 1) {
		d->out->cls = "DC IVAC";
		d->out->is_mem = true;
		add_op(d, xreg(d, rt), 0, AD_ACC_DC_IVAC, false);
		return 0;
	}
	/* DC GVA, DC GZVA, DC IGVAC, DC IGDVAC */
	if ((op1 == 3 && crm == 4 && (op2 == 3 || op2 == 4)) ||
	    (op1 == 0 && crm == 6 && (op2 == 3 || op2 == 5))) {
		d->out->is_mem = true;
		return fail(d, A64_ERR_UNSUPPORTED,
			    "DC tag operation (FEAT_MTE)");
	}
	return 0;
}

int a64_decode_mem(uint32_t insn, const struct a64_regs_view *r,
		   struct a64_mem_info *out)
{
	struct dec d = { .insn = insn, .r = r, .out = out };
	unsigned op1 = field(insn, 28, 25);

	if (!out)
		return A64_ERR_ARG;
	memset(out, 0, sizeof(*out));
	out->cls = "not a data access";
	if (!r || !r->x || !r->sp)
		return fail(&d, A64_ERR_ARG, "bad argument");

	if ((op1 & 0x5) == 0x4) { /* x1x0: Loads and Stores */
		out->is_mem = true;
		switch (field(insn, 29, 28)) {
		case 0:
			return ls_group00(&d);
		case 1:
			return ls_group01(&d);
		case 2:
			return ls_pair(&d);
		default:
			return ls_group11(&d);
		}
	}
	if ((insn & 0xfff80000) == 0xd5080000) /* SYS */
		return sys_dc(&d);
	if (bit(insn, 31) && op1 == 0x2) {
		out->is_mem = true;
		return fail(&d, A64_ERR_UNSUPPORTED, "SVE memory (FEAT_SVE)");
	}
	if (bit(insn, 31) && op1 == 0x0)
		return fail(&d, A64_ERR_UNSUPPORTED, "SME (FEAT_SME)");
	return 0;
}

const char *a64_strerror(int err)
{
	switch (err) {
	case A64_OK:
		return "decoded";
	case A64_ERR_UNALLOC:
		return "unallocated encoding in the load/store space";
	case A64_ERR_UNSUPPORTED:
		return "extension whose accesses are not computed here";
	case A64_ERR_ARG:
		return "bad argument";
	default:
		return "unknown a64mem error";
	}
}

/* Exception generation: 11010100 opc imm16 op2 LL; UDF: 0x0000 imm16 */
bool a64_exc_gen(uint32_t insn, enum a64_exc_kind *kind, uint16_t *imm16)
{
	enum a64_exc_kind k;
	unsigned opc = field(insn, 23, 21), ll = field(insn, 1, 0);

	if ((insn & 0xffff0000) == 0) {
		if (kind)
			*kind = A64_EXC_UDF;
		if (imm16)
			*imm16 = (uint16_t)field(insn, 15, 0);
		return true;
	}
	if ((insn & 0xff00001c) != 0xd4000000)
		return false;
	if (opc == 0 && ll != 0) {
		k = ll == 1 ? A64_EXC_SVC : ll == 2 ? A64_EXC_HVC : A64_EXC_SMC;
	} else if (opc == 1 && ll == 0) {
		k = A64_EXC_BRK;
	} else if (opc == 2 && ll == 0) {
		k = A64_EXC_HLT;
	} else if (opc == 5 && ll != 0) {
		k = A64_EXC_DCPS;
	} else {
		return false;
	}
	if (kind)
		*kind = k;
	if (imm16)
		*imm16 = (uint16_t)field(insn, 20, 5);
	return true;
}

/* MSR (immediate), PSTATE field DAIFSet (op1 = 011, op2 = 110) / DAIFClr */
bool a64_is_msr_daif_imm(uint32_t insn, bool *set, unsigned *imm4)
{
	if ((insn & 0xfffff0df) != 0xd50340df)
		return false;
	if (set)
		*set = !bit(insn, 5);
	if (imm4)
		*imm4 = field(insn, 11, 8);
	return true;
}

/*
 * System instructions with register argument: 1101 0101 00 L 1 o0 op1
 * CRn CRm op2 Rt (MRS/MSR, op0 = 2 + o0) and 1101 0101 00 L 01 op1 CRn
 * CRm op2 Rt (SYS/SYSL, op0 = 1).
 */
bool a64_sysreg_fields(uint32_t insn, unsigned *op0, unsigned *op1,
		       unsigned *crn, unsigned *crm, unsigned *op2,
		       unsigned *rt, bool *is_read)
{
	unsigned o0;

	if ((insn & 0xffd00000) == 0xd5100000)
		o0 = 2 + bit(insn, 19);
	else if ((insn & 0xffd80000) == 0xd5080000)
		o0 = 1;
	else
		return false;
	if (op0)
		*op0 = o0;
	if (op1)
		*op1 = field(insn, 18, 16);
	if (crn)
		*crn = field(insn, 15, 12);
	if (crm)
		*crm = field(insn, 11, 8);
	if (op2)
		*op2 = field(insn, 7, 5);
	if (rt)
		*rt = field(insn, 4, 0);
	if (is_read)
		*is_read = bit(insn, 21);
	return true;
}
