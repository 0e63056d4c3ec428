// SPDX-License-Identifier: MIT
/*
 * tests/emu/test_a64mem.c - the A64 data-access decoder (emu/a64mem.c).
 *
 * Every instruction word below was produced by the GNU cross assembler
 * (aarch64-linux-gnu-as -march=armv8.8-a+lse+rcpc+memtag+mops+ls64+sve,
 * then objdump -d) from the assembly in its comment; the few words marked
 * "hand-built" flip named fields of an assembled word, and objdump shows
 * them as undefined.  The expected addresses, sizes and kinds are worked
 * out by hand from the fake register file:
 *
 *	X<n> = 0x100000 + 0x1000 * n   (X1 = 0x101000, X2 = 0x102000, ...)
 *	SP   = 0x7ff0000               PC = 0x400100
 *
 * Build alone: gcc -std=c11 -DA64MEM_STANDALONE -Imodel -Iemu
 *	emu/a64mem.c tests/emu/test_a64mem.c \
 *	$(pkg-config --cflags --libs check)
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "a64mem.h"

Suite *a64mem_suite(void);

/* ------------------------------------------------------------------ */
/* Fake register file */

struct fake_regs {
	uint64_t x[31];
	uint64_t sp;
	unsigned bad_reads; /* x() called with n > 30 */
	unsigned auth_calls;
	bool auth_key_b;
};

static struct fake_regs F;
static struct a64_regs_view R;

static uint64_t fake_x(void *ctx, unsigned n)
{
	struct fake_regs *f = ctx;

	if (n > 30) {
		f->bad_reads++;
		return 0xdeadbeefdeadbeefull;
	}
	return f->x[n];
}

static uint64_t fake_sp(void *ctx)
{
	return ((struct fake_regs *)ctx)->sp;
}

/* A stand-in for AuthDA/AuthDB: strips bits 63:48, records the key. */
static uint64_t fake_auth(void *ctx, uint64_t ptr, bool key_b)
{
	struct fake_regs *f = ctx;

	f->auth_calls++;
	f->auth_key_b = key_b;
	return ptr & 0x0000ffffffffffffull;
}

static void regs_setup(void)
{
	unsigned n;

	for (n = 0; n < 31; n++)
		F.x[n] = 0x100000ull + 0x1000ull * n;
	F.sp = 0x7ff0000;
	F.bad_reads = 0;
	F.auth_calls = 0;
	F.auth_key_b = false;
	R.x = fake_x;
	R.sp = fake_sp;
	R.auth_data = fake_auth;
	R.pc = 0x400100;
	R.ctx = &F;
}

/* ------------------------------------------------------------------ */
/* Table of decodable instructions */

enum {
	F_MEM = 1u << 0,  /* is_mem */
	F_LDEX = 1u << 1,
	F_STEX = 1u << 2,
	F_PRF = 1u << 3,
	F_WB = 1u << 4,
};

struct mcase {
	uint32_t insn;
	const char *as;
	unsigned flags;
	unsigned n;
	struct a64_mem_op op[A64_MEM_MAX_OPS];
	unsigned wb_reg;    /* with F_WB */
	uint64_t wb_value;  /* with F_WB */
	unsigned rs;        /* with F_STEX */
};

