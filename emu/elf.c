// SPDX-License-Identifier: MIT
/*
 * emu/elf.c - validation of a bare-metal AArch64 ELF64 image (see elf.h
 * for the rules).
 *
 * Every field is decoded from the file bytes with explicit little-endian
 * loads (no struct overlays, so no alignment or host-endianness issues),
 * and every range is checked with overflow-safe arithmetic before it is
 * used.  Field offsets are those of the ELF gABI (ELF-64 Object File
 * Format) and the AArch64 ELF ABI (EM_AARCH64 = 183).
 */
#include "elf.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* e_ident[] indexes and values. */
#define EI_CLASS      4
#define EI_DATA       5
#define EI_VERSION    6
#define EI_NIDENT     16
#define ELFCLASS32    1
#define ELFCLASS64    2
#define ELFDATA2LSB   1
#define EV_CURRENT    1

#define ET_EXEC       2
#define EM_AARCH64    183
#define PT_LOAD       1
#define SHT_SYMTAB    2
#define SHT_STRTAB    3
#define SHN_UNDEF     0
#define STB_LOCAL     0
#define STT_SECTION   3
#define STT_FILE      4

#define EHDR_SIZE     64
#define PHDR_SIZE     56
#define SHDR_SIZE     64
#define SYM_SIZE      24

/* A program header, decoded. */
struct phdr {
	uint32_t type;
	uint32_t flags;
	uint64_t offset;
	uint64_t vaddr;
	uint64_t paddr;
	uint64_t filesz;
	uint64_t memsz;
};

/* A section header, decoded (the fields used here). */
struct shdr {
	uint32_t type;
	uint64_t offset;
	uint64_t size;
	uint32_t link;
	uint64_t entsize;
};

struct loader {
	const uint8_t *file;
	size_t len;
	uint64_t ram_base;
	uint64_t ram_end;    /* exclusive; ram_base + ram_size, no overflow */
	struct elf_image *img;
	char *err;
	size_t errlen;
};

static inline uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)get16(p) | (uint32_t)get16(p + 2) << 16;
}

static inline uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

__attribute__((format(printf, 3, 4)))
static int fail(const struct loader *l, int code, const char *fmt, ...)
{
	va_list ap;

	if (l->err && l->errlen) {
		va_start(ap, fmt);
		vsnprintf(l->err, l->errlen, fmt, ap);
		va_end(ap);
	}
	return code;
}

/* [off, off + size) lies inside the file. */
static bool in_file(const struct loader *l, uint64_t off, uint64_t size)
{
	return off <= l->len && size <= l->len - off;
}

/* @a lies in [base, base + size), without computing base + size. */
static bool in_range(uint64_t a, uint64_t base, uint64_t size)
{
	return a >= base && a - base < size;
}

static void read_phdr(const uint8_t *p, struct phdr *ph)
{
	ph->type = get32(p + 0);
	ph->flags = get32(p + 4);
	ph->offset = get64(p + 8);
	ph->vaddr = get64(p + 16);
	ph->paddr = get64(p + 24);
	ph->filesz = get64(p + 32);
	ph->memsz = get64(p + 40);
}

static void read_shdr(const uint8_t *p, struct shdr *sh)
{
	sh->type = get32(p + 4);
	sh->offset = get64(p + 24);
	sh->size = get64(p + 32);
	sh->link = get32(p + 40);
	sh->entsize = get64(p + 56);
}

