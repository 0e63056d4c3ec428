// SPDX-License-Identifier: MIT
/*
 * tools/bench/bench.c - armdbg_bench: the speed benchmark of
 * docs/performance.md.  Not a test: it measures, prints a table and
 * compares with the targets; it fails only when a run does not end with
 * the status its guest promises.
 *
 *   armdbg_bench [--runs N] [--armdbg PATH] [--qemu PATH | --no-qemu]
 *                [--probes]
 *
 * Runs the benchmark guests (bench.S, built by CMake next to this
 * program) under
 *   (a) bench_bare_unicorn        Unicorn with no model
 *   (b)-(e) armdbg run            variants PLAIN, ARMED, WATCH, STEP
 *   (f) qemu-system-aarch64       the same variants, when installed
 * N rounds (default 3), every variant once per round, and keeps each
 * variant's fastest run.  Every run is a whole process timed with
 * CLOCK_MONOTONIC; the fastest run of the runner's zero-iteration image
 * (start-up: Unicorn/QEMU set-up, armdbg's self-test, image loading) is
 * subtracted.  Runners that are much faster run the same loop for more
 * iterations (BENCH_SCALE) so that every measured run is long enough to
 * time; rates are per loop instruction, so they compare directly.
 *
 * --probes also runs (a) with each bench_bare_unicorn --probe hook: what
 * a single empty Unicorn hook costs on the same loop.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#ifndef BENCH_ELF_DIR
#error "BENCH_ELF_DIR (where CMake put the guest images) is not set"
#endif
#ifndef BENCH_ARMDBG
#error "BENCH_ARMDBG is not set"
#endif
#ifndef BENCH_BARE
#error "BENCH_BARE is not set"
#endif

#define MAX_RUNS 20
#define SHORT_NET_S 1.0 /* a net time below this is flagged as noisy */

/* Targets (the performance section). */
#define TARGET_B_OVER_A 0.90
#define TARGET_C_OVER_A 0.85
#define TARGET_STEPS_PER_S 1e6

enum runner { RUN_BARE, RUN_ARMDBG, RUN_QEMU, NRUNNERS };

static const char *const runner_name[NRUNNERS] = {
	"bare Unicorn", "armdbg", "QEMU",
};

struct job {
	const char *id;
	const char *what;
	enum runner runner;
	int variant;
	unsigned scale;      /* BENCH_SCALE of the image: 0 = start-up */
	const char *probe;   /* bench_bare_unicorn --probe KIND (--probes) */
	bool failed;
	double best;         /* seconds, whole process, fastest run */
	double net;          /* best minus the runner's start-up */
	double rate;         /* loop instructions (STEP: steps) per second */
};

/*
 * Scales (iterations / BENCH_ITERS_BASE, or BENCH_ITERS_STEP for STEP)
 * keep every timed run at 1-3 s on the reference machine (a shorter one is
 * flagged "(short)"); CMake builds exactly these images
 * (tools/bench/CMakeLists.txt).
 */
