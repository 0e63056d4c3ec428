/* SPDX-License-Identifier: MIT */
/*
 * emu/elf.h - validation of a bare-metal AArch64 ELF64 image and its
 * symbol table.
 *
 * Owns: the rules an image must meet before anything is copied into guest
 * RAM, the list of segments to load (struct elf_image), the symbol lookup
 * and the free-RAM gap the semihosting heap is placed in.
 *
 * Pure C: no I/O, no allocation, no Unicorn.  The caller reads the file
 * into memory, calls elf_load() and, on success, copies every segment's
 * file bytes to its physical address and zero-fills the rest of its
 * memory size.  The segments point into the caller's file buffer, which
 * must stay alive as long as the image is used.
 *
 * The rules (an image breaking any of them is rejected, with a message
 * saying what is wrong):
 *  - ELF64 (ELFCLASS64), little-endian (ELFDATA2LSB), EV_CURRENT,
 *    ET_EXEC, EM_AARCH64, e_ehsize 64, e_phentsize 56.
 *  - The program header table lies inside the file; at most
 *    ELF_MAX_PHDRS program headers, at most ELF_MAX_SEGMENTS PT_LOAD.
 *  - Every PT_LOAD: p_filesz <= p_memsz; [p_offset, p_offset + p_filesz)
 *    inside the file; [p_paddr, p_paddr + p_memsz) inside
 *    [ram_base, ram_base + ram_size).  All arithmetic is overflow-checked.
 *    A PT_LOAD with p_memsz == 0 loads nothing and is skipped, as QEMU
 *    does.  Segments are loaded at p_paddr (as QEMU's -kernel does).
 *  - No two loaded segments' memory ranges overlap.  (QEMU silently
 *    truncates a segment whose bss overlaps another one; armdbg rejects.)
 *  - At least one PT_LOAD.
 *  - Entry: e_entry is a virtual address.  If it lies in the file-backed
 *    part [p_vaddr, p_vaddr + p_filesz) of an executable (PF_X) PT_LOAD,
 *    it is translated to that segment's physical address (QEMU does the
 *    same when p_vaddr != p_paddr).  The physical entry must be 4-byte
 *    aligned and lie in the file-backed part [p_paddr, p_paddr + p_filesz)
 *    of an executable PT_LOAD: the first instruction comes from the file,
 *    from a segment the image says is code.
 *  - Section headers are optional (e_shnum == 0).  If present: e_shentsize
 *    64, the table inside the file, at most ELF_MAX_SECTIONS, no extended
 *    numbering.  If there is a SHT_SYMTAB section: it and its linked
 *    SHT_STRTAB lie inside the file, sh_entsize 24, the string table ends
 *    in NUL and every symbol name offset is inside it.
 *
 * Error messages do not name the file: the caller prefixes "IMAGE: ".
 * A segment is named by its program header index, as `readelf -l` counts.
 */
#ifndef ARMDBG_EMU_ELF_H
#define ARMDBG_EMU_ELF_H

#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_PHDRS    256  /* program headers of any type */
#define ELF_MAX_SEGMENTS 64   /* PT_LOAD program headers */
#define ELF_MAX_SECTIONS 4096

/* p_flags bits (ELF gABI). */
#define ELF_PF_X 0x1u
#define ELF_PF_W 0x2u
#define ELF_PF_R 0x4u

/* What elf_load() / elf_symbol() report; 0 is success. */
enum elf_error {
	ELF_OK = 0,
	ELF_E_ARG,       /* bad caller argument (NULL, empty RAM, ...) */
	ELF_E_TRUNC,     /* file shorter than the ELF header */
	ELF_E_MAGIC,     /* not \x7fELF */
	ELF_E_CLASS,     /* not ELFCLASS64 */
	ELF_E_DATA,      /* not little-endian */
	ELF_E_VERSION,   /* EI_VERSION / e_version not EV_CURRENT */
	ELF_E_TYPE,      /* not ET_EXEC */
	ELF_E_MACHINE,   /* not EM_AARCH64 */
	ELF_E_EHSIZE,    /* e_ehsize != 64 */
	ELF_E_PHDR,      /* bad e_phentsize or table outside the file */
	ELF_E_TOOMANY,   /* too many program headers or PT_LOAD segments */
	ELF_E_NOLOAD,    /* no PT_LOAD with a non-zero p_memsz */
	ELF_E_FILESZ,    /* p_filesz > p_memsz */
	ELF_E_FILERANGE, /* segment file bytes outside the file */
	ELF_E_RAM,       /* segment memory outside RAM (or wraps) */
	ELF_E_OVERLAP,   /* two segments' memory ranges overlap */
	ELF_E_ENTRY,     /* entry not in an executable segment / misaligned */
	ELF_E_SHDR,      /* bad section header table */
	ELF_E_SYMTAB,    /* bad .symtab or its string table */
	ELF_E_NOSYM,     /* elf_symbol(): no such symbol */
	ELF_E_AMBIG,     /* elf_symbol(): several different definitions */
};

struct elf_segment {
	unsigned phdr;        /* program header index */
	uint64_t paddr;       /* load address (guest physical) */
	uint64_t vaddr;       /* link address, for reports only */
	const uint8_t *data;  /* p_filesz file bytes (inside the file buffer) */
	uint64_t filesz;
	uint64_t memsz;       /* >= filesz; [filesz, memsz) is zero-filled */
	uint32_t flags;       /* ELF_PF_* */
};

struct elf_image {
	uint64_t entry;       /* physical address of the first instruction */
	unsigned nseg;
	struct elf_segment seg[ELF_MAX_SEGMENTS]; /* program header order */
	/* The validated symbol table, or nsyms == 0. */
	const uint8_t *symtab;
	uint64_t nsyms;
	const char *strtab;
	uint64_t strsz;
};

/*
 * Validate the ELF image @file (@len bytes) for RAM [@ram_base,
 * @ram_base + @ram_size) and describe it in @out.  Returns ELF_OK, or an
 * enum elf_error with a one-line message in @err (NUL-terminated,
 * truncated to @errlen) and @out cleared.
 */
int elf_load(const uint8_t *file, size_t len, uint64_t ram_base,
	     uint64_t ram_size, struct elf_image *out, char *err,
	     size_t errlen);

/*
 * The value (st_value: a link-time address) of the defined symbol @name.
 * A global or weak definition wins over local ones; several global
 * definitions, or (with no global) local definitions with different
 * values, are ELF_E_AMBIG.  Returns ELF_OK, ELF_E_NOSYM or ELF_E_AMBIG.
 */
int elf_symbol(const struct elf_image *img, const char *name,
	       uint64_t *value);

/*
 * The largest free range of RAM around the loaded segments: [*base,
 * *limit).  On a tie the lowest range wins.  QEMU places the semihosting
 * heap in the largest gap between the loaded images (SYS_HEAPINFO returns
 * heap [base, limit) and a stack growing down from limit to base); this
 * gives the emulator the same layout (QEMU also counts its DTB blob, which
 * armdbg does not load).  Both are 0 when RAM is full.
 */
void elf_ram_gap(const struct elf_image *img, uint64_t ram_base,
		 uint64_t ram_size, uint64_t *base, uint64_t *limit);

/* A short name for @e, e.g. "ELF_E_RAM". */
const char *elf_error_name(int e);

#endif
