/* The predecoded instruction and the decoder/executor contract inside
 * src/core.  Shared by the integer executor (core) and the FPv4-SP/DSP
 * helpers (fp_*.c, dsp_*.c).
 *
 * DECODING.  Code is decoded once into `struct cpu_insn` records (kept in
 * predecoded basic blocks, see cpu_cache.c).  The decoder fills in pc, len,
 * raw, cond and it before dispatching on the encoding; a decoder for one
 * class of instructions then sets `fn` and whatever operand fields its exec
 * function reads.  Two hooks, implemented in fp_decode.c / dsp_decode.c:
 *
 *   bool cpu_decode_fp(uint32_t hw1, uint32_t hw2, struct cpu_insn *out);
 *       Called for every 32-bit encoding in the coprocessor space
 *       (hw1 = 111x 11xx xxxx xxxx) whose coprocessor field (hw2[11:8]) is
 *       10 or 11.  Other coprocessors are UsageFault NOCP (the core does
 *       that).
 *   bool cpu_decode_dsp(uint32_t hw1, uint32_t hw2, struct cpu_insn *out);
 *       Called for the ARMv7E-M DSP encodings the core leaves out: every
 *       encoding of the data-processing (register) group (A5.3.12,
 *       hw1 = 1111 1010 xxxx xxxx) other than LSL/LSR/ASR/ROR (register),
 *       SXTH/SXTB/UXTH/UXTB, SXTAH/SXTAB/UXTAH/UXTAB, REV/REV16/RBIT/REVSH
 *       and CLZ; every encoding of the multiply group (A5.3.16) other than
 *       MUL/MLA/MLS; of the long multiply/divide group (A5.3.17) other than
 *       SMULL/UMULL/SMLAL/UMLAL/UMAAL/SDIV/UDIV; PKHBT/PKHTB (A5.3.11 op
 *       0110); SSAT16/USAT16 (A5.3.3).  The hook must check the whole
 *       encoding (including the should-be-one bits) and return false for
 *       anything it does not implement.
 *   Both return true with *out filled, or false: the core then makes the
 *   instruction UNDEFINED (UsageFault UNDEFINSTR).  Put them in
 *   src/core/fp_decode.c and src/core/dsp_decode.c: cpu_decode_hooks.c
 *   defines fallbacks returning false only while those files do not exist
 *   (it tests with __has_include; touch cpu_decode_hooks.c, or rebuild
 *   clean, if a stale object gives "multiple definition").
 *
 * EXECUTING.  `fn` runs the instruction.  While it runs:
 *   - cpu->r[15] holds insn->pc + 4 (the value of "PC" as an operand) only
 *     when one of rd/rn/rm/ra is 15, or the instruction came from the FP or
 *     DSP hook (cpu_decode marks those CPU_INSN_PCREAD); otherwise it is
 *     stale inside a predecoded block.  Align(PC,4) is (insn->pc + 4) & ~3.
 *     Use insn->pc for the instruction's own address.
 *   - the condition (insn->cond, or the IT block's) has already passed.
 *   - the time at the start of the instruction is cpu->cycles + insn->pre:
 *     inside a block the run loop adds base cycles (insn->cycles) when it
 *     leaves the block, not per instruction.  Code that needs the exact time
 *     (the bus slow path, calls into src/armv7m) brackets itself with
 *     cpu_time_enter/cpu_time_leave; cpu_raise, cpu_load/cpu_store and
 *     cpu_fp_enter already do.  An instruction whose time depends on data
 *     (division, a taken branch's refill) adds the extra to cpu->cycles.
 *   It returns:
 *     CPU_EXEC_NEXT    done, fall through to pc + len (the loop keeps r[15]
 *                      and ITSTATE up to date itself);
 *     CPU_EXEC_BRANCH  done, r[15] has been set to the next instruction
 *                      (branch, PC load; ITSTATE is advanced by the loop);
 *     CPU_EXEC_EXC     the instruction did not complete normally: a fault
 *                      was raised, an exception was taken or returned.
 *                      r[15], ITSTATE and the rest are left exactly as fn
 *                      left them.
 *   An instruction that changes what the run loop must look at (masks,
 *   CONTROL, sleep, a pended exception) sets cpu->attention; the system
 *   instructions also end their block (r[15] = next, CPU_EXEC_BRANCH).  A
 *   memory access may set it too (MMIO, a write to predecoded code): the
 *   loop then stops after the instruction.
 *   Faults: `return cpu_raise(cpu, insn, CPU_FAULT_x, addr);` — it puts the
 *   instruction's own address back in r[15] and calls armv7m_fault.
 *   Memory: cpu_load/cpu_store below (fast host-pointer path, MMIO slow
 *   path, PRECISERR on a bus error, DWT watchpoints); they return false
 *   after raising the fault, so write `if (!cpu_load(...)) return
 *   CPU_EXEC_EXC;` and update no register before all accesses succeeded
 *   (base writeback is the last thing an instruction does).
 *   FP instructions call armv7m_fp_enter(cpu) first and return CPU_EXEC_EXC
 *   when it returns false (NOCP raised; r[15] already restored: use
 *   cpu_fp_enter below, which does both).
 *
 * Calls into src/armv7m made by the executor, and what r[15] holds then:
 *   armv7m_fault      r[15] = the faulting instruction (via cpu_raise)
 *   armv7m_svc        r[15] = the instruction after SVC (return address)
 *   armv7m_bkpt       r[15] = the BKPT instruction itself; for a served
 *                     semihosting call armv7m_bkpt advances r[15] by 2
 *   armv7m_wfi/wfe/sev  r[15] = the next instruction
 *   armv7m_exception_return  r[15] = the instruction that loaded the PC
 */
