// SPDX-License-Identifier: MIT
/*
 * traces/kernel/setup.c - start_kernel(), the identity map, and the EL2
 * (hypervisor) side: hyp_init() and the EL2 exception dispatch.
 */
#include "kernel.h"

u64 boot_el;

int start_kernel(void);

int start_kernel(void)
{
	mmu_init();
	return kmain();
}

/* ---- the identity map (VMSAv8-64, 4 KiB granule, 39-bit VA) ------------ */

static u64 pgd[512] __attribute__((aligned(4096)));     /* level 1 */
static u64 pmd_ram[512] __attribute__((aligned(4096))); /* level 2: 1 GiB at 0x40000000 */

/* Block/table descriptor fields. */
#define PTE_VALID	(1ull << 0)
#define PTE_TABLE	(1ull << 1)
#define PTE_ATTR(i)	((u64)(i) << 2)
#define PTE_USER	(1ull << 6)	/* AP[1]: EL0 access */
#define PTE_SH_INNER	(3ull << 8)
#define PTE_AF		(1ull << 10)
#define PTE_PXN		(1ull << 53)
#define PTE_UXN		(1ull << 54)

#define MT_DEVICE_nGnRE	0	/* MAIR attribute indices */
#define MT_NORMAL	1

#define RAM_BLOCKS	64	/* 128 MiB of 2 MiB blocks */

void mmu_init(void)
{
	u64 normal = PTE_VALID | PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF;
	u64 sctlr;

	/* 0x00000000-0x3fffffff: devices (the GIC), never executable. */
	pgd[0] = 0x0 | PTE_VALID | PTE_ATTR(MT_DEVICE_nGnRE) | PTE_AF |
		 PTE_PXN | PTE_UXN;
	pgd[1] = (u64)pmd_ram | PTE_VALID | PTE_TABLE;
	for (unsigned i = 0; i < RAM_BLOCKS; i++) {
		u64 pa = 0x40000000ull + ((u64)i << 21);

		if (is_user_addr(pa))
			pmd_ram[i] = pa | normal | PTE_USER | PTE_PXN;
		else
			pmd_ram[i] = pa | normal | PTE_UXN;
	}
	dsb_sy();
	/* MAIR: Attr0 Device-nGnRE, Attr1 Normal write-back RW-allocate. */
	write_sysreg(0xff04, mair_el1);
	/* T0SZ=25, walks WB WA inner shareable, TG0 4 KiB, EPD1, IPS 32 bits. */
	write_sysreg(25 | 1ull << 8 | 1ull << 10 | 3ull << 12 | 1ull << 23, tcr_el1);
	write_sysreg((u64)pgd, ttbr0_el1);
	isb();
	__asm__ volatile("tlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
	sctlr = read_sysreg(sctlr_el1);
	sctlr |= 1 << 0 | 1 << 2 | 1 << 12;	/* M, C, I */
	write_sysreg(sctlr, sctlr_el1);
	isb();
}

/* ---- EL2 ------------------------------------------------------------------- */

__attribute__((weak)) void hyp_init(void)
{
}

__attribute__((weak)) bool hyp_sync(struct pt_regs *regs)
{
	(void)regs;
	return false;
}

__attribute__((weak)) bool hyp_irq(struct pt_regs *regs)
{
	(void)regs;
	return false;
}

void el2_exception(struct pt_regs *regs);

void el2_exception(struct pt_regs *regs)
{
	unsigned type = regs->vec & 0x180;

	if (type == VEC_SYNC && esr_ec(regs->esr) == EC_HVC64 &&
	    (regs->esr & 0xffff) == HVC_CALL) {
		u64 (*fn)(u64, u64, u64) = (u64 (*)(u64, u64, u64))regs->regs[0];

		regs->regs[0] = fn(regs->regs[1], regs->regs[2], regs->regs[3]);
		return;
	}
	if (type == VEC_SYNC && hyp_sync(regs))
		return;
	if (type == VEC_IRQ && hyp_irq(regs))
		return;
	panic(regs, "unexpected exception at EL2");
}
