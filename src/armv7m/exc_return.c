/* Exception return (ARMv7-M ARM B1.5.8 ExceptionReturn, PopStack):
 * integrity checks (INVPC), tail-chaining into a pending exception, the
 * basic and extended frames, lazy FP state, SLEEPONEXIT. */
#include "armv7m/armv7m_internal.h"

/* A failed return: the returning exception is deactivated (here unless
 * `returning` is 0: already done) and UsageFault (INVPC) or BusFault
 * (UNSTKERR) is entered with the frame left in place and LR = the
 * EXC_RETURN value, escalating as usual. */
static void return_fault(struct cpu *cpu, unsigned returning, enum cpu_fault fault,
                         uint32_t exc_return)
{
    struct armv7m *s = &cpu->sys;
    if (returning)
        armv7m_deactivate(cpu, returning);
    armv7m_fault_record(cpu, fault, 0);
    unsigned exc = armv7m_fault_exc(fault);
    int ep = armv7m_exec_prio(cpu);
    if (!armv7m_exc_takeable(cpu, exc) || armv7m_group_prio(cpu, armv7m_exc_prio(cpu, exc)) >= ep) {
        s->hfsr |= HFSR_FORCED;
        exc = CPU_EXC_HARDFAULT;
        if (ep <= -1) {
            armv7m_lockup(cpu);
            return;
        }
    }
    armv7m_enter_chained(cpu, exc, exc_return);
    if (!cpu->lockup)
        armv7m_vector_catch(cpu, DEMCR_VC_INTERR |
                                     (cpu->ipsr == CPU_EXC_HARDFAULT ? DEMCR_VC_HARDERR : 0));
}

void armv7m_exception_return(struct cpu *cpu, uint32_t exc_return)
{
    struct armv7m *s = &cpu->sys;
    unsigned returning = cpu->ipsr;
    unsigned mode = exc_return & 0xf;

    if (returning == 0 || returning >= ARMV7M_NUM_EXC) {
        /* Not in Handler mode: the executor should not have called us; an
         * EXC_RETURN value in Thread mode is just a branch target that faults. */
        return;
    }
    /* EXC_RETURN<27:5> must be ones (UNPREDICTABLE otherwise: treated as an
     * illegal EXC_RETURN, INVPC, as Cortex-M4 does). */
    if ((exc_return & 0x0fffffe0u) != 0x0fffffe0u || !s->active[returning] ||
        (mode != 0x1 && mode != 0x9 && mode != 0xd)) {
        return_fault(cpu, returning, CPU_FAULT_INVPC, exc_return);
        return;
    }
    bool to_thread = mode != 0x1;
    if (to_thread && s->nested != 1 && !(s->ccr & CCR_NONBASETHRDENA)) {
        return_fault(cpu, returning, CPU_FAULT_INVPC, exc_return);
        return;
    }

    armv7m_deactivate(cpu, returning);

    /* Tail-chaining: a pending exception that would preempt the context we
     * are returning to is entered directly, the frame left on the stack. */
    unsigned next = armv7m_best_pending(cpu);
    if (next && armv7m_group_prio(cpu, armv7m_exc_prio(cpu, next)) < armv7m_exec_prio(cpu)) {
        armv7m_enter_chained(cpu, next, exc_return);
        return;
    }

    /* PopStack: read the whole frame first so that a failed read changes
     * nothing but the fault status. */
    bool extended = !(exc_return & 0x10);
    bool use_psp = mode == 0xd;
    uint32_t frame = use_psp ? cpu_get_psp(cpu) : cpu_get_msp(cpu);
    uint32_t w[8], fp[17];
    const uint8_t *p = bus_read_ptr(cpu->bus, frame, 32);
    for (unsigned i = 0; i < 8; i++) {
        if (p) { /* fast path: the frame lies in one memory page */
            w[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 |
                   (uint32_t)p[4 * i + 2] << 16 | (uint32_t)p[4 * i + 3] << 24;
            continue;
        }
        if (!bus_read(cpu->bus, frame + 4 * i, 4, &w[i])) {
            /* The BusFault (UNSTKERR) runs on the frame left in place. */
            return_fault(cpu, 0, CPU_FAULT_UNSTKERR, exc_return);
            return;
        }
    }
    bool lazy = extended && (s->fpccr & FPCCR_LSPACT);
    if (extended && !lazy) {
        for (unsigned i = 0; i < 17; i++) {
            if (!bus_read(cpu->bus, frame + 0x20 + 4 * i, 4, &fp[i])) {
                return_fault(cpu, 0, CPU_FAULT_UNSTKERR, exc_return);
                return;
            }
        }
    }
    uint32_t psr = w[7];
    unsigned ret_ipsr = psr & 0x1ff;
    if ((to_thread && ret_ipsr != 0) || (!to_thread && ret_ipsr == 0)) {
        /* "Return IPSR is inconsistent": the frame stays where it is. */
        return_fault(cpu, 0, CPU_FAULT_INVPC, exc_return);
        return;
    }

    cpu->r[0] = w[0];
    cpu->r[1] = w[1];
    cpu->r[2] = w[2];
    cpu->r[3] = w[3];
    cpu->r[12] = w[4];
    cpu->r[14] = w[5];
    cpu->r[15] = w[6] & ~1u;
    if (extended) {
        if (lazy) {
            s->fpccr &= ~FPCCR_LSPACT; /* the registers still hold the state */
        } else {
            for (unsigned i = 0; i < 16; i++)
                cpu->s[i] = fp[i];
            cpu->fpscr = fp[16];
        }
    }
    uint32_t size = extended ? 0x68 : 0x20;
    bool forcealign = extended || (s->ccr & CCR_STKALIGN);
    uint32_t sp = (frame + size) | ((forcealign && (psr & (1u << 9))) ? 4u : 0u);
    if (use_psp)
        cpu_set_psp(cpu, sp);
    else
        cpu_set_msp(cpu, sp);
    uint32_t control = cpu->control & ~(CONTROL_SPSEL | CONTROL_FPCA);
    if (use_psp)
        control |= CONTROL_SPSEL;
    if (extended)
        control |= CONTROL_FPCA;
    cpu_set_control(cpu, control);
    cpu_set_xpsr(cpu, psr & ~(1u << 9));

    cpu->excl_open = false;
    s->event_register = true;
    armv7m_exc_overhead(cpu, ARMV7M_RETURN_CYCLES);
    cpu->attention = 1;
    if (to_thread && s->nested == 0 && (s->scr & SCR_SLEEPONEXIT)) {
        /* SLEEPONEXIT: back to sleep as if a WFI followed. */
        armv7m_wfi(cpu);
    }
}
