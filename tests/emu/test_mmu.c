// SPDX-License-Identifier: MIT
/*
 * tests/emu/test_mmu.c - the stage 1 translation table walk (emu/mmu.c).
 *
 * Each test writes a few descriptors into a fake physical memory (1 MiB
 * at PA 0x40000000; anything else is "not memory", an External abort on
 * the walk), sets the registers, and checks the result against values
 * worked out by hand from the Arm ARM (DDI0487) D8 rules; the working is
 * in the comments.  Descriptor formats (VMSAv8-64, 48-bit OA):
 *	table  = next-level table address | 0b11
 *	block  = OA | AF (bit 10) | attributes | 0b01   (levels 1-2)
 *	page   = OA | AF | attributes | 0b11            (level 3)
 * FSCs: Address size 0b0000LL, Translation 0b0001LL, Access flag
 * 0b0010LL, Permission 0b0011LL, External abort on walk 0b0101LL.
 *
 * Build alone: gcc -std=c11 -DMMU_STANDALONE -Iemu emu/mmu.c \
 *	tests/emu/test_mmu.c $(pkg-config --cflags --libs check)
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mmu.h"

Suite *mmu_suite(void);

/* ------------------------------------------------------------------ */
/* Fake physical memory */

#define MEM_BASE 0x40000000ull
#define MEM_SIZE 0x100000ull

static uint64_t fake_mem[MEM_SIZE / 8];
static unsigned n_reads;

static bool fake_read(void *ctx, uint64_t pa, uint64_t *val)
{
	(void)ctx;
	n_reads++;
	if (pa < MEM_BASE || pa - MEM_BASE >= MEM_SIZE || (pa & 7))
		return false;
	*val = fake_mem[(pa - MEM_BASE) / 8];
	return true;
}

static const struct mmu_mem M = { fake_read, NULL };

static void put(uint64_t table, unsigned index, uint64_t desc)
{
	uint64_t off = table - MEM_BASE + 8ull * index;

	ck_assert(table >= MEM_BASE && off < MEM_SIZE);
	fake_mem[off / 8] = desc;
}

static void setup(void)
{
	memset(fake_mem, 0, sizeof(fake_mem));
	n_reads = 0;
}

/* Table addresses (4K aligned; T64/T64B 64K aligned, T16/T16B 16K). */
#define T0 0x40000000ull
#define T1 0x40001000ull
#define T2 0x40002000ull
#define T3 0x40003000ull
#define T16 0x40004000ull
#define T16B 0x40008000ull
#define T64 0x40010000ull
#define T64B 0x40020000ull
#define NOT_MEM 0x90000000ull

/* Descriptor bits */
#define AF (1ull << 10)
#define AP_RW_EL1 (0ull << 6)
#define AP_RW_ALL (1ull << 6)
#define AP_RO_EL1 (2ull << 6)
#define AP_RO_ALL (3ull << 6)
#define CONTIG (1ull << 52)
#define PXN (1ull << 53)
#define UXN (1ull << 54)
#define PXNTABLE (1ull << 59)
#define UXNTABLE (1ull << 60)
#define APTABLE_NOEL0 (1ull << 61)
#define APTABLE_RO (1ull << 62)

static uint64_t attr(unsigned idx)
{
	return (uint64_t)idx << 2;
}

static uint64_t table(uint64_t pa)
{
	return pa | 3;
}

static uint64_t block(uint64_t pa, uint64_t attrs)
{
	return pa | AF | attrs | 1;
}

static uint64_t page(uint64_t pa, uint64_t attrs)
{
	return pa | AF | attrs | 3;
}

/* MAIR: Attr0 = 0xff (Normal WB), Attr1 = 0x00 (Device-nGnRnE),
 * Attr2 = 0x44 (Normal Non-cacheable). */
#define MAIR 0x4400ffull

#define SCTLR_M 1ull
#define SCTLR_I (1ull << 12)
#define SCTLR_WXN (1ull << 19)
#define SCTLR_EE (1ull << 25)

/* TCR_EL1: TG0 4K = 0, 64K = 1, 16K = 2; TG1 16K = 1, 4K = 2, 64K = 3;
 * IPS 0b101 = 48 bits. */
static uint64_t tcr0(unsigned t0sz, unsigned tg0)
{
	return t0sz | ((uint64_t)tg0 << 14) | (5ull << 32);
}

#define TCR_EPD0 (1ull << 7)
#define TCR_EPD1 (1ull << 23)
#define TCR_TBI0 (1ull << 37)
#define TCR_TBI1 (1ull << 38)
#define TCR_HPD0 (1ull << 41)
#define TCR_TBID0 (1ull << 51)

#define HCR_VM 1ull
#define HCR_DC (1ull << 12)
#define HCR_TGE (1ull << 27)
#define HCR_E2H (1ull << 34)

static struct mmu_regs el1_regs(uint64_t tcr)
{
	struct mmu_regs r;

	memset(&r, 0, sizeof(r));
	r.sctlr = SCTLR_M;
	r.tcr = tcr;
	r.ttbr0 = T0;
	r.mair = MAIR;
	r.regime = MMU_REGIME_EL10;
	r.pa_bits = 48;
	return r;
}

static void expect_ok(const struct mmu_result *res, uint64_t pa, int level,
		      unsigned block_bits, const char *what)
{
	ck_assert_msg(!res->fault, "%s: unexpected fault fsc 0x%02x", what,
		      res->fsc);
	ck_assert_msg(res->pa == pa, "%s: pa 0x%llx, expected 0x%llx", what,
		      (unsigned long long)res->pa, (unsigned long long)pa);
	ck_assert_msg(res->level == level, "%s: level %d, expected %d", what,
		      res->level, level);
	ck_assert_msg(res->block_bits == block_bits,
		      "%s: block_bits %u, expected %u", what, res->block_bits,
		      block_bits);
	ck_assert_msg(res->attrs_valid, "%s: attributes not valid", what);
}

static void expect_fault(const struct mmu_result *res, enum mmu_fault kind,
			 unsigned fsc, int level, const char *what)
{
	ck_assert_msg(res->fault, "%s: no fault", what);
	ck_assert_msg(res->kind == kind, "%s: kind %d, expected %d", what,
		      res->kind, kind);
	ck_assert_msg(res->fsc == fsc, "%s: fsc 0x%02x, expected 0x%02x", what,
		      res->fsc, fsc);
	ck_assert_msg(res->level == level, "%s: level %d, expected %d", what,
		      res->level, level);
}

static struct mmu_result xlate(const struct mmu_regs *r, uint64_t va,
			       enum mmu_acc acc, unsigned el, bool unpriv)
{
	struct mmu_result res;

	ck_assert_int_eq(mmu_translate(r, &M, va, acc, el, unpriv, &res),
			 MMU_OK);
	return res;
}

/*
 * A 4-level 4K walk (T0SZ = 16, start level 0) to one page.
 * VA_L3 = 0x0000_0080_8060_4567:
 *	va<47:39> = 1, va<38:30> = 2, va<29:21> = 3, va<20:12> = 4,
 *	offset 0x567.
 * T0[1] -> T1, T1[2] -> T2, T2[3] -> T3, T3[4] = @leaf.
 */
#define VA_L3 0x0000008080604567ull
#define VA_L3_PAGE 0x0000008080604000ull

