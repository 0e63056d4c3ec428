// SPDX-License-Identifier: MIT
/*
 * tools/cmd_trace.c - `armdbg record` and `armdbg replay` (docs/traces.md).
 *
 *   armdbg record IMAGE.elf -o NAME.trace [--name N] [--description TEXT]
 *                 [--cpu NAME] [--el2] [--ram MiB] [--policy NAME=CHOICE]...
 *                 [--input SPEC]... [--max-insns N] [--cycles-per-tick N]
 *                 [--exc-entry-cycles N] [--exc-return-cycles N]
 *   armdbg replay [--images DIR] [--svg FILE] [--quiet] TRACE...
 *
 * record runs the image in-process with the event log and the guest output
 * captured in memory, and writes the trace atomically (temporary file in
 * the same directory, fsync, rename).  replay checks every trace first
 * (syntax, image found and its SHA-256, inputs the emulator accepts: any
 * problem is "FILE:LINE: message", exit status 2), then re-runs each and
 * prints TAP version 14 as KUnit does: one test per trace, one subtest per
 * checkpoint (docs/traces.md), and for the first divergence a report as
 * diagnostic lines.  --svg draws the run's timeline.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "trace.h"
#include "trace_svg.h"

#ifdef ARMDBG_HAVE_EMU
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "disasm.h"
#include "elf.h"
#include "emu.h"
#include "fields.h"
#include "policy.h"
#include "syndrome.h"

_Static_assert(TRACE_MAX_INPUTS == EMU_MAX_INPUTS, "input limits agree");
_Static_assert(TRACE_MAX_REGS >= EMU_FINAL_MAX, "a trace holds every final register");
_Static_assert(TRACE_REG_NAME_MAX == sizeof(((struct emu_reg_value *)0)->name),
	       "register names agree");

enum { EXIT_DIVERGED = 1 };

/* ---- files ---------------------------------------------------------------- */

/* Read all of @path (at most EMU_MAX_FILE_BYTES); NULL with a message in @err. */
static char *read_all(const char *path, size_t *len, char *err, size_t errlen)
{
	return (char *)emu_read_file(path, EMU_MAX_FILE_BYTES, len, err, errlen);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The directory part of @path ("." if none), in a new string. */
static char *dir_name(const char *path)
{
	const char *s = strrchr(path, '/');

	if (!s)
		return strdup(".");
	if (s == path)
		return strdup("/");
	return strndup(path, (size_t)(s - path));
}

static char *path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/*
 * The temporary file of an atomic write, removed if a signal ends the
 * process while it exists (unlink is async-signal-safe).
 */
static char tmp_path[4096];
static volatile sig_atomic_t tmp_live;

static void tmp_signal(int sig)
{
	if (tmp_live)
		unlink(tmp_path);
	signal(sig, SIG_DFL);
	raise(sig);
}

static const int tmp_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static void tmp_guard(bool on)
{
	struct sigaction sa;
	unsigned i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on ? tmp_signal : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(tmp_signals) / sizeof(tmp_signals[0]); i++)
		sigaction(tmp_signals[i], &sa, NULL);
}

/*
 * Write @len bytes to @path atomically: a temporary file next to it,
 * fsync, rename, fsync of the directory.  Readers see the old file or the
 * whole new one; on failure the temporary file is removed.
 */
static int write_atomic(const char *path, const char *data, size_t len)
{
	mode_t mask;
	size_t off = 0;
	char *dir;
	int fd, dfd;

	if ((size_t)snprintf(tmp_path, sizeof(tmp_path), "%s.tmp-XXXXXX", path) >=
	    sizeof(tmp_path))
		return usage_error("%s: path too long", path);
	tmp_guard(true);
	fd = mkstemp(tmp_path);
	if (fd < 0) {
		tmp_guard(false);
		fprintf(stderr, "armdbg: %s: %s\n", tmp_path, strerror(errno));
		return 1;
	}
	tmp_live = 1;
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask))
		goto fail;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		off += (size_t)w;
	}
	if (fsync(fd))
		goto fail;
	if (close(fd)) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp_path, path))
		goto fail;
	tmp_live = 0;
	tmp_guard(false);
	dir = dir_name(path);
	if (dir) {
		dfd = open(dir, O_RDONLY);
		if (dfd >= 0) {
			fsync(dfd); /* best effort: the rename is durable */
			close(dfd);
		}
		free(dir);
	}
	return 0;
fail:
	fprintf(stderr, "armdbg: writing %s: %s\n", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp_path);
	tmp_live = 0;
	tmp_guard(false);
	return 1;
}

/* ---- the image: digest, symbols, disassembly ----------------------------- */

struct image {
	char *path;
	uint8_t *data;
	size_t len;
	uint8_t sha[SHA256_DIGEST_LEN];
	struct elf_image elf;
	bool elf_ok;
	struct disasm *dis;
};

static void image_free(struct image *im)
{
	free(im->path);
	free(im->data);
	if (im->dis)
		disasm_close(im->dis);
	memset(im, 0, sizeof(*im));
}

