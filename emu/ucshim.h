/* SPDX-License-Identifier: MIT */
/*
 * emu/ucshim.h - the one place that knows how Unicorn 2.0.1 misbehaves.
 *
 * Owns: the Unicorn engine of an armdbg run (AArch64, one CPU model, one
 * RAM region, one private page), every workaround armdbg needs to drive it
 * and the start-up self-test that proves those workarounds still hold:
 *
 *   - consistent Exception level / PSTATE switches (ucs_set_el) through a
 *     private ERET trampoline executed at EL3, with SP banking and a patch
 *     of QEMU's cached translation flags ("hflags") whose location in a
 *     uc_context blob is found by self-calibration at ucs_open();
 *   - with this exact build: QEMU's live CPU state located at ucs_open()
 *     (through the exported qemu_get_cpu_aarch64() and a content search,
 *     verified byte for byte), so that hflags patches and SPSR_ELx
 *     accesses are in place, switches below EL3 skip the trampoline's
 *     ERET (QEMU's exported arm_rebuild_hflags(); ucs_set_el_now() from
 *     the caller's hook), and the PMU's EL-change hooks, which read the
 *     host clock at every ERET, are emptied; without it, the slow paths;
 *   - translation-flag and TLB refresh after host system-register writes;
 *   - SCR_EL3.RW/NS and HCR_EL2.RW set-up;
 *   - host system-register access with a deny-list for the encodings whose
 *     host access aborts the process or scribbles over QEMU's state;
 *   - translation-cache invalidation after hooks change (ucs_flush);
 *   - page traps (ucs_trap_pages): precise traps on guest data accesses
 *     to chosen pages through a stage 2 translation of its own, in place
 *     of memory hooks, which slow down every access;
 *   - a run wrapper (ucs_run) with a reliable stop-from-hook (ucs_stop) and
 *     exact instruction counts.
 *
 * Nothing outside emu/ should call uc_reg_write(UC_ARM64_REG_PSTATE), read
 * CP registers through UC_ARM64_REG_CP_REG or call uc_emu_start(): use the
 * functions here.  Hooks, memory reads/writes and mappings outside RAM and
 * the private page may use the engine directly (ucs_uc()).
 *
 * Measured facts this module relies on are in the comments of ucshim.c
 * (with the reference notes they come from); ucs_selftest() re-checks them
 * against the installed library and armdbg refuses to run if it fails.
 */
#ifndef ARMDBG_EMU_UCSHIM_H
#define ARMDBG_EMU_UCSHIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <unicorn/unicorn.h>

/* CPU models Unicorn 2.0.1 offers for AArch64. */
enum ucs_cpu {
	UCS_CPU_A53,
	UCS_CPU_A57,
	UCS_CPU_A72,
	UCS_CPU_MAX,
};

/* Results.  Every failing call also leaves a message in ucs_error(). */
enum ucs_status {
	UCS_OK = 0,
	UCS_EINVAL = -1,   /* bad argument */
	UCS_ENOREG = -2,   /* Unicorn does not implement the register */
	UCS_EDENIED = -3,  /* host access would abort or corrupt: refused */
	UCS_EPARTIAL = -4, /* written, but reads back differently */
	UCS_EILLEGAL = -5, /* the switch would be an illegal exception return */
	UCS_EUNICORN = -6, /* Unicorn returned an error (ucs_uc_err()) */
	UCS_ESTATE = -7,   /* not possible in the current engine state */
	UCS_EVERIFY = -8,  /* Unicorn did not behave as calibrated */
};

/*
 * The private page: physical (and, at EL3 with SCTLR_EL3.M == 0, virtual)
 * addresses [UCS_PRIV_BASE, UCS_PRIV_BASE + UCS_PRIV_SIZE) hold the ERET
 * trampolines.  It is the last 4 KiB below 1 TiB, inside the 40-bit
 * physical address space of all four CPU models.  Guest RAM must not
 * overlap it.  The guest can read and execute it but not write it.  A
 * second private region, [UCS_S2_BASE, UCS_S2_BASE + UCS_S2_SIZE), holds
 * the stage 2 tables of the page traps (ucs_trap_pages()): the guest can
 * read it while no page is trapped, never write it.
 *
 * Hooks the caller installs over all addresses (UC_HOOK_CODE, UC_HOOK_BLOCK,
 * UC_HOOK_INSN for SYS: the trampoline executes TLBI) see these private
 * instructions: they must ignore any address for which ucs_is_private()
 * is true (and an INSN hook must return 0 there).  So must UC_HOOK_INTR
 * hooks for a PC there (a page trap's ucs_stop() parks PC on the page).
 * ucshim keeps a UC_HOOK_CODE on the first 6 instructions of the page
 * and a UC_HOOK_INTR hook that runs before the caller's.
 *
 * Other Unicorn 2.0.1 hook facts callers rely on (ucs_selftest() checks
 * them): MRS/MSR hooks fire before QEMU's access checks, also at EL0;
 * returning 1 skips the instruction, and for an access QEMU would UNDEF
 * the hook must also set PC to the next instruction or it fires again
 * for ever.  Interrupt hooks get SVC as 2 (PC after it), BRK as 7, UDF and
 * HLT as 1 (PC at it); nothing enters the guest's vectors.  Memory write
 * hooks fire before the store with PC at the instruction.
 */
