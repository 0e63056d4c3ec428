// SPDX-License-Identifier: MIT
/*
 * tests/guests/irq.c - interrupts: the GICv3 (distributor 0x08000000,
 * redistributor 0x080A0000, ICC_* system registers) and the generic
 * timer, driven the way a kernel drives them:
 *
 *  - GICD_TYPER/GICR_TYPER/PIDR2 identify a GICv3 with SPIs; ICC_SRE_EL1
 *    reads SRE = 1 (system-register interface only);
 *  - the virtual timer (PPI 27): CNTV_CTL.ISTATUS follows CVAL, TVAL is
 *    CVAL - CNTVCT; the IRQ is taken at EL1h (vector 0x280) only once
 *    PSTATE.I is clear, right after the `msr daifclr, #2` (ELR);
 *    ICC_IAR1_EL1 acknowledges 27, ICC_RPR_EL1 shows its priority, EOI
 *    drops it;
 *  - WFI waits for the timer, and wakes on a pending interrupt that
 *    PSTATE.I masks;
 *  - ICC_PMR_EL1 masks an interrupt of lower priority (IAR1 reads 1023);
 *  - an SGI to this PE (ICC_SGI1R_EL1); a Group 0 SGI (ICC_SGI0R_EL1)
 *    signals FIQ (GICD_CTLR.DS = 1): vector 0x300, ICC_IAR0_EL1; an EL0
 *    task interrupted by the timer (vector 0x480, SPSR = EL0t);
 *  - an IRQ entry saves SPSR with D, A, I, F as they were and masks all
 *    four.
 *
 * Expected values: GICv3 architecture specification (IHI 0069) chapters
 * 4 and 12; Arm ARM D1.3 (exception entry, vector offsets), D11 (timer).
 */
#include "guest.h"

#define GICD 0x08000000ull
#define GICR 0x080A0000ull
#define GICR_SGI (GICR + 0x10000)

#define PPI_VTIMER 27u
#define SGI_TEST 5u
#define SGI_FIQ 6u