static const struct mcase cases[] = {
	/* load/store register (unsigned immediate) */
	{
		.insn = 0xf9400441, .as = "ldr x1, [x2, #8]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x102008, 8, AD_ACC_LOAD, false },
		},
	},
	{
		.insn = 0x3d800860, .as = "str q0, [x3, #32]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x103020, 16, AD_ACC_STORE, false },
		},
	},
	{
		.insn = 0x791ffc41, .as = "strh w1, [x2, #4094]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x102ffe, 2, AD_ACC_STORE, false },
		},
	},
	/* unscaled immediate */
	{
		.insn = 0xb85fd041, .as = "ldur w1, [x2, #-3]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x101ffd, 4, AD_ACC_LOAD, false },
		},
	},
	{
		.insn = 0xb89ff041, .as = "ldursw x1, [x2, #-1]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x101fff, 4, AD_ACC_LOAD, false },
		},
	},
	/* post-index: the access uses the old base */
	{
		.insn = 0xf8410441, .as = "ldr x1, [x2], #16",
		.flags = F_MEM | F_WB, .n = 1,
		.op = {
			{ 0x102000, 8, AD_ACC_LOAD, false },
		},
		.wb_reg = 2, .wb_value = 0x102010,
	},
	/* pre-index */
	{
		.insn = 0x385ffc41, .as = "ldrb w1, [x2, #-1]!",
		.flags = F_MEM | F_WB, .n = 1,
		.op = {
			{ 0x101fff, 1, AD_ACC_LOAD, false },
		},
		.wb_reg = 2, .wb_value = 0x101fff,
	},
	{
		.insn = 0xfc500c40, .as = "ldr d0, [x2, #-256]!",
		.flags = F_MEM | F_WB, .n = 1,
		.op = {
			{ 0x101f00, 8, AD_ACC_LOAD, false },
		},
		.wb_reg = 2, .wb_value = 0x101f00,
	},
	/* unprivileged */
	{
		.insn = 0xf8408841, .as = "ldtr x1, [x2, #8]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x102008, 8, AD_ACC_LOAD, true },
		},
	},
	{
		.insn = 0xb81fc841, .as = "sttr w1, [x2, #-4]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x101ffc, 4, AD_ACC_STORE, true },
		},
	},
	{
		.insn = 0x78002be3, .as = "sttrh w3, [sp, #2]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x7ff0002, 2, AD_ACC_STORE, true },
		},
	},
	{
		.insn = 0xb8800841, .as = "ldtrsw x1, [x2]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x102000, 4, AD_ACC_LOAD, true },
		},
	},
	{
		.insn = 0x38cff8a4, .as = "ldtrsb w4, [x5, #255]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x1050ff, 1, AD_ACC_LOAD, true },
		},
	},
	/* register offset (default registers) */
	{
		.insn = 0x78636841, .as = "ldrh w1, [x2, x3]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x205000, 2, AD_ACC_LOAD, false },
		},
	},
	/* 0x102000 + (0x104000 << 4) */
	{
		.insn = 0x3ce47841, .as = "ldr q1, [x2, x4, lsl #4]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x1142000, 16, AD_ACC_LOAD, false },
		},
	},
	/* 0x7ff0000 + (0x103000 << 2) */
	{
		.insn = 0xb8a37be1, .as = "ldrsw x1, [sp, x3, lsl #2]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x83fc000, 4, AD_ACC_LOAD, false },
		},
	},
	{
		.insn = 0x3c237840, .as = "str b0, [x2, x3, lsl #0]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x205000, 1, AD_ACC_STORE, false },
		},
	},
	/* Rm = 31 is XZR, never read */
	{
		.insn = 0xf87f6841, .as = "ldr x1, [x2, xzr]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x102000, 8, AD_ACC_LOAD, false },
		},
	},
	/* literal: PC-relative */
	{
		.insn = 0x58000801, .as = "ldr x1, .+256",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x400200, 8, AD_ACC_LOAD, false },
		},
	},
	{
		.insn = 0x9cffffc2, .as = "ldr q2, .-8",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x4000f8, 16, AD_ACC_LOAD, false },
		},
	},
	{
		.insn = 0x98000023, .as = "ldrsw x3, .+4",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x400104, 4, AD_ACC_LOAD, false },
		},
	},
	/* prefetches: no access */
	{
		.insn = 0xd8000080, .as = "prfm pldl1keep, .+16",
		.flags = F_MEM | F_PRF, .n = 0,
	},
	{
		.insn = 0xf9800440, .as = "prfm pldl1keep, [x2, #8]",
		.flags = F_MEM | F_PRF, .n = 0,
	},
	{
		.insn = 0xf89ff042, .as = "prfum pldl2keep, [x2, #-1]",
		.flags = F_MEM | F_PRF, .n = 0,
	},
	{
		.insn = 0xf8a36851, .as = "prfm pstl1strm, [x2, x3]",
		.flags = F_MEM | F_PRF, .n = 0,
	},
	/* pairs */
	{
		.insn = 0xa9c10861, .as = "ldp x1, x2, [x3, #16]!",
		.flags = F_MEM | F_WB, .n = 2,
		.op = {
			{ 0x103010, 8, AD_ACC_LOAD, false },
			{ 0x103018, 8, AD_ACC_LOAD, false },
		},
		.wb_reg = 3, .wb_value = 0x103010,
	},
	{
		.insn = 0xadbf07e0, .as = "stp q0, q1, [sp, #-32]!",
		.flags = F_MEM | F_WB, .n = 2,
		.op = {
			{ 0x7feffe0, 16, AD_ACC_STORE, false },
			{ 0x7fefff0, 16, AD_ACC_STORE, false },
		},
		.wb_reg = 31, .wb_value = 0x7feffe0,
	},
	{
		.insn = 0x28ff0861, .as = "ldp w1, w2, [x3], #-8",
		.flags = F_MEM | F_WB, .n = 2,
		.op = {
			{ 0x103000, 4, AD_ACC_LOAD, false },
			{ 0x103004, 4, AD_ACC_LOAD, false },
		},
		.wb_reg = 3, .wb_value = 0x102ff8,
	},
	{
		.insn = 0x6c410440, .as = "ldnp d0, d1, [x2, #16]",
		.flags = F_MEM, .n = 2,
		.op = {
			{ 0x102010, 8, AD_ACC_LOAD, false },
			{ 0x102018, 8, AD_ACC_LOAD, false },
		},
	},
	{
		.insn = 0xac600440, .as = "ldnp q0, q1, [x2, #-1024]",
		.flags = F_MEM, .n = 2,
		.op = {
			{ 0x101c00, 16, AD_ACC_LOAD, false },
			{ 0x101c10, 16, AD_ACC_LOAD, false },
		},
	},
	{
		.insn = 0x697f0861, .as = "ldpsw x1, x2, [x3, #-8]",
		.flags = F_MEM, .n = 2,
		.op = {
			{ 0x102ff8, 4, AD_ACC_LOAD, false },
			{ 0x102ffc, 4, AD_ACC_LOAD, false },
		},
	},
	{
		.insn = 0x281f8861, .as = "stnp w1, w2, [x3, #252]",
		.flags = F_MEM, .n = 2,
		.op = {
			{ 0x1030fc, 4, AD_ACC_STORE, false },
			{ 0x103100, 4, AD_ACC_STORE, false },
		},
	},
	/* exclusives */
	{
		.insn = 0xc85f7c41, .as = "ldxr x1, [x2]",
		.flags = F_MEM | F_LDEX, .n = 1,
		.op = {
			{ 0x102000, 8, AD_ACC_LOAD_EX, false },
		},
	},
	{
		.insn = 0x085fffe1, .as = "ldaxrb w1, [sp]",
		.flags = F_MEM | F_LDEX, .n = 1,
		.op = {
			{ 0x7ff0000, 1, AD_ACC_LOAD_EX, false },
		},
	},
	{
		.insn = 0xc8057c41, .as = "stxr w5, x1, [x2]",
		.flags = F_MEM | F_STEX, .n = 1,
		.op = {
			{ 0x102000, 8, AD_ACC_STORE_EX, false },
		},
		.rs = 5,
	},
	{
		.insn = 0x4804fc41, .as = "stlxrh w4, w1, [x2]",
		.flags = F_MEM | F_STEX, .n = 1,
		.op = {
			{ 0x102000, 2, AD_ACC_STORE_EX, false },
		},
		.rs = 4,
	},
	{
		.insn = 0xc87f0861, .as = "ldxp x1, x2, [x3]",
		.flags = F_MEM | F_LDEX, .n = 1,
		.op = {
			{ 0x103000, 16, AD_ACC_LOAD_EX, false },
		},
	},
	{
		.insn = 0x88268861, .as = "stlxp w6, w1, w2, [x3]",
		.flags = F_MEM | F_STEX, .n = 1,
		.op = {
			{ 0x103000, 8, AD_ACC_STORE_EX, false },
		},
		.rs = 6,
	},
	/* ordered */
	{
		.insn = 0x88dffc41, .as = "ldar w1, [x2]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x102000, 4, AD_ACC_LOAD, false },
		},
	},
	{
		.insn = 0xc89fffe1, .as = "stlr x1, [sp]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x7ff0000, 8, AD_ACC_STORE, false },
		},
	},
	{
		.insn = 0x08df7c41, .as = "ldlarb w1, [x2]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x102000, 1, AD_ACC_LOAD, false },
		},
	},
	{
		.insn = 0x489f7c41, .as = "stllrh w1, [x2]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x102000, 2, AD_ACC_STORE, false },
		},
	},
	/* compare and swap */
	{
		.insn = 0xc8e1fc62, .as = "casal x1, x2, [x3]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x103000, 8, AD_ACC_ATOMIC, false },
		},
	},
	{
		.insn = 0x08a17fe2, .as = "casb w1, w2, [sp]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x7ff0000, 1, AD_ACC_ATOMIC, false },
		},
	},
	{
		.insn = 0x4862fcc4, .as = "caspal x2, x3, x4, x5, [x6]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x106000, 16, AD_ACC_ATOMIC, false },
		},
	},
	{
		.insn = 0x08207c82, .as = "casp w0, w1, w2, w3, [x4]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x104000, 8, AD_ACC_ATOMIC, false },
		},
	},
	/* atomic memory operations; STADD is LDADD with Rt = XZR */
	{
		.insn = 0xb8e10062, .as = "ldaddal w1, w2, [x3]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x103000, 4, AD_ACC_ATOMIC, false },
		},
	},
	{
		.insn = 0x38218062, .as = "swpb w1, w2, [x3]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x103000, 1, AD_ACC_ATOMIC, false },
		},
	},
	{
		.insn = 0xf821005f, .as = "stadd x1, [x2]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x102000, 8, AD_ACC_ATOMIC, false },
		},
	},
	{
		.insn = 0x78216062, .as = "ldumaxh w1, w2, [x3]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x103000, 2, AD_ACC_ATOMIC, false },
		},
	},
	{
		.insn = 0xf8e183e2, .as = "swpal x1, x2, [sp]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x7ff0000, 8, AD_ACC_ATOMIC, false },
		},
	},
	{
		.insn = 0xf86550e6, .as = "ldsminl x5, x6, [x7]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x107000, 8, AD_ACC_ATOMIC, false },
		},
	},
	/* RCpc */
	{
		.insn = 0xf8bfc041, .as = "ldapr x1, [x2]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x102000, 8, AD_ACC_LOAD, false },
		},
	},
	{
		.insn = 0x38bfc041, .as = "ldaprb w1, [x2]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x102000, 1, AD_ACC_LOAD, false },
		},
	},
	{
		.insn = 0x995fb041, .as = "ldapur w1, [x2, #-5]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x101ffb, 4, AD_ACC_LOAD, false },
		},
	},
	{
		.insn = 0x59003041, .as = "stlurh w1, [x2, #3]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x102003, 2, AD_ACC_STORE, false },
		},
	},
	{
		.insn = 0x99808041, .as = "ldapursw x1, [x2, #8]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x102008, 4, AD_ACC_LOAD, false },
		},
	},
	/* SIMD multiple structures: one access per register's bytes */
	{
		.insn = 0x4cc20020, .as = "ld4 {v0.16b-v3.16b}, [x1], x2",
		.flags = F_MEM | F_WB, .n = 4,
		.op = {
			{ 0x101000, 16, AD_ACC_LOAD, false },
			{ 0x101010, 16, AD_ACC_LOAD, false },
			{ 0x101020, 16, AD_ACC_LOAD, false },
			{ 0x101030, 16, AD_ACC_LOAD, false },
		},
		.wb_reg = 1, .wb_value = 0x203000,
	},
	{
		.insn = 0x0cdfa020, .as = "ld1 {v0.8b, v1.8b}, [x1], #16",
		.flags = F_MEM | F_WB, .n = 2,
		.op = {
			{ 0x101000, 8, AD_ACC_LOAD, false },
			{ 0x101008, 8, AD_ACC_LOAD, false },
		},
		.wb_reg = 1, .wb_value = 0x101010,
	},
	{
		.insn = 0x4c007c20, .as = "st1 {v0.2d}, [x1]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x101000, 16, AD_ACC_STORE, false },
		},
	},
	{
		.insn = 0x0c9f8424, .as = "st2 {v4.4h, v5.4h}, [x1], #16",
		.flags = F_MEM | F_WB, .n = 2,
		.op = {
			{ 0x101000, 8, AD_ACC_STORE, false },
			{ 0x101008, 8, AD_ACC_STORE, false },
		},
		.wb_reg = 1, .wb_value = 0x101010,
	},
	/* SIMD single structure and replicate: one access per element */
	{
		.insn = 0x4d40c820, .as = "ld1r {v0.4s}, [x1]",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x101000, 4, AD_ACC_LOAD, false },
		},
	},
	{
		.insn = 0x4dffec20, .as = "ld4r {v0.2d-v3.2d}, [x1], #32",
		.flags = F_MEM | F_WB, .n = 4,
		.op = {
			{ 0x101000, 8, AD_ACC_LOAD, false },
			{ 0x101008, 8, AD_ACC_LOAD, false },
			{ 0x101010, 8, AD_ACC_LOAD, false },
			{ 0x101018, 8, AD_ACC_LOAD, false },
		},
		.wb_reg = 1, .wb_value = 0x101020,
	},
	{
		.insn = 0x0d82b020, .as = "st3 {v0.s-v2.s}[1], [x1], x2",
		.flags = F_MEM | F_WB, .n = 3,
		.op = {
			{ 0x101000, 4, AD_ACC_STORE, false },
			{ 0x101004, 4, AD_ACC_STORE, false },
			{ 0x101008, 4, AD_ACC_STORE, false },
		},
		.wb_reg = 1, .wb_value = 0x203000,
	},
	{
		.insn = 0x4d605be0, .as = "ld2 {v0.h, v1.h}[7], [sp]",
		.flags = F_MEM, .n = 2,
		.op = {
			{ 0x7ff0000, 2, AD_ACC_LOAD, false },
			{ 0x7ff0002, 2, AD_ACC_LOAD, false },
		},
	},
	{
		.insn = 0x4ddf8420, .as = "ld1 {v0.d}[1], [x1], #8",
		.flags = F_MEM | F_WB, .n = 1,
		.op = {
			{ 0x101000, 8, AD_ACC_LOAD, false },
		},
		.wb_reg = 1, .wb_value = 0x101008,
	},
	/* data cache operations: va = Xt, size 0 (the model's block) */
	{
		.insn = 0xd50b7423, .as = "dc zva, x3",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x103000, 0, AD_ACC_DC_ZVA, false },
		},
	},
	{
		.insn = 0xd5087624, .as = "dc ivac, x4",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0x104000, 0, AD_ACC_DC_IVAC, false },
		},
	},
	{
		.insn = 0xd50b743f, .as = "dc zva, xzr",
		.flags = F_MEM, .n = 1,
		.op = {
			{ 0, 0, AD_ACC_DC_ZVA, false },
		},
	},
	/* no data access */
	{
		.insn = 0xd50b7e25, .as = "dc civac, x5",
		.flags = 0, .n = 0,
	},
	{
		.insn = 0xd50b7521, .as = "ic ivau, x1",
		.flags = 0, .n = 0,
	},
	{
		.insn = 0xd5088721, .as = "tlbi vae1, x1",
		.flags = 0, .n = 0,
	},
	{
		.insn = 0xd5087801, .as = "at s1e1r, x1",
		.flags = 0, .n = 0,
	},
	{
		.insn = 0x8b020020, .as = "add x0, x1, x2",
		.flags = 0, .n = 0,
	},
	{
		.insn = 0xd503201f, .as = "nop",
		.flags = 0, .n = 0,
	},
};

