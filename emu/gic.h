/* SPDX-License-Identifier: MIT */
/*
 * emu/gic.h - a minimal GICv3 for one PE, at the QEMU virt addresses:
 * the distributor (GICD, 0x08000000), one redistributor (GICR RD_base
 * 0x080A0000, SGI_base 0x080B0000) and the system-register CPU interface
 * (ICC_*_EL1).  Pure C: no Unicorn, no I/O.
 *
 * What it implements (GICv3 architecture specification, IHI 0069): a
 * single Security state (GICD_CTLR.DS = 1: Group 0 signals FIQ, Group 1
 * signals IRQ), affinity routing always on (ARE = 1), INTIDs 0..95 (SGIs
 * 0-15, PPIs 16-31, SPIs 32-95), 5 bits of priority, level- and
 * edge-triggered lines, enable/pending/active state, priority masking
 * (PMR), preemption by group priority (BPR0/BPR1), the active priority
 * registers, EOImode 0 and 1 (ICC_DIR_EL1), and SGIs to this PE.  No LPIs,
 * no ITS, no virtual CPU interface (ICH_*), no GICv2 compatibility.
 */
#ifndef ARMDBG_EMU_GIC_H
#define ARMDBG_EMU_GIC_H

#include <stdbool.h>
#include <stdint.h>

#define GIC_DIST_BASE   0x08000000ull
#define GIC_DIST_SIZE   0x10000ull
#define GIC_REDIST_BASE 0x080A0000ull
#define GIC_REDIST_SIZE 0x20000ull /* RD_base + SGI_base frames */

#define GIC_NIRQ 96u       /* INTIDs 0..95 */
#define GIC_SPURIOUS 1023u

struct gic_irq {
	bool enabled;
	bool latch;     /* pending state set by an edge or GICD_ISPENDR */
	bool level;     /* the input line */
	bool active;
	bool group1;
	bool edge;      /* GICD_ICFGR: edge-triggered */
	uint8_t prio;
};

struct gic {
	struct gic_irq irq[GIC_NIRQ];
	uint32_t gicd_ctlr;          /* EnableGrp0 [0], EnableGrp1 [1] */
	uint64_t irouter[GIC_NIRQ];  /* stored, one PE */
	uint32_t gicr_waker;         /* ProcessorSleep [1] */
	/* CPU interface */
	uint8_t pmr;
	uint8_t bpr0, bpr1;
	uint32_t ctlr;               /* ICC_CTLR_EL1: CBPR [0], EOImode [1] */
	bool igrpen0, igrpen1;
	uint32_t ap0, ap1;           /* ICC_AP0R0/AP1R0: one bit per group priority */
	/* An interrupt whose running priority was dropped but that is still active
	 * (EOImode 1) is deactivated by ICC_DIR_EL1. */
};

void gic_reset(struct gic *g);

/* Drive an interrupt line (PPI/SPI): level-sensitive or edge per ICFGR. */
void gic_set_line(struct gic *g, unsigned intid, bool level);

/*
 * MMIO access at @addr (a physical address in the distributor or the
 * redistributor frames), @size 1, 2, 4 or 8 bytes.  Unimplemented
 * registers read as zero and ignore writes (RAZ/WI), as the GICv3
 * specification allows for reserved offsets.
 */
uint64_t gic_mmio_read(struct gic *g, uint64_t addr, unsigned size);
void gic_mmio_write(struct gic *g, uint64_t addr, unsigned size, uint64_t v);

/* Is (op0, op1, CRn, CRm, op2) an ICC_*_EL1 register this CPU interface has? */
bool gic_is_icc(unsigned op0, unsigned op1, unsigned crn, unsigned crm,
		unsigned op2, bool read);

/* MRS/MSR of an ICC register (gic_is_icc() true). */
uint64_t gic_icc_read(struct gic *g, unsigned op1, unsigned crn, unsigned crm,
		      unsigned op2);
void gic_icc_write(struct gic *g, unsigned op1, unsigned crn, unsigned crm,
		   unsigned op2, uint64_t v);

/* The CPU interface's outputs to the PE: IRQ (Group 1) and FIQ (Group 0). */
struct gic_signal {
	bool irq, fiq;
	unsigned intid; /* highest-priority pending interrupt that signals, or 1023 */
};

struct gic_signal gic_signal(const struct gic *g);

/* Name of an MMIO register or ICC register, for messages (may be "?"). */
const char *gic_icc_name(unsigned op1, unsigned crn, unsigned crm, unsigned op2);

#endif
