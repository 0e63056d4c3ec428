// SPDX-License-Identifier: MIT
/*
 * traces/el2_routing/hyp.c - the hypervisor of scenario 9, at EL2.  It
 * does what KVM does with a guest's self-hosted debug state (the
 * behaviour, not the code):
 *
 *  - Lazy switching.  The guest's debug registers (DBGBVR/BCR/WVR/WCR<n>,
 *    MDSCR_EL1) live in a shadow, and MDCR_EL2.TDA traps every guest
 *    access (ESR_EL2.EC 0x18).  A trapped read is served from the shadow.
 *    The first trapped *write* switches the guest's registers into the
 *    hardware (the host's are saved) and clears TDA: from then on the
 *    guest reads and writes the registers directly, with no trap.
 *  - The OS lock is always emulated (MDCR_EL2.TDOSA): OSLAR_EL1 writes and
 *    OSLSR_EL1 reads go to the virtual CPU's lock, which starts set as
 *    after a cold reset; while the guest's registers are in the hardware,
 *    the hardware lock follows the guest's.
 *  - A host debugger (KVM_SET_GUEST_DEBUG with hardware breakpoints, in
 *    KVM's terms) takes the debug hardware over: it saves the guest's
 *    state into the shadow, loads its own breakpoint, and sets
 *    MDCR_EL2.TDE, which routes the guest's debug exceptions to EL2 and
 *    makes TDA/TDOSA/TDRA behave as 1 (the guest's accesses trap again
 *    and only touch the shadow).  At a breakpoint it single-steps the
 *    guest (MDSCR_EL1.SS, SPSR_EL2.SS), and it routes physical IRQs to
 *    EL2 (HCR_EL2.IMO) for its own timer.
 *
 * Register encodings: Arm ARM D24.3 (DBGBVR<n>_EL1 = S2_0_C0_C<n>_4 ...),
 * the EC 0x18 ISS (reference digest section 5); trap rules: digest 7.
 */
#include "hyp.h"

struct hyp_stats hyp_stats;

/* The debug registers a world switch moves. */
struct debug_state {
	u64 bvr[DBG_MAX_SLOTS], bcr[DBG_MAX_SLOTS];
	u64 wvr[DBG_MAX_SLOTS], wcr[DBG_MAX_SLOTS];
	u64 mdscr;
};

#define OSLSR_OSLM_IMPL	0x8ull		/* OSLM = 0b10 */
#define OSLSR_OSLK	0x2ull

static struct debug_state host_state;	/* saved at the switch-in */
static struct debug_state guest_state;	/* the shadow while not in hardware */
static u64 guest_oslsr = OSLSR_OSLM_IMPL | OSLSR_OSLK;
static u64 guest_osdlr, guest_dbgprcr;
static bool guest_loaded;		/* guest's registers in the hardware */
static bool host_debugging;		/* TDE: the host debugger owns them */

/* ---- the hardware -------------------------------------------------------- */

static void save_state(struct debug_state *s)
{
	for (unsigned i = 0; i < get_num_brps(); i++) {
		s->bvr[i] = dbg_read(DBG_BVR, i);
		s->bcr[i] = dbg_read(DBG_BCR, i);
	}
	for (unsigned i = 0; i < get_num_wrps(); i++) {
		s->wvr[i] = dbg_read(DBG_WVR, i);
		s->wcr[i] = dbg_read(DBG_WCR, i);
	}
	s->mdscr = read_sysreg(mdscr_el1);
}

static void load_state(const struct debug_state *s)
{
	for (unsigned i = 0; i < get_num_brps(); i++) {
		dbg_write(DBG_BCR, i, 0);
		dbg_write(DBG_BVR, i, s->bvr[i]);
		dbg_write(DBG_BCR, i, s->bcr[i]);
	}
	for (unsigned i = 0; i < get_num_wrps(); i++) {
		dbg_write(DBG_WCR, i, 0);
		dbg_write(DBG_WVR, i, s->wvr[i]);
		dbg_write(DBG_WCR, i, s->wcr[i]);
	}
	write_sysreg(s->mdscr, mdscr_el1);
	isb();
}

