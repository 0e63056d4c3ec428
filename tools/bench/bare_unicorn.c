// SPDX-License-Identifier: MIT
/*
 * tools/bench/bare_unicorn.c - benchmark variant (a): run a benchmark
 * guest (bench.S) on Unicorn with no debug model and no hooks but one
 * UC_HOOK_INTR hook, which costs nothing until the guest's semihosting
 * HLT #0xF000 raises it.  This is the ceiling armdbg can reach on the
 * same loop (docs/performance.md).
 *
 *   bench_bare_unicorn [--probe KIND] IMAGE.elf
 *
 * Loads the ELF's PT_LOAD segments with emu/elf.c (the validator armdbg
 * uses) into 128 MiB of RAM at 0x40000000, starts at the entry in EL1h
 * with SCR_EL3.RW = 1 on a Cortex-A57, and serves SYS_EXIT only: the
 * process exits with the guest's status.  Any other exception, any other
 * semihosting call or an unmapped access ends the run with status 127 and
 * a message.  It prints nothing on success; the benchmark times the
 * whole process.
 *
 * --probe KIND adds one hook with an (almost) empty callback, to measure
 * what a hook costs by itself (docs/performance.md; armdbg_bench never
 * uses it):
 *   block       UC_HOOK_BLOCK over all addresses
 *   code        UC_HOOK_CODE over all addresses
 *   code-read   the same, reading PSTATE and the 4-byte instruction word
 *               (what armdbg's code hook does for every instruction)
 *   code-range  UC_HOOK_CODE on 32 bytes at RAM_BASE, which the guest
 *               never executes
 *   mem         UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE over all addresses
 *   mem-range   the same on 32 bytes at RAM_BASE, which the guest never
 *               accesses
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicorn/unicorn.h>

#include "elf.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE (128ull << 20)
#define MAX_IMAGE (16u << 20)
#define EXIT_FAIL 127

#define QEXCP_UDEF 1            /* UC_HOOK_INTR number of HLT (unicorn.md) */
#define SH_SYS_EXIT 0x18
#define SH_APPLICATION_EXIT 0x20026u
#define HLT_F000 0xd45e0000u    /* HLT #0xF000 */

struct run {
	uc_engine *uc;
	bool done;
	int status;
	char msg[200];
};

static void stop(struct run *r, int status)
{
	r->done = true;
	r->status = status;
	uc_emu_stop(r->uc);
}

static uint64_t reg(uc_engine *uc, int id)
{
	uint64_t v = 0;

	uc_reg_read(uc, id, &v);
	return v;
}

/* --probe callbacks: count, so that the compiler keeps them. */
static uint64_t probe_count;

static void probe_block(uc_engine *uc, uint64_t addr, uint32_t size,
			void *user)
{
	(void)uc;
	(void)addr;
	(void)user;
	probe_count += size / 4;
}

static void probe_code(uc_engine *uc, uint64_t addr, uint32_t size,
		       void *user)
{
	(void)uc;
	(void)addr;
	(void)size;
	(void)user;
	probe_count++;
}

static void probe_code_read(uc_engine *uc, uint64_t addr, uint32_t size,
			    void *user)
{
	uint64_t pstate = 0;
	uint32_t insn = 0;

	(void)size;
	(void)user;
	uc_reg_read(uc, UC_ARM64_REG_PSTATE, &pstate);
	uc_mem_read(uc, addr, &insn, 4);
	probe_count += (pstate >> 2 & 3) + (insn & 1);
}

static void probe_mem(uc_engine *uc, uc_mem_type type, uint64_t addr,
		      int size, int64_t value, void *user)
{
	(void)uc;
	(void)type;
	(void)addr;
	(void)size;
	(void)value;
	(void)user;
	probe_count++;
}

static int add_probe(uc_engine *uc, const char *kind)
{
	uc_hook h;
	int mem = UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE;

	if (!strcmp(kind, "block"))
		return uc_hook_add(uc, &h, UC_HOOK_BLOCK, (void *)probe_block,
				   NULL, 1, 0);
	if (!strcmp(kind, "code"))
		return uc_hook_add(uc, &h, UC_HOOK_CODE, (void *)probe_code,
				   NULL, 1, 0);
	if (!strcmp(kind, "code-read"))
		return uc_hook_add(uc, &h, UC_HOOK_CODE,
				   (void *)probe_code_read, NULL, 1, 0);
	if (!strcmp(kind, "code-range"))
		return uc_hook_add(uc, &h, UC_HOOK_CODE, (void *)probe_code,
				   NULL, RAM_BASE, RAM_BASE + 31);
	if (!strcmp(kind, "mem"))
		return uc_hook_add(uc, &h, mem, (void *)probe_mem, NULL, 1, 0);
	if (!strcmp(kind, "mem-range"))
		return uc_hook_add(uc, &h, mem, (void *)probe_mem, NULL,
				   RAM_BASE, RAM_BASE + 31);
	fprintf(stderr, "bench_bare_unicorn: unknown probe '%s'\n", kind);
	return -1;
}