#define UCS_PRIV_BASE 0x000000fffffff000ULL
#define UCS_PRIV_SIZE 0x1000ULL

static inline bool ucs_is_private(uint64_t addr)
{
	return addr >= UCS_PRIV_BASE && addr - UCS_PRIV_BASE < UCS_PRIV_SIZE;
}

/* PSTATE / SPSR_ELx bits used with ucs_set_el(). */
#define UCS_PSTATE_SP   (1ULL << 0)  /* SPSel: 1 = ELxh */
#define UCS_PSTATE_EL_SHIFT 2
#define UCS_PSTATE_nRW  (1ULL << 4)
#define UCS_PSTATE_DAIF (0xfULL << 6)
#define UCS_PSTATE_IL   (1ULL << 20)
#define UCS_PSTATE_SS   (1ULL << 21)
#define UCS_PSTATE_NZCV (0xfULL << 28)

/* M[3:0] for EL @el, SPSel @h (EL0 has only SP_EL0). */
static inline uint64_t ucs_pstate_mode(unsigned el, bool h)
{
	return ((uint64_t)(el & 3) << UCS_PSTATE_EL_SHIFT) |
	       (h && el ? UCS_PSTATE_SP : 0);
}

struct ucs;

/* QEMU's exception numbers as UC_HOOK_INTR reports them (unicorn.md). */
enum {
	QEXCP_UDEF = 1,
	QEXCP_SWI = 2,
	QEXCP_PREFETCH_ABORT = 3,
	QEXCP_DATA_ABORT = 4,
	QEXCP_BKPT = 7,
	QEXCP_HVC = 11,
	QEXCP_SMC = 13,
};


/*
 * Open an engine: Unicorn AArch64 with CPU model @cpu, RAM at
 * [@ram_base, @ram_base + @ram_size) (4 KiB aligned, below UCS_S2_BASE
 * and the private page), SCR_EL3.RW = 1, SCR_EL3.NS = @ns (true: EL0/EL1
 * Non-secure, which EL2 needs) and, when @ns, HCR_EL2.RW = 1.  Calibrates
 * the translation flags, the PSTATE bits the model implements and (@ns)
 * where QEMU keeps a data abort's address, and requests a switch
 * to EL1h, DAIF masked, PC = @ram_base (reset state; done by the first
 * ucs_run()).  Returns NULL with a message naming the Unicorn version in
 * @err on failure.
 */
struct ucs *ucs_open(enum ucs_cpu cpu, uint64_t ram_base, uint64_t ram_size,
		     bool ns, char *err, size_t errlen);
void ucs_close(struct ucs *s);

/* The engine, for hooks and memory access. */
uc_engine *ucs_uc(struct ucs *s);
/* Message of the last failure ("" if none). */
const char *ucs_error(const struct ucs *s);
/* Unicorn's error behind the last UCS_EUNICORN. */
uc_err ucs_uc_err(const struct ucs *s);
/* "Unicorn X.Y.Z" of the library actually loaded. */
void ucs_version(char *buf, size_t len);
/* Calibrated byte offset of QEMU's hflags word in a uc_context blob. */
size_t ucs_hflags_offset(const struct ucs *s);

/*
 * Which of the paths through QEMU's live CPU state this engine uses, in
 * words (for `armdbg --version`): "none" when the state was not located.
 */
void ucs_describe(const struct ucs *s, char *buf, size_t len);

