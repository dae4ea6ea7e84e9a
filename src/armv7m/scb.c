/* System control block and the rest of the SCS that is not NVIC, SysTick or
 * debug: ICTR, ACTLR, CPUID..AFSR, the ID registers, CPACR, the MPU
 * registers, STIR and the FP context registers (ARMv7-M ARM B3.2, B3.5,
 * Cortex-M4 TRM 4.x). Offsets are from the SCS base 0xE000E000. */
#include "armv7m/armv7m_internal.h"

/* Cortex-M4 r0p1 identification (Cortex-M4 TRM table 3-5 and 7-1; MVFR
 * values as OpenOCD expects them for FPv4-SP). */
static const uint32_t id_regs[] = {
    0x00000030, /* ID_PFR0  0xD40 */
    0x00000200, /* ID_PFR1 */
    0x00100000, /* ID_DFR0 */
    0x00000000, /* ID_AFR0 */
    0x00100030, /* ID_MMFR0 */
    0x00000000, /* ID_MMFR1 */
    0x01000000, /* ID_MMFR2 */
    0x00000000, /* ID_MMFR3 */
    0x01101110, /* ID_ISAR0 */
    0x02111000, /* ID_ISAR1 */
    0x21112231, /* ID_ISAR2 */
    0x01111110, /* ID_ISAR3 */
    0x01310132, /* ID_ISAR4 */
};

#define MVFR0_VALUE 0x10110021u
#define MVFR1_VALUE 0x11000011u

uint32_t armv7m_shcsr(const struct cpu *cpu)
{
    const struct armv7m *s = &cpu->sys;
    uint32_t v = s->shcsr & (SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA);
    static const struct { uint8_t exc, bit; } map[] = {
        {CPU_EXC_MEMMANAGE, 0}, {CPU_EXC_BUSFAULT, 1}, {CPU_EXC_USAGEFAULT, 3},
        {CPU_EXC_SVCALL, 7},    {CPU_EXC_DEBUGMON, 8}, {CPU_EXC_PENDSV, 10},
        {CPU_EXC_SYSTICK, 11},
    };
    for (unsigned i = 0; i < sizeof map / sizeof map[0]; i++)
        if (s->active[map[i].exc])
            v |= 1u << map[i].bit;
    if (s->pending[CPU_EXC_USAGEFAULT]) v |= 1u << 12;
    if (s->pending[CPU_EXC_MEMMANAGE]) v |= 1u << 13;
    if (s->pending[CPU_EXC_BUSFAULT]) v |= 1u << 14;
    if (s->pending[CPU_EXC_SVCALL]) v |= 1u << 15;
    return v;
}

static void set_active(struct cpu *cpu, unsigned exc, bool on)
{
    struct armv7m *s = &cpu->sys;
    if (s->active[exc] == on)
        return;
    s->active[exc] = on;
    if (on)
        s->nested++;
    else
        s->nested--;
}

/* SHCSR writes (B3.2.13): enables, and the active/pending bits, which
 * software may write to restore a context. */
static void write_shcsr(struct cpu *cpu, uint32_t v)
{
    struct armv7m *s = &cpu->sys;
    s->shcsr = v & (SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA);
    s->enabled[CPU_EXC_MEMMANAGE] = v & SHCSR_MEMFAULTENA;
    s->enabled[CPU_EXC_BUSFAULT] = v & SHCSR_BUSFAULTENA;
    s->enabled[CPU_EXC_USAGEFAULT] = v & SHCSR_USGFAULTENA;
    set_active(cpu, CPU_EXC_MEMMANAGE, v & (1u << 0));
    set_active(cpu, CPU_EXC_BUSFAULT, v & (1u << 1));
    set_active(cpu, CPU_EXC_USAGEFAULT, v & (1u << 3));
    set_active(cpu, CPU_EXC_SVCALL, v & (1u << 7));
    set_active(cpu, CPU_EXC_DEBUGMON, v & (1u << 8));
    set_active(cpu, CPU_EXC_PENDSV, v & (1u << 10));
    set_active(cpu, CPU_EXC_SYSTICK, v & (1u << 11));
    s->pending[CPU_EXC_USAGEFAULT] = v & (1u << 12);
    s->pending[CPU_EXC_MEMMANAGE] = v & (1u << 13);
    s->pending[CPU_EXC_BUSFAULT] = v & (1u << 14);
    s->pending[CPU_EXC_SVCALL] = v & (1u << 15);
    cpu->attention = 1;
}

