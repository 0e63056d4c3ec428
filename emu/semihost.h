/* SPDX-License-Identifier: MIT */
/*
 * emu/semihost.h - Arm semihosting (AArch64, HLT #0xF000) for armdbg.
 *
 * Owns: the semihosting operations, their parameter blocks, the guest
 * file-handle table and the semihosting errno.  Pure C: guest memory,
 * output and time are reached only through the callbacks in struct
 * sh_env, so this module has no Unicorn dependency and never touches the
 * host (no files, no host time, no stdin).
 *
 * Source: "Semihosting for AArch32 and AArch64" (Arm, abi-aa, 2.0 /
 * 2020Q4), the 64-bit ABI: operation number in W0, parameter in X1,
 * result in X0, parameter-block fields of 64 bits, little-endian.  Where
 * the specification leaves a value open, armdbg returns what QEMU 7.2
 * (qemu-system-aarch64 -semihosting, observed) returns, so the two can be
 * compared; the deliberate differences are listed here.
 *
 * Operations (SH_SYS_*):
 *  OPEN      ":tt" mode 0-3 -> console input, 4-7 -> stdout, 8-11 ->
 *            stderr (SH_EXT_STDOUT_STDERR); ":semihosting-features" mode
 *            0/1 -> the 5-byte feature file "SHFB" 0x03 (other modes: -1,
 *            EACCES).  Handles are the lowest free number from 1, as in
 *            QEMU (first open -> 1).  Mode >= 12 -> -1, EINVAL.  Any other
 *            name -> -1, ENOENT (no host files; QEMU opens the host file).
 *            At most SH_MAX_FILES open handles (then -1, EMFILE).
 *  CLOSE     0; bad handle -1, EBADF.
 *  WRITEC    the byte at X1 to SH_STREAM_CONSOLE; X0 = 0xdeadbeef (the
 *            specification says "corrupted"; QEMU's value).  A bad
 *            pointer writes nothing.
 *  WRITE0    the NUL-terminated string at X1, to SH_STREAM_CONSOLE;
 *            nothing if a byte up to the NUL cannot be read, or if there
 *            is no NUL in the first SH_STR_MAX bytes (QEMU has no limit).
 *            X0 = 0xdeadbeef.
 *  WRITE     {handle, buf, len}: X0 = bytes NOT written.  stdout/stderr
 *            handles write to their stream; a bad handle, a handle not
 *            open for writing or an unreadable buffer writes nothing and
 *            returns len, leaving errno alone (as QEMU).
 *  READ      {handle, buf, len}: X0 = bytes NOT read.  Console input is
 *            always at end of file (returns len); the feature file reads
 *            from its position.
 *  READC     -1 (end of file: armdbg gives the guest no console input;
 *            QEMU blocks for a character).
 *  ISERROR   {status}: 1 if status < 0 as a signed 64-bit value, else 0.
 *  ISTTY     {handle}: console handles 1, the feature file 0, bad -1 EBADF.
 *            (QEMU 7.2 asks the host whether its stdout is a terminal.)
 *  SEEK      {handle, pos}: feature file 0 (pos <= length) or -1 EINVAL;
 *            console -1 ESPIPE; bad handle -1 EBADF.
 *  FLEN      {handle}: feature file 5, console 0, bad handle -1 EBADF.
 *  CLOCK     centiseconds of virtual time: now_cycles / cycles_per_cs.
 *  TIME      seconds of virtual time since the run started (the
 *            specification and QEMU return the host's real time).
 *  ERRNO     the last error (Linux errno numbers, as QEMU on Linux).
 *  GET_CMDLINE {buf, size}: env.cmdline ("" if NULL); -1 E2BIG if it does
 *            not fit with its NUL; field 2 becomes the length.
 *  HEAPINFO  X1 holds the address of a word holding the address of the
 *            4-field block {heap_base, heap_limit, stack_base, stack_limit}
 *            filled from env.
 *  EXIT, EXIT_EXTENDED  {reason, subcode}: reason
 *            ADP_Stopped_ApplicationExit (0x20026) exits with status
 *            subcode & 0xff (exit(3) semantics, as QEMU); any other reason
 *            exits with status 1 (as QEMU); the caller can name the reason
 *            with sh_reason_name().
 *  ELAPSED   writes the 64-bit tick count (now_cycles) at X1; X0 = 0.
 *  TICKFREQ  ticks per second: cycles_per_cs * 100.
 *  SYNCCACHE (0x19, reserved by the specification; QEMU accepts it on A64
 *            as a no-op) 0.
 *  TMPNAM, REMOVE, RENAME, SYSTEM: SH_FAIL (they act on the host).
 *  Anything else: SH_FAIL "unknown semihosting operation".
 *
 * A parameter block (or HEAPINFO/ELAPSED/GET_CMDLINE target) that cannot
 * be read or written makes the call return -1 with errno EFAULT, as QEMU
 * does (for EXIT too: the guest continues).
 */
