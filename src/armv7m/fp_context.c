/* FP context control before an FP instruction (ARMv7-M ARM B1.5.7,
 * ExecuteFPCheck / PreserveFPState): the CPACR access check, lazy state
 * preservation into the frame reserved at FPCAR, and CONTROL.FPCA. */
#include "armv7m/armv7m_internal.h"

/* CPACR.CP10 (bits 21:20): 01 privileged only, 11 full access (CP11 must
 * match; B3.2.20). */
static bool fp_access_ok(const struct cpu *cpu)
{
    uint32_t cp10 = (cpu->sys.cpacr >> 20) & 3;
    bool privileged = cpu->ipsr != 0 || !(cpu->control & CONTROL_NPRIV);
    if (cp10 == 3)
        return true;
    return cp10 == 1 && privileged;
}

/* PreserveFPState: write S0-S15 and FPSCR where the exception entry left
 * room.  A failing write is a BusFault (LSPERR); the state is dropped. */
static bool preserve(struct cpu *cpu)
{
    struct armv7m *s = &cpu->sys;
    uint32_t a = s->fpcar & ~7u;
    bool ok = true;
    for (unsigned i = 0; i < 16; i++)
        if (!bus_write(cpu->bus, a + 4 * i, 4, cpu->s[i]))
            ok = false;
    if (!bus_write(cpu->bus, a + 0x40, 4, cpu->fpscr))
        ok = false;
    s->fpccr &= ~FPCCR_LSPACT;
    cpu->cycles += ARMV7M_FP_STATE_CYCLES;
    if (!ok) {
        armv7m_fault(cpu, CPU_FAULT_LSPERR, 0);
        return false;
    }
    return true;
}

bool armv7m_fp_enter(struct cpu *cpu)
{
    struct armv7m *s = &cpu->sys;
    if (!fp_access_ok(cpu)) {
        armv7m_fault(cpu, CPU_FAULT_NOCP, 0);
        return false;
    }
    if ((s->fpccr & FPCCR_LSPACT) && !preserve(cpu))
        return false;
    if ((s->fpccr & FPCCR_ASPEN) && !(cpu->control & CONTROL_FPCA)) {
        /* A new FP context starts with the default FPSCR modes (FPDSCR). */
        cpu->fpscr = (cpu->fpscr & ~0x07c00000u) | (s->fpdscr & 0x07c00000u);
        cpu_set_control(cpu, cpu->control | CONTROL_FPCA);
    }
    return true;
}