static void map_l3(uint64_t t0_extra, uint64_t t1_extra, uint64_t t2_extra,
		   uint64_t leaf)
{
	put(T0, 1, table(T1) | t0_extra);
	put(T1, 2, table(T2) | t1_extra);
	put(T2, 3, table(T3) | t2_extra);
	put(T3, 4, leaf);
}

/* ------------------------------------------------------------------ */
/* Walks that succeed */

/*
 * 4K granule, T0SZ = 25: IA size 39, start level 3 - (38 - 12) / 9 = 1.
 * L1 index va<38:30>; entry 1 covers VA 0x4000_0000..0x7fff_ffff.
 */
START_TEST(test_block_1g_identity)
{
	struct mmu_regs r = el1_regs(tcr0(25, 0));
	struct mmu_result res;

	put(T0, 1, block(0x40000000, attr(0)));
	res = xlate(&r, 0x40123456, MMU_READ, 1, false);
	expect_ok(&res, 0x40123456, 1, 30, "1G block");
	ck_assert_uint_eq(res.desc, 0x40000000 | AF | 1);
	ck_assert_uint_eq(res.memattr, 0xff);
	ck_assert(!res.device);
	ck_assert_uint_eq(n_reads, 1);

	/* L1[2] (VA 0x8000_0000) is invalid: Translation fault, level 1. */
	res = xlate(&r, 0x80000000, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x05, 1, "L1[2] empty");
	ck_assert(!res.attrs_valid);
}
END_TEST

/*
 * 2 MiB block: L1[0] -> T1; T1[5] = block at PA 0x8_0020_0000 (Attr1,
 * Device).  VA = 5 << 21 | 0x1abcd = 0xa1abcd -> PA 0x8_0021_abcd.
 */
START_TEST(test_block_2m)
{
	struct mmu_regs r = el1_regs(tcr0(25, 0));
	struct mmu_result res;

	put(T0, 0, table(T1));
	put(T1, 5, block(0x800200000ull, attr(1)));
	res = xlate(&r, 0xa1abcd, MMU_WRITE, 1, false);
	expect_ok(&res, 0x80021abcdull, 2, 21, "2M block");
	ck_assert_uint_eq(res.memattr, 0x00);
	ck_assert(res.device);
	ck_assert_uint_eq(n_reads, 2);
}
END_TEST

/* Four levels to a 4K page at PA 0x1234_5000 (Attr2). */
START_TEST(test_page_4k_level3)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0));
	struct mmu_result res;

	map_l3(0, 0, 0, page(0x12345000, attr(2) | AP_RW_ALL));
	res = xlate(&r, VA_L3, MMU_READ, 0, false);
	expect_ok(&res, 0x12345567, 3, 12, "4K page");
	ck_assert_uint_eq(res.memattr, 0x44);
	ck_assert(!res.device);
	ck_assert_uint_eq(n_reads, 4);
}
END_TEST

/*
 * 64K granule, T0SZ = 34: IA size 30, stride 13, start level
 * 3 - (29 - 16) / 13 = 2; L2 index va<29>, L3 index va<28:16>.
 * TTBR0 = T64; T64[0] -> T64B; T64B[0x123] = page 0x8765_0000.
 *	VA 0x0123_4567: va<29> = 0, va<28:16> = 0x123 -> PA 0x8765_4567.
 *	VA 0x2345_6789: va<29> = 1 -> T64[1] = 512 MiB block 0x6000_0000,
 *	offset va<28:0> = 0x0345_6789 -> PA 0x6345_6789.
 */
START_TEST(test_granule_64k)
{
	struct mmu_regs r = el1_regs(tcr0(34, 1));
	struct mmu_result res;

	r.ttbr0 = T64;
	put(T64, 0, table(T64B));
	put(T64, 1, block(0x60000000, attr(0)));
	put(T64B, 0x123, page(0x87650000, attr(0)));
	res = xlate(&r, 0x01234567, MMU_READ, 1, false);
	expect_ok(&res, 0x87654567, 3, 16, "64K page");
	res = xlate(&r, 0x23456789, MMU_READ, 1, false);
	expect_ok(&res, 0x63456789, 2, 29, "64K 512M block");
}
END_TEST

/*
 * 16K granule, T0SZ = 28: IA size 36, stride 11, start level
 * 3 - (35 - 14) / 11 = 2; L2 index va<35:25>, L3 index va<24:14>.
 *	VA = 5 << 25 | 7 << 14 | 0x1abc = 0x0a01_dabc:
 *	T16[5] -> T16B, T16B[7] = page 0x4_5678_c000 -> PA 0x4_5678_dabc.
 *	VA = 6 << 25 | 0x12_3456 = 0x0c12_3456: T16[6] = 32 MiB block
 *	0x1_0400_0000 -> PA 0x1_0412_3456.
 */
START_TEST(test_granule_16k)
{
	struct mmu_regs r = el1_regs(tcr0(28, 2));
	struct mmu_result res;

	r.ttbr0 = T16;
	put(T16, 5, table(T16B));
	put(T16, 6, block(0x104000000ull, attr(0)));
	put(T16B, 7, page(0x45678c000ull, attr(0)));
	res = xlate(&r, 0x0a01dabc, MMU_READ, 1, false);
	expect_ok(&res, 0x45678dabcull, 3, 14, "16K page");
	res = xlate(&r, 0x0c123456, MMU_READ, 1, false);
	expect_ok(&res, 0x104123456ull, 2, 25, "16K 32M block");
}
END_TEST

/* TTBR1 (T1SZ = 25, TG1 = 4K): VA 0xffff_ff80_4000_1000, index 1. */
START_TEST(test_ttbr1)
{
	struct mmu_regs r = el1_regs(tcr0(25, 0) | (25ull << 16) |
				     (2ull << 30));
	struct mmu_result res;

	r.ttbr1 = T2;
	put(T2, 1, block(0x80000000, attr(0)));
	res = xlate(&r, 0xffffff8040001000ull, MMU_READ, 1, false);
	expect_ok(&res, 0x80001000, 1, 30, "TTBR1 block");

	/* EPD1: walks through TTBR1 are disabled: level 0 fault. */
	r.tcr |= TCR_EPD1;
	n_reads = 0;
	res = xlate(&r, 0xffffff8040001000ull, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x04, 0, "EPD1");
	ck_assert_uint_eq(n_reads, 0);

	/* EPD0 likewise for TTBR0. */
	r.tcr = tcr0(25, 0) | TCR_EPD0;
	put(T0, 1, block(0x40000000, attr(0)));
	res = xlate(&r, 0x40001000, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x04, 0, "EPD0");
}
END_TEST

/* SCTLR.EE = 1: descriptors are big-endian in memory. */
START_TEST(test_big_endian_descriptors)
{
	struct mmu_regs r = el1_regs(tcr0(25, 0));
	struct mmu_result res;

	/* block(0x40000000) = 0x0000_0000_4000_0401, byte-reversed. */
	put(T0, 1, 0x0104004000000000ull);
	res = xlate(&r, 0x40000010, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x05, 1, "EE = 0");
	r.sctlr |= SCTLR_EE;
	res = xlate(&r, 0x40000010, MMU_READ, 1, false);
	expect_ok(&res, 0x40000010, 1, 30, "EE = 1");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Translation faults */

/* An invalid descriptor at each level of the 4-level walk. */
START_TEST(test_translation_fault_each_level)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0));
	struct mmu_result res;

	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x04, 0, "L0");
	put(T0, 1, table(T1));
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x05, 1, "L1");
	put(T1, 2, table(T2));
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x06, 2, "L2");
	put(T2, 3, table(T3));
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x07, 3, "L3");
	/* 0b10 (bit 0 clear) is invalid too. */
	put(T3, 4, 0x12345000 | AF | 2);
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x07, 3, "L3 0b10");
}
END_TEST

