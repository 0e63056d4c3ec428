/* SPDX-License-Identifier: MIT */
/*
 * model/types.h - the public types of the armdbg debug-architecture model.
 *
 * Owns: the CPU configuration (struct ad_config), the debug register file
 * (struct ad_regs), the PE state the debug rules read (struct ad_pe), the
 * policy selection (struct ad_policies) and the aggregate struct ad_state.
 *
 * Everything here is plain data.  The model has no global state: every
 * function takes the state it reads.  Nothing in model/ performs I/O or
 * depends on Unicorn or Capstone.
 */
#ifndef ARMDBG_MODEL_TYPES_H
#define ARMDBG_MODEL_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AD_MAX_BPS 64
#define AD_MAX_WPS 64
#define AD_MIN_BPS 2
#define AD_MIN_WPS 2

/* Exception levels. */
enum { AD_EL0 = 0, AD_EL1 = 1, AD_EL2 = 2, AD_EL3 = 3 };

/* ID_AA64DFR0_EL1.DebugVer encodings. */
enum ad_debugver {
	AD_DEBUGVER_V8P0 = 0x6,
	AD_DEBUGVER_V8P1 = 0x7, /* VHE */
	AD_DEBUGVER_V8P2 = 0x8,
	AD_DEBUGVER_V8P4 = 0x9,
	AD_DEBUGVER_V8P8 = 0xa,
	AD_DEBUGVER_V8P9 = 0xb,
};

/*
 * A CPU configuration.  Built from a preset (config.c) and optionally
 * adjusted by the caller (the emulator removes EL2/EL3 when the guest is
 * not given them); validate with ad_config_validate().
 */
struct ad_config {
	const char *name;
	unsigned num_bps;     /* 2..64 */
	unsigned num_wps;     /* 2..64 */
	unsigned num_ctx_bps; /* 1..num_bps; the highest-numbered ones */
	unsigned debugver;    /* enum ad_debugver */
	unsigned pmuver;      /* ID_AA64DFR0_EL1.PMUVer */
	bool el2;             /* EL2 implemented */
	bool el3;             /* EL3 implemented (always AArch64 here) */
	bool aarch32_el1;     /* AArch32 supported at EL1 (and so at EL0) */
	bool vhe;             /* FEAT_VHE */
	bool doublelock;      /* FEAT_DoubleLock */
	bool uao;             /* FEAT_UAO */
	bool pan;             /* FEAT_PAN */
	bool debugv8p9;       /* FEAT_Debugv8p9: MDSELR_EL1, EMBWE, >16 bp/wp */
	bool bwe;             /* FEAT_BWE: breakpoint MASK, address mismatch */
	bool vmid16;          /* FEAT_VMID16 */
	unsigned va_bits;     /* implemented VA size: 48 or 52 (FEAT_LVA) */
	unsigned dczva_bytes; /* DC ZVA block size (DCZID_EL0.BS) */
	unsigned dcivac_bytes; /* size a DC IVAC is checked with (IMP DEF) */
};

/*
 * The debug register file of one PE plus the other system registers the
 * debug rules read.  Values are stored legalised: what an MRS would read
 * (regs.c owns the write legalisation).  OSLSR_EL1 is represented by its
 * one writable bit, OSLK; the constant OSLM bits are synthesised on read.
 */
struct ad_regs {
	uint64_t bvr[AD_MAX_BPS];
	uint64_t bcr[AD_MAX_BPS];
	uint64_t wvr[AD_MAX_WPS];
	uint64_t wcr[AD_MAX_WPS];
	uint64_t mdscr_el1;
	bool oslk;             /* OSLSR_EL1.OSLK */
	uint64_t osdlr_el1;
	uint64_t dbgprcr_el1;
	uint64_t mdselr_el1;
	uint64_t claim;        /* DBGCLAIMSET/CLR_EL1 tag bits [7:0] */
	uint64_t mdccint_el1;
	uint64_t dbgdtrrx;     /* DCC receive (host -> PE) */
	uint64_t dbgdtrtx;     /* DCC transmit (PE -> host) */
	uint64_t oseccr_el1;
	uint64_t dbgvcr32_el2;
	uint64_t mdcr_el2;
	uint64_t mdcr_el3;
	/* Match inputs and routing controls owned elsewhere in a real PE. */
	uint64_t hcr_el2;
	uint64_t scr_el3;
	uint64_t contextidr_el1;
	uint64_t contextidr_el2;
	uint64_t vttbr_el2;    /* VMID in [55:48] (or [63:48] with VMID16) */
	uint64_t vtcr_el2;     /* VS bit [19] selects a 16-bit VMID */
};