static int image_load(struct image *im, const char *path, char *err, size_t errlen)
{
	char why[200];

	memset(im, 0, sizeof(*im));
	im->data = (uint8_t *)read_all(path, &im->len, err, errlen);
	if (!im->data)
		return -1;
	im->path = strdup(path);
	sha256(im->data, im->len, im->sha);
	/* For symbols and disassembly only: emu_run_image() does the checking. */
	im->elf_ok = elf_load(im->data, im->len, EMU_RAM_BASE, 4096ull << 20,
			      &im->elf, why, sizeof(why)) == ELF_OK;
	return 0;
}

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* "name+0x10" for the symbol at or below @pc, or "" if none is near. */
static void image_symbol(const struct image *im, uint64_t pc, char *buf, size_t len)
{
	const uint8_t *best = NULL;
	uint64_t i, bv = 0;

	buf[0] = '\0';
	if (!im || !im->elf_ok || !im->elf.nsyms)
		return;
	for (i = 0; i < im->elf.nsyms; i++) {
		const uint8_t *s = im->elf.symtab + i * 24;
		uint32_t name = (uint32_t)(s[0] | s[1] << 8 | s[2] << 16 | (uint32_t)s[3] << 24);
		unsigned type = s[4] & 0xf, shndx = (unsigned)(s[6] | s[7] << 8);
		uint64_t v = le64(s + 8), size = le64(s + 16);
		const char *nm = im->elf.strtab + name;

		if ((type != 0 && type != 2) || shndx == 0 || shndx >= 0xff00 ||
		    !nm[0] || nm[0] == '$' || v > pc)
			continue;
		if (size ? pc - v >= size : pc - v >= 0x10000)
			continue;
		if (!best || v > bv) {
			best = s;
			bv = v;
		}
	}
	if (!best)
		return;
	{
		uint32_t name = (uint32_t)(best[0] | best[1] << 8 | best[2] << 16 |
					   (uint32_t)best[3] << 24);

		if (pc == bv)
			snprintf(buf, len, "%s", im->elf.strtab + name);
		else
			snprintf(buf, len, "%s+0x%" PRIx64, im->elf.strtab + name, pc - bv);
	}
}

/* The instruction at @pc, from the image's file bytes; false if not there. */
static bool image_disasm(struct image *im, uint64_t pc, char *buf, size_t len)
{
	unsigned i;

	if (!im || !im->elf_ok)
		return false;
	for (i = 0; i < im->elf.nseg; i++) {
		const struct elf_segment *s = &im->elf.seg[i];
		uint64_t off;
		uint32_t w;

		if (pc >= s->paddr && pc - s->paddr + 4 <= s->filesz)
			off = pc - s->paddr;
		else if (pc >= s->vaddr && pc - s->vaddr + 4 <= s->filesz)
			off = pc - s->vaddr;
		else
			continue;
		if (!im->dis)
			im->dis = disasm_open();
		if (!im->dis)
			return false;
		w = (uint32_t)(s->data[off] | s->data[off + 1] << 8 |
			       s->data[off + 2] << 16 | (uint32_t)s->data[off + 3] << 24);
		snprintf(buf, len, "%s", disasm_insn(im->dis, pc, w));
		return true;
	}
	return false;
}

/* ---- running a scenario ----------------------------------------------- */

/* The trace's inputs as the emulator's; 0, or -1 with "file:line: ..." in @err. */
static int convert_inputs(const struct trace *t, const char *fname,
			  struct emu_input *in, char *err, size_t errlen)
{
	char spec[96];
	const char *why;
	unsigned i;

	for (i = 0; i < t->ninputs; i++) {
		trace_input_format(&t->inputs[i], spec, sizeof(spec));
		why = emu_input_parse(spec, &in[i]);
		if (why) {
			snprintf(err, errlen, "%s:%u: input %s: %s", fname,
				 t->inputs[i].line, spec, why);
			return -1;
		}
	}
	return 0;
}

/* The emulator's messages ("armdbg: ...") of the last run_scenario(). */
static char *emu_msgs;
static size_t emu_msgs_len;

/*
 * Run the scenario @cfg (with @inputs) on @image_path and fill the outcome
 * of @out (status, output, events, cycles, insns, final registers and
 * digest).  Returns 0, or -1 with a message on stderr.
 */
static int run_scenario(const struct trace *cfg, const struct emu_input *inputs,
			const char *image_path, struct trace *out)
{
	struct emu_final *fin = calloc(1, sizeof(*fin));
	char *logbuf = NULL, *outbuf = NULL;
	size_t loglen = 0, outlen = 0, pos, n;
	FILE *log = NULL, *gout = NULL, *emsg = NULL;
	struct emu_opts o;
	const char *nl;
	unsigned i;
	int rc = -1;

	free(emu_msgs);
	emu_msgs = NULL;
	emu_msgs_len = 0;
	log = open_memstream(&logbuf, &loglen);
	gout = open_memstream(&outbuf, &outlen);
	emsg = open_memstream(&emu_msgs, &emu_msgs_len);
	if (!fin || !log || !gout || !emsg) {
		fputs("armdbg: out of memory\n", stderr);
		goto out;
	}
	emu_opts_default(&o);
	o.cpu = cfg->cpu;
	o.el2 = cfg->el2;
	o.ram_mib = cfg->ram_mib;
	o.max_insns = cfg->max_insns;
	o.pol = cfg->pol;
	o.cycles_per_tick = cfg->cycles_per_tick;
	o.exc_entry_cycles = cfg->exc_entry_cycles;
	o.exc_return_cycles = cfg->exc_return_cycles;
	o.inputs = inputs;
	o.ninputs = cfg->ninputs;
	o.log_file = log;
	o.log_format = EV_TEXT;
	o.out = gout;
	o.err = emsg;
	o.final = fin;

	out->status = emu_run_image(&o, image_path);
	if (fclose(log) | fclose(gout) | fclose(emsg)) {
		log = gout = emsg = NULL;
		fputs("armdbg: out of memory capturing the run\n", stderr);
		goto out;
	}
	log = gout = emsg = NULL;

	if (trace_add_output(out, outbuf, outlen))
		goto oom;
	for (pos = 0; pos < loglen; pos += n + 1) {
		nl = memchr(logbuf + pos, '\n', loglen - pos);
		n = nl ? (size_t)(nl - (logbuf + pos)) : loglen - pos;
		if (trace_add_event(out, logbuf + pos, n))
			goto oom;
	}
	out->cycles = fin->cycle;
	out->insns = fin->insns;
	for (i = 0; i < fin->n && i < EMU_FINAL_MAX; i++) {
		char name[TRACE_REG_NAME_MAX];

		memcpy(name, fin->reg[i].name, sizeof(name));
		name[sizeof(name) - 1] = '\0';
		if (!trace_reg_name_ok(name)) {
			fprintf(stderr, "armdbg: internal error: the emulator names a register '%s'\n",
				name);
			goto out;
		}
		if (trace_add_reg(out, name, fin->reg[i].value))
			goto oom;
	}
	trace_regs_digest(out, out->final_sha256);
	rc = 0;
	goto out;
oom:
	fputs("armdbg: out of memory\n", stderr);
out:
	if (log)
		fclose(log);
	if (gout)
		fclose(gout);
	if (emsg)
		fclose(emsg);
	free(logbuf);
	free(outbuf);
	free(fin);
	return rc;
}

