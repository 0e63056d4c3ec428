/* SPDX-License-Identifier: MIT */
/*
 * emu/emu_int.h - the state of one `armdbg run` and the functions the
 * emulator's files share (internal to emu/):
 *   emu.c  the run loop, instruction counting, breakpoint/step/watchpoint hooks
 *   exc.c  exception entry, debug events, aborts from the guest's tables
 *   sys.c  MRS/MSR/SYS, exception-generating instructions, semihosting
 */
#ifndef ARMDBG_EMU_EMU_INT_H
#define ARMDBG_EMU_EMU_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "a64mem.h"
#include "debug.h"
#include "disasm.h"
#include "emu.h"
#include "evlog.h"
#include "gic.h"
#include "mmu.h"
#include "semihost.h"
#include "step.h"
#include "sysreg.h"
#include "timer.h"
#include "ucshim.h"

#define COUNTER_FREQ 62500000u     /* CNTFRQ_EL0: one tick per 16 cycles of a 1 GHz core */
#define CYCLES_PER_CS 10000000u    /* 1 GHz: cycles per centisecond */
#define WP_SAVE_MAX 128            /* bytes of memory saved for a store hit */
#define EMU_MAX_STEX 64            /* Store-Exclusive addresses hooked */
#define EMU_BLK_CACHE 1024         /* blocks whose facts are cached (block_info()) */

struct wp_save {
	uint64_t va;
	unsigned len;
	uint8_t bytes[WP_SAVE_MAX];
};

struct emu {
	struct ucs *u;
	uc_engine *uc;
	struct ad_config cfg;
	struct ad_state st;
	struct disasm *dis;
	struct sh_state sh;
	FILE *log;
	bool log_owned;      /* opened here (--log), closed at the end */
	enum ev_format logfmt;
	uint64_t ram_base, ram_size;
	const uint8_t *ram;
	uint64_t cycle, max_insns;
	uint64_t nexc; /* exceptions entered: an exception loop is a runaway too */
	uint64_t rnd;

	uc_hook h_code, h_block, h_intr, h_mrs, h_msr, h_sys, h_mem, h_unmapped;
	/* code hooks on breakpointed addresses and Store-Exclusives (below) */
	uc_hook h_bp[AD_MAX_BPS + EMU_MAX_STEX];
	uint64_t h_bp_addr[AD_MAX_BPS + EMU_MAX_STEX];
	/*
	 * Store-Exclusives seen on the fast path while a watchpoint is
	 * enabled: each gets a code hook, because one that fails makes no
	 * memory access for a page trap or memory hook to see (stex_check()).
	 * More than EMU_MAX_STEX: the per-instruction hook instead.
	 */
	uint64_t stex_addr[EMU_MAX_STEX];
	unsigned nstex;
	bool stex_overflow;
	unsigned nbp_hooks;
	/*
	 * Where translated code can be since update_hooks() last invalidated
	 * it: [code_lo, code_hi) from the block hook, anywhere in RAM after
	 * precise-mode execution (code_all).
	 */
	uint64_t code_lo, code_hi;
	bool code_all;
	bool mem_hooked;     /* a watchpoint is enabled (memory hook or page traps) */
	bool mem_hook_on;    /* ... and checked by the memory hook h_mem */
	/* Enabled watchpoints' ranges, widened (see watch_ranges()). */
	unsigned nwr;
	uint64_t wr_lo[AD_MAX_WPS], wr_hi[AD_MAX_WPS];
	bool bp_any;
	bool hooks_set;
	/*
	 * precise: a code hook on every instruction (stepping, or breakpoints
	 * that are not plain address matches).  Otherwise the fast path: a
	 * block hook counts instructions a translation block at a time and
	 * code hooks sit on the breakpointed addresses only.
	 */
	bool precise;
	/*
	 * SCTLR_EL1.M / SCTLR_EL2.M as the guest wrote them.  Unicorn reports
	 * a translation fault of the guest's tables as an unmapped access with
	 * the PC of the block, so the per-instruction hook runs while the MMU
	 * is on, to know which instruction faulted.
	 */
	bool mmu_el1, mmu_el2;
	/*
	 * Inside a code or interrupt hook, whose PC write Unicorn obeys: an
	 * exception entry can switch at once (ucs_set_el_now()).
	 */
	bool pc_write_ok;
	/* An exception entry deferred until the run returns (MMU on). */
	bool in_run, sw_pending;
	uint64_t sw_pstate, sw_pc;
	/* An abort seen by the unmapped-access hook, taken after the stop. */
	bool ab_pending, ab_fetch;
	uint64_t ab_pc;

