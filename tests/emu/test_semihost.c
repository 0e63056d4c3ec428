// SPDX-License-Identifier: MIT
/*
 * tests/emu/test_semihost.c - emu/semihost.c against a fake guest: RAM
 * [0x40000000, +MEM_SIZE), the last page of the 64-bit address space and
 * [0, 0x100) (so a block running past 2^64 would wrap into memory if the
 * code let it), an output capture per stream and a settable cycle
 * counter.  100000 cycles per second (1000 per
 * centisecond).
 *
 * Expected values follow the semihosting specification (abi-aa 2020Q4,
 * 64-bit ABI) and, where it leaves them open, what QEMU 7.2 returns
 * (observed with qemu-system-aarch64 -semihosting): handles from 1,
 * X0 = 0xdeadbeef after WRITEC/WRITE0, EFAULT for unreadable parameter
 * blocks, SYS_WRITE/SYS_READ returning the length untouched on errors.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "emu_tests.h"
#include "semihost.h"

#define MEM_BASE 0x40000000ull
#define MEM_SIZE 0x120000ull
#define TOP_BASE 0xfffffffffffff000ull
#define TOP_SIZE 0x1000ull
#define LOW_SIZE 0x100ull
#define OUTCAP   0x4000
#define M1       UINT64_MAX /* the semihosting error return, -1 */

struct fake {
	uint8_t mem[MEM_SIZE];
	uint8_t top[TOP_SIZE];
	uint8_t low[LOW_SIZE];
	uint8_t out[3][OUTCAP];
	uint64_t outlen[3];  /* total bytes taken, per stream */
	unsigned outcalls;
	size_t take_limit;   /* bytes taken per output call */
	uint64_t now;
	bool wrapped;        /* a callback was given a range past 2^64 */
};

static struct fake fk;
static struct sh_state st;
static struct sh_env env;

static uint8_t *map(uint64_t addr, size_t len)
{
	if (len && addr + (len - 1) < addr) {
		fk.wrapped = true;
		return NULL;
	}
	if (addr >= MEM_BASE && addr - MEM_BASE <= MEM_SIZE &&
	    len <= MEM_SIZE - (addr - MEM_BASE))
		return fk.mem + (addr - MEM_BASE);
	if (addr >= TOP_BASE && len <= TOP_SIZE - (addr - TOP_BASE))
		return fk.top + (addr - TOP_BASE);
	if (addr <= LOW_SIZE && len <= LOW_SIZE - addr)
		return fk.low + addr;
	return NULL;
}

static bool fake_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	uint8_t *p = map(addr, len);

	ck_assert_ptr_eq(ctx, &fk);
	if (!p)
		return false;
	memcpy(buf, p, len);
	return true;
}

static bool fake_write(void *ctx, uint64_t addr, const void *buf, size_t len)
{
	uint8_t *p = map(addr, len);

	ck_assert_ptr_eq(ctx, &fk);
	if (!p)
		return false;
	memcpy(p, buf, len);
	return true;
}

static size_t fake_output(void *ctx, enum sh_stream stream,
			  const uint8_t *buf, size_t len)
{
	size_t n = len < fk.take_limit ? len : fk.take_limit;
	size_t i;

	ck_assert_ptr_eq(ctx, &fk);
	ck_assert_uint_le(stream, SH_STREAM_STDERR);
	ck_assert_uint_gt(len, 0);
	fk.outcalls++;
	for (i = 0; i < n; i++)
		if (fk.outlen[stream] + i < OUTCAP)
			fk.out[stream][fk.outlen[stream] + i] = buf[i];
	fk.outlen[stream] += n;
	return n;
}

static uint64_t fake_now(void *ctx)
{
	ck_assert_ptr_eq(ctx, &fk);
	return fk.now;
}

static void fresh(void)
{
	char err[128];

	memset(&fk, 0, sizeof(fk));
	fk.take_limit = SIZE_MAX;
	env = (struct sh_env){
		.ctx = &fk,
		.read_mem = fake_read,
		.write_mem = fake_write,
		.output = fake_output,
		.now_cycles = fake_now,
		.heap_base = 0x1111, .heap_limit = 0x2222,
		.stack_base = 0x3333, .stack_limit = 0x4444,
		.cycles_per_cs = 1000,
		.cmdline = "guest.elf -v",
	};
	ck_assert_int_eq(sh_init(&st, &env, err, sizeof(err)), 0);
}

static uint64_t A(uint64_t off)
{
	return MEM_BASE + off;
}

