/* SPDX-License-Identifier: MIT */
/*
 * tools/trace.h - trace files: a recorded scenario (image, CPU, policies,
 * virtual-time settings, input schedule) and its expected outcome (exit
 * status, guest output, event log, final architectural state).
 *
 * Owns the file format (docs/traces.md): the parser, the writer, the
 * digest of the final state and the key=value split of event lines.
 * Pure C: no Unicorn, no file system access (the caller reads the file),
 * no global state.  The parser never reads outside the buffer it is
 * given and rejects anything it does not understand with "FILE:LINE:
 * message"; everything it accepts, trace_write() writes back in the
 * canonical form.
 *
 * `armdbg record` and `armdbg replay` (tools/cmd_trace.c) are declared
 * at the end.
 */
#ifndef ARMDBG_TOOLS_TRACE_H
#define ARMDBG_TOOLS_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sha256.h"
#include "types.h"

#define TRACE_VERSION 1
#define TRACE_MAGIC "armdbg-trace"

#define TRACE_MAX_INPUTS 4096u  /* = EMU_MAX_INPUTS */
#define TRACE_REG_NAME_MAX 24u  /* with the NUL; = sizeof emu_reg_value.name */
#define TRACE_MAX_REGS 1024u    /* >= EMU_FINAL_MAX */
#define TRACE_MAX_FIELDS 32u    /* key=value pairs of one event line */
#define TRACE_MAX_WORD 128u     /* name, image, cpu: bytes without the NUL */
#define TRACE_MAX_EVENT 65536u  /* bytes of one event line */

/* The singleton keys, in the order trace_write() writes them. */
enum trace_key {
	TK_NAME,
	TK_IMAGE,
	TK_IMAGE_SHA256,
	TK_CPU,
	TK_EL2,
	TK_RAM_MIB,
	TK_MAX_INSNS,
	TK_CYCLES_PER_TICK,
	TK_EXC_ENTRY_CYCLES,
	TK_EXC_RETURN_CYCLES,
	TK_STATUS,
	TK_CYCLES,
	TK_INSNS,
	TK_FINAL_SHA256,
	TK_END,
	TK__COUNT
};

/* A scheduled input: "CYCLE:spi|ppi:INTID:assert|deassert". */
struct trace_input {
	uint64_t cycle;
	bool ppi;        /* false: SPI */
	unsigned intid;
	bool level;      /* assert */
	unsigned line;
};

/* One line of guest output (ends in '\n', except possibly the last). */
struct trace_chunk {
	char *data;
	size_t len;      /* may contain NUL bytes */
	unsigned line;
};

/* One event-log line, exactly as `armdbg run --log` writes it. */
struct trace_event {
	char *text;
	unsigned line;
};

/* One register of the final architectural state. */
struct trace_reg {
	char name[TRACE_REG_NAME_MAX];
	uint64_t value;
	unsigned line;
};

struct trace {
	char *name;                 /* scenario name: [A-Za-z0-9._+-]+ */
	char **desc;                /* description, one string per line */
	unsigned ndesc;
	char *image;                /* ELF file name (no directory) */
	uint8_t image_sha256[SHA256_DIGEST_LEN];
	char *cpu;                  /* CPU preset name */
	bool el2;
	unsigned ram_mib;
	uint64_t max_insns;
	unsigned cycles_per_tick, exc_entry_cycles, exc_return_cycles;
	struct ad_policies pol;     /* every policy; the ones not given: default */
	unsigned policy_line[AD_POL__COUNT]; /* 0: not given */
	struct trace_input *inputs; /* sorted by cycle */
	unsigned ninputs;
	/* The expected outcome. */
	int status;                 /* exit status, 0..255 */
	struct trace_chunk *output;
	unsigned noutput;
	struct trace_event *events;
	unsigned nevents;
	uint64_t cycles, insns;     /* virtual time and instructions at the end */
	struct trace_reg *regs;     /* may be empty: then only the digest counts */
	unsigned nregs;
	uint8_t final_sha256[SHA256_DIGEST_LEN];
	unsigned line[TK__COUNT];   /* where each singleton key was (0: absent) */
	unsigned nlines;            /* lines in the file */
};

