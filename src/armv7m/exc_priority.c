/* Exception priorities (ARMv7-M ARM B1.5.4): fixed -3/-2/-1 for Reset, NMI
 * and HardFault, the 8-bit programmed value otherwise; AIRCR.PRIGROUP
 * splits it into group priority (preemption) and subpriority; the current
 * execution priority comes from the active exceptions and the masks. */
#include "armv7m/armv7m_internal.h"

#include <string.h>

/* Next set flag at or after `from` in a bool array of ARMV7M_NUM_EXC
 * (memchr: the arrays are mostly false and scanned at every boundary). */
static unsigned next_set(const bool *arr, unsigned from)
{
    const bool *p = memchr(arr + from, 1, ARMV7M_NUM_EXC - from);
    return p ? (unsigned)(p - arr) : ARMV7M_NUM_EXC;
}

int armv7m_exc_prio(const struct cpu *cpu, unsigned exc)
{
    switch (exc) {
    case CPU_EXC_RESET: return -3;
    case CPU_EXC_NMI: return -2;
    case CPU_EXC_HARDFAULT: return -1;
    default: return exc < ARMV7M_NUM_EXC ? cpu->sys.prio[exc] : ARMV7M_PRIO_BASE;
    }
}

/* B1.5.4: group priority = priority with bits [PRIGROUP:0] cleared. */
int armv7m_group_prio(const struct cpu *cpu, int prio)
{
    if (prio < 0 || prio >= ARMV7M_PRIO_BASE)
        return prio;
    uint32_t mask = (0xffu << (cpu->sys.aircr_prigroup + 1)) & 0xffu;
    return (int)((uint32_t)prio & mask);
}

/* ExecutionPriority() pseudocode, B1.5.4. */
int armv7m_exec_prio(const struct cpu *cpu)
{
    return armv7m_exec_prio_masked(cpu, true);
}

int armv7m_exec_prio_masked(const struct cpu *cpu, bool with_primask)
{
    const struct armv7m *s = &cpu->sys;
    int p = ARMV7M_PRIO_BASE;
    if (s->nested) {
        for (unsigned e = next_set(s->active, 1); e < ARMV7M_NUM_EXC;
             e = next_set(s->active, e + 1)) {
            int g = armv7m_group_prio(cpu, armv7m_exc_prio(cpu, e));
            if (g < p)
                p = g;
        }
    }
    if (cpu->basepri & 0xff) {
        int b = armv7m_group_prio(cpu, (int)(cpu->basepri & 0xf0));
        if (b < p)
            p = b;
    }
    if (with_primask && (cpu->primask & 1) && p > 0)
        p = 0;
    if ((cpu->faultmask & 1) && p > -1)
        p = -1;
    return p;
}

bool armv7m_exc_takeable(const struct cpu *cpu, unsigned exc)
{
    const struct armv7m *s = &cpu->sys;
    if (exc == 0 || exc >= ARMV7M_NUM_EXC)
        return false;
    /* C_MASKINTS masks PendSV, SysTick and external interrupts while
     * halting debug is enabled (C1.6.3). */
    if ((s->dhcsr & DHCSR_C_MASKINTS) && (s->dhcsr & DHCSR_C_DEBUGEN) &&
        exc >= CPU_EXC_PENDSV)
        return false;
    switch (exc) {
    case CPU_EXC_NMI:
    case CPU_EXC_HARDFAULT:
    case CPU_EXC_SVCALL:
    case CPU_EXC_PENDSV:
    case CPU_EXC_SYSTICK:
        return true;
    case CPU_EXC_DEBUGMON:
        return (s->demcr & DEMCR_MON_EN) != 0;
    default:
        return s->enabled[exc];
    }
}

/* Highest priority first; the lowest exception number wins a tie (B1.5.4). */
static unsigned best(const struct cpu *cpu, bool only_takeable)
{
    const struct armv7m *s = &cpu->sys;
    unsigned best_exc = 0;
    int best_prio = ARMV7M_PRIO_BASE + 1;
    for (unsigned e = next_set(s->pending, 1); e < ARMV7M_NUM_EXC;
         e = next_set(s->pending, e + 1)) {
        if (only_takeable && !armv7m_exc_takeable(cpu, e))
            continue;
        int p = armv7m_exc_prio(cpu, e);
        if (p < best_prio) {
            best_prio = p;
            best_exc = e;
        }
    }
    return best_exc;
}

unsigned armv7m_best_pending(const struct cpu *cpu)
{
    return best(cpu, true);
}

unsigned armv7m_vectpending(const struct cpu *cpu)
{
    return best(cpu, true);
}