static inline void w32(uint64_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

static inline uint32_t r32(uint64_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void w8(uint64_t a, uint8_t v)
{
	*(volatile uint8_t *)a = v;
}

static volatile unsigned nirq;
static uint64_t irq_vec, irq_elr, irq_spsr, irq_intid, irq_rpr, irq_ctl;
static bool keep_timer;

static volatile unsigned nfiq;
static uint64_t fiq_vec, fiq_intid;

static bool handler(struct frame *f)
{
	if ((f->vec & 0x180) == 0x100) {
		nfiq++;
		fiq_vec = f->vec;
		fiq_intid = read_sysreg(s3_0_c12_c8_0);  /* ICC_IAR0_EL1 */
		write_sysreg(s3_0_c12_c8_1, fiq_intid);  /* ICC_EOIR0_EL1 */
		isb();
		return true;
	}
	if ((f->vec & 0x180) != 0x80)
		return false;
	nirq++;
	irq_vec = f->vec;
	irq_elr = f->elr;
	irq_spsr = f->spsr;
	irq_intid = read_sysreg(s3_0_c12_c12_0);        /* ICC_IAR1_EL1 */
	irq_rpr = read_sysreg(s3_0_c12_c11_3);          /* ICC_RPR_EL1 */
	if (irq_intid == PPI_VTIMER) {
		irq_ctl = read_sysreg(cntv_ctl_el0);
		if (!keep_timer)
			write_sysreg(cntv_ctl_el0, 0);  /* the line drops */
	}
	write_sysreg(s3_0_c12_c12_1, irq_intid);        /* ICC_EOIR1_EL1 */
	isb();
	return true;
}

static void gic_init(void)
{
	w32(GICR + 0x14, 0);                    /* GICR_WAKER: wake up */
	w32(GICD + 0x0, 3);                     /* EnableGrp0 | EnableGrp1 */
	w32(GICR_SGI + 0x80, 0xffffffff);       /* SGIs/PPIs: Group 1 */
	w8(GICR_SGI + 0x400 + PPI_VTIMER, 0xa0);
	w8(GICR_SGI + 0x400 + SGI_TEST, 0x90);
	w32(GICR_SGI + 0x100, 1u << PPI_VTIMER | 1u << SGI_TEST);
	write_sysreg(s3_0_c4_c6_0, 0xf0);       /* ICC_PMR_EL1 */
	write_sysreg(s3_0_c12_c12_7, 1);        /* ICC_IGRPEN1_EL1 */
	isb();
}

static void arm_timer(uint64_t ticks)
{
	write_sysreg(cntv_cval_el0, read_sysreg(cntvct_el0) + ticks);
	write_sysreg(cntv_ctl_el0, 1);
	isb();
}

/* `msr daifclr, #2`; returns the address of the instruction after it. */
static uint64_t unmask_irq_here(void)
{
	uint64_t after;

	__asm__ volatile("adr %0, 1f\n\tmsr daifclr, #2\n1:\tnop\n\tmsr daifset, #2"
			 : "=&r"(after) :: "memory");
	return after;
}

static void el0_spin(void)
{
	for (volatile unsigned i = 0; i < 20000000 && !nirq; i++)
		;
	__asm__ volatile("svc #0xffff");
}

int main(void)
{
	uint64_t v, after;

	exc_handler = handler;

	section("identification");
	expect("GICD_PIDR2.ArchRev", r32(GICD + 0xffe8) >> 4 & 0xf, 3);
	expect("GICD_TYPER.ITLinesNumber >= 1", (r32(GICD + 0x4) & 0x1f) >= 1, 1);
	expect("GICR_TYPER.Last", r32(GICR + 0x8) >> 4 & 1, 1);
	expect("ICC_SRE_EL1.SRE", read_sysreg(s3_0_c12_c12_5) & 1, 1);
	expect("CNTFRQ_EL0", read_sysreg(cntfrq_el0), 62500000);

	gic_init();
	expect("GICR_WAKER.ChildrenAsleep", r32(GICR + 0x14) >> 2 & 1, 0);
	expect("GICR_ISENABLER0 bit 27", r32(GICR_SGI + 0x100) >> PPI_VTIMER & 1, 1);
	expect("GICR_IPRIORITYR[27]", *(volatile uint8_t *)(GICR_SGI + 0x400 + PPI_VTIMER), 0xa0);
	expect("ICC_RPR_EL1 idle", read_sysreg(s3_0_c12_c11_3), 0xff);

	section("virtual timer, IRQ masked, then unmasked");
	/* 1M ticks (16 ms at 62.5 MHz): long enough for QEMU's host-time timer too. */
	arm_timer(1000000);
	v = read_sysreg(cntv_tval_el0);
	expect_range("CNTV_TVAL_EL0 after arming", v, 500000, 1000000);
	expect("CNTV_CTL_EL0 before the deadline", read_sysreg(cntv_ctl_el0), 1);
	/* WFI wakes on the interrupt even though PSTATE.I masks it. */
	while (!(read_sysreg(cntv_ctl_el0) & 4))
		__asm__ volatile("wfi" ::: "memory");
	expect("CNTV_CTL_EL0.ISTATUS at the deadline", read_sysreg(cntv_ctl_el0), 5);
	expect("ICC_HPPIR1_EL1", read_sysreg(s3_0_c12_c12_2), PPI_VTIMER);
	expect("IRQs taken while PSTATE.I = 1", nirq, 0);
	after = unmask_irq_here();
	expect("IRQs taken", nirq, 1);
	expect("vector (current EL, SPx, IRQ)", irq_vec, 0x280);
	expect("ELR = the instruction after msr daifclr", irq_elr, after);
	expect("SPSR (EL1h, I clear, D A F set)", irq_spsr & ~PSR_NZCV,
	       PSR_D | PSR_A | PSR_F | PSR_MODE_EL1h);
	expect("ICC_IAR1_EL1", irq_intid, PPI_VTIMER);
	expect("ICC_RPR_EL1 in the handler", irq_rpr, 0xa0);
	expect("CNTV_CTL_EL0 in the handler", irq_ctl, 5);
	expect("ICC_RPR_EL1 after EOI", read_sysreg(s3_0_c12_c11_3), 0xff);

	section("WFI waits for the timer");
	nirq = 0;
	arm_timer(50000);
	__asm__ volatile("wfi" ::: "memory");
	expect("CNTV_CTL_EL0.ISTATUS after WFI", read_sysreg(cntv_ctl_el0) >> 2 & 1, 1);
	unmask_irq_here();
	expect("IRQs taken", nirq, 1);

	section("priority mask");
	nirq = 0;
	write_sysreg(s3_0_c4_c6_0, 0x80);       /* PMR below the timer's 0xa0 */
	isb();
	arm_timer(10);
	while (!(read_sysreg(cntv_ctl_el0) & 4))
		;
	unmask_irq_here();
	expect("IRQs taken with PMR 0x80", nirq, 0);
	expect("ICC_IAR1_EL1 with PMR 0x80", read_sysreg(s3_0_c12_c12_0), 1023);
	write_sysreg(s3_0_c4_c6_0, 0xf0);
	isb();
	unmask_irq_here();
	expect("IRQs taken with PMR 0xf0", nirq, 1);

	section("SGI to this PE");
	nirq = 0;
	write_sysreg(s3_0_c12_c11_5, (uint64_t)SGI_TEST << 24 | 1); /* ICC_SGI1R_EL1 */
	isb();
	unmask_irq_here();
	expect("IRQs taken", nirq, 1);
	expect("ICC_IAR1_EL1", irq_intid, SGI_TEST);

	section("Group 0 SGI: FIQ");
	nirq = 0;
	w32(GICR_SGI + 0x80, 0xffffffff & ~(1u << SGI_FIQ)); /* SGI 6: Group 0 */
	w8(GICR_SGI + 0x400 + SGI_FIQ, 0x80);
	w32(GICR_SGI + 0x100, 1u << SGI_FIQ);
	write_sysreg(s3_0_c12_c12_6, 1);                     /* ICC_IGRPEN0_EL1 */
	write_sysreg(s3_0_c12_c11_7, (uint64_t)SGI_FIQ << 24 | 1); /* ICC_SGI0R_EL1 */
	isb();
	expect("IRQs taken for a Group 0 interrupt", nirq, 0);
	__asm__ volatile("msr daifclr, #1\n\tnop\n\tmsr daifset, #1" ::: "memory");
	expect("FIQs taken", nfiq, 1);
	expect("vector (current EL, SPx, FIQ)", fiq_vec, 0x300);
	expect("ICC_IAR0_EL1", fiq_intid, SGI_FIQ);

	section("EL0 task interrupted");
	nirq = 0;
	arm_timer(200);
	run_el0((void *)el0_spin);
	expect("IRQs taken", nirq, 1);
	expect("vector (lower EL, AArch64, IRQ)", irq_vec, 0x480);
	expect("SPSR (EL0t, DAIF clear)", irq_spsr & ~PSR_NZCV, PSR_MODE_EL0t);

	done();
}