static struct job jobs[] = {
	{ .id = "start", .what = "start-up (zero iterations)",
	  .runner = RUN_BARE, .variant = BENCH_PLAIN, .scale = 0 },
	{ .id = "start", .what = "start-up (zero iterations)",
	  .runner = RUN_ARMDBG, .variant = BENCH_PLAIN, .scale = 0 },
	{ .id = "start", .what = "start-up (zero iterations)",
	  .runner = RUN_QEMU, .variant = BENCH_PLAIN, .scale = 0 },
	{ .id = "(a)", .what = "no model, no hooks",
	  .runner = RUN_BARE, .variant = BENCH_PLAIN, .scale = 8 },
	{ .id = "(b)", .what = "no debug feature enabled",
	  .runner = RUN_ARMDBG, .variant = BENCH_PLAIN, .scale = 8 },
	{ .id = "(c)", .what = "6 bps + 4 wps, never hit",
	  .runner = RUN_ARMDBG, .variant = BENCH_ARMED, .scale = 8 },
	{ .id = "(c')", .what = "as (c), wps at a page start",
	  .runner = RUN_ARMDBG, .variant = BENCH_ARMED_EDGE, .scale = 6 },
	{ .id = "(d)", .what = "1 wp on loaded data, PAC=EL0",
	  .runner = RUN_ARMDBG, .variant = BENCH_WATCH, .scale = 4 },
	{ .id = "(e)", .what = "EL1 single-steps EL0 loop",
	  .runner = RUN_ARMDBG, .variant = BENCH_STEP, .scale = 8 },
	{ .id = "(f)b", .what = "QEMU: as (b)",
	  .runner = RUN_QEMU, .variant = BENCH_PLAIN, .scale = 300 },
	{ .id = "(f)c", .what = "QEMU: as (c)",
	  .runner = RUN_QEMU, .variant = BENCH_ARMED, .scale = 300 },
	{ .id = "(f)d", .what = "QEMU: as (d)",
	  .runner = RUN_QEMU, .variant = BENCH_WATCH, .scale = 10 },
	{ .id = "(f)e", .what = "QEMU: as (e)",
	  .runner = RUN_QEMU, .variant = BENCH_STEP, .scale = 8 },
	/* --probes: what one empty hook costs bare Unicorn on the same loop. */
	{ .id = "(a)+", .what = "UC_HOOK_BLOCK everywhere",
	  .runner = RUN_BARE, .variant = BENCH_PLAIN, .scale = 8,
	  .probe = "block" },
	{ .id = "(a)+", .what = "UC_HOOK_CODE everywhere",
	  .runner = RUN_BARE, .variant = BENCH_PLAIN, .scale = 8,
	  .probe = "code" },
	{ .id = "(a)+", .what = "UC_HOOK_CODE reading PSTATE + insn",
	  .runner = RUN_BARE, .variant = BENCH_PLAIN, .scale = 8,
	  .probe = "code-read" },
	{ .id = "(a)+", .what = "UC_HOOK_CODE on code never run",
	  .runner = RUN_BARE, .variant = BENCH_PLAIN, .scale = 8,
	  .probe = "code-range" },
	{ .id = "(a)+", .what = "UC_HOOK_MEM_READ/WRITE everywhere",
	  .runner = RUN_BARE, .variant = BENCH_PLAIN, .scale = 8,
	  .probe = "mem" },
	{ .id = "(a)+", .what = "UC_HOOK_MEM_READ/WRITE on untouched data",
	  .runner = RUN_BARE, .variant = BENCH_PLAIN, .scale = 8,
	  .probe = "mem-range" },
};

#define NJOBS (sizeof(jobs) / sizeof(jobs[0]))

static const char *variant_name(int v)
{
	switch (v) {
	case BENCH_PLAIN: return "plain";
	case BENCH_ARMED: return "armed";
	case BENCH_WATCH: return "watch";
	case BENCH_STEP: return "step";
	case BENCH_ARMED_EDGE: return "edge";
	default: return "?";
	}
}

static unsigned long long iterations(const struct job *j)
{
	return (unsigned long long)j->scale *
	       (j->variant == BENCH_STEP ? BENCH_ITERS_STEP : BENCH_ITERS_BASE);
}

/* Loop instructions, or for STEP the software steps the guest counted. */
static double work(const struct job *j)
{
	double n = (double)iterations(j) * BENCH_INSNS_PER_ITER;

	return j->variant == BENCH_STEP ? n + BENCH_SETUP_INSNS : n;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/*
 * Run @argv with stdin and stdout on /dev/null (stderr stays: error
 * messages).  Returns the exit status (128 + n for signal n, -1 if it
 * could not run) and the wall time in @secs.
 */
static int run_once(char *const argv[], double *secs)
{
	double t0 = now();
	pid_t pid = fork();
	int st;

	if (pid < 0) {
		fprintf(stderr, "armdbg_bench: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
		}
		execv(argv[0], argv);
		fprintf(stderr, "armdbg_bench: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "armdbg_bench: waitpid: %s\n",
				strerror(errno));
			return -1;
		}
	}
	*secs = now() - t0;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : -1;
}

struct tools {
	const char *path[NRUNNERS];
	bool probes;
};

/* Whether @j runs in this invocation. */
static bool wanted(const struct job *j, const struct tools *t)
{
	return t->path[j->runner] && (!j->probe || t->probes);
}

static void image_path(const struct job *j, char *buf, size_t len)
{
	snprintf(buf, len, "%s/bench_%s_x%u.elf", BENCH_ELF_DIR,
		 variant_name(j->variant), j->scale);
}

/* One timed run of @j; false (with a message) if it did not exit 0. */
static bool run_job(const struct tools *t, struct job *j, double *secs)
{
	static char *const qemu_args[] = {
		"-M", "virt", "-cpu", "cortex-a57", "-nographic",
		"-monitor", "none", "-serial", "none",
		"-semihosting-config", "enable=on,target=native", "-kernel",
	};
	char elf[4096];
	char *argv[32];
	unsigned n = 0;
	int st;

	image_path(j, elf, sizeof(elf));
	argv[n++] = (char *)t->path[j->runner];
	if (j->probe) {
		argv[n++] = "--probe";
		argv[n++] = (char *)j->probe;
	}
	if (j->runner == RUN_ARMDBG) {
		/* the long runs exceed the default instruction limit */
		argv[n++] = "run";
		argv[n++] = "--max-insns";
		argv[n++] = "1000000000000";
	} else if (j->runner == RUN_QEMU) {
		for (unsigned i = 0; i < sizeof(qemu_args) / sizeof(qemu_args[0]); i++)
			argv[n++] = qemu_args[i];
	}
	argv[n++] = elf;
	argv[n] = NULL;
	st = run_once(argv, secs);
	if (st != BENCH_EXIT_OK) {
		fprintf(stderr, "armdbg_bench: %s %s (%s): exit status %d, "
			"expected %d\n", j->id, runner_name[j->runner], elf, st,
			BENCH_EXIT_OK);
		return false;
	}
	return true;
}

