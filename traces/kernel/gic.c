// SPDX-License-Identifier: MIT
/*
 * traces/kernel/gic.c - a GICv3 driver for one CPU (see irq.h): the
 * distributor and this CPU's redistributor by MMIO, the CPU interface by
 * the ICC_* system registers, affinity routing, every interrupt in
 * Group 1 (IRQ), EOImode 0.  Register offsets: GICv3/v4 architecture
 * specification (IHI0069), chapter 12.
 */
#include "irq.h"

/* Distributor */
#define GICD_CTLR		0x0000
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ISPENDR		0x0200
#define GICD_IPRIORITYR		0x0400
#define GICD_ICFGR		0x0c00
#define GICD_IROUTER		0x6000
#define GICD_CTLR_ENABLE_G1	(1u << 1)
#define GICD_CTLR_ARE		(1u << 4)
#define GICD_CTLR_RWP		(1u << 31)

/* Redistributor, RD_base frame */
#define GICR_CTLR		0x0000
#define GICR_WAKER		0x0014
#define GICR_CTLR_RWP		(1u << 3)
#define GICR_WAKER_PROCESSOR_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)

/* Redistributor, SGI_base frame */
#define GICR_IGROUPR0		0x0080
#define GICR_ISENABLER0		0x0100
#define GICR_ICENABLER0		0x0180
#define GICR_ISPENDR0		0x0200
#define GICR_IPRIORITYR		0x0400
#define GICR_ICFGR		0x0c00

#define MAX_INTID 96	/* SGIs, PPIs and SPIs 32..95 */

struct irq_stats irq_stats;
bool irq_unmask_debug = true;
bool irq_stash_step;

static irq_handler_fn handlers[MAX_INTID];

static inline u32 rd32(u64 addr)
{
	return *(volatile u32 *)addr;
}

static inline void wr32(u64 addr, u32 v)
{
	*(volatile u32 *)addr = v;
}

static inline void wr8(u64 addr, uint8_t v)
{
	*(volatile uint8_t *)addr = v;
}

static inline void wr64(u64 addr, u64 v)
{
	*(volatile u64 *)addr = v;
}

bool gic_sysregs_present(void)
{
	return (read_sysreg(id_aa64pfr0_el1) >> 24 & 0xf) != 0;
}

static void gicd_wait_rwp(void)
{
	while (rd32(GICD_BASE + GICD_CTLR) & GICD_CTLR_RWP)
		;
}

static void gicr_wait_rwp(void)
{
	while (rd32(GICR_RD_BASE + GICR_CTLR) & GICR_CTLR_RWP)
		;
}

void gic_init(void)
{
	u32 waker;

	if (!gic_sysregs_present())
		panic(NULL, "no GIC system-register interface (ID_AA64PFR0_EL1.GIC = 0)");

	/* Distributor: off while configuring, then affinity routing + Group 1. */
	wr32(GICD_BASE + GICD_CTLR, 0);
	gicd_wait_rwp();
	wr32(GICD_BASE + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1);
	gicd_wait_rwp();

	/* Redistributor: wake it, all SGIs/PPIs Group 1 and disabled. */
	waker = rd32(GICR_RD_BASE + GICR_WAKER);
	wr32(GICR_RD_BASE + GICR_WAKER, waker & ~GICR_WAKER_PROCESSOR_SLEEP);
	while (rd32(GICR_RD_BASE + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP)
		;
	wr32(GICR_SGI_BASE + GICR_ICENABLER0, ~0u);
	gicr_wait_rwp();
	wr32(GICR_SGI_BASE + GICR_IGROUPR0, ~0u);

	/* CPU interface. */
	write_sysreg(read_sysreg(icc_sre_el1) | 1, icc_sre_el1);
	isb();
	write_sysreg(0xf0, icc_pmr_el1);
	write_sysreg(0, icc_bpr1_el1);
	write_sysreg(0, icc_ctlr_el1);		/* EOImode 0 */
	write_sysreg(1, icc_igrpen1_el1);
	isb();
}

void gic_enable_irq(unsigned intid, unsigned prio, bool edge, irq_handler_fn fn)
{
	u32 bit = 1u << (intid % 32);
	unsigned cfg_shift = (intid % 16) * 2 + 1;
	u64 cfg;

	if (intid >= MAX_INTID)
		panic(NULL, "gic_enable_irq: INTID out of range");
	handlers[intid] = fn;
	if (intid < 32) {
		wr8(GICR_SGI_BASE + GICR_IPRIORITYR + intid, (uint8_t)prio);
		if (intid >= 16) {
			cfg = GICR_SGI_BASE + GICR_ICFGR + 4;
			wr32(cfg, (rd32(cfg) & ~(1u << cfg_shift)) | (u32)edge << cfg_shift);
		}
		wr32(GICR_SGI_BASE + GICR_ISENABLER0, bit);
		gicr_wait_rwp();
		return;
	}
	wr32(GICD_BASE + GICD_IGROUPR + intid / 32 * 4,
	     rd32(GICD_BASE + GICD_IGROUPR + intid / 32 * 4) | bit);
	wr8(GICD_BASE + GICD_IPRIORITYR + intid, (uint8_t)prio);
	cfg = GICD_BASE + GICD_ICFGR + intid / 16 * 4;
	wr32(cfg, (rd32(cfg) & ~(1u << cfg_shift)) | (u32)edge << cfg_shift);
	wr64(GICD_BASE + GICD_IROUTER + (u64)intid * 8, 0);	/* affinity 0.0.0.0 */
	wr32(GICD_BASE + GICD_ISENABLER + intid / 32 * 4, bit);
	gicd_wait_rwp();
}

void gic_disable_irq(unsigned intid)
{
	u32 bit = 1u << (intid % 32);

	if (intid >= MAX_INTID)
		return;
	if (intid < 32) {
		wr32(GICR_SGI_BASE + GICR_ICENABLER0, bit);
		gicr_wait_rwp();
	} else {
		wr32(GICD_BASE + GICD_ICENABLER + intid / 32 * 4, bit);
		gicd_wait_rwp();
	}
	handlers[intid] = NULL;
}

void gic_set_pending(unsigned intid)
{
	u32 bit = 1u << (intid % 32);

	if (intid < 32)
		wr32(GICR_SGI_BASE + GICR_ISPENDR0, bit);
	else if (intid < MAX_INTID)
		wr32(GICD_BASE + GICD_ISPENDR + intid / 32 * 4, bit);
}

void gic_send_sgi_self(unsigned intid)
{
	/* ICC_SGI1R_EL1: INTID [27:24], Aff1..3 = 0, TargetList [15:0] = CPU 0. */
	write_sysreg((u64)(intid & 0xf) << 24 | 1, icc_sgi1r_el1);
	isb();
}

void handle_arch_irq(struct pt_regs *regs)
{
	u64 intid = read_sysreg(icc_iar1_el1) & 0xffffff;

	if (intid >= 1020) {
		irq_stats.spurious++;
		return;
	}
	irq_stats.count++;
	irq_stats.last_intid = (unsigned)intid;
	if (intid < MAX_INTID && handlers[intid])
		handlers[intid]((unsigned)intid, regs);
	else
		printk("unexpected IRQ %lu\n", intid);
	write_sysreg(intid, icc_eoir1_el1);
	isb();
}
