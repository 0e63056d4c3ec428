// SPDX-License-Identifier: MIT
/*
 * traces/step_exclusive/step_exclusive.c - scenario 7: single-stepping a
 * load/store-exclusive loop (MMU on: exclusives need Normal memory).
 *
 * A tracer single-steps an EL0 task whose atomic increment is
 * LDXR / ADD / STXR / CBNZ.
 *
 *  - naive stepping: every step exception and its ERET come between the
 *    LDXR and the STXR, and an exception return clears the local
 *    exclusive monitor (AArch64.ExceptionReturn: ClearExclusiveLocal), so
 *    the STXR always fails (status 1) and the loop never makes progress.
 *    The step syndrome says so: after a Load-Exclusive the step exception
 *    has ISV = 1, EX = 1 (AArch64.SoftwareStepException,
 *    SoftwareStep_SteppedEX);
 *  - the fix, as debuggers do (GDB steps over an atomic sequence as a
 *    whole): on a step stop with EX = 1 the tracer rewinds the PC to the
 *    Load-Exclusive (re-executing a load is harmless: the monitor is lost
 *    anyway), finds the end of the sequence (the store-exclusive and the
 *    conditional branch back), puts a breakpoint after it, stops stepping
 *    and lets the task run the sequence with no exception inside; at the
 *    breakpoint it removes it and steps on.
 */
#include "debug.h"

void excl_task(void);
extern char excl_ldxr[], excl_stxr[], excl_cbnz[], excl_done[];
extern u64 counter;

#define ESR_SS_LOW	0xcb000022ull	/* EC 0x32, IL, ISV, IFSC 0x22 */
#define ESR_SS_EX	0xcb000062ull	/* ... EX: a Load-Exclusive was stepped */
#define ESR_BP_LOW	0xc2000022ull	/* EC 0x30 */
#define ESR_EX		(1ull << 6)
#define NAIVE_ROUNDS	3

static bool is_load_exclusive(u32 insn)
{
	return (insn & 0x3fe00000) == 0x08400000;	/* LDXR, LDAXR */
}

static bool is_store_exclusive(u32 insn)
{
	return (insn & 0x3fe00000) == 0x08000000;	/* STXR, STLXR */
}

static bool is_cb(u32 insn)
{
	return (insn & 0x7e000000) == 0x34000000;	/* CBZ, CBNZ */
}

/*
 * The end of the exclusive sequence starting at @ldxr: the instruction
 * after the compare-and-branch that follows the store-exclusive.
 */
static u64 sequence_end(u64 ldxr)
{
	bool stored = false;
	u32 insn;

	if (copy_from_user(&insn, (void *)ldxr, 4) || !is_load_exclusive(insn))
		return 0;
	for (u64 pc = ldxr + 4; pc < ldxr + 64; pc += 4) {
		if (copy_from_user(&insn, (void *)pc, 4))
			return 0;
		if (is_store_exclusive(insn))
			stored = true;
		else if (stored && is_cb(insn))
			return pc + 4;
	}
	return 0;
}

enum phase { NAIVE, OVER, AFTER };

static enum phase phase;
static unsigned stxr_failures, ex_stops, stops_naive, stops_after;
static u64 counter_at_switch, seq_end, bp_esr, bp_pc, bp_w2;

static void bp_hit(struct hw_breakpoint *bp, struct pt_regs *regs, u64 addr);

static struct hw_breakpoint seq_bp = {
	.type = HW_BREAKPOINT_X, .len = 4, .privilege = AARCH64_BREAKPOINT_EL0,
	.report = bp_hit, .custom_handler = true,	/* a ptrace breakpoint */
};

/* The breakpoint after the sequence: remove it and step on. */
static void bp_hit(struct hw_breakpoint *bp, struct pt_regs *regs, u64 addr)
{
	(void)addr;
	bp_esr = regs->esr;
	bp_pc = regs->pc;
	bp_w2 = regs->regs[2];
	unregister_hw_breakpoint(bp);
	phase = AFTER;
	user_enable_single_step(current);
}

static void tracer(struct task *t, struct pt_regs *regs, unsigned code)
{
	if (code != TRAP_TRACE)
		return;
	if (phase == AFTER) {
		stops_after++;
		return;
	}
	stops_naive++;
	if (regs->pc == (u64)excl_cbnz && regs->regs[2])
		stxr_failures++;
	if (!(regs->esr & ESR_EX))
		return;
	ex_stops++;
	if (stxr_failures < NAIVE_ROUNDS)
		return;
	/* No progress: step over the whole sequence instead. */
	counter_at_switch = counter;
	seq_end = sequence_end(regs->pc - 4);
	if (!seq_end)
		return;
	regs->pc -= 4;
	seq_bp.addr = seq_end;
	seq_bp.task = t;
	if (register_hw_breakpoint(&seq_bp))
		return;
	user_disable_single_step(t);
	phase = OVER;
}

static void expect_step(const char *label, unsigned n, u64 esr, u64 pc)
{
	static const char *const names[] = { "esr", "elr" };
	const struct exc_rec *r = exc_trace_find(EC_SOFTSTP_LOW, n);
	const u64 got[] = { r ? r->esr : 0, r ? r->pc : 0 };
	const u64 want[] = { esr, pc };

	expect_tuple(label, 2, names, got, want);
}

int kmain(void)
{
	struct task *t;

	debug_cpu_online();
	section("a tracer single-steps an LDXR/STXR loop");
	t = task_create("atomic_inc", excl_task, 0);
	t->ptrace_stop = tracer;
	user_enable_single_step(t);
	exc_trace_reset();
	exc_trace_on = true;
	run_tasks();
	exc_trace_on = false;

	expect_step("step 2, after LDXR", 2, ESR_SS_EX, (u64)excl_ldxr + 4);
	expect_step("step 3, after ADD", 3, ESR_SS_LOW, (u64)excl_stxr);
	expect("STXR failures while stepping", stxr_failures, NAIVE_ROUNDS);
	expect("step stops with EX=1", ex_stops, NAIVE_ROUNDS + 1);
	expect("step stops, naive", stops_naive, 4 * NAIVE_ROUNDS + 3);
	expect("counter after the naive rounds (no progress)", counter_at_switch, 41);

	section("step over the sequence: breakpoint after it");
	expect("sequence end", seq_end, (u64)excl_done);
	expect("breakpoint esr (EC 0x30)", bp_esr, ESR_BP_LOW);
	expect("breakpoint elr", bp_pc, (u64)excl_done);
	expect("STXR status at the breakpoint", bp_w2, 0);
	expect("counter", counter, 42);
	expect("step stops after it (mov, mov)", stops_after, 2);
	expect("exit code", (u64)t->exit_code, 42);
	return finish();
}
