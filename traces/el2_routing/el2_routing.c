// SPDX-License-Identifier: MIT
/*
 * traces/el2_routing/el2_routing.c - scenario 9: a guest kernel at EL1
 * under a hypervisor at EL2 (run with --el2; the hypervisor is hyp.c).
 *
 *  1. The guest's first debug-register accesses trap to EL2 (MDCR_EL2.TDA,
 *     ESR_EL2.EC 0x18) and are served from its shadow: the guest reads its
 *     own DBGBVR0_EL1 (0), never the host's value in the hardware, and its
 *     virtual OS lock (OSLSR_EL1.OSLK = 1, as after a cold reset).
 *  2. The guest's debug bring-up writes MDSCR_EL1: the first write makes
 *     the hypervisor switch the guest's registers in and clear TDA, so
 *     the rest of the bring-up (zeroing every breakpoint and watchpoint)
 *     runs with no trap.  The OS lock accesses keep trapping (TDOSA).
 *  3. The guest's own kernel breakpoint is taken at EL1 (EC 0x31), as on
 *     bare metal.
 *  4. A host debugger attaches: MDCR_EL2.TDE = 1 routes the guest's debug
 *     exceptions to EL2 and makes the guest's register accesses trap again
 *     (TDE makes TDA behave as 1): the guest reads and writes its shadow,
 *     and its own breakpoint is not in the hardware.  The host's breakpoint
 *     is taken to EL2 from the guest (EC 0x30, from a lower EL) although
 *     the guest runs with PSTATE.D = 1 - D masks debug exceptions only at
 *     the EL they target.  The host steps the guest: its timer (CNTHP, PPI
 *     26) is routed to EL2 by HCR_EL2.IMO and taken before the stepped
 *     instruction although the guest has PSTATE.I = 1 (SPSR_EL2.SS = 1
 *     saved); the step completes after it (EC 0x32, ELR = the next
 *     instruction).
 *  5. The host detaches: the guest's registers, including the breakpoint
 *     it set while the host owned the hardware, are live again.
 *
 * Sources: AArch64.GenerateDebugExceptionsFrom and the trap rules
 * (reference digest 4.2, 7), Arm ARM D1.3 (interrupt routing and masking).
 */
#include "hyp.h"

u64 guest_fn(u64 x);
u64 guest_fn2(u64 x);
u64 guest_target_fn(u64 x);
extern char guest_fn_ret[], guest_fn2_ret[], guest_target_insn2[];

#define OSLSR_LOCKED	0xa	/* OSLM = 0b10, OSLK = 1 */
#define OSLSR_UNLOCKED	0x8
#define ISS_RT_MASK	(0x1full << 5)

static const struct sym syms[] = {
	{ "guest_fn", guest_fn }, { "guest_fn_ret", guest_fn_ret },
	{ "guest_fn2", guest_fn2 }, { "guest_fn2_ret", guest_fn2_ret },
	{ "guest_target_fn", guest_target_fn },
	{ "guest_target_insn2", guest_target_insn2 },
};

static unsigned nreports;

static void bp_report(struct hw_breakpoint *bp, struct pt_regs *regs, u64 addr)
{
	(void)bp;
	(void)addr;
	nreports++;
	printk("  guest: its breakpoint hit at pc 0x%lx\n", regs->pc);
}

static struct hw_breakpoint gbp = {
	.type = HW_BREAKPOINT_X, .len = 4,
	.privilege = AARCH64_BREAKPOINT_EL1, .report = bp_report,
};

static struct hw_breakpoint gbp2 = {
	.type = HW_BREAKPOINT_X, .len = 4,
	.privilege = AARCH64_BREAKPOINT_EL1, .report = bp_report,
};

/* Call @fn(@x) in process context (PSTATE.D = 0: EL1 debug exceptions on). */
static u64 call_debug_on(u64 (*fn)(u64), u64 x)
{
	u64 r;

	local_debug_enable();
	r = fn(x);
	local_debug_disable();
	return r;
}

static u64 mdcr(void)
{
	return hyp_call(hyp_read_mdcr, 0, 0, 0);
}

static void expect_guest_bp(unsigned i, const void *fn, const void *next)
{
	const struct dbg_exc *x = &dbg_exc_log.e[i];

	expect("  breakpoint EC (from the current EL)", x->ec, EC_BREAKPT_CUR);
	expect("  ELR", x->pc, (u64)fn);
	expect("  step-over EC", dbg_exc_log.e[i + 1].ec, EC_SOFTSTP_CUR);
	expect("  step-over ELR", dbg_exc_log.e[i + 1].pc, (u64)next);
}

