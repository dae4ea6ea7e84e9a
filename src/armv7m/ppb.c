/* The private peripheral bus as a bus device (ARMv7-M ARM B3.1): ITM, DWT,
 * FPB and the SCS in 0xE000_0000..0xE003_FFFF, plus the TPIU and the ROM
 * table.  Sub-word accesses are turned into word accesses with a byte mask
 * (IPR, SHPR and CFSR are byte-accessible); unassigned PPB space answers
 * with a bus error.  Also the reset of every block. */
#include "armv7m/armv7m_internal.h"

#include <string.h>

#define PPB_BASE 0xe0000000u
#define PPB_SIZE 0x00040000u
#define TPIU_BASE 0xe0040000u
#define ROM_BASE 0xe00ff000u

static bool scs_read(struct cpu *cpu, uint32_t off, uint32_t *v)
{
    if (off >= 0x010 && off < 0x020) {
        *v = armv7m_systick_read(cpu, off);
        return true;
    }
    if (off >= 0x100 && off < 0xd00)
        return armv7m_nvic_read(cpu, off, v) || (*v = 0, true);
    if (off >= 0xdf0 && off < 0xe00)
        return armv7m_debug_read(cpu, off, v);
    if (off >= 0xfd0)
        return armv7m_component_id(ARMV7M_ID_SCS, off, v);
    if (armv7m_scb_read(cpu, off, v))
        return true;
    *v = 0; /* reserved SCS space reads as zero */
    return true;
}

static bool scs_write(struct cpu *cpu, uint32_t off, uint32_t v, uint32_t mask)
{
    if (off >= 0x010 && off < 0x020) {
        uint32_t cur = off == 0x010 ? cpu->sys.syst_csr : armv7m_systick_read(cpu, off);
        armv7m_systick_write(cpu, off, (cur & ~mask) | (v & mask));
        return true;
    }
    if (off >= 0x100 && off < 0xd00)
        return armv7m_nvic_write(cpu, off, v, mask) || true;
    if (off >= 0xdf0 && off < 0xe00)
        return armv7m_debug_write(cpu, off, v, mask);
    if (off >= 0xfd0)
        return true;
    armv7m_scb_write(cpu, off, v, mask);
    return true;
}

static bool word_read(struct cpu *cpu, uint32_t off, uint32_t *v)
{
    if (off < 0x1000)
        return armv7m_itm_read(cpu, off, v);
    if (off < 0x2000)
        return armv7m_dwt_read(cpu, off - 0x1000, v);
    if (off < 0x3000)
        return armv7m_fpb_read(cpu, off - 0x2000, v);
    if (off >= 0xe000 && off < 0xf000)
        return scs_read(cpu, off - 0xe000, v);
    return false;
}

static bool word_write(struct cpu *cpu, uint32_t off, uint32_t v, uint32_t mask)
{
    if (off < 0x1000)
        return armv7m_itm_write(cpu, off, v, mask);
    if (off < 0x2000)
        return armv7m_dwt_write(cpu, off - 0x1000, v, mask);
    if (off < 0x3000)
        return armv7m_fpb_write(cpu, off - 0x2000, v, mask);
    if (off >= 0xe000 && off < 0xf000)
        return scs_write(cpu, off - 0xe000, v, mask);
    return false;
}

static uint32_t size_mask(unsigned size)
{
    return size >= 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
}

static bool ppb_read(void *ctx, uint32_t off, unsigned size, uint32_t *value)
{
    uint32_t w;
    if (!word_read(ctx, off & ~3u, &w))
        return false;
    *value = (w >> (8 * (off & 3))) & size_mask(size);
    return true;
}

static bool ppb_write(void *ctx, uint32_t off, unsigned size, uint32_t value)
{
    unsigned sh = 8 * (off & 3);
    return word_write(ctx, off & ~3u, value << sh, size_mask(size) << sh);
}