/* Block descriptors where the granule has none. */
START_TEST(test_block_not_supported)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0));
	struct mmu_result res;

	/* 4K: no level 0 block. */
	put(T0, 1, block(0, attr(0)));
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x04, 0, "4K L0 block");
	/* 4K: 0b01 at level 3 is reserved. */
	map_l3(0, 0, 0, 0x12345000 | AF | 1);
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x07, 3, "L3 0b01");
	/* 64K, T0SZ = 16: start level 3 - (47 - 16) / 13 = 1; no level 1
	 * block without 52-bit PAs.  va<47:42> = 0 -> T64[0]. */
	r.tcr = tcr0(16, 1);
	r.ttbr0 = T64;
	put(T64, 0, block(0, attr(0)));
	res = xlate(&r, 0x1000, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x05, 1, "64K L1 block");
	/* 16K, T0SZ = 17: start level 3 - (46 - 14) / 11 = 1; no level 1
	 * block.  va<46:36> = 0 -> T16[0]. */
	r.tcr = tcr0(17, 2);
	r.ttbr0 = T16;
	put(T16, 0, block(0, attr(0)));
	res = xlate(&r, 0x1000, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x05, 1, "16K L1 block");
}
END_TEST

/* VA range checks: level 0 Translation faults before any read. */
START_TEST(test_va_out_of_range)
{
	struct mmu_regs r = el1_regs(tcr0(25, 0) | (25ull << 16) |
				     (2ull << 30));
	struct mmu_result res;

	put(T0, 1, block(0x40000000, attr(0)));
	r.ttbr1 = T2;
	put(T2, 1, block(0x80000000, attr(0)));

	/* va<63:39> must be zero for TTBR0: bit 39 set. */
	res = xlate(&r, 0x8000000000ull, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x04, 0, "bit 39");
	ck_assert_uint_eq(n_reads, 0);
	/* Tagged pointer without TBI0. */
	res = xlate(&r, 0x5a00000040001000ull, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x04, 0, "tag, TBI0 = 0");
	/* va<55> = 1 selects TTBR1, whose va<63:39> must be all ones. */
	res = xlate(&r, 0x0080000040001000ull, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x04, 0, "bit 55 only");
	res = xlate(&r, 0x00ffff8040001000ull, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x04, 0, "TBI1 = 0");
	ck_assert_uint_eq(n_reads, 0);
}
END_TEST

/* TBI0/TBI1: the top byte is ignored; TBID0 excludes fetches. */
START_TEST(test_tbi)
{
	struct mmu_regs r = el1_regs(tcr0(25, 0) | (25ull << 16) |
				     (2ull << 30) | TCR_TBI0 | TCR_TBI1);
	struct mmu_result res;

	put(T0, 1, block(0x40000000, attr(0) | AP_RO_EL1));
	r.ttbr1 = T2;
	put(T2, 1, block(0x80000000, attr(0)));

	res = xlate(&r, 0x5a00000040001000ull, MMU_READ, 1, false);
	expect_ok(&res, 0x40001000, 1, 30, "TBI0 data");
	/* 0xff top byte, va<55> = 0: still TTBR0 with TBI0. */
	res = xlate(&r, 0xff00000040001000ull, MMU_READ, 1, false);
	expect_ok(&res, 0x40001000, 1, 30, "TBI0 0xff tag");
	/* va<55:39> all ones with TBI1: TTBR1. */
	res = xlate(&r, 0x00ffff8040001000ull, MMU_READ, 1, false);
	expect_ok(&res, 0x80001000, 1, 30, "TBI1 data");
	/* Without FEAT_PAuth TBID0 is ignored: fetches use TBI too. */
	r.tcr |= TCR_TBID0;
	res = xlate(&r, 0x5a00000040001000ull, MMU_EXEC, 1, false);
	expect_ok(&res, 0x40001000, 1, 30, "TBID0 without PAuth");
	/* With FEAT_PAuth TBID0 = 1: TBI0 applies to data only. */
	r.features = MMU_FEAT_PAUTH;
	res = xlate(&r, 0x5a00000040001000ull, MMU_EXEC, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x04, 0, "TBID0 fetch");
	res = xlate(&r, 0x5a00000040001000ull, MMU_READ, 1, false);
	expect_ok(&res, 0x40001000, 1, 30, "TBID0 data");
}
END_TEST

/* TxSZ outside 16..39: clamped (default) or a level 0 fault. */
START_TEST(test_txsz_out_of_range)
{
	struct mmu_regs r = el1_regs(tcr0(12, 0));
	struct mmu_result res;

	/* T0SZ = 12 is treated as 16: the 4-level walk of VA_L3. */
	map_l3(0, 0, 0, page(0x12345000, attr(0)));
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "T0SZ 12 clamped");
	r.impdef.txsz_fault = true;
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x04, 0, "T0SZ 12 faults");

	/* T0SZ = 45 is treated as 39: IA size 25, start level
	 * 3 - (24 - 12) / 9 = 2, L2 index va<24:21>.  VA 0x20_0010 ->
	 * T0[1] = 2M block 0x4000_0000 -> PA 0x4000_0010. */
	setup();
	r = el1_regs(tcr0(45, 0));
	put(T0, 1, block(0x40000000, attr(0)));
	res = xlate(&r, 0x200010, MMU_READ, 1, false);
	expect_ok(&res, 0x40000010, 2, 21, "T0SZ 45 clamped");
	r.impdef.txsz_fault = true;
	res = xlate(&r, 0x200010, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x04, 0, "T0SZ 45 faults");
}
END_TEST

/* Contiguous bit: 1G block with 16 contiguous entries = 2^34 bytes. */
START_TEST(test_contiguous_misprogrammed)
{
	/* T0SZ = 31: IA size 33 < 30 + 4; start level
	 * 3 - (32 - 12) / 9 = 1, L1 index va<32:30>. */
	struct mmu_regs r = el1_regs(tcr0(31, 0));
	struct mmu_result res;

	put(T0, 1, block(0x40000000, attr(0) | CONTIG));
	res = xlate(&r, 0x40000020, MMU_READ, 1, false);
	expect_ok(&res, 0x40000020, 1, 30, "contig ignored");
	r.impdef.contig_fault = true;
	res = xlate(&r, 0x40000020, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x05, 1, "contig faults");
	/* T0SZ = 25 (IA size 39 >= 34): a correct Contiguous bit. */
	r.tcr = tcr0(25, 0);
	res = xlate(&r, 0x40000020, MMU_READ, 1, false);
	expect_ok(&res, 0x40000020, 1, 30, "contig in range");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Access flag, Address size, External abort on the walk */

START_TEST(test_access_flag)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0));
	struct mmu_result res;

	map_l3(0, 0, 0, 0x12345000 | 3); /* AF = 0 */
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_ACCESS_FLAG, 0x0b, 3, "page AF 0");
	ck_assert(!res.wnr);
	res = xlate(&r, VA_L3, MMU_WRITE, 1, false);
	expect_fault(&res, MMU_FAULT_ACCESS_FLAG, 0x0b, 3, "write AF 0");
	ck_assert(res.wnr);

	/* A 2M block with AF = 0 (T0SZ = 25 walk of test_block_2m). */
	setup();
	r = el1_regs(tcr0(25, 0));
	put(T0, 0, table(T1));
	put(T1, 5, 0x800200000ull | 1);
	res = xlate(&r, 0xa1abcd, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_ACCESS_FLAG, 0x0a, 2, "block AF 0");
}
END_TEST