static const struct job *find(const char *id, enum runner r)
{
	for (size_t i = 0; i < NJOBS; i++) {
		if (!strcmp(jobs[i].id, id) && jobs[i].runner == r &&
		    !jobs[i].probe)
			return &jobs[i];
	}
	return NULL;
}

static bool start_ok(enum runner r)
{
	const struct job *s = find("start", r);

	return s && !s->failed;
}

static bool usable(const struct job *j, const struct tools *t)
{
	return j && t->path[j->runner] && !j->failed && j->net > 0;
}

static bool executable(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	       access(path, X_OK) == 0;
}

/* qemu-system-aarch64 on $PATH, or NULL. */
static const char *find_qemu(void)
{
	static char buf[4096];
	const char *p = getenv("PATH");

	while (p && *p) {
		size_t n = strcspn(p, ":");

		if (n > 0 && n < sizeof(buf) - 32) {
			snprintf(buf, sizeof(buf), "%.*s/qemu-system-aarch64",
				 (int)n, p);
			if (executable(buf))
				return buf;
		}
		p += n;
		if (*p == ':')
			p++;
	}
	return NULL;
}

static int usage(const char *msg)
{
	if (msg)
		fprintf(stderr, "armdbg_bench: %s\n", msg);
	fprintf(stderr, "usage: armdbg_bench [--runs N] [--armdbg PATH] "
		"[--qemu PATH | --no-qemu] [--probes]\n");
	return 2;
}

static const char *pass(bool ok)
{
	return ok ? "PASS" : "MISS";
}

static void print_results(const struct tools *t, unsigned runs)
{
	const struct job *a = find("(a)", RUN_BARE);
	const struct job *b = find("(b)", RUN_ARMDBG);
	const struct job *c = find("(c)", RUN_ARMDBG);
	const struct job *d = find("(d)", RUN_ARMDBG);
	const struct job *e = find("(e)", RUN_ARMDBG);
	const struct job *qb = find("(f)b", RUN_QEMU);
	const struct job *qd = find("(f)d", RUN_QEMU);
	const struct job *qe = find("(f)e", RUN_QEMU);

	printf("armdbg_bench: best of %u runs per variant; loop of %d "
	       "instructions (2 loads, 1 store, 4 ALU, 1 branch); %ld host CPUs\n\n",
	       runs, BENCH_INSNS_PER_ITER, sysconf(_SC_NPROCESSORS_ONLN));
	printf("| variant | runner | what | iterations | best s | net s | "
	       "M insn/s | vs (a) |\n");
	printf("|---|---|---|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < NJOBS; i++) {
		const struct job *j = &jobs[i];
		char ratio[32] = "";

		if (!wanted(j, t))
			continue;
		if (j->failed) {
			printf("| %s | %s | %s | %llu | FAILED | | | |\n", j->id,
			       runner_name[j->runner], j->what, iterations(j));
			continue;
		}
		if (!j->scale) {
			printf("| %s | %s | %s | 0 | %.3f | | | |\n", j->id,
			       runner_name[j->runner], j->what, j->best);
			continue;
		}
		if (usable(j, t) && usable(a, t) && j->variant != BENCH_STEP)
			snprintf(ratio, sizeof(ratio), "%.3f", j->rate / a->rate);
		if (j->net > 0)
			printf("| %s | %s | %s | %llu | %.3f | %.3f%s | %.2f%s | %s |\n",
			       j->id, runner_name[j->runner], j->what,
			       iterations(j), j->best, j->net,
			       j->net < SHORT_NET_S ? " (short)" : "",
			       j->rate / 1e6,
			       j->variant == BENCH_STEP ? " (steps)" : "", ratio);
		else
			printf("| %s | %s | %s | %llu | %.3f | %s | | |\n",
			       j->id, runner_name[j->runner], j->what,
			       iterations(j), j->best,
			       start_ok(j->runner) ? "<= 0 (noise)" :
						     "no start-up time");
	}

	printf("\n| target | measured | result |\n|---|---|---|\n");
	if (usable(a, t) && usable(b, t))
		printf("| (b)/(a) >= %.2f | %.3f | %s |\n", TARGET_B_OVER_A,
		       b->rate / a->rate, pass(b->rate / a->rate >= TARGET_B_OVER_A));
	else
		printf("| (b)/(a) >= %.2f | not measured | - |\n", TARGET_B_OVER_A);
	if (usable(a, t) && usable(c, t))
		printf("| (c)/(a) >= %.2f | %.3f | %s |\n", TARGET_C_OVER_A,
		       c->rate / a->rate, pass(c->rate / a->rate >= TARGET_C_OVER_A));
	else
		printf("| (c)/(a) >= %.2f | not measured | - |\n", TARGET_C_OVER_A);
	if (usable(b, t) && usable(d, t) && usable(qb, t) && usable(qd, t)) {
		double ours = b->rate / d->rate, theirs = qb->rate / qd->rate;

		printf("| (d) slowdown vs (b) below QEMU's | armdbg %.2fx, QEMU %.2fx | %s |\n",
		       ours, theirs, pass(ours < theirs));
	} else if (usable(b, t) && usable(d, t)) {
		printf("| (d) slowdown vs (b) below QEMU's | armdbg %.2fx, QEMU not measured | - |\n",
		       b->rate / d->rate);
	} else {
		printf("| (d) slowdown vs (b) below QEMU's | not measured | - |\n");
	}
	if (usable(e, t))
		printf("| (e) >= %.0f M steps/s | %.3f M steps/s | %s |\n",
		       TARGET_STEPS_PER_S / 1e6, e->rate / 1e6,
		       pass(e->rate >= TARGET_STEPS_PER_S));
	else
		printf("| (e) >= %.0f M steps/s | not measured | - |\n",
		       TARGET_STEPS_PER_S / 1e6);
	if (usable(qe, t))
		printf("\nQEMU single-steps the same EL0 loop at %.3f M steps/s.\n",
		       qe->rate / 1e6);
}

