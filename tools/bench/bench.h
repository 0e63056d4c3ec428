/* SPDX-License-Identifier: MIT */
/*
 * tools/bench/bench.h - what the benchmark guest (bench.S) and the driver
 * (bench.c) must agree on: variants, iteration counts, instructions per
 * iteration, exit statuses.  Only #defines: bench.S includes it too.
 */
#ifndef ARMDBG_BENCH_H
#define ARMDBG_BENCH_H

/* BENCH_VARIANT values (bench.S describes each). */
#define BENCH_PLAIN	1	/* (b) no debug set-up */
#define BENCH_ARMED	2	/* (c) 6 breakpoints + 4 watchpoints, never hit */
#define BENCH_WATCH	3	/* (d) 1 watchpoint on loaded data, PAC = EL0 */
#define BENCH_STEP	4	/* (e) EL1 kernel single-steps the loop at EL0 */
#define BENCH_ARMED_HIT	5	/* check: (c) then a call into breakpoint 0 */
#define BENCH_WATCH_HIT	6	/* check: (d) with PAC = EL1: the load hits */
#define BENCH_ARMED_EDGE 7	/* (c') as (c), watchpoints at a page's start */

/*
 * Loop iterations at BENCH_SCALE 1.  An image is built with BENCH_ITERS =
 * base * BENCH_SCALE (scale 0: the loop does not run, which measures a
 * runner's fixed start-up cost), or with an explicit BENCH_ITERS (the
 * CTest check images).  bench.c picks each variant's scale so that every
 * timed run lasts at least 1 s on the 2-core reference machine (bare
 * Unicorn and armdbg's fast path run the loop at 40-55 M instructions/s,
 * QEMU at 1000-1800, a memory hook brings armdbg to 20-30, stepping runs
 * at 0.3-1 M steps/s), so that start-up noise stays small.
 */
#define BENCH_ITERS_BASE	1000000
#define BENCH_ITERS_STEP	50000

/* The loop: ldr, ldr, add, eor, str, add, subs, b.ne (bench.S checks). */
#define BENCH_INSNS_PER_ITER	8
/* Instructions before the loop that the EL0 program of (e) also steps. */
#define BENCH_SETUP_INSNS	4

/* Exit statuses: 0 right, 1 wrong result, 0x40 | EC an exception. */
#define BENCH_EXIT_OK		0
#define BENCH_EXIT_WRONG	1
#define BENCH_EXIT_EXC(ec)	(0x40 | (ec))
#define BENCH_EC_BREAKPT_CUR	0x31
#define BENCH_EC_WATCHPT_CUR	0x35

#endif