static void hw_os_lock(bool locked)
{
	write_sysreg(locked, oslar_el1);
	isb();
}

static void mdcr_update(u64 set, u64 clear)
{
	write_sysreg((read_sysreg(mdcr_el2) & ~clear) | set, mdcr_el2);
	isb();
}

static void hcr_update(u64 set, u64 clear)
{
	write_sysreg((read_sysreg(hcr_el2) & ~clear) | set, hcr_el2);
	isb();
}

/* The guest wrote a debug register for the first time: give it the hardware. */
static void switch_in_guest(void)
{
	save_state(&host_state);
	hyp_stats.host_saved_bvr0 = host_state.bvr[0];
	load_state(&guest_state);
	hw_os_lock(guest_oslsr & OSLSR_OSLK);
	guest_loaded = true;
	hyp_stats.switch_ins++;
	mdcr_update(0, MDCR_EL2_TDA);
	printk("  hyp: guest debug registers switched in; MDCR_EL2.TDA cleared\n");
}

/* ---- trapped accesses (ESR_EL2.EC 0x18) --------------------------------- */

struct sysreg_access {
	unsigned op0, op1, crn, crm, op2, rt;
	bool read;
};

static struct sysreg_access decode_iss(u64 esr)
{
	return (struct sysreg_access){
		.op0 = (unsigned)(esr >> 20) & 3, .op2 = (unsigned)(esr >> 17) & 7,
		.op1 = (unsigned)(esr >> 14) & 7, .crn = (unsigned)(esr >> 10) & 0xf,
		.rt = (unsigned)(esr >> 5) & 0x1f, .crm = (unsigned)(esr >> 1) & 0xf,
		.read = esr & 1,
	};
}

/* The shadow of a TDA-group register (breakpoints, watchpoints, MDSCR_EL1). */
static u64 *tda_shadow(const struct sysreg_access *a)
{
	if (a->op0 != 2 || a->op1 != 0 || a->crn != 0)
		return NULL;
	switch (a->op2) {
	case 4: return &guest_state.bvr[a->crm];
	case 5: return &guest_state.bcr[a->crm];
	case 6: return &guest_state.wvr[a->crm];
	case 7: return &guest_state.wcr[a->crm];
	case 2: return a->crm == 2 ? &guest_state.mdscr : NULL;
	default: return NULL;
	}
}

/* OSLAR_EL1, OSLSR_EL1, OSDLR_EL1, DBGPRCR_EL1 (all op0 2, op1 0, CRn 1, op2 4). */
static bool emulate_os_reg(const struct sysreg_access *a, u64 *val)
{
	if (a->op0 != 2 || a->op1 != 0 || a->crn != 1 || a->op2 != 4)
		return false;
	switch (a->crm) {
	case 0:		/* OSLAR_EL1, write-only */
		if (a->read)
			return false;
		guest_oslsr = (guest_oslsr & ~OSLSR_OSLK) | (*val & 1) << 1;
		if (guest_loaded && !host_debugging)
			hw_os_lock(*val & 1);
		return true;
	case 1:		/* OSLSR_EL1, read-only */
		if (!a->read)
			return false;
		*val = guest_oslsr;
		return true;
	case 3:		/* OSDLR_EL1.DLK: virtual (it only matters for power-down) */
		if (a->read)
			*val = guest_osdlr;
		else
			guest_osdlr = *val & 1;
		return true;
	case 4:		/* DBGPRCR_EL1.CORENPDRQ: virtual */
		if (a->read)
			*val = guest_dbgprcr;
		else
			guest_dbgprcr = *val & 1;
		return true;
	default:
		return false;
	}
}

