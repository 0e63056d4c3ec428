// SPDX-License-Identifier: MIT
/*
 * tests/emu/test_elf.c - emu/elf.c: images built byte by byte from the
 * ELF-64 layout (gABI: Elf64_Ehdr 64 bytes, Elf64_Phdr 56, Elf64_Shdr 64,
 * Elf64_Sym 24; EM_AARCH64 = 183), one test per rule, plus the
 * cross-compiled guest tests/emu/guest_min.S when the build has an
 * AArch64 compiler.
 *
 * The base image (base_image()):
 *   phdr 0  PT_LOAD R+X  file [0x1000, +0x100) -> [0x40080000, +0x100)
 *   phdr 1  PT_NOTE      (not loaded)
 *   phdr 2  PT_LOAD R+W  file [0x2000, +0x10)  -> [0x40090000, +0x100)
 *   phdr 3  PT_LOAD      p_memsz 0 (skipped)
 *   e_entry 0x40080000, file length 0x2010, RAM [0x40000000, 0x48000000).
 */
#include <elf.h> /* glibc's: the independent parse of the real image */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf.h"
#include "emu_tests.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE 0x08000000ull
#define RAM_END  0x48000000ull

#define MAXLEN   0x8000

static uint8_t buf[MAXLEN];
static size_t buflen;
static struct elf_image img;
static char err[256];

static void put16(size_t off, uint16_t v)
{
	buf[off] = (uint8_t)v;
	buf[off + 1] = (uint8_t)(v >> 8);
}

static void put32(size_t off, uint32_t v)
{
	put16(off, (uint16_t)v);
	put16(off + 2, (uint16_t)(v >> 16));
}

static void put64(size_t off, uint64_t v)
{
	put32(off, (uint32_t)v);
	put32(off + 4, (uint32_t)(v >> 32));
}

/* Elf64_Ehdr field offsets. */
enum {
	E_TYPE = 16, E_MACHINE = 18, E_VERSION = 20, E_ENTRY = 24,
	E_PHOFF = 32, E_SHOFF = 40, E_EHSIZE = 52, E_PHENTSIZE = 54,
	E_PHNUM = 56, E_SHENTSIZE = 58, E_SHNUM = 60,
};

/* Elf64_Phdr field offsets. */
enum {
	P_TYPE = 0, P_FLAGS = 4, P_OFFSET = 8, P_VADDR = 16, P_PADDR = 24,
	P_FILESZ = 32, P_MEMSZ = 40,
};

static size_t ph(unsigned i)
{
	return 64 + 56 * (size_t)i;
}

static void header(uint16_t phnum, uint64_t entry)
{
	memset(buf, 0, sizeof(buf));
	memcpy(buf, "\x7f" "ELF", 4);
	buf[4] = 2; /* ELFCLASS64 */
	buf[5] = 1; /* ELFDATA2LSB */
	buf[6] = 1; /* EV_CURRENT */
	put16(E_TYPE, 2);       /* ET_EXEC */
	put16(E_MACHINE, 183);  /* EM_AARCH64 */
	put32(E_VERSION, 1);
	put64(E_ENTRY, entry);
	put64(E_PHOFF, 64);
	put16(E_EHSIZE, 64);
	put16(E_PHENTSIZE, 56);
	put16(E_PHNUM, phnum);
	put16(E_SHENTSIZE, 64);
}

static void phdr(unsigned i, uint32_t type, uint32_t flags, uint64_t off,
		 uint64_t addr, uint64_t filesz, uint64_t memsz)
{
	put32(ph(i) + P_TYPE, type);
	put32(ph(i) + P_FLAGS, flags);
	put64(ph(i) + P_OFFSET, off);
	put64(ph(i) + P_VADDR, addr);
	put64(ph(i) + P_PADDR, addr);
	put64(ph(i) + P_FILESZ, filesz);
	put64(ph(i) + P_MEMSZ, memsz);
}

static void base_image(void)
{
	size_t i;

	header(4, 0x40080000);
	phdr(0, 1, 5, 0x1000, 0x40080000, 0x100, 0x100);
	phdr(1, 4, 4, 0x200, 0, 0x10, 0x10);
	phdr(2, 1, 6, 0x2000, 0x40090000, 0x10, 0x100);
	phdr(3, 1, 6, 0xdead0000, 0, 0, 0);
	for (i = 0; i < 0x100; i++)
		buf[0x1000 + i] = (uint8_t)i;
	for (i = 0; i < 0x10; i++)
		buf[0x2000 + i] = (uint8_t)(0xa0 + i);
	buflen = 0x2010;
}

static int load(void)
{
	return elf_load(buf, buflen, RAM_BASE, RAM_SIZE, &img, err,
			sizeof(err));
}

