/* SPDX-License-Identifier: MIT */
/*
 * traces/kernel/debug.h - the kernel's self-hosted debug support, modelled
 * on what Linux's arch/arm64/kernel/debug-monitors.c and hw_breakpoint.c
 * do (the behaviour, not the code):
 *
 *  - dbgreg.c: DBGBVR/BCR/WVR/WCR<n>_EL1 by number, plain (an UNDEFINED
 *    access is a kernel oops) or _safe (recovered through the exception
 *    table: the register is not implemented);
 *  - debug_monitors.c: MDSCR_EL1 with reference counts of MDE/KDE users,
 *    kernel and user single-step, the OS lock, CPU bring-up, BRK and step
 *    hooks, the debug exception dispatch;
 *  - hw_breakpoint.c: breakpoint/watchpoint slots, Linux's encoding of the
 *    control registers, per-task breakpoints switched with the task, and
 *    the step-over of a hit (disable, single-step, re-enable).
 */
#ifndef KERNEL_DEBUG_H
#define KERNEL_DEBUG_H

#include "kernel.h"

/* ---- debug registers by number (dbgreg.c) ------------------------------ */

enum dbg_reg { DBG_BVR, DBG_BCR, DBG_WVR, DBG_WCR };

#define DBG_MAX_SLOTS 16

u64 dbg_read(enum dbg_reg r, unsigned n);
void dbg_write(enum dbg_reg r, unsigned n, u64 v);
/* 0, or -1 if the access was UNDEFINED (the exception table recovered it). */
int dbg_read_safe(enum dbg_reg r, unsigned n, u64 *v);
int dbg_write_safe(enum dbg_reg r, unsigned n, u64 v);
const char *dbg_reg_name(enum dbg_reg r);
/* dbg_write() calls so far. */
extern unsigned dbg_reg_writes;

/* ID_AA64DFR0_EL1: implemented breakpoints, watchpoints, context-aware bps. */
unsigned get_num_brps(void);
unsigned get_num_wrps(void);
unsigned get_num_ctx_cmps(void);

/* ---- debug monitors (debug_monitors.c) --------------------------------- */

enum dbg_active_el { DBG_ACTIVE_EL0, DBG_ACTIVE_EL1 };

u64 mdscr_read(void);
void mdscr_write(u64 v);
/* MDE for any user, KDE too for EL1 users; set on the first, cleared on the last. */
void enable_debug_monitors(enum dbg_active_el el);
void disable_debug_monitors(enum dbg_active_el el);

/* OSDLR_EL1 := 0, OSLAR_EL1 := 0, ISB. */
void clear_os_lock(void);
/*
 * What a CPU coming online does before anything uses debug (Linux: the
 * STARTING hotplug callbacks): MDSCR_EL1 := TDCC (the rest zero), clear
 * the OS lock, and reset every implemented breakpoint and watchpoint
 * (hw_breakpoint_reset()).
 */
void debug_cpu_online(void);

/* Kernel single-step of the context in @regs (returns to EL1 with SS=1). */
void kernel_enable_single_step(struct pt_regs *regs);
void kernel_disable_single_step(void);
bool kernel_active_single_step(void);
/* ptrace-style stepping of an EL0 task (TIF_SINGLESTEP + SPSR.SS). */
void user_enable_single_step(struct task *t);
void user_disable_single_step(struct task *t);
void user_rewind_single_step(struct task *t);     /* SPSR.SS = 1 */
void user_fastforward_single_step(struct task *t); /* SPSR.SS = 0 */

/*
 * Hooks, consulted in order.  A BRK hook matches the immediate; a step
 * hook sees every step exception the breakpoint step-over did not
 * consume.  Each returns true when it handled the exception.
 */
struct break_hook {
	unsigned imm;
	bool (*fn)(struct pt_regs *regs, u64 esr);
};
void register_break_hook(const struct break_hook *h);
/* EL1 step exceptions not consumed by hw_breakpoint (a kernel debugger). */
extern bool (*kernel_step_hook)(struct pt_regs *regs, u64 esr);

