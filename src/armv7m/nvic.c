/* NVIC (ARMv7-M ARM B3.4): ISER/ICER/ISPR/ICPR/IABR/IPR for the 82 IRQs of
 * the STM32F303xC, STIR, and the peripheral-side interrupt lines. */
#include "armv7m/armv7m_internal.h"

#define NVIC_WORDS 3 /* ICTR.INTLINESNUM = 2: IRQ 0..95 */

void armv7m_set_pending(struct cpu *cpu, unsigned exc)
{
    struct armv7m *s = &cpu->sys;
    if (exc == 0 || exc >= ARMV7M_NUM_EXC)
        return;
    /* SEVONPEND: an interrupt becoming pending is a WFE wake-up event. */
    if (!s->pending[exc] && (s->scr & SCR_SEVONPEND))
        s->event_register = true;
    s->pending[exc] = true;
    cpu->attention = 1;
}

void armv7m_irq_line(struct cpu *cpu, unsigned irq, bool level)
{
    if (irq >= CPU_NUM_IRQ)
        return;
    unsigned exc = CPU_EXC_IRQ0 + irq;
    bool was = cpu->sys.irq_level[exc];
    cpu->sys.irq_level[exc] = level;
    /* A rising level pends; while active the pend waits for the return
     * (armv7m_deactivate re-pends a line still high). */
    if (level && !was)
        armv7m_set_pending(cpu, exc);
}

void armv7m_irq_pulse(struct cpu *cpu, unsigned irq)
{
    if (irq < CPU_NUM_IRQ)
        armv7m_set_pending(cpu, CPU_EXC_IRQ0 + irq);
}

static uint32_t bits_of(const bool *arr, unsigned word)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < 32; i++) {
        unsigned irq = word * 32 + i;
        if (irq < CPU_NUM_IRQ && arr[CPU_EXC_IRQ0 + irq])
            v |= 1u << i;
    }
    return v;
}

bool armv7m_nvic_read(struct cpu *cpu, uint32_t off, uint32_t *v)
{
    struct armv7m *s = &cpu->sys;
    unsigned word = (off & 0x7f) >> 2;
    if (off >= 0x100 && off < 0x380 && (off & 0x7f) >= NVIC_WORDS * 4) {
        *v = 0; /* beyond the implemented lines: RAZ/WI */
        return true;
    }
    if (off >= 0x100 && off < 0x180) { *v = bits_of(s->enabled, word); return true; }
    if (off >= 0x180 && off < 0x200) { *v = bits_of(s->enabled, word); return true; }
    if (off >= 0x200 && off < 0x280) { *v = bits_of(s->pending, word); return true; }
    if (off >= 0x280 && off < 0x300) { *v = bits_of(s->pending, word); return true; }
    if (off >= 0x300 && off < 0x380) { *v = bits_of(s->active, word); return true; }
    if (off >= 0x400 && off < 0x400 + NVIC_WORDS * 32) {
        uint32_t r = 0;
        for (unsigned b = 0; b < 4; b++) {
            unsigned irq = (off - 0x400) + b;
            if (irq < CPU_NUM_IRQ)
                r |= (uint32_t)s->prio[CPU_EXC_IRQ0 + irq] << (8 * b);
        }
        *v = r;
        return true;
    }
    if (off >= 0x380 && off < 0x5f0) {
        *v = 0;
        return true;
    }
    return false;
}

static void apply_bits(struct cpu *cpu, bool *arr, unsigned word, uint32_t bits, bool set)
{
    for (unsigned i = 0; i < 32; i++) {
        unsigned irq = word * 32 + i;
        if (!(bits & (1u << i)) || irq >= CPU_NUM_IRQ)
            continue;
        unsigned exc = CPU_EXC_IRQ0 + irq;
        if (set && arr == cpu->sys.pending)
            armv7m_set_pending(cpu, exc);
        else
            arr[exc] = set;
        /* ICPR on a level-sensitive line still asserted (and not being
         * serviced): the NVIC samples the line again at once. */
        if (!set && arr == cpu->sys.pending && cpu->sys.irq_level[exc] && !cpu->sys.active[exc])
            arr[exc] = true;
    }
    cpu->attention = 1;
}

/* `mask` has the bytes the access wrote (byte writes reach IPR). */
bool armv7m_nvic_write(struct cpu *cpu, uint32_t off, uint32_t v, uint32_t mask)
{
    struct armv7m *s = &cpu->sys;
    unsigned word = (off & 0x7f) >> 2;
    v &= mask;
    if (off >= 0x100 && off < 0x380 && (off & 0x7f) >= NVIC_WORDS * 4)
        return true;
    if (off >= 0x100 && off < 0x180) { apply_bits(cpu, s->enabled, word, v, true); return true; }
    if (off >= 0x180 && off < 0x200) { apply_bits(cpu, s->enabled, word, v, false); return true; }
    if (off >= 0x200 && off < 0x280) { apply_bits(cpu, s->pending, word, v, true); return true; }
    if (off >= 0x280 && off < 0x300) { apply_bits(cpu, s->pending, word, v, false); return true; }
    if (off >= 0x300 && off < 0x380) return true; /* IABR is read-only */
    if (off >= 0x400 && off < 0x400 + NVIC_WORDS * 32) {
        for (unsigned b = 0; b < 4; b++) {
            unsigned irq = (off - 0x400) + b;
            if (irq < CPU_NUM_IRQ && (mask >> (8 * b) & 0xff))
                s->prio[CPU_EXC_IRQ0 + irq] = (uint8_t)(v >> (8 * b)) & 0xf0;
        }
        cpu->attention = 1;
        return true;
    }
    if (off >= 0x380 && off < 0x5f0)
        return true;
    return false;
}