/* elf_load() fails with @code and a message containing @what. */
static void expect_fail(int code, const char *what)
{
	int r = load();

	ck_assert_msg(r == code, "got %s (%s), expected %s",
		      elf_error_name(r), err, elf_error_name(code));
	ck_assert_msg(strstr(err, what) != NULL,
		      "message \"%s\" lacks \"%s\"", err, what);
	ck_assert_uint_eq(img.nseg, 0);
	ck_assert_uint_eq(img.entry, 0);
}

static void expect_ok(void)
{
	int r = load();

	ck_assert_msg(r == ELF_OK, "%s: %s", elf_error_name(r), err);
}

START_TEST(test_valid_image)
{
	base_image();
	expect_ok();
	ck_assert_str_eq(err, "");
	ck_assert_uint_eq(img.entry, 0x40080000);
	ck_assert_uint_eq(img.nseg, 2);

	ck_assert_uint_eq(img.seg[0].phdr, 0);
	ck_assert_uint_eq(img.seg[0].paddr, 0x40080000);
	ck_assert_ptr_eq(img.seg[0].data, buf + 0x1000);
	ck_assert_uint_eq(img.seg[0].filesz, 0x100);
	ck_assert_uint_eq(img.seg[0].memsz, 0x100);
	ck_assert_uint_eq(img.seg[0].flags, ELF_PF_R | ELF_PF_X);

	ck_assert_uint_eq(img.seg[1].phdr, 2);
	ck_assert_uint_eq(img.seg[1].paddr, 0x40090000);
	ck_assert_ptr_eq(img.seg[1].data, buf + 0x2000);
	ck_assert_uint_eq(img.seg[1].filesz, 0x10);
	ck_assert_uint_eq(img.seg[1].memsz, 0x100);
	ck_assert_uint_eq(img.seg[1].flags, ELF_PF_R | ELF_PF_W);

	ck_assert_uint_eq(img.nsyms, 0);
}
END_TEST

START_TEST(test_reject_magic)
{
	base_image();
	buf[1] = 'F';
	expect_fail(ELF_E_MAGIC, "not an ELF file");
	memcpy(buf, "MZ\x90\x00", 4);
	expect_fail(ELF_E_MAGIC, "4d 5a 90 00");
}
END_TEST

START_TEST(test_reject_class32)
{
	base_image();
	buf[4] = 1;
	expect_fail(ELF_E_CLASS, "ELFCLASS32");
	buf[4] = 0;
	expect_fail(ELF_E_CLASS, "EI_CLASS is 0");
}
END_TEST

START_TEST(test_reject_big_endian)
{
	base_image();
	buf[5] = 2;
	expect_fail(ELF_E_DATA, "EI_DATA is 2");
}
END_TEST

START_TEST(test_reject_version)
{
	base_image();
	buf[6] = 0;
	expect_fail(ELF_E_VERSION, "EI_VERSION is 0");
	base_image();
	put32(E_VERSION, 2);
	expect_fail(ELF_E_VERSION, "e_version is 2");
}
END_TEST

START_TEST(test_reject_machine)
{
	base_image();
	put16(E_MACHINE, 62); /* EM_X86_64 */
	expect_fail(ELF_E_MACHINE, "e_machine is 62");
	put16(E_MACHINE, 40); /* EM_ARM */
	expect_fail(ELF_E_MACHINE, "e_machine is 40");
}
END_TEST

START_TEST(test_reject_type)
{
	base_image();
	put16(E_TYPE, 3); /* ET_DYN */
	expect_fail(ELF_E_TYPE, "e_type is 3");
	put16(E_TYPE, 1); /* ET_REL */
	expect_fail(ELF_E_TYPE, "e_type is 1");
}
END_TEST

START_TEST(test_reject_ehsize)
{
	base_image();
	put16(E_EHSIZE, 52);
	expect_fail(ELF_E_EHSIZE, "e_ehsize is 52");
}
END_TEST

START_TEST(test_reject_truncated_header)
{
	base_image();
	buflen = 63;
	expect_fail(ELF_E_TRUNC, "63 bytes, shorter than the 64-byte");
	buflen = 10;
	expect_fail(ELF_E_TRUNC, "10 bytes");
	buflen = 3;
	expect_fail(ELF_E_TRUNC, "3 bytes");
	ck_assert_int_eq(elf_load(NULL, 0, RAM_BASE, RAM_SIZE, &img, err,
				  sizeof(err)), ELF_E_TRUNC);
}
END_TEST

START_TEST(test_reject_phentsize)
{
	base_image();
	put16(E_PHENTSIZE, 32);
	expect_fail(ELF_E_PHDR, "e_phentsize is 32");
}
END_TEST