	/* Fast path: the block executing now, and the one before it. */
	uint64_t blk_addr, blk_cycle;
	uint32_t blk_size;
	uint64_t last_addr, last_cycle;
	uint32_t last_size;
	struct blk_info { uint64_t addr; uint32_t size; bool eret, stex; } blk_cache[EMU_BLK_CACHE];

	/*
	 * ad_step_enabled_from() for the current PE state (step_en), valid
	 * while step_ok: see step_enabled().
	 */
	bool step_ok, step_en;
	/* The model's PE state is the PSTATE an exception entry just set. */
	bool pe_synced;

	/* The instruction the code hook saw last, not yet retired. */
	bool have_prev;
	uint64_t prev_pc;
	uint32_t prev_insn;

	/* Watchpoint bookkeeping: the instruction checked last, a pending hit. */
	uint64_t wp_pc, wp_cycle;
	bool wp_checked;
	bool wp_pending;
	uc_context *wp_ctx;
	struct ad_debug_event wp_ev;
	uint64_t wp_insn_pc;
	unsigned wp_nsave;
	struct wp_save wp_save[A64_MEM_MAX_OPS];
	/*
	 * Page traps (ucs_trap_pages()) instead of the memory hook on the fast
	 * path: the pages trapped now; a trap that stopped the run (wp_pending
	 * too); after a trap with no hit, the memory hook for this page set
	 * (wp_fb_*); the instruction the trap stopped, whose breakpoint check
	 * is not repeated when it runs again (wp_replay_*).
	 */
	unsigned wp_ntrap;
	struct ucs_trap_page wp_trap[UCS_MAX_TRAP_PAGES];
	bool wp_trapped;
	unsigned wp_fb_n;
	bool wp_fb;
	struct ucs_trap_page wp_fb_pages[UCS_MAX_TRAP_PAGES];
	bool wp_replay;
	uint64_t wp_replay_pc, wp_replay_cycle;

	/*
	 * MRS/MSR with op0 = 3 that nothing here emulates, by direction and
	 * encoding (op1:CRn:CRm:op2): 0 not classified yet, SR_PASS or
	 * SR_MINE (sys.c, sr_passes()).
	 */
	uint8_t sr_class[2][1 << 14];

	/* A trap or UNDEFINED the model decided at an MRS/MSR (ucs_trap_sysreg). */
	bool sr_pending;
	bool sr_resume; /* no exception: a debug-register write completed */
	bool sr_wp;     /* a watchpoint on DC ZVA / DC IVAC: sr_ev */
	struct ad_debug_event sr_ev;
	uint64_t sr_pc, sr_esr;
	unsigned sr_target;

	/* Interrupts and virtual time (irq.c). */
	struct gic gic;
	struct timers tm;
	unsigned cycles_per_tick, exc_entry_cycles, exc_return_cycles;
	uint64_t extra;      /* virtual cycles not spent retiring instructions */
	const struct emu_input *inputs;
	unsigned ninputs, next_input;
	bool irq_on;         /* an interrupt can reach the PE: checked per instruction */
	bool irq_dirty;      /* GIC or timer state changed: recompute the signal */
	uint64_t next_event; /* virtual cycle of the next timer rise or input */
	struct gic_signal sig;
	uint64_t mmio_base;
	bool rehook;         /* stopped to change the hooks (update_hooks) */
	FILE *out;           /* guest output */
	FILE *err;           /* emulator messages */

	/* How the run ends. */
	bool done;
	int status;
	char msg[512];
};