/* e_ident and the fixed ELF header fields. */
static int check_ehdr(const struct loader *l)
{
	const uint8_t *f = l->file;
	uint16_t type, machine, ehsize;
	uint32_t version;

	if (l->len < 4)
		return fail(l, ELF_E_TRUNC,
			    "file is %zu bytes, too short for an ELF header",
			    l->len);
	if (memcmp(f, "\x7f" "ELF", 4) != 0)
		return fail(l, ELF_E_MAGIC,
			    "not an ELF file (magic %02x %02x %02x %02x, expected 7f 45 4c 46)",
			    f[0], f[1], f[2], f[3]);
	if (l->len < EI_NIDENT)
		return fail(l, ELF_E_TRUNC,
			    "file is %zu bytes, shorter than e_ident", l->len);
	if (f[EI_CLASS] != ELFCLASS64)
		return fail(l, ELF_E_CLASS,
			    "EI_CLASS is %u (%s), expected 2 (ELFCLASS64)",
			    f[EI_CLASS],
			    f[EI_CLASS] == ELFCLASS32 ? "ELFCLASS32" : "invalid");
	if (f[EI_DATA] != ELFDATA2LSB)
		return fail(l, ELF_E_DATA,
			    "EI_DATA is %u, expected 1 (ELFDATA2LSB, little-endian)",
			    f[EI_DATA]);
	if (f[EI_VERSION] != EV_CURRENT)
		return fail(l, ELF_E_VERSION,
			    "EI_VERSION is %u, expected 1 (EV_CURRENT)",
			    f[EI_VERSION]);
	if (l->len < EHDR_SIZE)
		return fail(l, ELF_E_TRUNC,
			    "file is %zu bytes, shorter than the 64-byte ELF64 header",
			    l->len);

	type = get16(f + 16);
	machine = get16(f + 18);
	version = get32(f + 20);
	ehsize = get16(f + 52);
	if (machine != EM_AARCH64)
		return fail(l, ELF_E_MACHINE,
			    "e_machine is %u, expected 183 (EM_AARCH64)",
			    machine);
	if (type != ET_EXEC)
		return fail(l, ELF_E_TYPE,
			    "e_type is %u, expected 2 (ET_EXEC: a statically linked executable)",
			    type);
	if (version != EV_CURRENT)
		return fail(l, ELF_E_VERSION,
			    "e_version is %" PRIu32 ", expected 1 (EV_CURRENT)",
			    version);
	if (ehsize != EHDR_SIZE)
		return fail(l, ELF_E_EHSIZE, "e_ehsize is %u, expected 64",
			    ehsize);
	return ELF_OK;
}

/* One PT_LOAD program header, number @i: file range and RAM range. */
static int check_load(const struct loader *l, unsigned i,
		      const struct phdr *ph)
{
	if (ph->filesz > ph->memsz)
		return fail(l, ELF_E_FILESZ,
			    "segment %u: p_filesz 0x%" PRIx64 " > p_memsz 0x%" PRIx64,
			    i, ph->filesz, ph->memsz);
	if (ph->memsz == 0)
		return ELF_OK; /* loads nothing: skipped */
	if (ph->filesz && !in_file(l, ph->offset, ph->filesz))
		return fail(l, ELF_E_FILERANGE,
			    "segment %u: file bytes [0x%" PRIx64 ", +0x%" PRIx64 ") outside the file (%zu bytes)",
			    i, ph->offset, ph->filesz, l->len);
	if (ph->memsz > UINT64_MAX - ph->paddr)
		return fail(l, ELF_E_RAM,
			    "segment %u [0x%" PRIx64 ", +0x%" PRIx64 ") wraps past the end of the address space",
			    i, ph->paddr, ph->memsz);
	if (ph->paddr < l->ram_base || ph->paddr > l->ram_end ||
	    ph->memsz > l->ram_end - ph->paddr)
		return fail(l, ELF_E_RAM,
			    "segment %u [0x%" PRIx64 ",0x%" PRIx64 ") outside RAM [0x%" PRIx64 ",0x%" PRIx64 ")",
			    i, ph->paddr, ph->paddr + ph->memsz, l->ram_base,
			    l->ram_end);
	return ELF_OK;
}

static int check_overlap(const struct loader *l)
{
	const struct elf_image *img = l->img;
	unsigned i, j;

	for (i = 0; i < img->nseg; i++) {
		const struct elf_segment *a = &img->seg[i];

		for (j = i + 1; j < img->nseg; j++) {
			const struct elf_segment *b = &img->seg[j];

			if (a->paddr < b->paddr + b->memsz &&
			    b->paddr < a->paddr + a->memsz)
				return fail(l, ELF_E_OVERLAP,
					    "segments %u [0x%" PRIx64 ",0x%" PRIx64 ") and %u [0x%" PRIx64 ",0x%" PRIx64 ") overlap",
					    a->phdr, a->paddr, a->paddr + a->memsz,
					    b->phdr, b->paddr, b->paddr + b->memsz);
		}
	}
	return ELF_OK;
}

/* e_entry: translate to physical, then require file-backed code. */
/* All 4 bytes of the instruction at @a come from the file part of [base, +filesz). */
static bool whole_insn(uint64_t a, uint64_t base, uint64_t filesz)
{
	return filesz >= 4 && in_range(a, base, filesz - 3);
}

