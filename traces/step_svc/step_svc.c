// SPDX-License-Identifier: MIT
/*
 * traces/step_svc/step_svc.c - scenario 6: single-stepping over SVC.
 *
 * A tracer single-steps an EL0 task (ptrace PTRACE_SINGLESTEP: the kernel
 * sets TIF_SINGLESTEP and SPSR.SS = 1, and MDSCR_EL1.SS = 1 whenever the
 * task runs).  Each step exception from EL0 (EC 0x32) is a SIGTRAP stop;
 * the tracer continues stepping.
 *
 *  - BRK is not "executed": its exception saves SPSR.SS = 1, so after the
 *    tracer moves the PC past it the step completes on the next
 *    instruction (digest 6.2);
 *  - SVC counts as executed: PSTATE.SS is cleared before the SVC exception
 *    is taken (AArch64.CallSupervisor calls SSAdvance first), SPSR.SS = 0;
 *    when the kernel returns from getpid() with MDSCR_EL1.SS = 1 the task
 *    is active-pending and the step exception is taken before its next
 *    instruction runs: ELR = the instruction after the SVC, which has not
 *    executed (x3 still 0), and ISV = 0 because no instruction was stepped
 *    (the last one was the kernel's ERET, executed with step inactive).
 *
 * Linux reports a "pseudo-step" SIGTRAP itself at the exit of a syscall
 * made by a stepped task (report_syscall()), because the tracer may have
 * rewound the step state machine in a syscall stop; this kernel shows
 * the architectural behaviour underneath.
 */
#include "debug.h"

void svc_task(void);
extern char task_brk[], task_svc[], after_svc[], task_exit_svc[];

#define ESR_SS_LOW	0xcb000022ull	/* EC 0x32, IL, ISV, IFSC 0x22 */
#define ESR_SS_NOISV	0xca000022ull	/* ISV = 0: no instruction stepped */
#define ESR_BRK		0xf2000010ull	/* EC 0x3c, IL, comment 0x10 */
#define ESR_SVC		0x56000000ull	/* EC 0x15, IL, imm 0 */

struct stop {
	unsigned code;
	u64 pc, esr, x0, x3;
};

#define MAX_STOPS 16
static struct stop stops[MAX_STOPS];
static unsigned nstops;

/* The tracer: note the stop, step on; skip a BRK as a debugger would. */
static void tracer(struct task *t, struct pt_regs *regs, unsigned code)
{
	(void)t;
	if (nstops < MAX_STOPS)
		stops[nstops] = (struct stop){ code, regs->pc, regs->esr,
					       regs->regs[0], regs->regs[3] };
	nstops++;
	if (code == TRAP_BRKPT)
		regs->pc += 4;
}

static void expect_stop(unsigned i, unsigned code, u64 pc, u64 esr)
{
	static const char *const names[] = { "si_code", "pc", "esr" };
	const u64 got[] = { stops[i].code, stops[i].pc, stops[i].esr };
	const u64 want[] = { code, pc, esr };
	char label[] = "stop 0";

	label[5] = (char)('0' + i);
	expect_tuple(label, 3, names, got, want);
}

int kmain(void)
{
	u64 t0 = (u64)svc_task;
	const struct exc_rec *svc, *brk;
	struct task *t;

	debug_cpu_online();
	section("a tracer single-steps a task through BRK and getpid()");
	t = task_create("stepped", svc_task, 0);
	t->ptrace_stop = tracer;
	user_enable_single_step(t);
	exc_trace_reset();
	exc_trace_on = true;
	run_tasks();
	exc_trace_on = false;

	expect("stops", nstops, 10);
	if (nstops != 10)
		return finish();
	expect_stop(0, TRAP_TRACE, t0 + 4, ESR_SS_LOW);
	expect_stop(1, TRAP_TRACE, (u64)task_brk, ESR_SS_LOW);
	expect_stop(2, TRAP_BRKPT, (u64)task_brk, ESR_BRK);
	expect_stop(3, TRAP_TRACE, (u64)task_brk + 8, ESR_SS_LOW);
	expect_stop(4, TRAP_TRACE, (u64)task_svc, ESR_SS_LOW);
	expect_stop(5, TRAP_TRACE, (u64)after_svc, ESR_SS_NOISV);
	expect_stop(6, TRAP_TRACE, (u64)after_svc + 4, ESR_SS_LOW);
	expect_stop(7, TRAP_TRACE, (u64)after_svc + 8, ESR_SS_LOW);
	expect_stop(8, TRAP_TRACE, (u64)after_svc + 12, ESR_SS_LOW);
	expect_stop(9, TRAP_TRACE, (u64)task_exit_svc, ESR_SS_LOW);

	section("BRK: not executed, SPSR.SS=1");
	brk = exc_trace_find(EC_BRK64, 0);
	expect("BRK elr", brk ? brk->pc : 0, (u64)task_brk);
	expect("BRK spsr (EL0t, SS=1)", brk ? brk->pstate & ~(u64)PSR_NZCV : 0,
	       PSR_SS_BIT);

	section("getpid(): the stepped SVC saves SPSR.SS=0");
	svc = exc_trace_find(EC_SVC64, 0);
	expect("SVC esr", svc ? svc->esr : 0, ESR_SVC);
	expect("SVC elr", svc ? svc->pc : 0, (u64)after_svc);
	expect("SVC spsr (EL0t, SS=0)", svc ? svc->pstate & ~(u64)PSR_NZCV : 1, 0);
	printk("-- the return to the task: active-pending, stop before after_svc runs\n");
	expect("x0 at the stop (getpid() = 1)", stops[5].x0, 1);
	expect("x3 at the stop (add x3 not executed)", stops[5].x3, 0);
	expect("x3 at the next stop (executed)", stops[6].x3, 0x101);

	expect("exit code", (u64)t->exit_code, 0x101);
	expect("MDSCR_EL1.SS after the task", mdscr_read() & MDSCR_SS, 0);
	return finish();
}
