// SPDX-License-Identifier: MIT
/*
 * emu/semihost.c - Arm semihosting operations (see semihost.h for the
 * behaviour of each one and where it follows QEMU).
 *
 * Guest memory is reached only through env.read_mem / env.write_mem, with
 * every address range checked for wrap-around first; guest output only
 * through env.output; time only through env.now_cycles.
 */
#include "semihost.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* struct sh_file.kind */
enum {
	F_FREE,
	F_STDIN,
	F_STDOUT,
	F_STDERR,
	F_FEATURES,
};

#define SH_OPEN_MODES 12 /* fopen modes r rb r+ r+b w wb w+ w+b a ab a+ a+b */
#define CHUNK 4096

/*
 * The ":semihosting-features" file: magic "SHFB", then feature byte 0
 * with SH_EXT_EXIT_EXTENDED (bit 0) and SH_EXT_STDOUT_STDERR (bit 1).
 */
static const uint8_t features[] = { 0x53, 0x48, 0x46, 0x42, 0x03 };

static struct sh_result ok(uint64_t x0)
{
	return (struct sh_result){ .action = SH_CONTINUE, .x0 = x0 };
}

/* The semihosting error return: -1 with SYS_ERRNO set to @e. */
static struct sh_result error(struct sh_state *s, uint64_t e)
{
	s->err = e;
	return ok(UINT64_MAX);
}

__attribute__((format(printf, 1, 2)))
static struct sh_result failure(const char *fmt, ...)
{
	struct sh_result r = { .action = SH_FAIL };
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r.msg, sizeof(r.msg), fmt, ap);
	va_end(ap);
	return r;
}

/* [addr, addr + len) does not wrap past 2^64. */
static bool no_wrap(uint64_t addr, uint64_t len)
{
	return len == 0 || addr <= UINT64_MAX - (len - 1);
}

static bool mem_read(struct sh_state *s, uint64_t addr, void *buf,
		     size_t len)
{
	return no_wrap(addr, len) && s->env.read_mem(s->env.ctx, addr, buf, len);
}

static bool mem_write(struct sh_state *s, uint64_t addr, const void *buf,
		      size_t len)
{
	return no_wrap(addr, len) &&
	       s->env.write_mem(s->env.ctx, addr, buf, len);
}

static bool read64(struct sh_state *s, uint64_t addr, uint64_t *v)
{
	uint8_t b[8];
	unsigned i;

	if (!mem_read(s, addr, b, sizeof(b)))
		return false;
	*v = 0;
	for (i = 0; i < 8; i++)
		*v |= (uint64_t)b[i] << (8 * i);
	return true;
}