/*
 * Switch to PSTATE @pstate (SPSR_ELx format: M[3:0], DAIF, NZCV, IL and
 * whatever PAN/UAO/DIT/SSBS/BTYPE bits the CPU model implements) at @pc,
 * from any EL to any EL, the way an exception return would: the live SP is
 * banked into SP_ELx of the current EL and SP_ELx of the target becomes
 * the live SP.  M[4] (AArch32) is refused, and so are targets that would be
 * illegal returns under the current SCR_EL3/HCR_EL2 (UCS_EILLEGAL).
 * PSTATE.SS is ignored: Unicorn squashes it (the model tracks it).  The
 * switch clears the exclusive monitor, as QEMU's ERET does.  ELR_EL3,
 * SPSR_EL3 and SP_EL3 keep their values.
 *
 * The switch is an ERET at EL3 on the private page and completes when
 * Unicorn next executes: the register helpers below (PC, PSTATE, SP,
 * ucs_current_el()) show the target state from the moment this returns.
 *
 * Outside a run: nothing else to do; the next ucs_run() starts with the
 * switch (its @pc replaces the target PC).
 *
 * Inside a hook: return from the hook without writing PC, PSTATE or SP
 * through Unicorn (ucs_pc_write() changes the target PC).  Works from
 * UC_HOOK_CODE and UC_HOOK_INTR hooks.  From UC_HOOK_INSN (MRS/MSR/SYS)
 * hooks it works only for an access QEMU itself UNDEFs or traps (return 1
 * from the hook): for one QEMU allows, Unicorn ignores the PC change and
 * runs the rest of the translated block - ucs_run() then fails with
 * UCS_EVERIFY and the PE stays where it was.  Not from memory hooks
 * (ucs_stop() there and switch after ucs_run() returns).
 */
int ucs_set_el(struct ucs *s, uint64_t pstate, uint64_t pc);

/*
 * ucs_set_el(), made at once where that is possible: QEMU's CPU state was
 * located at ucs_open() (Unicorn 2.0.1 as calibrated; see find_env() in
 * ucshim.c), the target is below EL3 and no other switch or refresh is
 * under way (ucs_can_switch_now()).  PC, PSTATE, SP and the translation
 * flags are then the target's when this returns, and no trampoline runs,
 * so the guest's MMU may be on.  Otherwise it is ucs_set_el().  Only
 * outside a run, or inside a UC_HOOK_CODE or UC_HOOK_INTR hook (whose PC
 * write Unicorn obeys).
 */
int ucs_set_el_now(struct ucs *s, uint64_t pstate, uint64_t pc);
bool ucs_can_switch_now(const struct ucs *s, uint64_t pstate);

/*
 * QEMU's exclusive monitor, where ucs_open() located it: the address of
 * the last Load-Exclusive (all ones when clear) and the value it loaded.
 * A Store-Exclusive of n <= 8 bytes at VA a will succeed exactly when
 * a == *addr and the n bytes at a, zero-extended, equal *val.  False:
 * not known (a 16-byte STXP compares a second value too: never known).
 */
bool ucs_monitor(const struct ucs *s, uint64_t *addr, uint64_t *val);

/* 0: no direct switches in this engine; else 1 + how many were made. */
unsigned long ucs_direct_switches(const struct ucs *s);

/*
 * Like ucs_set_el() to the current PSTATE at @pc, and also flush QEMU's
 * TLBs: brings the translation flags and TLBs in line with system
 * registers written from the host (ucs_sysreg_write() marks them stale,
 * ucs_run() refreshes them by itself when it starts; in a hook call this
 * with the resume PC).
 */
int ucs_refresh(struct ucs *s, uint64_t pc);

/* Current EL from PSTATE (never a host read of CurrentEL), or < 0. */
int ucs_current_el(struct ucs *s);

/*
 * Run from @pc until a hook stops it (ucs_stop()) or, if @count > 0, for
 * @count instructions.  Never uses Unicorn's timeout.  Not re-entrant.
 * Counted runs are exact for guest instructions when a switch made before
 * the run starts it; each switch made by a hook during a counted run
 * consumes 2 counts (5 after a host sysreg write, +1 to EL3) because
 * Unicorn counts the private trampoline.  Alternating counted and
 * uncounted runs is expensive: the first uncounted run after a counted
 * one makes Unicorn drop its whole translation cache (0.1-0.3 s
 * measured); the first counted run after uncounted ones invalidates RAM
 * translations (Unicorn would not count cached blocks).
 */
int ucs_run(struct ucs *s, uint64_t pc, uint64_t count);

/*
 * From inside a hook: end the current ucs_run() with PC = @resume_pc,
 * even if the hook also writes PC (which on its own cancels Unicorn's
 * stop; ucs_pc_write() after ucs_stop() changes @resume_pc).  Code and
 * interrupt hooks: before the next instruction.  Memory hooks: right
 * after the current access (a store has landed; for multi-access
 * instructions earlier parts may have landed).  MRS/MSR hooks: only for an
 * access QEMU itself UNDEFs or traps; otherwise Unicorn runs on and
 * ucs_run() fails with UCS_EVERIFY (use ucs_trap_sysreg()).  A switch the
 * same hook requested stays requested (ucs_run() returns with it pending
 * and @resume_pc as its target PC).
 */