static int check_entry(const struct loader *l, uint64_t e_entry)
{
	struct elf_image *img = l->img;
	uint64_t entry = e_entry;
	unsigned i;

	for (i = 0; i < img->nseg; i++) {
		const struct elf_segment *s = &img->seg[i];

		if ((s->flags & ELF_PF_X) && whole_insn(e_entry, s->vaddr, s->filesz)) {
			entry = e_entry - s->vaddr + s->paddr;
			break;
		}
	}
	if (entry & 3)
		return fail(l, ELF_E_ENTRY,
			    "entry 0x%" PRIx64 " is not 4-byte aligned", entry);
	for (i = 0; i < img->nseg; i++) {
		const struct elf_segment *s = &img->seg[i];

		if ((s->flags & ELF_PF_X) && whole_insn(entry, s->paddr, s->filesz)) {
			img->entry = entry;
			return ELF_OK;
		}
	}
	return fail(l, ELF_E_ENTRY,
		    "entry 0x%" PRIx64 " is not in the file bytes of an executable (PF_X) segment",
		    entry);
}

static int check_phdrs(const struct loader *l)
{
	const uint8_t *f = l->file;
	struct elf_image *img = l->img;
	uint64_t phoff = get64(f + 32);
	uint16_t phentsize = get16(f + 54);
	uint16_t phnum = get16(f + 56);
	unsigned i;
	int r;

	if (phnum == 0)
		return fail(l, ELF_E_NOLOAD,
			    "no program headers (e_phnum is 0): nothing to load");
	if (phnum > ELF_MAX_PHDRS)
		return fail(l, ELF_E_TOOMANY,
			    "e_phnum is %u, more than the %u program headers supported",
			    phnum, ELF_MAX_PHDRS);
	if (phentsize != PHDR_SIZE)
		return fail(l, ELF_E_PHDR, "e_phentsize is %u, expected 56",
			    phentsize);
	if (!in_file(l, phoff, (uint64_t)phnum * PHDR_SIZE))
		return fail(l, ELF_E_PHDR,
			    "program header table [0x%" PRIx64 ", +0x%x) outside the file (%zu bytes)",
			    phoff, phnum * PHDR_SIZE, l->len);

	for (i = 0; i < phnum; i++) {
		struct elf_segment *s;
		struct phdr ph;

		read_phdr(f + phoff + (uint64_t)i * PHDR_SIZE, &ph);
		if (ph.type != PT_LOAD)
			continue;
		r = check_load(l, i, &ph);
		if (r)
			return r;
		if (ph.memsz == 0)
			continue;
		if (img->nseg == ELF_MAX_SEGMENTS)
			return fail(l, ELF_E_TOOMANY,
				    "more than %u non-empty PT_LOAD segments",
				    ELF_MAX_SEGMENTS);
		s = &img->seg[img->nseg++];
		s->phdr = i;
		s->paddr = ph.paddr;
		s->vaddr = ph.vaddr;
		s->data = ph.filesz ? f + ph.offset : NULL;
		s->filesz = ph.filesz;
		s->memsz = ph.memsz;
		s->flags = ph.flags;
	}
	if (img->nseg == 0)
		return fail(l, ELF_E_NOLOAD,
			    "no PT_LOAD segment with a non-zero p_memsz: nothing to load");
	r = check_overlap(l);
	if (r)
		return r;
	return check_entry(l, get64(f + 24));
}