static uint32_t read_icsr(const struct cpu *cpu)
{
    const struct armv7m *s = &cpu->sys;
    uint32_t v = cpu->ipsr & 0x1ff;
    unsigned pend = armv7m_vectpending(cpu);
    v |= (pend & 0x1ff) << 12;
    /* RETTOBASE: returning from the only active exception reaches Thread. */
    if (cpu->ipsr != 0 && s->nested <= 1)
        v |= ICSR_RETTOBASE;
    for (unsigned e = CPU_EXC_IRQ0; e < ARMV7M_NUM_EXC; e++)
        if (s->pending[e]) {
            v |= ICSR_ISRPENDING;
            break;
        }
    if (s->pending[CPU_EXC_NMI]) v |= ICSR_NMIPENDSET;
    if (s->pending[CPU_EXC_PENDSV]) v |= ICSR_PENDSVSET;
    if (s->pending[CPU_EXC_SYSTICK]) v |= ICSR_PENDSTSET;
    /* ISRPREEMPT: a pending exception will be serviced on leaving Debug state. */
    if (pend && armv7m_group_prio(cpu, armv7m_exc_prio(cpu, pend)) < armv7m_exec_prio(cpu))
        v |= ICSR_ISRPREEMPT;
    return v;
}

static void write_icsr(struct cpu *cpu, uint32_t v)
{
    struct armv7m *s = &cpu->sys;
    if (v & ICSR_NMIPENDSET)
        armv7m_set_pending(cpu, CPU_EXC_NMI);
    if (v & ICSR_PENDSVSET)
        armv7m_set_pending(cpu, CPU_EXC_PENDSV);
    else if (v & ICSR_PENDSVCLR)
        s->pending[CPU_EXC_PENDSV] = false;
    if (v & ICSR_PENDSTSET)
        armv7m_set_pending(cpu, CPU_EXC_SYSTICK);
    else if (v & ICSR_PENDSTCLR)
        s->pending[CPU_EXC_SYSTICK] = false;
    cpu->attention = 1;
}

static void write_aircr(struct cpu *cpu, uint32_t v)
{
    struct armv7m *s = &cpu->sys;
    if ((v >> 16) != 0x05fa)
        return; /* VECTKEY: writes without the key are ignored */
    s->aircr_prigroup = (v >> 8) & 7;
    if (v & AIRCR_VECTCLRACTIVE) {
        /* Debug-only: clear all active state (C1.6, B3.2.6). */
        for (unsigned e = 0; e < ARMV7M_NUM_EXC; e++)
            s->active[e] = false;
        s->nested = 0;
        cpu_set_ipsr(cpu, 0);
    }
    if (v & AIRCR_SYSRESETREQ) {
        cpu->sysreset_request = true;
    } else if (v & AIRCR_VECTRESET) {
        /* Local (core-only) reset: the embedding resets as for SYSRESETREQ,
         * which is what a debugger using VECTRESET expects on a Cortex-M4. */
        cpu->sysreset_request = true;
    }
    cpu->attention = 1;
}