/*
 * PAMax 40, IPS 48: the output size is 40 bits.  A 1G block at
 * 0x100_4000_0000 has OA bit 40 set.
 */
START_TEST(test_address_size_leaf)
{
	struct mmu_regs r = el1_regs(tcr0(25, 0));
	struct mmu_result res;

	r.pa_bits = 40;
	put(T0, 1, block(0x10040000000ull, attr(0)));
	res = xlate(&r, 0x40000123, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_ADDRESS_SIZE, 0x01, 1, "OA bit 40");

	/* IPS = 0b000 (32 bits), PAMax 48: a block at 4 GiB faults... */
	r.pa_bits = 48;
	r.tcr = 25;
	put(T0, 1, block(0x100000000ull, attr(0)));
	res = xlate(&r, 0x40000123, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_ADDRESS_SIZE, 0x01, 1, "IPS 32");
	/* ...but not with IPS = 0b001 (36 bits). */
	r.tcr = 25 | (1ull << 32);
	res = xlate(&r, 0x40000123, MMU_READ, 1, false);
	expect_ok(&res, 0x100000123ull, 1, 30, "IPS 36");
}
END_TEST

/* Address size faults on the TTBR (level 0) and a table address. */
START_TEST(test_address_size_tables)
{
	struct mmu_regs r = el1_regs(tcr0(25, 0));
	struct mmu_result res;

	r.pa_bits = 40;
	r.ttbr0 = 0x10000000000ull; /* bit 40 */
	res = xlate(&r, 0x1000, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_ADDRESS_SIZE, 0x00, 0, "TTBR");
	ck_assert_uint_eq(n_reads, 0);

	/* L1[0] is a table at 0x100_0000_1000: reported at level 1, the
	 * level of the table descriptor. */
	r.ttbr0 = T0;
	put(T0, 0, table(0x10000001000ull));
	res = xlate(&r, 0x1000, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_ADDRESS_SIZE, 0x01, 1, "table addr");
	ck_assert_uint_eq(n_reads, 1);
}
END_TEST

/* Descriptor reads outside memory: synchronous External abort, 0x14+l. */
START_TEST(test_walk_outside_memory)
{
	struct mmu_regs r = el1_regs(tcr0(25, 0));
	struct mmu_result res;

	/* Start level 1, VA 0x4000_1000 -> index 1 at NOT_MEM + 8. */
	r.ttbr0 = NOT_MEM;
	res = xlate(&r, 0x40001000, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_EXT_WALK, 0x15, 1, "TTBR table");
	ck_assert_uint_eq(res.walk_pa, NOT_MEM + 8);

	/* L1[0] -> table at NOT_MEM; VA 0x1000 -> L2 index 0. */
	r.ttbr0 = T0;
	put(T0, 0, table(NOT_MEM));
	res = xlate(&r, 0x1000, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_EXT_WALK, 0x16, 2, "L2 table");
	ck_assert_uint_eq(res.walk_pa, NOT_MEM);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Permissions */

/* AP[2:1] = 00: EL1 read/write, no EL0 access. */
START_TEST(test_perm_el0_read_el1_page)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0));
	struct mmu_result res;

	map_l3(0, 0, 0, page(0x12345000, attr(0) | AP_RW_EL1));
	res = xlate(&r, VA_L3, MMU_READ, 0, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "EL0 read");
	ck_assert(!res.wnr);
	/* The walk completed: the attributes are reported. */
	ck_assert(res.attrs_valid);
	ck_assert_uint_eq(res.pa, 0x12345567);
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "EL1 read");
	res = xlate(&r, VA_L3, MMU_WRITE, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "EL1 write");
}
END_TEST

/* Read-only pages. */
START_TEST(test_perm_write_read_only)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0));
	struct mmu_result res;

	/* AP = 10: read-only at EL1, no EL0 access. */
	map_l3(0, 0, 0, page(0x12345000, attr(0) | AP_RO_EL1));
	res = xlate(&r, VA_L3, MMU_WRITE, 1, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "EL1 write RO");
	ck_assert(res.wnr);
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "EL1 read RO");

	/* AP = 11: read-only at EL0 and EL1. */
	put(T3, 4, page(0x12345000, attr(0) | AP_RO_ALL));
	res = xlate(&r, VA_L3, MMU_WRITE, 0, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "EL0 write RO");
	ck_assert(res.wnr);
	res = xlate(&r, VA_L3, MMU_READ, 0, false);
	expect_ok(&res, 0x12345567, 3, 12, "EL0 read RO");

	/* AP = 01: read/write at EL0 and EL1. */
	put(T3, 4, page(0x12345000, attr(0) | AP_RW_ALL));
	res = xlate(&r, VA_L3, MMU_WRITE, 0, false);
	expect_ok(&res, 0x12345567, 3, 12, "EL0 write RW");
}
END_TEST

/* Atomics need read and write permission; WnR says which failed. */
START_TEST(test_perm_rmw)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0));
	struct mmu_result res;

	map_l3(0, 0, 0, page(0x12345000, attr(0) | AP_RO_ALL));
	res = xlate(&r, VA_L3, MMU_RMW, 0, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "RMW RO");
	ck_assert(res.wnr); /* readable, not writable */
	put(T3, 4, page(0x12345000, attr(0) | AP_RW_EL1));
	res = xlate(&r, VA_L3, MMU_RMW, 0, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "RMW no EL0");
	ck_assert(!res.wnr); /* the read fails first */
	res = xlate(&r, VA_L3, MMU_RMW, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "RMW EL1");
	/* A Translation fault on an atomic: WnR = !read && write = 0. */
	put(T3, 4, 0);
	res = xlate(&r, VA_L3, MMU_RMW, 1, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x07, 3, "RMW unmapped");
	ck_assert(!res.wnr);
}
END_TEST

/* UXN, PXN, and the implicit PXN of EL0-writable pages. */
START_TEST(test_perm_execute_never)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0));
	struct mmu_result res;

	map_l3(0, 0, 0, page(0x12345000, attr(0) | AP_RO_ALL | UXN));
	res = xlate(&r, VA_L3, MMU_EXEC, 0, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "EL0 exec UXN");
	ck_assert(!res.wnr);
	res = xlate(&r, VA_L3, MMU_EXEC, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "EL1 exec UXN");

	put(T3, 4, page(0x12345000, attr(0) | AP_RO_ALL | PXN));
	res = xlate(&r, VA_L3, MMU_EXEC, 1, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "EL1 exec PXN");
	res = xlate(&r, VA_L3, MMU_EXEC, 0, false);
	expect_ok(&res, 0x12345567, 3, 12, "EL0 exec PXN");

	/* AP = 01 (EL0-writable) is treated as PXN. */
	put(T3, 4, page(0x12345000, attr(0) | AP_RW_ALL));
	res = xlate(&r, VA_L3, MMU_EXEC, 1, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "EL1 exec EL0-W");
	res = xlate(&r, VA_L3, MMU_EXEC, 0, false);
	expect_ok(&res, 0x12345567, 3, 12, "EL0 exec EL0-W");

	/* AP = 00, no XN bits: EL1 may execute its own writable page. */
	put(T3, 4, page(0x12345000, attr(0) | AP_RW_EL1));
	res = xlate(&r, VA_L3, MMU_EXEC, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "EL1 exec RW_EL1");
}
END_TEST

