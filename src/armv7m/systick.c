/* SysTick (ARMv7-M ARM B3.3), computed lazily from the core's cycle count:
 * (syst_anchor, syst_cvr) is a point where the counter value was known;
 * the value now follows from the ticks elapsed since.  A tick is one core
 * cycle with CLKSOURCE = 1, syst_ext_div cycles with the external reference
 * (HCLK/8 on the STM32F3).  The counter counts RVR..0, so a wrap (the 1->0
 * step that sets COUNTFLAG and pends SysTick) comes every RVR+1 ticks. */
#include "armv7m/armv7m_internal.h"

#define SYST_MAX 0x00ffffffu

static uint64_t tick_cycles(const struct armv7m *s)
{
    if (s->syst_csr & SYST_CSR_CLKSOURCE)
        return 1;
    return s->syst_ext_div ? s->syst_ext_div : 8;
}

static bool running(const struct armv7m *s)
{
    return (s->syst_csr & SYST_CSR_ENABLE) != 0;
}

/* Counter value at cycle `now` (no side effects). */
static uint32_t value_at(const struct armv7m *s, uint64_t now)
{
    if (!running(s) || now <= s->syst_anchor)
        return s->syst_cvr;
    uint64_t n = (now - s->syst_anchor) / tick_cycles(s);
    uint64_t v = s->syst_cvr;
    if (n <= v)
        return (uint32_t)(v - n);
    uint64_t period = (uint64_t)s->syst_rvr + 1;
    if (s->syst_rvr == 0)
        return 0; /* RVR = 0: the counter stays at 0 after the next reload */
    return (uint32_t)(s->syst_rvr - (n - v - 1) % period);
}

uint64_t armv7m_next_event(const struct cpu *cpu)
{
    const struct armv7m *s = &cpu->sys;
    if (!running(s))
        return UINT64_MAX;
    uint64_t t = tick_cycles(s);
    if (s->syst_cvr != 0)
        return s->syst_anchor + (uint64_t)s->syst_cvr * t;
    if (s->syst_rvr == 0)
        return UINT64_MAX;
    /* At 0: the next tick reloads RVR, RVR more ticks reach 0 again. */
    return s->syst_anchor + ((uint64_t)s->syst_rvr + 1) * t;
}

void armv7m_advance(struct cpu *cpu)
{
    struct armv7m *s = &cpu->sys;
    /* Handle every wrap due by now (a long WFI may skip several). */
    for (unsigned guard = 0; guard < 4; guard++) {
        uint64_t when = armv7m_next_event(cpu);
        if (when == UINT64_MAX || when > cpu->cycles)
            return;
        s->syst_anchor = when;
        s->syst_cvr = 0;
        s->syst_csr |= SYST_CSR_COUNTFLAG;
        if (s->syst_csr & SYST_CSR_TICKINT)
            armv7m_set_pending(cpu, CPU_EXC_SYSTICK);
    }
    /* Many periods behind (the caller skipped time): jump to the last wrap. */
    uint64_t when = armv7m_next_event(cpu);
    if (when != UINT64_MAX && when <= cpu->cycles) {
        uint64_t period = ((uint64_t)s->syst_rvr + 1) * tick_cycles(s);
        uint64_t k = (cpu->cycles - when) / period;
        s->syst_anchor = when + k * period;
        s->syst_cvr = 0;
    }
}

/* Bring the counter up to date before a register access. */
static void sync(struct cpu *cpu)
{
    struct armv7m *s = &cpu->sys;
    armv7m_advance(cpu);
    if (running(s)) {
        uint64_t t = tick_cycles(s);
        uint32_t v = value_at(s, cpu->cycles);
        uint64_t n = (cpu->cycles - s->syst_anchor) / t;
        s->syst_anchor += n * t;
        s->syst_cvr = v;
    }
}

void armv7m_systick_reset(struct cpu *cpu)
{
    struct armv7m *s = &cpu->sys;
    s->syst_csr = 0;      /* CLKSOURCE resets to 0 on Cortex-M4 with an external clock */
    s->syst_rvr = 0;
    s->syst_cvr = 0;
    s->syst_anchor = cpu->cycles;
    if (!s->syst_calib)
        s->syst_calib = 0x40002328u; /* SKEW, TENMS = 9000 (1 ms at 9 MHz; RM0316) */
    if (!s->syst_ext_div)
        s->syst_ext_div = 8;
}

uint32_t armv7m_systick_read(struct cpu *cpu, uint32_t off)
{
    struct armv7m *s = &cpu->sys;
    switch (off) {
    case 0x10: {
        sync(cpu);
        uint32_t v = s->syst_csr;
        s->syst_csr &= ~SYST_CSR_COUNTFLAG; /* COUNTFLAG clears on read */
        return v;
    }
    case 0x14: return s->syst_rvr;
    case 0x18: sync(cpu); return s->syst_cvr;
    case 0x1c: return s->syst_calib;
    default: return 0;
    }
}

void armv7m_systick_write(struct cpu *cpu, uint32_t off, uint32_t v)
{
    struct armv7m *s = &cpu->sys;
    sync(cpu);
    switch (off) {
    case 0x10:
        s->syst_csr = (s->syst_csr & SYST_CSR_COUNTFLAG) | (v & 7u);
        s->syst_anchor = cpu->cycles;
        break;
    case 0x14: s->syst_rvr = v & SYST_MAX; break;
    case 0x18:
        /* Any write clears the counter and COUNTFLAG; no exception. */
        s->syst_cvr = 0;
        s->syst_csr &= ~SYST_CSR_COUNTFLAG;
        s->syst_anchor = cpu->cycles;
        break;
    default: break;
    }
    cpu->attention = 1;
}
