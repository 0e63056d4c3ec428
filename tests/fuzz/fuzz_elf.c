// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_elf.c - harness 3a: the ELF loader (emu/elf.c).
 *
 * The input is the image file itself, so the seed corpus is made of real
 * (valid, truncated and corrupted) AArch64 images.  It is validated for
 * two RAM layouts: the emulator's default (1 GiB at 0x40000000) and a
 * small one that cuts through typical images.  elf_load() must never
 * crash or read outside the buffer (ASan), and:
 *  - a rejection has a known error code, a non-empty NUL-terminated
 *    message and a cleared image;
 *  - an accepted image obeys every rule emu/elf.h lists: 1..64 segments,
 *    file bytes inside the file, filesz <= memsz, memory inside RAM
 *    without wrapping, no two segments overlapping, a 4-byte-aligned entry
 *    in the file-backed part of an executable segment, and a symbol table
 *    inside the file whose names all lie in a NUL-terminated string table;
 *  - elf_symbol() on names taken from the table, and elf_ram_gap(), give
 *    results consistent with the image.
 * A violation prints a report and aborts.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SYM_SIZE 24u
#define MAX_SYM_LOOKUPS 8u

__attribute__((noreturn))
static void fail(const char *what, uint64_t a, uint64_t b)
{
	fprintf(stderr, "fuzz_elf: invariant violated: %s (0x%llx, 0x%llx)\n",
		what, (unsigned long long)a, (unsigned long long)b);
	abort();
}

static bool inside(const uint8_t *file, size_t len, const void *p,
		   uint64_t n)
{
	const uint8_t *q = p;

	return q >= file && (uint64_t)(q - file) <= len &&
	       n <= len - (uint64_t)(q - file);
}

/* [a, a + alen) and [b, b + blen) intersect (no wrap-around at 2^64). */
static bool overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a >= b ? a - b < blen : b - a < alen;
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void check_segments(const uint8_t *file, size_t len,
			   const struct elf_image *img, uint64_t base,
			   uint64_t size)
{
	bool entry_ok = false;

	if (img->nseg < 1 || img->nseg > ELF_MAX_SEGMENTS)
		fail("segment count", img->nseg, 0);
	for (unsigned i = 0; i < img->nseg; i++) {
		const struct elf_segment *s = &img->seg[i];

		if (s->filesz > s->memsz)
			fail("filesz > memsz", s->filesz, s->memsz);
		if (s->memsz == 0)
			fail("empty segment kept", i, 0);
		if (s->filesz && !inside(file, len, s->data, s->filesz))
			fail("segment file bytes outside the file", i, s->filesz);
		if (s->paddr < base || s->paddr - base > size ||
		    s->memsz > size - (s->paddr - base))
			fail("segment outside RAM", s->paddr, s->memsz);
		if (s->phdr >= ELF_MAX_PHDRS)
			fail("program header index", s->phdr, 0);
		for (unsigned j = 0; j < i; j++) {
			const struct elf_segment *t = &img->seg[j];

			if (overlap(s->paddr, s->memsz, t->paddr, t->memsz))
				fail("segments overlap", s->paddr, t->paddr);
		}
		if ((s->flags & ELF_PF_X) && img->entry >= s->paddr &&
		    img->entry - s->paddr < s->filesz &&
		    s->filesz - (img->entry - s->paddr) >= 4)
			entry_ok = true;
	}
	if (img->entry & 3)
		fail("misaligned entry", img->entry, 0);
	if (!entry_ok)
		fail("entry not in the file bytes of an executable segment",
		     img->entry, 0);
}

static void check_symbols(const uint8_t *file, size_t len,
			  const struct elf_image *img)
{
	unsigned lookups = 0;

	if (!img->nsyms)
		return;
	if (img->nsyms > len / SYM_SIZE ||
	    !inside(file, len, img->symtab, img->nsyms * SYM_SIZE))
		fail("symbol table outside the file", img->nsyms, 0);
	if (!img->strsz || !inside(file, len, img->strtab, img->strsz))
		fail("string table outside the file", img->strsz, 0);
	if (img->strtab[img->strsz - 1] != '\0')
		fail("string table not NUL-terminated", img->strsz, 0);
	for (uint64_t i = 0; i < img->nsyms; i++) {
		uint32_t name = rd32(img->symtab + i * SYM_SIZE);
		uint64_t v;
		int rc;

		if (name >= img->strsz)
			fail("symbol name outside the string table", i, name);
		if (!img->strtab[name] || lookups >= MAX_SYM_LOOKUPS)
			continue;
		lookups++;
		rc = elf_symbol(img, img->strtab + name, &v);
		if (rc != ELF_OK && rc != ELF_E_NOSYM && rc != ELF_E_AMBIG)
			fail("elf_symbol() code", (uint64_t)rc, i);
	}
}

static void check_gap(const struct elf_image *img, uint64_t base,
		      uint64_t size)
{
	uint64_t lo, hi;

	elf_ram_gap(img, base, size, &lo, &hi);
	if (lo == 0 && hi == 0)
		return;
	if (lo > hi || lo < base || hi - base > size)
		fail("free RAM gap outside RAM", lo, hi);
	for (unsigned i = 0; i < img->nseg; i++) {
		const struct elf_segment *s = &img->seg[i];

		if (overlap(lo, hi - lo, s->paddr, s->memsz))
			fail("free RAM gap overlaps a segment", lo, s->paddr);
	}
}

static void check_one(const uint8_t *file, size_t len, uint64_t base,
		      uint64_t size)
{
	static struct elf_image img;	/* large: keep it off the stack */
	char err[160];
	int rc;

	memset(err, 'x', sizeof(err));
	rc = elf_load(file, len, base, size, &img, err, sizeof(err));
	if (rc == ELF_OK) {
		check_segments(file, len, &img, base, size);
		check_symbols(file, len, &img);
		check_gap(&img, base, size);
		return;
	}
	if (rc < 0 || rc > ELF_E_AMBIG || !elf_error_name(rc))
		fail("unknown error code", (uint64_t)rc, 0);
	if (!memchr(err, '\0', sizeof(err)) || err[0] == '\0')
		fail("error message empty or not NUL-terminated", (uint64_t)rc, 0);
	if (img.nseg != 0 || img.nsyms != 0 || img.entry != 0)
		fail("image not cleared after a rejection", (uint64_t)rc, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_one(data, size, 0x40000000ull, 1ull << 30);
	check_one(data, size, 0x40080000ull, 0x10000ull);
	/* A RAM at the very top of the address space (wrap-around checks). */
	check_one(data, size, 0xffffffffffff0000ull, 0x10000ull);
	return 0;
}