/* The parts of PSTATE (and of the PE) that the debug rules read. */
struct ad_pe {
	unsigned el;   /* current exception level */
	bool d;        /* PSTATE.D */
	bool ss;       /* PSTATE.SS */
	bool uao;      /* PSTATE.UAO */
	bool pan;      /* PSTATE.PAN */
	bool halted;   /* in Debug state (halting debug); always false here */
	/*
	 * What SoftwareStep_DidNotStep()/SteppedEX() report for the next step
	 * exception: how the previously executed instruction ran (step.c).
	 */
	uint8_t ss_prev;  /* enum ad_ss_prev */
	bool ss_prev_ex;  /* it was a Load-Exclusive */
};

/* How the previously executed instruction relates to stepping. */
enum ad_ss_prev {
	AD_SSPREV_NOT_STEPPED, /* executed in the inactive state: ISV=0 */
	AD_SSPREV_STEPPED,     /* executed active-not-pending: ISV=1 */
	AD_SSPREV_CU,          /* ISB/ERET stepped, or an exception intervened */
};

/* Policy identifiers: one per CONSTRAINED UNPREDICTABLE/IMP DEF choice. */
enum ad_policy_id {
	AD_POL_RESBPTYPE,         /* Unpredictable_RESBPTYPE */
	AD_POL_RESBPWPCTRL,       /* Unpredictable_RESBPWPCTRL */
	AD_POL_BPNOTCTXCMP,       /* Unpredictable_BPNOTCTXCMP */
	AD_POL_BPLINKEDADDRMATCH, /* Unpredictable_BPLINKEDADDRMATCH */
	AD_POL_BPMATCHHALF,       /* Unpredictable_BPMATCHHALF */
	AD_POL_BPMASK,            /* Unpredictable_RESBPMASK (FEAT_BWE) */
	AD_POL_BPMASKEDBITS,      /* Unpredictable_BPMASKEDBITS */
	AD_POL_DBGXVR_RESS,       /* Unpredictable_DBGxVR_RESS */
	AD_POL_RESLSC,            /* Unpredictable_RESLSC (LSC == 0b00) */
	AD_POL_WPBASCONTIGUOUS,   /* Unpredictable_WPBASCONTIGUOUS */
	AD_POL_RESWPMASK,         /* Unpredictable_RESWPMASK */
	AD_POL_WPMASKANDBAS,      /* Unpredictable_WPMASKANDBAS */
	AD_POL_WPMASKEDBITS,      /* Unpredictable_WPMASKEDBITS */
	AD_POL_WP_FAR,            /* IMP DEF: FAR reported for a watchpoint */
	AD_POL_STXR_FAIL_WP,      /* IMP DEF: failed STXR generates a watchpoint */
	AD_POL_STEP_ISV,          /* step ISV after ERET/ISB/intervening exc. */
	AD_POL_STEP_VS_IRQ,       /* pending step versus pending interrupt */
	AD_POL_RESET_UNKNOWN,     /* value of UNKNOWN fields at cold reset */
	AD_POL_BAS_READBACK,      /* non-contiguous BAS read back */
	AD_POL_DLK_WITHOUT_OSLK,  /* OSDLR_EL1.DLK written while OSLK == 0 */
	AD_POL__COUNT
};

struct ad_policies {
	uint8_t choice[AD_POL__COUNT]; /* index into the policy's choices */
};

/* The whole model state of one PE. */
struct ad_state {
	const struct ad_config *cfg;
	struct ad_regs r;
	struct ad_pe pe;
	struct ad_policies pol;
	/*
	 * NULL, or where ad_policy() notes the policies the model consults:
	 * bit id is set when policy id is read.  The fuzz harness uses it to
	 * sweep only the choices that can change the model's answer.
	 */
	uint32_t *pol_reads;
};

#endif
