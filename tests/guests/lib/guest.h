/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/lib/guest.h - the shared library of the bare-metal guest
 * tests: exception frames and dispatch, running code at another EL or
 * PSTATE, semihosting output, checks, debug-register and MMU helpers.
 *
 * Memory map (guest.ld): start-up code 0x40080000, EL1 vectors 0x40080800,
 * EL2 vectors 0x40081000, per-test probes (.text.probes) 0x40082000, C code
 * 0x40088000, probe data (.data.probe) 0x400a0000, data/bss/stacks
 * 0x400b0000.  Probe addresses are fixed with .org so that the expected
 * transcripts can name them.
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VECTORS_EL1 0x40080800ull
#define VECTORS_EL2 0x40081000ull

/* Vector offsets (AArch64 vector table). */
#define VEC_CUR_SP0  0x000
#define VEC_CUR_SPX  0x200
#define VEC_LOWER64  0x400

/* Exception classes. */
#define EC_UNKNOWN   0x00
#define EC_SVC64     0x15
#define EC_HVC64     0x16
#define EC_SMC64     0x17
#define EC_SYSREG    0x18
#define EC_BP_LOWER  0x30
#define EC_BP_CUR    0x31
#define EC_SS_LOWER  0x32
#define EC_SS_CUR    0x33
#define EC_WP_LOWER  0x34
#define EC_WP_CUR    0x35
#define EC_BRK64     0x3c

/* SPSR / PSTATE bits. */
#define PSR_MODE_EL0t 0x0
#define PSR_MODE_EL1t 0x4
#define PSR_MODE_EL1h 0x5
#define PSR_MODE_EL2h 0x9
#define PSR_F   (1ull << 6)
#define PSR_I   (1ull << 7)
#define PSR_A   (1ull << 8)
#define PSR_D   (1ull << 9)
#define PSR_DAIF (PSR_D | PSR_A | PSR_I | PSR_F)
#define PSR_SS  (1ull << 21)
#define PSR_UAO (1ull << 23)
#define PSR_NZCV (0xfull << 28)

/* MDSCR_EL1 bits. */
#define MDSCR_SS  (1ull << 0)
#define MDSCR_KDE (1ull << 13)
#define MDSCR_MDE (1ull << 15)

/* MDCR_EL2 bits. */
#define MDCR_TDE   (1ull << 8)
#define MDCR_TDA   (1ull << 9)

/* DBGBCR<n>_EL1 fields. */
#define BCR_E        1ull
#define BCR_PMC(x)   ((uint64_t)(x) << 1)
#define BCR_BAS_A64  (0xfull << 5)
#define BCR_HMC      (1ull << 13)
#define BCR_LBN(x)   ((uint64_t)(x) << 16)
#define BCR_BT(x)    ((uint64_t)(x) << 20)

/* DBGWCR<n>_EL1 fields. */
#define WCR_E        1ull
#define WCR_PAC(x)   ((uint64_t)(x) << 1)
#define WCR_LSC(x)   ((uint64_t)(x) << 3)
#define WCR_BAS(x)   ((uint64_t)(x) << 5)
#define LSC_LOAD  1
#define LSC_STORE 2
#define LSC_BOTH  3
#define PRIV_EL1  1   /* PMC/PAC = 0b01 */
#define PRIV_EL0  2   /* PMC/PAC = 0b10 */
#define PRIV_BOTH 3

/* The register frame the vector code saves (lib/start.S relies on it). */
struct frame {
	uint64_t x[31];
	uint64_t elr, spsr, esr, far;
	uint64_t vec;   /* offset of the vector entry taken, 0x000..0x780 */
	uint64_t el;    /* EL the handler runs at */
	uint64_t pad;   /* keeps the frame a multiple of 16 bytes (304) */
};

static inline unsigned frame_ec(const struct frame *f)
{
	return (unsigned)(f->esr >> 26) & 0x3f;
}