/* Counts of the debug exceptions taken, by EC (0x30..0x3c). */
struct debug_stats {
	unsigned bp, wp, step, brk;
	unsigned step_unexpected;      /* EL1 step nobody claimed */
};
extern struct debug_stats debug_stats;

/* Called by traps.c for EC 0x30..0x35 and 0x3c. */
void do_debug_exception(struct pt_regs *regs);

/* ---- breakpoints and watchpoints (hw_breakpoint.c) --------------------- */

enum hw_bp_type {
	HW_BREAKPOINT_X = 0,     /* instruction */
	HW_BREAKPOINT_R = 1,     /* LSC: loads */
	HW_BREAKPOINT_W = 2,     /* LSC: stores */
	HW_BREAKPOINT_RW = 3,
};

enum { AARCH64_BREAKPOINT_EL1 = 1, AARCH64_BREAKPOINT_EL0 = 2 };

struct hw_breakpoint;
/* The "perf overflow handler": told of each reported hit. */
typedef void (*hw_bp_report_fn)(struct hw_breakpoint *bp, struct pt_regs *regs,
				u64 addr);

struct hw_breakpoint {
	/* What the user asked for. */
	u64 addr;
	unsigned len;            /* 1..8 (watchpoints); 4 for breakpoints */
	enum hw_bp_type type;
	unsigned privilege;      /* AARCH64_BREAKPOINT_EL0/EL1 */
	struct task *task;       /* per-task (switched with it) or NULL: CPU-wide */
	bool ctx_linked;         /* link to a context-ID bp matching @ctxid instead */
	u64 ctxid;
	hw_bp_report_fn report;  /* NULL: hits are only counted */
	bool custom_handler;     /* true: no step-over (the handler moves the PC) */
	/* Kernel state. */
	u64 ctrl;                /* encoded DBGBCR/DBGWCR, E included */
	u64 vr;                  /* DBGBVR/DBGWVR value */
	int slot;                /* -1: not installed */
	int ctx_slot;            /* the linked context bp, or -1 */
	unsigned hits;           /* reported */
	unsigned silent;         /* stepped over without a report (uaccess) */
	bool disabled;           /* E cleared while stepping over */
};

/*
 * Validate and encode @bp (Linux's hw_breakpoint_arch_parse rules:
 * breakpoints word-aligned with length 4, watchpoints within one
 * doubleword) and install it (a per-task one only while its task runs).
 * Returns 0 or -1 (invalid, or no free slot).
 */
int register_hw_breakpoint(struct hw_breakpoint *bp);
void unregister_hw_breakpoint(struct hw_breakpoint *bp);
/* Zero every implemented slot; reinstall the registered CPU-wide ones. */
void hw_breakpoint_reset(void);
/* Context switch: uninstall @prev's per-task breakpoints, install @next's. */
void hw_breakpoint_thread_switch(struct task *prev, struct task *next);

/* The exception handlers (do_debug_exception() calls them). */
void breakpoint_handler(struct pt_regs *regs);
void watchpoint_handler(struct pt_regs *regs);
/* Re-enable what a step-over disabled; true if the step was consumed. */
bool reinstall_suspended_bps(struct pt_regs *regs);

/* Linux's encode_ctrl_reg(): len<<5 | type<<3 | privilege<<1 | enabled. */
static inline u64 encode_ctrl_reg(unsigned bas, unsigned type,
				  unsigned privilege, bool enabled)
{
	return (u64)bas << 5 | (u64)type << 3 | (u64)privilege << 1 | enabled;
}

/* DBGBCR.BT values used here. */
#define BCR_BT_ADDR_LINKED	1
#define BCR_BT_CTXID_LINKED	3
#define BCR_LBN_SHIFT		16
#define BCR_BT_SHIFT		20
#define WCR_WT_LINKED		(1ull << 20)

#endif