static bool emulate_sysreg_trap(struct pt_regs *regs)
{
	struct sysreg_access a = decode_iss(regs->esr);
	u64 val = a.read || a.rt == 31 ? 0 : regs->regs[a.rt];
	u64 *shadow = tda_shadow(&a);

	if (!hyp_stats.tda_reads && !hyp_stats.tda_writes && !hyp_stats.tdosa_traps)
		hyp_stats.first_trap_esr = regs->esr;
	if (shadow) {
		/* Trapped only while the shadow is the guest's truth. */
		if (guest_loaded && !host_debugging)
			return false;
		if (a.read) {
			hyp_stats.tda_reads++;
			val = *shadow;
		} else {
			hyp_stats.tda_writes++;
			*shadow = val;
			if (!host_debugging)
				switch_in_guest();
		}
	} else if (emulate_os_reg(&a, &val)) {
		hyp_stats.tdosa_traps++;
	} else {
		return false;
	}
	if (a.read && a.rt != 31)
		regs->regs[a.rt] = val;
	regs->pc += 4;
	return true;
}

/* ---- the host debugger ---------------------------------------------------- */

static struct hyp_event *new_event(const struct pt_regs *regs)
{
	struct hyp_event *e = &hyp_stats.ev[hyp_stats.nev < HYP_EVENTS_MAX ?
					     hyp_stats.nev++ : HYP_EVENTS_MAX - 1];

	e->ec = (regs->vec & 0x180) == VEC_SYNC ? esr_ec(regs->esr) : 0;
	e->pc = regs->pc;
	e->pstate = regs->pstate & ~(u64)PSR_NZCV;
	e->esr = (regs->vec & 0x180) == VEC_SYNC ? regs->esr : 0;
	e->vec = regs->vec;
	return e;
}

/* The hypervisor's timer (CNTHP) fires now, with IRQs masked at EL2. */
static void hyptimer_expire_now(void)
{
	write_sysreg(read_sysreg(cntpct_el0), cnthp_cval_el2);
	write_sysreg(CNT_CTL_ENABLE, cnthp_ctl_el2);
	isb();
	while (!(read_sysreg(cnthp_ctl_el2) & CNT_CTL_ISTATUS))
		;
	while (!irq_pending_is(INTID_HYPTIMER))
		;
}

static void hyptimer_irq(unsigned intid, struct pt_regs *regs)
{
	(void)intid;
	(void)regs;
	write_sysreg(0, cnthp_ctl_el2);
	isb();
}

u64 host_debug_attach(u64 addr, u64 unused1, u64 unused2)
{
	struct debug_state dbg;

	(void)unused1;
	(void)unused2;
	if (guest_loaded)
		save_state(&guest_state);
	host_debugging = true;
	memset(&dbg, 0, sizeof(dbg));
	dbg.bvr[0] = addr & ~3ull;
	dbg.bcr[0] = encode_ctrl_reg(0xf, HW_BREAKPOINT_X, AARCH64_BREAKPOINT_EL1, true);
	dbg.mdscr = MDSCR_MDE;
	load_state(&dbg);
	hw_os_lock(false);
	mdcr_update(MDCR_EL2_TDE | MDCR_EL2_TDA, 0);
	hcr_update(HCR_EL2_IMO, 0);
	printk("  host: debugger attached, breakpoint at 0x%lx; MDCR_EL2.TDE = 1, "
	       "HCR_EL2.IMO = 1\n", addr);
	return 0;
}

u64 host_debug_detach(u64 unused0, u64 unused1, u64 unused2)
{
	struct debug_state none;

	(void)unused0;
	(void)unused1;
	(void)unused2;
	memset(&none, 0, sizeof(none));
	load_state(&none);
	host_debugging = false;
	hcr_update(0, HCR_EL2_IMO);
	if (guest_loaded) {
		load_state(&guest_state);
		hw_os_lock(guest_oslsr & OSLSR_OSLK);
		mdcr_update(0, MDCR_EL2_TDE | MDCR_EL2_TDA);
	} else {
		mdcr_update(MDCR_EL2_TDA, MDCR_EL2_TDE);
	}
	printk("  host: debugger detached; the guest's registers are back\n");
	return 0;
}

