// SPDX-License-Identifier: MIT
/*
 * traces/irq_step_kgdb/irq_step_kgdb.c - scenario 3: a kernel debugger
 * (kgdb) single-steps EL1 code and an interrupt gets in the way.
 *
 * The debugger stops at its compiled-in break (BRK #0x401), and the user
 * types "stepi": the debugger sets SPSR.SS = 1 in the saved PSTATE and
 * MDSCR_EL1.{SS,KDE,MDE} (kernel_enable_single_step) and returns to the
 * code with PSTATE.D = 0, so the PE is active-not-pending at EL1.  While
 * the debugger is stopped (IRQs masked) the timer tick expires.
 *
 * The kernel's IRQ path unmasks debug exceptions (PSTATE.D = 0, as Linux's
 * el1_interrupt does with DAIF_PROCCTX_NOIRQ).  An exception entry clears
 * PSTATE.SS, and MDSCR_EL1.SS is still set: once D is clear the PE is
 * active-pending *inside the IRQ handler* and takes the step exception on
 * the handler's next instruction (reference digest 6.2 "Hazard", 9.5).
 * The proposed fix - stash MDSCR_EL1.SS and clear it on IRQ entry,
 * restore it before the return (irq_stash_step) - keeps the step where
 * the user asked for it.
 *
 *  A. "stepi" over an ordinary instruction in process context: the tick
 *     is taken before it (SPSR.SS = 1 saved, step active-not-pending).
 *     Linux's behaviour: the debugger stops in the IRQ handler right
 *     after `msr daifclr, #8`.  With the fix: it stops on the instruction
 *     after the stepped one, after the IRQ has been handled.
 *
 *  B. "stepi" over local_irq_enable() (`msr daifclr, #2`) with the tick
 *     already pending: once it completes, the step exception and the IRQ
 *     are pending at the same boundary.  The architecture does not order
 *     them (digest 6.4: armdbg's Impdef_StepVersusInterrupt decides).
 *     Step first: the debugger stops where intended and the IRQ follows
 *     its "continue".  IRQ first: the IRQ saves SPSR.SS = 0 and the step
 *     exception comes inside the handler (Linux) or right after its
 *     return, at the intended instruction (the fix).
 */
#include "irqscen_common.h"

u64 kgdb_demo_step(u64 x);
u64 kgdb_demo_irq_enable(u64 x);
extern char demo_step_brk[], demo_step_insn[], demo_step_next[],
	demo_irqen_brk[], demo_irqen_insn[], demo_irqen_next[];

#define KGDB_COMPILED_BRK_IMM	0x401
#define EL1H_SS			(PSR_SS_BIT | PSR_MODE_EL1h)

/* ---- what the debugger and the tick handler saw ---------------------------- */

struct kstop {
	u64 pc, esr, pstate;
	unsigned ticks;		/* ticks handled before this stop */
	bool after_unmask;	/* ELR - 4 is `msr daifclr, #8` */
};

struct tick {
	u64 pc, pstate;
	unsigned kstops;	/* debugger stops before this tick */
};

#define MAX_REC 4
static struct kstop kstops[MAX_REC];
static struct tick ticks[MAX_REC];
static unsigned nkstops, nticks, nbrk;

static const struct sym syms[] = {
	{ "demo_step_brk", demo_step_brk }, { "demo_step_insn", demo_step_insn },
	{ "demo_step_next", demo_step_next }, { "demo_irqen_brk", demo_irqen_brk },
	{ "demo_irqen_insn", demo_irqen_insn }, { "demo_irqen_next", demo_irqen_next },
};

static const char *where(u64 pc)
{
	return sym_name(syms, sizeof(syms) / sizeof(syms[0]), pc);
}

static void tick(unsigned intid, struct pt_regs *regs)
{
	struct tick *t = &ticks[nticks < MAX_REC ? nticks++ : MAX_REC - 1];

	(void)intid;
	t->pc = regs->pc;
	t->pstate = regs->pstate & ~(u64)PSR_NZCV;
	t->kstops = nkstops;
	printk("  tick: IRQ from pc 0x%lx (%s), SPSR.SS = %lu\n", regs->pc,
	       where(regs->pc), regs->pstate >> 21 & 1);
	timer_virt_stop();
}

/* ---- the debugger ------------------------------------------------------------- */

/* The compiled-in break: the user types "stepi" (and is slow about it). */
static bool kgdb_brk(struct pt_regs *regs, u64 esr)
{
	(void)esr;
	nbrk++;
	printk("  kgdb: break at 0x%lx (%s); stepi\n", regs->pc, where(regs->pc));
	regs->pc += 4;
	vtimer_expire_now();
	kernel_enable_single_step(regs);
	return true;
}

/* The step exception: report where it stopped, then "continue". */
static bool kgdb_step(struct pt_regs *regs, u64 esr)
{
	struct kstop *s = &kstops[nkstops < MAX_REC ? nkstops++ : MAX_REC - 1];

	s->pc = regs->pc;
	s->esr = esr;
	s->pstate = regs->pstate & ~(u64)PSR_NZCV;
	s->ticks = nticks;
	s->after_unmask = after_debug_unmask(regs->pc);
	printk("  kgdb: stepped, stopped at 0x%lx (%s); continue\n", regs->pc,
	       where(regs->pc));
	kernel_disable_single_step();
	return true;
}