/*
 * The test's exception handler, called for every exception the library
 * does not consume itself.  Return true when handled (the frame, possibly
 * modified, is restored and the handler ERETs); false makes the exception
 * "unexpected": its syndrome is printed and the guest exits with 3.
 */
typedef bool (*exc_handler_fn)(struct frame *f);
extern exc_handler_fn exc_handler;

/* A copy of the frame of the last exception the test recorded. */
extern struct frame last;
extern unsigned nexc;
void record(const struct frame *f);

/*
 * Run code at @pc with PSTATE from @spsr (EL0t, EL1t, EL1h, ...) and
 * SP_EL0 = @sp_el0, by ERET from EL1.  The code returns with `svc #0xffff`
 * (SVC_RETURN), from any EL/stack: run_at then returns its x0.  The
 * caller's PSTATE.DAIF is restored on return.
 */
#define SVC_RETURN 0xffff
uint64_t run_at(uint64_t pc, uint64_t spsr, uint64_t sp_el0);
uint64_t run_el0(void *pc);            /* EL0t, DAIF clear, library stack */
extern char stack_el0_top[];

/* With --el2: call fn(arg) at EL2 (HVC #HVC_CALL) and return its result. */
#define HVC_CALL 0xfffe
uint64_t hvc_call(uint64_t (*fn)(uint64_t), uint64_t arg);

/* Semihosting output and exit. */
void put_str(const char *s);
void gprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void guest_exit(unsigned code) __attribute__((noreturn));

/* Checks: print "label = 0xVAL" and count a mismatch as a failure. */
void expect(const char *label, uint64_t got, uint64_t want);
void expect_range(const char *label, uint64_t got, uint64_t lo, uint64_t hi);
void section(const char *title);
/*
 * Check an exception frame: vector offset, ESR, ELR and SPSR (NZCV masked
 * out: C code leaves the flags in an unknown state).
 */
void expect_frame(const struct frame *f, uint64_t vec, uint64_t esr,
		  uint64_t elr, uint64_t spsr);
/* Print "PASS" (exit 0) or "FAIL: n check(s)" (exit 1). */
void done(void) __attribute__((noreturn));

/* System registers. */
#define read_sysreg(r) ({ uint64_t __v; \
	__asm__ volatile("mrs %0, " #r : "=r"(__v) :: "memory"); __v; })
#define write_sysreg(r, v) \
	__asm__ volatile("msr " #r ", %0" :: "r"((uint64_t)(v)) : "memory")

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline void dsb(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}

static inline void debug_unmask(void)
{
	__asm__ volatile("msr daifclr, #8" ::: "memory");
}

static inline void debug_mask(void)
{
	__asm__ volatile("msr daifset, #8" ::: "memory");
}

static inline uint64_t current_el(void)
{
	return read_sysreg(CurrentEL) >> 2 & 3;
}

/* Debug registers by number (n < 16); each write is followed by an ISB. */
void set_bp(unsigned n, uint64_t bvr, uint64_t bcr);
void set_wp(unsigned n, uint64_t wvr, uint64_t wcr);
void clear_bp(unsigned n);
void clear_wp(unsigned n);
uint64_t get_bcr(unsigned n);
uint64_t get_wcr(unsigned n);
void set_mdscr(uint64_t v);
/* Zero every implemented DBGBCR/BVR/WCR/WVR (first 16) and MDSCR_EL1. */
void debug_clear_regs(void);
/* debug_clear_regs() and clear the OS lock: what an OS does at CPU start. */
void debug_reset(void);

/*
 * Identity map of the RAM 1 GiB block (0x40000000) as Normal write-back
 * memory, and an alias of the same block at VA 0x80000000 (data only);
 * then SCTLR_EL1.{M,C,I} = 1.  mmu_off() undoes it.
 */
#define ALIAS_OFFSET 0x40000000ull
void mmu_on(void);
void mmu_off(void);

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

/* Read SIMD V0 (asm, the C code never touches FP/SIMD registers). */
uint64_t read_v0_lo(void);
uint64_t read_v0_hi(void);

#endif
