// SPDX-License-Identifier: MIT
/*
 * tests/emu/test_gic.c - the minimal GICv3 (emu/gic.c).
 *
 * Expected values from the GICv3/v4 architecture specification (IHI
 * 0069): register offsets and reset values (chapter 12), the pending /
 * active state machine and priority rules (4.1, 4.8): an interrupt is
 * signalled when it is enabled, pending, not active, its group is
 * enabled in GICD_CTLR and ICC_IGRPEN<g>_EL1, its priority is strictly
 * higher (numerically lower) than ICC_PMR_EL1, and its group priority
 * (priority masked by the binary point) is strictly higher than the
 * running priority.  With GICD_CTLR.DS = 1, Group 0 signals FIQ and
 * Group 1 signals IRQ.  This GIC implements 5 priority bits (mask 0xf8).
 */
#include <check.h>
#include <stdint.h>

#include "emu_tests.h"
#include "gic.h"

#define D GIC_DIST_BASE
#define R GIC_REDIST_BASE
#define S (GIC_REDIST_BASE + 0x10000)

/* ICC registers: (op1, CRn, CRm, op2). */
#define PMR     0, 4, 6, 0
#define IAR0    0, 12, 8, 0
#define EOIR0   0, 12, 8, 1
#define BPR0    0, 12, 8, 3
#define DIR     0, 12, 11, 1
#define RPR     0, 12, 11, 3
#define SGI1R   0, 12, 11, 5
#define IAR1    0, 12, 12, 0
#define EOIR1   0, 12, 12, 1
#define HPPIR1  0, 12, 12, 2
#define BPR1    0, 12, 12, 3
#define CTLR    0, 12, 12, 4
#define SRE     0, 12, 12, 5
#define IGRPEN0 0, 12, 12, 6
#define IGRPEN1 0, 12, 12, 7

static struct gic g;

static void w32(uint64_t a, uint32_t v) { gic_mmio_write(&g, a, 4, v); }
static uint32_t r32(uint64_t a) { return (uint32_t)gic_mmio_read(&g, a, 4); }
static void icc_w(unsigned op1, unsigned crn, unsigned crm, unsigned op2, uint64_t v)
{
	gic_icc_write(&g, op1, crn, crm, op2, v);
}
static uint64_t icc_r(unsigned op1, unsigned crn, unsigned crm, unsigned op2)
{
	return gic_icc_read(&g, op1, crn, crm, op2);
}

/* PPI 27 (the virtual timer): Group 1, priority 0xa0, enabled; CPU interface on. */
static void setup_ppi27(void)
{
	gic_reset(&g);
	w32(D + 0x0, 3);
	w32(S + 0x80, 1u << 27);
	gic_mmio_write(&g, S + 0x400 + 27, 1, 0xa0);
	w32(S + 0x100, 1u << 27);
	icc_w(PMR, 0xf0);
	icc_w(IGRPEN1, 1);
}

START_TEST(reset_values)
{
	gic_reset(&g);
	ck_assert_uint_eq(r32(D + 0x0), 0x50);           /* ARE [4], DS [6] RAO */
	ck_assert_uint_eq(r32(D + 0x4) & 0x1f, 2);       /* ITLinesNumber: 96 INTIDs */
	ck_assert_uint_eq(r32(D + 0x4) >> 19 & 0x1f, 9); /* IDbits: 10 bits */
	ck_assert_uint_eq(r32(D + 0xffe8) >> 4 & 0xf, 3);
	ck_assert_uint_eq(r32(R + 0xffe8) >> 4 & 0xf, 3);
	ck_assert_uint_eq(r32(R + 0x8) >> 4 & 1, 1);     /* GICR_TYPER.Last */
	ck_assert_uint_eq(r32(R + 0x14), 6);             /* ProcessorSleep, ChildrenAsleep */
	ck_assert_uint_eq(r32(S + 0xc00), 0xaaaaaaaa);   /* SGIs edge-triggered */
	ck_assert_uint_eq(icc_r(SRE) & 1, 1);
	ck_assert_uint_eq(icc_r(CTLR) >> 8 & 7, 4);      /* PRIbits: 5 bits */
	ck_assert_uint_eq(icc_r(RPR), 0xff);
	ck_assert_uint_eq(icc_r(BPR0), 2);
	ck_assert_uint_eq(icc_r(BPR1), 3);
	ck_assert_uint_eq(icc_r(IAR1), GIC_SPURIOUS);
	w32(R + 0x14, 0);
	ck_assert_uint_eq(r32(R + 0x14), 0);
}
END_TEST