int armv7m_map(struct cpu *cpu, struct bus *bus)
{
    struct armv7m *s = &cpu->sys;
    s->ppb = (struct bus_device){"PPB (ITM/DWT/FPB/SCS)", cpu, ppb_read, ppb_write};
    armv7m_tpiu_init(cpu);
    armv7m_rom_init(cpu);
    if (bus_map_device(bus, PPB_BASE, PPB_SIZE, &s->ppb) ||
        bus_map_device(bus, TPIU_BASE, 0x1000, &s->tpiu_dev) ||
        bus_map_device(bus, ROM_BASE, 0x1000, &s->rom_dev))
        return -1;
    return 0;
}

void armv7m_reset(struct cpu *cpu, bool power_on)
{
    struct armv7m *s = &cpu->sys;
    memset(s->prio, 0, sizeof s->prio);
    memset(s->enabled, 0, sizeof s->enabled);
    memset(s->pending, 0, sizeof s->pending);
    memset(s->active, 0, sizeof s->active);
    memset(s->irq_level, 0, sizeof s->irq_level);
    s->nested = 0;
    s->vtor = 0;
    s->aircr_prigroup = 0;
    s->scr = 0;
    s->ccr = CCR_STKALIGN;
    s->shcsr = 0;
    s->cfsr = s->hfsr = s->mmfar = s->bfar = s->afsr = 0;
    s->cpacr = 0;
    s->actlr = 0;
    s->event_register = false;
    s->sleep_wfe = false;
    s->fpccr = FPCCR_ASPEN | FPCCR_LSPEN;
    s->fpcar = 0;
    s->fpdscr = 0;
    s->mpu_ctrl = s->mpu_rnr = 0;
    memset(s->mpu_rbar, 0, sizeof s->mpu_rbar);
    memset(s->mpu_rasr, 0, sizeof s->mpu_rasr);
    s->exit_requested = false;
    armv7m_systick_reset(cpu);

    if (power_on) {
        /* Debug state survives a system reset, not a power-on reset. */
        s->dhcsr = s->dcrsr = s->dcrdr = s->demcr = 0;
        s->dfsr = 0;
        s->fp_ctrl = s->fp_remap = 0;
        memset(s->fp_comp, 0, sizeof s->fp_comp);
        s->dwt_ctrl = 0;
        s->dwt_cyccnt_base = 0;
        memset(s->dwt_comp, 0, sizeof s->dwt_comp);
        memset(s->dwt_mask, 0, sizeof s->dwt_mask);
        memset(s->dwt_function, 0, sizeof s->dwt_function);
        memset(s->dwt_cnt8, 0, sizeof s->dwt_cnt8);
        s->watch_active = false;
        s->itm_ter = s->itm_tpr = s->itm_tcr = 0;
        armv7m_tpiu_init(cpu);
        s->retire_mark = cpu->insns;
    }
    s->dwt_cyc_anchor = cpu->cycles;
    s->dhcsr &= ~DHCSR_C_HALT;
    s->in_step = false;
    armv7m_semihost_reset(cpu, power_on);

    /* Fixed-priority and always-enabled exceptions. */
    s->enabled[CPU_EXC_NMI] = s->enabled[CPU_EXC_HARDFAULT] = true;
    s->enabled[CPU_EXC_SVCALL] = s->enabled[CPU_EXC_PENDSV] = s->enabled[CPU_EXC_SYSTICK] = true;
    s->enabled[CPU_EXC_DEBUGMON] = (s->demcr & DEMCR_MON_EN) != 0;

    cpu->lockup = false;
    cpu->sysreset_request = false;
    cpu->sleeping = false;
    cpu->attention = 1;
    s->reset_st = true;
    /* DEMCR.VC_CORERESET: halt before the first instruction (C1.6.5). */
    if ((s->demcr & DEMCR_VC_CORERESET) && (s->dhcsr & DHCSR_C_DEBUGEN)) {
        armv7m_debug_halt(cpu, CPU_HALT_RESET);
    } else {
        cpu->halted = false;
        cpu->halt_reason = CPU_HALT_NONE;
    }
}
