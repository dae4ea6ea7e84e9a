/* The Cortex-M4F core (ARMv7E-M + DSP + FPv4-SP), r0p1.
 *
 * The core knows nothing of the STM32: it reaches memory and devices only
 * through a `struct bus`, and the system blocks every Cortex-M4 has (NVIC,
 * SCB, SysTick, FPB, DWT, debug registers) live in `struct armv7m` inside it
 * (src/armv7m).  A core is a value: tests run many in one process.
 *
 * Ownership inside the core:
 *   src/core/cpu_state.c   register accessors, xPSR packing, SP banking
 *   src/core/ (rest)       decode, execute, predecoded blocks, run loop
 *   src/armv7m/            exception model, faults, system blocks, debug,
 *                          semihosting
 */
#ifndef F3KIT_CPU_H
#define F3KIT_CPU_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "armv7m/armv7m.h"
#include "bus/bus.h"

/* Exception numbers (ARMv7-M ARM B1.5.2). IRQ n is exception 16 + n. */
enum cpu_exc {
    CPU_EXC_RESET = 1,
    CPU_EXC_NMI = 2,
    CPU_EXC_HARDFAULT = 3,
    CPU_EXC_MEMMANAGE = 4,
    CPU_EXC_BUSFAULT = 5,
    CPU_EXC_USAGEFAULT = 6,
    CPU_EXC_SVCALL = 11,
    CPU_EXC_DEBUGMON = 12,
    CPU_EXC_PENDSV = 14,
    CPU_EXC_SYSTICK = 15,
    CPU_EXC_IRQ0 = 16,
};
#define CPU_NUM_IRQ 82
#define CPU_NUM_EXC (16 + CPU_NUM_IRQ)

/* Register numbers as DCRSR.REGSEL encodes them (ARMv7-M ARM C1.6.3), used
 * by the debug servers and tests. */
enum cpu_reg {
    CPU_REG_R0 = 0,
    CPU_REG_SP = 13,
    CPU_REG_LR = 14,
    CPU_REG_PC = 15,      /* DebugReturnAddress */
    CPU_REG_XPSR = 16,
    CPU_REG_MSP = 17,
    CPU_REG_PSP = 18,
    CPU_REG_SPECIAL = 20, /* CONTROL[31:24] FAULTMASK[23:16] BASEPRI[15:8] PRIMASK[7:0] */
    CPU_REG_FPSCR = 33,
    CPU_REG_S0 = 64,      /* .. CPU_REG_S0 + 31 */
};

/* Why cpu_run / cpu_step returned. */
enum cpu_stop {
    CPU_STOP_LIMIT,     /* cycle limit reached, or cpu_kick() asked to return */
    CPU_STOP_HALT,      /* in Debug state: see cpu.halt_reason */
    CPU_STOP_EXIT,      /* semihosting SYS_EXIT[_EXTENDED]: see cpu.exit_code */
    CPU_STOP_SLEEP,     /* WFI/WFE and nothing can wake it before an external event */
    CPU_STOP_LOCKUP,    /* lockup (ARMv7-M ARM B1.5.15): fault with no way out */
    CPU_STOP_SYSRESET,  /* AIRCR.SYSRESETREQ written: the system must reset */
};

enum cpu_halt_reason {
    CPU_HALT_NONE,
    CPU_HALT_REQUEST,   /* DHCSR.C_HALT or cpu_request_halt() */
    CPU_HALT_STEP,      /* single step done */
    CPU_HALT_BKPT,      /* BKPT instruction (not semihosting) */
    CPU_HALT_FPB,       /* FPB comparator match */
    CPU_HALT_WATCH,     /* DWT comparator match */
    CPU_HALT_VCATCH,    /* DEMCR vector catch */
    CPU_HALT_RESET,     /* halted on reset (DEMCR.VC_CORERESET) */
};

/* Synchronous faults the executor reports to the exception model; each sets
 * its CFSR/HFSR bit as silicon does (ARMv7-M ARM B3.2.15). */
enum cpu_fault {
    CPU_FAULT_IACCVIOL, CPU_FAULT_DACCVIOL, CPU_FAULT_MUNSTKERR,
    CPU_FAULT_MSTKERR, CPU_FAULT_MLSPERR,
    CPU_FAULT_IBUSERR, CPU_FAULT_PRECISERR, CPU_FAULT_IMPRECISERR,
    CPU_FAULT_UNSTKERR, CPU_FAULT_STKERR, CPU_FAULT_LSPERR,
    CPU_FAULT_UNDEFINSTR, CPU_FAULT_INVSTATE, CPU_FAULT_INVPC,
    CPU_FAULT_NOCP, CPU_FAULT_UNALIGNED, CPU_FAULT_DIVBYZERO,
    CPU_FAULT_VECTTBL,  /* HardFault: vector table read failed */
};

/* What the core asks of whoever embeds it (a board, a test, the plain-map
 * runner).  Any callback may be NULL. */
struct cpu_host {
    void *ctx;
    /* Semihosting console (":tt" and SYS_WRITEC/WRITE0). */
    void (*console_write)(void *ctx, const void *buf, size_t len);
    /* Read up to len bytes; return count, 0 at end of input. */
    size_t (*console_read)(void *ctx, void *buf, size_t len);
    /* Virtual time in centiseconds since reset, for SYS_CLOCK; NULL: from cycles. */
    uint32_t (*clock_cs)(void *ctx);
    /* Called when the core enters Debug state (for the debug servers). */
    void (*halted)(void *ctx, enum cpu_halt_reason why);
};

