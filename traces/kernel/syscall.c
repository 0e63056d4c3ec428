// SPDX-License-Identifier: MIT
/*
 * traces/kernel/syscall.c - the syscall table (asm.h SYS_*): number in
 * x8, arguments in x0..x5, the result in x0, negative errno on failure,
 * as Linux.  Syscalls run in process context: DAIF all clear, so debug
 * exceptions at EL1 (MDSCR_EL1.KDE) and IRQs are unmasked meanwhile.
 */
#include "debug.h"

#define EFAULT 14
#define EINVAL 22
#define ENOSPC 28
#define ENOSYS 38

typedef long (*syscall_fn)(struct pt_regs *regs);

bool uaccess_kernel_ds;

const char read_file_data[32] = "0123456789abcdefghijklmnopqrstu";

/* A task's own watchpoints/breakpoints (perf_event_open of a hw_breakpoint). */
#define USER_BPS_PER_TASK 2
static struct hw_breakpoint user_bps[MAX_TASKS][USER_BPS_PER_TASK];
static unsigned nuser_bps[MAX_TASKS];

static void user_bp_report(struct hw_breakpoint *bp, struct pt_regs *regs, u64 addr)
{
	printk("perf: pid %u hw_breakpoint 0x%lx hit: pc 0x%lx addr 0x%lx\n",
	       current->pid, bp->addr, regs->pc, addr);
}

struct hw_breakpoint *task_hw_breakpoint(struct task *t, unsigned i)
{
	return i < nuser_bps[t->pid - 1] ? &user_bps[t->pid - 1][i] : NULL;
}

/* perf releases a task's events when it exits. */
static void release_task_bps(struct task *t)
{
	for (unsigned i = 0; i < nuser_bps[t->pid - 1]; i++)
		unregister_hw_breakpoint(&user_bps[t->pid - 1][i]);
}

void task_exit(int code)
{
	release_task_bps(current);
	current->exit_code = code;
	current->runnable = false;
	schedule();
}

static long sys_exit(struct pt_regs *regs)
{
	task_exit((int)regs->regs[0]);
	return 0;
}

static long sys_write(struct pt_regs *regs)
{
	char buf[128];
	u64 i;

	for (i = 0; i < sizeof(buf) - 1; i++) {
		if (copy_from_user(&buf[i], (const char *)regs->regs[0] + i, 1))
			return -EFAULT;
		if (!buf[i])
			break;
	}
	buf[i] = 0;
	printk("%s", buf);
	return (long)i;
}

static long sys_yield(struct pt_regs *regs)
{
	(void)regs;
	schedule();
	return 0;
}

static long sys_getpid(struct pt_regs *regs)
{
	(void)regs;
	return current->pid;
}

static long sys_read(struct pt_regs *regs)
{
	u64 n = regs->regs[1];

	if (n > sizeof(read_file_data))
		n = sizeof(read_file_data);
	if (!is_user_addr(regs->regs[0]))
		return -EFAULT;
	if (copy_to_user((void *)regs->regs[0], read_file_data, n))
		return -EFAULT;
	return (long)n;
}

static long sys_hw_breakpoint(struct pt_regs *regs)
{
	unsigned *n = &nuser_bps[current->pid - 1];
	struct hw_breakpoint *bp;

	if (*n == USER_BPS_PER_TASK)
		return -ENOSPC;
	bp = &user_bps[current->pid - 1][*n];
	memset(bp, 0, sizeof(*bp));
	bp->addr = regs->regs[0];
	bp->len = (unsigned)regs->regs[1];
	bp->type = (enum hw_bp_type)(regs->regs[2] & 3);
	bp->privilege = AARCH64_BREAKPOINT_EL0;
	bp->task = current;
	bp->report = user_bp_report;
	if (register_hw_breakpoint(bp))
		return -EINVAL;
	++*n;
	return 0;
}

static const syscall_fn sys_call_table[SYS_NR] = {
	[SYS_EXIT] = sys_exit,
	[SYS_WRITE] = sys_write,
	[SYS_YIELD] = sys_yield,
	[SYS_GETPID] = sys_getpid,
	[SYS_READ] = sys_read,
	[SYS_HW_BREAKPOINT] = sys_hw_breakpoint,
};

void el0_svc(struct pt_regs *regs)
{
	u64 scno = regs->regs[8];
	long ret = -ENOSYS;

	local_daif_restore(0);
	if (scno < SYS_NR && sys_call_table[scno])
		ret = sys_call_table[scno](regs);
	local_daif_save();
	regs->regs[0] = (u64)ret;
}