static void check_host_session(void)
{
	const struct hyp_event *e = hyp_stats.ev;
	const u64 el1h_daif = PSR_MODE_EL1h | PSR_DAIF;

	expect("events at EL2 (breakpoint, IRQ, step)", hyp_stats.nev, 3);
	if (hyp_stats.nev < 3)
		return;
	printk("breakpoint:\n");
	expect("  ESR_EL2 (EC 0x30: from a lower EL, IL, IFSC 0x22)", e[0].esr,
	       esr_debug(EC_BREAKPT_LOW));
	expect("  ELR_EL2", e[0].pc, (u64)guest_target_fn);
	expect("  SPSR_EL2 (EL1h, D A I F all set)", e[0].pstate, el1h_daif);
	printk("IRQ (CNTHP) routed by HCR_EL2.IMO:\n");
	expect("  INTID", e[1].intid, INTID_HYPTIMER);
	expect("  vector (lower EL, AArch64, IRQ)", e[1].vec, VEC_LOWER64 | VEC_IRQ);
	expect("  ELR_EL2 (before the stepped instruction)", e[1].pc,
	       (u64)guest_target_fn);
	expect("  SPSR_EL2 (EL1h, DAIF set, SS = 1)", e[1].pstate,
	       el1h_daif | PSR_SS_BIT);
	printk("step:\n");
	expect_step_esr("  ESR_EL2 without ISV/EX (EC 0x32, IL, IFSC 0x22)", e[2].esr,
			EC_SOFTSTP_LOW);
	expect("  ELR_EL2 (the next instruction)", e[2].pc, (u64)guest_target_insn2);
	expect("  SPSR_EL2 (EL1h, DAIF set, SS = 0)", e[2].pstate, el1h_daif);
}

