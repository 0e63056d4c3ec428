// SPDX-License-Identifier: MIT
/*
 * traces/irq_step_el0/irq_step_el0.c - scenario 2: a ptrace-style
 * single-step of an EL0 task, interrupted by the timer tick.
 *
 * A tracer steps stepped_task (task.S) one instruction per stop, as
 * PTRACE_SINGLESTEP does: TIF_SINGLESTEP, SPSR.SS = 1 in the task's saved
 * PSTATE, MDSCR_EL1.SS set on every return to the task and cleared on
 * every entry from it.  Two interrupts arrive at the worst moments:
 *
 *  1. The tick expires while the tracer handles a stop (IRQs masked).  On
 *     the way back the task is active-not-pending (PSTATE.SS = 1) and the
 *     IRQ is pending: it is taken before the stepped instruction, so the
 *     IRQ saves SPSR.SS = 1 and ELR = that instruction.  The IRQ handler
 *     returns to the task with SS = 1 again, the instruction runs, and the
 *     step exception reports ELR = the instruction after it: the tracer
 *     sees the step it asked for, on the intended instruction.
 *
 *  2. The tracer steps an SVC, and the tick expires on the syscall's way
 *     out (IRQs masked).  The SVC counts as executed, so it saved SPSR.SS =
 *     0 and the return makes the task active-pending: at the first EL0
 *     boundary a step exception *and* the IRQ are pending.  The
 *     architecture leaves their order open (reference digest 6.4; armdbg's
 *     Impdef_StepVersusInterrupt decides): step first, the tracer stops
 *     after the SVC and the IRQ comes on the next return, before the next
 *     stepped instruction (SPSR.SS = 1); IRQ first, it saves SPSR.SS = 0
 *     and the step exception is taken as soon as the IRQ returns.  Either
 *     way the tracer's stops are the same; only the IRQ's frame differs.
 *
 * Sources: Arm ARM D2.10 (software step states, SPSR.SS on exception
 * entry), AArch64.CallSupervisor (SVC advances the step state), Linux's
 * user_enable_single_step/user_rewind_single_step (reference digest 9.3).
 */
#include "irqscen_common.h"

void stepped_task(void);
extern char task_brk[], step_a[], step_b[], step_c[], step_svc[],
	step_after_svc[], step_e[], step_f[];

#define SYS_TICK_LATE	64
#define TICK_LATE_RET	8
#define EXIT_CODE	(1 + 2 + TICK_LATE_RET + 16 + 32)

#define ESR_BRK0	((u64)EC_BRK64 << 26 | ESR_IL)	/* BRK #0 */

/* ---- what the tracer and the tick handler saw ----------------------------- */

struct stop {
	u64 pc, esr;
	unsigned code;		/* TRAP_BRKPT / TRAP_TRACE */
	unsigned ticks;		/* ticks handled before this stop */
};

struct tick {
	u64 pc, pstate, vec, mdscr;
	unsigned stops;		/* tracer stops before this tick */
	bool stepping;		/* the task had TIF_SINGLESTEP */
};

#define MAX_STOPS 8
#define MAX_TICKS 4
static struct stop stops[MAX_STOPS];
static struct tick ticks[MAX_TICKS];
static unsigned nstops, nticks;

static const struct sym syms[] = {
	{ "task_brk", task_brk }, { "step_a", step_a }, { "step_b", step_b },
	{ "step_c", step_c }, { "step_svc", step_svc },
	{ "step_after_svc", step_after_svc }, { "step_e", step_e },
	{ "step_f", step_f },
};

static const char *where(u64 pc)
{
	return sym_name(syms, sizeof(syms) / sizeof(syms[0]), pc);
}

static void tick(unsigned intid, struct pt_regs *regs)
{
	struct tick *t = &ticks[nticks < MAX_TICKS ? nticks++ : MAX_TICKS - 1];

	(void)intid;
	t->pc = regs->pc;
	t->pstate = regs->pstate & ~(u64)PSR_NZCV;
	t->vec = regs->vec;
	t->mdscr = mdscr_read();
	t->stops = nstops;
	t->stepping = current && (current->flags & TIF_SINGLESTEP);
	printk("  tick: IRQ from pc 0x%lx (%s), SPSR.SS = %lu\n", regs->pc,
	       where(regs->pc), regs->pstate >> 21 & 1);
	timer_virt_stop();
}

/* ---- the tracer ------------------------------------------------------------- */

