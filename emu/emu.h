/* SPDX-License-Identifier: MIT */
/*
 * emu/emu.h - `armdbg run`: a bare-metal AArch64 ELF image on Unicorn with
 * the debug model in the loop.
 *
 * Owns the run: loading the image, exception entry (the emulator performs
 * every synchronous exception the guest raises: SVC, HVC, SMC, BRK,
 * UNDEFINED, debug exceptions, system-register traps), the debug system
 * registers (swallowed in the MRS/MSR hook and served by the model),
 * virtual time, semihosting and the event log.  Unicorn quirks stay in
 * ucshim.c; architecture rules stay in model/.
 */
#ifndef ARMDBG_EMU_EMU_H
#define ARMDBG_EMU_EMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "evlog.h"
#include "types.h"

/* Process exit statuses of emulator-side failures (guest codes pass through). */
enum {
	EMU_EXIT_USAGE = 2,      /* bad command line */
	EMU_EXIT_IMAGE = 125,    /* the image cannot be loaded */
	EMU_EXIT_RUNAWAY = 126,  /* --max-insns reached */
	EMU_EXIT_FAULT = 127,    /* unmapped access, unsupported instruction */
	EMU_EXIT_INTERNAL = 128, /* Unicorn misbehaves (self-test) */
};

#define EMU_RAM_BASE 0x40000000ull
#define EMU_DEFAULT_RAM_MIB 128u
#define EMU_DEFAULT_MAX_INSNS 100000000ull

#define EMU_DEFAULT_CYCLES_PER_TICK 16u /* 62.5 MHz counter, 1 GHz core */
#define EMU_MAX_INPUTS 4096u

/* An external input, scheduled by virtual cycle (see emu_input_parse()). */
enum emu_input_kind {
	EMU_INPUT_SPI, /* a shared peripheral interrupt line, INTID 32..EMU_GIC_MAX_SPI */
	EMU_INPUT_PPI, /* a private peripheral interrupt line, INTID 16..31 */
};

struct emu_input {
	uint64_t cycle; /* takes effect before the instruction at this cycle */
	enum emu_input_kind kind;
	unsigned intid;
	bool level;     /* true: assert, false: deassert */
};

#define EMU_GIC_MAX_SPI 95u /* SPIs 32..95: GICD_TYPER.ITLinesNumber = 2 */

/* One register of the final architectural state, for traces. */
struct emu_reg_value {
	char name[24];
	uint64_t value;
};

#define EMU_FINAL_MAX 400u

/* The architectural state when the run ended (canonical order). */
struct emu_final {
	int status;          /* the run's exit status */
	uint64_t cycle;      /* virtual time */
	uint64_t insns;      /* instructions retired */
	unsigned n;
	struct emu_reg_value reg[EMU_FINAL_MAX];
};

struct emu_opts {
	const char *cpu;         /* preset name */
	bool el2;                /* start at EL2; EL2 exists (EL3 never does) */
	unsigned ram_mib;
	const char *log_path;    /* NULL: no log; "-" would mix with guest output */
	FILE *log_file;          /* if set: the log goes here (not closed); wins over log_path */
	enum ev_format log_format;
	FILE *out;               /* guest output; NULL: stdout */
	FILE *err;               /* emulator messages ("armdbg: ..."); NULL: stderr */
	uint64_t max_insns;
	struct ad_policies pol;
	/* Virtual time: cycles per counter tick, extra cycles of an exception entry / ERET. */
	unsigned cycles_per_tick;
	unsigned exc_entry_cycles, exc_return_cycles;
	/* External inputs, sorted by cycle (emu_run_image() rejects them unsorted). */
	const struct emu_input *inputs;
	unsigned ninputs;
	/* Bytes copied into guest RAM at @preload_addr after the image (fuzzing). */
	const void *preload;
	size_t preload_len;
	uint64_t preload_addr;
	/* Filled when the run ends, if non-NULL (also on emulator-side failures). */
	struct emu_final *final;
};

void emu_opts_default(struct emu_opts *o);

/*
 * Parse an input "CYCLE:spi:INTID:assert|deassert" or "CYCLE:ppi:..." into
 * @in; returns NULL or what is wrong.
 */
const char *emu_input_parse(const char *s, struct emu_input *in);

/* Format @in back as emu_input_parse() reads it. */
void emu_input_format(const struct emu_input *in, char *buf, size_t len);

#define EMU_MAX_FILE_BYTES ((size_t)256 << 20)

/*
 * Read all of @path, at most @max bytes (a power of two >= 64 KiB), into
 * a malloc'd buffer; NULL with "path: reason" in @err.
 */
uint8_t *emu_read_file(const char *path, size_t max, size_t *len, char *err,
		       size_t errlen);

/*
 * Run @image_path to completion.  Guest output goes to o->out (stdout),
 * emulator messages to o->err (stderr).  Returns the process exit status: the
 * guest's exit code, or one of the EMU_EXIT_* values.
 */
int emu_run_image(const struct emu_opts *o, const char *image_path);

/*
 * The engines armdbg runs on, for `armdbg --version`: the Unicorn and
 * Capstone versions and which of ucshim's fast paths this Unicorn build
 * allows (it opens a small engine to find out).
 */
void emu_describe(FILE *f);

#endif