#ifndef F3KIT_CORE_INSN_H
#define F3KIT_CORE_INSN_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/cpu.h"

struct cpu_insn;

enum cpu_exec_result {
    CPU_EXEC_NEXT = 0,
    CPU_EXEC_BRANCH = 1,
    CPU_EXEC_EXC = 2,
};

typedef int (*cpu_exec_fn)(struct cpu *cpu, const struct cpu_insn *insn);

/* Condition codes (ARMv7-M ARM A7.3). */
enum cpu_cond {
    CPU_COND_EQ, CPU_COND_NE, CPU_COND_CS, CPU_COND_CC, CPU_COND_MI,
    CPU_COND_PL, CPU_COND_VS, CPU_COND_VC, CPU_COND_HI, CPU_COND_LS,
    CPU_COND_GE, CPU_COND_LT, CPU_COND_GT, CPU_COND_LE, CPU_COND_AL,
};

/* insn->flags */
#define CPU_INSN_LAST     0x01u  /* last of a predecoded block (set by the
                                    block builder, cpu_cache.c, only) */
#define CPU_INSN_END      0x02u  /* ends a predecoded block: may write PC or
                                    system state (MSR, CPS, SVC, WFI, ...) */
#define CPU_INSN_MEM      0x04u  /* single load/store (for pipelining) */
#define CPU_INSN_WBACK    0x08u  /* base register writeback */
#define CPU_INSN_INDEX    0x10u  /* pre-indexed (P) */
#define CPU_INSN_ADD      0x20u  /* offset added (U) */
#define CPU_INSN_PCREAD   0x40u  /* reads r[15] (set by cpu_decode) */
#define CPU_INSN_COND     0x80u  /* cond != AL (set by cpu_decode) */

/* Shift types (A7.4.2). */
enum cpu_shift { CPU_SHIFT_LSL, CPU_SHIFT_LSR, CPU_SHIFT_ASR, CPU_SHIFT_ROR, CPU_SHIFT_RRX };