/* SYS_EXIT {reason, subcode}: exit(3) semantics, as QEMU. */
static void intr_hook(uc_engine *uc, uint32_t intno, void *user)
{
	struct run *r = user;
	uint64_t pc = reg(uc, UC_ARM64_REG_PC), block[2];
	uint32_t insn = 0;

	if (intno != QEXCP_UDEF || uc_mem_read(uc, pc, &insn, 4) != UC_ERR_OK ||
	    insn != HLT_F000) {
		snprintf(r->msg, sizeof(r->msg),
			 "unexpected exception %u at PC 0x%" PRIx64, intno, pc);
		stop(r, EXIT_FAIL);
		return;
	}
	if ((uint32_t)reg(uc, UC_ARM64_REG_X0) != SH_SYS_EXIT) {
		snprintf(r->msg, sizeof(r->msg),
			 "semihosting call 0x%" PRIx64 " at PC 0x%" PRIx64
			 ": only SYS_EXIT is served",
			 reg(uc, UC_ARM64_REG_X0), pc);
		stop(r, EXIT_FAIL);
		return;
	}
	if (uc_mem_read(uc, reg(uc, UC_ARM64_REG_X1), block, sizeof(block))) {
		snprintf(r->msg, sizeof(r->msg),
			 "SYS_EXIT parameter block unreadable");
		stop(r, EXIT_FAIL);
		return;
	}
	stop(r, block[0] == SH_APPLICATION_EXIT ? (int)(block[1] & 0xff) : 1);
}

static uint8_t *read_image(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;

	if (!f) {
		fprintf(stderr, "bench_bare_unicorn: %s: %s\n", path,
			strerror(errno));
		return NULL;
	}
	buf = malloc(MAX_IMAGE);
	if (!buf) {
		fclose(f);
		fprintf(stderr, "bench_bare_unicorn: out of memory\n");
		return NULL;
	}
	*len = fread(buf, 1, MAX_IMAGE, f);
	if (ferror(f) || !feof(f)) {
		fprintf(stderr, "bench_bare_unicorn: %s: %s\n", path,
			ferror(f) ? "read error" : "larger than 16 MiB");
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	return buf;
}

/* Load the image and set up EL1h at its entry; returns the entry or 0. */
static uint64_t load(uc_engine *uc, const char *path)
{
	struct elf_image img;
	/* SCR_EL3 (3, 6, 1, 1, 0): RW = 1, or EL1 would be AArch32 on ERET. */
	uc_arm64_cp_reg scr = { .op0 = 3, .op1 = 6, .crn = 1, .crm = 1,
				.op2 = 0, .val = 1u << 10 };
	char err[200];
	uint8_t *file;
	size_t len = 0;
	uint64_t entry = 0;

	file = read_image(path, &len);
	if (!file)
		return 0;
	if (elf_load(file, len, RAM_BASE, RAM_SIZE, &img, err, sizeof(err))) {
		fprintf(stderr, "bench_bare_unicorn: %s: %s\n", path, err);
		goto out;
	}
	for (unsigned i = 0; i < img.nseg; i++) {
		const struct elf_segment *s = &img.seg[i];

		if (uc_mem_write(uc, s->paddr, s->data, s->filesz)) {
			fprintf(stderr, "bench_bare_unicorn: %s: cannot load segment %u\n",
				path, s->phdr);
			goto out;
		}
	}
	if (uc_reg_write(uc, UC_ARM64_REG_CP_REG, &scr)) {
		fprintf(stderr, "bench_bare_unicorn: cannot set SCR_EL3.RW\n");
		goto out;
	}
	entry = img.entry;
out:
	free(file);
	return entry;
}

int main(int argc, char **argv)
{
	struct run r = { 0 };
	const char *probe = NULL, *image;
	uc_hook h;
	uint64_t entry;
	uc_err rc;

	if (argc == 4 && !strcmp(argv[1], "--probe")) {
		probe = argv[2];
		image = argv[3];
	} else if (argc == 2 && argv[1][0] != '-') {
		image = argv[1];
	} else {
		fprintf(stderr, "usage: bench_bare_unicorn [--probe KIND] IMAGE.elf\n");
		return 2;
	}
	if (uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &r.uc)) {
		fprintf(stderr, "bench_bare_unicorn: uc_open failed\n");
		return EXIT_FAIL;
	}
	if (uc_ctl_set_cpu_model(r.uc, UC_CPU_ARM64_A57) ||
	    uc_mem_map(r.uc, RAM_BASE, RAM_SIZE, UC_PROT_ALL) ||
	    uc_hook_add(r.uc, &h, UC_HOOK_INTR, (void *)intr_hook, &r, 1, 0)) {
		fprintf(stderr, "bench_bare_unicorn: Unicorn set-up failed\n");
		uc_close(r.uc);
		return EXIT_FAIL;
	}
	if (probe && add_probe(r.uc, probe)) {
		uc_close(r.uc);
		return 2;
	}
	entry = load(r.uc, image);
	if (!entry) {
		uc_close(r.uc);
		return EXIT_FAIL;
	}
	/* No count, no timeout: neither installs a hidden hook. */
	rc = uc_emu_start(r.uc, entry, 0, 0, 0);
	if (rc != UC_ERR_OK && !r.done) {
		snprintf(r.msg, sizeof(r.msg), "%s at PC 0x%" PRIx64,
			 uc_strerror(rc), reg(r.uc, UC_ARM64_REG_PC));
		r.status = EXIT_FAIL;
	} else if (!r.done) {
		snprintf(r.msg, sizeof(r.msg),
			 "the guest stopped without SYS_EXIT at PC 0x%" PRIx64,
			 reg(r.uc, UC_ARM64_REG_PC));
		r.status = EXIT_FAIL;
	}
	if (r.msg[0])
		fprintf(stderr, "bench_bare_unicorn: %s\n", r.msg);
	uc_close(r.uc);
	return r.status;
}