static bool write64(struct sh_state *s, uint64_t addr, uint64_t v)
{
	uint8_t b[8];
	unsigned i;

	for (i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	return mem_write(s, addr, b, sizeof(b));
}

/* Fields 1..@n of the parameter block at @blk into @a[0..n-1]. */
static bool get_args(struct sh_state *s, uint64_t blk, uint64_t *a,
		     unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (!no_wrap(blk, 8 * (uint64_t)(i + 1)) ||
		    !read64(s, blk + 8 * (uint64_t)i, &a[i]))
			return false;
	return true;
}

/*
 * Find the NUL ending the string at @addr: its length in *len.  Returns 0,
 * -1 if a byte before the NUL cannot be read, -2 if there is no NUL in the
 * first @max bytes.  Reads in chunks that end at 256-byte boundaries,
 * byte by byte where a chunk cannot be read whole.
 */
static int scan_str(struct sh_state *s, uint64_t addr, uint64_t max,
		    uint64_t *len)
{
	uint8_t buf[256];
	uint64_t n = 0;

	while (n < max) {
		uint64_t a = addr + n;
		size_t want = sizeof(buf) - (size_t)(a % sizeof(buf));
		bool whole;
		size_t i;

		if (n > UINT64_MAX - addr)
			return -1; /* the string would wrap past 2^64 */
		if (want > max - n)
			want = (size_t)(max - n);
		whole = mem_read(s, a, buf, want);
		for (i = 0; i < want; i++) {
			if (!whole && !mem_read(s, a + i, &buf[i], 1))
				return -1;
			if (buf[i] == '\0') {
				*len = n + i;
				return 0;
			}
		}
		n += want;
	}
	return -2;
}

/* Every byte of [addr, addr + len) can be read. */
static bool readable(struct sh_state *s, uint64_t addr, uint64_t len)
{
	uint8_t buf[CHUNK];
	uint64_t n;

	if (!no_wrap(addr, len))
		return false;
	for (n = 0; n < len; n += CHUNK) {
		size_t want = len - n < CHUNK ? (size_t)(len - n) : CHUNK;

		if (!mem_read(s, addr + n, buf, want))
			return false;
	}
	return true;
}

/*
 * Send the readable range [addr, addr + len) to @stream; returns the bytes
 * the output took (fewer than @len if it stopped taking them).
 */
static uint64_t emit(struct sh_state *s, enum sh_stream stream,
		     uint64_t addr, uint64_t len)
{
	uint8_t buf[CHUNK];
	uint64_t n = 0;

	while (n < len) {
		size_t want = len - n < CHUNK ? (size_t)(len - n) : CHUNK;
		size_t took;

		if (!mem_read(s, addr + n, buf, want))
			break;
		took = s->env.output(s->env.ctx, stream, buf, want);
		n += took < want ? took : want;
		if (took < want)
			break;
	}
	return n;
}

/* The open file @h, or NULL. */
static struct sh_file *get_file(struct sh_state *s, uint64_t h)
{
	if (h == 0 || h > SH_MAX_FILES || s->file[h].kind == F_FREE)
		return NULL;
	return &s->file[h];
}

/* The lowest free handle, now of @kind; 0 if none is free. */
static uint64_t alloc_file(struct sh_state *s, unsigned kind)
{
	unsigned h;

	for (h = 1; h <= SH_MAX_FILES; h++) {
		if (s->file[h].kind == F_FREE) {
			s->file[h].kind = kind;
			s->file[h].pos = 0;
			return h;
		}
	}
	return 0;
}

static bool is_console(const struct sh_file *f)
{
	return f->kind == F_STDIN || f->kind == F_STDOUT ||
	       f->kind == F_STDERR;
}

/* SYS_OPEN: {name, mode, length}; the name is read up to its NUL. */
static struct sh_result sys_open(struct sh_state *s, uint64_t param)
{
	char name[SH_PATH_MAX];
	uint64_t a[3], len, h;
	unsigned kind;
	int r;

	if (!get_args(s, param, a, 3))
		return error(s, SH_EFAULT);
	r = scan_str(s, a[0], sizeof(name), &len);
	if (r == -1)
		return error(s, SH_EFAULT);
	if (r == -2)
		return error(s, SH_ENAMETOOLONG);
	if (!mem_read(s, a[0], name, (size_t)len + 1))
		return error(s, SH_EFAULT);
	if (a[1] >= SH_OPEN_MODES)
		return error(s, SH_EINVAL);

	if (strcmp(name, ":tt") == 0) {
		if (a[1] < 4)
			kind = F_STDIN;
		else if (a[1] < 8)
			kind = F_STDOUT;
		else
			kind = F_STDERR;
	} else if (strcmp(name, ":semihosting-features") == 0) {
		if (a[1] > 1)
			return error(s, SH_EACCES);
		kind = F_FEATURES;
	} else {
		return error(s, SH_ENOENT);
	}
	h = alloc_file(s, kind);
	if (!h)
		return error(s, SH_EMFILE);
	return ok(h);
}

/* SYS_CLOSE: {handle}. */
static struct sh_result sys_close(struct sh_state *s, uint64_t param)
{
	struct sh_file *f;
	uint64_t h;

	if (!get_args(s, param, &h, 1))
		return error(s, SH_EFAULT);
	f = get_file(s, h);
	if (!f)
		return error(s, SH_EBADF);
	f->kind = F_FREE;
	f->pos = 0;
	return ok(0);
}

/* SYS_WRITEC: the byte at @param. */
static struct sh_result sys_writec(struct sh_state *s, uint64_t param)
{
	uint8_t c;

	if (mem_read(s, param, &c, 1))
		s->env.output(s->env.ctx, SH_STREAM_CONSOLE, &c, 1);
	return ok(SH_CORRUPTED);
}

/* SYS_WRITE0: the NUL-terminated string at @param. */
static struct sh_result sys_write0(struct sh_state *s, uint64_t param)
{
	uint64_t len;

	if (scan_str(s, param, (uint64_t)SH_STR_MAX + 1, &len) == 0)
		emit(s, SH_STREAM_CONSOLE, param, len);
	return ok(SH_CORRUPTED);
}

/* SYS_WRITE: {handle, buffer, length}; returns the bytes not written. */
static struct sh_result sys_write(struct sh_state *s, uint64_t param)
{
	struct sh_file *f;
	enum sh_stream stream;
	uint64_t a[3];

	if (!get_args(s, param, a, 3))
		return error(s, SH_EFAULT);
	f = get_file(s, a[0]);
	if (!f || (f->kind != F_STDOUT && f->kind != F_STDERR))
		return ok(a[2]);
	if (!readable(s, a[1], a[2]))
		return ok(a[2]);
	stream = f->kind == F_STDOUT ? SH_STREAM_STDOUT : SH_STREAM_STDERR;
	return ok(a[2] - emit(s, stream, a[1], a[2]));
}

/* SYS_READ: {handle, buffer, length}; returns the bytes not read. */
static struct sh_result sys_read(struct sh_state *s, uint64_t param)
{
	struct sh_file *f;
	uint64_t a[3], n;

	if (!get_args(s, param, a, 3))
		return error(s, SH_EFAULT);
	f = get_file(s, a[0]);
	if (!f || f->kind != F_FEATURES)
		return ok(a[2]); /* console input is at end of file */
	n = sizeof(features) - f->pos;
	if (n > a[2])
		n = a[2];
	if (n && !mem_write(s, a[1], features + f->pos, (size_t)n))
		return ok(a[2]);
	f->pos += n;
	return ok(a[2] - n);
}

/* SYS_ISERROR: {status}. */
static struct sh_result sys_iserror(struct sh_state *s, uint64_t param)
{
	uint64_t v;

	if (!get_args(s, param, &v, 1))
		return error(s, SH_EFAULT);
	return ok((int64_t)v < 0);
}

/* SYS_ISTTY: {handle}. */
static struct sh_result sys_istty(struct sh_state *s, uint64_t param)
{
	struct sh_file *f;
	uint64_t h;

	if (!get_args(s, param, &h, 1))
		return error(s, SH_EFAULT);
	f = get_file(s, h);
	if (!f)
		return error(s, SH_EBADF);
	return ok(is_console(f));
}

/* SYS_SEEK: {handle, absolute position}. */
static struct sh_result sys_seek(struct sh_state *s, uint64_t param)
{
	struct sh_file *f;
	uint64_t a[2];

	if (!get_args(s, param, a, 2))
		return error(s, SH_EFAULT);
	f = get_file(s, a[0]);
	if (!f)
		return error(s, SH_EBADF);
	if (is_console(f))
		return error(s, SH_ESPIPE);
	if (a[1] > sizeof(features))
		return error(s, SH_EINVAL);
	f->pos = a[1];
	return ok(0);
}

/* SYS_FLEN: {handle}. */
static struct sh_result sys_flen(struct sh_state *s, uint64_t param)
{
	struct sh_file *f;
	uint64_t h;

	if (!get_args(s, param, &h, 1))
		return error(s, SH_EFAULT);
	f = get_file(s, h);
	if (!f)
		return error(s, SH_EBADF);
	return ok(is_console(f) ? 0 : sizeof(features));
}

/* SYS_GET_CMDLINE: {buffer, size}. */
static struct sh_result sys_get_cmdline(struct sh_state *s, uint64_t param)
{
	const char *cmd = s->env.cmdline ? s->env.cmdline : "";
	uint64_t a[2], size = strlen(cmd) + 1;

	if (!get_args(s, param, a, 2))
		return error(s, SH_EFAULT);
	if (size > a[1])
		return error(s, SH_E2BIG);
	if (!write64(s, param + 8, size - 1) ||
	    !mem_write(s, a[0], cmd, (size_t)size))
		return error(s, SH_EFAULT);
	return ok(0);
}

/* SYS_HEAPINFO: @param holds the address of the 4-field block. */
static struct sh_result sys_heapinfo(struct sh_state *s, uint64_t param)
{
	const uint64_t v[4] = {
		s->env.heap_base, s->env.heap_limit,
		s->env.stack_base, s->env.stack_limit,
	};
	uint64_t blk;
	unsigned i;

	if (!read64(s, param, &blk))
		return error(s, SH_EFAULT);
	for (i = 0; i < 4; i++)
		if (!no_wrap(blk, 8 * (uint64_t)(i + 1)) ||
		    !write64(s, blk + 8 * (uint64_t)i, v[i]))
			return error(s, SH_EFAULT);
	return ok(0);
}

/* SYS_EXIT and SYS_EXIT_EXTENDED (64-bit): {reason, subcode}. */
static struct sh_result sys_exit(struct sh_state *s, uint64_t param)
{
	struct sh_result r = { .action = SH_EXIT };
	uint64_t a[2];

	if (!get_args(s, param, a, 2))
		return error(s, SH_EFAULT);
	r.reason = a[0];
	r.subcode = a[1];
	if (a[0] == SH_ADP_STOPPED_APPLICATION_EXIT)
		r.exit_code = (int)(a[1] & 0xff);
	else
		r.exit_code = 1;
	return r;
}

/* SYS_ELAPSED (64-bit): the tick count into the field at @param. */
static struct sh_result sys_elapsed(struct sh_state *s, uint64_t param)
{
	if (!write64(s, param, s->env.now_cycles(s->env.ctx)))
		return error(s, SH_EFAULT);
	return ok(0);
}

static uint64_t ticks_per_second(const struct sh_state *s)
{
	return s->env.cycles_per_cs * 100;
}

struct sh_result sh_call(struct sh_state *s, uint32_t op, uint64_t param)
{
	const char *name = sh_op_name(op);

	switch (op) {
	case SH_SYS_OPEN:
		return sys_open(s, param);
	case SH_SYS_CLOSE:
		return sys_close(s, param);
	case SH_SYS_WRITEC:
		return sys_writec(s, param);
	case SH_SYS_WRITE0:
		return sys_write0(s, param);
	case SH_SYS_WRITE:
		return sys_write(s, param);
	case SH_SYS_READ:
		return sys_read(s, param);
	case SH_SYS_READC:
		return ok(UINT64_MAX); /* end of file */
	case SH_SYS_ISERROR:
		return sys_iserror(s, param);
	case SH_SYS_ISTTY:
		return sys_istty(s, param);
	case SH_SYS_SEEK:
		return sys_seek(s, param);
	case SH_SYS_FLEN:
		return sys_flen(s, param);
	case SH_SYS_CLOCK:
		return ok(s->env.now_cycles(s->env.ctx) / s->env.cycles_per_cs);
	case SH_SYS_TIME:
		return ok(s->env.now_cycles(s->env.ctx) / ticks_per_second(s));
	case SH_SYS_ERRNO:
		return ok(s->err);
	case SH_SYS_GET_CMDLINE:
		return sys_get_cmdline(s, param);
	case SH_SYS_HEAPINFO:
		return sys_heapinfo(s, param);
	case SH_SYS_EXIT:
	case SH_SYS_EXIT_EXTENDED:
		return sys_exit(s, param);
	case SH_SYS_SYNCCACHE:
		return ok(0); /* no caches to maintain */
	case SH_SYS_ELAPSED:
		return sys_elapsed(s, param);
	case SH_SYS_TICKFREQ:
		return ok(ticks_per_second(s));
	case SH_SYS_TMPNAM:
	case SH_SYS_REMOVE:
	case SH_SYS_RENAME:
	case SH_SYS_SYSTEM:
		return failure("semihosting %s (0x%02" PRIx32 ") acts on host files or commands: not supported",
			       name, op);
	default:
		return failure("unknown semihosting operation 0x%" PRIx32 " (W0) at HLT #0xF000",
			       op);
	}
}

int sh_init(struct sh_state *s, const struct sh_env *env, char *err,
	    size_t errlen)
{
	const char *why = NULL;

	if (!s || !env)
		why = "no state or environment";
	else if (!env->read_mem || !env->write_mem || !env->output ||
		 !env->now_cycles)
		why = "a memory, output or time callback is missing";
	else if (env->cycles_per_cs == 0 ||
		 env->cycles_per_cs > UINT64_MAX / 100)
		why = "cycles per centisecond must be 1..UINT64_MAX/100";
	if (why) {
		if (err && errlen)
			snprintf(err, errlen, "semihosting: %s", why);
		return -1;
	}
	memset(s, 0, sizeof(*s));
	s->env = *env;
	return 0;
}

const char *sh_op_name(uint32_t op)
{
	switch (op) {
	case SH_SYS_OPEN: return "SYS_OPEN";
	case SH_SYS_CLOSE: return "SYS_CLOSE";
	case SH_SYS_WRITEC: return "SYS_WRITEC";
	case SH_SYS_WRITE0: return "SYS_WRITE0";
	case SH_SYS_WRITE: return "SYS_WRITE";
	case SH_SYS_READ: return "SYS_READ";
	case SH_SYS_READC: return "SYS_READC";
	case SH_SYS_ISERROR: return "SYS_ISERROR";
	case SH_SYS_ISTTY: return "SYS_ISTTY";
	case SH_SYS_SEEK: return "SYS_SEEK";
	case SH_SYS_FLEN: return "SYS_FLEN";
	case SH_SYS_TMPNAM: return "SYS_TMPNAM";
	case SH_SYS_REMOVE: return "SYS_REMOVE";
	case SH_SYS_RENAME: return "SYS_RENAME";
	case SH_SYS_CLOCK: return "SYS_CLOCK";
	case SH_SYS_TIME: return "SYS_TIME";
	case SH_SYS_SYSTEM: return "SYS_SYSTEM";
	case SH_SYS_ERRNO: return "SYS_ERRNO";
	case SH_SYS_GET_CMDLINE: return "SYS_GET_CMDLINE";
	case SH_SYS_HEAPINFO: return "SYS_HEAPINFO";
	case SH_SYS_EXIT: return "SYS_EXIT";
	case SH_SYS_SYNCCACHE: return "SYS_SYNCCACHE";
	case SH_SYS_EXIT_EXTENDED: return "SYS_EXIT_EXTENDED";
	case SH_SYS_ELAPSED: return "SYS_ELAPSED";
	case SH_SYS_TICKFREQ: return "SYS_TICKFREQ";
	default: return NULL;
	}
}

const char *sh_reason_name(uint64_t reason)
{
	static const char *const hw[] = {
		"ADP_Stopped_BranchThroughZero", "ADP_Stopped_UndefinedInstr",
		"ADP_Stopped_SoftwareInterrupt", "ADP_Stopped_PrefetchAbort",
		"ADP_Stopped_DataAbort", "ADP_Stopped_AddressException",
		"ADP_Stopped_IRQ", "ADP_Stopped_FIQ",
	};
	static const char *const sw[] = {
		"ADP_Stopped_BreakPoint", "ADP_Stopped_WatchPoint",
		"ADP_Stopped_StepComplete", "ADP_Stopped_RunTimeErrorUnknown",
		"ADP_Stopped_InternalError", "ADP_Stopped_UserInterruption",
		"ADP_Stopped_ApplicationExit", "ADP_Stopped_StackOverflow",
		"ADP_Stopped_DivisionByZero", "ADP_Stopped_OSSpecific",
	};

	if (reason >= 0x20000 && reason < 0x20000 + 8)
		return hw[reason - 0x20000];
	if (reason >= 0x20020 && reason < 0x20020 + 10)
		return sw[reason - 0x20020];
	return NULL;
}