/* ---- option parsing helpers -------------------------------------------- */

static int numeric(const char *cmd, const char *opt, const char *v, uint64_t lo,
		   uint64_t hi, uint64_t *out)
{
	const char *why;

	if (!v)
		return usage_error("%s: %s needs a value", cmd, opt);
	why = parse_u64(v, out);
	if (why)
		return usage_error("%s: %s: %s: '%s'", cmd, opt, why, v);
	if (*out < lo || *out > hi)
		return usage_error("%s: %s must be %" PRIu64 "..%" PRIu64, cmd, opt, lo, hi);
	return 0;
}

/* ---- record -------------------------------------------------------------- */

struct record_opts {
	const char *image, *out, *name, *desc;
	struct trace t;  /* the scenario settings */
	struct emu_input *inputs;
};

static int record_args(int argc, char **argv, struct record_opts *r)
{
	struct trace *t = &r->t;
	struct trace_input ti;
	const char *v;
	uint64_t n;
	bool m;
	int i, rc;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-') {
			if (r->image)
				return usage_error("record: more than one image ('%s', '%s')",
						   r->image, a);
			r->image = a;
		} else if (!strcmp(a, "--el2")) {
			t->el2 = true;
		} else if ((v = opt_value(argc, argv, &i, "-o", &m)), m) {
			if (!v || !*v)
				return usage_error("record: -o needs a file name");
			r->out = v;
		} else if ((v = opt_value(argc, argv, &i, "--name", &m)), m) {
			if (!v || !trace_name_ok(v))
				return usage_error("record: --name: '%s' is not a scenario name (letters, digits, . _ + -)",
						   v ? v : "");
			r->name = v;
		} else if ((v = opt_value(argc, argv, &i, "--description", &m)), m) {
			if (!v)
				return usage_error("record: --description needs a text");
			r->desc = v;
		} else if ((v = opt_value(argc, argv, &i, "--cpu", &m)), m) {
			if (!v || !ad_config_preset(v))
				return usage_error("record: unknown CPU '%s'", v ? v : "");
			if (trace_set_str(&t->cpu, v))
				return usage_error("out of memory");
		} else if ((v = opt_value(argc, argv, &i, "--ram", &m)), m) {
			rc = numeric("record", "--ram", v, 1, 4096, &n);
			if (rc)
				return rc;
			t->ram_mib = (unsigned)n;
		} else if ((v = opt_value(argc, argv, &i, "--max-insns", &m)), m) {
			rc = numeric("record", "--max-insns", v, 1, UINT64_MAX, &t->max_insns);
			if (rc)
				return rc;
		} else if ((v = opt_value(argc, argv, &i, "--cycles-per-tick", &m)), m) {
			rc = numeric("record", "--cycles-per-tick", v, 1, 1000000, &n);
			if (rc)
				return rc;
			t->cycles_per_tick = (unsigned)n;
		} else if ((v = opt_value(argc, argv, &i, "--exc-entry-cycles", &m)), m) {
			rc = numeric("record", "--exc-entry-cycles", v, 0, 1000000, &n);
			if (rc)
				return rc;
			t->exc_entry_cycles = (unsigned)n;
		} else if ((v = opt_value(argc, argv, &i, "--exc-return-cycles", &m)), m) {
			rc = numeric("record", "--exc-return-cycles", v, 0, 1000000, &n);
			if (rc)
				return rc;
			t->exc_return_cycles = (unsigned)n;
		} else if ((v = opt_value(argc, argv, &i, "--policy", &m)), m) {
			if (!v || !strchr(v, '='))
				return usage_error("record: --policy needs NAME=CHOICE");
			rc = parse_policy_arg(&t->pol, v);
			if (rc)
				return rc;
		} else if ((v = opt_value(argc, argv, &i, "--input", &m)), m) {
			const char *why;

			if (!v)
				return usage_error("record: --input needs CYCLE:spi|ppi:INTID:assert|deassert");
			if (t->ninputs >= TRACE_MAX_INPUTS)
				return usage_error("record: more than %u inputs", TRACE_MAX_INPUTS);
			why = emu_input_parse(v, &r->inputs[t->ninputs]);
			if (!why)
				why = trace_input_parse(v, strlen(v), &ti);
			if (why)
				return usage_error("record: --input '%s': %s", v, why);
			if (t->ninputs && ti.cycle < t->inputs[t->ninputs - 1].cycle)
				return usage_error("record: --input '%s' is before the previous one: give inputs in cycle order",
						   v);
			if (trace_add_input(t, &ti))
				return usage_error("out of memory");
		} else {
			return usage_error("record: unknown option '%s' (see armdbg --help)", a);
		}
	}
	if (!r->image)
		return usage_error("record: no IMAGE.elf given");
	if (!r->out)
		return usage_error("record: no output file given (-o NAME.trace)");
	if (!trace_file_name_ok(base_name(r->image)))
		return usage_error("record: image file name '%s' cannot go in a trace (letters, digits, . _ + -)",
				   base_name(r->image));
	return 0;
}

/* The description as trace lines: split at newlines. */
static int record_desc(struct trace *t, const char *d)
{
	const char *nl;
	char *line;
	int rc;

	while (d && *d) {
		nl = strchr(d, '\n');
		line = strndup(d, nl ? (size_t)(nl - d) : strlen(d));
		if (!line)
			return -1;
		rc = trace_add_desc(t, line);
		free(line);
		if (rc)
			return -1;
		d = nl ? nl + 1 : NULL;
	}
	return 0;
}

