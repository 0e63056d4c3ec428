// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_e2e.c - fuzz harness 4: end to end.
 *
 * Runs the fixed guest tests/fuzz/e2e_guest.S in-process with
 * emu_run_image(), with the fuzzer's bytes preloaded into guest RAM as the
 * values the guest writes into the debug registers (DBGBCR/BVR,
 * DBGWCR/WVR, MDSCR_EL1, OSLAR/OSDLR, DBGPRCR, CONTEXTIDR) before its
 * workload of loads, stores, exclusives, LDTR/STTR, DC ZVA, BRKs, an ERET
 * to EL0 with an optional step and an SVC back.  Checks:
 *  - the host does not crash (ASan/UBSan in the libFuzzer build);
 *  - the run ends, with the guest's status (0: done, 1: exception limit)
 *    or EMU_EXIT_RUNAWAY / EMU_EXIT_FAULT (a fuzzed register can make the
 *    guest fault or loop; both are documented outcomes), never a usage,
 *    image or internal error;
 *  - a guest that finished printed its message;
 *  - a second run gives the same status, the byte-identical event log and
 *    guest output, and the same final architectural state.
 * A failed check prints a report and aborts.
 *
 * Input: u8 CPU preset index, u8 policy[AD_POL__COUNT], then the block
 * e2e_guest.S reads (E2E_BLOCK_WORDS little-endian u64s, zero-padded).
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "emu.h"
#include "policy.h"

#ifndef E2E_GUEST_ELF
#error "E2E_GUEST_ELF must name the guest image (tests/fuzz/CMakeLists.txt)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where e2e_guest.S reads its block, and its size. */
#define E2E_BLOCK 0x400a0000ull
#define E2E_BLOCK_WORDS 28
/* Enough for the guest's ~300 instructions and 64 exceptions. */
#define E2E_MAX_INSNS 20000ull
/* The guest and the block fit in 1 MiB; less RAM, faster runs. */
#define E2E_RAM_MIB 2u

struct run {
	int status;
	char *log, *out;
	size_t loglen, outlen;
	struct emu_final final;
};

static const uint8_t *cur_data;
static size_t cur_size;

static void print_input(void)
{
	size_t i;

	fprintf(stderr, "input (%zu bytes):", cur_size);
	for (i = 0; i < cur_size && i < 1024; i++)
		fprintf(stderr, "%s%02x", i % 32 ? "" : "\n  ", cur_data[i]);
	fprintf(stderr, "\n");
}

static void fail(const struct emu_opts *o, const char *what)
{
	fprintf(stderr, "\n==== fuzz_e2e: %s ====\n", what);
	fprintf(stderr, "cpu: %s, guest: %s\n", o->cpu, E2E_GUEST_ELF);
	print_input();
	abort();
}

static void run_once(const struct emu_opts *base, struct run *r)
{
	struct emu_opts o = *base;
	FILE *log, *out;

	r->log = r->out = NULL;
	r->loglen = r->outlen = 0;
	log = open_memstream(&r->log, &r->loglen);
	out = open_memstream(&r->out, &r->outlen);
	if (!log || !out)
		fail(base, "harness: open_memstream failed");
	o.log_file = log;
	o.out = out;
	o.final = &r->final;
	r->status = emu_run_image(&o, E2E_GUEST_ELF);
	if (fclose(log) || fclose(out))
		fail(base, "harness: a memory stream failed");
}

static bool status_ok(int status)
{
	return status == 0 || status == 1 || status == EMU_EXIT_RUNAWAY ||
	       status == EMU_EXIT_FAULT;
}

/* The length of the line at @p (at most @n bytes, without the newline). */
static int line_len(const char *p, size_t n)
{
	const char *nl = memchr(p, '\n', n);

	return (int)(nl ? (size_t)(nl - p) : n);
}

/* The first line where @a and @b differ, for the report. */
static void print_first_difference(const char *a, size_t alen, const char *b,
				   size_t blen)
{
	size_t i = 0, line = 1, start = 0;

	while (i < alen && i < blen && a[i] == b[i]) {
		if (a[i] == '\n') {
			line++;
			start = i + 1;
		}
		i++;
	}
	fprintf(stderr, "first difference at line %zu:\n  run 1: %.*s\n"
		"  run 2: %.*s\n", line, line_len(a + start, alen - start),
		a + start, line_len(b + start, blen - start), b + start);
}

static bool same_final(const struct emu_final *a, const struct emu_final *b)
{
	unsigned i;

	if (a->status != b->status || a->cycle != b->cycle ||
	    a->insns != b->insns || a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->reg[i].name, b->reg[i].name) ||
		    a->reg[i].value != b->reg[i].value)
			return false;
	return true;
}

static void check(const struct emu_opts *o, const struct run *r1,
		  const struct run *r2)
{
	static const char done[] = "e2e done\n";

	if (!status_ok(r1->status)) {
		fprintf(stderr, "\nstatus %d; event log:\n%.*s", r1->status,
			(int)r1->loglen, r1->log);
		fail(o, "the run ended with an emulator error");
	}
	if ((r1->status == 0 || r1->status == 1) &&
	    (r1->outlen != sizeof(done) - 1 || memcmp(r1->out, done, r1->outlen))) {
		fprintf(stderr, "\nguest output: \"%.*s\"\n", (int)r1->outlen,
			r1->out);
		fail(o, "the guest exited without its message");
	}
	if (r1->status != r2->status) {
		fprintf(stderr, "\nstatus: run 1 %d, run 2 %d\n", r1->status,
			r2->status);
		fail(o, "two runs ended differently");
	}
	if (r1->loglen != r2->loglen || memcmp(r1->log, r2->log, r1->loglen)) {
		fprintf(stderr, "\nevent logs: run 1 %zu bytes, run 2 %zu bytes\n",
			r1->loglen, r2->loglen);
		print_first_difference(r1->log, r1->loglen, r2->log, r2->loglen);
		fail(o, "two runs gave different event logs");
	}
	if (r1->outlen != r2->outlen || memcmp(r1->out, r2->out, r1->outlen))
		fail(o, "two runs gave different guest output");
	if (!same_final(&r1->final, &r2->final))
		fail(o, "two runs ended in different architectural states");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct run r1, r2;
	uint8_t block[E2E_BLOCK_WORDS * 8];
	struct emu_opts o;
	unsigned count = 0, i;
	size_t off = 0;

	cur_data = data;
	cur_size = size;
	emu_opts_default(&o);
	while (ad_config_preset_at(count))
		count++;
	o.cpu = ad_config_preset_at((size > 0 ? data[0] : 0) % count)->name;
	off = 1;
	for (i = 0; i < AD_POL__COUNT; i++, off++)
		o.pol.choice[i] = (uint8_t)((off < size ? data[off] : 0) %
					    ad_policy_desc(i)->nchoices);
	memset(block, 0, sizeof(block));
	if (off < size)
		memcpy(block, data + off, size - off < sizeof(block) ?
					  size - off : sizeof(block));
	o.preload = block;
	o.preload_len = sizeof(block);
	o.preload_addr = E2E_BLOCK;
	o.max_insns = E2E_MAX_INSNS;
	o.ram_mib = E2E_RAM_MIB;

	run_once(&o, &r1);
	run_once(&o, &r2);
	check(&o, &r1, &r2);
	free(r1.log);
	free(r1.out);
	free(r2.log);
	free(r2.out);
	return 0;
}