static void tracer_stop(struct task *t, struct pt_regs *regs, unsigned code)
{
	struct stop *s = &stops[nstops < MAX_STOPS ? nstops++ : MAX_STOPS - 1];

	s->pc = regs->pc;
	s->esr = regs->esr;
	s->code = code;
	s->ticks = nticks;
	printk("  tracer: stop %u, %s at pc 0x%lx (%s)\n", nstops - 1,
	       code == TRAP_BRKPT ? "TRAP_BRKPT" : "TRAP_TRACE", regs->pc,
	       where(regs->pc));

	if (code == TRAP_BRKPT) {
		/* The initial stop: skip the BRK and PTRACE_SINGLESTEP. */
		regs->pc += 4;
		user_enable_single_step(t);
		return;
	}
	if (regs->pc == (u64)step_b) {
		/* A slow stop: the tick expires before the tracer resumes. */
		printk("  tracer: (the tick expires while the tracer runs)\n");
		vtimer_expire_now();
	}
	if (regs->pc == (u64)step_e) {
		printk("  tracer: PTRACE_CONT\n");
		user_disable_single_step(t);
	}
}

/* SYS_TICK_LATE: some work, then the tick expires on the way out. */
static bool scenario_syscall(struct pt_regs *regs)
{
	if (esr_ec(regs->esr) != EC_SVC64 || regs->regs[8] != SYS_TICK_LATE)
		return false;
	local_daif_restore(0);
	regs->regs[0] = TICK_LATE_RET;
	local_daif_save();
	vtimer_expire_now();
	return true;
}

/* ---- checks ------------------------------------------------------------------- */

static void check_stops(void)
{
	static const char *const want[] = {
		task_brk, step_b, step_c, step_svc, step_after_svc, step_e,
	};

	expect("tracer stops", nstops, 6);
	for (unsigned i = 0; i < 6 && i < nstops; i++) {
		printk("stop %u: ", i);
		expect("pc", stops[i].pc, (u64)want[i]);
	}
	expect("stop 0 esr (BRK #0 from EL0)", stops[0].esr, ESR_BRK0);
	expect("stop 0 code TRAP_BRKPT", stops[0].code, TRAP_BRKPT);
	for (unsigned i = 1; i < 6 && i < nstops; i++)
		expect("step stop code TRAP_TRACE", stops[i].code, TRAP_TRACE);
}

int kmain(void)
{
	struct task *t;
	const struct tick *k;

	debug_cpu_online();
	gic_init();
	gic_enable_irq(INTID_VTIMER, 0xa0, false, tick);
	el0_sync_hook = scenario_syscall;

	section("ptrace single-steps a task; the tick interrupts it twice");
	t = task_create("stepped", stepped_task, 0);
	t->ptrace_stop = tracer_stop;
	run_tasks();

	section("the tracer's stops: one per instruction, none lost or doubled");
	check_stops();
	expect("task exit code (each instruction ran once)", (u64)t->exit_code,
	       EXIT_CODE);
	expect("ticks handled", nticks, 2);
	if (nstops < 6 || nticks < 2)
		return finish();

	section("tick 1: pending while the task was active-not-pending");
	k = &ticks[0];
	expect("vector (lower EL, AArch64, IRQ)", k->vec, VEC_LOWER64 | VEC_IRQ);
	expect("ELR = step_b, the instruction about to be stepped", k->pc, (u64)step_b);
	expect("SPSR (EL0t, DAIF clear, SS = 1)", k->pstate, PSR_SS_BIT | PSR_MODE_EL0t);
	expect("taken after stop 1, before stop 2", k->stops, 2);
	expect("task still TIF_SINGLESTEP in the handler", k->stepping, 1);
	expect("MDSCR_EL1.SS in the handler (cleared on entry)", k->mdscr & MDSCR_SS, 0);
	expect("stop 2 came after the tick", stops[2].ticks, 1);
	expect_step_esr("stop 2 ESR without ISV/EX (EC 0x32, IL, IFSC 0x22)",
			stops[2].esr, EC_SOFTSTP_LOW);

	section("tick 2: pending when the stepped SVC returned (step active-pending)");
	k = &ticks[1];
	expect("vector (lower EL, AArch64, IRQ)", k->vec, VEC_LOWER64 | VEC_IRQ);
	expect("ELR = step_after_svc", k->pc, (u64)step_after_svc);
	if (k->stops == 4) {
		printk("IRQ first: taken at the boundary where the step was pending\n");
		expect("SPSR (EL0t, SS = 0: the SVC completed the step)",
		       k->pstate, PSR_MODE_EL0t);
		expect("stop 4 came after the tick", stops[4].ticks, 2);
	} else {
		printk("step first: the tracer stopped, the IRQ came on the next return\n");
		expect("taken after stop 4, before stop 5", k->stops, 5);
		expect("SPSR (EL0t, SS = 1: step_after_svc not yet stepped)",
		       k->pstate, PSR_SS_BIT | PSR_MODE_EL0t);
		expect("stop 4 came before the tick", stops[4].ticks, 1);
	}
	expect_step_esr("stop 4 ESR without ISV/EX (EC 0x32, IL, IFSC 0x22)",
			stops[4].esr, EC_SOFTSTP_LOW);
	expect("MDSCR_EL1.SS after the task exited", mdscr_read() & MDSCR_SS, 0);
	return finish();
}