static void check_info(const struct a64_mem_info *m, const char *as,
		       unsigned flags, unsigned n,
		       const struct a64_mem_op *op)
{
	unsigned i;

	ck_assert_msg(F.bad_reads == 0, "%s: x() called with n = 31", as);
	ck_assert_msg(m->cls != NULL, "%s: cls", as);
	ck_assert_msg(m->is_mem == !!(flags & F_MEM), "%s: is_mem", as);
	ck_assert_msg(m->is_ldex == !!(flags & F_LDEX), "%s: is_ldex", as);
	ck_assert_msg(m->is_stex == !!(flags & F_STEX), "%s: is_stex", as);
	ck_assert_msg(m->is_prefetch == !!(flags & F_PRF), "%s: prefetch", as);
	ck_assert_msg(m->writeback == !!(flags & F_WB), "%s: writeback", as);
	ck_assert_msg(m->n == n, "%s: n = %u, want %u", as, m->n, n);
	for (i = 0; i < n; i++) {
		ck_assert_msg(m->op[i].va == op[i].va,
			      "%s: op %u va 0x%llx, want 0x%llx", as, i,
			      (unsigned long long)m->op[i].va,
			      (unsigned long long)op[i].va);
		ck_assert_msg(m->op[i].size == op[i].size,
			      "%s: op %u size %u, want %u", as, i,
			      m->op[i].size, op[i].size);
		ck_assert_msg(m->op[i].kind == op[i].kind,
			      "%s: op %u kind %d, want %d", as, i,
			      (int)m->op[i].kind, (int)op[i].kind);
		ck_assert_msg(m->op[i].unpriv == op[i].unpriv,
			      "%s: op %u unpriv", as, i);
	}
}

