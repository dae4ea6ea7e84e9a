/* The architectural system blocks every Cortex-M4 has, and the exception
 * model: NVIC, SCB, SysTick, FPU control (CPACR/FPCCR/FPCAR), FPB, DWT, the
 * debug registers (DHCSR/DCRSR/DCRDR/DEMCR) and semihosting.
 *
 * The state lives inside `struct cpu` (cpu.sys); the functions below are the
 * contract between the executor (src/core) and the exception model. */
#ifndef F3KIT_ARMV7M_H
#define F3KIT_ARMV7M_H

#include <stdbool.h>
#include <stdint.h>

#include "bus/bus.h"

struct cpu;
enum cpu_fault;
enum cpu_halt_reason;

#define ARMV7M_NUM_EXC 98          /* 16 system + 82 external (STM32F303xC) */
#define ARMV7M_PRIO_BITS 4         /* implemented priority bits */
#define ARMV7M_FPB_CODE 6
#define ARMV7M_FPB_LIT 2
#define ARMV7M_DWT_COMP 4

struct armv7m {
    /* Exception state, indexed by exception number. */
    uint8_t prio[ARMV7M_NUM_EXC];    /* raw 8-bit priority (low 4 bits read 0) */
    bool enabled[ARMV7M_NUM_EXC];    /* NVIC ISER for IRQs; SHCSR enables for faults */
    bool pending[ARMV7M_NUM_EXC];
    bool active[ARMV7M_NUM_EXC];
    bool irq_level[ARMV7M_NUM_EXC];  /* peripheral line asserted (re-pends on exit) */
    uint32_t nested;                 /* count of active exceptions */

    /* SCB (0xE000_ED00) */
    uint32_t vtor, aircr_prigroup, scr, ccr, shcsr;
    uint32_t cfsr, hfsr, dfsr, mmfar, bfar, afsr;
    uint32_t cpacr;
    uint32_t actlr;
    bool event_register;             /* for WFE/SEV */

    /* FP context control (0xE000_EF34..) */
    uint32_t fpccr, fpcar, fpdscr;

    /* SysTick (0xE000_E010), counted lazily from core cycles */
    uint32_t syst_csr, syst_rvr, syst_calib;
    uint32_t syst_cvr;               /* value at syst_anchor */
    uint64_t syst_anchor;            /* cycle count when syst_cvr was valid */
    uint32_t syst_ext_div;           /* core cycles per external-clock tick (STM32: HCLK/8) */

    /* FPB (0xE000_2000) */
    uint32_t fp_ctrl, fp_remap;
    uint32_t fp_comp[ARMV7M_FPB_CODE + ARMV7M_FPB_LIT];

    /* DWT (0xE000_1000) */
    uint32_t dwt_ctrl, dwt_cyccnt_base; uint64_t dwt_cyc_anchor;
    uint32_t dwt_comp[ARMV7M_DWT_COMP], dwt_mask[ARMV7M_DWT_COMP], dwt_function[ARMV7M_DWT_COMP];
    bool watch_active;               /* any DWT comparator watches data */

    /* Debug (0xE000_EDF0) */
    uint32_t dhcsr, dcrsr, dcrdr, demcr;

    /* The bus device for the PPB, mapped by cpu_init. */
    struct bus_device ppb;

    /* --- Added by src/armv7m (additive; see the functions below) --- */
    struct bus_device tpiu_dev, rom_dev; /* TPIU 0xE004_0000, ROM table 0xE00F_F000 */
    bool sleep_wfe;                  /* the current sleep is a WFE (events wake it) */
    bool exit_requested;             /* semihosting SYS_EXIT ran: stop with CPU_STOP_EXIT */
    bool reset_st;                   /* DHCSR.S_RESET_ST (sticky until read) */
    bool in_step;                    /* a DHCSR-requested step is executing */
    uint64_t retire_mark;            /* cpu->insns at the last DHCSR read (S_RETIRE_ST) */
    uint32_t mpu_ctrl, mpu_rnr, mpu_rbar[8], mpu_rasr[8];
    uint32_t itm_ter, itm_tpr, itm_tcr;
    uint32_t tpiu_cspsr, tpiu_acpr, tpiu_sppr, tpiu_ffcr;
    uint8_t dwt_cnt8[5];             /* CPICNT EXCCNT SLEEPCNT LSUCNT FOLDCNT */
    /* Semihosting */
    int32_t sh_errno;
    struct { uint8_t kind; uint32_t pos; } sh_handle[8];
    const char *sh_cmdline;          /* SYS_GET_CMDLINE; NULL = "" */
    uint32_t sh_heapinfo[4];         /* SYS_HEAPINFO: heap base/limit, stack base/limit */
};

/* Reset values of every block (a system reset; the debug registers survive
 * a system reset but not a power-on reset). */
void armv7m_reset(struct cpu *cpu, bool power_on);