/* APTable, UXNTable and PXNTable limit the lower levels. */
START_TEST(test_perm_hierarchical)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0));
	struct mmu_result res;

	/* APTable = 01 at level 2 (T2[3]): no EL0 access below. */
	map_l3(0, 0, APTABLE_NOEL0, page(0x12345000, attr(0) | AP_RW_ALL));
	res = xlate(&r, VA_L3, MMU_READ, 0, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "APTable 01 EL0");
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "APTable 01 EL1");
	/* No longer EL0-writable, so not implicitly PXN. */
	res = xlate(&r, VA_L3, MMU_EXEC, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "APTable 01 EL1 exec");

	/* APTable = 10 at level 0 (T0[1]): read-only below. */
	setup();
	map_l3(APTABLE_RO, 0, 0, page(0x12345000, attr(0) | AP_RW_EL1));
	res = xlate(&r, VA_L3, MMU_WRITE, 1, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "APTable 10");
	ck_assert(res.wnr);
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "APTable 10 read");

	/* UXNTable at level 1 (T1[2]). */
	setup();
	map_l3(0, UXNTABLE, 0, page(0x12345000, attr(0) | AP_RO_ALL));
	res = xlate(&r, VA_L3, MMU_EXEC, 0, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "UXNTable");
	res = xlate(&r, VA_L3, MMU_EXEC, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "UXNTable EL1");

	/* PXNTable at level 1. */
	setup();
	map_l3(0, PXNTABLE, 0, page(0x12345000, attr(0) | AP_RO_ALL));
	res = xlate(&r, VA_L3, MMU_EXEC, 1, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "PXNTable");
	res = xlate(&r, VA_L3, MMU_EXEC, 0, false);
	expect_ok(&res, 0x12345567, 3, 12, "PXNTable EL0");
}
END_TEST

/* TCR.HPD0 disables the hierarchical limits, with FEAT_HPDS only. */
START_TEST(test_perm_hpd)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0) | TCR_HPD0);
	struct mmu_result res;

	map_l3(APTABLE_NOEL0 | UXNTABLE, 0, 0,
	       page(0x12345000, attr(0) | AP_RW_ALL));
	res = xlate(&r, VA_L3, MMU_READ, 0, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "HPD0, no HPDS");
	r.features = MMU_FEAT_HPDS;
	res = xlate(&r, VA_L3, MMU_READ, 0, false);
	expect_ok(&res, 0x12345567, 3, 12, "HPD0 read");
	res = xlate(&r, VA_L3, MMU_EXEC, 0, false);
	expect_ok(&res, 0x12345567, 3, 12, "HPD0 exec");
}
END_TEST

/* PSTATE.PAN: EL1 data accesses to EL0-accessible pages fault. */
START_TEST(test_perm_pan)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0));
	struct mmu_result res;

	r.features = MMU_FEAT_PAN;
	r.pan = true;
	map_l3(0, 0, 0, page(0x12345000, attr(0) | AP_RW_ALL));
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "PAN read");
	ck_assert(!res.wnr);
	res = xlate(&r, VA_L3, MMU_WRITE, 1, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "PAN write");
	ck_assert(res.wnr);
	res = xlate(&r, VA_L3, MMU_RMW, 1, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "PAN RMW");
	ck_assert(!res.wnr);
	/* Not for LDTR/STTR (checked as EL0) nor DC IVAC. */
	res = xlate(&r, VA_L3, MMU_READ, 1, true);
	expect_ok(&res, 0x12345567, 3, 12, "PAN LDTR");
	res = xlate(&r, VA_L3, MMU_DC_IVAC, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "PAN DC IVAC");
	/* Nor EL0 itself. */
	res = xlate(&r, VA_L3, MMU_READ, 0, false);
	expect_ok(&res, 0x12345567, 3, 12, "PAN at EL0");

	/* EL0 read-only counts as EL0-accessible; fetches are exempt. */
	put(T3, 4, page(0x12345000, attr(0) | AP_RO_ALL));
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "PAN read RO");
	res = xlate(&r, VA_L3, MMU_EXEC, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "PAN exec");

	/* An EL1-only page is not affected. */
	put(T3, 4, page(0x12345000, attr(0) | AP_RW_EL1));
	res = xlate(&r, VA_L3, MMU_WRITE, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "PAN EL1 page");

	/* PSTATE.PAN = 0, or no FEAT_PAN: no effect. */
	put(T3, 4, page(0x12345000, attr(0) | AP_RW_ALL));
	r.pan = false;
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "PAN = 0");
	r.pan = true;
	r.features = 0;
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "no FEAT_PAN");
}
END_TEST

/* LDTR/STTR at EL1 are checked with EL0 permissions. */
START_TEST(test_perm_unprivileged)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0));
	struct mmu_result res;

	map_l3(0, 0, 0, page(0x12345000, attr(0) | AP_RW_EL1));
	res = xlate(&r, VA_L3, MMU_READ, 1, true);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "LDTR EL1 page");
	ck_assert(!res.wnr);
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "LDR EL1 page");

	put(T3, 4, page(0x12345000, attr(0) | AP_RO_ALL));
	res = xlate(&r, VA_L3, MMU_WRITE, 1, true);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "STTR RO");
	ck_assert(res.wnr);
	res = xlate(&r, VA_L3, MMU_READ, 1, true);
	expect_ok(&res, 0x12345567, 3, 12, "LDTR RO");
}
END_TEST

/* SCTLR_EL1.WXN: writable means not executable at that EL. */
START_TEST(test_perm_wxn)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0));
	struct mmu_result res;

	r.sctlr |= SCTLR_WXN;
	map_l3(0, 0, 0, page(0x12345000, attr(0) | AP_RW_EL1));
	res = xlate(&r, VA_L3, MMU_EXEC, 1, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "WXN EL1 RW");
	put(T3, 4, page(0x12345000, attr(0) | AP_RO_EL1));
	res = xlate(&r, VA_L3, MMU_EXEC, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "WXN EL1 RO");
	put(T3, 4, page(0x12345000, attr(0) | AP_RW_ALL | PXN));
	res = xlate(&r, VA_L3, MMU_EXEC, 0, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "WXN EL0 RW");
	put(T3, 4, page(0x12345000, attr(0) | AP_RO_ALL));
	res = xlate(&r, VA_L3, MMU_EXEC, 0, false);
	expect_ok(&res, 0x12345567, 3, 12, "WXN EL0 RO");
	/* Data accesses are unaffected. */
	put(T3, 4, page(0x12345000, attr(0) | AP_RW_EL1));
	res = xlate(&r, VA_L3, MMU_WRITE, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "WXN write");
}
END_TEST