START_TEST(test_decode_table)
{
	const struct mcase *c = &cases[_i];
	struct a64_mem_info m;
	int rc = a64_decode_mem(c->insn, &R, &m);

	ck_assert_msg(rc == 0, "%s: rc %d (%s)", c->as, rc, m.cls);
	check_info(&m, c->as, c->flags, c->n, c->op);
	if (c->flags & F_WB) {
		ck_assert_msg(m.wb_reg == c->wb_reg, "%s: wb_reg %u", c->as,
			      m.wb_reg);
		ck_assert_msg(m.wb_value == c->wb_value,
			      "%s: wb_value 0x%llx", c->as,
			      (unsigned long long)m.wb_value);
	}
	if (c->flags & F_STEX)
		ck_assert_msg(m.rs == c->rs, "%s: rs %u", c->as, m.rs);
	ck_assert_uint_eq(F.auth_calls, 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Register-offset extends, with X3 = 0x12345678fffffff0 */

START_TEST(test_regoff_sxtw)
{
	/* ldr x1, [x2, w3, sxtw #3]: SignExtend(0xfffffff0) = -16, << 3 */
	static const struct a64_mem_op want = {
		0x101f80, 8, AD_ACC_LOAD, false
	};
	struct a64_mem_info m;

	F.x[3] = 0x12345678fffffff0ull;
	ck_assert_int_eq(a64_decode_mem(0xf863d841, &R, &m), 0);
	check_info(&m, "ldr x1, [x2, w3, sxtw #3]", F_MEM, 1, &want);
}
END_TEST

START_TEST(test_regoff_uxtw)
{
	/* ldr w1, [x2, w3, uxtw #2]: 0x102000 + (0xfffffff0 << 2) */
	static const struct a64_mem_op want = {
		0x400101fc0ull, 4, AD_ACC_LOAD, false
	};
	/* strb w1, [x2, w3, uxtw]: 0x102000 + 0xfffffff0 */
	static const struct a64_mem_op want_b = {
		0x100101ff0ull, 1, AD_ACC_STORE, false
	};
	struct a64_mem_info m;

	F.x[3] = 0x12345678fffffff0ull;
	ck_assert_int_eq(a64_decode_mem(0xb8635841, &R, &m), 0);
	check_info(&m, "ldr w1, [x2, w3, uxtw #2]", F_MEM, 1, &want);
	ck_assert_int_eq(a64_decode_mem(0x38234841, &R, &m), 0);
	check_info(&m, "strb w1, [x2, w3, uxtw]", F_MEM, 1, &want_b);
}
END_TEST

START_TEST(test_regoff_sxtx)
{
	/* ldr x1, [x2, x3, sxtx #3]: 0x102000 + (X3 << 3) mod 2^64 */
	static const struct a64_mem_op want = {
		0x91a2b3c800101f80ull, 8, AD_ACC_LOAD, false
	};
	struct a64_mem_info m;

	F.x[3] = 0x12345678fffffff0ull;
	ck_assert_int_eq(a64_decode_mem(0xf863f841, &R, &m), 0);
	check_info(&m, "ldr x1, [x2, x3, sxtx #3]", F_MEM, 1, &want);
}
END_TEST

/* Addresses wrap modulo 2^64 and are reported unaligned, as computed. */
START_TEST(test_address_wraps)
{
	/* ldur w1, [x2, #-3] with X2 = 0 */
	static const struct a64_mem_op want = {
		0xfffffffffffffffdull, 4, AD_ACC_LOAD, false
	};
	/* ldp x1, x2, [x3, #16]! with X3 = 0xfffffffffffffff0 */
	static const struct a64_mem_op want_p[2] = {
		{ 0, 8, AD_ACC_LOAD, false }, { 8, 8, AD_ACC_LOAD, false },
	};
	struct a64_mem_info m;

	F.x[2] = 0;
	ck_assert_int_eq(a64_decode_mem(0xb85fd041, &R, &m), 0);
	check_info(&m, "ldur w1, [x2, #-3]", F_MEM, 1, &want);
	F.x[3] = 0xfffffffffffffff0ull;
	ck_assert_int_eq(a64_decode_mem(0xa9c10861, &R, &m), 0);
	check_info(&m, "ldp x1, x2, [x3, #16]!", F_MEM | F_WB, 2, want_p);
	ck_assert_uint_eq(m.wb_value, 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* LDRAA / LDRAB (FEAT_PAuth) */

START_TEST(test_ldraa_auth)
{
	/*
	 * ldraa x1, [x2, #-8]!  (M = 0: key A; S:imm9 = -1, scaled by 8)
	 * X2 = 0x0055000000102000; the fake AuthDA strips bits 63:48.
	 */
	static const struct a64_mem_op want = {
		0x101ff8, 8, AD_ACC_LOAD, false
	};
	struct a64_mem_info m;

	F.x[2] = 0x0055000000102000ull;
	ck_assert_int_eq(a64_decode_mem(0xf87ffc41, &R, &m), 0);
	check_info(&m, "ldraa x1, [x2, #-8]!", F_MEM | F_WB, 1, &want);
	ck_assert_uint_eq(m.wb_reg, 2);
	ck_assert_uint_eq(m.wb_value, 0x101ff8);
	ck_assert_uint_eq(F.auth_calls, 1);
	ck_assert(!F.auth_key_b);
}
END_TEST

START_TEST(test_ldrab_auth)
{
	/* ldrab x1, [x2, #16]  (M = 1: key B; no writeback) */
	static const struct a64_mem_op want = {
		0x102010, 8, AD_ACC_LOAD, false
	};
	struct a64_mem_info m;

	ck_assert_int_eq(a64_decode_mem(0xf8a02441, &R, &m), 0);
	check_info(&m, "ldrab x1, [x2, #16]", F_MEM, 1, &want);
	ck_assert_uint_eq(F.auth_calls, 1);
	ck_assert(F.auth_key_b);
}
END_TEST

START_TEST(test_ldraa_no_auth)
{
	struct a64_mem_info m;

	R.auth_data = NULL;
	ck_assert_int_eq(a64_decode_mem(0xf87ffc41, &R, &m),
			 A64_ERR_UNSUPPORTED);
	ck_assert_uint_eq(m.n, 0);
	ck_assert(!m.writeback);
	ck_assert_ptr_nonnull(m.cls);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Encodings that must be refused */

struct ecase {
	uint32_t insn;
	const char *as;
	int err;
};

static const struct ecase bad_cases[] = {
	/* hand-built: ldtr x1, [x2, #8] with V = 1 (no SIMD&FP LDTR) */
	{ 0xfc408841, "ldtr (V=1)", A64_ERR_UNALLOC },
	/* hand-built: ldr x1, [x2], #16 with opc = 10 (no post-index PRFM) */
	{ 0xf8810441, "post-index size=11 opc=10", A64_ERR_UNALLOC },
	/* hand-built: SIMD&FP post-index, size 01 opc 11 (Q needs size 00) */
	{ 0x7cc00441, "ldr h (opc=11)", A64_ERR_UNALLOC },
	/* hand-built: ldr x1, [x2, x3] with option = 001 (option<1> = 0) */
	{ 0xf8632841, "register offset option=001", A64_ERR_UNALLOC },
	/* hand-built: casp w0, w1, w2, w3, [x4] with Rt = 1 (odd) */
	{ 0x08207c81, "casp odd Rt", A64_ERR_UNALLOC },
	/* hand-built: ldapr x1, [x2] with Rs = 0 (QEMU: UNDEFINED) */
	{ 0xf8a0c041, "ldapr Rs != 31", A64_ERR_UNALLOC },
	/* hand-built: st2 {v0.1d, v1.1d}, [x1] (size 11, Q 0: reserved) */
	{ 0x0c008c20, "st2 .1d", A64_ERR_UNALLOC },
	/* hand-built: ld1r {v0.4s}, [x1] with S = 1 */
	{ 0x4d40d820, "ld1r S=1", A64_ERR_UNALLOC },
	/* hand-built: ldp x1, x2, [x3, #16]! with opc = 11 */
	{ 0xe9c10861, "pair opc=11", A64_ERR_UNALLOC },
	/* hand-built: no-allocate pair opc = 01 L = 1 (no LDNPSW) */
	{ 0x68400861, "ldnpsw", A64_ERR_UNALLOC },
	/* hand-built: ldaddal w1, w2, [x3] with V = 1 */
	{ 0xbce10062, "atomic V=1", A64_ERR_UNALLOC },
	/* later extensions */
	{ 0x69008861, "stgp x1, x2, [x3, #16]", A64_ERR_UNSUPPORTED },
	{ 0xd9200841, "stg x1, [x2]", A64_ERR_UNSUPPORTED },
	{ 0x19010440, "cpyfp [x0]!, [x1]!, x2!", A64_ERR_UNSUPPORTED },
	{ 0xf83fd020, "ld64b x0, [x1]", A64_ERR_UNSUPPORTED },
	{ 0xa5e0a020, "ld1d {z0.d}, p0/z, [x1]", A64_ERR_UNSUPPORTED },
	/* hand-built: dc gva, x3 / dc gzva, x3 (op2 = 3 / 4 of dc zva) */
	{ 0xd50b7463, "dc gva, x3", A64_ERR_UNSUPPORTED },
	{ 0xd50b7483, "dc gzva, x3", A64_ERR_UNSUPPORTED },
};

START_TEST(test_refused)
{
	const struct ecase *c = &bad_cases[_i];
	struct a64_mem_info m;
	int rc = a64_decode_mem(c->insn, &R, &m);

	ck_assert_msg(rc == c->err, "%s: rc %d, want %d", c->as, rc, c->err);
	ck_assert_msg(m.n == 0 && !m.writeback, "%s: result left", c->as);
	ck_assert_msg(m.is_mem, "%s: is_mem", c->as);
	ck_assert_ptr_nonnull(m.cls);
	ck_assert_ptr_nonnull(a64_strerror(rc));
}
END_TEST

/* SME (-march=armv9-a+sme): the whole space is refused. */
START_TEST(test_sme_refused)
{
	struct a64_mem_info m;

	/* ld1b {za0h.b[w12, 0]}, p0/z, [x0] */
	ck_assert_int_eq(a64_decode_mem(0xe01f0000, &R, &m),
			 A64_ERR_UNSUPPORTED);
	ck_assert_uint_eq(m.n, 0);
	/* zero {za} */
	ck_assert_int_eq(a64_decode_mem(0xc00800ff, &R, &m),
			 A64_ERR_UNSUPPORTED);
}
END_TEST

START_TEST(test_bad_args)
{
	struct a64_mem_info m;
	struct a64_regs_view r = R;

	ck_assert_int_eq(a64_decode_mem(0xf9400441, &R, NULL), A64_ERR_ARG);
	ck_assert_int_eq(a64_decode_mem(0xf9400441, NULL, &m), A64_ERR_ARG);
	ck_assert_uint_eq(m.n, 0);
	r.x = NULL;
	ck_assert_int_eq(a64_decode_mem(0xf9400441, &r, &m), A64_ERR_ARG);
	r = R;
	r.sp = NULL;
	ck_assert_int_eq(a64_decode_mem(0xf9400441, &r, &m), A64_ERR_ARG);
}
END_TEST

/* The model's struct ad_access built from an op. */
START_TEST(test_to_ad_access)
{
	struct a64_mem_info m;
	struct ad_access a;

	/* sttr w1, [x2, #-4] */
	ck_assert_int_eq(a64_decode_mem(0xb81fc841, &R, &m), 0);
	a = a64_mem_op_access(&m.op[0]);
	ck_assert_uint_eq(a.va, 0x101ffc);
	ck_assert_uint_eq(a.size, 4);
	ck_assert_int_eq(a.kind, AD_ACC_STORE);
	ck_assert(a.unpriv);
	ck_assert(!a.ex_failed);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Classifiers */

START_TEST(test_eret)
{
	ck_assert(a64_is_eret(0xd69f03e0));  /* eret */
	ck_assert(a64_is_eret(0xd69f0bff));  /* eretaa */
	ck_assert(a64_is_eret(0xd69f0fff));  /* eretab */
	ck_assert(!a64_is_eret(0xd65f03c0)); /* ret */
	ck_assert(!a64_is_eret(0xd69f03e1)); /* eret with op4 != 0 */
	ck_assert(!a64_is_eret(0xd503201f)); /* nop */
}
END_TEST

START_TEST(test_isb)
{
	ck_assert(a64_is_isb(0xd5033fdf));  /* isb */
	ck_assert(a64_is_isb(0xd50333df));  /* isb #3 */
	ck_assert(!a64_is_isb(0xd5033f9f)); /* dsb sy */
	ck_assert(!a64_is_isb(0xd503201f)); /* nop */
}
END_TEST

struct exc_case {
	uint32_t insn;
	const char *as;
	enum a64_exc_kind kind;
	uint16_t imm;
};

static const struct exc_case exc_cases[] = {
	{ 0xd4024681, "svc #0x1234", A64_EXC_SVC, 0x1234 },
	{ 0xd4000042, "hvc #2", A64_EXC_HVC, 2 },
	{ 0xd4000063, "smc #3", A64_EXC_SMC, 3 },
	{ 0xd43e0000, "brk #0xf000", A64_EXC_BRK, 0xf000 },
	{ 0xd44000a0, "hlt #5", A64_EXC_HLT, 5 },
	{ 0x0000beef, "udf #0xbeef", A64_EXC_UDF, 0xbeef },
	{ 0xd4a00001, "dcps1", A64_EXC_DCPS, 0 },
	{ 0xd4a000e3, "dcps3 #7", A64_EXC_DCPS, 7 },
};

START_TEST(test_exc_gen)
{
	const struct exc_case *c = &exc_cases[_i];
	enum a64_exc_kind k = (enum a64_exc_kind)-1;
	uint16_t imm = 0xffff;

	ck_assert_msg(a64_exc_gen(c->insn, &k, &imm), "%s", c->as);
	ck_assert_msg(k == c->kind, "%s: kind %d", c->as, (int)k);
	ck_assert_msg(imm == c->imm, "%s: imm 0x%x", c->as, imm);
	ck_assert(a64_exc_gen(c->insn, NULL, NULL));
}
END_TEST

START_TEST(test_exc_gen_not)
{
	enum a64_exc_kind k;
	uint16_t imm;

	ck_assert(!a64_exc_gen(0xd503201f, &k, &imm)); /* nop */
	/* hand-built: svc #0 with LL = 00 (unallocated) */
	ck_assert(!a64_exc_gen(0xd4000000, &k, &imm));
	/* hand-built: brk #0 with LL = 01 (unallocated) */
	ck_assert(!a64_exc_gen(0xd4200001, &k, &imm));
	/* hand-built: svc #0 with op2 = 001 (unallocated) */
	ck_assert(!a64_exc_gen(0xd4000005, &k, &imm));
	ck_assert(!a64_exc_gen(0x00010000, &k, &imm)); /* not UDF */
}
END_TEST

START_TEST(test_msr_daif_imm)
{
	bool set = false;
	unsigned imm = 99;

	ck_assert(a64_is_msr_daif_imm(0xd50342df, &set, &imm)); /* daifset #2 */
	ck_assert(set);
	ck_assert_uint_eq(imm, 2);
	/* msr daifclr, #15 */
	ck_assert(a64_is_msr_daif_imm(0xd5034fff, &set, &imm));
	ck_assert(!set);
	ck_assert_uint_eq(imm, 15);
	ck_assert(!a64_is_msr_daif_imm(0xd50041bf, &set, &imm)); /* spsel #1 */
	/* msr daif, x0 (register form) */
	ck_assert(!a64_is_msr_daif_imm(0xd51b4220, &set, &imm));
	ck_assert(a64_is_msr_daif_imm(0xd50342df, NULL, NULL));
}
END_TEST

struct sr_case {
	uint32_t insn;
	const char *as;
	unsigned op0, op1, crn, crm, op2, rt;
	bool read;
};

static const struct sr_case sr_cases[] = {
	{ 0xd51b4220, "msr daif, x0", 3, 3, 4, 2, 1, 0, false },
	{ 0xd53b423e, "mrs x30, daif", 3, 3, 4, 2, 1, 30, true },
	{ 0xd5300241, "mrs x1, mdscr_el1", 2, 0, 0, 2, 2, 1, true },
	{ 0xd51000a2, "msr dbgbcr0_el1, x2", 2, 0, 0, 0, 5, 2, false },
	{ 0xd50b7423, "dc zva, x3", 1, 3, 7, 4, 1, 3, false },
	{ 0xd5280001, "sysl x1, #0, c0, c0, #0", 1, 0, 0, 0, 0, 1, true },
};

START_TEST(test_sysreg_fields)
{
	const struct sr_case *c = &sr_cases[_i];
	unsigned op0, op1, crn, crm, op2, rt;
	bool rd;

	ck_assert_msg(a64_sysreg_fields(c->insn, &op0, &op1, &crn, &crm, &op2,
					&rt, &rd), "%s", c->as);
	ck_assert_msg(op0 == c->op0 && op1 == c->op1 && crn == c->crn &&
		      crm == c->crm && op2 == c->op2,
		      "%s: S%u_%u_C%u_C%u_%u", c->as, op0, op1, crn, crm, op2);
	ck_assert_msg(rt == c->rt, "%s: rt %u", c->as, rt);
	ck_assert_msg(rd == c->read, "%s: is_read", c->as);
}
END_TEST

START_TEST(test_sysreg_fields_not)
{
	ck_assert(!a64_sysreg_fields(0xd50342df, NULL, NULL, NULL, NULL, NULL,
				     NULL, NULL)); /* msr daifset, #2 */
	ck_assert(!a64_sysreg_fields(0xd503201f, NULL, NULL, NULL, NULL, NULL,
				     NULL, NULL)); /* nop */
	ck_assert(!a64_sysreg_fields(0xd69f03e0, NULL, NULL, NULL, NULL, NULL,
				     NULL, NULL)); /* eret */
	ck_assert(a64_sysreg_fields(0xd5300241, NULL, NULL, NULL, NULL, NULL,
				    NULL, NULL)); /* mrs x1, mdscr_el1 */
}
END_TEST

static int n_of(size_t bytes, size_t one)
{
	return (int)(bytes / one);
}

Suite *a64mem_suite(void)
{
	Suite *s = suite_create("a64mem");
	TCase *tc = tcase_create("decode");
	TCase *tk = tcase_create("classify");

	tcase_add_checked_fixture(tc, regs_setup, NULL);
	tcase_add_loop_test(tc, test_decode_table, 0,
			    n_of(sizeof(cases), sizeof(cases[0])));
	tcase_add_test(tc, test_regoff_sxtw);
	tcase_add_test(tc, test_regoff_uxtw);
	tcase_add_test(tc, test_regoff_sxtx);
	tcase_add_test(tc, test_address_wraps);
	tcase_add_test(tc, test_ldraa_auth);
	tcase_add_test(tc, test_ldrab_auth);
	tcase_add_test(tc, test_ldraa_no_auth);
	tcase_add_loop_test(tc, test_refused, 0,
			    n_of(sizeof(bad_cases), sizeof(bad_cases[0])));
	tcase_add_test(tc, test_sme_refused);
	tcase_add_test(tc, test_bad_args);
	tcase_add_test(tc, test_to_ad_access);
	suite_add_tcase(s, tc);

	tcase_add_test(tk, test_eret);
	tcase_add_test(tk, test_isb);
	tcase_add_loop_test(tk, test_exc_gen, 0,
			    n_of(sizeof(exc_cases), sizeof(exc_cases[0])));
	tcase_add_test(tk, test_exc_gen_not);
	tcase_add_test(tk, test_msr_daif_imm);
	tcase_add_loop_test(tk, test_sysreg_fields, 0,
			    n_of(sizeof(sr_cases), sizeof(sr_cases[0])));
	tcase_add_test(tk, test_sysreg_fields_not);
	suite_add_tcase(s, tk);
	return s;
}

#ifdef A64MEM_STANDALONE
int main(void)
{
	SRunner *sr = srunner_create(a64mem_suite());
	int failed;

	srunner_set_fork_status(sr, CK_FORK_GETENV);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
#endif