struct cpu_insn {
    cpu_exec_fn fn;
    uint32_t pc;        /* address of this instruction */
    uint32_t imm;       /* immediate, offset, branch target, register list... */
    uint32_t raw;       /* 16-bit: hw1; 32-bit: hw1 << 16 | hw2 */
    uint8_t rd, rn, rm, ra;  /* ra doubles as Rt2 / RdHi / Rs */
    uint8_t len;        /* 2 or 4 */
    uint8_t cond;       /* enum cpu_cond; CPU_COND_AL when unconditional */
    uint8_t it;         /* ITSTATE in force for this instruction, 0 outside IT */
    uint8_t flags;      /* CPU_INSN_* */
    uint8_t cycles;     /* base cycle count charged by the run loop */
    uint8_t shift_t;    /* enum cpu_shift for a shifted register operand */
    uint8_t shift_n;    /* shift amount */
    uint8_t op;         /* free for the decoder of the class (sub-operation) */
    uint16_t pre;       /* in a predecoded block: base cycles of the
                           instructions before this one (0 elsewhere) */
};

/* Decode the instruction at `pc` (halfwords hw1, hw2; hw2 is ignored for a
 * 16-bit encoding) with ITSTATE `itstate` in force.  Always fills *out; an
 * undefined encoding gets an exec function raising UNDEFINSTR. */
void cpu_decode(uint32_t pc, uint32_t hw1, uint32_t hw2, uint32_t itstate,
                struct cpu_insn *out);
/* Is hw1 the first halfword of a 32-bit encoding? (A5.1) */
static inline bool cpu_is_32bit(uint32_t hw1)
{
    return (hw1 >> 11) >= 0x1d;
}

/* The hooks (see above). */
bool cpu_decode_fp(uint32_t hw1, uint32_t hw2, struct cpu_insn *out);
bool cpu_decode_dsp(uint32_t hw1, uint32_t hw2, struct cpu_insn *out);

/* ---- helpers for exec functions ---- */

/* Make cpu->cycles the exact time at the start of `insn` around code that
 * reads or advances it (see EXECUTING above). */
static inline void cpu_time_enter(struct cpu *cpu, const struct cpu_insn *insn)
{
    cpu->cycles += insn->pre;
}
static inline void cpu_time_leave(struct cpu *cpu, const struct cpu_insn *insn)
{
    cpu->cycles -= insn->pre;
}

/* Raise a synchronous fault at `insn`; returns CPU_EXEC_EXC. */
int cpu_raise(struct cpu *cpu, const struct cpu_insn *insn, enum cpu_fault f, uint32_t addr);
/* UNDEFINED instruction: the exec function of every undefined encoding. */
int cpu_exec_undefined(struct cpu *cpu, const struct cpu_insn *insn);

/* Data accesses of 1, 2 or 4 bytes at any alignment (the caller checks
 * alignment rules: see cpu_check_align).  False: fault raised. */
bool cpu_load_slow(struct cpu *cpu, const struct cpu_insn *insn, uint32_t addr,
                   unsigned size, uint32_t *v);
bool cpu_store_slow(struct cpu *cpu, const struct cpu_insn *insn, uint32_t addr,
                    unsigned size, uint32_t v);

static inline bool cpu_load(struct cpu *cpu, const struct cpu_insn *insn, uint32_t addr,
                            unsigned size, uint32_t *v)
{
    const uint8_t *p = bus_read_ptr(cpu->bus, addr, size);
    if (__builtin_expect(p != NULL && !cpu->sys.watch_active, 1)) {
        if (size == 4) {
            uint32_t x;
            memcpy(&x, p, 4);
            *v = x;
        } else if (size == 2) {
            uint16_t x;
            memcpy(&x, p, 2);
            *v = x;
        } else {
            *v = *p;
        }
        return true;
    }
    return cpu_load_slow(cpu, insn, addr, size, v);
}

static inline bool cpu_store(struct cpu *cpu, const struct cpu_insn *insn, uint32_t addr,
                             unsigned size, uint32_t v)
{
    uint8_t *p = bus_write_ptr(cpu->bus, addr, size);
    if (__builtin_expect(p != NULL && !cpu->sys.watch_active, 1)) {
        if (size == 4) {
            memcpy(p, &v, 4);
        } else if (size == 2) {
            uint16_t x = (uint16_t)v;
            memcpy(p, &x, 2);
        } else {
            *p = (uint8_t)v;
        }
        return true;
    }
    return cpu_store_slow(cpu, insn, addr, size, v);
}

