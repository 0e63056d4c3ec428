// SPDX-License-Identifier: MIT
/*
 * traces/hotplug_reset/hotplug_reset.c - scenario 8: the debug logic of a
 * CPU coming online.
 *
 * A CPU brought online by hotplug starts from a cold reset of its debug
 * logic - which is the emulator's start state: OSLSR_EL1.OSLK = 1 and the
 * breakpoint/watchpoint registers and MDSCR_EL1 UNKNOWN (run it also with
 * --policy Impdef_ResetUnknown=ones to see garbage there).  The bring-up:
 *
 *  1. MDSCR_EL1 := TDCC (no MDE/KDE/SS whatever reset left);
 *  2. zero DBGBCR/BVR<n> and DBGWCR/WVR<n> for n = 0..15, with the _safe
 *     accessors: an n the CPU does not implement is UNDEFINED (EC 0x00),
 *     and the UNDEFINED handler finds the faulting PC in the exception
 *     table and resumes at its fixup - the way 32-bit ARM Linux's
 *     reset_ctrl_regs() could be made robust (the 2016 thread on its
 *     hotplug conversion);
 *  3. clear the OS lock (OSDLR_EL1 := 0, OSLAR_EL1 := 0).
 *
 * The numbers the probe finds must be what ID_AA64DFR0_EL1 says (BRPs + 1,
 * WRPs + 1), every implemented register must read back 0, and a kernel
 * breakpoint must then work.
 */
#include "debug.h"

#define ESR_UNDEF	0x02000000ull	/* EC 0x00, IL */

void probe_target(void);

__attribute__((noinline)) void probe_target(void)
{
	__asm__ volatile("nop");
}

static unsigned undef_bad_esr;

/* Zero register @r of every slot 0..15; returns how many exist. */
static unsigned reset_probe(enum dbg_reg r)
{
	unsigned n, implemented = 0;

	for (n = 0; n < DBG_MAX_SLOTS; n++) {
		unsigned before = fixup_stats.count;

		if (!dbg_write_safe(r, n, 0)) {
			implemented++;
			continue;
		}
		if (fixup_stats.count != before + 1 || fixup_stats.last_esr != ESR_UNDEF)
			undef_bad_esr++;
	}
	return implemented;
}

static struct hw_breakpoint bp = {
	.type = HW_BREAKPOINT_X, .len = 4, .privilege = AARCH64_BREAKPOINT_EL1,
};

int kmain(void)
{
	unsigned nbp = get_num_brps(), nwp = get_num_wrps();
	unsigned bcr, bvr, wcr, wvr, nonzero = 0;
	u64 v;

	section("a CPU comes online: its debug logic was cold-reset");
	expect("OSLSR_EL1 (OSLM=0b10, OSLK=1)", read_sysreg(oslsr_el1), 0xa);
	printk("ID_AA64DFR0_EL1: %u breakpoints (%u context-aware), %u watchpoints\n",
	       nbp, get_num_ctx_cmps(), nwp);
	note("MDSCR_EL1", mdscr_read());
	note("DBGBCR0_EL1", dbg_read(DBG_BCR, 0));
	note("DBGWCR0_EL1", dbg_read(DBG_WCR, 0));
	if ((mdscr_read() & (MDSCR_SS | MDSCR_KDE)) == (MDSCR_SS | MDSCR_KDE))
		printk("MDSCR_EL1.{SS,KDE} = 1: with the OS lock cleared first, "
		       "unmasking PSTATE.D would take a step exception at once\n");

	section("bring-up: MDSCR_EL1, then zero registers 0..15 (exception table)");
	mdscr_write(MDSCR_TDCC);
	bcr = reset_probe(DBG_BCR);
	bvr = reset_probe(DBG_BVR);
	wcr = reset_probe(DBG_WCR);
	wvr = reset_probe(DBG_WVR);
	expect("DBGBCR<n> implemented (= BRPs+1)", bcr, nbp);
	expect("DBGBVR<n> implemented", bvr, nbp);
	expect("DBGWCR<n> implemented (= WRPs+1)", wcr, nwp);
	expect("DBGWVR<n> implemented", wvr, nwp);
	expect("UNDEFINED accesses recovered", fixup_stats.count,
	       2 * (DBG_MAX_SLOTS - nbp) + 2 * (DBG_MAX_SLOTS - nwp));
	expect("of them, not EC 0x00 or not fixed up", undef_bad_esr, 0);
	clear_os_lock();
	expect("OSLSR_EL1 (OSLK=0)", read_sysreg(oslsr_el1), 0x8);

	section("every implemented register reads back 0");
	for (unsigned n = 0; n < nbp; n++)
		nonzero += dbg_read(DBG_BCR, n) != 0 || dbg_read(DBG_BVR, n) != 0;
	for (unsigned n = 0; n < nwp; n++)
		nonzero += dbg_read(DBG_WCR, n) != 0 || dbg_read(DBG_WVR, n) != 0;
	expect("non-zero registers", nonzero, 0);

	section("reading DBGBCR<BRPs+1>_EL1: UNDEFINED, fixed up");
	expect("dbg_read_safe result", (u64)(long)dbg_read_safe(DBG_BCR, nbp, &v),
	       (u64)-1l);
	expect("esr", fixup_stats.last_esr, ESR_UNDEF);
	expect("faulting pc in the exception table",
	       search_exception_tables(fixup_stats.last_pc) != NULL, 1);
	expect("resumed at its fixup",
	       search_exception_tables(fixup_stats.last_pc)->fixup,
	       fixup_stats.last_fixup);

	section("the debug logic works: a kernel breakpoint");
	bp.addr = (u64)probe_target;
	expect("register", (u64)register_hw_breakpoint(&bp), 0);
	local_debug_enable();
	probe_target();
	local_debug_disable();
	expect("breakpoint exceptions", debug_stats.bp, 1);
	expect("step exceptions (the step-over)", debug_stats.step, 1);
	unregister_hw_breakpoint(&bp);
	expect("MDSCR_EL1 at the end", mdscr_read(), MDSCR_TDCC);
	return finish();
}