static bool cfsr_like_read(const struct cpu *cpu, uint32_t off, uint32_t *v)
{
    const struct armv7m *s = &cpu->sys;
    switch (off) {
    case 0xd28: *v = s->cfsr; return true;
    case 0xd2c: *v = s->hfsr; return true;
    case 0xd30: *v = s->dfsr; return true;
    /* MMFAR and BFAR are one register on Cortex-M4 (TRM 4.3.13). */
    case 0xd34: *v = s->mmfar; return true;
    case 0xd38: *v = s->bfar; return true;
    case 0xd3c: *v = s->afsr; return true;
    default: return false;
    }
}

static uint32_t mpu_read(const struct cpu *cpu, uint32_t off)
{
    const struct armv7m *s = &cpu->sys;
    unsigned r = s->mpu_rnr & 7;
    switch (off) {
    case 0xd90: return 0x00000800; /* TYPE: DREGION = 8, unified */
    case 0xd94: return s->mpu_ctrl;
    case 0xd98: return s->mpu_rnr;
    case 0xd9c: case 0xda4: case 0xdac: case 0xdb4:
        return (s->mpu_rbar[r] & ~0x1fu) | r;
    default: /* RASR and its aliases */
        return s->mpu_rasr[r];
    }
}

/* The MPU registers are kept so that RTOSes can program and read them back;
 * the MPU does not enforce permissions (accesses are checked by the bus
 * map only). */
static void mpu_write(struct cpu *cpu, uint32_t off, uint32_t v)
{
    struct armv7m *s = &cpu->sys;
    switch (off) {
    case 0xd90: return;
    case 0xd94: s->mpu_ctrl = v & 7; return;
    case 0xd98: s->mpu_rnr = v & 0xff; return;
    case 0xd9c: case 0xda4: case 0xdac: case 0xdb4:
        if (v & 0x10) /* VALID: REGION field selects the region */
            s->mpu_rnr = v & 0xf;
        s->mpu_rbar[s->mpu_rnr & 7] = v & ~0x1fu;
        return;
    default:
        s->mpu_rasr[s->mpu_rnr & 7] = v & 0x173fff3fu; /* XN AP TEX S C B SRD SIZE EN */
        return;
    }
}

bool armv7m_scb_read(struct cpu *cpu, uint32_t off, uint32_t *v)
{
    struct armv7m *s = &cpu->sys;
    if (cfsr_like_read(cpu, off, v))
        return true;
    if (off >= 0xd40 && off < 0xd40 + 4 * sizeof id_regs / sizeof id_regs[0]) {
        *v = id_regs[(off - 0xd40) / 4];
        return true;
    }
    if (off >= 0xd90 && off < 0xdbc) {
        *v = mpu_read(cpu, off);
        return true;
    }
    switch (off) {
    case 0x000: *v = 0; return true;               /* master control: reserved */
    case 0x004: *v = 2; return true;               /* ICTR: 96 lines */
    case 0x008: *v = s->actlr; return true;
    case 0xd00: *v = cpu->cfg.cpuid ? cpu->cfg.cpuid : 0x410fc241u; return true;
    case 0xd04: *v = read_icsr(cpu); return true;
    case 0xd08: *v = s->vtor; return true;
    case 0xd0c: *v = 0xfa050000u | s->aircr_prigroup << 8; return true;
    case 0xd10: *v = s->scr; return true;
    case 0xd14: *v = s->ccr; return true;
    case 0xd18: case 0xd1c: case 0xd20: {
        unsigned first = 4 + (off - 0xd18);
        uint32_t r = 0;
        for (unsigned b = 0; b < 4; b++)
            r |= (uint32_t)s->prio[first + b] << (8 * b);
        *v = r;
        return true;
    }
    case 0xd24: *v = armv7m_shcsr(cpu); return true;
    case 0xd88: *v = s->cpacr; return true;
    case 0xf00: *v = 0; return true;               /* STIR is write-only */
    case 0xf34: *v = s->fpccr; return true;
    case 0xf38: *v = s->fpcar; return true;
    case 0xf3c: *v = s->fpdscr; return true;
    case 0xf40: *v = MVFR0_VALUE; return true;
    case 0xf44: *v = MVFR1_VALUE; return true;
    default:
        if (off >= 0xd00 && off < 0xd90) { *v = 0; return true; } /* reserved: RAZ */
        return false;
    }
}