/* DC IVAC needs write permission; its Access flag fault is a choice. */
START_TEST(test_dc_ivac)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0));
	struct mmu_result res;

	map_l3(0, 0, 0, page(0x12345000, attr(0) | AP_RO_EL1));
	res = xlate(&r, VA_L3, MMU_DC_IVAC, 1, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "DC IVAC RO");
	ck_assert(res.wnr); /* cache maintenance: WnR = 1 */

	put(T3, 4, 0x12345000 | AP_RW_EL1 | 3); /* AF = 0 */
	res = xlate(&r, VA_L3, MMU_DC_IVAC, 1, false);
	expect_fault(&res, MMU_FAULT_ACCESS_FLAG, 0x0b, 3, "DC IVAC AF");
	ck_assert(res.wnr);
	r.impdef.dc_af_exempt = true;
	res = xlate(&r, VA_L3, MMU_DC_IVAC, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "DC IVAC AF exempt");
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_ACCESS_FLAG, 0x0b, 3, "load AF");
}
END_TEST

/* Instruction fetch from Device memory: Unpredictable_INSTRDEVICE. */
START_TEST(test_ifetch_device)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0));
	struct mmu_result res;

	map_l3(0, 0, 0, page(0x12345000, attr(1) | AP_RO_EL1));
	res = xlate(&r, VA_L3, MMU_EXEC, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "fetch Device, as Normal");
	ck_assert(res.device);
	r.impdef.ifetch_device_fault = true;
	res = xlate(&r, VA_L3, MMU_EXEC, 1, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "fetch Device");
	res = xlate(&r, VA_L3, MMU_READ, 1, false);
	expect_ok(&res, 0x12345567, 3, 12, "load Device");
}
END_TEST

/* ------------------------------------------------------------------ */
/* EL2 regime */

/*
 * TCR_EL2: T0SZ = 25, TG0 = 4K, PS = 0b101, RES1 bits 31 and 23.
 * T0[1] = 1G block 0x4000_0000.
 */
static struct mmu_regs el2_regs(void)
{
	struct mmu_regs r = el1_regs(25 | (5ull << 16) | (1ull << 31) |
				     (1ull << 23));

	r.regime = MMU_REGIME_EL2;
	return r;
}

START_TEST(test_el2_regime)
{
	struct mmu_regs r = el2_regs();
	struct mmu_result res;

	/* AP = 10: AP[1] is ignored (read-only, no "EL0" distinction). */
	put(T0, 1, block(0x40000000, attr(0) | AP_RO_EL1));
	res = xlate(&r, 0x40000040, MMU_READ, 2, false);
	expect_ok(&res, 0x40000040, 1, 30, "EL2 read");
	res = xlate(&r, 0x40000040, MMU_WRITE, 2, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0d, 1, "EL2 write RO");
	ck_assert(res.wnr);
	res = xlate(&r, 0x40000040, MMU_READ, 2, true);
	expect_ok(&res, 0x40000040, 1, 30, "EL2 LDTR = LDR");
	res = xlate(&r, 0x40000040, MMU_EXEC, 2, false);
	expect_ok(&res, 0x40000040, 1, 30, "EL2 exec");

	/* XN (bit 54) applies; bit 53 (PXN in EL1&0) is ignored. */
	put(T0, 1, block(0x40000000, attr(0) | AP_RO_EL1 | UXN));
	res = xlate(&r, 0x40000040, MMU_EXEC, 2, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0d, 1, "EL2 XN");
	put(T0, 1, block(0x40000000, attr(0) | AP_RO_EL1 | PXN));
	res = xlate(&r, 0x40000040, MMU_EXEC, 2, false);
	expect_ok(&res, 0x40000040, 1, 30, "EL2 bit 53");

	/* WXN: a writable block is not executable. */
	put(T0, 1, block(0x40000000, attr(0) | AP_RW_EL1));
	r.sctlr |= SCTLR_WXN;
	res = xlate(&r, 0x40000040, MMU_EXEC, 2, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0d, 1, "EL2 WXN");
}
END_TEST

START_TEST(test_el2_hierarchical)
{
	struct mmu_regs r = el2_regs();
	struct mmu_result res;

	/* T0[0] -> T1, T1[0] = 2M block 0x20_0000 RW.  APTable[0] (no
	 * EL0) and PXNTable are RES0 in EL2 and have no effect. */
	put(T0, 0, table(T1) | APTABLE_NOEL0 | PXNTABLE);
	put(T1, 0, block(0x200000, attr(0) | AP_RW_EL1));
	res = xlate(&r, 0x1234, MMU_WRITE, 2, false);
	expect_ok(&res, 0x201234, 2, 21, "EL2 APTable[0]");
	res = xlate(&r, 0x1234, MMU_EXEC, 2, false);
	expect_ok(&res, 0x201234, 2, 21, "EL2 PXNTable");
	/* APTable[1] and XNTable do apply. */
	put(T0, 0, table(T1) | APTABLE_RO | UXNTABLE);
	res = xlate(&r, 0x1234, MMU_WRITE, 2, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0e, 2, "EL2 APTable[1]");
	res = xlate(&r, 0x1234, MMU_EXEC, 2, false);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0e, 2, "EL2 XNTable");
}
END_TEST

/* One VA range; TCR_EL2.TBI (bit 20). */
START_TEST(test_el2_va_range)
{
	struct mmu_regs r = el2_regs();
	struct mmu_result res;

	put(T0, 1, block(0x40000000, attr(0)));
	res = xlate(&r, 0xffffff8040000000ull, MMU_READ, 2, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x04, 0, "EL2 upper VA");
	res = xlate(&r, 0xff00000040001000ull, MMU_READ, 2, false);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x04, 0, "EL2 tag");
	r.tcr |= 1ull << 20;
	res = xlate(&r, 0xff00000040001000ull, MMU_READ, 2, false);
	expect_ok(&res, 0x40001000, 1, 30, "EL2 TBI");
	/* TCR_EL2.EPD0 does not exist: bit 7 is RES0 and ignored. */
	r.tcr |= TCR_EPD0;
	res = xlate(&r, 0x40001000, MMU_READ, 2, false);
	expect_ok(&res, 0x40001000, 1, 30, "EL2 bit 7");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Accesses spanning pages */

/* T3[4] maps VA_L3_PAGE; T3[5] the next page. */
START_TEST(test_range_second_page_faults)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0));
	struct mmu_result res;
	uint64_t far;

	map_l3(0, 0, 0, page(0x12345000, attr(0) | AP_RW_ALL));
	ck_assert_int_eq(mmu_translate_range(&r, &M, VA_L3_PAGE + 0xffc, 8,
					     MMU_READ, 1, false, &res, &far),
			 MMU_OK);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x07, 3, "page 2 unmapped");
	ck_assert_uint_eq(far, VA_L3_PAGE + 0x1000);

	/* Page 2 read-only: a store faults on it, a load does not. */
	put(T3, 5, page(0x22222000, attr(0) | AP_RO_ALL));
	ck_assert_int_eq(mmu_translate_range(&r, &M, VA_L3_PAGE + 0xffc, 8,
					     MMU_WRITE, 1, false, &res, &far),
			 MMU_OK);
	expect_fault(&res, MMU_FAULT_PERMISSION, 0x0f, 3, "page 2 RO");
	ck_assert(res.wnr);
	ck_assert_uint_eq(far, VA_L3_PAGE + 0x1000);
	ck_assert_uint_eq(res.pa, 0x22222000);
	ck_assert_int_eq(mmu_translate_range(&r, &M, VA_L3_PAGE + 0xffc, 8,
					     MMU_READ, 1, false, &res, &far),
			 MMU_OK);
	expect_ok(&res, 0x12345ffc, 3, 12, "both pages readable");
	ck_assert_uint_eq(far, VA_L3_PAGE + 0xffc);
}
END_TEST