uint64_t xreg(struct emu *e, unsigned n);
bool step_enabled(struct emu *e);

/* What step_enabled() reads may have changed (PE state, debug registers). */
static inline void step_stale(struct emu *e)
{
	e->step_ok = false;
}
void set_xreg(struct emu *e, unsigned n, uint64_t v);
uint64_t pc_now(struct emu *e);
uint64_t pstate_now(struct emu *e);
uint32_t insn_at(struct emu *e, uint64_t pc);
const char *disasm_at(struct emu *e, uint64_t pc);
__attribute__((format(printf, 3, 4)))
void fail(struct emu *e, int status, const char *fmt, ...);
void sync_pe(struct emu *e);
void sync_pe_from(struct emu *e, uint64_t pstate);
uint64_t retired_before(struct emu *e, uint64_t pc);
void consume(struct emu *e, uint64_t pc, bool retired);
void log_ev_at(struct emu *e, struct ev *v, uint64_t cycle);
void log_ev(struct emu *e, struct ev *v);
void take_exception(struct emu *e, unsigned target_el, uint64_t esr,
		    uint64_t elr, const uint64_t *far,
		    enum ad_exc_kind kind);
unsigned sync_target(struct emu *e);
void take_undefined(struct emu *e, uint64_t pc);
void debug_event(struct emu *e, enum ev_kind kind, uint64_t pc,
		 const struct ad_debug_event *d, const uint64_t *far);
void retire_prev(struct emu *e);
uint64_t view_x(void *ctx, unsigned n);
uint64_t view_sp(void *ctx);
uint32_t mrs_hook(uc_engine *uc, uc_arm64_reg reg,
		  const uc_arm64_cp_reg *cp, void *user);
uint32_t msr_hook(uc_engine *uc, uc_arm64_reg reg,
		  const uc_arm64_cp_reg *cp, void *user);
uint32_t sys_hook(uc_engine *uc, uc_arm64_reg reg,
		  const uc_arm64_cp_reg *cp, void *user);
bool sh_read(void *ctx, uint64_t addr, void *buf, size_t len);
bool sh_write(void *ctx, uint64_t addr, const void *buf, size_t len);
size_t sh_out(void *ctx, enum sh_stream s, const uint8_t *buf, size_t len);
uint64_t sh_now(void *ctx);
void instruction_abort(struct emu *e, uint64_t pc);
void data_abort(struct emu *e, uint64_t pc);
bool unmapped_hook(uc_engine *uc, uc_mem_type type, uint64_t addr,
		   int size, int64_t value, void *user);
void take_pending_abort(struct emu *e);
void intr_hook(uc_engine *uc, uint32_t intno, void *user);
void update_hooks(struct emu *e);

/* irq.c */
enum irq_take { IRQ_NONE, IRQ_IRQ, IRQ_FIQ };

enum sr_outcome {
	SR_NOT_MINE,     /* not a timer/counter/ICC register */
	SR_DONE,         /* emulated: .value for a read */
	SR_DONE_REHOOK,  /* emulated, and the hooks must change before the next instruction */
	SR_EXCEPTION,    /* UNDEFINED or trapped: .target_el, .esr */
	SR_UNSUPPORTED,  /* .why */
};

struct sr_emul {
	enum sr_outcome outcome;
	uint64_t value;
	unsigned target_el;
	uint64_t esr;
	const char *why;
};

uint64_t vtime(struct emu *e, uint64_t pc);
void irq_init(struct emu *e, const struct emu_opts *o);
int irq_map_mmio(struct emu *e);
const char *irq_check_inputs(const struct emu_input *in, unsigned n);
enum irq_take irq_boundary(struct emu *e, uint64_t pc, unsigned *target);
bool irq_wfi(struct emu *e, uint64_t pc);
struct sr_emul irq_sysreg(struct emu *e, uint64_t pc, struct ad_sysreg_enc r,
			  bool rd, unsigned rt, uint64_t wval);
void take_interrupt(struct emu *e, uint64_t pc, bool fiq, unsigned target_el);

#endif
