// SPDX-License-Identifier: MIT
/*
 * traces/uaccess/uaccess.c - scenario 1: a user watchpoint and the
 * kernel's uaccess routines.
 *
 * An EL0 task watches 4 bytes of its buffer for stores (DBGWCR.PAC = EL0,
 * as every user watchpoint Linux programs), then read()s into that
 * buffer.  The kernel copies with STTR (copy_to_user).  At EL1 an STTR is
 * an unprivileged access, checked as EL0 (AArch64.IsUnprivAccessPriv), so
 * the watchpoint matches it - but a debug exception from EL1 to EL1 is
 * generated only with MDSCR_EL1.KDE = 1 and PSTATE.D = 0
 * (AArch64.GenerateDebugExceptionsFrom).  The variants (-D):
 *
 *  UACCESS_KDE0  no kernel debugger: KDE = 0 (a user watchpoint sets only
 *                MDE), the match is silently not taken;
 *  UACCESS_KDE1  a kernel watchpoint elsewhere set KDE = 1; the syscall runs
 *                with D = 0: the watchpoint is taken at EL1 from EL1 (EC
 *                0x35) in copy_to_user, and the kernel - like Linux's
 *                watchpoint_handler for an EL0 watchpoint hit from EL1 -
 *                reports nothing and steps over the STTR (disable the
 *                watchpoints, single-step with MDSCR_EL1.SS + KDE, re-enable
 *                them in the step handler);
 *  UACCESS_UAO   --cpu v9-max, the set_fs(KERNEL_DS) era: the uaccess
 *                routines run with PSTATE.UAO = 1, the STTR behaves as an EL1
 *                access: the user watchpoint does not match, a kernel one on
 *                a kernel buffer does; with UAO = 0 the same STTR to a kernel
 *                page is an EL0 access: permission fault, recovered by the
 *                exception table;
 *  UACCESS_EL0   as KDE0, then the task stores into the watched bytes
 *                itself: taken from EL0 (EC 0x34), reported to the task
 *                (perf) and stepped over at EL0.
 */
#include "debug.h"

void uaccess_task(void);
extern char user_buf[32];
extern char task_store[];

#define ESR_WP_CUR	0xd6000062ull	/* EC 0x35, IL, WnR, DFSC 0x22 */
#define ESR_WP_LOW	0xd2000062ull	/* EC 0x34 */
#define ESR_SS_CUR	0xcf000022ull	/* EC 0x33, IL, ISV, IFSC 0x22 */
#define ESR_SS_LOW	0xcb000022ull	/* EC 0x32 */
/* ISS[23:15]: FEAT_Debugv8p2/v8p9 watchpoint fields (WPT, WPTV, WPF, FnP) */
#define ESR_WP_NEW_ISS	0x00ff8000ull

static u64 mdscr_at_read;

/* Note MDSCR_EL1 when the task enters read(). */
static bool observe(struct pt_regs *regs)
{
	if (esr_ec(regs->esr) == EC_SVC64 && regs->regs[8] == SYS_READ)
		mdscr_at_read = mdscr_read();
	return false;
}

static __maybe_unused void expect_exc(const char *what, const struct exc_rec *r, u64 esr,
		       u64 pc, u64 pstate)
{
	printk("-- %s\n", what);
	if (!r) {
		expect("taken", 0, 1);
		return;
	}
	expect("esr", r->esr & ~ESR_WP_NEW_ISS, esr);
	expect("elr", r->pc, pc);
	expect("spsr", r->pstate & ~(u64)PSR_NZCV, pstate);
}

static unsigned wp_exceptions(void)
{
	return exc_trace_count(EC_WATCHPT_CUR) + exc_trace_count(EC_WATCHPT_LOW);
}

static __maybe_unused bool buf_is_file(const char *buf)
{
	for (unsigned i = 0; i < 32; i++)
		if (buf[i] != read_file_data[i])
			return false;
	return true;
}

/* Run the task; check what every variant shares. */
static struct hw_breakpoint *run_reader(void)
{
	struct task *t = task_create("reader", uaccess_task, 0);
	struct hw_breakpoint *uwp;