START_TEST(test_reject_phdr_table_outside_file)
{
	base_image();
	/* 4 * 56 = 0xe0 bytes must fit below 0x2010. */
	put64(E_PHOFF, 0x2010 - 0xe0 + 8);
	expect_fail(ELF_E_PHDR, "program header table [0x1f38, +0xe0)");
	put64(E_PHOFF, UINT64_MAX - 16); /* the end would wrap */
	expect_fail(ELF_E_PHDR, "outside the file (8208 bytes)");
	put64(E_PHOFF, 0x2010 - 0xe0); /* ends exactly at the end: fine */
	memcpy(buf + 0x2010 - 0xe0, buf + 64, 0xe0);
	/* ... but now the table overlaps segment 2's file bytes; still OK */
	expect_ok();
}
END_TEST

START_TEST(test_reject_segment_file_range)
{
	base_image();
	put64(ph(2) + P_FILESZ, 0x11); /* one byte past the end */
	expect_fail(ELF_E_FILERANGE,
		    "segment 2: file bytes [0x2000, +0x11) outside the file");
	base_image();
	put64(ph(2) + P_OFFSET, UINT64_MAX - 0xff); /* offset + size wraps */
	expect_fail(ELF_E_FILERANGE, "segment 2");
	base_image();
	put64(ph(0) + P_OFFSET, 0x3000);
	expect_fail(ELF_E_FILERANGE, "segment 0");
}
END_TEST

START_TEST(test_reject_filesz_gt_memsz)
{
	base_image();
	put64(ph(2) + P_MEMSZ, 0xf);
	expect_fail(ELF_E_FILESZ,
		    "segment 2: p_filesz 0x10 > p_memsz 0xf");
}
END_TEST

START_TEST(test_reject_outside_ram)
{
	base_image();
	put64(ph(2) + P_PADDR, RAM_END - 0xff);
	expect_fail(ELF_E_RAM,
		    "segment 2 [0x47ffff01,0x48000001) outside RAM [0x40000000,0x48000000)");
	put64(ph(2) + P_PADDR, RAM_BASE - 0x10);
	expect_fail(ELF_E_RAM,
		    "segment 2 [0x3ffffff0,0x400000f0) outside RAM");
	put64(ph(2) + P_PADDR, RAM_END);
	expect_fail(ELF_E_RAM, "segment 2 [0x48000000,0x48000100)");
	put64(ph(2) + P_PADDR, 0);
	expect_fail(ELF_E_RAM, "segment 2 [0x0,0x100)");
	/* Last 0x100 bytes of RAM: inside. */
	put64(ph(2) + P_PADDR, RAM_END - 0x100);
	expect_ok();
	/* A segment bigger than RAM. */
	base_image();
	put64(ph(2) + P_MEMSZ, RAM_SIZE + 1);
	put64(ph(2) + P_PADDR, RAM_BASE);
	expect_fail(ELF_E_RAM, "segment 2 [0x40000000,0x48000001)");
}
END_TEST

START_TEST(test_reject_huge_memsz)
{
	base_image();
	put64(ph(2) + P_MEMSZ, 0xfffffffffffff000ull);
	expect_fail(ELF_E_RAM,
		    "segment 2 [0x40090000, +0xfffffffffffff000) wraps");
	/* p_paddr + p_memsz == 2^64 exactly: wraps to 0. */
	put64(ph(2) + P_MEMSZ, 0xffffffffbff70000ull);
	expect_fail(ELF_E_RAM, "wraps");
	/* Both sizes huge: the file range is checked first. */
	put64(ph(2) + P_FILESZ, 0xffffffffffffff00ull);
	put64(ph(2) + P_MEMSZ, 0xffffffffffffff00ull);
	expect_fail(ELF_E_FILERANGE, "segment 2");
}
END_TEST

START_TEST(test_reject_overlap)
{
	base_image();
	put64(ph(2) + P_PADDR, 0x400800f0);
	expect_fail(ELF_E_OVERLAP,
		    "segments 0 [0x40080000,0x40080100) and 2 [0x400800f0,0x400801f0) overlap");
	/* One segment inside another. */
	put64(ph(2) + P_PADDR, RAM_BASE);
	put64(ph(2) + P_MEMSZ, 0x100000);
	expect_fail(ELF_E_OVERLAP, "segments 0 ");
	/* Adjacent: fine. */
	base_image();
	put64(ph(2) + P_PADDR, 0x40080100);
	expect_ok();
	ck_assert_uint_eq(img.seg[1].paddr, 0x40080100);
}
END_TEST

START_TEST(test_reject_too_many_phdrs)
{
	base_image();
	put16(E_PHNUM, 257);
	expect_fail(ELF_E_TOOMANY, "e_phnum is 257");
	put16(E_PHNUM, 0xffff); /* PN_XNUM: extended numbering */
	expect_fail(ELF_E_TOOMANY, "e_phnum is 65535");
}
END_TEST

