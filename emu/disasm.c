// SPDX-License-Identifier: MIT
/*
 * emu/disasm.c - cached Capstone disassembly (see disasm.h).
 */
#include "disasm.h"

#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DISASM_SLOTS 4096 /* direct-mapped by PC */

struct slot {
	uint64_t pc;
	uint32_t insn;
	bool valid;
	char text[200];
};

struct disasm {
	csh cs;
	cs_insn *ci;
	struct slot slot[DISASM_SLOTS];
};

struct disasm *disasm_open(void)
{
	struct disasm *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	if (cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &d->cs) != CS_ERR_OK) {
		free(d);
		return NULL;
	}
	d->ci = cs_malloc(d->cs);
	if (!d->ci) {
		cs_close(&d->cs);
		free(d);
		return NULL;
	}
	return d;
}

void disasm_close(struct disasm *d)
{
	if (!d)
		return;
	cs_free(d->ci, 1);
	cs_close(&d->cs);
	free(d);
}

const char *disasm_insn(struct disasm *d, uint64_t pc, uint32_t insn)
{
	struct slot *s = &d->slot[(pc >> 2) % DISASM_SLOTS];
	uint8_t bytes[4] = { insn & 0xff, insn >> 8 & 0xff, insn >> 16 & 0xff,
			     insn >> 24 };
	const uint8_t *code = bytes;
	size_t size = 4;
	uint64_t addr = pc;

	if (s->valid && s->pc == pc && s->insn == insn)
		return s->text;
	if (cs_disasm_iter(d->cs, &code, &size, &addr, d->ci)) {
		if (d->ci->op_str[0])
			snprintf(s->text, sizeof(s->text), "%s %s",
				 d->ci->mnemonic, d->ci->op_str);
		else
			snprintf(s->text, sizeof(s->text), "%s", d->ci->mnemonic);
	} else {
		snprintf(s->text, sizeof(s->text), ".inst 0x%08x", insn);
	}
	s->pc = pc;
	s->insn = insn;
	s->valid = true;
	return s->text;
}