START_TEST(test_range_first_page_faults)
{
	struct mmu_regs r = el1_regs(tcr0(16, 0));
	struct mmu_result res;
	uint64_t far;

	/* T3[3] (the page below VA_L3_PAGE) is unmapped. */
	map_l3(0, 0, 0, page(0x12345000, attr(0) | AP_RW_ALL));
	ck_assert_int_eq(mmu_translate_range(&r, &M, VA_L3_PAGE - 4, 8,
					     MMU_READ, 1, false, &res, &far),
			 MMU_OK);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x07, 3, "page 1 unmapped");
	ck_assert_uint_eq(far, VA_L3_PAGE - 4);
}
END_TEST

/* Inside one 2M block a 4K boundary does not split the access. */
START_TEST(test_range_inside_block)
{
	struct mmu_regs r = el1_regs(tcr0(25, 0));
	struct mmu_result res;
	uint64_t far;

	put(T0, 0, table(T1));
	put(T1, 5, block(0x800200000ull, attr(0)));
	ck_assert_int_eq(mmu_translate_range(&r, &M, 0xa00ffc, 16, MMU_READ,
					     1, false, &res, &far),
			 MMU_OK);
	expect_ok(&res, 0x800200ffcull, 2, 21, "in block");
	ck_assert_uint_eq(far, 0xa00ffc);
	ck_assert_uint_eq(n_reads, 2); /* one walk */

	/* Across the block's end into the unmapped T1[6]. */
	ck_assert_int_eq(mmu_translate_range(&r, &M, 0xbffff8, 16,
					     MMU_WRITE, 1, false, &res, &far),
			 MMU_OK);
	expect_fault(&res, MMU_FAULT_TRANSLATION, 0x06, 2, "past block");
	ck_assert_uint_eq(far, 0xc00000);
}
END_TEST

START_TEST(test_range_bad_args)
{
	struct mmu_regs r = el1_regs(tcr0(25, 0));
	struct mmu_result res;
	uint64_t far;

	ck_assert_int_eq(mmu_translate_range(&r, &M, 0x1000, 0, MMU_READ, 1,
					     false, &res, &far),
			 MMU_ERR_ARG);
	ck_assert_int_eq(mmu_translate_range(&r, &M, 0x1000, 0x10001,
					     MMU_READ, 1, false, &res, &far),
			 MMU_ERR_ARG);
	ck_assert_int_eq(mmu_translate_range(&r, &M, 0x1000, 8, MMU_READ, 1,
					     false, &res, NULL),
			 MMU_ERR_ARG);
	/* Errors of mmu_translate come through. */
	r.pa_bits = 52;
	ck_assert_int_eq(mmu_translate_range(&r, &M, 0x1000, 8, MMU_READ, 1,
					     false, &res, &far),
			 MMU_ERR_PA_BITS);
}
END_TEST

/* ------------------------------------------------------------------ */
/* MMU off */