static const struct break_hook kgdb_break_hook = {
	.imm = KGDB_COMPILED_BRK_IMM, .fn = kgdb_brk,
};

/* ---- the cases -------------------------------------------------------------------- */

static u64 run(bool fix, bool irq_enable_case)
{
	u64 r;

	nkstops = nticks = nbrk = 0;
	memset(kstops, 0, sizeof(kstops));
	memset(ticks, 0, sizeof(ticks));
	irq_stash_step = fix;
	if (irq_enable_case) {
		local_daif_restore(PSR_I_BIT);	/* in a local_irq_save() section */
		r = kgdb_demo_irq_enable(10);
	} else {
		local_daif_restore(0);		/* process context */
		r = kgdb_demo_step(10);
	}
	local_daif_save();
	irq_stash_step = false;
	return r;
}

static void expect_stop_in_handler(const struct kstop *s)
{
	printk("the step landed in the IRQ handler, not at the stepped code:\n");
	expect("  ELR - 4 is msr daifclr, #8", s->after_unmask, 1);
	expect("  SPSR.{D,I} (IRQ context, debug unmasked)",
	       s->pstate & (PSR_D_BIT | PSR_I_BIT), PSR_I_BIT);
	expect("  ticks handled at the stop (the handler had not run yet)", s->ticks, 0);
	expect_step_esr("  ESR without ISV/EX (EC 0x33, IL, IFSC 0x22)", s->esr,
			EC_SOFTSTP_CUR);
}

static void expect_stop_at(const struct kstop *s, const char *pc, unsigned ticks_before)
{
	printk("the step landed on the intended instruction:\n");
	expect("  ELR", s->pc, (u64)pc);
	expect("  SPSR (EL1h, DAIF clear, SS = 0)", s->pstate, PSR_MODE_EL1h);
	expect("  ticks handled at the stop", s->ticks, ticks_before);
	expect_step_esr("  ESR without ISV/EX (EC 0x33, IL, IFSC 0x22)", s->esr,
			EC_SOFTSTP_CUR);
}

static void case_step(bool fix)
{
	u64 r = run(fix, false);

	expect("result (each instruction ran once)", r, 13);
	expect("debugger stops", nkstops, 1);
	expect("ticks", nticks, 1);
	expect("tick ELR = demo_step_insn (taken before the stepped insn)",
	       ticks[0].pc, (u64)demo_step_insn);
	expect("tick SPSR (EL1h, DAIF clear, SS = 1: active-not-pending)",
	       ticks[0].pstate, EL1H_SS);
	if (!fix) {
		expect("tick handled after the debugger's stop", ticks[0].kstops, 1);
		expect_stop_in_handler(&kstops[0]);
	} else {
		expect("tick handled before the debugger's stop", ticks[0].kstops, 0);
		expect_stop_at(&kstops[0], demo_step_next, 1);
	}
}

static void case_irq_enable(bool fix)
{
	u64 r = run(fix, true);
	/* The IRQ went first if the step came inside it or after it. */
	bool irq_first = kstops[0].after_unmask || (nticks && ticks[0].kstops == 0);

	expect("result (each instruction ran once)", r, 14);
	expect("debugger stops", nkstops, 1);
	expect("ticks", nticks, 1);
	expect("tick ELR = demo_irqen_next", ticks[0].pc, (u64)demo_irqen_next);
	if (irq_first) {
		printk("IRQ first: taken at the boundary where the step was pending\n");
		expect("tick SPSR (EL1h, DAIF clear, SS = 0: the step had completed)",
		       ticks[0].pstate, PSR_MODE_EL1h);
		if (fix)
			expect_stop_at(&kstops[0], demo_irqen_next, 1);
		else
			expect_stop_in_handler(&kstops[0]);
	} else {
		printk("step first: the IRQ waited for the debugger's continue\n");
		expect("tick SPSR (EL1h, DAIF clear, SS = 0: not stepping)",
		       ticks[0].pstate, PSR_MODE_EL1h);
		expect_stop_at(&kstops[0], demo_irqen_next, 0);
	}
}

int kmain(void)
{
	debug_cpu_online();
	gic_init();
	gic_enable_irq(INTID_VTIMER, 0xa0, false, tick);
	register_break_hook(&kgdb_break_hook);
	kernel_step_hook = kgdb_step;

	section("A. stepi, the tick taken first; IRQ path unmasks D (Linux)");
	case_step(false);
	section("A. the same with MDSCR_EL1.SS stashed over the IRQ (the fix)");
	case_step(true);
	section("B. stepi over local_irq_enable() with the tick pending (Linux)");
	case_irq_enable(false);
	section("B. the same with MDSCR_EL1.SS stashed over the IRQ (the fix)");
	case_irq_enable(true);

	section("afterwards");
	expect("MDSCR_EL1 (no SS, no KDE/MDE users)", mdscr_read(), MDSCR_TDCC);
	expect("unexpected kernel steps", debug_stats.step_unexpected, 0);
	return finish();
}