	el0_sync_hook = observe;
	exc_trace_reset();
	exc_trace_on = true;
	run_tasks();
	exc_trace_on = false;
	el0_sync_hook = NULL;
	uwp = task_hw_breakpoint(t, 0);
	expect("read() result (exit code)", (u64)t->exit_code, 32);
	expect("user watchpoint registered", uwp != NULL, 1);
	return uwp;
}

#if defined(UACCESS_KDE0) || defined(UACCESS_EL0)

int kmain(void)
{
	struct hw_breakpoint *uwp;

	debug_cpu_online();
	section("user watchpoint on buf[12..15], no kernel debugger: KDE=0");
	uwp = run_reader();
	expect("MDSCR_EL1 in read() (MDE, TDCC)", mdscr_at_read, MDSCR_MDE | MDSCR_TDCC);
	if (!uwp)
		return finish();
#ifdef UACCESS_KDE0
	expect("watchpoint exceptions", wp_exceptions(), 0);
	expect("buffer = the file", buf_is_file(user_buf), 1);
#else
	expect("watchpoint exceptions (the task's own store)", wp_exceptions(), 1);
	expect_exc("watchpoint from EL0", exc_trace_find(EC_WATCHPT_LOW, 0),
		   ESR_WP_LOW, (u64)task_store, PSR_MODE_EL0t);
	if (exc_trace_find(EC_WATCHPT_LOW, 0))
		expect_range("far", exc_trace_find(EC_WATCHPT_LOW, 0)->far,
			     (u64)user_buf + 12, (u64)user_buf + 15);
	expect_exc("step from EL0 (the step-over)", exc_trace_find(EC_SOFTSTP_LOW, 0),
		   ESR_SS_LOW, (u64)task_store + 4, PSR_MODE_EL0t);
	expect("step exceptions", exc_trace_count(EC_SOFTSTP_LOW), 1);
	expect("buf[12] (the store done after the step-over)", (u64)user_buf[12], 0x5a);
#endif
	#ifdef UACCESS_EL0
	expect("user watchpoint reports", uwp->hits, 1);
#else
	expect("user watchpoint reports", uwp->hits, 0);
#endif
	expect("user watchpoint silent step-overs", uwp->silent, 0);
	expect("MDSCR_EL1 at the end", mdscr_read(), MDSCR_TDCC);
	return finish();
}

#elif defined(UACCESS_KDE1)

static u64 kernel_var;

static struct hw_breakpoint kwp = {
	.type = HW_BREAKPOINT_W, .len = 8, .privilege = AARCH64_BREAKPOINT_EL1,
};

int kmain(void)
{
	const struct exc_rec *r;
	struct hw_breakpoint *uwp;

	debug_cpu_online();
	section("a kernel watchpoint elsewhere: KDE=1");
	kwp.addr = (u64)&kernel_var;
	expect("register kernel watchpoint", (u64)register_hw_breakpoint(&kwp), 0);
	section("user watchpoint on buf[12..15], read() with D=0");
	uwp = run_reader();
	expect("MDSCR_EL1 in read() (MDE, KDE, TDCC)", mdscr_at_read,
	       MDSCR_MDE | MDSCR_KDE | MDSCR_TDCC);
	if (!uwp)
		return finish();
	expect("watchpoint exceptions", wp_exceptions(), 1);
	r = exc_trace_find(EC_WATCHPT_CUR, 0);
	expect_exc("watchpoint at EL1 from EL1, in copy_to_user", r, ESR_WP_CUR,
		   (u64)copy_to_user_sttr, PSR_MODE_EL1h);
	if (r)
		expect_range("far", r->far, (u64)user_buf + 8, (u64)user_buf + 15);
	expect_exc("step at EL1 (the step-over)", exc_trace_find(EC_SOFTSTP_CUR, 0),
		   ESR_SS_CUR, (u64)copy_to_user_sttr + 4, PSR_MODE_EL1h);
	expect("step exceptions", exc_trace_count(EC_SOFTSTP_CUR), 1);
	expect("user watchpoint reports", uwp->hits, 0);
	expect("user watchpoint silent step-overs", uwp->silent, 1);
	expect("buffer = the file", buf_is_file(user_buf), 1);
	expect("kernel watchpoint reports", kwp.hits, 0);
	expect("DBGWCR of the kernel watchpoint (re-enabled)",
	       dbg_read(DBG_WCR, (unsigned)kwp.slot) & 1, 1);
	unregister_hw_breakpoint(&kwp);
	expect("MDSCR_EL1 at the end", mdscr_read(), MDSCR_TDCC);
	return finish();
}