START_TEST(level_ppi_ack_eoi)
{
	struct gic_signal s;

	setup_ppi27();
	ck_assert(!gic_signal(&g).irq);
	gic_set_line(&g, 27, true);
	s = gic_signal(&g);
	ck_assert(s.irq && !s.fiq);
	ck_assert_uint_eq(s.intid, 27);
	ck_assert_uint_eq(r32(S + 0x200) >> 27 & 1, 1);  /* GICR_ISPENDR0 */
	ck_assert_uint_eq(icc_r(HPPIR1), 27);
	ck_assert_uint_eq(icc_r(IAR1), 27);
	ck_assert_uint_eq(icc_r(RPR), 0xa0);
	ck_assert_uint_eq(r32(S + 0x300) >> 27 & 1, 1);  /* active */
	/* Active and pending (the line is still high): not signalled again. */
	ck_assert(!gic_signal(&g).irq);
	icc_w(EOIR1, 27);
	ck_assert_uint_eq(icc_r(RPR), 0xff);
	ck_assert_uint_eq(r32(S + 0x300) >> 27 & 1, 0);
	ck_assert(gic_signal(&g).irq);                   /* level still high */
	gic_set_line(&g, 27, false);
	ck_assert(!gic_signal(&g).irq);
}
END_TEST

START_TEST(enables_and_pmr)
{
	setup_ppi27();
	gic_set_line(&g, 27, true);
	icc_w(IGRPEN1, 0);
	ck_assert(!gic_signal(&g).irq);
	icc_w(IGRPEN1, 1);
	w32(D + 0x0, 1);                                 /* EnableGrp1 off */
	ck_assert(!gic_signal(&g).irq);
	w32(D + 0x0, 3);
	w32(S + 0x180, 1u << 27);                        /* GICR_ICENABLER0 */
	ck_assert(!gic_signal(&g).irq);
	w32(S + 0x100, 1u << 27);
	icc_w(PMR, 0xa0);                                /* not strictly higher */
	ck_assert(!gic_signal(&g).irq);
	ck_assert_uint_eq(icc_r(IAR1), GIC_SPURIOUS);
	ck_assert_uint_eq(icc_r(HPPIR1), 27);            /* HPPIR ignores PMR */
	icc_w(PMR, 0xa8);
	ck_assert(gic_signal(&g).irq);
	icc_w(PMR, 0xff);
	ck_assert_uint_eq(icc_r(PMR), 0xf8);             /* 5 bits */
}
END_TEST

START_TEST(edge_spi)
{
	gic_reset(&g);
	w32(D + 0x0, 3);
	w32(D + 0x84, 1u << 8);                          /* IGROUPR1: SPI 40 Group 1 */
	w32(D + 0xc08, 2u << 16);                        /* ICFGR2: INTID 40 edge */
	gic_mmio_write(&g, D + 0x400 + 40, 1, 0x57);
	ck_assert_uint_eq(gic_mmio_read(&g, D + 0x400 + 40, 1), 0x50);
	w32(D + 0x104, 1u << 8);                         /* ISENABLER1 */
	icc_w(PMR, 0xf0);
	icc_w(IGRPEN1, 1);
	gic_set_line(&g, 40, true);
	gic_set_line(&g, 40, false);                     /* the edge was latched */
	ck_assert(gic_signal(&g).irq);
	ck_assert_uint_eq(icc_r(IAR1), 40);
	icc_w(EOIR1, 40);
	ck_assert(!gic_signal(&g).irq);
	/* GICD_ISPENDR / ICPENDR. */
	w32(D + 0x204, 1u << 8);
	ck_assert(gic_signal(&g).irq);
	w32(D + 0x284, 1u << 8);
	ck_assert(!gic_signal(&g).irq);
	/* Affinity routing: GICD's registers for INTIDs 0..31 are RAZ/WI. */
	w32(D + 0x100, 0xffffffff);
	ck_assert_uint_eq(r32(D + 0x100), 0);
	ck_assert_uint_eq(r32(S + 0x104), 0);
	/* GICD_IROUTER<40>, 64-bit. */
	gic_mmio_write(&g, D + 0x6000 + 8 * 40, 8, 0x80000000ull);
	ck_assert_uint_eq(gic_mmio_read(&g, D + 0x6000 + 8 * 40, 8), 0x80000000ull);
}
END_TEST

START_TEST(preemption)
{
	setup_ppi27();
	/* SPI 33 at 0x80 (higher), SPI 34 at 0xa8 (lower): Group 1, level. */
	w32(D + 0x84, 1u << 1 | 1u << 2);
	gic_mmio_write(&g, D + 0x400 + 33, 1, 0x80);
	gic_mmio_write(&g, D + 0x400 + 34, 1, 0xa8);
	w32(D + 0x104, 1u << 1 | 1u << 2);
	gic_set_line(&g, 27, true);
	ck_assert_uint_eq(icc_r(IAR1), 27);              /* running 0xa0 */
	gic_set_line(&g, 34, true);
	ck_assert(!gic_signal(&g).irq);                  /* 0xa8 cannot preempt 0xa0 */
	gic_set_line(&g, 33, true);
	ck_assert_uint_eq(gic_signal(&g).intid, 33);     /* 0x80 can */
	ck_assert_uint_eq(icc_r(IAR1), 33);
	ck_assert_uint_eq(icc_r(RPR), 0x80);
	icc_w(EOIR1, 33);                                /* drops the highest: 0x80 */
	ck_assert_uint_eq(icc_r(RPR), 0xa0);
	icc_w(EOIR1, 27);
	ck_assert_uint_eq(icc_r(RPR), 0xff);
	/*
	 * Binary point 5 (group priority = bits [7:5]): 27 at 0xb8 runs at
	 * group priority 0xa0, and 34 at 0xa8 (group 0xa0) cannot preempt it,
	 * although 0xa8 < 0xb8.
	 */
	gic_set_line(&g, 33, false);
	gic_set_line(&g, 34, false);
	icc_w(BPR1, 5);
	gic_mmio_write(&g, S + 0x400 + 27, 1, 0xb8);
	gic_mmio_write(&g, D + 0x400 + 34, 1, 0xa8);
	ck_assert_uint_eq(icc_r(IAR1), 27);
	ck_assert_uint_eq(icc_r(RPR), 0xa0);
	gic_set_line(&g, 34, true);
	ck_assert(!gic_signal(&g).irq);
	icc_w(EOIR1, 27);
	/* BPR1 below its minimum reads the minimum. */
	icc_w(BPR1, 0);
	ck_assert_uint_eq(icc_r(BPR1), 3);
}
END_TEST