/* @n PT_LOAD segments of 4 bytes, 16 bytes apart, sharing file bytes. */
static void many_loads(unsigned n)
{
	unsigned i;

	header((uint16_t)n, 0x40080000);
	for (i = 0; i < n; i++)
		phdr(i, 1, 5, 0x1000, 0x40080000 + 0x10ull * i, 4, 4);
	buflen = 0x1004;
}

START_TEST(test_reject_too_many_loads)
{
	many_loads(65);
	expect_fail(ELF_E_TOOMANY, "more than 64 non-empty PT_LOAD");
	many_loads(64);
	expect_ok();
	ck_assert_uint_eq(img.nseg, 64);
	ck_assert_uint_eq(img.seg[63].paddr, 0x40080000 + 0x10 * 63);
	ck_assert_ptr_eq(img.seg[63].data, buf + 0x1000);
}
END_TEST

START_TEST(test_reject_no_load)
{
	base_image();
	put16(E_PHNUM, 0);
	expect_fail(ELF_E_NOLOAD, "e_phnum is 0");
	base_image();
	put32(ph(0) + P_TYPE, 6); /* PT_PHDR */
	put32(ph(2) + P_TYPE, 0x6474e551); /* PT_GNU_STACK */
	expect_fail(ELF_E_NOLOAD, "no PT_LOAD");
	/* Only empty PT_LOADs. */
	base_image();
	put64(ph(0) + P_FILESZ, 0);
	put64(ph(0) + P_MEMSZ, 0);
	put64(ph(2) + P_FILESZ, 0);
	put64(ph(2) + P_MEMSZ, 0);
	expect_fail(ELF_E_NOLOAD, "no PT_LOAD");
}
END_TEST

START_TEST(test_entry_rules)
{
	base_image();
	put64(E_ENTRY, 0x40090000); /* the R+W segment */
	expect_fail(ELF_E_ENTRY, "entry 0x40090000 is not in the file bytes of an executable");
	put64(E_ENTRY, 0x40000000); /* RAM, but no segment */
	expect_fail(ELF_E_ENTRY, "entry 0x40000000");
	put64(E_ENTRY, 0x40080102);
	expect_fail(ELF_E_ENTRY, "entry 0x40080102 is not 4-byte aligned");
	/* Past the file bytes of the code segment (its zero-filled part). */
	base_image();
	put64(ph(0) + P_MEMSZ, 0x200);
	put64(E_ENTRY, 0x40080100);
	expect_fail(ELF_E_ENTRY, "entry 0x40080100");
	/* The last instruction of the file bytes. */
	put64(E_ENTRY, 0x400800fc);
	expect_ok();
	ck_assert_uint_eq(img.entry, 0x400800fc);
}
END_TEST

START_TEST(test_entry_virtual_to_physical)
{
	base_image();
	put64(ph(0) + P_VADDR, 0xffff000000080000ull);
	put64(E_ENTRY, 0xffff000000080010ull);
	expect_ok();
	ck_assert_uint_eq(img.entry, 0x40080010);
	ck_assert_uint_eq(img.seg[0].paddr, 0x40080000);
	ck_assert_uint_eq(img.seg[0].vaddr, 0xffff000000080000ull);
	/* A virtual entry outside every segment stays as it is: rejected. */
	put64(E_ENTRY, 0xffff000000090000ull);
	expect_fail(ELF_E_ENTRY, "entry 0xffff000000090000");
}
END_TEST

START_TEST(test_reject_bad_section_table)
{
	base_image();
	put64(E_SHOFF, 0x100); /* e_shnum 0 with an offset */
	expect_fail(ELF_E_SHDR, "extended section numbering");
	put16(E_SHNUM, 3);
	put16(E_SHENTSIZE, 40);
	expect_fail(ELF_E_SHDR, "e_shentsize is 40");
	put16(E_SHENTSIZE, 64);
	put64(E_SHOFF, 0x2010 - 0xc0 + 1); /* 3 * 64 bytes, one too far */
	expect_fail(ELF_E_SHDR, "section header table [0x1f51, +0xc0)");
	put64(E_SHOFF, UINT64_MAX - 0x40);
	expect_fail(ELF_E_SHDR, "outside the file");
	put16(E_SHNUM, 4097);
	expect_fail(ELF_E_SHDR, "e_shnum is 4097");
}
END_TEST

/*
 * The base image plus section headers at 0x2100 ([0] null, [1] .symtab,
 * [2] .strtab), symbols at 0x2300, strings at 0x2600.
 */
enum { SHOFF = 0x2100, SYMOFF = 0x2300, STROFF = 0x2600 };

static size_t strsz;
static unsigned nsyms;

static uint32_t add_str(const char *s)
{
	uint32_t off = (uint32_t)strsz;

	memcpy(buf + STROFF + strsz, s, strlen(s) + 1);
	strsz += strlen(s) + 1;
	return off;
}

