/* SPDX-License-Identifier: MIT */
/*
 * traces/kernel/kernel.h - the small AArch64 kernel every trace scenario
 * is built on: start-up at EL1 (or EL2 with `--el2`, dropping to EL1),
 * vectors that save a pt_regs frame and dispatch by EL and exception
 * class, syscalls from EL0 tasks, a round-robin scheduler, an identity
 * map, the console (semihosting), the exception table, and the checks a
 * scenario prints.  The debug side is in debug.h, interrupts in irq.h.
 *
 * A scenario defines kmain(), which runs at EL1h with DAIF masked and the
 * MMU on; its return value is the exit status (0 PASS, 1 FAIL).
 *
 * Memory map (kernel.ld; RAM at 0x40000000, as QEMU virt and armdbg):
 *   0x40080000  kernel text (head, vectors at 0x40081000/0x40081800), rodata,
 *               exception table, data, bss, stacks, page tables
 *   0x40200000  user region, one 2 MiB block mapped EL0 read/write/execute,
 *               never executable at EL1: .user.text (task code) at
 *               0x40200000, .user.data at 0x40210000, task stacks at
 *               0x40240000
 * Everything else in RAM is kernel-only; 0x00000000-0x3fffffff (GIC) is
 * Device-nGnRE.
 */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "asm.h"

typedef uint64_t u64;
typedef uint32_t u32;

#define __maybe_unused __attribute__((unused))

/* ---- registers ---------------------------------------------------------- */

/* The exception frame (asm.h S_* offsets). */
struct pt_regs {
	u64 regs[31];
	u64 sp;       /* SP of the interrupted context */
	u64 pc;       /* ELR */
	u64 pstate;   /* SPSR */
	u64 esr;
	u64 far;
	u64 vec;      /* vector offset taken */
	u64 el;       /* EL of the handler */
};

_Static_assert(sizeof(struct pt_regs) == S_FRAME_SIZE, "pt_regs layout");

static inline unsigned esr_ec(u64 esr)
{
	return (unsigned)(esr >> 26) & 0x3f;
}

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->pstate & PSR_MODE_MASK) == PSR_MODE_EL0t;
}