#elif defined(UACCESS_UAO)

static char kernel_buf[32] __attribute__((aligned(16)));

static struct hw_breakpoint kwp = {
	.type = HW_BREAKPOINT_W, .len = 8, .privilege = AARCH64_BREAKPOINT_EL1,
};

int kmain(void)
{
	const u64 kmain_pstate = PSR_A_BIT | PSR_I_BIT | PSR_F_BIT | PSR_MODE_EL1h;
	const struct exc_rec *r;
	struct hw_breakpoint *uwp;
	u64 left;

	debug_cpu_online();
	expect("ID_AA64MMFR2_EL1.UAO (needs --cpu v9-max)",
	       read_sysreg(id_aa64mmfr2_el1) >> 4 & 0xf, 1);
	if (check_failures())
		return finish();
	section("a kernel watchpoint on kernel_buf[16..23]: KDE=1");
	kwp.addr = (u64)kernel_buf + 16;
	expect("register kernel watchpoint", (u64)register_hw_breakpoint(&kwp), 0);

	section("set_fs(KERNEL_DS): read() into the user buffer with UAO=1");
	uaccess_kernel_ds = true;
	uwp = run_reader();
	uaccess_kernel_ds = false;
	expect("MDSCR_EL1 in read() (MDE, KDE, TDCC)", mdscr_at_read,
	       MDSCR_MDE | MDSCR_KDE | MDSCR_TDCC);
	if (!uwp)
		return finish();
	expect("watchpoint exceptions (STTR checked as EL1)", wp_exceptions(), 0);
	expect("user watchpoint silent step-overs", uwp->silent, 0);
	expect("buffer = the file", buf_is_file(user_buf), 1);

	section("kernel_read() into kernel_buf with UAO=1");
	exc_trace_reset();
	exc_trace_on = true;
	local_debug_enable();
	uaccess_kernel_ds = true;
	left = copy_to_user(kernel_buf, read_file_data, 32);
	uaccess_kernel_ds = false;
	local_debug_disable();
	exc_trace_on = false;
	expect("bytes not copied", left, 0);
	r = exc_trace_find(EC_WATCHPT_CUR, 0);
	expect_exc("the kernel watchpoint, EL1 from EL1", r, ESR_WP_CUR,
		   (u64)copy_to_user_sttr, kmain_pstate | PSR_UAO_BIT);
	if (r)
		expect_range("far", r->far, (u64)kernel_buf + 16, (u64)kernel_buf + 23);
	expect("kernel watchpoint reports", kwp.hits, 1);
	expect("step exceptions", exc_trace_count(EC_SOFTSTP_CUR), 1);
	expect("kernel_buf = the file", buf_is_file(kernel_buf), 1);

	section("the same copy with UAO=0: an EL0 access to a kernel page");
	unregister_hw_breakpoint(&kwp);
	memset(kernel_buf, 0, sizeof(kernel_buf));
	exc_trace_reset();
	exc_trace_on = true;
	local_debug_enable();
	left = copy_to_user(kernel_buf, read_file_data, 32);
	local_debug_disable();
	exc_trace_on = false;
	expect("bytes not copied (fixed up)", left, 32);
	expect("fixups", fixup_stats.count, 1);
	/* EC 0x25, IL, WnR, DFSC 0b001110: permission fault, level 2 */
	expect("data abort esr", fixup_stats.last_esr & 0xffffffffull, 0x9600004e);
	expect("data abort elr", fixup_stats.last_pc, (u64)copy_to_user_sttr);
	expect("kernel_buf[0] (nothing stored)", (u64)kernel_buf[0], 0);
	expect("MDSCR_EL1 at the end", mdscr_read(), MDSCR_TDCC);
	return finish();
}

#else
#error "define one of UACCESS_KDE0, UACCESS_KDE1, UACCESS_UAO, UACCESS_EL0"
#endif