/* Map the PPB on the bus: 0xE000_0000..0xE003_FFFF (ITM, DWT, FPB, SCS),
 * the TPIU page 0xE004_0000 and the ROM table page 0xE00F_F000.  The rest of
 * the PPB (DBGMCU at 0xE004_2000) is left to the SoC. */
int armv7m_map(struct cpu *cpu, struct bus *bus);

/* If a pending exception has enough priority to preempt now, take it
 * (stacking, vector fetch, tail-chain bookkeeping) and return true. */
bool armv7m_take_pending(struct cpu *cpu);
/* Called when an EXC_RETURN value (0xFxxxxxxx) is loaded into the PC in
 * Handler mode by BX, POP, LDM or LDR. */
void armv7m_exception_return(struct cpu *cpu, uint32_t exc_return);
/* A synchronous fault at the current instruction (r[15] still points at
 * it): record it in CFSR/HFSR/MMFAR/BFAR, escalate, and enter the handler. */
void armv7m_fault(struct cpu *cpu, enum cpu_fault fault, uint32_t addr);
/* SVC: pend and take SVCall (or escalate to HardFault). */
void armv7m_svc(struct cpu *cpu);
/* BKPT #imm: semihosting for 0xAB, else halt if debugging is enabled, else
 * DebugMonitor or HardFault (DFSR.BKPT). */
void armv7m_bkpt(struct cpu *cpu, uint32_t imm);
/* Before every FP instruction: CPACR check (false after raising NOCP),
 * lazy state preservation, CONTROL.FPCA. */
bool armv7m_fp_enter(struct cpu *cpu);
/* WFI / WFE / SEV. */
void armv7m_wfi(struct cpu *cpu);
void armv7m_wfe(struct cpu *cpu);
void armv7m_sev(struct cpu *cpu);
/* Can anything currently pending wake the core from sleep? */
bool armv7m_wake_pending(const struct cpu *cpu);

/* Peripheral interrupt line (level): high pends the IRQ; a line still high
 * when its handler returns pends it again. */
void armv7m_irq_line(struct cpu *cpu, unsigned irq, bool level);
/* Pulse: pend the IRQ once. */
void armv7m_irq_pulse(struct cpu *cpu, unsigned irq);
void armv7m_set_pending(struct cpu *cpu, unsigned exc);

/* SysTick as an event: cycle at which it next counts to zero
 * (UINT64_MAX when stopped), and the update to run at that cycle. */
uint64_t armv7m_next_event(const struct cpu *cpu);
void armv7m_advance(struct cpu *cpu);

/* Debug: does an FPB comparator match instruction address `pc`? */
bool armv7m_fpb_match(const struct cpu *cpu, uint32_t pc);
/* Debug: does a data access hit a DWT watchpoint? (only when watch_active) */
bool armv7m_dwt_match(const struct cpu *cpu, uint32_t addr, unsigned size, bool write);

/* Semihosting call (r0 = operation, r1 = parameter block); the result goes
 * to r0.  Returns false if the operation ended the program (SYS_EXIT): then
 * cpu->exit_code holds the code and cpu->sys.exit_requested is set. */
bool armv7m_semihost(struct cpu *cpu);

/* --- Additions (src/armv7m) ---
 * Conventions the executor follows when calling the functions above:
 *  - armv7m_take_pending / armv7m_fault: r[15] is the address to return to
 *    (the next instruction, or the faulting one for a fault).
 *  - armv7m_svc: r[15] already points past the SVC (ITSTATE advanced).
 *  - armv7m_bkpt: r[15] points at the BKPT.  Semihosting advances it by 2;
 *    a halt leaves it on the BKPT.  Afterwards the executor checks
 *    cpu->halted (CPU_STOP_HALT) and cpu->sys.exit_requested (CPU_STOP_EXIT).
 *  - Anything that may have made an exception takeable sets cpu->attention;
 *    the executor must also set it after MSR/CPS change PRIMASK, BASEPRI or
 *    FAULTMASK. cpu->lockup set => stop with CPU_STOP_LOCKUP.
 *  - armv7m_reset implements DEMCR.VC_CORERESET by setting cpu->halted
 *    (reason CPU_HALT_RESET): cpu_reset must not clear it afterwards. */

/* Enter Debug state now (DFSR bit per reason), telling host.halted. */
void armv7m_debug_halt(struct cpu *cpu, enum cpu_halt_reason why);
/* A debug event the executor detected (FPB match before executing the
 * instruction at r[15], BKPT-like): halt if C_DEBUGEN, else DebugMonitor if
 * DEMCR.MON_EN allows, else HardFault with HFSR.DEBUGEVT. */
void armv7m_debug_event(struct cpu *cpu, enum cpu_halt_reason why);
/* After armv7m_dwt_match() returned true for an access: set the comparators'
 * MATCHED bits and raise the debug event (halt / DebugMonitor; ignored when
 * neither is enabled, as silicon does for watchpoints). */
void armv7m_dwt_hit(struct cpu *cpu, uint32_t addr, unsigned size, bool write);

#endif