/* The SHT_SYMTAB section @sym and its string table. */
static int check_symtab(const struct loader *l, const uint8_t *shtab,
			uint16_t shnum, unsigned idx, const struct shdr *sym)
{
	struct elf_image *img = l->img;
	struct shdr str;
	uint64_t i;

	if (sym->entsize != SYM_SIZE || sym->size % SYM_SIZE)
		return fail(l, ELF_E_SYMTAB,
			    "section %u (SHT_SYMTAB): sh_entsize %" PRIu64 " / sh_size 0x%" PRIx64 ", expected entries of 24 bytes",
			    idx, sym->entsize, sym->size);
	if (!in_file(l, sym->offset, sym->size))
		return fail(l, ELF_E_SYMTAB,
			    "section %u (SHT_SYMTAB) [0x%" PRIx64 ", +0x%" PRIx64 ") outside the file (%zu bytes)",
			    idx, sym->offset, sym->size, l->len);
	if (sym->link == 0 || sym->link >= shnum)
		return fail(l, ELF_E_SYMTAB,
			    "section %u (SHT_SYMTAB): sh_link %" PRIu32 " is not a section",
			    idx, sym->link);
	read_shdr(shtab + (uint64_t)sym->link * SHDR_SIZE, &str);
	if (str.type != SHT_STRTAB)
		return fail(l, ELF_E_SYMTAB,
			    "section %u (SHT_SYMTAB): sh_link %" PRIu32 " is not a SHT_STRTAB",
			    idx, sym->link);
	if (!in_file(l, str.offset, str.size))
		return fail(l, ELF_E_SYMTAB,
			    "section %" PRIu32 " (symbol strings) [0x%" PRIx64 ", +0x%" PRIx64 ") outside the file (%zu bytes)",
			    sym->link, str.offset, str.size, l->len);
	if (str.size == 0 || l->file[str.offset + str.size - 1] != '\0')
		return fail(l, ELF_E_SYMTAB,
			    "section %" PRIu32 " (symbol strings) does not end in NUL",
			    sym->link);

	img->symtab = l->file + sym->offset;
	img->nsyms = sym->size / SYM_SIZE;
	img->strtab = (const char *)l->file + str.offset;
	img->strsz = str.size;
	for (i = 0; i < img->nsyms; i++) {
		uint32_t name = get32(img->symtab + i * SYM_SIZE);

		if (name >= str.size)
			return fail(l, ELF_E_SYMTAB,
				    "symbol %" PRIu64 ": name offset 0x%" PRIx32 " outside the string table (0x%" PRIx64 " bytes)",
				    i, name, str.size);
	}
	return ELF_OK;
}

static int check_shdrs(const struct loader *l)
{
	const uint8_t *f = l->file;
	uint64_t shoff = get64(f + 40);
	uint16_t shentsize = get16(f + 58);
	uint16_t shnum = get16(f + 60);
	const uint8_t *shtab;
	struct shdr sym;
	int symtab = -1;
	unsigned i;

	if (shnum == 0) {
		if (shoff != 0)
			return fail(l, ELF_E_SHDR,
				    "e_shnum is 0 with e_shoff 0x%" PRIx64 ": extended section numbering is not supported",
				    shoff);
		return ELF_OK;
	}
	if (shnum > ELF_MAX_SECTIONS)
		return fail(l, ELF_E_SHDR,
			    "e_shnum is %u, more than the %u sections supported",
			    shnum, ELF_MAX_SECTIONS);
	if (shentsize != SHDR_SIZE)
		return fail(l, ELF_E_SHDR, "e_shentsize is %u, expected 64",
			    shentsize);
	if (!in_file(l, shoff, (uint64_t)shnum * SHDR_SIZE))
		return fail(l, ELF_E_SHDR,
			    "section header table [0x%" PRIx64 ", +0x%x) outside the file (%zu bytes)",
			    shoff, shnum * SHDR_SIZE, l->len);

	shtab = f + shoff;
	for (i = 0; i < shnum; i++) {
		if (get32(shtab + (uint64_t)i * SHDR_SIZE + 4) != SHT_SYMTAB)
			continue;
		if (symtab >= 0)
			return fail(l, ELF_E_SYMTAB,
				    "sections %d and %u are both SHT_SYMTAB",
				    symtab, i);
		symtab = (int)i;
	}
	if (symtab < 0)
		return ELF_OK;
	read_shdr(shtab + (uint64_t)symtab * SHDR_SIZE, &sym);
	return check_symtab(l, shtab, shnum, (unsigned)symtab, &sym);
}

int elf_load(const uint8_t *file, size_t len, uint64_t ram_base,
	     uint64_t ram_size, struct elf_image *out, char *err,
	     size_t errlen)
{
	struct loader l = {
		.file = file, .len = len, .ram_base = ram_base,
		.img = out, .err = err, .errlen = errlen,
	};
	int r;

	if (err && errlen)
		err[0] = '\0';
	if (!out)
		return fail(&l, ELF_E_ARG, "no image to fill in");
	memset(out, 0, sizeof(*out));
	if (!file && len)
		return fail(&l, ELF_E_ARG, "no file buffer");
	if (ram_size == 0 || ram_size > UINT64_MAX - ram_base)
		return fail(&l, ELF_E_ARG,
			    "bad RAM [0x%" PRIx64 ", +0x%" PRIx64 ")",
			    ram_base, ram_size);
	l.ram_end = ram_base + ram_size;

	r = check_ehdr(&l);
	if (!r)
		r = check_phdrs(&l);
	if (!r)
		r = check_shdrs(&l);
	if (r)
		memset(out, 0, sizeof(*out));
	return r;
}