/* Name the scenario after the trace file: "dir/foo.trace" -> "foo". */
static char *default_name(const char *out)
{
	const char *b = base_name(out);
	size_t n = strlen(b);

	if (n > 6 && !strcmp(b + n - 6, ".trace"))
		n -= 6;
	return strndup(b, n);
}

/* Serialise @t, check that it parses back to the same text, write it. */
static int record_write(const struct trace *t, const char *path)
{
	char *buf = NULL, *again = NULL, err[512];
	size_t len = 0, alen = 0;
	struct trace chk;
	FILE *f = open_memstream(&buf, &len);
	int rc = 1;

	if (!f || trace_write(f, t) || fclose(f)) {
		fputs("armdbg: record: out of memory\n", stderr);
		free(buf);
		return 1;
	}
	if (trace_parse(buf, len, path, &chk, err, sizeof(err))) {
		fprintf(stderr, "armdbg: record: internal error: the trace does not parse back: %s\n",
			err);
		free(buf);
		return 1;
	}
	f = open_memstream(&again, &alen);
	if (f && !trace_write(f, &chk) && !fclose(f) && alen == len &&
	    !memcmp(again, buf, len))
		rc = write_atomic(path, buf, len);
	else
		fputs("armdbg: record: internal error: the trace does not read back the same\n",
		      stderr);
	trace_free(&chk);
	free(again);
	free(buf);
	return rc;
}

int cmd_record(int argc, char **argv)
{
	struct record_opts r;
	struct trace act;
	struct image im;
	char err[512];
	int rc;

	memset(&r, 0, sizeof(r));
	trace_init(&r.t);
	trace_init(&act);
	r.t.ram_mib = EMU_DEFAULT_RAM_MIB;
	r.t.max_insns = EMU_DEFAULT_MAX_INSNS;
	r.t.cycles_per_tick = EMU_DEFAULT_CYCLES_PER_TICK;
	r.inputs = calloc(TRACE_MAX_INPUTS, sizeof(*r.inputs));
	if (!r.inputs)
		return usage_error("out of memory");
	rc = record_args(argc, argv, &r);
	if (!rc && !r.t.cpu && trace_set_str(&r.t.cpu, "cortex-a57"))
		rc = usage_error("out of memory");
	if (!rc && image_load(&im, r.image, err, sizeof(err)))
		rc = usage_error("record: %s", err);
	if (rc)
		goto out;
	memcpy(r.t.image_sha256, im.sha, sizeof(im.sha));
	image_free(&im);

	if (run_scenario(&r.t, r.inputs, r.image, &act)) {
		rc = 1;
		goto out;
	}
	/* What `armdbg run` would have said about the run. */
	if (emu_msgs_len)
		fwrite(emu_msgs, 1, emu_msgs_len, stderr);
	if (act.status == EMU_EXIT_IMAGE || act.status == EMU_EXIT_INTERNAL) {
		fprintf(stderr, "armdbg: record: the run failed (exit status %d): no trace written\n",
			act.status);
		rc = act.status;
		goto out;
	}
	/* The scenario settings and the outcome, in one trace. */
	act.name = r.name ? strdup(r.name) : default_name(r.out);
	act.image = strdup(base_name(r.image));
	act.cpu = strdup(r.t.cpu);
	if (!act.name || !act.image || !act.cpu || record_desc(&act, r.desc)) {
		rc = usage_error("out of memory");
		goto out;
	}
	if (!trace_name_ok(act.name)) {
		rc = usage_error("record: '%s' is not a scenario name (letters, digits, . _ + -): give --name",
				 act.name);
		goto out;
	}
	memcpy(act.image_sha256, r.t.image_sha256, sizeof(act.image_sha256));
	act.el2 = r.t.el2;
	act.ram_mib = r.t.ram_mib;
	act.max_insns = r.t.max_insns;
	act.cycles_per_tick = r.t.cycles_per_tick;
	act.exc_entry_cycles = r.t.exc_entry_cycles;
	act.exc_return_cycles = r.t.exc_return_cycles;
	act.pol = r.t.pol;
	for (unsigned i = 0; i < r.t.ninputs; i++)
		if (trace_add_input(&act, &r.t.inputs[i])) {
			rc = usage_error("out of memory");
			goto out;
		}
	rc = record_write(&act, r.out);
	if (!rc)
		printf("recorded %s: scenario %s, %u events, exit status %d, %" PRIu64
		       " instructions\n", r.out, act.name, act.nevents, act.status, act.insns);
out:
	trace_free(&act);
	trace_free(&r.t);
	free(r.inputs);
	return rc;
}

/* ---- replay: comparing ---------------------------------------------------- */

/* A growing text buffer (the TAP lines of one trace). */
struct out {
	char *buf;
	size_t len;
	FILE *f;
};

/* The events that get a subtest of their own (docs/traces.md). */
static bool is_checkpoint(const char *ev)
{
	static const char *const kinds[] = {
		"exception", "irq", "breakpoint", "watchpoint", "step", "brk", "input",
	};
	char k[32];
	unsigned i;

	if (!trace_event_str(ev, "event", k, sizeof(k)))
		return false;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(k, kinds[i]))
			return true;
	return false;
}

/* A short description of event @ev, without '#' (TAP directives). */
static void describe_event(const char *ev, char *buf, size_t len)
{
	char kind[32], exc[32], taken[8], intid[16], line[16], extra[96];
	uint64_t cycle = 0, el = 0, pc = 0;
	char *p;

	trace_event_num(ev, "cycle", &cycle);
	trace_event_num(ev, "el", &el);
	trace_event_num(ev, "pc", &pc);
	if (!trace_event_str(ev, "event", kind, sizeof(kind)))
		snprintf(kind, sizeof(kind), "?");
	exc[0] = taken[0] = intid[0] = line[0] = '\0';
	trace_event_str(ev, "exc", exc, sizeof(exc));
	trace_event_str(ev, "taken", taken, sizeof(taken));
	trace_event_str(ev, "intid", intid, sizeof(intid));
	trace_event_str(ev, "line", line, sizeof(line));
	if (!strcmp(kind, "irq") && exc[0]) {
		/* "irq" or "fiq" */
		snprintf(kind, sizeof(kind), "%s", exc);
		exc[0] = '\0';
	}
	snprintf(extra, sizeof(extra), "%s%s%s%s%s%s%s", exc[0] ? " " : "", exc,
		 !strcmp(taken, "0") ? " (not taken)" : "", line[0] ? " " : "", line,
		 intid[0] ? " intid " : "", intid);
	snprintf(buf, len, "cycle %" PRIu64 ": %s%s at EL%" PRIu64 " pc 0x%" PRIx64,
		 cycle, kind, extra, el, pc);
	for (p = buf; *p; p++)
		if (*p == '#')
			*p = ' ';
}