static void add_sym(const char *name, unsigned bind, unsigned type,
		    uint16_t shndx, uint64_t value)
{
	size_t o = SYMOFF + 24 * (size_t)nsyms++;

	put32(o, add_str(name));
	buf[o + 4] = (uint8_t)(bind << 4 | type);
	put16(o + 6, shndx);
	put64(o + 8, value);
}

static void shdr(unsigned i, uint32_t type, uint64_t off, uint64_t size,
		 uint32_t link, uint64_t entsize)
{
	size_t o = SHOFF + 64 * (size_t)i;

	put32(o + 4, type);
	put64(o + 24, off);
	put64(o + 32, size);
	put32(o + 40, link);
	put64(o + 56, entsize);
}

enum { LOCAL = 0, GLOBAL = 1, WEAK = 2 };
enum { NOTYPE = 0, FUNC = 2, SECTION = 3, FILE_ = 4 };

static void symtab_image(void)
{
	base_image();
	strsz = 0;
	nsyms = 0;
	add_str("");
	nsyms = 1; /* symbol 0: all zero */
	add_sym("start", GLOBAL, FUNC, 1, 0x40080000);
	add_sym("loc", LOCAL, NOTYPE, 1, 0x40080010);
	add_sym("dup", LOCAL, NOTYPE, 1, 0x40080020);
	add_sym("dup", LOCAL, NOTYPE, 1, 0x40080024);
	add_sym("both", LOCAL, NOTYPE, 1, 0x40080030);
	add_sym("both", LOCAL, NOTYPE, 1, 0x40080034);
	add_sym("both", GLOBAL, NOTYPE, 1, 0x40080038);
	add_sym("undef", GLOBAL, NOTYPE, 0, 0x1234);
	add_sym("same", LOCAL, NOTYPE, 1, 0x40080040);
	add_sym("same", LOCAL, NOTYPE, 2, 0x40080040);
	add_sym("sect", LOCAL, SECTION, 1, 0x40080000);
	add_sym("file.S", LOCAL, FILE_, 0xfff1, 0);
	add_sym("gg", GLOBAL, NOTYPE, 1, 1);
	add_sym("gg", WEAK, NOTYPE, 1, 2);
	shdr(1, 2, SYMOFF, 24 * (uint64_t)nsyms, 2, 24);
	shdr(2, 3, STROFF, strsz, 0, 0);
	put64(E_SHOFF, SHOFF);
	put16(E_SHNUM, 3);
	buflen = STROFF + strsz;
}

static void expect_sym(const char *name, int code, uint64_t value)
{
	uint64_t v = 0xbad;
	int r = elf_symbol(&img, name, &v);

	ck_assert_msg(r == code, "%s: got %s, expected %s", name,
		      elf_error_name(r), elf_error_name(code));
	if (code == ELF_OK)
		ck_assert_uint_eq(v, value);
	else
		ck_assert_uint_eq(v, 0xbad);
}

START_TEST(test_symbols)
{
	symtab_image();
	expect_ok();
	ck_assert_uint_eq(img.nsyms, 15);
	expect_sym("start", ELF_OK, 0x40080000);
	expect_sym("loc", ELF_OK, 0x40080010);
	expect_sym("dup", ELF_E_AMBIG, 0);
	expect_sym("both", ELF_OK, 0x40080038);   /* the global wins */
	expect_sym("undef", ELF_E_NOSYM, 0);      /* undefined: skipped */
	expect_sym("same", ELF_OK, 0x40080040);   /* equal locals */
	expect_sym("sect", ELF_E_NOSYM, 0);       /* STT_SECTION skipped */
	expect_sym("file.S", ELF_E_NOSYM, 0);     /* STT_FILE skipped */
	expect_sym("gg", ELF_E_AMBIG, 0);         /* two definitions */
	expect_sym("", ELF_E_NOSYM, 0);           /* symbol 0 is skipped */
	expect_sym("star", ELF_E_NOSYM, 0);
	expect_sym("startx", ELF_E_NOSYM, 0);
	ck_assert_int_eq(elf_symbol(&img, NULL, NULL), ELF_E_ARG);
}
END_TEST

