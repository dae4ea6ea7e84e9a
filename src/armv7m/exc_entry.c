/* Exception entry (ARMv7-M ARM B1.5.6 PushStack, ExceptionTaken), taking
 * the highest-priority pending exception at an instruction boundary,
 * escalation to HardFault and lockup (B1.5.15). */
#include "armv7m/armv7m_internal.h"

void armv7m_lockup(struct cpu *cpu)
{
    /* B1.5.15: the core stops fetching; PC reads 0xFFFFFFFE. */
    cpu->lockup = true;
    cpu->sleeping = false;
    cpu->r[15] = 0xfffffffeu;
    cpu->attention = 1;
}

void armv7m_deactivate(struct cpu *cpu, unsigned exc)
{
    struct armv7m *s = &cpu->sys;
    if (exc < ARMV7M_NUM_EXC && s->active[exc]) {
        s->active[exc] = false;
        s->nested--;
    }
    /* DeActivate(): FAULTMASK clears on return from anything but NMI. */
    if (exc != CPU_EXC_NMI)
        cpu->faultmask = 0;
    /* A level-sensitive line still asserted pends its IRQ again. */
    if (exc >= CPU_EXC_IRQ0 && exc < ARMV7M_NUM_EXC && s->irq_level[exc])
        armv7m_set_pending(cpu, exc);
    cpu->attention = 1;
}

/* UpdateFPCCR (B1.5.6): record where lazy FP state goes and which fault
 * handlers could run if saving it faults. */
static void update_fpccr(struct cpu *cpu, uint32_t frame)
{
    struct armv7m *s = &cpu->sys;
    int ep = armv7m_exec_prio(cpu);
    uint32_t f = s->fpccr & ~(FPCCR_LSPACT | FPCCR_USER | FPCCR_THREAD | FPCCR_HFRDY |
                              FPCCR_MMRDY | FPCCR_BFRDY | FPCCR_MONRDY);
    s->fpcar = (frame + 0x20) & ~7u;
    f |= FPCCR_LSPACT;
    if (cpu->ipsr == 0 && (cpu->control & CONTROL_NPRIV))
        f |= FPCCR_USER;
    if (cpu->ipsr == 0)
        f |= FPCCR_THREAD;
    if (ep > -1)
        f |= FPCCR_HFRDY;
    if ((s->shcsr & SHCSR_BUSFAULTENA) && ep > s->prio[CPU_EXC_BUSFAULT])
        f |= FPCCR_BFRDY;
    if ((s->shcsr & SHCSR_MEMFAULTENA) && ep > s->prio[CPU_EXC_MEMMANAGE])
        f |= FPCCR_MMRDY;
    if ((s->demcr & DEMCR_MON_EN) && ep > s->prio[CPU_EXC_DEBUGMON])
        f |= FPCCR_MONRDY;
    s->fpccr = f;
}

/* PushStack: returns the EXC_RETURN value; *ok false if a write failed. */
static uint32_t push_stack(struct cpu *cpu, bool *ok)
{
    struct armv7m *s = &cpu->sys;
    bool fpca = (cpu->control & CONTROL_FPCA) != 0;
    uint32_t size = fpca ? 0x68 : 0x20;
    bool forcealign = fpca || (s->ccr & CCR_STKALIGN);
    uint32_t sp = cpu->r[13]; /* the active stack: PSP in Thread with SPSEL */
    uint32_t realign = (forcealign && (sp & 4)) ? 1u : 0u;
    uint32_t frame = (sp - size) & (forcealign ? ~7u : ~3u);
    bool thread = cpu->ipsr == 0;
    bool spsel = (cpu->control & CONTROL_SPSEL) != 0;

    cpu->r[13] = frame;
    uint32_t words[8] = {cpu->r[0], cpu->r[1], cpu->r[2], cpu->r[3], cpu->r[12], cpu->r[14],
                         cpu->r[15], (cpu_xpsr(cpu) & ~(1u << 9)) | realign << 9};
    *ok = true;
    uint8_t *p = bus_write_ptr(cpu->bus, frame, 32);
    if (p) {
        /* Fast path: the frame lies in one plain RAM page. */
        for (unsigned i = 0; i < 8; i++)
            for (unsigned b = 0; b < 4; b++)
                p[4 * i + b] = (uint8_t)(words[i] >> (8 * b));
    } else {
        for (unsigned i = 0; i < 8; i++)
            if (!bus_write(cpu->bus, frame + 4 * i, 4, words[i]))
                *ok = false;
    }
    if (fpca) {
        if (!(s->fpccr & FPCCR_LSPEN)) {
            for (unsigned i = 0; i < 16; i++)
                if (!bus_write(cpu->bus, frame + 0x20 + 4 * i, 4, cpu->s[i]))
                    *ok = false;
            if (!bus_write(cpu->bus, frame + 0x60, 4, cpu->fpscr))
                *ok = false;
            cpu->cycles += ARMV7M_FP_STATE_CYCLES;
        } else {
            update_fpccr(cpu, frame);
        }
    }
    armv7m_exc_overhead(cpu, ARMV7M_ENTRY_CYCLES);
    if (!thread)
        return fpca ? 0xffffffe1u : 0xfffffff1u;
    return (fpca ? 0xffffffe9u : 0xfffffff9u) | (spsel ? 4u : 0u);
}

