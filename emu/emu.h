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
#include <stdint.h>

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

struct emu_opts {
	const char *cpu;         /* preset name */
	bool el2;                /* start at EL2; EL2 exists (EL3 never does) */
	unsigned ram_mib;
	const char *log_path;    /* NULL: no log; "-" would mix with guest output */
	enum ev_format log_format;
	uint64_t max_insns;
	struct ad_policies pol;
};

void emu_opts_default(struct emu_opts *o);

/*
 * Run @image_path to completion.  Guest output goes to stdout, emulator
 * messages to stderr.  Returns the process exit status: the guest's exit
 * code, or one of the EMU_EXIT_* values.
 */
int emu_run_image(const struct emu_opts *o, const char *image_path);

#endif
