/* Synchronous faults, SVC and debug events (ARMv7-M ARM B1.5.14-16, B3.2.15
 * CFSR, B3.2.16 HFSR, C1.6.1 DFSR, C1.7 debug events). */
#include "armv7m/armv7m_internal.h"

struct fault_info {
    uint8_t exc;
    uint8_t cfsr_bit;   /* 0xff: none (VECTTBL lives in HFSR) */
    uint8_t addr_valid; /* 1: MMFAR/MMARVALID, 2: BFAR/BFARVALID */
    uint16_t vcatch;
};

static const struct fault_info fault_table[] = {
    [CPU_FAULT_IACCVIOL] = {CPU_EXC_MEMMANAGE, 0, 0, DEMCR_VC_MMERR},
    [CPU_FAULT_DACCVIOL] = {CPU_EXC_MEMMANAGE, 1, 1, DEMCR_VC_MMERR},
    [CPU_FAULT_MUNSTKERR] = {CPU_EXC_MEMMANAGE, 3, 0, DEMCR_VC_MMERR | DEMCR_VC_INTERR},
    [CPU_FAULT_MSTKERR] = {CPU_EXC_MEMMANAGE, 4, 0, DEMCR_VC_MMERR | DEMCR_VC_INTERR},
    [CPU_FAULT_MLSPERR] = {CPU_EXC_MEMMANAGE, 5, 0, DEMCR_VC_MMERR},
    [CPU_FAULT_IBUSERR] = {CPU_EXC_BUSFAULT, 8, 0, DEMCR_VC_BUSERR},
    [CPU_FAULT_PRECISERR] = {CPU_EXC_BUSFAULT, 9, 2, DEMCR_VC_BUSERR},
    [CPU_FAULT_IMPRECISERR] = {CPU_EXC_BUSFAULT, 10, 0, DEMCR_VC_BUSERR},
    [CPU_FAULT_UNSTKERR] = {CPU_EXC_BUSFAULT, 11, 0, DEMCR_VC_BUSERR | DEMCR_VC_INTERR},
    [CPU_FAULT_STKERR] = {CPU_EXC_BUSFAULT, 12, 0, DEMCR_VC_BUSERR | DEMCR_VC_INTERR},
    [CPU_FAULT_LSPERR] = {CPU_EXC_BUSFAULT, 13, 0, DEMCR_VC_BUSERR},
    [CPU_FAULT_UNDEFINSTR] = {CPU_EXC_USAGEFAULT, 16, 0, DEMCR_VC_STATERR},
    [CPU_FAULT_INVSTATE] = {CPU_EXC_USAGEFAULT, 17, 0, DEMCR_VC_STATERR},
    [CPU_FAULT_INVPC] = {CPU_EXC_USAGEFAULT, 18, 0, DEMCR_VC_INTERR},
    [CPU_FAULT_NOCP] = {CPU_EXC_USAGEFAULT, 19, 0, DEMCR_VC_NOCPERR},
    [CPU_FAULT_UNALIGNED] = {CPU_EXC_USAGEFAULT, 24, 0, DEMCR_VC_CHKERR},
    [CPU_FAULT_DIVBYZERO] = {CPU_EXC_USAGEFAULT, 25, 0, DEMCR_VC_CHKERR},
    [CPU_FAULT_VECTTBL] = {CPU_EXC_HARDFAULT, 0xff, 0, DEMCR_VC_INTERR},
};

static const struct fault_info *info(enum cpu_fault f)
{
    unsigned i = (unsigned)f;
    if (i >= sizeof fault_table / sizeof fault_table[0])
        i = CPU_FAULT_UNDEFINSTR;
    return &fault_table[i];
}

unsigned armv7m_fault_exc(enum cpu_fault fault)
{
    return info(fault)->exc;
}

uint32_t armv7m_fault_vcatch(enum cpu_fault fault)
{
    return info(fault)->vcatch;
}

void armv7m_fault_record(struct cpu *cpu, enum cpu_fault fault, uint32_t addr)
{
    struct armv7m *s = &cpu->sys;
    const struct fault_info *fi = info(fault);
    if (fi->cfsr_bit == 0xff) {
        s->hfsr |= HFSR_VECTTBL;
        return;
    }
    s->cfsr |= 1u << fi->cfsr_bit;
    /* On Cortex-M4 MMFAR and BFAR share one register (TRM 4.3.13), so only
     * one of the VALID bits can be set. */
    if (fi->addr_valid == 1) {
        s->mmfar = s->bfar = addr;
        s->cfsr = (s->cfsr & ~CFSR_BFARVALID) | CFSR_MMARVALID;
    } else if (fi->addr_valid == 2) {
        s->mmfar = s->bfar = addr;
        s->cfsr = (s->cfsr & ~CFSR_MMARVALID) | CFSR_BFARVALID;
    }
}