START_TEST(test_mmu_off)
{
	struct mmu_regs r = el1_regs(tcr0(25, 0));
	struct mmu_result res;

	r.sctlr = 0;
	r.pa_bits = 40;
	res = xlate(&r, 0x12345678, MMU_WRITE, 1, false);
	expect_ok(&res, 0x12345678, 0, 12, "flat data");
	ck_assert_uint_eq(res.memattr, 0x00); /* Device-nGnRnE */
	ck_assert(res.device);
	ck_assert_uint_eq(n_reads, 0);
	res = xlate(&r, 0x12345678, MMU_EXEC, 0, false);
	expect_ok(&res, 0x12345678, 0, 12, "flat fetch");
	ck_assert_uint_eq(res.memattr, 0x44); /* SCTLR.I = 0: Normal NC */
	ck_assert(!res.device);
	r.sctlr = SCTLR_I;
	res = xlate(&r, 0x12345678, MMU_EXEC, 1, false);
	ck_assert_uint_eq(res.memattr, 0xaa); /* Normal WT */

	/* The last byte below PAMax = 40 bits, and the first above. */
	res = xlate(&r, 0xffffffffffull, MMU_READ, 1, false);
	expect_ok(&res, 0xffffffffffull, 0, 12, "top of PA space");
	res = xlate(&r, 0x10000000000ull, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_ADDRESS_SIZE, 0x00, 0, "above PAMax");

	/* TBI0 lets a tagged pointer through; TBI1 does not make va<55>
	 * = 1 fit the PA space. */
	res = xlate(&r, 0x5a00000012345678ull, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_ADDRESS_SIZE, 0x00, 0, "tag, no TBI");
	r.tcr |= TCR_TBI0 | TCR_TBI1;
	res = xlate(&r, 0x5a00000012345678ull, MMU_READ, 1, false);
	expect_ok(&res, 0x12345678, 0, 12, "tag, TBI0");
	res = xlate(&r, 0xff80000012345678ull, MMU_READ, 1, false);
	expect_fault(&res, MMU_FAULT_ADDRESS_SIZE, 0x00, 0, "va<55>, TBI1");

	/* Stage 1 is also off for EL0 when HCR_EL2.TGE = 1. */
	r.sctlr = SCTLR_M;
	r.hcr = HCR_TGE;
	res = xlate(&r, 0x12345678, MMU_READ, 0, false);
	expect_ok(&res, 0x12345678, 0, 12, "TGE");
	ck_assert_uint_eq(n_reads, 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Configuration errors */

START_TEST(test_errors)
{
	struct mmu_regs r = el1_regs(tcr0(25, 0));
	struct mmu_mem nocb = { NULL, NULL };
	struct mmu_result res;

	put(T0, 1, block(0x40000000, attr(0)));
	ck_assert_int_eq(mmu_translate(&r, &M, 0, MMU_READ, 1, false, NULL),
			 MMU_ERR_ARG);
	ck_assert_int_eq(mmu_translate(NULL, &M, 0, MMU_READ, 1, false, &res),
			 MMU_ERR_ARG);
	ck_assert_int_eq(mmu_translate(&r, NULL, 0, MMU_READ, 1, false, &res),
			 MMU_ERR_ARG);
	ck_assert_int_eq(mmu_translate(&r, &nocb, 0, MMU_READ, 1, false,
				       &res),
			 MMU_ERR_ARG);
	ck_assert_int_eq(mmu_translate(&r, &M, 0, (enum mmu_acc)99, 1, false,
				       &res),
			 MMU_ERR_ARG);
	ck_assert(!res.fault && !res.attrs_valid);
	/* EL3, and an EL outside the regime. */
	ck_assert_int_eq(mmu_translate(&r, &M, 0, MMU_READ, 3, false, &res),
			 MMU_ERR_ARG);
	ck_assert_int_eq(mmu_translate(&r, &M, 0, MMU_READ, 2, false, &res),
			 MMU_ERR_ARG);
	r.regime = MMU_REGIME_EL2;
	ck_assert_int_eq(mmu_translate(&r, &M, 0, MMU_READ, 1, false, &res),
			 MMU_ERR_ARG);
	r.regime = (enum mmu_regime)3;
	ck_assert_int_eq(mmu_translate(&r, &M, 0, MMU_READ, 1, false, &res),
			 MMU_ERR_ARG);
	r.regime = MMU_REGIME_EL10;

	r.pa_bits = 52;
	ck_assert_int_eq(mmu_translate(&r, &M, 0, MMU_READ, 1, false, &res),
			 MMU_ERR_PA_BITS);
	r.pa_bits = 39;
	ck_assert_int_eq(mmu_translate(&r, &M, 0, MMU_READ, 1, false, &res),
			 MMU_ERR_PA_BITS);
	r.pa_bits = 48;

	/* Stage 2 and VHE. */
	r.hcr = HCR_VM;
	ck_assert_int_eq(mmu_translate(&r, &M, 0, MMU_READ, 1, false, &res),
			 MMU_ERR_STAGE2);
	r.hcr = HCR_DC;
	ck_assert_int_eq(mmu_translate(&r, &M, 0, MMU_READ, 0, false, &res),
			 MMU_ERR_STAGE2);
	r.hcr = HCR_E2H | HCR_TGE;
	ck_assert_int_eq(mmu_translate(&r, &M, 0, MMU_READ, 0, false, &res),
			 MMU_ERR_VHE);
	/* E2H = 1, TGE = 0: EL1 and EL0 still use the EL1&0 regime. */
	r.hcr = HCR_E2H;
	res = xlate(&r, 0x40000008, MMU_READ, 1, false);
	expect_ok(&res, 0x40000008, 1, 30, "E2H, TGE = 0");
	r = el2_regs();
	r.hcr = HCR_E2H;
	ck_assert_int_eq(mmu_translate(&r, &M, 0, MMU_READ, 2, false, &res),
			 MMU_ERR_VHE);
}
END_TEST

/* Reserved TGx encodings: an IMPLEMENTATION DEFINED granule. */
START_TEST(test_tg_reserved)
{
	/* TG0 = 0b11, T0SZ = 25: as 4K (default), the 1G walk. */
	struct mmu_regs r = el1_regs(tcr0(25, 3));
	struct mmu_result res;

	put(T0, 1, block(0x40000000, attr(0)));
	res = xlate(&r, 0x40000100, MMU_READ, 1, false);
	expect_ok(&res, 0x40000100, 1, 30, "TG0 reserved as 4K");
	r.impdef.tg_reserved = MMU_TGRES_ERROR;
	ck_assert_int_eq(mmu_translate(&r, &M, 0x40000100, MMU_READ, 1, false,
				       &res),
			 MMU_ERR_TG_RESERVED);
	/* With the MMU off the granule does not matter. */
	r.sctlr = 0;
	res = xlate(&r, 0x40000100, MMU_READ, 1, false);
	expect_ok(&res, 0x40000100, 0, 12, "TG0 reserved, MMU off");

	/* TG1 = 0b00 as 64K, T1SZ = 34: the T64 walk of
	 * test_granule_64k, upper range.  VA 0xffff_ffff_c123_4567:
	 * va<29> = 0, va<28:16> = 0x123 -> PA 0x8765_4567. */
	setup();
	r = el1_regs((34ull << 16) | (5ull << 32));
	r.ttbr1 = T64;
	r.impdef.tg_reserved = MMU_TGRES_64K;
	put(T64, 0, table(T64B));
	put(T64B, 0x123, page(0x87650000, attr(0)));
	res = xlate(&r, 0xffffffffc1234567ull, MMU_READ, 1, false);
	expect_ok(&res, 0x87654567, 3, 16, "TG1 reserved as 64K");
}
END_TEST

START_TEST(test_strerror)
{
	static const int errs[] = {
		MMU_OK, MMU_ERR_ARG, MMU_ERR_PA_BITS, MMU_ERR_VHE,
		MMU_ERR_STAGE2, MMU_ERR_TG_RESERVED,
	};
	const char *unknown = mmu_strerror(-99);
	unsigned i, j;

	ck_assert_ptr_nonnull(unknown);
	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		ck_assert_ptr_nonnull(mmu_strerror(errs[i]));
		ck_assert_str_ne(mmu_strerror(errs[i]), unknown);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(mmu_strerror(errs[i]),
					 mmu_strerror(errs[j]));
	}
}
END_TEST

Suite *mmu_suite(void)
{
	Suite *s = suite_create("mmu");
	TCase *tw = tcase_create("walk");
	TCase *tf = tcase_create("faults");
	TCase *tp = tcase_create("permissions");
	TCase *te = tcase_create("el2");
	TCase *tr = tcase_create("range");
	TCase *tc = tcase_create("config");

	tcase_add_checked_fixture(tw, setup, NULL);
	tcase_add_test(tw, test_block_1g_identity);
	tcase_add_test(tw, test_block_2m);
	tcase_add_test(tw, test_page_4k_level3);
	tcase_add_test(tw, test_granule_64k);
	tcase_add_test(tw, test_granule_16k);
	tcase_add_test(tw, test_ttbr1);
	tcase_add_test(tw, test_big_endian_descriptors);
	suite_add_tcase(s, tw);

	tcase_add_checked_fixture(tf, setup, NULL);
	tcase_add_test(tf, test_translation_fault_each_level);
	tcase_add_test(tf, test_block_not_supported);
	tcase_add_test(tf, test_va_out_of_range);
	tcase_add_test(tf, test_tbi);
	tcase_add_test(tf, test_txsz_out_of_range);
	tcase_add_test(tf, test_contiguous_misprogrammed);
	tcase_add_test(tf, test_access_flag);
	tcase_add_test(tf, test_address_size_leaf);
	tcase_add_test(tf, test_address_size_tables);
	tcase_add_test(tf, test_walk_outside_memory);
	suite_add_tcase(s, tf);

	tcase_add_checked_fixture(tp, setup, NULL);
	tcase_add_test(tp, test_perm_el0_read_el1_page);
	tcase_add_test(tp, test_perm_write_read_only);
	tcase_add_test(tp, test_perm_rmw);
	tcase_add_test(tp, test_perm_execute_never);
	tcase_add_test(tp, test_perm_hierarchical);
	tcase_add_test(tp, test_perm_hpd);
	tcase_add_test(tp, test_perm_pan);
	tcase_add_test(tp, test_perm_unprivileged);
	tcase_add_test(tp, test_perm_wxn);
	tcase_add_test(tp, test_dc_ivac);
	tcase_add_test(tp, test_ifetch_device);
	suite_add_tcase(s, tp);

	tcase_add_checked_fixture(te, setup, NULL);
	tcase_add_test(te, test_el2_regime);
	tcase_add_test(te, test_el2_hierarchical);
	tcase_add_test(te, test_el2_va_range);
	suite_add_tcase(s, te);

	tcase_add_checked_fixture(tr, setup, NULL);
	tcase_add_test(tr, test_range_second_page_faults);
	tcase_add_test(tr, test_range_first_page_faults);
	tcase_add_test(tr, test_range_inside_block);
	tcase_add_test(tr, test_range_bad_args);
	suite_add_tcase(s, tr);

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_mmu_off);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_tg_reserved);
	tcase_add_test(tc, test_strerror);
	suite_add_tcase(s, tc);
	return s;
}

#ifdef MMU_STANDALONE
int main(void)
{
	SRunner *sr = srunner_create(mmu_suite());
	int failed;

	srunner_set_fork_status(sr, CK_FORK_GETENV);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
#endif