/* An empty trace with the defaults of `armdbg run` (cpu cortex-a57 ...). */
void trace_init(struct trace *t);

/* Free everything @t owns and leave it as trace_init() does. */
void trace_free(struct trace *t);

/*
 * Parse @len bytes at @buf (need not be NUL-terminated) as a trace file
 * named @fname into @t (which the call initialises).  Returns 0, or -1
 * with "FNAME:LINE: message" in @err and @t freed.  Checks everything
 * that can be checked without the image and the emulator: the syntax,
 * the CPU and policy names, number ranges, the input order, the event
 * line syntax and the final-state digest against the final lines.
 */
int trace_parse(const char *buf, size_t len, const char *fname,
		struct trace *t, char *err, size_t errlen);

/* Write @t in the canonical form.  Returns 0, or -1 if @f reports an error. */
int trace_write(FILE *f, const struct trace *t);

/* ---- building a trace (record, and the actual run of a replay) ------- */

/* Each returns 0, or -1 when out of memory or over a limit. */
int trace_set_str(char **dst, const char *s);
int trace_add_desc(struct trace *t, const char *line);
int trace_add_input(struct trace *t, const struct trace_input *in);
/* Append guest output; split into lines.  Consecutive calls continue a line. */
int trace_add_output(struct trace *t, const char *data, size_t len);
int trace_add_event(struct trace *t, const char *text, size_t len);
int trace_add_reg(struct trace *t, const char *name, uint64_t value);

/* The digest of @t's final registers: SHA-256 of "NAME=0xVALUE\n"... */
void trace_regs_digest(const struct trace *t, uint8_t out[SHA256_DIGEST_LEN]);

/* "1200:ppi:27:assert" */
void trace_input_format(const struct trace_input *in, char *buf, size_t len);
/* Parse that form; returns NULL, or what is wrong. */
const char *trace_input_parse(const char *s, size_t len, struct trace_input *in);

/* The syntax checks of the parser, for the writer's callers. */
bool trace_name_ok(const char *s);      /* scenario name */
bool trace_file_name_ok(const char *s); /* image file name */
bool trace_reg_name_ok(const char *s);  /* final register name */

/* ---- event lines -------------------------------------------------------- */

/* One key=value pair of an event line; the value as written (quotes kept). */
struct trace_field {
	const char *key;
	size_t keylen;
	const char *val;
	size_t vallen;
};

/*
 * Split event line @s (@len bytes) into at most TRACE_MAX_FIELDS fields.
 * Returns the number of fields, or -1 with *why set: the syntax is
 * KEY=VALUE separated by single spaces, KEY [a-z0-9_]+, VALUE a bare word
 * (no space, no '"') or a "quoted string" with \" \\ \uXXXX escapes.
 */
int trace_fields(const char *s, size_t len, struct trace_field *f,
		 unsigned max, const char **why);

/* The field named @key, or NULL. */
const struct trace_field *trace_field_get(const struct trace_field *f,
					  unsigned n, const char *key);

/* The value of field @key of event line @s as a number (decimal or 0x hex). */
bool trace_event_num(const char *s, const char *key, uint64_t *out);

/* Copy the value of field @key (unquoted, unescaped) into @buf; false if absent. */
bool trace_event_str(const char *s, const char *key, char *buf, size_t len);

/* ---- escaping ----------------------------------------------------------- */

/*
 * Write @len bytes at @s as the inside of a quoted trace string: printable
 * ASCII as is, except \\ and \", then \n \t \r and \xHH for the others.
 */
void trace_escape(FILE *f, const char *s, size_t len);

/* ---- the subcommands (tools/cmd_trace.c) ------------------------------- */

int cmd_record(int argc, char **argv);
int cmd_replay(int argc, char **argv);

#endif