#define read_sysreg(r) ({ u64 __v; \
	__asm__ volatile("mrs %0, " #r : "=r"(__v) :: "memory"); __v; })
#define write_sysreg(v, r) \
	__asm__ volatile("msr " #r ", %0" :: "r"((u64)(v)) : "memory")

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline void dsb_sy(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}

static inline u64 local_daif_save(void)
{
	u64 flags = read_sysreg(daif);

	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	return flags;
}

static inline void local_daif_restore(u64 flags)
{
	write_sysreg(flags, daif);
}

/* PSTATE.D: debug exceptions targeting the current EL masked or not. */
static inline void local_debug_enable(void)
{
	__asm__ volatile("msr daifclr, #8" ::: "memory");
}

static inline void local_debug_disable(void)
{
	__asm__ volatile("msr daifset, #8" ::: "memory");
}

static inline void local_irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

static inline void local_irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" ::: "memory");
}

static inline unsigned current_el(void)
{
	return (unsigned)(read_sysreg(CurrentEL) >> 2) & 3;
}

/* ---- console, exit and checks (printk.c) ------------------------------- */

/* %s %c %d %u %x, with l for 64 bits (no widths). */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kernel_exit(unsigned code) __attribute__((noreturn));
/* Print "Kernel panic - not syncing: MSG", the registers if any, exit 3. */
void panic(const struct pt_regs *regs, const char *msg) __attribute__((noreturn));

/* A scenario's transcript: "== title", "label = 0xVALUE", PASS/FAIL. */
void section(const char *title);
void expect(const char *label, u64 got, u64 want);
void expect_range(const char *label, u64 got, u64 lo, u64 hi);
/* One line "label: name=0xGOT ..." checked field by field against @want. */
void expect_tuple(const char *label, unsigned n, const char *const *names,
		  const u64 *got, const u64 *want);
/* Print "label = 0xVALUE" with no check (an UNKNOWN value, for the record). */
void note(const char *label, u64 value);
unsigned check_failures(void);
/* "PASS" (returns 0) or "FAIL: n check(s)" (returns 1): kmain's return value. */
int finish(void);

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

/* ---- start-up, MMU, EL2 (head.S, mmu.c) ------------------------------- */

int kmain(void);

/* The EL the image was entered at (1, or 2 with --el2). */
extern u64 boot_el;

/* The identity map described above; start_kernel() turns it on. */
void mmu_init(void);

#define USER_BASE	0x40200000ull
#define USER_SIZE	0x00200000ull

static inline bool is_user_addr(u64 addr)
{
	return addr >= USER_BASE && addr < USER_BASE + USER_SIZE;
}

/*
 * Hypervisor hooks (--el2 only).  hyp_init() runs at EL2 before the drop
 * to EL1 (weak: the default keeps EL2 out of the way).  hyp_sync() gets
 * every synchronous exception taken to EL2 except HVC #HVC_CALL; it
 * returns false for "not mine" (the hypervisor then panics).  hyp_irq()
 * gets IRQs taken to EL2.  hyp_call(fn, ...) runs fn at EL2 from EL1.
 */
void hyp_init(void);
bool hyp_sync(struct pt_regs *regs);
bool hyp_irq(struct pt_regs *regs);
u64 hyp_call(u64 (*fn)(u64, u64, u64), u64 a, u64 b, u64 c);

/* ---- exceptions (traps.c, extable.c) --------------------------------- */

/*
 * Scenario hooks, consulted before the kernel's own handling: return true
 * when the exception was handled (the frame, possibly modified, is
 * restored by the ERET).  NULL: none.
 */
extern bool (*el1_sync_hook)(struct pt_regs *regs);
extern bool (*el0_sync_hook)(struct pt_regs *regs);
/* FIQ and SError, any source; the kernel panics without a hook. */
extern bool (*fiq_hook)(struct pt_regs *regs);
extern bool (*serror_hook)(struct pt_regs *regs);

/*
 * The exception table: pairs (faulting PC, fixup PC), as Linux's __ex_table.
 * A kernel instruction that may fault (a uaccess, or an MRS/MSR of a
 * debug register that may not be implemented) gets an entry; the
 * UNDEFINED and data-abort handlers move the PC to the fixup.
 */
struct exception_table_entry {
	u64 insn, fixup;
};

const struct exception_table_entry *search_exception_tables(u64 pc);
/* If regs->pc has an entry: count it, set regs->pc = fixup, return true. */
bool fixup_exception(struct pt_regs *regs);

/* The fixups taken so far, and the last one's ESR and faulting PC. */
struct fixup_stats {
	unsigned count;
	u64 last_esr, last_pc, last_fixup;
};
extern struct fixup_stats fixup_stats;

/*
 * The _ASM_EXTABLE idiom for inline asm: "1:" is the instruction that may
 * fault, "2:" the instruction after it; the fixup sets the error operand
 * %w0 to -1 and resumes at 2.
 */
#define EXTABLE_FIXUP_ERR \
	"	.pushsection .text.fixup, \"ax\"\n" \
	"3:	mov	%w0, #-1\n" \
	"	b	2b\n" \
	"	.popsection\n" \
	"	.pushsection __ex_table, \"a\"\n" \
	"	.balign	8\n" \
	"	.quad	1b, 3b\n" \
	"	.popsection\n"

/* ---- tasks and syscalls (sched.c, syscall.c) --------------------------- */

#define MAX_TASKS	4
#define TIF_SINGLESTEP	(1u << 0)

/* hw_breakpoint's per-task step-over state (Linux's debug_info). */
struct debug_info {
	bool suspended_step;   /* the task was already single-stepping */
	bool bps_disabled;     /* EL0 breakpoints off while stepping over one */
	bool wps_disabled;     /* EL0 watchpoints off while stepping over one */
};

/*
 * While a task is in the kernel (a syscall, a debug exception or an IRQ
 * from EL0), regs is its live user context: the entry code copies the
 * exception frame into it and the way out copies it back, so handlers and
 * a tracer change a task's registers the same way whether it runs or not.
 */
struct task {
	struct pt_regs regs;   /* the user context */
	const char *name;
	unsigned pid;          /* 1.. */
	u64 contextidr;        /* written to CONTEXTIDR_EL1 when it runs */
	unsigned flags;        /* TIF_* */
	bool runnable;
	int exit_code;
	struct debug_info debug;
	/* A tracer ("debugger") of this task: called on debug stops. */
	void (*ptrace_stop)(struct task *t, struct pt_regs *regs, unsigned sig_code);
};

/* si_code values of a SIGTRAP stop. */
enum { TRAP_BRKPT = 1, TRAP_TRACE = 2, TRAP_HWBKPT = 4 };

extern struct task *current;

/*
 * Create an EL0 task at @entry with x0 = @arg, its own user stack, DAIF
 * clear, CONTEXTIDR_EL1 = @pid (Linux's CONFIG_PID_IN_CONTEXTIDR).
 */
struct task *task_create(const char *name, void (*entry)(void), u64 arg);
/*
 * Run every task until all have exited (round robin: a task runs until it
 * yields, exits or is preempted), then return to the caller at EL1 with
 * its DAIF.
 */
void run_tasks(void);
/*
 * Make the next runnable task current (its saved registers are what the
 * way back to EL0 restores); back to run_tasks()' caller when none is left.
 */
void schedule(void);
/* Set by an interrupt handler: schedule() on the way back to EL0. */
extern bool need_resched;
/* A context switch hook for the scenarios (after CONTEXTIDR is written). */
extern void (*switch_hook)(struct task *prev, struct task *next);
unsigned context_switches(void);

/* The i-th breakpoint/watchpoint task @t asked for with SYS_HW_BREAKPOINT. */
struct hw_breakpoint *task_hw_breakpoint(struct task *t, unsigned i);

/* The current task ends with @code (its breakpoints released); schedule(). */
void task_exit(int code);
/* Kill the current task with signal @sig (its tracer is not told). */
void force_sig(struct pt_regs *regs, int sig);

/* Syscall dispatch from el0_sync. */
void el0_svc(struct pt_regs *regs);
/* The kernel's "file" that SYS_READ copies to the user (32 bytes). */
extern const char read_file_data[32];

/*
 * uaccess (uaccess.S): the number of bytes NOT copied (0 on success), as
 * Linux.  The routines use STTR/LDTR, which EL1 executes as EL0 accesses
 * unless PSTATE.UAO = 1.
 */
u64 __copy_to_user(void *to, const void *from, u64 n);
u64 __copy_from_user(void *to, const void *from, u64 n);
/* The STTR of __copy_to_user's 8-byte loop, for checks of ELR. */
extern char copy_to_user_sttr[];
/* PSTATE.UAO (FEAT_UAO: --cpu v9-max): LDTR/STTR then act as privileged. */
void uao_set(bool on);
/*
 * The set_fs(KERNEL_DS) era (Linux before v5.11 on CPUs with UAO): the
 * uaccess routines run with PSTATE.UAO = 1, so they may touch kernel
 * memory - and are checked as EL1 accesses.
 */
extern bool uaccess_kernel_ds;

static inline u64 copy_to_user(void *to, const void *from, u64 n)
{
	u64 left;

	if (uaccess_kernel_ds)
		uao_set(true);
	left = __copy_to_user(to, from, n);
	if (uaccess_kernel_ds)
		uao_set(false);
	return left;
}

static inline u64 copy_from_user(void *to, const void *from, u64 n)
{
	u64 left;

	if (uaccess_kernel_ds)
		uao_set(true);
	left = __copy_from_user(to, from, n);
	if (uaccess_kernel_ds)
		uao_set(false);
	return left;
}

/*
 * A record of the synchronous exceptions taken to EL1 (any EC, from EL0
 * or EL1), in order, while exc_trace_on: what a scenario checks.
 */
struct exc_rec {
	u64 esr, pc, pstate, far;
	u64 x0;
	unsigned from_el;
};
#define EXC_TRACE_MAX 64
extern struct exc_rec exc_trace[EXC_TRACE_MAX];
extern unsigned exc_trace_n;
extern bool exc_trace_on;
/* The @n-th recorded exception with class @ec (NULL if none). */
const struct exc_rec *exc_trace_find(unsigned ec, unsigned n);
/* How many recorded exceptions have class @ec. */
unsigned exc_trace_count(unsigned ec);
void exc_trace_reset(void);

#endif