/* A breakpoint in the guest: stop, and the user types "stepi". */
static bool host_breakpoint(struct pt_regs *regs)
{
	new_event(regs);
	printk("  host: guest stopped at breakpoint, pc 0x%lx (EC 0x%x); stepi\n",
	       regs->pc, esr_ec(regs->esr));
	/* Step over it: the breakpoint off, MDSCR_EL1.SS, SPSR_EL2.SS = 1. */
	dbg_write(DBG_BCR, 0, dbg_read(DBG_BCR, 0) & ~1ull);
	write_sysreg(read_sysreg(mdscr_el1) | MDSCR_SS, mdscr_el1);
	isb();
	regs->pstate |= PSR_SS_BIT;
	/* The debugger is slow: the hypervisor's timer expires meanwhile. */
	hyptimer_expire_now();
	return true;
}

/* The step completed: the breakpoint back, stepping off, "continue". */
static bool host_step(struct pt_regs *regs)
{
	new_event(regs);
	printk("  host: guest stepped, pc 0x%lx (EC 0x%x); continue\n", regs->pc,
	       esr_ec(regs->esr));
	dbg_write(DBG_BCR, 0, dbg_read(DBG_BCR, 0) | 1);
	write_sysreg(read_sysreg(mdscr_el1) & ~(u64)MDSCR_SS, mdscr_el1);
	isb();
	return true;
}

/* ---- the EL2 hooks of the kernel library (kernel.h) --------------------- */

void hyp_init(void)
{
	/* The host's own bring-up: OS lock clear, its registers (BVR0 marked). */
	clear_os_lock();
	for (unsigned i = 0; i < get_num_brps(); i++) {
		dbg_write(DBG_BCR, i, 0);
		dbg_write(DBG_BVR, i, 0);
	}
	for (unsigned i = 0; i < get_num_wrps(); i++) {
		dbg_write(DBG_WCR, i, 0);
		dbg_write(DBG_WVR, i, 0);
	}
	dbg_write(DBG_BVR, 0, HOST_BVR0_MARKER);
	write_sysreg(0, mdscr_el1);
	/* Trap the guest's debug, OS lock and ROM-table register accesses. */
	mdcr_update(MDCR_EL2_TDA | MDCR_EL2_TDOSA | MDCR_EL2_TDRA, 0);
	/* The physical GIC belongs to the hypervisor. */
	gic_init();
	gic_enable_irq(INTID_HYPTIMER, 0x80, false, hyptimer_irq);
}

bool hyp_sync(struct pt_regs *regs)
{
	switch (esr_ec(regs->esr)) {
	case EC_SYS64:
		return emulate_sysreg_trap(regs);
	case EC_BREAKPT_LOW:
		return host_debugging && host_breakpoint(regs);
	case EC_SOFTSTP_LOW:
		return host_debugging && host_step(regs);
	default:
		return false;
	}
}

bool hyp_irq(struct pt_regs *regs)
{
	struct hyp_event *e = new_event(regs);

	handle_arch_irq(regs);
	e->intid = irq_stats.last_intid;
	printk("  hyp: IRQ %u at EL2 from guest pc 0x%lx, SPSR_EL2.SS = %lu\n",
	       e->intid, regs->pc, regs->pstate >> 21 & 1);
	return true;
}

u64 hyp_read_mdcr(u64 unused0, u64 unused1, u64 unused2)
{
	(void)unused0;
	(void)unused1;
	(void)unused2;
	return read_sysreg(mdcr_el2);
}

u64 hyp_read_hcr(u64 unused0, u64 unused1, u64 unused2)
{
	(void)unused0;
	(void)unused1;
	(void)unused2;
	return read_sysreg(hcr_el2);
}