static void wr64(uint64_t addr, uint64_t v)
{
	uint8_t *p = map(addr, 8);
	unsigned i;

	ck_assert_ptr_nonnull(p);
	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t rd64(uint64_t addr)
{
	uint8_t *p = map(addr, 8);
	uint64_t v = 0;
	unsigned i;

	ck_assert_ptr_nonnull(p);
	for (i = 0; i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static void wrstr(uint64_t addr, const char *s)
{
	uint8_t *p = map(addr, strlen(s) + 1);

	ck_assert_ptr_nonnull(p);
	memcpy(p, s, strlen(s) + 1);
}

/* A parameter block of up to 4 fields at @addr. */
static uint64_t blk(uint64_t addr, uint64_t a, uint64_t b, uint64_t c)
{
	wr64(addr, a);
	wr64(addr + 8, b);
	wr64(addr + 16, c);
	return addr;
}

/* A call that continues: its X0. */
static uint64_t x0(uint32_t op, uint64_t param)
{
	struct sh_result r = sh_call(&st, op, param);

	ck_assert_msg(r.action == SH_CONTINUE, "op 0x%x: action %d (%s)",
		      op, r.action, r.msg);
	return r.x0;
}

static uint64_t sh_errno(void)
{
	return x0(SH_SYS_ERRNO, 0);
}

/* SYS_OPEN @name with @mode; the block at 0x100, the name at 0x200. */
static uint64_t open_name(const char *name, uint64_t mode)
{
	wrstr(A(0x200), name);
	return x0(SH_SYS_OPEN, blk(A(0x100), A(0x200), mode, strlen(name)));
}

static uint64_t handle_op(uint32_t op, uint64_t h)
{
	return x0(op, blk(A(0x80), h, 0, 0));
}

static void expect_out(enum sh_stream stream, const char *s)
{
	ck_assert_uint_eq(fk.outlen[stream], strlen(s));
	ck_assert_int_eq(memcmp(fk.out[stream], s, strlen(s)), 0);
}

START_TEST(test_init)
{
	struct sh_env e;
	char err[128];

	fresh();
	e = env;
	e.read_mem = NULL;
	ck_assert_int_eq(sh_init(&st, &e, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "callback is missing"));
	e = env;
	e.cycles_per_cs = 0;
	ck_assert_int_eq(sh_init(&st, &e, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "cycles per centisecond"));
	e.cycles_per_cs = UINT64_MAX / 100 + 1;
	ck_assert_int_eq(sh_init(&st, &e, err, sizeof(err)), -1);
	ck_assert_int_eq(sh_init(&st, NULL, err, sizeof(err)), -1);
	e.cycles_per_cs = UINT64_MAX / 100;
	ck_assert_int_eq(sh_init(&st, &e, err, sizeof(err)), 0);
	ck_assert_uint_eq(x0(SH_SYS_TICKFREQ, 0), 18446744073709551600ull);

	/* A new run forgets handles and errno. */
	fresh();
	ck_assert_uint_eq(open_name(":tt", 0), 1);
	ck_assert_uint_eq(open_name("nofile", 0), M1);
	ck_assert_uint_eq(sh_errno(), SH_ENOENT);
	ck_assert_int_eq(sh_init(&st, &env, err, sizeof(err)), 0);
	ck_assert_uint_eq(sh_errno(), 0);
	ck_assert_uint_eq(open_name(":tt", 0), 1);
}
END_TEST

START_TEST(test_open_tt)
{
	uint64_t m;

	fresh();
	/* Lowest free handle from 1, in order. */
	for (m = 0; m < 12; m++)
		ck_assert_uint_eq(open_name(":tt", m), m + 1);
	ck_assert_uint_eq(open_name(":tt", 12), M1);
	ck_assert_uint_eq(sh_errno(), SH_EINVAL);
	/* Handle 5 (mode 4, "w") closed: the next open gets 5 again. */
	ck_assert_uint_eq(handle_op(SH_SYS_CLOSE, 5), 0);
	ck_assert_uint_eq(open_name(":tt", 0), 5);
	ck_assert_uint_eq(open_name(":tt", 0), 13);
	/* The name's length field is not used: the NUL ends it. */
	wrstr(A(0x200), ":tt");
	ck_assert_uint_eq(x0(SH_SYS_OPEN, blk(A(0x100), A(0x200), 4, 99)), 14);
	/* A longer name is another file. */
	ck_assert_uint_eq(open_name(":ttx", 4), M1);
	ck_assert_uint_eq(sh_errno(), SH_ENOENT);
}
END_TEST

START_TEST(test_open_errors)
{
	unsigned i;

	fresh();
	ck_assert_uint_eq(open_name("/etc/passwd", 0), M1);
	ck_assert_uint_eq(sh_errno(), SH_ENOENT);
	/* The parameter block is not memory. */
	ck_assert_uint_eq(x0(SH_SYS_OPEN, 0x1000), M1);
	ck_assert_uint_eq(sh_errno(), SH_EFAULT);
	/* The block's third field would be at 2^64, not at 0: EFAULT. */
	wrstr(A(0x200), ":tt");
	wr64(TOP_BASE + 0xff0, A(0x200));
	wr64(TOP_BASE + 0xff8, 0);
	ck_assert_uint_eq(x0(SH_SYS_OPEN, TOP_BASE + 0xff0), M1);
	ck_assert_uint_eq(sh_errno(), SH_EFAULT);
	ck_assert(!fk.wrapped);
	/* The name is not memory. */
	ck_assert_uint_eq(x0(SH_SYS_OPEN, blk(A(0x100), 0x1000, 0, 3)), M1);
	ck_assert_uint_eq(sh_errno(), SH_EFAULT);
	/* The name runs off the end of RAM. */
	memcpy(fk.mem + MEM_SIZE - 3, ":tt", 3);
	ck_assert_uint_eq(x0(SH_SYS_OPEN,
			     blk(A(0x100), A(MEM_SIZE - 3), 0, 3)), M1);
	ck_assert_uint_eq(sh_errno(), SH_EFAULT);
	/* The name runs off the end of the address space. */
	memcpy(fk.top + TOP_SIZE - 3, ":tt", 3);
	ck_assert_uint_eq(x0(SH_SYS_OPEN,
			     blk(A(0x100), TOP_BASE + TOP_SIZE - 3, 0, 3)), M1);
	ck_assert_uint_eq(sh_errno(), SH_EFAULT);
	ck_assert(!fk.wrapped);
	/* 4095 characters and a NUL fit SH_PATH_MAX; 4096 do not. */
	memset(fk.mem + 0x1000, 'a', 4095);
	fk.mem[0x1000 + 4095] = 0;
	ck_assert_uint_eq(x0(SH_SYS_OPEN, blk(A(0x100), A(0x1000), 0, 4095)),
			  M1);
	ck_assert_uint_eq(sh_errno(), SH_ENOENT);
	fk.mem[0x1000 + 4095] = 'a';
	fk.mem[0x1000 + 4096] = 0;
	ck_assert_uint_eq(x0(SH_SYS_OPEN, blk(A(0x100), A(0x1000), 0, 4096)),
			  M1);
	ck_assert_uint_eq(sh_errno(), SH_ENAMETOOLONG);
	/* SH_MAX_FILES handles, then EMFILE. */
	for (i = 1; i <= SH_MAX_FILES; i++)
		ck_assert_uint_eq(open_name(":tt", 4), i);
	ck_assert_uint_eq(open_name(":tt", 4), M1);
	ck_assert_uint_eq(sh_errno(), SH_EMFILE);
}
END_TEST

START_TEST(test_features_file)
{
	static const uint8_t shfb[5] = { 0x53, 0x48, 0x46, 0x42, 0x03 };
	uint64_t rd = A(0x300);

	fresh();
	ck_assert_uint_eq(open_name(":semihosting-features", 0), 1);
	ck_assert_uint_eq(open_name(":semihosting-features", 1), 2);
	ck_assert_uint_eq(open_name(":semihosting-features", 2), M1);
	ck_assert_uint_eq(sh_errno(), SH_EACCES);
	ck_assert_uint_eq(open_name(":semihosting-features", 4), M1);
	ck_assert_uint_eq(sh_errno(), SH_EACCES);

	ck_assert_uint_eq(handle_op(SH_SYS_FLEN, 1), 5);
	ck_assert_uint_eq(handle_op(SH_SYS_ISTTY, 1), 0);
	/* An unwritable buffer: nothing read, the position stays. */
	ck_assert_uint_eq(x0(SH_SYS_READ, blk(A(0x80), 1, 0x1000, 8)), 8);
	/* 8 asked, 5 there: 3 not read. */
	ck_assert_uint_eq(x0(SH_SYS_READ, blk(A(0x80), 1, rd, 8)), 3);
	ck_assert_int_eq(memcmp(fk.mem + 0x300, shfb, 5), 0);
	ck_assert_uint_eq(fk.mem[0x305], 0);
	/* At the end: nothing read. */
	ck_assert_uint_eq(x0(SH_SYS_READ, blk(A(0x80), 1, rd, 8)), 8);
	/* Seek to 2, read 2: "FB". */
	ck_assert_uint_eq(x0(SH_SYS_SEEK, blk(A(0x80), 1, 2, 0)), 0);
	memset(fk.mem + 0x300, 0, 8);
	ck_assert_uint_eq(x0(SH_SYS_READ, blk(A(0x80), 1, rd, 2)), 0);
	ck_assert_uint_eq(fk.mem[0x300], 'F');
	ck_assert_uint_eq(fk.mem[0x301], 'B');
	ck_assert_uint_eq(fk.mem[0x302], 0);
	/* Past the end: EINVAL; the end itself is fine. */
	ck_assert_uint_eq(x0(SH_SYS_SEEK, blk(A(0x80), 1, 6, 0)), M1);
	ck_assert_uint_eq(sh_errno(), SH_EINVAL);
	ck_assert_uint_eq(x0(SH_SYS_SEEK, blk(A(0x80), 1, 5, 0)), 0);
	ck_assert_uint_eq(x0(SH_SYS_READ, blk(A(0x80), 1, rd, 2)), 2);
	/* Handle 2 has its own position. */
	ck_assert_uint_eq(x0(SH_SYS_READ, blk(A(0x80), 2, rd, 1)), 0);
	ck_assert_uint_eq(fk.mem[0x300], 0x53);
	/* It cannot be written. */
	wrstr(A(0x200), "xy");
	ck_assert_uint_eq(x0(SH_SYS_WRITE, blk(A(0x80), 1, A(0x200), 2)), 2);
	ck_assert_uint_eq(fk.outcalls, 0);
}
END_TEST

START_TEST(test_writec)
{
	fresh();
	fk.mem[0x10] = 'A';
	ck_assert_uint_eq(x0(SH_SYS_WRITEC, A(0x10)), SH_CORRUPTED);
	fk.mem[0x10] = '\n';
	ck_assert_uint_eq(x0(SH_SYS_WRITEC, A(0x10)), 0xdeadbeef);
	expect_out(SH_STREAM_CONSOLE, "A\n");
	/* A bad pointer: nothing written, errno untouched. */
	ck_assert_uint_eq(x0(SH_SYS_WRITEC, 0x1000), 0xdeadbeef);
	ck_assert_uint_eq(x0(SH_SYS_WRITEC, MEM_BASE - 1), 0xdeadbeef);
	ck_assert_uint_eq(x0(SH_SYS_WRITEC, A(MEM_SIZE)), 0xdeadbeef);
	expect_out(SH_STREAM_CONSOLE, "A\n");
	ck_assert_uint_eq(sh_errno(), 0);
	/* The last byte of the address space is fine. */
	fk.top[TOP_SIZE - 1] = '!';
	ck_assert_uint_eq(x0(SH_SYS_WRITEC, UINT64_MAX), 0xdeadbeef);
	expect_out(SH_STREAM_CONSOLE, "A\n!");
	ck_assert_uint_eq(fk.outlen[SH_STREAM_STDOUT], 0);
	ck_assert_uint_eq(fk.outlen[SH_STREAM_STDERR], 0);
}
END_TEST

START_TEST(test_write0)
{
	static const char across[] = "this string crosses 0x400";

	fresh();
	wrstr(A(0x200), "hello\n");
	ck_assert_uint_eq(x0(SH_SYS_WRITE0, A(0x200)), 0xdeadbeef);
	expect_out(SH_STREAM_CONSOLE, "hello\n");
	/* Across a 256-byte boundary. */
	wrstr(A(0x3f0), across);
	x0(SH_SYS_WRITE0, A(0x3f0));
	expect_out(SH_STREAM_CONSOLE, "hello\nthis string crosses 0x400");
	/* The empty string: no output call. */
	fk.outcalls = 0;
	wrstr(A(0x200), "");
	x0(SH_SYS_WRITE0, A(0x200));
	ck_assert_uint_eq(fk.outcalls, 0);
	/* No NUL before the end of RAM: nothing. */
	memcpy(fk.mem + MEM_SIZE - 5, "abcde", 5);
	ck_assert_uint_eq(x0(SH_SYS_WRITE0, A(MEM_SIZE - 5)), 0xdeadbeef);
	/* Nor before 2^64. */
	memset(fk.top, 'z', TOP_SIZE);
	x0(SH_SYS_WRITE0, TOP_BASE + 0x10);
	/* Unmapped. */
	x0(SH_SYS_WRITE0, 0x1000);
	ck_assert_uint_eq(fk.outcalls, 0);
	ck_assert(!fk.wrapped);
	ck_assert_uint_eq(sh_errno(), 0);
	/* A NUL in the very last byte of the address space ends it. */
	fk.top[TOP_SIZE - 1] = 0;
	fk.outlen[SH_STREAM_CONSOLE] = 0;
	x0(SH_SYS_WRITE0, TOP_BASE + TOP_SIZE - 3);
	expect_out(SH_STREAM_CONSOLE, "zz");
}
END_TEST

START_TEST(test_write0_limit)
{
	fresh();
	/* SH_STR_MAX characters: written. */
	memset(fk.mem + 0x10000, 'x', SH_STR_MAX);
	fk.mem[0x10000 + SH_STR_MAX] = 0;
	x0(SH_SYS_WRITE0, A(0x10000));
	ck_assert_uint_eq(fk.outlen[SH_STREAM_CONSOLE], SH_STR_MAX);
	/* One more: not written. */
	fk.outlen[SH_STREAM_CONSOLE] = 0;
	fk.mem[0x10000 + SH_STR_MAX] = 'x';
	fk.mem[0x10000 + SH_STR_MAX + 1] = 0;
	x0(SH_SYS_WRITE0, A(0x10000));
	ck_assert_uint_eq(fk.outlen[SH_STREAM_CONSOLE], 0);
}
END_TEST

START_TEST(test_write)
{
	uint64_t out, err, in, i;

	fresh();
	out = open_name(":tt", 4);  /* "w": stdout */
	err = open_name(":tt", 8);  /* "a": stderr */
	in = open_name(":tt", 0);   /* "r": console input */
	ck_assert_uint_eq(out, 1);
	ck_assert_uint_eq(err, 2);
	ck_assert_uint_eq(in, 3);
	wrstr(A(0x200), "hello");
	ck_assert_uint_eq(x0(SH_SYS_WRITE, blk(A(0x80), out, A(0x200), 5)), 0);
	expect_out(SH_STREAM_STDOUT, "hello");
	ck_assert_uint_eq(x0(SH_SYS_WRITE, blk(A(0x80), err, A(0x200), 4)), 0);
	expect_out(SH_STREAM_STDERR, "hell");
	ck_assert_uint_eq(fk.outlen[SH_STREAM_CONSOLE], 0);

	/* Not written, length returned, errno untouched: a read handle, a
	 * bad or closed handle, an unreadable or partly readable buffer. */
	fk.outcalls = 0;
	ck_assert_uint_eq(x0(SH_SYS_WRITE, blk(A(0x80), in, A(0x200), 5)), 5);
	ck_assert_uint_eq(x0(SH_SYS_WRITE, blk(A(0x80), 77, A(0x200), 5)), 5);
	ck_assert_uint_eq(x0(SH_SYS_WRITE, blk(A(0x80), 0, A(0x200), 5)), 5);
	ck_assert_uint_eq(x0(SH_SYS_WRITE, blk(A(0x80), out, 0x1000, 5)), 5);
	ck_assert_uint_eq(x0(SH_SYS_WRITE,
			     blk(A(0x80), out, A(MEM_SIZE - 2), 5)), 5);
	ck_assert_uint_eq(x0(SH_SYS_WRITE,
			     blk(A(0x80), out, A(0x200), UINT64_MAX)),
			  UINT64_MAX);
	ck_assert_uint_eq(x0(SH_SYS_WRITE,
			     blk(A(0x80), out, TOP_BASE + 0xff0, 0x20)), 0x20);
	ck_assert_uint_eq(fk.outcalls, 0);
	ck_assert(!fk.wrapped);
	ck_assert_uint_eq(sh_errno(), 0);
	ck_assert_uint_eq(handle_op(SH_SYS_CLOSE, out), 0);
	ck_assert_uint_eq(x0(SH_SYS_WRITE, blk(A(0x80), out, A(0x200), 5)), 5);
	ck_assert_uint_eq(fk.outcalls, 0);

	/* Length 0: nothing to do. */
	ck_assert_uint_eq(x0(SH_SYS_WRITE, blk(A(0x80), err, 0x1000, 0)), 0);
	ck_assert_uint_eq(fk.outcalls, 0);

	/* The output takes only 3 bytes: 2 not written. */
	fk.take_limit = 3;
	ck_assert_uint_eq(x0(SH_SYS_WRITE, blk(A(0x80), err, A(0x200), 5)), 2);
	expect_out(SH_STREAM_STDERR, "hellhel");
	fk.take_limit = SIZE_MAX;

	/* 10000 bytes, more than one internal chunk. */
	for (i = 0; i < 10000; i++)
		fk.mem[0x1000 + i] = (uint8_t)(i * 7);
	fk.outlen[SH_STREAM_STDERR] = 0;
	ck_assert_uint_eq(x0(SH_SYS_WRITE, blk(A(0x80), err, A(0x1000), 10000)),
			  0);
	ck_assert_uint_eq(fk.outlen[SH_STREAM_STDERR], 10000);
	ck_assert_int_eq(memcmp(fk.out[SH_STREAM_STDERR], fk.mem + 0x1000,
				10000), 0);

	/* The block itself unreadable: -1, EFAULT. */
	ck_assert_uint_eq(x0(SH_SYS_WRITE, 0x1000), M1);
	ck_assert_uint_eq(sh_errno(), SH_EFAULT);
}
END_TEST

START_TEST(test_read_console)
{
	uint64_t in;

	fresh();
	in = open_name(":tt", 0);
	memset(fk.mem + 0x300, 0x5a, 8);
	/* Console input is at end of file: nothing read. */
	ck_assert_uint_eq(x0(SH_SYS_READ, blk(A(0x80), in, A(0x300), 8)), 8);
	ck_assert_uint_eq(fk.mem[0x300], 0x5a);
	/* Bad handle: length, errno untouched. */
	ck_assert_uint_eq(x0(SH_SYS_READ, blk(A(0x80), 9, A(0x300), 8)), 8);
	ck_assert_uint_eq(sh_errno(), 0);
	ck_assert_uint_eq(x0(SH_SYS_READ, 0x1000), M1);
	ck_assert_uint_eq(sh_errno(), SH_EFAULT);
	ck_assert_uint_eq(x0(SH_SYS_READC, 0), M1);
}
END_TEST

START_TEST(test_handles)
{
	uint64_t in, out, err, feat;

	fresh();
	in = open_name(":tt", 1);
	out = open_name(":tt", 5);
	err = open_name(":tt", 11);
	feat = open_name(":semihosting-features", 0);
	ck_assert_uint_eq(feat, 4);
	ck_assert_uint_eq(handle_op(SH_SYS_ISTTY, in), 1);
	ck_assert_uint_eq(handle_op(SH_SYS_ISTTY, out), 1);
	ck_assert_uint_eq(handle_op(SH_SYS_ISTTY, err), 1);
	ck_assert_uint_eq(handle_op(SH_SYS_ISTTY, feat), 0);
	ck_assert_uint_eq(handle_op(SH_SYS_ISTTY, 77), M1);
	ck_assert_uint_eq(sh_errno(), SH_EBADF);

	ck_assert_uint_eq(handle_op(SH_SYS_FLEN, out), 0);
	ck_assert_uint_eq(handle_op(SH_SYS_FLEN, feat), 5);
	ck_assert_uint_eq(handle_op(SH_SYS_FLEN, 0), M1);

	ck_assert_uint_eq(x0(SH_SYS_SEEK, blk(A(0x80), out, 0, 0)), M1);
	ck_assert_uint_eq(sh_errno(), SH_ESPIPE);
	ck_assert_uint_eq(x0(SH_SYS_SEEK, blk(A(0x80), 33, 0, 0)), M1);
	ck_assert_uint_eq(sh_errno(), SH_EBADF);

	ck_assert_uint_eq(handle_op(SH_SYS_CLOSE, out), 0);
	ck_assert_uint_eq(handle_op(SH_SYS_CLOSE, out), M1);
	ck_assert_uint_eq(sh_errno(), SH_EBADF);
	ck_assert_uint_eq(handle_op(SH_SYS_CLOSE, 0), M1);
	ck_assert_uint_eq(handle_op(SH_SYS_CLOSE, UINT64_MAX), M1);
	ck_assert_uint_eq(handle_op(SH_SYS_ISTTY, out), M1);

	/* Unreadable blocks. */
	ck_assert_uint_eq(x0(SH_SYS_CLOSE, 0x1000), M1);
	ck_assert_uint_eq(sh_errno(), SH_EFAULT);
	ck_assert_uint_eq(x0(SH_SYS_ISTTY, 0x1000), M1);
	ck_assert_uint_eq(x0(SH_SYS_FLEN, 0x1000), M1);
	ck_assert_uint_eq(x0(SH_SYS_SEEK, TOP_BASE + 0xff8), M1);
	ck_assert_uint_eq(sh_errno(), SH_EFAULT);
	ck_assert(!fk.wrapped);
}
END_TEST

START_TEST(test_iserror)
{
	fresh();
	ck_assert_uint_eq(handle_op(SH_SYS_ISERROR, M1), 1);
	ck_assert_uint_eq(handle_op(SH_SYS_ISERROR, 0x8000000000000000ull), 1);
	ck_assert_uint_eq(handle_op(SH_SYS_ISERROR, 0x7fffffffffffffffull), 0);
	ck_assert_uint_eq(handle_op(SH_SYS_ISERROR, 5), 0);
	ck_assert_uint_eq(handle_op(SH_SYS_ISERROR, 0), 0);
	ck_assert_uint_eq(x0(SH_SYS_ISERROR, 0x1000), M1);
	ck_assert_uint_eq(sh_errno(), SH_EFAULT);
}
END_TEST

START_TEST(test_time)
{
	fresh();
	fk.now = 123456;                 /* 123.456 centiseconds */
	ck_assert_uint_eq(x0(SH_SYS_CLOCK, 0), 123);
	ck_assert_uint_eq(x0(SH_SYS_TIME, 0), 1);
	fk.now = 250000;                 /* 2.5 s at 100000 cycles/s */
	ck_assert_uint_eq(x0(SH_SYS_TIME, 0), 2);
	ck_assert_uint_eq(x0(SH_SYS_CLOCK, 0), 250);
	ck_assert_uint_eq(x0(SH_SYS_TICKFREQ, 0), 100000);

	fk.now = 0x123456789abcull;
	ck_assert_uint_eq(x0(SH_SYS_ELAPSED, A(0x40)), 0);
	ck_assert_uint_eq(rd64(A(0x40)), 0x123456789abcull);
	/* The last 8 bytes below 2^64. */
	ck_assert_uint_eq(x0(SH_SYS_ELAPSED, TOP_BASE + 0xff8), 0);
	ck_assert_uint_eq(rd64(TOP_BASE + 0xff8), 0x123456789abcull);
	ck_assert_uint_eq(x0(SH_SYS_ELAPSED, TOP_BASE + 0xff9), M1);
	ck_assert_uint_eq(sh_errno(), SH_EFAULT);
	ck_assert(!fk.wrapped);
	ck_assert_uint_eq(x0(SH_SYS_ELAPSED, 0x1000), M1);
}
END_TEST

START_TEST(test_errno)
{
	fresh();
	ck_assert_uint_eq(sh_errno(), 0);
	ck_assert_uint_eq(open_name("x", 0), M1);
	ck_assert_uint_eq(sh_errno(), SH_ENOENT);
	/* Success does not clear it. */
	ck_assert_uint_eq(open_name(":tt", 0), 1);
	ck_assert_uint_eq(sh_errno(), SH_ENOENT);
	ck_assert_uint_eq(handle_op(SH_SYS_CLOSE, 2), M1);
	ck_assert_uint_eq(sh_errno(), SH_EBADF);
}
END_TEST

START_TEST(test_get_cmdline)
{
	uint64_t b = A(0x80);

	fresh();
	/* "guest.elf -v": 12 characters, 13 bytes with the NUL. */
	ck_assert_uint_eq(x0(SH_SYS_GET_CMDLINE, blk(b, A(0x1000), 64, 0)), 0);
	ck_assert_str_eq((const char *)fk.mem + 0x1000, "guest.elf -v");
	ck_assert_uint_eq(rd64(b + 8), 12);
	ck_assert_uint_eq(rd64(b), A(0x1000));
	memset(fk.mem + 0x1000, 0x77, 32);
	ck_assert_uint_eq(x0(SH_SYS_GET_CMDLINE, blk(b, A(0x1000), 13, 0)), 0);
	ck_assert_uint_eq(fk.mem[0x1000 + 12], 0);
	ck_assert_uint_eq(fk.mem[0x1000 + 13], 0x77);
	memset(fk.mem + 0x1000, 0x77, 32);
	ck_assert_uint_eq(x0(SH_SYS_GET_CMDLINE, blk(b, A(0x1000), 12, 0)), M1);
	ck_assert_uint_eq(sh_errno(), SH_E2BIG);
	ck_assert_uint_eq(fk.mem[0x1000], 0x77);
	ck_assert_uint_eq(x0(SH_SYS_GET_CMDLINE, blk(b, A(0x1000), 5, 0)), M1);
	ck_assert_uint_eq(rd64(b + 8), 5); /* not updated */
	ck_assert_uint_eq(fk.mem[0x1000], 0x77);
	ck_assert_uint_eq(x0(SH_SYS_GET_CMDLINE, blk(b, 0x1000, 64, 0)), M1);
	ck_assert_uint_eq(sh_errno(), SH_EFAULT);
	ck_assert_uint_eq(x0(SH_SYS_GET_CMDLINE, 0x1000), M1);

	/* No command line: "". */
	env.cmdline = NULL;
	ck_assert_int_eq(sh_init(&st, &env, NULL, 0), 0);
	ck_assert_uint_eq(x0(SH_SYS_GET_CMDLINE, blk(b, A(0x1000), 1, 0)), 0);
	ck_assert_uint_eq(fk.mem[0x1000], 0);
	ck_assert_uint_eq(rd64(b + 8), 0);
	ck_assert_uint_eq(x0(SH_SYS_GET_CMDLINE, blk(b, A(0x1000), 0, 0)), M1);
	ck_assert_uint_eq(sh_errno(), SH_E2BIG);
}
END_TEST

START_TEST(test_heapinfo)
{
	fresh();
	/* X1 -> a word holding the block's address. */
	wr64(A(0x20), A(0x40));
	ck_assert_uint_eq(x0(SH_SYS_HEAPINFO, A(0x20)), 0);
	ck_assert_uint_eq(rd64(A(0x40)), 0x1111);
	ck_assert_uint_eq(rd64(A(0x48)), 0x2222);
	ck_assert_uint_eq(rd64(A(0x50)), 0x3333);
	ck_assert_uint_eq(rd64(A(0x58)), 0x4444);
	ck_assert_uint_eq(rd64(A(0x20)), A(0x40));
	/* The word is not memory. */
	ck_assert_uint_eq(x0(SH_SYS_HEAPINFO, 0x1000), M1);
	ck_assert_uint_eq(sh_errno(), SH_EFAULT);
	/* The block is not memory. */
	wr64(A(0x20), 0x1000);
	ck_assert_uint_eq(x0(SH_SYS_HEAPINFO, A(0x20)), M1);
	/* Half the block is: the first two fields are written. */
	wr64(A(0x20), A(MEM_SIZE - 16));
	ck_assert_uint_eq(x0(SH_SYS_HEAPINFO, A(0x20)), M1);
	ck_assert_uint_eq(rd64(A(MEM_SIZE - 16)), 0x1111);
	ck_assert_uint_eq(rd64(A(MEM_SIZE - 8)), 0x2222);
	wr64(A(0x20), TOP_BASE + 0xff0);
	ck_assert_uint_eq(x0(SH_SYS_HEAPINFO, A(0x20)), M1);
	ck_assert_uint_eq(rd64(TOP_BASE + 0xff8), 0x2222);
	ck_assert_uint_eq(rd64(0), 0); /* fields 3-4 did not wrap to 0 */
	ck_assert_uint_eq(rd64(8), 0);
	ck_assert(!fk.wrapped);
}
END_TEST

static struct sh_result exit_call(uint32_t op, uint64_t reason, uint64_t sub)
{
	return sh_call(&st, op, blk(A(0x80), reason, sub, 0));
}

START_TEST(test_exit)
{
	struct sh_result r;

	fresh();
	r = exit_call(SH_SYS_EXIT, 0x20026, 0);
	ck_assert_int_eq(r.action, SH_EXIT);
	ck_assert_int_eq(r.exit_code, 0);
	ck_assert_uint_eq(r.reason, 0x20026);
	ck_assert_uint_eq(r.subcode, 0);
	r = exit_call(SH_SYS_EXIT, 0x20026, 3);
	ck_assert_int_eq(r.exit_code, 3);
	r = exit_call(SH_SYS_EXIT, 0x20026, 300);  /* 300 - 256 */
	ck_assert_int_eq(r.exit_code, 44);
	r = exit_call(SH_SYS_EXIT, 0x20026, UINT64_MAX);
	ck_assert_int_eq(r.exit_code, 255);
	ck_assert_uint_eq(r.subcode, UINT64_MAX);
	/* Another reason: status 1. */
	r = exit_call(SH_SYS_EXIT, 0x20023, 7);  /* RunTimeErrorUnknown */
	ck_assert_int_eq(r.action, SH_EXIT);
	ck_assert_int_eq(r.exit_code, 1);
	ck_assert_uint_eq(r.reason, 0x20023);
	ck_assert_uint_eq(r.subcode, 7);
	r = exit_call(SH_SYS_EXIT, 0, 0);
	ck_assert_int_eq(r.exit_code, 1);
	/* SYS_EXIT_EXTENDED: the same in AArch64. */
	r = exit_call(SH_SYS_EXIT_EXTENDED, 0x20026, 42);
	ck_assert_int_eq(r.action, SH_EXIT);
	ck_assert_int_eq(r.exit_code, 42);
	r = exit_call(SH_SYS_EXIT_EXTENDED, 0x20024, 0); /* InternalError */
	ck_assert_int_eq(r.exit_code, 1);
	/* An unreadable block: the guest continues with -1, EFAULT. */
	ck_assert_uint_eq(x0(SH_SYS_EXIT, 0x1000), M1);
	ck_assert_uint_eq(sh_errno(), SH_EFAULT);
	ck_assert_uint_eq(x0(SH_SYS_EXIT_EXTENDED, TOP_BASE + 0xff8), M1);
	ck_assert(!fk.wrapped);
}
END_TEST

START_TEST(test_unsupported)
{
	static const uint32_t unknown[] = { 0x00, 0x0b, 0x14, 0x17, 0x1a,
					    0x21, 0x2f, 0x32, 0x100,
					    0xffffffff };
	struct sh_result r;
	char hex[16];
	unsigned i;

	fresh();
	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		r = sh_call(&st, unknown[i], 0);
		ck_assert_int_eq(r.action, SH_FAIL);
		snprintf(hex, sizeof(hex), "0x%x", unknown[i]);
		ck_assert_msg(strstr(r.msg, hex) && strstr(r.msg, "unknown"),
			      "%s", r.msg);
	}
	r = sh_call(&st, SH_SYS_SYSTEM, A(0x80));
	ck_assert_int_eq(r.action, SH_FAIL);
	ck_assert_ptr_nonnull(strstr(r.msg, "SYS_SYSTEM (0x12)"));
	r = sh_call(&st, SH_SYS_REMOVE, A(0x80));
	ck_assert_ptr_nonnull(strstr(r.msg, "SYS_REMOVE (0x0e)"));
	r = sh_call(&st, SH_SYS_RENAME, A(0x80));
	ck_assert_ptr_nonnull(strstr(r.msg, "SYS_RENAME (0x0f)"));
	r = sh_call(&st, SH_SYS_TMPNAM, A(0x80));
	ck_assert_int_eq(r.action, SH_FAIL);
	ck_assert_ptr_nonnull(strstr(r.msg, "SYS_TMPNAM (0x0d)"));
	/* No output and no memory change from any of them. */
	ck_assert_uint_eq(fk.outcalls, 0);
	ck_assert_uint_eq(sh_errno(), 0);
	/* SYNCCACHE: accepted, nothing to do. */
	ck_assert_uint_eq(x0(SH_SYS_SYNCCACHE, A(0x80)), 0);
}
END_TEST

START_TEST(test_names)
{
	ck_assert_str_eq(sh_op_name(SH_SYS_EXIT), "SYS_EXIT");
	ck_assert_str_eq(sh_op_name(0x20), "SYS_EXIT_EXTENDED");
	ck_assert_str_eq(sh_op_name(0x31), "SYS_TICKFREQ");
	ck_assert_ptr_null(sh_op_name(0x17));
	ck_assert_ptr_null(sh_op_name(0x32));
	ck_assert_str_eq(sh_reason_name(0x20026),
			 "ADP_Stopped_ApplicationExit");
	ck_assert_str_eq(sh_reason_name(0x20000),
			 "ADP_Stopped_BranchThroughZero");
	ck_assert_str_eq(sh_reason_name(0x20004), "ADP_Stopped_DataAbort");
	ck_assert_str_eq(sh_reason_name(0x20007), "ADP_Stopped_FIQ");
	ck_assert_str_eq(sh_reason_name(0x20020), "ADP_Stopped_BreakPoint");
	ck_assert_str_eq(sh_reason_name(0x20029), "ADP_Stopped_OSSpecific");
	ck_assert_ptr_null(sh_reason_name(0x20008));
	ck_assert_ptr_null(sh_reason_name(0x2001f));
	ck_assert_ptr_null(sh_reason_name(0x2002a));
	ck_assert_ptr_null(sh_reason_name(0x120026));
}
END_TEST

/*
 * Random operations and parameters (fixed seed) over random memory: every
 * implemented operation continues or exits, never reports an emulator
 * error, never hands a callback a range past 2^64, and handles stay in
 * 1..SH_MAX_FILES.
 */
static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static uint64_t rnd_addr(void)
{
	switch (rnd() % 4) {
	case 0:
		return A(rnd() % 0x1000);
	case 1:
		return TOP_BASE + rnd() % TOP_SIZE;
	case 2:
		return rnd() % 64;
	default:
		return rnd();
	}
}

START_TEST(test_random_calls)
{
	static const uint32_t ops[] = {
		0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a,
		0x0c, 0x10, 0x11, 0x13, 0x15, 0x16, 0x18, 0x19, 0x20, 0x30,
		0x31,
	};
	unsigned iter, i, exits = 0;

	fresh();
	rng_state = 0x243f6a8885a308d3ull;
	for (i = 0; i < 0x1000; i++)
		fk.mem[i] = (uint8_t)rnd();
	for (iter = 0; iter < 50000; iter++) {
		uint32_t op = ops[rnd() % (sizeof(ops) / sizeof(ops[0]))];
		uint64_t param = rnd_addr();
		struct sh_result r;

		/* Plant plausible blocks now and then. */
		if (rnd() % 2 && map(A(0x800), 32)) {
			wr64(A(0x800), rnd() % 3 ? rnd() % 40 : rnd_addr());
			wr64(A(0x808), rnd() % 3 ? rnd_addr() : rnd() % 16);
			wr64(A(0x810), rnd() % 3 ? rnd() % 0x2000 : rnd());
			param = A(0x800);
		}
		if (rnd() % 8 == 0)
			memcpy(fk.mem + 0x900, ":tt", 4);
		fk.now += rnd() % 1000;
		r = sh_call(&st, op, param);
		ck_assert_msg(r.action == SH_CONTINUE || r.action == SH_EXIT,
			      "op 0x%x: %s", op, r.msg);
		if (r.action == SH_EXIT) {
			exits++;
			ck_assert(op == SH_SYS_EXIT ||
				  op == SH_SYS_EXIT_EXTENDED);
			ck_assert_int_ge(r.exit_code, 0);
			ck_assert_int_le(r.exit_code, 255);
		}
		if (op == SH_SYS_OPEN && r.x0 != M1)
			ck_assert(r.x0 >= 1 && r.x0 <= SH_MAX_FILES);
		ck_assert(!fk.wrapped);
	}
	ck_assert_uint_gt(exits, 0);
}
END_TEST

Suite *semihost_suite(void)
{
	Suite *s = suite_create("semihost");
	TCase *files = tcase_create("files");
	TCase *out = tcase_create("output");
	TCase *misc = tcase_create("misc");

	tcase_add_test(files, test_init);
	tcase_add_test(files, test_open_tt);
	tcase_add_test(files, test_open_errors);
	tcase_add_test(files, test_features_file);
	tcase_add_test(files, test_handles);
	tcase_add_test(files, test_read_console);
	suite_add_tcase(s, files);

	tcase_add_test(out, test_writec);
	tcase_add_test(out, test_write0);
	tcase_add_test(out, test_write0_limit);
	tcase_add_test(out, test_write);
	suite_add_tcase(s, out);

	tcase_add_test(misc, test_iserror);
	tcase_add_test(misc, test_time);
	tcase_add_test(misc, test_errno);
	tcase_add_test(misc, test_get_cmdline);
	tcase_add_test(misc, test_heapinfo);
	tcase_add_test(misc, test_exit);
	tcase_add_test(misc, test_unsupported);
	tcase_add_test(misc, test_names);
	tcase_add_test(misc, test_random_calls);
	suite_add_tcase(s, misc);
	return s;
}