START_TEST(test_reject_bad_symtab)
{
	symtab_image();
	put32(SYMOFF + 24 * 2, (uint32_t)strsz); /* "loc": name past the end */
	expect_fail(ELF_E_SYMTAB, "symbol 2: name offset");

	symtab_image();
	buf[STROFF + strsz - 1] = 'x';
	expect_fail(ELF_E_SYMTAB, "does not end in NUL");

	symtab_image();
	shdr(1, 2, SYMOFF, 24 * (uint64_t)nsyms, 1, 24); /* links itself */
	expect_fail(ELF_E_SYMTAB, "sh_link 1 is not a SHT_STRTAB");

	symtab_image();
	shdr(1, 2, SYMOFF, 24 * (uint64_t)nsyms, 3, 24);
	expect_fail(ELF_E_SYMTAB, "sh_link 3 is not a section");

	symtab_image();
	shdr(1, 2, SYMOFF, 24 * (uint64_t)nsyms, 2, 16);
	expect_fail(ELF_E_SYMTAB, "sh_entsize 16");

	symtab_image();
	shdr(1, 2, SYMOFF, 24 * 1000, 2, 24);
	expect_fail(ELF_E_SYMTAB, "section 1 (SHT_SYMTAB) [0x2300, +0x5dc0) outside the file");

	symtab_image();
	shdr(2, 3, STROFF, strsz + 1, 0, 0);
	expect_fail(ELF_E_SYMTAB, "section 2 (symbol strings)");

	symtab_image();
	shdr(2, 2, SYMOFF, 24 * (uint64_t)nsyms, 2, 24);
	expect_fail(ELF_E_SYMTAB, "sections 1 and 2 are both SHT_SYMTAB");
}
END_TEST

START_TEST(test_bad_arguments)
{
	base_image();
	ck_assert_int_eq(elf_load(buf, buflen, RAM_BASE, RAM_SIZE, NULL, err,
				  sizeof(err)), ELF_E_ARG);
	ck_assert_int_eq(elf_load(buf, buflen, RAM_BASE, 0, &img, err,
				  sizeof(err)), ELF_E_ARG);
	ck_assert_ptr_nonnull(strstr(err, "bad RAM"));
	ck_assert_int_eq(elf_load(buf, buflen, 0xffffffff00000000ull,
				  0x200000000ull, &img, err, sizeof(err)),
			 ELF_E_ARG);
	ck_assert_int_eq(elf_load(NULL, 100, RAM_BASE, RAM_SIZE, &img, err,
				  sizeof(err)), ELF_E_ARG);
	/* No message buffer: still a clean error. */
	buf[0] = 0;
	ck_assert_int_eq(elf_load(buf, buflen, RAM_BASE, RAM_SIZE, &img, NULL,
				  0), ELF_E_MAGIC);
	/* A one-byte message buffer gets just the NUL. */
	err[0] = 'x';
	ck_assert_int_eq(elf_load(buf, buflen, RAM_BASE, RAM_SIZE, &img, err,
				  1), ELF_E_MAGIC);
	ck_assert_int_eq(err[0], '\0');
}
END_TEST

START_TEST(test_ram_gap)
{
	uint64_t b, l;

	/* Gaps 0x80000 at 0x40000000, 0xff00 at 0x40080100, 0x7f6ff00 at
	 * 0x40090100: the last is the largest. */
	base_image();
	expect_ok();
	elf_ram_gap(&img, RAM_BASE, RAM_SIZE, &b, &l);
	ck_assert_uint_eq(b, 0x40090100);
	ck_assert_uint_eq(l, 0x48000000);

	/* RAM [0x40000000, +0x300), one segment [0x40000100, +0x100): two
	 * gaps of 0x100, the lower one wins. */
	header(1, 0x40000100);
	phdr(0, 1, 5, 0x100, 0x40000100, 0x100, 0x100);
	buflen = 0x200;
	ck_assert_int_eq(elf_load(buf, buflen, RAM_BASE, 0x300, &img, err,
				  sizeof(err)), ELF_OK);
	elf_ram_gap(&img, RAM_BASE, 0x300, &b, &l);
	ck_assert_uint_eq(b, 0x40000000);
	ck_assert_uint_eq(l, 0x40000100);

	/* The segment fills RAM: no gap. */
	ck_assert_int_eq(elf_load(buf, buflen, 0x40000100, 0x100, &img, err,
				  sizeof(err)), ELF_OK);
	elf_ram_gap(&img, 0x40000100, 0x100, &b, &l);
	ck_assert_uint_eq(b, 0);
	ck_assert_uint_eq(l, 0);
}
END_TEST

/*
 * Random damage to the base image with a fixed seed: elf_load() must
 * either reject with a message or return an image that keeps every rule.
 */
static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static void check_invariants(void)
{
	unsigned i, j;
	bool entry_ok = false;

	ck_assert_uint_ge(img.nseg, 1);
	ck_assert_uint_le(img.nseg, ELF_MAX_SEGMENTS);
	for (i = 0; i < img.nseg; i++) {
		const struct elf_segment *s = &img.seg[i];

		ck_assert_uint_le(s->filesz, s->memsz);
		ck_assert_uint_ge(s->paddr, RAM_BASE);
		ck_assert_uint_le(s->paddr, RAM_END);
		ck_assert_uint_le(s->memsz, RAM_END - s->paddr);
		if (s->filesz) {
			ck_assert(s->data >= buf && s->data <= buf + buflen);
			ck_assert_uint_le(s->filesz,
					  (uint64_t)(buf + buflen - s->data));
		}
		for (j = i + 1; j < img.nseg; j++) {
			const struct elf_segment *t = &img.seg[j];

			ck_assert(s->paddr + s->memsz <= t->paddr ||
				  t->paddr + t->memsz <= s->paddr);
		}
		if ((s->flags & ELF_PF_X) && img.entry >= s->paddr &&
		    img.entry - s->paddr < s->filesz)
			entry_ok = true;
	}
	ck_assert(entry_ok);
	ck_assert_uint_eq(img.entry & 3, 0);
}