void armv7m_vector_catch(struct cpu *cpu, uint32_t bits)
{
    struct armv7m *s = &cpu->sys;
    if (!(s->dhcsr & DHCSR_C_DEBUGEN) || !(s->demcr & bits & 0x7f0u))
        return;
    armv7m_debug_halt(cpu, CPU_HALT_VCATCH);
}

void armv7m_fault(struct cpu *cpu, enum cpu_fault fault, uint32_t addr)
{
    struct armv7m *s = &cpu->sys;
    armv7m_fault_record(cpu, fault, addr);
    unsigned exc = armv7m_fault_exc(fault);
    if (fault == CPU_FAULT_IMPRECISERR) {
        /* Asynchronous: pend it; it is taken when its priority allows. */
        int ep = armv7m_exec_prio(cpu);
        if (!armv7m_exc_takeable(cpu, exc)) {
            if (ep <= -1) {
                armv7m_lockup(cpu);
                return;
            }
            s->hfsr |= HFSR_FORCED;
            exc = CPU_EXC_HARDFAULT;
        }
        armv7m_set_pending(cpu, exc);
        return;
    }
    armv7m_raise(cpu, exc, info(fault)->vcatch);
}

void armv7m_svc(struct cpu *cpu)
{
    armv7m_raise(cpu, CPU_EXC_SVCALL, 0);
}

static uint32_t dfsr_bit(enum cpu_halt_reason why)
{
    switch (why) {
    case CPU_HALT_BKPT:
    case CPU_HALT_FPB: return DFSR_BKPT;
    case CPU_HALT_WATCH: return DFSR_DWTTRAP;
    case CPU_HALT_VCATCH:
    case CPU_HALT_RESET: return DFSR_VCATCH;
    case CPU_HALT_NONE: return 0;
    default: return DFSR_HALTED;
    }
}

void armv7m_debug_halt(struct cpu *cpu, enum cpu_halt_reason why)
{
    cpu->sys.dfsr |= dfsr_bit(why);
    cpu->halted = true;
    cpu->halt_reason = why;
    cpu->sleeping = false;
    cpu->attention = 1;
    if (cpu->host.halted)
        cpu->host.halted(cpu->host.ctx, why);
}

/* Debug event without halting debug (C1.7): DebugMonitor when enabled and
 * of sufficient priority, else HardFault with HFSR.DEBUGEVT.  `fatal`
 * false for events silicon ignores without a monitor (watchpoints). */
static void monitor_or_hardfault(struct cpu *cpu, bool fatal)
{
    struct armv7m *s = &cpu->sys;
    int ep = armv7m_exec_prio(cpu);
    if ((s->demcr & DEMCR_MON_EN) &&
        armv7m_group_prio(cpu, s->prio[CPU_EXC_DEBUGMON]) < ep) {
        armv7m_raise(cpu, CPU_EXC_DEBUGMON, 0);
        return;
    }
    if (!fatal)
        return;
    s->hfsr |= HFSR_DEBUGEVT;
    armv7m_raise(cpu, CPU_EXC_HARDFAULT, 0);
}

void armv7m_debug_event(struct cpu *cpu, enum cpu_halt_reason why)
{
    struct armv7m *s = &cpu->sys;
    if (s->dhcsr & DHCSR_C_DEBUGEN) {
        armv7m_debug_halt(cpu, why);
        return;
    }
    s->dfsr |= dfsr_bit(why);
    monitor_or_hardfault(cpu, why != CPU_HALT_WATCH);
}

void armv7m_bkpt(struct cpu *cpu, uint32_t imm)
{
    struct armv7m *s = &cpu->sys;
    if ((imm & 0xff) == 0xab && (cpu->cfg.semihosting || (s->dhcsr & DHCSR_C_DEBUGEN))) {
        cpu->r[15] += 2;
        if (!armv7m_semihost(cpu)) {
            s->exit_requested = true;
            cpu->attention = 1;
        }
        return;
    }
    armv7m_debug_event(cpu, CPU_HALT_BKPT);
}