void ucs_stop(struct ucs *s, uint64_t resume_pc);

/*
 * Taking an exception at an MRS/MSR of a debug register (op0 = 2) from
 * the UC_HOOK_INSN hook, at EL0..EL2: ucs_set_el() there is lost when QEMU
 * allows the access (see above).  Instead call ucs_trap_sysreg() and
 * return 0: QEMU's own access check then traps the instruction before
 * anything after it runs, and the UC_HOOK_INTR hook gets interrupt 1 at
 * it; there ucs_trap_taken() returns true (and undoes the trap) and
 * ucs_set_el() works.  (It sets QEMU's MDCR_EL3.TDA/TDOSA/TDRA meanwhile;
 * ucs_sysreg_read/write() show MDCR_EL3's real value.)  UCS_ESTATE at EL3,
 * where nothing traps.
 */
int ucs_trap_sysreg(struct ucs *s);
/*
 * The same for a DC ZVA or DC IVAC seen by a UC_HOOK_INSN SYS hook at EL0
 * or EL1 (QEMU's HCR_EL2.TDZ/TPCP meanwhile; ucs_trap_taken() undoes it).
 * UCS_ESTATE at EL2/EL3.
 */
int ucs_trap_dc(struct ucs *s);

/*
 * Unicorn 2.0.1 checks a guest access's virtual address against its
 * mapped regions, so a VA that the guest's tables translate into RAM but
 * that is not itself RAM is refused as unmapped.  ucs_alias() maps the
 * 4 KiB page of @va onto the RAM page of @pa (from an unmapped-access
 * hook, which then returns true to retry); ucs_unalias_all() drops every
 * alias (on TLB maintenance: the tables may have changed).
 */
#define UCS_MAX_ALIASES 4096

/*
 * Page traps: make guest data accesses to chosen 4 KiB pages raise a
 * precise trap, at no cost to accesses elsewhere (a memory hook, even on a
 * few bytes, sends every load and store through Unicorn's slow path).
 *
 * ucshim owns a stage 2 translation for EL1&0 (HCR_EL2.VM, VTCR_EL2,
 * VTTBR_EL2; its tables sit in a second private region at UCS_S2_BASE,
 * which the guest must not use): identity everywhere, executable, but no
 * data access (UCS_TRAP_ALL) or no store (UCS_TRAP_STORES) on the trapped
 * pages.  An access QEMU's stage 2 refuses raises QEMU's data abort with
 * the PC restored to the instruction, before that access and anything
 * after it in the instruction [measured; ucs_selftest() checks it]: the
 * instruction has not completed, its destination and base registers are
 * unchanged, and a single access that crosses into the page (QEMU probes
 * the second page first) has written nothing.  An earlier access of the
 * same instruction to a page that does not trap (LDP/STP, LD1-LD4/ST1-ST4
 * starting below the page) has been performed: trap the page below too if
 * that matters.
 *
 * ucshim catches the trap in a UC_HOOK_INTR hook of its own, which runs
 * before the caller's (it is added first): it calls @fn with the PC of
 * the instruction, the faulting address and whether the access was a
 * store, and then ends the run with ucs_stop() at that PC (unless @fn
 * already called ucs_stop()).  The caller's interrupt hook then sees
 * ucshim's private stop pad as PC and must ignore it (see
 * ucs_is_private()).  The instruction has not executed: when the run
 * continues at it with the page still trapped, it traps again.
 *
 * Only for EL0/EL1 code with the guest's own stage 1 off (a trapped page
 * is an IPA, the VA is compared): the caller must switch traps off
 * (@n = 0) when the guest turns its MMU on or owns EL2.  Needs an engine
 * opened with @ns (UCS_ESTATE otherwise).  May be called outside a run or
 * from any hook: QEMU's TLB is flushed at once.  At most
 * UCS_MAX_TRAP_PAGES pages; every page must be below 1 TiB and outside
 * the private regions.
 */
#define UCS_MAX_TRAP_PAGES 64
#define UCS_S2_BASE 0x000000ffffc00000ULL
#define UCS_S2_SIZE 0x100000ULL

enum ucs_trap_how {
	UCS_TRAP_ALL,    /* loads, stores, atomics, DC ZVA */
	UCS_TRAP_STORES, /* anything that writes (loads pass) */
};

