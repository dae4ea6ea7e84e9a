/* Private helpers shared by the files of src/armv7m (not a contract with
 * other areas: include armv7m/armv7m.h from outside). */
#ifndef F3KIT_ARMV7M_INTERNAL_H
#define F3KIT_ARMV7M_INTERNAL_H

#include "armv7m/armv7m.h"
#include "core/cpu.h"

/* Register bits (ARMv7-M ARM B3.2, C1.6). */
#define ICSR_NMIPENDSET (1u << 31)
#define ICSR_PENDSVSET (1u << 28)
#define ICSR_PENDSVCLR (1u << 27)
#define ICSR_PENDSTSET (1u << 26)
#define ICSR_PENDSTCLR (1u << 25)
#define ICSR_ISRPREEMPT (1u << 23)
#define ICSR_ISRPENDING (1u << 22)
#define ICSR_RETTOBASE (1u << 11)

#define AIRCR_SYSRESETREQ (1u << 2)
#define AIRCR_VECTCLRACTIVE (1u << 1)
#define AIRCR_VECTRESET (1u << 0)

#define SCR_SLEEPONEXIT (1u << 1)
#define SCR_SLEEPDEEP (1u << 2)
#define SCR_SEVONPEND (1u << 4)

#define CCR_NONBASETHRDENA (1u << 0)
#define CCR_USERSETMPEND (1u << 1)
#define CCR_UNALIGN_TRP (1u << 3)
#define CCR_DIV_0_TRP (1u << 4)
#define CCR_BFHFNMIGN (1u << 8)
#define CCR_STKALIGN (1u << 9)

#define SHCSR_MEMFAULTENA (1u << 16)
#define SHCSR_BUSFAULTENA (1u << 17)
#define SHCSR_USGFAULTENA (1u << 18)

#define CFSR_MMARVALID (1u << 7)
#define CFSR_BFARVALID (1u << 15)

#define HFSR_VECTTBL (1u << 1)
#define HFSR_FORCED (1u << 30)
#define HFSR_DEBUGEVT (1u << 31)

#define DFSR_HALTED (1u << 0)
#define DFSR_BKPT (1u << 1)
#define DFSR_DWTTRAP (1u << 2)
#define DFSR_VCATCH (1u << 3)
#define DFSR_EXTERNAL (1u << 4)

#define DHCSR_C_DEBUGEN (1u << 0)
#define DHCSR_C_HALT (1u << 1)
#define DHCSR_C_STEP (1u << 2)
#define DHCSR_C_MASKINTS (1u << 3)
#define DHCSR_C_SNAPSTALL (1u << 5)
#define DHCSR_S_REGRDY (1u << 16)
#define DHCSR_S_HALT (1u << 17)
#define DHCSR_S_SLEEP (1u << 18)
#define DHCSR_S_LOCKUP (1u << 19)
#define DHCSR_S_RETIRE_ST (1u << 24)
#define DHCSR_S_RESET_ST (1u << 25)

#define DEMCR_VC_CORERESET (1u << 0)
#define DEMCR_VC_MMERR (1u << 4)
#define DEMCR_VC_NOCPERR (1u << 5)
#define DEMCR_VC_CHKERR (1u << 6)
#define DEMCR_VC_STATERR (1u << 7)
#define DEMCR_VC_BUSERR (1u << 8)
#define DEMCR_VC_INTERR (1u << 9)
#define DEMCR_VC_HARDERR (1u << 10)
#define DEMCR_MON_EN (1u << 16)
#define DEMCR_MON_PEND (1u << 17)
#define DEMCR_MON_STEP (1u << 18)
#define DEMCR_MON_REQ (1u << 19)
#define DEMCR_TRCENA (1u << 24)

#define FPCCR_LSPACT (1u << 0)
#define FPCCR_USER (1u << 1)
#define FPCCR_THREAD (1u << 3)
#define FPCCR_HFRDY (1u << 4)
#define FPCCR_MMRDY (1u << 5)
#define FPCCR_BFRDY (1u << 6)
#define FPCCR_MONRDY (1u << 8)
#define FPCCR_LSPEN (1u << 30)
#define FPCCR_ASPEN (1u << 31)

#define CONTROL_NPRIV 1u
#define CONTROL_SPSEL 2u
#define CONTROL_FPCA 4u

#define SYST_CSR_ENABLE (1u << 0)
#define SYST_CSR_TICKINT (1u << 1)
#define SYST_CSR_CLKSOURCE (1u << 2)
#define SYST_CSR_COUNTFLAG (1u << 16)

/* Execution priority when nothing boosts it: above every configurable one. */
#define ARMV7M_PRIO_BASE 256

/* Cycles charged for exception entry, tail-chaining and return (Cortex-M4
 * TRM 3.3: 12-cycle latency, 6-cycle tail-chain; return as the entry minus
 * the vector fetch). */
#define ARMV7M_ENTRY_CYCLES 12
#define ARMV7M_TAILCHAIN_CYCLES 6
#define ARMV7M_RETURN_CYCLES 10
/* Writing S0-S15 and FPSCR (eagerly at entry, or lazily at the first FP
 * instruction): one cycle per word, an approximation of the TRM's figures. */
#define ARMV7M_FP_STATE_CYCLES 17