#ifndef ARMDBG_EMU_SEMIHOST_H
#define ARMDBG_EMU_SEMIHOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Operation numbers (W0). */
enum {
	SH_SYS_OPEN = 0x01,
	SH_SYS_CLOSE = 0x02,
	SH_SYS_WRITEC = 0x03,
	SH_SYS_WRITE0 = 0x04,
	SH_SYS_WRITE = 0x05,
	SH_SYS_READ = 0x06,
	SH_SYS_READC = 0x07,
	SH_SYS_ISERROR = 0x08,
	SH_SYS_ISTTY = 0x09,
	SH_SYS_SEEK = 0x0a,
	SH_SYS_FLEN = 0x0c,
	SH_SYS_TMPNAM = 0x0d,
	SH_SYS_REMOVE = 0x0e,
	SH_SYS_RENAME = 0x0f,
	SH_SYS_CLOCK = 0x10,
	SH_SYS_TIME = 0x11,
	SH_SYS_SYSTEM = 0x12,
	SH_SYS_ERRNO = 0x13,
	SH_SYS_GET_CMDLINE = 0x15,
	SH_SYS_HEAPINFO = 0x16,
	SH_SYS_EXIT = 0x18,
	SH_SYS_SYNCCACHE = 0x19,
	SH_SYS_EXIT_EXTENDED = 0x20,
	SH_SYS_ELAPSED = 0x30,
	SH_SYS_TICKFREQ = 0x31,
};

#define SH_ADP_STOPPED_APPLICATION_EXIT 0x20026u

/* SYS_ERRNO values: the Linux numbers QEMU reports on a Linux host. */
enum {
	SH_ENOENT = 2,
	SH_E2BIG = 7,
	SH_EBADF = 9,
	SH_EACCES = 13,
	SH_EFAULT = 14,
	SH_EINVAL = 22,
	SH_EMFILE = 24,
	SH_ESPIPE = 29,
	SH_ENAMETOOLONG = 36,
};

/* The value WRITEC and WRITE0 leave in X0 (QEMU's). */
#define SH_CORRUPTED 0xdeadbeefull

#define SH_MAX_FILES 32       /* open handles, numbered 1..SH_MAX_FILES */
#define SH_PATH_MAX  4096     /* SYS_OPEN names, with the NUL */
#define SH_STR_MAX   (1u << 20) /* WRITE0 strings, without the NUL */

/* Where guest output goes; the emulator sends all three to stdout. */
enum sh_stream {
	SH_STREAM_CONSOLE, /* WRITEC, WRITE0 (QEMU 7.2: its stderr) */
	SH_STREAM_STDOUT,  /* WRITE to ":tt" opened for writing */
	SH_STREAM_STDERR,  /* WRITE to ":tt" opened for appending */
};

struct sh_env {
	void *ctx; /* passed to every callback */
	/* Copy guest bytes [addr, addr + len); false if any is not RAM. */
	bool (*read_mem)(void *ctx, uint64_t addr, void *buf, size_t len);
	bool (*write_mem)(void *ctx, uint64_t addr, const void *buf,
			  size_t len);
	/* Emit guest output; returns how many bytes were taken. */
	size_t (*output)(void *ctx, enum sh_stream stream, const uint8_t *buf,
			 size_t len);
	/* Virtual time: cycles since the run started. */
	uint64_t (*now_cycles)(void *ctx);
	uint64_t heap_base, heap_limit, stack_base, stack_limit;
	uint64_t cycles_per_cs; /* cycles per centisecond, 1..UINT64_MAX/100 */
	const char *cmdline;    /* SYS_GET_CMDLINE; NULL means "" */
};

struct sh_file {
	unsigned kind; /* 0 = free; see semihost.c */
	uint64_t pos;  /* feature file read position */
};

/* The semihosting state of one run: set up with sh_init(). */
struct sh_state {
	struct sh_env env;
	uint64_t err; /* SYS_ERRNO */
	struct sh_file file[SH_MAX_FILES + 1]; /* [0] unused */
};

enum sh_action {
	SH_CONTINUE, /* write x0 to X0 and resume after the HLT */
	SH_EXIT,     /* the guest exits: end the run with exit_code */
	SH_FAIL,     /* an emulator-side error: report msg, stop */
};

struct sh_result {
	enum sh_action action;
	uint64_t x0;      /* SH_CONTINUE */
	int exit_code;    /* SH_EXIT: process exit status, 0..255 */
	uint64_t reason;  /* SH_EXIT: the parameter block */
	uint64_t subcode;
	char msg[160];    /* SH_FAIL */
};

/*
 * Check @env and start a run: no open handles, errno 0.  Returns 0, or -1
 * with a message in @err (NUL-terminated, truncated to @errlen).
 */
int sh_init(struct sh_state *s, const struct sh_env *env, char *err,
	    size_t errlen);

/* Perform operation @op (W0) with parameter @param (X1). */
struct sh_result sh_call(struct sh_state *s, uint32_t op, uint64_t param);

/* "SYS_OPEN" etc., or NULL for a number the specification does not name. */
const char *sh_op_name(uint32_t op);

/* "ADP_Stopped_ApplicationExit" etc., or NULL. */
const char *sh_reason_name(uint64_t reason);

#endif