/* Which DEMCR vector catch applies when `exc` is entered. */
static void entry_catch(struct cpu *cpu, unsigned exc, uint32_t vcatch_bits)
{
    if (exc == CPU_EXC_HARDFAULT)
        vcatch_bits |= DEMCR_VC_HARDERR;
    if (vcatch_bits)
        armv7m_vector_catch(cpu, vcatch_bits);
}

/* ExceptionTaken: vector fetch and the switch to Handler mode.  A failed
 * vector read becomes a HardFault (HFSR.VECTTBL), or lockup if that was
 * the HardFault or NMI vector. */
static bool read_vector(struct cpu *cpu, unsigned exc, uint32_t *vec)
{
    uint32_t a = (cpu->sys.vtor & 0x3ffffe00u) + 4 * exc;
    const uint8_t *p = bus_read_ptr(cpu->bus, a, 4);
    if (p) {
        *vec = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        return true;
    }
    return bus_read(cpu->bus, a, 4, vec);
}

static bool taken(struct cpu *cpu, unsigned exc, uint32_t exc_return)
{
    struct armv7m *s = &cpu->sys;
    uint32_t vec;
    if (!read_vector(cpu, exc, &vec)) {
        if (exc == CPU_EXC_HARDFAULT || exc == CPU_EXC_NMI) {
            s->hfsr |= HFSR_VECTTBL;
            armv7m_lockup(cpu);
            return false;
        }
        s->hfsr |= HFSR_VECTTBL;
        exc = CPU_EXC_HARDFAULT;
        if (!read_vector(cpu, exc, &vec)) {
            armv7m_lockup(cpu);
            return false;
        }
    }
    s->pending[exc] = false;
    if (!s->active[exc]) {
        s->active[exc] = true;
        s->nested++;
    }
    cpu->r[14] = exc_return;
    cpu->r[15] = vec & ~1u;
    cpu->thumb = vec & 1;
    cpu->itstate = 0;
    cpu_set_ipsr(cpu, exc);
    cpu_set_control(cpu, cpu->control & ~(CONTROL_SPSEL | CONTROL_FPCA));
    cpu->excl_open = false;
    s->event_register = true;
    cpu->sleeping = false;
    cpu->attention = 1;
    return true;
}

/* A fault while stacking (B1.5.12 derived exception): the exception being
 * entered still runs; the BusFault is pended, or escalated to HardFault,
 * or the core locks up when even that cannot preempt. */
static void stacking_fault(struct cpu *cpu, unsigned entered)
{
    struct armv7m *s = &cpu->sys;
    armv7m_fault_record(cpu, CPU_FAULT_STKERR, 0);
    int ep = armv7m_exec_prio(cpu);
    unsigned target = CPU_EXC_BUSFAULT;
    /* A BusFault on the stacking for BusFault itself does not escalate. */
    if (entered != CPU_EXC_BUSFAULT &&
        (!s->enabled[CPU_EXC_BUSFAULT] ||
         armv7m_group_prio(cpu, s->prio[CPU_EXC_BUSFAULT]) >= ep)) {
        if (ep <= -1) {
            armv7m_lockup(cpu);
            return;
        }
        s->hfsr |= HFSR_FORCED;
        target = CPU_EXC_HARDFAULT;
    }
    armv7m_set_pending(cpu, target);
}

void armv7m_enter(struct cpu *cpu, unsigned exc)
{
    bool ok;
    uint32_t exc_return = push_stack(cpu, &ok);
    if (!taken(cpu, exc, exc_return))
        return;
    if (!ok)
        stacking_fault(cpu, cpu->ipsr);
}

void armv7m_enter_chained(struct cpu *cpu, unsigned exc, uint32_t exc_return)
{
    armv7m_exc_overhead(cpu, ARMV7M_TAILCHAIN_CYCLES);
    taken(cpu, exc, exc_return);
}

bool armv7m_take_pending(struct cpu *cpu)
{
    if (cpu->lockup)
        return false;
    unsigned exc = armv7m_best_pending(cpu);
    if (!exc)
        return false;
    if (armv7m_group_prio(cpu, armv7m_exc_prio(cpu, exc)) >= armv7m_exec_prio(cpu))
        return false;
    armv7m_enter(cpu, exc);
    return true;
}

/* Synchronous exceptions (faults, SVC, debug events): taken at once when
 * they can preempt, else escalated (B1.5.15 "priority escalation"). */
void armv7m_raise(struct cpu *cpu, unsigned exc, uint32_t vcatch_bits)
{
    struct armv7m *s = &cpu->sys;
    int ep = armv7m_exec_prio(cpu);
    if (exc != CPU_EXC_HARDFAULT && exc != CPU_EXC_NMI &&
        (!armv7m_exc_takeable(cpu, exc) || armv7m_group_prio(cpu, armv7m_exc_prio(cpu, exc)) >= ep)) {
        s->hfsr |= HFSR_FORCED;
        exc = CPU_EXC_HARDFAULT;
    }
    if (armv7m_exc_prio(cpu, exc) >= ep) {
        armv7m_lockup(cpu);
        return;
    }
    s->pending[exc] = true;
    /* Late arrival: something of even higher priority pending goes first;
     * the synchronous exception then follows by tail-chaining. */
    unsigned first = armv7m_best_pending(cpu);
    armv7m_enter(cpu, first ? first : exc);
    if (cpu->lockup)
        return;
    if (cpu->ipsr == exc)
        entry_catch(cpu, exc, vcatch_bits);
    else if (cpu->ipsr == CPU_EXC_HARDFAULT) /* vector fetch failed */
        entry_catch(cpu, CPU_EXC_HARDFAULT, 0);
}