START_TEST(group0_fiq_and_eoimode)
{
	struct gic_signal s;

	gic_reset(&g);
	w32(D + 0x0, 3);
	w32(S + 0x100, 1u << 30);                        /* PPI 30, Group 0 (reset) */
	gic_mmio_write(&g, S + 0x400 + 30, 1, 0x40);
	icc_w(PMR, 0xf0);
	icc_w(IGRPEN0, 1);
	gic_set_line(&g, 30, true);
	s = gic_signal(&g);
	ck_assert(s.fiq && !s.irq);
	ck_assert_uint_eq(icc_r(IAR1), GIC_SPURIOUS);    /* the HPPI is Group 0 */
	ck_assert_uint_eq(icc_r(IAR0), 30);
	icc_w(CTLR, 2);                                  /* EOImode 1 */
	icc_w(EOIR0, 30);
	ck_assert_uint_eq(icc_r(RPR), 0xff);             /* priority dropped ... */
	ck_assert_uint_eq(r32(S + 0x300) >> 30 & 1, 1);  /* ... still active */
	ck_assert(!gic_signal(&g).fiq);
	icc_w(DIR, 30);
	ck_assert_uint_eq(r32(S + 0x300) >> 30 & 1, 0);
	ck_assert(gic_signal(&g).fiq);                   /* the line is still high */
}
END_TEST

START_TEST(sgi_to_self)
{
	gic_reset(&g);
	w32(D + 0x0, 3);
	w32(S + 0x80, 0xffff);                           /* SGIs Group 1 */
	w32(S + 0x100, 1u << 5);
	gic_mmio_write(&g, S + 0x400 + 5, 1, 0x10);
	icc_w(PMR, 0xf0);
	icc_w(IGRPEN1, 1);
	icc_w(SGI1R, 5ull << 24 | 1ull << 40 | 1);       /* IRM: all but self */
	ck_assert(!gic_signal(&g).irq);
	icc_w(SGI1R, 5ull << 24 | 1ull << 16 | 1);       /* Aff1 = 1: another PE */
	ck_assert(!gic_signal(&g).irq);
	icc_w(SGI1R, 5ull << 24 | 2);                    /* TargetList bit 1 */
	ck_assert(!gic_signal(&g).irq);
	icc_w(SGI1R, 5ull << 24 | 1);
	ck_assert_uint_eq(gic_signal(&g).intid, 5);
	ck_assert_uint_eq(icc_r(IAR1), 5);
}
END_TEST

START_TEST(icc_catalogue)
{
	ck_assert(gic_is_icc(3, 0, 12, 12, 0, true));    /* IAR1: read-only */
	ck_assert(!gic_is_icc(3, 0, 12, 12, 0, false));
	ck_assert(gic_is_icc(3, 0, 12, 12, 1, false));   /* EOIR1: write-only */
	ck_assert(!gic_is_icc(3, 0, 12, 12, 1, true));
	ck_assert(gic_is_icc(3, 0, 4, 6, 0, true));      /* PMR */
	ck_assert(!gic_is_icc(2, 0, 4, 6, 0, true));
	ck_assert(!gic_is_icc(3, 0, 12, 13, 0, true));
	ck_assert_str_eq(gic_icc_name(0, 12, 12, 7), "ICC_IGRPEN1_EL1");
}
END_TEST

Suite *gic_suite(void)
{
	Suite *s = suite_create("gic");
	TCase *tc = tcase_create("gicv3");

	tcase_add_test(tc, reset_values);
	tcase_add_test(tc, level_ppi_ack_eoi);
	tcase_add_test(tc, enables_and_pmr);
	tcase_add_test(tc, edge_spi);
	tcase_add_test(tc, preemption);
	tcase_add_test(tc, group0_fiq_and_eoimode);
	tcase_add_test(tc, sgi_to_self);
	tcase_add_test(tc, icc_catalogue);
	suite_add_tcase(s, tc);
	return s;
}