int main(int argc, char **argv)
{
	struct tools t = { { BENCH_BARE, BENCH_ARMDBG, NULL }, false };
	unsigned runs = 3;
	bool no_qemu = false;
	bool all_ok = true;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--no-qemu")) {
			no_qemu = true;
		} else if (!strcmp(a, "--probes")) {
			t.probes = true;
		} else if (!strcmp(a, "--runs") && i + 1 < argc) {
			char *end;
			unsigned long n = strtoul(argv[++i], &end, 10);

			if (*end || end == argv[i] || n < 1 || n > MAX_RUNS)
				return usage("--runs needs a number 1..20");
			runs = (unsigned)n;
		} else if (!strcmp(a, "--armdbg") && i + 1 < argc) {
			t.path[RUN_ARMDBG] = argv[++i];
		} else if (!strcmp(a, "--qemu") && i + 1 < argc) {
			t.path[RUN_QEMU] = argv[++i];
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(NULL);
			return 0;
		} else {
			return usage("unknown or incomplete option");
		}
	}
	if (no_qemu)
		t.path[RUN_QEMU] = NULL;
	else if (!t.path[RUN_QEMU])
		t.path[RUN_QEMU] = find_qemu();
	for (int r = 0; r < NRUNNERS; r++) {
		if (t.path[r] && !executable(t.path[r])) {
			fprintf(stderr, "armdbg_bench: %s: not an executable file\n",
				t.path[r]);
			return 2;
		}
	}
	if (!t.path[RUN_QEMU])
		fprintf(stderr, "armdbg_bench: qemu-system-aarch64 not used: "
			"no QEMU reference for (d)\n");

	for (size_t i = 0; i < NJOBS; i++) {
		char elf[4096];

		image_path(&jobs[i], elf, sizeof(elf));
		if (wanted(&jobs[i], &t) && access(elf, R_OK)) {
			fprintf(stderr, "armdbg_bench: %s: %s (build the "
				"bench_guests target)\n", elf, strerror(errno));
			return 2;
		}
	}

	/* Rounds: every variant once per round, so noise hits all alike. */
	for (unsigned r = 0; r < runs; r++) {
		for (size_t i = 0; i < NJOBS; i++) {
			struct job *j = &jobs[i];
			double s;

			if (!wanted(j, &t) || j->failed)
				continue;
			if (!run_job(&t, j, &s)) {
				j->failed = true;
				all_ok = false;
				continue;
			}
			if (r == 0 || s < j->best)
				j->best = s;
		}
	}
	for (size_t i = 0; i < NJOBS; i++) {
		struct job *j = &jobs[i];
		if (!j->scale || j->failed || !start_ok(j->runner))
			continue;
		j->net = j->best - find("start", j->runner)->best;
		if (j->net > 0)
			j->rate = work(j) / j->net;
	}
	print_results(&t, runs);
	return all_ok ? 0 : 1;
}