int kmain(void)
{
	unsigned reads, writes, excs;
	u64 v;

	if (boot_el != 2) {
		printk("this scenario needs EL2: run it with --el2\n");
		expect("boot EL", boot_el, 2);
		return finish();
	}
	dbg_exc_log.syms = syms;
	dbg_exc_log.nsyms = sizeof(syms) / sizeof(syms[0]);
	el1_sync_hook = dbg_exc_observe;

	section("1. the guest's first debug-register accesses trap to EL2");
	expect("MDCR_EL2.{TDE,TDA,TDOSA,TDRA}",
	       mdcr() & (MDCR_EL2_TDE | MDCR_EL2_TDA | MDCR_EL2_TDOSA | MDCR_EL2_TDRA),
	       MDCR_EL2_TDA | MDCR_EL2_TDOSA | MDCR_EL2_TDRA);
	v = dbg_read(DBG_BVR, 0);
	expect("DBGBVR0_EL1 as the guest reads it (its own, not the host's)", v, 0);
	expect("  trapped reads", hyp_stats.tda_reads, 1);
	expect("  ESR_EL2 without Rt (EC 0x18, IL, MRS DBGBVR0_EL1)",
	       hyp_stats.first_trap_esr & ~ISS_RT_MASK,
	       (u64)EC_SYS64 << 26 | ESR_IL | 2u << 20 | 4u << 17 | 1);
	expect("  switched in", hyp_stats.switch_ins, 0);
	expect("OSLSR_EL1 (the virtual CPU's OS lock, set at reset)",
	       read_sysreg(oslsr_el1), OSLSR_LOCKED);
	expect("  OS lock traps (TDOSA)", hyp_stats.tdosa_traps, 1);

	section("2. the guest's debug bring-up: its first write switches it in");
	debug_cpu_online();
	expect("trapped writes (MDSCR_EL1, then TDA was cleared)", hyp_stats.tda_writes, 1);
	expect("trapped reads", hyp_stats.tda_reads, 1);
	expect("switched in", hyp_stats.switch_ins, 1);
	expect("the host's DBGBVR0 saved at the switch", hyp_stats.host_saved_bvr0,
	       HOST_BVR0_MARKER);
	expect("MDCR_EL2.{TDE,TDA,TDOSA}",
	       mdcr() & (MDCR_EL2_TDE | MDCR_EL2_TDA | MDCR_EL2_TDOSA), MDCR_EL2_TDOSA);
	expect("OS lock traps (+ OSDLR_EL1, OSLAR_EL1 writes)", hyp_stats.tdosa_traps, 3);
	expect("OSLSR_EL1 (unlocked)", read_sysreg(oslsr_el1), OSLSR_UNLOCKED);
	expect("MDSCR_EL1, read directly", mdscr_read(), MDSCR_TDCC);
	expect("  trapped reads", hyp_stats.tda_reads, 1);

	section("3. the guest's own kernel breakpoint, taken at EL1");
	gbp.addr = (u64)guest_fn;
	expect("register a breakpoint on guest_fn", (u64)register_hw_breakpoint(&gbp), 0);
	expect("  trapped writes", hyp_stats.tda_writes, 1);
	expect("guest_fn(1)", call_debug_on(guest_fn, 1), 2);
	expect("reports", nreports, 1);
	expect("debug exceptions at EL1 (breakpoint, step-over)", dbg_exc_log.n, 2);
	if (dbg_exc_log.n >= 2)
		expect_guest_bp(0, guest_fn, guest_fn_ret);

	section("4. a host debugger attaches (MDCR_EL2.TDE = 1)");
	hyp_call(host_debug_attach, (u64)guest_target_fn, 0, 0);
	expect("MDCR_EL2.{TDE,TDA}", mdcr() & (MDCR_EL2_TDE | MDCR_EL2_TDA),
	       MDCR_EL2_TDE | MDCR_EL2_TDA);
	expect("HCR_EL2.IMO", hyp_call(hyp_read_hcr, 0, 0, 0) & HCR_EL2_IMO, HCR_EL2_IMO);
	reads = hyp_stats.tda_reads;
	writes = hyp_stats.tda_writes;
	expect("the guest's DBGBCR of its breakpoint (from the shadow)",
	       dbg_read(DBG_BCR, (unsigned)gbp.slot), gbp.ctrl);
	expect("  trapped reads (TDE makes TDA behave as 1)", hyp_stats.tda_reads - reads, 1);
	gbp2.addr = (u64)guest_fn2;
	expect("register a breakpoint on guest_fn2", (u64)register_hw_breakpoint(&gbp2), 0);
	expect_range("  trapped writes (into the shadow only)",
		     hyp_stats.tda_writes - writes, 3, 16);
	excs = dbg_exc_log.n;
	expect("guest_fn(1) (its breakpoint is not in the hardware now)",
	       call_debug_on(guest_fn, 1), 2);
	expect("guest_fn2(1)", call_debug_on(guest_fn2, 1), 9);
	expect("  debug exceptions at EL1", dbg_exc_log.n - excs, 0);
	printk("the guest calls guest_target_fn with PSTATE.{D,A,I,F} all set:\n");
	expect("guest_target_fn(10)", guest_target_fn(10), 15);
	expect("  debug exceptions at EL1", dbg_exc_log.n - excs, 0);
	check_host_session();

	section("5. the host debugger detaches");
	hyp_call(host_debug_detach, 0, 0, 0);
	expect("MDCR_EL2.{TDE,TDA}", mdcr() & (MDCR_EL2_TDE | MDCR_EL2_TDA), 0);
	expect("HCR_EL2.IMO", hyp_call(hyp_read_hcr, 0, 0, 0) & HCR_EL2_IMO, 0);
	reads = hyp_stats.tda_reads;
	writes = hyp_stats.tda_writes;
	excs = dbg_exc_log.n;
	expect("guest_fn(1)", call_debug_on(guest_fn, 1), 2);
	expect("guest_fn2(1)", call_debug_on(guest_fn2, 1), 9);
	expect("reports (both of the guest's breakpoints)", nreports, 3);
	expect("debug exceptions at EL1 (2 x breakpoint, step-over)",
	       dbg_exc_log.n - excs, 4);
	if (dbg_exc_log.n - excs == 4) {
		expect_guest_bp(excs, guest_fn, guest_fn_ret);
		expect_guest_bp(excs + 2, guest_fn2, guest_fn2_ret);
	}
	unregister_hw_breakpoint(&gbp);
	unregister_hw_breakpoint(&gbp2);
	expect("traps since the detach", hyp_stats.tda_reads + hyp_stats.tda_writes -
	       reads - writes, 0);
	expect("MDSCR_EL1 (no users)", mdscr_read(), MDSCR_TDCC);
	return finish();
}