struct cpu_config {
    uint32_t cpuid;            /* 0x410FC241: Cortex-M4 r0p1 */
    bool semihosting;          /* BKPT 0xAB is served by the host even with no debugger */
    uint32_t clock_hz;         /* initial core clock, for SYS_CLOCK and reporting */
    bool trace;                /* print every executed instruction (slow path) */
    void *trace_out;           /* FILE * for the trace; stderr when NULL */
};

struct cpu_cache;              /* predecoded blocks, private to src/core */

struct cpu {
    /* --- Architectural state (ARMv7-M ARM B1.4) --- */
    uint32_t r[16];            /* r[13]: the active SP; r[15]: address of the
                                  next instruction to execute */
    uint32_t sp_main;          /* MSP while PSP is active (see cpu_state.c) */
    uint32_t sp_process;       /* PSP while MSP is active */
    uint32_t apsr_n, apsr_z, apsr_c, apsr_v, apsr_q; /* each 0 or 1 */
    uint32_t apsr_ge;          /* GE[3:0] */
    uint32_t ipsr;             /* exception number; 0 in Thread mode */
    uint32_t itstate;          /* EPSR.IT, ITSTATE[7:0] */
    bool thumb;                /* EPSR.T; false => INVSTATE UsageFault */
    uint32_t primask, faultmask, basepri, control;
    uint32_t s[32];            /* S0..S31 as raw IEEE-754 bits */
    uint32_t fpscr;

    /* --- Time --- */
    uint64_t cycles;           /* core clock cycles since power-on; exact at
                                  every bus access the core makes */

    /* --- Exclusive monitor (local) --- */
    bool excl_open;
    uint32_t excl_addr;

    /* --- System blocks: NVIC, SCB, SysTick, FPB, DWT, debug, FP context --- */
    struct armv7m sys;

    /* --- Run control --- */
    bool halted;                    /* in Debug state */
    enum cpu_halt_reason halt_reason;
    bool sleeping;                  /* WFI/WFE in progress */
    bool lockup;
    bool sysreset_request;
    int exit_code;                  /* valid after CPU_STOP_EXIT */
    atomic_uint attention;          /* non-zero: the run loop leaves its fast
                                       path at the next instruction boundary to
                                       look at interrupts, halts, limits */
    atomic_bool halt_request;       /* set from another thread: halt ASAP */
    atomic_bool kick;               /* set from another thread: return ASAP */

    struct bus *bus;
    struct cpu_host host;
    struct cpu_config cfg;
    struct cpu_cache *cache;
    uint64_t insns;                 /* instructions retired */
};

/* Life cycle. cpu_init maps the PPB (0xE000_0000..0xE00F_FFFF) on `bus`. */
int cpu_init(struct cpu *cpu, struct bus *bus, const struct cpu_config *cfg,
             const struct cpu_host *host);
void cpu_free(struct cpu *cpu);
/* Reset: system blocks to reset values, MSP and PC from the vector table at
 * VTOR (0 at reset).  A failed vector fetch is a lockup (B1.5.15). */
void cpu_reset(struct cpu *cpu);

/* Run until cycles >= cycle_limit or something stops the core. */
enum cpu_stop cpu_run(struct cpu *cpu, uint64_t cycle_limit);
/* Execute exactly one instruction (or take one exception), even when halted:
 * the debugger's step. */
enum cpu_stop cpu_step(struct cpu *cpu);

/* Thread-safe requests from a debug server thread. */
void cpu_request_halt(struct cpu *cpu);
void cpu_kick(struct cpu *cpu);
/* Leave Debug state (same thread as the core). */
void cpu_resume(struct cpu *cpu);

/* Registers by DCRSR.REGSEL number (enum cpu_reg). Unknown numbers read 0
 * and ignore writes; return false for them. */
bool cpu_reg_get(const struct cpu *cpu, unsigned regsel, uint32_t *value);
bool cpu_reg_set(struct cpu *cpu, unsigned regsel, uint32_t value);

/* xPSR as the stacked/debug view: APSR | IPSR | EPSR (T, IT). */
uint32_t cpu_xpsr(const struct cpu *cpu);
void cpu_set_xpsr(struct cpu *cpu, uint32_t xpsr);
uint32_t cpu_get_msp(const struct cpu *cpu);
uint32_t cpu_get_psp(const struct cpu *cpu);
void cpu_set_msp(struct cpu *cpu, uint32_t v);
void cpu_set_psp(struct cpu *cpu, uint32_t v);
/* Which SP r[13] is: PSP iff Thread mode and CONTROL.SPSEL. */
bool cpu_using_psp(const struct cpu *cpu);
/* Change CONTROL (or the mode) so the active SP may switch: saves r[13]
 * into its bank and loads the other. */
void cpu_set_control(struct cpu *cpu, uint32_t control);
void cpu_set_ipsr(struct cpu *cpu, uint32_t ipsr);

/* Forget predecoded code in [addr, addr+len) (flash programmed, debugger
 * wrote memory).  The bus calls this for code pages by itself. */
void cpu_invalidate(struct cpu *cpu, uint32_t addr, uint32_t len);

#endif
