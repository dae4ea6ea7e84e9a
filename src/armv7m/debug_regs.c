/* Core debug registers (ARMv7-M ARM C1.6): DHCSR, DCRSR, DCRDR, DEMCR.
 * Offsets are from the SCS base (0xDF0..0xDFC). */
#include "armv7m/armv7m_internal.h"

static uint32_t read_dhcsr(struct cpu *cpu)
{
    struct armv7m *s = &cpu->sys;
    uint32_t v = s->dhcsr & (DHCSR_C_DEBUGEN | DHCSR_C_STEP | DHCSR_C_MASKINTS | DHCSR_C_SNAPSTALL);
    /* With host-served semihosting an attached debugger is emulated, so
     * firmware that checks C_DEBUGEN before a BKPT 0xAB proceeds. */
    if (cpu->cfg.semihosting)
        v |= DHCSR_C_DEBUGEN;
    if (cpu->halted)
        v |= DHCSR_C_HALT | DHCSR_S_HALT;
    v |= DHCSR_S_REGRDY; /* register transfers complete at once */
    if (cpu->sleeping)
        v |= DHCSR_S_SLEEP;
    if (cpu->lockup)
        v |= DHCSR_S_LOCKUP;
    if (cpu->insns != s->retire_mark)
        v |= DHCSR_S_RETIRE_ST;
    if (s->reset_st)
        v |= DHCSR_S_RESET_ST;
    /* S_RETIRE_ST and S_RESET_ST are sticky until read. */
    s->retire_mark = cpu->insns;
    s->reset_st = false;
    return v;
}

static void write_dhcsr(struct cpu *cpu, uint32_t v)
{
    struct armv7m *s = &cpu->sys;
    if ((v >> 16) != 0xa05f)
        return; /* DBGKEY */
    uint32_t ctl = v & (DHCSR_C_DEBUGEN | DHCSR_C_HALT | DHCSR_C_STEP | DHCSR_C_MASKINTS |
                        DHCSR_C_SNAPSTALL);
    s->dhcsr = ctl & ~DHCSR_C_HALT;
    cpu->attention = 1;
    if (!(ctl & DHCSR_C_DEBUGEN)) {
        /* Halting debug off: a halted core resumes. */
        if (cpu->halted) {
            cpu->halted = false;
            cpu->halt_reason = CPU_HALT_NONE;
        }
        return;
    }
    if (ctl & DHCSR_C_HALT) {
        if (!cpu->halted)
            armv7m_debug_halt(cpu, CPU_HALT_REQUEST);
        return;
    }
    if (!cpu->halted)
        return;
    if ((ctl & DHCSR_C_STEP) && !s->in_step) {
        /* C_HALT = 0 with C_STEP: execute one instruction (or enter one
         * exception) and halt again, complete before this write returns. */
        s->in_step = true;
        cpu_step(cpu);
        s->in_step = false;
        s->dfsr |= DFSR_HALTED;
        if (!cpu->halted) { /* the step may have halted for its own reason (BKPT) */
            cpu->halted = true;
            cpu->halt_reason = CPU_HALT_STEP;
        }
        return;
    }
    if (!(ctl & DHCSR_C_STEP)) {
        cpu->halted = false;
        cpu->halt_reason = CPU_HALT_NONE;
    }
}

static void write_dcrsr(struct cpu *cpu, uint32_t v)
{
    struct armv7m *s = &cpu->sys;
    s->dcrsr = v & 0x1007fu;
    if (!cpu->halted)
        return; /* transfers are only defined in Debug state */
    unsigned regsel = v & 0x7f;
    if (v & (1u << 16)) {
        cpu_reg_set(cpu, regsel, s->dcrdr);
        cpu->attention = 1;
    } else {
        uint32_t val;
        cpu_reg_get(cpu, regsel, &val);
        s->dcrdr = val;
    }
}

static void write_demcr(struct cpu *cpu, uint32_t v)
{
    struct armv7m *s = &cpu->sys;
    bool was = armv7m_dwt_counting(cpu);
    s->demcr = v & 0x010f07f1u;
    if (s->demcr & DEMCR_MON_PEND)
        armv7m_set_pending(cpu, CPU_EXC_DEBUGMON);
    else
        s->pending[CPU_EXC_DEBUGMON] = false;
    s->demcr &= ~DEMCR_MON_PEND; /* read back from the pending state */
    s->enabled[CPU_EXC_DEBUGMON] = (s->demcr & DEMCR_MON_EN) != 0;
    armv7m_dwt_sync(cpu, was);
    cpu->attention = 1;
}

bool armv7m_debug_read(struct cpu *cpu, uint32_t off, uint32_t *v)
{
    struct armv7m *s = &cpu->sys;
    switch (off) {
    case 0xdf0: *v = read_dhcsr(cpu); return true;
    case 0xdf4: *v = 0; return true; /* DCRSR is write-only */
    case 0xdf8: *v = s->dcrdr; return true;
    case 0xdfc:
        *v = s->demcr | (s->pending[CPU_EXC_DEBUGMON] ? DEMCR_MON_PEND : 0);
        return true;
    default: return false;
    }
}

bool armv7m_debug_write(struct cpu *cpu, uint32_t off, uint32_t v, uint32_t mask)
{
    struct armv7m *s = &cpu->sys;
    switch (off) {
    case 0xdf0:
        if (mask == 0xffffffffu)
            write_dhcsr(cpu, v);
        return true;
    case 0xdf4: write_dcrsr(cpu, v & mask); return true;
    case 0xdf8: s->dcrdr = (s->dcrdr & ~mask) | (v & mask); return true;
    case 0xdfc: {
        uint32_t cur;
        armv7m_debug_read(cpu, 0xdfc, &cur);
        write_demcr(cpu, (cur & ~mask) | (v & mask));
        return true;
    }
    default: return false;
    }
}