START_TEST(test_damaged_images)
{
	unsigned iter, accepted = 0, rejected = 0;

	rng_state = 0x9e3779b97f4a7c15ull;
	for (iter = 0; iter < 20000; iter++) {
		unsigned k, n = 1 + (unsigned)(rnd() % 4);
		int r;

		if (iter % 2)
			symtab_image();
		else
			base_image();
		for (k = 0; k < n; k++) {
			uint64_t what = rnd() % 4;
			/* Mostly hit the headers, sometimes anywhere. */
			size_t off = rnd() % (what == 3 && buflen ? buflen : 0x180);

			if (what == 0)
				buf[off] ^= (uint8_t)(1u << (rnd() % 8));
			else if (what == 1 && off + 8 <= buflen)
				put64(off, rnd() % 4 ? rnd() % 0x50000000 : rnd());
			else if (what == 2)
				buflen = rnd() % (buflen + 1);
			else
				buf[off] = (uint8_t)rnd();
		}
		err[0] = '\0';
		r = load();
		if (r == ELF_OK) {
			accepted++;
			check_invariants();
		} else {
			rejected++;
			ck_assert_msg(err[0] != '\0', "%s without a message",
				      elf_error_name(r));
			ck_assert_uint_eq(img.nseg, 0);
		}
	}
	/* Both outcomes happen: the damage is neither always fatal nor
	 * always harmless. */
	ck_assert_uint_gt(accepted, 100);
	ck_assert_uint_gt(rejected, 100);
}
END_TEST

START_TEST(test_error_names)
{
	ck_assert_str_eq(elf_error_name(ELF_OK), "ELF_OK");
	ck_assert_str_eq(elf_error_name(ELF_E_RAM), "ELF_E_RAM");
	ck_assert_str_eq(elf_error_name(ELF_E_AMBIG), "ELF_E_AMBIG");
	ck_assert_str_eq(elf_error_name(-1), "ELF_E_?");
	ck_assert_str_eq(elf_error_name(1000), "ELF_E_?");
}
END_TEST

#ifdef EMU_GUEST_MIN_ELF
static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data;
	long n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert_int_gt(n, 0);
	rewind(f);
	data = malloc((size_t)n);
	ck_assert_ptr_nonnull(data);
	ck_assert_uint_eq(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return data;
}

/*
 * tests/emu/guest_min.S linked by guest_min.ld: checked against the
 * linker script's addresses and against glibc's Elf64_* view of the file.
 */