static const char *exit_name(int status)
{
	switch (status) {
	case EMU_EXIT_USAGE:    return " (usage error)";
	case EMU_EXIT_IMAGE:    return " (the image cannot be loaded)";
	case EMU_EXIT_RUNAWAY:  return " (--max-insns reached)";
	case EMU_EXIT_FAULT:    return " (unmapped access or unsupported instruction)";
	case EMU_EXIT_INTERNAL: return " (Unicorn misbehaves)";
	default:                return "";
	}
}

/* Decode an ESR for a report: "EC 0x32 (Software Step ...), ISS: ISV=1 EX=0". */
static void esr_text(uint64_t v, char *buf, size_t len)
{
	unsigned ec = ad_esr_ec(v), n = 0, i;
	const struct ad_field *f = ad_iss_fields(ec, &n);
	const char *name = ad_ec_name(ec);
	size_t o;

	o = (size_t)snprintf(buf, len, "EC 0x%02x (%s)", ec, name ? name : "unknown");
	for (i = 0; f && i < n && o < len; i++) {
		if (f[i].kind == AD_FK_RES0 || f[i].kind == AD_FK_RES1)
			continue;
		o += (size_t)snprintf(buf + o, len - o, "%s%s=0x%" PRIx64,
				      i ? " " : ", ISS ", f[i].name, ad_field_get(&f[i], v));
	}
}

/* Decode an SPSR for a report: "EL0t SS=1 DAIF=D-IF". */
static void spsr_text(uint64_t v, char *buf, size_t len)
{
	unsigned m = v & 0xf;

	snprintf(buf, len, "EL%u%c SS=%u DAIF=%c%c%c%c", m >> 2, m & 1 ? 'h' : 't',
		 (unsigned)(v >> 21 & 1), v >> 9 & 1 ? 'D' : '-', v >> 8 & 1 ? 'A' : '-',
		 v >> 7 & 1 ? 'I' : '-', v >> 6 & 1 ? 'F' : '-');
}