/* Alignment rule for single LDR/STR(H): unaligned allowed unless
 * CCR.UNALIGN_TRP.  Returns false after raising UNALIGNED. */
bool cpu_check_align_slow(struct cpu *cpu, const struct cpu_insn *insn, uint32_t addr,
                          unsigned size, bool always_trap);
static inline bool cpu_check_align(struct cpu *cpu, const struct cpu_insn *insn,
                                   uint32_t addr, unsigned size, bool always_trap)
{
    if (__builtin_expect((addr & (size - 1)) == 0, 1))
        return true;
    return cpu_check_align_slow(cpu, insn, addr, size, always_trap);
}

/* FP instructions: CPACR/lazy stacking check; false means "return
 * CPU_EXEC_EXC" (a fault was raised with r[15] restored). */
static inline bool cpu_fp_enter(struct cpu *cpu, const struct cpu_insn *insn)
{
    /* The common case, with nothing for armv7m_fp_enter to do: CPACR.CP10
     * full access, no lazy state pending (FPCCR.LSPACT), and CONTROL.FPCA
     * already set or automatic state preservation off (FPCCR.ASPEN). */
    uint32_t fpccr = cpu->sys.fpccr;
    if (((cpu->sys.cpacr >> 20) & 3) == 3 && !(fpccr & 1u) &&
        (!(fpccr & 0x80000000u) || (cpu->control & 4u)))
        return true;
    uint32_t pc = cpu->r[15];
    cpu->r[15] = insn->pc;
    cpu_time_enter(cpu, insn);
    bool ok = armv7m_fp_enter(cpu);
    cpu_time_leave(cpu, insn);
    if (ok)
        cpu->r[15] = pc;
    return ok;
}

/* Write the PC with interworking (BX, BLX, POP/LDM/LDR of PC), A2.3.1:
 * EXC_RETURN in Handler mode returns from the exception; bit 0 becomes
 * EPSR.T (clear: INVSTATE on the next instruction). */
int cpu_bx_write(struct cpu *cpu, const struct cpu_insn *insn, uint32_t addr);

/* Condition check against the APSR (A7.3.1): bit `cond` of the entry for
 * the current N Z C V says whether it passes (1110 and 1111 always do).
 * Branch-free on purpose: a switch per condition runs fewer host
 * instructions but its indirect jump mispredicts, and measured ~5% slower
 * on bench/cpu_bench.sh. */
static inline bool cpu_cond_pass(const struct cpu *cpu, unsigned cond)
{
    static const uint16_t pass[16] = {
        0xd6aa, 0xea6a, 0xd5a6, 0xe966, 0xe6a9, 0xea69, 0xe6a5, 0xea65,
        0xea9a, 0xd65a, 0xe996, 0xd556, 0xea99, 0xe659, 0xea95, 0xe655,
    };
    unsigned nzcv = cpu->apsr_n << 3 | cpu->apsr_z << 2 | cpu->apsr_c << 1 | cpu->apsr_v;
    return (pass[nzcv & 15] >> (cond & 15)) & 1;
}

/* ITSTATE after an instruction (ITAdvance, A7.3.3). */
static inline uint32_t cpu_it_advance(uint32_t it)
{
    if ((it & 7) == 0)
        return 0;
    return (it & 0xe0) | ((it << 1) & 0x1f);
}

/* Saturation helpers shared with the DSP instructions (A2.2.1). */
static inline int32_t cpu_signed_sat(int64_t x, unsigned n, bool *sat)
{
    int64_t hi = ((int64_t)1 << (n - 1)) - 1, lo = -((int64_t)1 << (n - 1));
    if (x > hi) { *sat = true; return (int32_t)hi; }
    if (x < lo) { *sat = true; return (int32_t)lo; }
    *sat = false;
    return (int32_t)x;
}
static inline uint32_t cpu_unsigned_sat(int64_t x, unsigned n, bool *sat)
{
    int64_t hi = ((int64_t)1 << n) - 1;
    if (x > hi) { *sat = true; return (uint32_t)hi; }
    if (x < 0) { *sat = true; return 0; }
    *sat = false;
    return (uint32_t)x;
}

#endif
