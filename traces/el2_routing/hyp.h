/* SPDX-License-Identifier: MIT */
/*
 * traces/el2_routing/hyp.h - the scenario's hypervisor (hyp.c, runs at
 * EL2) as the guest kernel (el2_routing.c, EL1) sees it: the host
 * debugger's attach/detach, run at EL2 through hyp_call(), and the
 * hypervisor's counters and records, which the scenario checks.
 */
#ifndef EL2_ROUTING_HYP_H
#define EL2_ROUTING_HYP_H

#include "irqscen_common.h"

#define MDCR_EL2_TDE		(1ull << 8)
#define MDCR_EL2_TDA		(1ull << 9)
#define MDCR_EL2_TDOSA		(1ull << 10)
#define MDCR_EL2_TDRA		(1ull << 11)
#define HCR_EL2_IMO		(1ull << 4)

#define INTID_HYPTIMER		26	/* CNTHP: the EL2 physical timer PPI */

/* What the hardware DBGBVR0_EL1 holds for the host before the guest runs. */
#define HOST_BVR0_MARKER	0x40081800ull

/* One exception taken to EL2 that the scenario checks. */
struct hyp_event {
	unsigned ec;		/* ESR_EL2.EC (debug), or 0 for an IRQ */
	unsigned intid;		/* IRQ: the INTID acknowledged */
	u64 pc, pstate, esr, vec;	/* ELR_EL2, SPSR_EL2 (no NZCV), ESR_EL2, vector offset */
};

#define HYP_EVENTS_MAX 8

struct hyp_stats {
	/* Traps of guest debug-register accesses (ESR_EL2.EC 0x18). */
	unsigned tda_reads, tda_writes;	/* DBGB*, DBGW*, MDSCR_EL1 */
	unsigned tdosa_traps;		/* OSLAR, OSLSR, OSDLR, DBGPRCR */
	u64 first_trap_esr;
	/* The guest's debug registers were switched into the hardware. */
	unsigned switch_ins;
	u64 host_saved_bvr0;		/* the host's DBGBVR0 saved at the switch */
	/* Debug exceptions and IRQs taken to EL2 while the host debugs. */
	struct hyp_event ev[HYP_EVENTS_MAX];
	unsigned nev;
};

extern struct hyp_stats hyp_stats;

/* hyp_call() targets (run at EL2).  Attach: a host breakpoint at @addr. */
u64 host_debug_attach(u64 addr, u64 unused1, u64 unused2);
u64 host_debug_detach(u64 unused0, u64 unused1, u64 unused2);
/* MDCR_EL2 and HCR_EL2, for the checks. */
u64 hyp_read_mdcr(u64 unused0, u64 unused1, u64 unused2);
u64 hyp_read_hcr(u64 unused0, u64 unused1, u64 unused2);

#endif
