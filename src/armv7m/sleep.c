/* WFI, WFE, SEV and the wake-up conditions (ARMv7-M ARM B1.5.18-19). */
#include "armv7m/armv7m_internal.h"

/* An exception that would preempt now; with `ignore_primask`, one that
 * would preempt if PRIMASK were clear (WFI wakes on those, B1.5.19). */
static bool preempting_pending(const struct cpu *cpu, bool ignore_primask)
{
    unsigned exc = armv7m_best_pending(cpu);
    if (!exc)
        return false;
    int ep = armv7m_exec_prio_masked(cpu, !ignore_primask);
    return armv7m_group_prio(cpu, armv7m_exc_prio(cpu, exc)) < ep;
}

bool armv7m_wake_pending(const struct cpu *cpu)
{
    if (cpu->sys.sleep_wfe && cpu->sys.event_register)
        return true;
    return preempting_pending(cpu, true);
}

void armv7m_wfi(struct cpu *cpu)
{
    if (preempting_pending(cpu, true))
        return;
    cpu->sys.sleep_wfe = false;
    cpu->sleeping = true;
    cpu->attention = 1;
}

void armv7m_wfe(struct cpu *cpu)
{
    struct armv7m *s = &cpu->sys;
    if (s->event_register) {
        s->event_register = false;
        return;
    }
    if (preempting_pending(cpu, false))
        return;
    s->sleep_wfe = true;
    cpu->sleeping = true;
    cpu->attention = 1;
}

void armv7m_sev(struct cpu *cpu)
{
    cpu->sys.event_register = true;
}
