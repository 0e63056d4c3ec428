/* SPDX-License-Identifier: MIT */
/*
 * emu/evlog.h - the event log: one line per event (exception entry and
 * return, debug events taken or suppressed, debug-register writes), as
 * key=value text or JSON Lines.  The same vocabulary feeds `--log` and,
 * later, trace files; the format is stable and byte-for-byte deterministic.
 */
#ifndef ARMDBG_EMU_EVLOG_H
#define ARMDBG_EMU_EVLOG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum ev_kind {
	EV_EXC_ENTRY,   /* exception taken: .exc, .target_el, .esr, .far, .elr, .spsr, .vector */
	EV_EXC_RETURN,  /* ERET: .target_el (destination), .elr (new PC), .spsr */
	EV_BREAKPOINT,  /* hardware breakpoint matched (.taken or .why) */
	EV_WATCHPOINT,  /* watchpoint matched */
	EV_STEP,        /* software step exception */
	EV_BRK,         /* BRK instruction */
	EV_DBGREG,      /* debug system register written: .reg, .value */
	EV_SYSREG_TRAP, /* MRS/MSR trapped or UNDEFINED by the model */
	EV_IRQ,         /* IRQ/FIQ taken: .exc ("irq"/"fiq"), .target_el, .elr, .spsr, .vector, .value = INTID pending */
	EV_INPUT,       /* scheduled input applied: .reg ("spi"/"ppi"), .value = INTID, .taken = level */
	EV_HALT,        /* the run ended: .value = exit code */
};

struct ev {
	enum ev_kind kind;
	uint64_t cycle;
	unsigned pe;
	unsigned el;
	uint64_t pc;
	const char *insn;   /* disassembly, may be NULL */
	bool taken;         /* debug events: exception taken */
	const char *why;    /* debug events not taken: the reason */
	const char *exc;    /* EV_EXC_ENTRY: exception name */
	unsigned target_el;
	uint64_t hits;      /* comparators that matched */
	uint64_t esr, far, elr, spsr, vector;
	bool has_far;
	const char *reg;    /* EV_DBGREG / EV_SYSREG_TRAP: register name */
	uint64_t value;
	const char *step;   /* step state after the event, may be NULL */
	bool has_daif;
	unsigned daif;      /* PSTATE.{D,A,I,F} (bits 3..0) after the event */
};

enum ev_format { EV_TEXT, EV_JSON };

const char *ev_kind_name(enum ev_kind k);

/* Format @e as one line (without the newline) into @buf; returns its length. */
size_t ev_format(const struct ev *e, enum ev_format fmt, char *buf, size_t len);

/* Write @e as one line to @f. */
void ev_write(FILE *f, enum ev_format fmt, const struct ev *e);

#endif