int elf_symbol(const struct elf_image *img, const char *name,
	       uint64_t *value)
{
	bool have_global = false, have_local = false;
	bool global_ambig = false, local_ambig = false;
	uint64_t global = 0, local = 0;
	uint64_t i;

	if (!img || !name || !value)
		return ELF_E_ARG;
	/* Symbol 0 is the reserved undefined entry. */
	for (i = 1; i < img->nsyms; i++) {
		const uint8_t *s = img->symtab + i * SYM_SIZE;
		unsigned bind = s[4] >> 4, type = s[4] & 0xf;
		uint64_t v = get64(s + 8);

		if (get16(s + 6) == SHN_UNDEF || type == STT_SECTION ||
		    type == STT_FILE)
			continue;
		if (strcmp(img->strtab + get32(s), name) != 0)
			continue;
		if (bind != STB_LOCAL) {
			global_ambig |= have_global && global != v;
			have_global = true;
			global = v;
		} else {
			local_ambig |= have_local && local != v;
			have_local = true;
			local = v;
		}
	}
	if (have_global) {
		if (global_ambig)
			return ELF_E_AMBIG;
		*value = global;
		return ELF_OK;
	}
	if (!have_local)
		return ELF_E_NOSYM;
	if (local_ambig)
		return ELF_E_AMBIG;
	*value = local;
	return ELF_OK;
}

void elf_ram_gap(const struct elf_image *img, uint64_t ram_base,
		 uint64_t ram_size, uint64_t *base, uint64_t *limit)
{
	const struct elf_segment *order[ELF_MAX_SEGMENTS];
	uint64_t cur = ram_base;
	uint64_t end = ram_size > UINT64_MAX - ram_base ? UINT64_MAX :
			ram_base + ram_size;
	uint64_t best = 0, best_base = 0;
	unsigned i, j, n = img ? img->nseg : 0;

	/* Insertion sort by address (at most 64 segments). */
	for (i = 0; i < n; i++) {
		const struct elf_segment *s = &img->seg[i];

		for (j = i; j > 0 && order[j - 1]->paddr > s->paddr; j--)
			order[j] = order[j - 1];
		order[j] = s;
	}
	for (i = 0; i <= n; i++) {
		uint64_t next = i < n ? order[i]->paddr : end;

		if (next > end)
			next = end;
		if (next > cur && next - cur > best) {
			best = next - cur;
			best_base = cur;
		}
		if (i < n && order[i]->paddr + order[i]->memsz > cur)
			cur = order[i]->paddr + order[i]->memsz;
	}
	*base = best ? best_base : 0;
	*limit = best ? best_base + best : 0;
}

const char *elf_error_name(int e)
{
	static const char *const names[] = {
		[ELF_OK] = "ELF_OK",
		[ELF_E_ARG] = "ELF_E_ARG",
		[ELF_E_TRUNC] = "ELF_E_TRUNC",
		[ELF_E_MAGIC] = "ELF_E_MAGIC",
		[ELF_E_CLASS] = "ELF_E_CLASS",
		[ELF_E_DATA] = "ELF_E_DATA",
		[ELF_E_VERSION] = "ELF_E_VERSION",
		[ELF_E_TYPE] = "ELF_E_TYPE",
		[ELF_E_MACHINE] = "ELF_E_MACHINE",
		[ELF_E_EHSIZE] = "ELF_E_EHSIZE",
		[ELF_E_PHDR] = "ELF_E_PHDR",
		[ELF_E_TOOMANY] = "ELF_E_TOOMANY",
		[ELF_E_NOLOAD] = "ELF_E_NOLOAD",
		[ELF_E_FILESZ] = "ELF_E_FILESZ",
		[ELF_E_FILERANGE] = "ELF_E_FILERANGE",
		[ELF_E_RAM] = "ELF_E_RAM",
		[ELF_E_OVERLAP] = "ELF_E_OVERLAP",
		[ELF_E_ENTRY] = "ELF_E_ENTRY",
		[ELF_E_SHDR] = "ELF_E_SHDR",
		[ELF_E_SYMTAB] = "ELF_E_SYMTAB",
		[ELF_E_NOSYM] = "ELF_E_NOSYM",
		[ELF_E_AMBIG] = "ELF_E_AMBIG",
	};

	if (e < 0 || (size_t)e >= sizeof(names) / sizeof(names[0]))
		return "ELF_E_?";
	return names[e];
}