struct ucs_trap_page {
	uint64_t addr; /* 4 KiB aligned */
	enum ucs_trap_how how;
};

typedef void (*ucs_page_trap_fn)(void *ctx, uint64_t pc, uint64_t addr,
				 bool write);

int ucs_trap_pages(struct ucs *s, const struct ucs_trap_page *pages,
		   unsigned n, ucs_page_trap_fn fn, void *ctx);

/* The host memory behind guest RAM [ram_base, ram_base + ram_size). */
uint8_t *ucs_ram(struct ucs *s);
int ucs_alias(struct ucs *s, uint64_t va, uint64_t pa);
void ucs_unalias_all(struct ucs *s);
bool ucs_trap_taken(struct ucs *s, uint32_t intno);

/*
 * Invalidate translated code so that hooks added or removed since it was
 * translated take effect: all of RAM (cost grows with RAM size: ~4 ms for
 * 256 MiB), or [@start, @end) (physical, inside RAM).  May be called in a
 * hook: the block running then finishes as translated, later executions
 * see the new hooks.
 */
int ucs_flush(struct ucs *s);
int ucs_flush_range(struct ucs *s, uint64_t start, uint64_t end);

/*
 * Registers.  X@n: 0..30, 31 is XZR (reads 0, writes ignored).  SP is the
 * live stack pointer (the SP_ELx PSTATE.SP selects); ucs_sp_el_*() give
 * the architectural SP_EL0..3 whether or not it is the live one.
 */
int ucs_x_read(struct ucs *s, unsigned n, uint64_t *v);
int ucs_x_write(struct ucs *s, unsigned n, uint64_t v);
int ucs_pc_read(struct ucs *s, uint64_t *v);
int ucs_pc_write(struct ucs *s, uint64_t v);
int ucs_sp_read(struct ucs *s, uint64_t *v);
int ucs_sp_write(struct ucs *s, uint64_t v);
int ucs_pstate_read(struct ucs *s, uint64_t *v);
int ucs_nzcv_write(struct ucs *s, uint64_t nzcv); /* bits 31:28 */
int ucs_sp_el_read(struct ucs *s, unsigned el, uint64_t *v);
int ucs_sp_el_write(struct ucs *s, unsigned el, uint64_t v);

/* Banked exception registers, EL 1..3. */
enum ucs_elreg { UCS_ELR, UCS_ESR, UCS_FAR, UCS_SPSR, UCS_VBAR };
int ucs_elreg_read(struct ucs *s, enum ucs_elreg r, unsigned el, uint64_t *v);
int ucs_elreg_write(struct ucs *s, enum ucs_elreg r, unsigned el, uint64_t v);

/* A system register encoding (MRS/MSR operands; op0 2 or 3). */
struct ucs_sysreg {
	uint8_t op0, op1, crn, crm, op2;
};

static inline struct ucs_sysreg ucs_sysreg(unsigned op0, unsigned op1,
					   unsigned crn, unsigned crm,
					   unsigned op2)
{
	struct ucs_sysreg r = { (uint8_t)op0, (uint8_t)op1, (uint8_t)crn,
				(uint8_t)crm, (uint8_t)op2 };
	return r;
}

/*
 * Host access to QEMU's copy of a system register (raw: no side effects,
 * no access checks).  UCS_EDENIED for the deny-listed encodings (see
 * ucs_sysreg_denied()), UCS_ENOREG for registers QEMU 5.0 lacks.  A write
 * is read back: UCS_EPARTIAL (message gives the value) if QEMU kept a
 * different value (read-only/constant register, RES0/RES1 bits).  ELR_EL3,
 * SPSR_EL3 and SP_ELx encodings go through the same logic as the named
 * helpers.  After a successful write the translation flags are stale
 * until ucs_refresh() (or the next ucs_run()).
 */
int ucs_sysreg_read(struct ucs *s, struct ucs_sysreg r, uint64_t *v);
int ucs_sysreg_write(struct ucs *s, struct ucs_sysreg r, uint64_t v);
/* Encodings whose host access aborts the process (reads) or writes into
 * an unrelated part of QEMU's CPU state (writes). */
bool ucs_sysreg_denied(struct ucs_sysreg r);

/*
 * Open a fresh engine and check every Unicorn behaviour this module and
 * the emulator depend on.  Returns the number of checks passed, or -1
 * with "ucshim self-test: Unicorn X.Y.Z: check N (name): what" in @err.
 */
int ucs_selftest(char *err, size_t errlen);

#endif