START_TEST(test_real_image)
{
	Elf64_Ehdr eh;
	size_t len, i;
	unsigned nload = 0;
	uint64_t v, b, l;
	uint8_t *file = read_file(EMU_GUEST_MIN_ELF, &len);
	int r = elf_load(file, len, RAM_BASE, RAM_SIZE, &img, err,
			 sizeof(err));

	ck_assert_msg(r == ELF_OK, "%s: %s", elf_error_name(r), err);

	/* guest_min.ld: ENTRY(_start), .text.start first at 0x40080000,
	 * PHDRS text (R+X) and data (R+W, at 0x40090000). */
	ck_assert_uint_eq(img.entry, 0x40080000);
	ck_assert_uint_eq(img.nseg, 2);
	ck_assert_uint_eq(img.seg[0].paddr, 0x40080000);
	ck_assert_uint_eq(img.seg[0].flags, ELF_PF_R | ELF_PF_X);
	ck_assert_uint_eq(img.seg[1].paddr, 0x40090000);
	ck_assert_uint_eq(img.seg[1].flags, ELF_PF_R | ELF_PF_W);
	/* guest_min.S: .data = data_word (8) + exit_block (16) = 0x18;
	 * .bss at ALIGN(16) = +0x20, 4096 bytes. */
	ck_assert_uint_eq(img.seg[1].filesz, 0x18);
	ck_assert_uint_eq(img.seg[1].memsz, 0x20 + 0x1000);

	/* Every PT_LOAD, as glibc's structures read it. */
	memcpy(&eh, file, sizeof(eh));
	ck_assert_uint_eq(img.entry, eh.e_entry);
	for (i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr p;
		const struct elf_segment *s;

		memcpy(&p, file + eh.e_phoff + i * eh.e_phentsize, sizeof(p));
		if (p.p_type != PT_LOAD || p.p_memsz == 0)
			continue;
		ck_assert_uint_lt(nload, img.nseg);
		s = &img.seg[nload++];
		ck_assert_uint_eq(s->phdr, i);
		ck_assert_uint_eq(s->paddr, p.p_paddr);
		ck_assert_uint_eq(s->vaddr, p.p_vaddr);
		ck_assert_ptr_eq(s->data, file + p.p_offset);
		ck_assert_uint_eq(s->filesz, p.p_filesz);
		ck_assert_uint_eq(s->memsz, p.p_memsz);
		ck_assert_uint_eq(s->flags, p.p_flags);
	}
	ck_assert_uint_eq(nload, img.nseg);
	/* The first instruction: LDR x0, =stack_top (a literal load). */
	ck_assert_uint_eq(img.seg[0].data[3], 0x58);

	/* Symbols, from guest_min.S and the linker script. */
	ck_assert_int_eq(elf_symbol(&img, "_start", &v), ELF_OK);
	ck_assert_uint_eq(v, 0x40080000);
	ck_assert_int_eq(elf_symbol(&img, "data_word", &v), ELF_OK);
	ck_assert_uint_eq(v, 0x40090000);
	ck_assert_int_eq(elf_symbol(&img, "bss_word", &v), ELF_OK);
	ck_assert_uint_eq(v, 0x40090020);
	ck_assert_int_eq(elf_symbol(&img, "stack_top", &v), ELF_OK);
	ck_assert_uint_eq(v, 0x40091020);
	ck_assert_int_eq(elf_symbol(&img, "exit_hlt", &v), ELF_OK);
	ck_assert_uint_ge(v, 0x40080000);
	ck_assert_uint_lt(v, 0x40080000 + img.seg[0].filesz);
	/* "$d" mapping symbols: one per section with data, different values. */
	ck_assert_int_eq(elf_symbol(&img, "$d", &v), ELF_E_AMBIG);
	ck_assert_int_eq(elf_symbol(&img, "no_such_label", &v), ELF_E_NOSYM);

	/* The heap goes after the bss: [0x40091020, 0x48000000). */
	elf_ram_gap(&img, RAM_BASE, RAM_SIZE, &b, &l);
	ck_assert_uint_eq(b, 0x40091020);
	ck_assert_uint_eq(l, RAM_END);

	/* The same file, but RAM too small to hold the data segment. */
	ck_assert_int_eq(elf_load(file, len, RAM_BASE, 0x90000, &img, err,
				  sizeof(err)), ELF_E_RAM);
	ck_assert_ptr_nonnull(strstr(err, "segment 1 [0x40090000,0x40091020) outside RAM [0x40000000,0x40090000)"));
	free(file);
}
END_TEST
#endif

Suite *elf_suite(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("load");
	TCase *rej = tcase_create("reject");
	TCase *sym = tcase_create("symbols");

	tcase_add_test(tc, test_valid_image);
	tcase_add_test(tc, test_entry_virtual_to_physical);
	tcase_add_test(tc, test_ram_gap);
	tcase_add_test(tc, test_error_names);
#ifdef EMU_GUEST_MIN_ELF
	tcase_add_test(tc, test_real_image);
#endif
	suite_add_tcase(s, tc);

	tcase_add_test(rej, test_reject_magic);
	tcase_add_test(rej, test_reject_class32);
	tcase_add_test(rej, test_reject_big_endian);
	tcase_add_test(rej, test_reject_version);
	tcase_add_test(rej, test_reject_machine);
	tcase_add_test(rej, test_reject_type);
	tcase_add_test(rej, test_reject_ehsize);
	tcase_add_test(rej, test_reject_truncated_header);
	tcase_add_test(rej, test_reject_phentsize);
	tcase_add_test(rej, test_reject_phdr_table_outside_file);
	tcase_add_test(rej, test_reject_segment_file_range);
	tcase_add_test(rej, test_reject_filesz_gt_memsz);
	tcase_add_test(rej, test_reject_outside_ram);
	tcase_add_test(rej, test_reject_huge_memsz);
	tcase_add_test(rej, test_reject_overlap);
	tcase_add_test(rej, test_reject_too_many_phdrs);
	tcase_add_test(rej, test_reject_too_many_loads);
	tcase_add_test(rej, test_reject_no_load);
	tcase_add_test(rej, test_entry_rules);
	tcase_add_test(rej, test_reject_bad_section_table);
	tcase_add_test(rej, test_bad_arguments);
	tcase_add_test(rej, test_damaged_images);
	suite_add_tcase(s, rej);

	tcase_add_test(sym, test_symbols);
	tcase_add_test(sym, test_reject_bad_symtab);
	suite_add_tcase(s, sym);
	return s;
}
