/* SPDX-License-Identifier: MIT */
/*
 * model/step.h - the software-step state machine: the three states,
 * SSAdvance, what exception entry saves in SPSR.SS, DebugExceptionReturnSS
 * on ERET, and the step exception itself.  PSTATE.SS lives in ad_pe.
 */
#ifndef ARMDBG_MODEL_STEP_H
#define ARMDBG_MODEL_STEP_H

#include "debug.h"
#include "types.h"

enum ad_step_state {
	AD_STEP_INACTIVE,
	AD_STEP_ACTIVE_NOT_PENDING,
	AD_STEP_ACTIVE_PENDING,
};

const char *ad_step_state_str(enum ad_step_state st);

/* Software step enabled at @el with mask @d (MDSCR.SS && GenerateDebugExceptionsFrom). */
bool ad_step_enabled_from(const struct ad_state *s, unsigned el, bool secure, bool d);

/* The current state (what CheckSoftwareStep sees before the next instruction). */
enum ad_step_state ad_step_state(const struct ad_state *s);

/*
 * SSAdvance: an instruction completed.  @was_ldex: it was a
 * Load-Exclusive (the step syndrome's EX).
 */
void ad_ss_advance(struct ad_state *s, bool was_ldex);

/*
 * ad_ss_advance() for a caller that knows ad_step_enabled_from() for the
 * current PE state (@enabled): the same result without recomputing it.
 */
void ad_ss_advance_en(struct ad_state *s, bool was_ldex, bool enabled);

/*
 * SSAdvance for an ISB: the step syndrome's ISV is then CONSTRAINED
 * UNPREDICTABLE (AD_POL_STEP_ISV).
 */
void ad_ss_advance_isb(struct ad_state *s);

/* How an exception relates to the instruction being stepped. */
enum ad_exc_kind {
	AD_EXC_CALL,      /* SVC/HVC/SMC: the instruction counts as executed */
	AD_EXC_SYNC,      /* any other synchronous exception: not executed */
	AD_EXC_ASYNC,     /* IRQ/FIQ/SError between instructions */
};

/*
 * Exception entry as far as the debug state goes: returns the SPSR.SS to
 * save, and updates PSTATE (EL, D=1, SS=0).  For AD_EXC_CALL the caller
 * must not call ad_ss_advance itself: this does (AArch64.CallSupervisor).
 */
bool ad_exception_entry(struct ad_state *s, unsigned target_el,
			enum ad_exc_kind kind);

/* DebugExceptionReturnSS(spsr): PSTATE.SS after an ERET with @spsr. */
bool ad_debug_exception_return_ss(const struct ad_state *s, uint64_t spsr);

/*
 * AArch64.ExceptionReturn as far as the debug state goes: PSTATE.{EL,D,SS,
 * UAO,PAN} from @spsr, SS per DebugExceptionReturnSS.
 */
void ad_exception_return(struct ad_state *s, uint64_t spsr);

/*
 * CheckSoftwareStep before the next instruction: if active-pending, the
 * step exception to take (target EL, ESR with ISV/EX).
 */
struct ad_debug_event ad_check_software_step(const struct ad_state *s);

/* SPSR bit positions the model reads/writes. */
#define AD_SPSR_SS  (1ull << 21)
#define AD_SPSR_D   (1ull << 9)
#define AD_SPSR_UAO (1ull << 23)
#define AD_SPSR_PAN (1ull << 22)
#define AD_SPSR_IL  (1ull << 20)

#endif