bool armv7m_scb_write(struct cpu *cpu, uint32_t off, uint32_t v, uint32_t mask)
{
    struct armv7m *s = &cpu->sys;
    uint32_t old;
    if (off >= 0xd90 && off < 0xdbc) {
        uint32_t cur = mpu_read(cpu, off);
        mpu_write(cpu, off, (cur & ~mask) | (v & mask));
        return true;
    }
    switch (off) {
    case 0x000: case 0x004: return true;
    case 0x008: s->actlr = ((s->actlr & ~mask) | (v & mask)) & 0x307u; return true;
    case 0xd00: return true;
    case 0xd04: write_icsr(cpu, v & mask); return true;
    case 0xd08:
        s->vtor = ((s->vtor & ~mask) | (v & mask)) & 0x3ffffe00u;
        return true;
    case 0xd0c:
        if (mask == 0xffffffffu)
            write_aircr(cpu, v);
        return true;
    case 0xd10: s->scr = ((s->scr & ~mask) | (v & mask)) & 0x16u; return true;
    case 0xd14:
        /* STKALIGN stays writable on r0p1; the other bits as in B3.2.8. */
        s->ccr = ((s->ccr & ~mask) | (v & mask)) & 0x31bu;
        return true;
    case 0xd18: case 0xd1c: case 0xd20: {
        unsigned first = 4 + (off - 0xd18);
        for (unsigned b = 0; b < 4; b++) {
            unsigned e = first + b;
            if (!(mask >> (8 * b) & 0xff))
                continue;
            /* Only the configurable system handlers have priority fields. */
            if (e == 4 || e == 5 || e == 6 || e == 11 || e == 12 || e == 14 || e == 15)
                s->prio[e] = (uint8_t)(v >> (8 * b)) & 0xf0;
        }
        cpu->attention = 1;
        return true;
    }
    case 0xd24:
        old = armv7m_shcsr(cpu);
        write_shcsr(cpu, (old & ~mask) | (v & mask));
        return true;
    case 0xd28: s->cfsr &= ~(v & mask); return true; /* write-one-to-clear */
    case 0xd2c: s->hfsr &= ~(v & mask & (HFSR_VECTTBL | HFSR_FORCED | HFSR_DEBUGEVT)); return true;
    case 0xd30: s->dfsr &= ~(v & mask & 0x1fu); return true;
    case 0xd34: s->mmfar = s->bfar = (s->mmfar & ~mask) | (v & mask); return true;
    case 0xd38: s->mmfar = s->bfar = (s->bfar & ~mask) | (v & mask); return true;
    case 0xd3c: s->afsr &= ~(v & mask); return true;
    case 0xd88: s->cpacr = ((s->cpacr & ~mask) | (v & mask)) & 0x00f00000u; return true;
    case 0xf00:
        /* STIR: pend IRQ n. (Unprivileged access needs CCR.USERSETMPEND; the
         * bus does not tell who writes, so it is always allowed.) */
        if ((v & 0x1ff) < CPU_NUM_IRQ)
            armv7m_set_pending(cpu, CPU_EXC_IRQ0 + (v & 0x1ff));
        return true;
    case 0xf34:
        old = s->fpccr;
        s->fpccr = ((old & ~mask) | (v & mask)) & 0xc000017bu;
        return true;
    case 0xf38: s->fpcar = ((s->fpcar & ~mask) | (v & mask)) & ~7u; return true;
    case 0xf3c: s->fpdscr = ((s->fpdscr & ~mask) | (v & mask)) & 0x07c00000u; return true;
    case 0xf40: case 0xf44: return true;
    default:
        if (off >= 0xd00 && off < 0xd90) return true;
        if (off >= 0xd40 && off < 0xd80) return true;
        return false;
    }
}
