/* SPDX-License-Identifier: MIT */
/*
 * emu/disasm.h - Capstone 4 disassembly of guest instructions for the event
 * log, cached by PC (Capstone costs ~200 ns per instruction with detail).
 * v8.1 atomics and LDAPR, which Capstone 4.0.2 cannot decode, are printed
 * as ".inst 0x...": the access decoder (a64mem) handles their semantics.
 */
#ifndef ARMDBG_EMU_DISASM_H
#define ARMDBG_EMU_DISASM_H

#include <stdint.h>

struct disasm;

struct disasm *disasm_open(void);
void disasm_close(struct disasm *d);

/*
 * The text of instruction word @insn at @pc ("str x1, [x0, #8]").  The
 * pointer stays valid until the next call.  A cached entry is used when
 * both the PC and the word match (self-modifying code is handled).
 */
const char *disasm_insn(struct disasm *d, uint64_t pc, uint32_t insn);

#endif