/* --- exc_priority.c --- */
int armv7m_exc_prio(const struct cpu *cpu, unsigned exc);
int armv7m_group_prio(const struct cpu *cpu, int prio);
int armv7m_exec_prio(const struct cpu *cpu);
/* The same, optionally ignoring PRIMASK (WFI wake-up, B1.5.19). */
int armv7m_exec_prio_masked(const struct cpu *cpu, bool with_primask);
/* Can `exc` be taken at all (enabled, not masked by C_MASKINTS)? */
bool armv7m_exc_takeable(const struct cpu *cpu, unsigned exc);
/* Highest-priority pending takeable exception, 0 if none. */
unsigned armv7m_best_pending(const struct cpu *cpu);
/* Highest-priority pending exception regardless of enables (ICSR.VECTPENDING). */
unsigned armv7m_vectpending(const struct cpu *cpu);

/* --- exc_entry.c --- */
/* Stack the context and enter `exc` (PushStack + ExceptionTaken). */
void armv7m_enter(struct cpu *cpu, unsigned exc);
/* Enter `exc` without stacking, the frame already on the stack (tail-chain,
 * faults on exception return); LR gets `exc_return`. */
void armv7m_enter_chained(struct cpu *cpu, unsigned exc, uint32_t exc_return);
/* Raise a synchronous exception now, escalating to HardFault (FORCED) or
 * lockup when it cannot preempt; `vcatch_bits` are the DEMCR vector catches
 * that apply when `exc` itself is entered. */
void armv7m_raise(struct cpu *cpu, unsigned exc, uint32_t vcatch_bits);
void armv7m_lockup(struct cpu *cpu);
void armv7m_deactivate(struct cpu *cpu, unsigned exc);

/* --- fault.c --- */
/* CFSR bit and target exception of a fault kind. */
unsigned armv7m_fault_exc(enum cpu_fault fault);
/* Record a fault in CFSR/MMFAR/BFAR (no exception taken). */
void armv7m_fault_record(struct cpu *cpu, enum cpu_fault fault, uint32_t addr);
/* DEMCR vector-catch bits that a fault kind triggers. */
uint32_t armv7m_fault_vcatch(enum cpu_fault fault);
/* Halt for a vector catch if DEMCR asks for it on `bits` (HardFault entry
 * adds VC_HARDERR itself). */
void armv7m_vector_catch(struct cpu *cpu, uint32_t bits);

/* --- systick.c --- */
uint32_t armv7m_systick_read(struct cpu *cpu, uint32_t off);
void armv7m_systick_write(struct cpu *cpu, uint32_t off, uint32_t v);
void armv7m_systick_reset(struct cpu *cpu);

/* --- nvic.c --- */
bool armv7m_nvic_read(struct cpu *cpu, uint32_t off, uint32_t *v);
bool armv7m_nvic_write(struct cpu *cpu, uint32_t off, uint32_t v, uint32_t mask);

/* --- scb.c --- */
bool armv7m_scb_read(struct cpu *cpu, uint32_t off, uint32_t *v);
bool armv7m_scb_write(struct cpu *cpu, uint32_t off, uint32_t v, uint32_t mask);
uint32_t armv7m_shcsr(const struct cpu *cpu);

/* --- debug_regs.c --- */
bool armv7m_debug_read(struct cpu *cpu, uint32_t off, uint32_t *v);
bool armv7m_debug_write(struct cpu *cpu, uint32_t off, uint32_t v, uint32_t mask);

/* --- dwt.c / fpb.c / itm.c --- */
bool armv7m_dwt_read(struct cpu *cpu, uint32_t off, uint32_t *v);
bool armv7m_dwt_write(struct cpu *cpu, uint32_t off, uint32_t v, uint32_t mask);
/* Re-anchor CYCCNT when its enable condition changes. */
void armv7m_dwt_sync(struct cpu *cpu, bool was_counting);
bool armv7m_dwt_counting(const struct cpu *cpu);
/* Charge exception entry/return cycles (and DWT EXCCNT when enabled). */
void armv7m_exc_overhead(struct cpu *cpu, unsigned cycles);
bool armv7m_fpb_read(struct cpu *cpu, uint32_t off, uint32_t *v);
bool armv7m_fpb_write(struct cpu *cpu, uint32_t off, uint32_t v, uint32_t mask);
bool armv7m_itm_read(struct cpu *cpu, uint32_t off, uint32_t *v);
bool armv7m_itm_write(struct cpu *cpu, uint32_t off, uint32_t v, uint32_t mask);

/* --- coresight_id.c --- */
/* CoreSight identification registers (0xFD0..0xFFC) of a component. */
enum armv7m_component { ARMV7M_ID_SCS, ARMV7M_ID_DWT, ARMV7M_ID_FPB, ARMV7M_ID_ITM,
                        ARMV7M_ID_TPIU, ARMV7M_ID_ROM };
bool armv7m_component_id(enum armv7m_component c, uint32_t off, uint32_t *v);
void armv7m_rom_init(struct cpu *cpu);
void armv7m_tpiu_init(struct cpu *cpu);

/* --- semihost.c --- */
void armv7m_semihost_reset(struct cpu *cpu, bool power_on);

#endif
