// SPDX-License-Identifier: MIT
/*
 * traces/kernel/sched.c - EL0 tasks and a round-robin scheduler.
 *
 * A context switch writes CONTEXTIDR_EL1 with the next task's pid (as
 * Linux with CONFIG_PID_IN_CONTEXTIDR) and switches the per-task
 * breakpoints (as perf's sched-out/sched-in of a task's hw_breakpoint
 * events).  There is one kernel stack: a task's context lives in its
 * struct task while it is not running (traps.c).
 */
#include "debug.h"

struct task *current;
bool need_resched;
void (*switch_hook)(struct task *prev, struct task *next);

static struct task task_table[MAX_TASKS];
static unsigned ntasks;
static unsigned nswitches;

/* run_tasks()' caller, resumed when no task is left. */
struct kctx {
	u64 x19_x30[12];
	u64 sp, daif;
};

int kctx_save(struct kctx *c);
void kctx_restore(struct kctx *c, int v) __attribute__((noreturn));
void ret_to_user(const struct pt_regs *regs) __attribute__((noreturn));

static struct kctx sched_ctx;

/* The tasks' stacks, in the user region. */
#define USER_STACK_SIZE 8192
static char user_stacks[MAX_TASKS][USER_STACK_SIZE]
	__attribute__((section(".user.stack"), aligned(16)));

struct task *task_create(const char *name, void (*entry)(void), u64 arg)
{
	struct task *t;

	if (ntasks == MAX_TASKS)
		panic(NULL, "too many tasks");
	t = &task_table[ntasks];
	memset(t, 0, sizeof(*t));
	t->name = name;
	t->pid = ++ntasks;
	t->contextidr = t->pid;
	t->regs.pc = (u64)entry;
	t->regs.pstate = PSR_MODE_EL0t;
	t->regs.sp = (u64)(user_stacks[t->pid - 1] + USER_STACK_SIZE);
	t->regs.regs[0] = arg;
	t->runnable = true;
	return t;
}

static void context_switch(struct task *prev, struct task *next)
{
	hw_breakpoint_thread_switch(prev, next);
	write_sysreg(next->contextidr, contextidr_el1);
	isb();
	current = next;
	nswitches++;
	if (switch_hook)
		switch_hook(prev, next);
}

/* The next runnable task after @prev (round robin), or NULL. */
static struct task *pick_next(struct task *prev)
{
	unsigned start = prev ? prev->pid % ntasks : 0;

	for (unsigned i = 0; i < ntasks; i++) {
		struct task *t = &task_table[(start + i) % ntasks];

		if (t->runnable)
			return t;
	}
	return NULL;
}

void schedule(void)
{
	struct task *prev = current;
	struct task *next = pick_next(prev);

	if (!next) {
		hw_breakpoint_thread_switch(prev, NULL);
		current = NULL;
		kctx_restore(&sched_ctx, 1);
	}
	if (next != prev)
		context_switch(prev, next);
}

void run_tasks(void)
{
	struct task *first;

	if (kctx_save(&sched_ctx))
		return;
	first = pick_next(NULL);
	if (!first)
		return;
	local_daif_save();
	current = NULL;
	context_switch(NULL, first);
	if (current->flags & TIF_SINGLESTEP)
		mdscr_write(mdscr_read() | MDSCR_SS);
	ret_to_user(&current->regs);
}

unsigned context_switches(void)
{
	return nswitches;
}