static void diag(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void diag(struct out *o, const char *fmt, ...)
{
	va_list ap;

	fputs("    # ", o->f);
	va_start(ap, fmt);
	vfprintf(o->f, fmt, ap);
	va_end(ap);
	fputc('\n', o->f);
}

/* The fields of two event lines that differ, one diagnostic line each. */
static void report_fields(struct out *o, const char *exp, const char *act)
{
	struct trace_field fe[TRACE_MAX_FIELDS], fa[TRACE_MAX_FIELDS];
	const struct trace_field *x;
	const char *why;
	int ne = trace_fields(exp, strlen(exp), fe, TRACE_MAX_FIELDS, &why);
	int na = trace_fields(act, strlen(act), fa, TRACE_MAX_FIELDS, &why);
	char de[200], da[200], key[64];
	uint64_t ve, va;
	int i;

	if (ne < 0 || na < 0)
		return;
	for (i = 0; i < ne; i++) {
		snprintf(key, sizeof(key), "%.*s", (int)fe[i].keylen, fe[i].key);
		x = trace_field_get(fa, (unsigned)na, key);
		if (!x) {
			diag(o, "  %s: only in the trace (%.*s)", key, (int)fe[i].vallen, fe[i].val);
			continue;
		}
		if (x->vallen == fe[i].vallen && !memcmp(x->val, fe[i].val, x->vallen))
			continue;
		de[0] = da[0] = '\0';
		if (trace_event_num(exp, key, &ve) && trace_event_num(act, key, &va)) {
			if (!strcmp(key, "esr")) {
				esr_text(ve, de, sizeof(de));
				esr_text(va, da, sizeof(da));
			} else if (!strcmp(key, "spsr")) {
				spsr_text(ve, de, sizeof(de));
				spsr_text(va, da, sizeof(da));
			}
		}
		diag(o, "  %s: expected %.*s%s%s%s, actual %.*s%s%s%s", key,
		     (int)fe[i].vallen, fe[i].val, de[0] ? " (" : "", de, de[0] ? ")" : "",
		     (int)x->vallen, x->val, da[0] ? " (" : "", da, da[0] ? ")" : "");
	}
	for (i = 0; i < na; i++) {
		snprintf(key, sizeof(key), "%.*s", (int)fa[i].keylen, fa[i].key);
		if (!trace_field_get(fe, (unsigned)ne, key))
			diag(o, "  %s: only in the run (%.*s)", key, (int)fa[i].vallen, fa[i].val);
	}
}

/* Where event @ev happened: "cycle 120, PE 0, EL0, PC 0x... <sym>: insn". */
static void report_where(struct out *o, const char *ev, struct image *im)
{
	uint64_t cycle = 0, pe = 0, el = 0, pc = 0;
	char insn[160], sym[160];

	trace_event_num(ev, "cycle", &cycle);
	trace_event_num(ev, "pe", &pe);
	trace_event_num(ev, "el", &el);
	trace_event_num(ev, "pc", &pc);
	if (!trace_event_str(ev, "insn", insn, sizeof(insn)) &&
	    !image_disasm(im, pc, insn, sizeof(insn)))
		snprintf(insn, sizeof(insn), "(instruction not known)");
	image_symbol(im, pc, sym, sizeof(sym));
	diag(o, "at cycle %" PRIu64 ", PE %" PRIu64 ", EL%" PRIu64 ", PC 0x%" PRIx64 "%s%s%s: %s",
	     cycle, pe, el, pc, sym[0] ? " <" : "", sym, sym[0] ? ">" : "", insn);
}

static void report_events(struct out *o, const struct trace *exp, const struct trace *act,
			  unsigned d, struct image *im)
{
	const char *e = d < exp->nevents ? exp->events[d].text : NULL;
	const char *a = d < act->nevents ? act->events[d].text : NULL;
	unsigned i, from = d > 20 ? d - 20 : 0;

	if (e)
		diag(o, "first divergence: event %u of %u (trace line %u)", d + 1,
		     exp->nevents, exp->events[d].line);
	else
		diag(o, "first divergence: the run has more events than the trace (%u, not %u)",
		     act->nevents, exp->nevents);
	report_where(o, e ? e : a, im);
	if (e && a) {
		uint64_t x, y;

		/* Not the same place: say where the run was instead. */
		if ((trace_event_num(e, "cycle", &x) && trace_event_num(a, "cycle", &y) && x != y) ||
		    (trace_event_num(e, "pc", &x) && trace_event_num(a, "pc", &y) && x != y)) {
			diag(o, "the run was elsewhere:");
			report_where(o, a, im);
		}
	}
	diag(o, "expected: %s", e ? e : "(end of the trace's event log)");
	diag(o, "actual:   %s", a ? a : "(end of the run's event log)");
	if (e && a) {
		diag(o, "fields that differ:");
		report_fields(o, e, a);
	}
	if (d == 0) {
		diag(o, "(no events before it)");
		return;
	}
	diag(o, "the %u events before it (the same in both):", d - from);
	for (i = from; i < d; i++)
		diag(o, "  %s", exp->events[i].text);
}

/* The first event index that differs, or -1. */
static long first_event_diff(const struct trace *exp, const struct trace *act)
{
	unsigned i, n = exp->nevents < act->nevents ? exp->nevents : act->nevents;

	for (i = 0; i < n; i++)
		if (strcmp(exp->events[i].text, act->events[i].text))
			return i;
	return exp->nevents == act->nevents ? -1 : (long)n;
}

struct tally {
	unsigned n, pass, fail, skip;
};

static void result(struct out *o, struct tally *t, int res, const char *desc,
		   const char *skip)
{
	t->n++;
	if (res == 0) {
		t->pass++;
		fprintf(o->f, "    ok %u - %s\n", t->n, desc);
	} else if (res == 2) {
		t->skip++;
		fprintf(o->f, "    ok %u - %s # SKIP %s\n", t->n, desc, skip);
	} else {
		t->fail++;
		fprintf(o->f, "    not ok %u - %s\n", t->n, desc);
	}
}

static unsigned count_checkpoints(const struct trace *t)
{
	unsigned i, n = 0;

	for (i = 0; i < t->nevents; i++)
		n += is_checkpoint(t->events[i].text);
	return n;
}

static void check_events(struct out *o, struct tally *t, const struct trace *exp,
			 const struct trace *act, long d, struct image *im)
{
	unsigned i, start = 0;
	char desc[200], skip[80];

	snprintf(skip, sizeof(skip), "the event log diverged earlier (event %ld)", d + 1);
	for (i = 0; i < exp->nevents; i++) {
		if (!is_checkpoint(exp->events[i].text))
			continue;
		describe_event(exp->events[i].text, desc, sizeof(desc));
		if (d < 0 || d > (long)i) {
			result(o, t, 0, desc, NULL);
		} else if (d >= (long)start) {
			report_events(o, exp, act, (unsigned)d, im);
			result(o, t, 1, desc, NULL);
		} else {
			result(o, t, 2, desc, skip);
		}
		start = i + 1;
	}
	snprintf(desc, sizeof(desc), "event log: %u events", exp->nevents);
	if (d < 0) {
		result(o, t, 0, desc, NULL);
	} else if (d >= (long)start) {
		report_events(o, exp, act, (unsigned)d, im);
		result(o, t, 1, desc, NULL);
	} else {
		result(o, t, 2, desc, skip);
	}
}

static void diag_string(struct out *o, const char *what, const struct trace_chunk *c)
{
	fprintf(o->f, "    # %s", what);
	if (c) {
		fputc('"', o->f);
		trace_escape(o->f, c->data, c->len);
		fputc('"', o->f);
	} else {
		fputs("(no more output)", o->f);
	}
	fputc('\n', o->f);
}

static void check_output(struct out *o, struct tally *t, const struct trace *exp,
			 const struct trace *act)
{
	unsigned i, n = exp->noutput > act->noutput ? exp->noutput : act->noutput;
	const struct trace_chunk *e, *a;
	char desc[64];

	snprintf(desc, sizeof(desc), "guest output: %u lines", exp->noutput);
	for (i = 0; i < n; i++) {
		e = i < exp->noutput ? &exp->output[i] : NULL;
		a = i < act->noutput ? &act->output[i] : NULL;
		if (e && a && e->len == a->len && !memcmp(e->data, a->data, e->len))
			continue;
		if (e)
			diag(o, "output line %u differs (trace line %u):", i + 1, e->line);
		else
			diag(o, "output line %u is extra:", i + 1);
		diag_string(o, "expected: ", e);
		diag_string(o, "actual:   ", a);
		result(o, t, 1, desc, NULL);
		return;
	}
	result(o, t, 0, desc, NULL);
}

static void check_status(struct out *o, struct tally *t, const struct trace *exp,
			 const struct trace *act)
{
	char desc[64];

	snprintf(desc, sizeof(desc), "exit status %d", exp->status);
	if (exp->status != act->status) {
		size_t pos, n;

		diag(o, "exit status: expected %d%s, actual %d%s (trace line %u)", exp->status,
		     exit_name(exp->status), act->status, exit_name(act->status),
		     exp->line[TK_STATUS]);
		/* The emulator's own message says why a run stopped. */
		for (pos = 0; pos < emu_msgs_len; pos += n + 1) {
			const char *nl = memchr(emu_msgs + pos, '\n', emu_msgs_len - pos);

			n = nl ? (size_t)(nl - (emu_msgs + pos)) : emu_msgs_len - pos;
			diag(o, "emulator: %.*s", (int)n, emu_msgs + pos);
		}
		result(o, t, 1, desc, NULL);
		return;
	}
	result(o, t, 0, desc, NULL);
}

static const struct trace_reg *find_reg(const struct trace *t, const char *name)
{
	unsigned i;

	for (i = 0; i < t->nregs; i++)
		if (!strcmp(t->regs[i].name, name))
			return &t->regs[i];
	return NULL;
}

static void check_final(struct out *o, struct tally *t, const struct trace *exp,
			const struct trace *act)
{
	char desc[128], he[SHA256_HEX_LEN + 1], ha[SHA256_HEX_LEN + 1];
	const struct trace_reg *r;
	bool bad = false;
	unsigned i;

	sha256_hex(exp->final_sha256, he);
	sha256_hex(act->final_sha256, ha);
	snprintf(desc, sizeof(desc), "final state: cycle %" PRIu64 ", %" PRIu64
		 " instructions, sha256 %.16s", exp->cycles, exp->insns, he);
	if (exp->cycles != act->cycles) {
		diag(o, "cycles: expected %" PRIu64 ", actual %" PRIu64 " (trace line %u)",
		     exp->cycles, act->cycles, exp->line[TK_CYCLES]);
		bad = true;
	}
	if (exp->insns != act->insns) {
		diag(o, "insns: expected %" PRIu64 ", actual %" PRIu64 " (trace line %u)",
		     exp->insns, act->insns, exp->line[TK_INSNS]);
		bad = true;
	}
	if (memcmp(exp->final_sha256, act->final_sha256, SHA256_DIGEST_LEN)) {
		diag(o, "final-sha256: expected %s, actual %s (trace line %u)", he, ha,
		     exp->line[TK_FINAL_SHA256]);
		bad = true;
		if (!exp->nregs)
			diag(o, "the trace has only the digest; the run's final registers:");
		for (i = 0; !exp->nregs && i < act->nregs; i++)
			diag(o, "  %s=0x%" PRIx64, act->regs[i].name, act->regs[i].value);
	}
	for (i = 0; exp->nregs && i < exp->nregs; i++) {
		r = find_reg(act, exp->regs[i].name);
		if (!r)
			diag(o, "  %s: only in the trace (line %u)", exp->regs[i].name,
			     exp->regs[i].line);
		else if (r->value != exp->regs[i].value)
			diag(o, "  %s: expected 0x%" PRIx64 ", actual 0x%" PRIx64 " (trace line %u)",
			     exp->regs[i].name, exp->regs[i].value, r->value, exp->regs[i].line);
		else
			continue;
		bad = true;
	}
	for (i = 0; exp->nregs && i < act->nregs; i++)
		if (!find_reg(exp, act->regs[i].name)) {
			diag(o, "  %s: only in the run (0x%" PRIx64 ")", act->regs[i].name,
			     act->regs[i].value);
			bad = true;
		}
	result(o, t, bad, desc, NULL);
}

/* ---- replay: the timeline SVG (trace_svg.c) -------------------------------- */

static void symbol_of(void *ctx, uint64_t pc, char *buf, size_t len)
{
	image_symbol(ctx, pc, buf, len);
}

static int write_svg(const char *path, const struct trace *cfg, const struct trace *act,
		     long d, struct image *im)
{
	size_t len = 0;
	char *doc = trace_svg(cfg, act, d, symbol_of, im, &len);
	int rc;

	if (!doc) {
		fputs("armdbg: out of memory\n", stderr);
		return -1;
	}
	rc = write_atomic(path, doc, len);
	free(doc);
	return rc ? -1 : 0;
}

/* ---- replay ------------------------------------------------------------------ */

struct job {
	const char *path;
	struct trace t;
	struct image im;
	struct emu_input *inputs;
};

static void job_free(struct job *j)
{
	trace_free(&j->t);
	image_free(&j->im);
	free(j->inputs);
}

/* Find the image of @j: in @images, or next to the trace, then in build/traces. */
static int find_image(struct job *j, const char *images)
{
	char *dirs[2] = { NULL, NULL }, *p = NULL, err[512], he[SHA256_HEX_LEN + 1],
	     ha[SHA256_HEX_LEN + 1];
	unsigned nd = 0, i;
	int rc = EXIT_USAGE;

	if (images) {
		dirs[nd++] = strdup(images);
	} else {
		dirs[nd++] = dir_name(j->path);
		dirs[nd++] = strdup("build/traces");
	}
	for (i = 0; i < nd; i++) {
		if (!dirs[i])
			goto oom;
		p = path_join(dirs[i], j->t.image);
		if (!p)
			goto oom;
		if (!access(p, F_OK))
			break;
		free(p);
		p = NULL;
	}
	if (!p) {
		fprintf(stderr, "%s:%u: image %s not found (looked in %s%s%s%s)\n", j->path,
			j->t.line[TK_IMAGE], j->t.image, dirs[0], nd > 1 ? " and " : "",
			nd > 1 ? dirs[1] : "", images ? "" : "; build the scenarios or give --images DIR");
		goto out;
	}
	if (image_load(&j->im, p, err, sizeof(err))) {
		fprintf(stderr, "%s:%u: image %s: %s\n", j->path, j->t.line[TK_IMAGE],
			j->t.image, err);
		goto out;
	}
	if (memcmp(j->im.sha, j->t.image_sha256, sizeof(j->im.sha))) {
		sha256_hex(j->t.image_sha256, he);
		sha256_hex(j->im.sha, ha);
		fprintf(stderr, "%s:%u: image %s: sha256 differs (expected %s, got %s from %s)\n",
			j->path, j->t.line[TK_IMAGE_SHA256], j->t.image, he, ha, p);
		goto out;
	}
	rc = 0;
	goto out;
oom:
	fputs("armdbg: out of memory\n", stderr);
	rc = 1;
out:
	free(p);
	free(dirs[0]);
	free(dirs[1]);
	return rc;
}

/* Parse and check trace @j->path: 0, or EXIT_USAGE with "file:line: ..." printed. */
static int prepare(struct job *j, const char *images)
{
	char err[1024], *buf;
	size_t len;
	int rc;

	buf = read_all(j->path, &len, err, sizeof(err));
	if (!buf) {
		fprintf(stderr, "armdbg: %s\n", err);
		return EXIT_USAGE;
	}
	rc = trace_parse(buf, len, j->path, &j->t, err, sizeof(err));
	free(buf);
	if (rc) {
		fprintf(stderr, "%s\n", err);
		return EXIT_USAGE;
	}
	j->inputs = calloc(j->t.ninputs + 1, sizeof(*j->inputs));
	if (!j->inputs) {
		fputs("armdbg: out of memory\n", stderr);
		return 1;
	}
	if (convert_inputs(&j->t, j->path, j->inputs, err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		return EXIT_USAGE;
	}
	return find_image(j, images);
}

/* Replay @j as test number @num; TAP on stdout.  Returns 0 if it matched. */
static int replay_one(struct job *j, unsigned num, bool quiet, const char *svg,
		      struct tally *total)
{
	struct out o = { NULL, 0, NULL };
	struct tally t = { 0, 0, 0, 0 };
	struct trace act;
	char sha[SHA256_HEX_LEN + 1];
	long d;
	int rc;

	trace_init(&act);
	if (run_scenario(&j->t, j->inputs, j->im.path, &act)) {
		trace_free(&act);
		return -1;
	}
	o.f = open_memstream(&o.buf, &o.len);
	if (!o.f) {
		trace_free(&act);
		return -1;
	}
	sha256_hex(j->t.image_sha256, sha);
	fprintf(o.f, "    # Subtest: %s\n", j->t.name);
	fprintf(o.f, "    1..%u\n", count_checkpoints(&j->t) + 4);
	diag(&o, "%s: image %s (sha256 %.16s), cpu %s%s, %u inputs", j->path, j->t.image,
	     sha, j->t.cpu, j->t.el2 ? ", el2" : "", j->t.ninputs);
	d = first_event_diff(&j->t, &act);
	check_events(&o, &t, &j->t, &act, d, &j->im);
	check_output(&o, &t, &j->t, &act);
	check_status(&o, &t, &j->t, &act);
	check_final(&o, &t, &j->t, &act);
	fprintf(o.f, "    # %s: pass:%u fail:%u skip:%u total:%u\n", j->t.name, t.pass,
		t.fail, t.skip, t.n);
	rc = fclose(o.f);
	if (!rc && (!quiet || t.fail))
		fwrite(o.buf, 1, o.len, stdout);
	printf("%s %u - %s\n", t.fail ? "not ok" : "ok", num, j->t.name);
	free(o.buf);
	total->n += t.n;
	total->pass += t.pass;
	total->fail += t.fail;
	total->skip += t.skip;
	if (!rc && svg)
		rc = write_svg(svg, &j->t, &act, d, &j->im);
	trace_free(&act);
	if (rc)
		return -1;
	return t.fail ? 1 : 0;
}

int cmd_replay(int argc, char **argv)
{
	const char *images = NULL, *svg = NULL, *v;
	struct tally total = { 0, 0, 0, 0 };
	struct job *jobs;
	unsigned n = 0, i, failed = 0;
	bool quiet = false, m, opts_done = false;
	int rc = 0, r;

	jobs = calloc((size_t)argc + 1, sizeof(*jobs));
	if (!jobs)
		return usage_error("out of memory");
	for (int k = 0; k < argc; k++) {
		const char *a = argv[k];

		if (opts_done || a[0] != '-') {
			jobs[n++].path = a;
		} else if (!strcmp(a, "--")) {
			opts_done = true;
		} else if (!strcmp(a, "--quiet")) {
			quiet = true;
		} else if ((v = opt_value(argc, argv, &k, "--images", &m)), m) {
			if (!v || !*v) {
				rc = usage_error("replay: --images needs a directory");
				goto out;
			}
			images = v;
		} else if ((v = opt_value(argc, argv, &k, "--svg", &m)), m) {
			if (!v || !*v) {
				rc = usage_error("replay: --svg needs a file name");
				goto out;
			}
			svg = v;
		} else {
			rc = usage_error("replay: unknown option '%s' (see armdbg --help)", a);
			goto out;
		}
	}
	if (!n) {
		rc = usage_error("replay: no TRACE given");
		goto out;
	}
	if (svg && n != 1) {
		rc = usage_error("replay: --svg draws one trace, not %u", n);
		goto out;
	}
	/* Every trace is checked before anything runs. */
	for (i = 0; i < n; i++) {
		rc = prepare(&jobs[i], images);
		if (rc)
			goto out;
	}
	printf("TAP version 14\n1..%u\n", n);
	for (i = 0; i < n; i++) {
		r = replay_one(&jobs[i], i + 1, quiet, svg, &total);
		if (r < 0) {
			rc = 1;
			goto out;
		}
		failed += r != 0;
	}
	printf("# Totals: pass:%u fail:%u skip:%u total:%u\n", total.pass, total.fail,
	       total.skip, total.n);
	rc = failed ? EXIT_DIVERGED : 0;
out:
	for (i = 0; i < n; i++)
		job_free(&jobs[i]);
	free(jobs);
	return rc;
}

#else /* !ARMDBG_HAVE_EMU */

static int no_emu(const char *cmd)
{
	fprintf(stderr, "armdbg: %s: this armdbg was built without Unicorn/Capstone "
		"(install libunicorn-dev and libcapstone-dev, then rebuild)\n", cmd);
	return 125;
}

int cmd_record(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return no_emu("record");
}

int cmd_replay(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return no_emu("replay");
}
#endif
