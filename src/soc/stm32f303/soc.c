/* The chip as a whole: building it, resetting it, virtual time, and the
 * small services every peripheral uses (diagnostics, interrupt lines). */
#include "soc/stm32f303/soc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void soc_diag(struct soc *soc, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (soc->hooks.diag)
        soc->hooks.diag(soc->hooks.ctx, msg);
    else
        fprintf(stderr, "f3kit: %s\n", msg);
}

void soc_irq(struct soc *soc, unsigned irq, bool level)
{
    if (soc->hooks.irq)
        soc->hooks.irq(soc->hooks.ctx, irq, level);
}

void soc_sched_at(struct soc *soc, struct sched_event *e, uint64_t when)
{
    sched_at(soc->sched, e, when);
    if (soc->hooks.event_armed)
        soc->hooks.event_armed(soc->hooks.ctx, when);
}

uint64_t soc_now(const struct soc *soc)
{
    return *soc->cycles;
}

double soc_seconds(const struct soc *soc, uint64_t cycles)
{
    const struct soc_time *t = &soc->time;
    if (cycles < t->anchor_cycles)
        return t->anchor_s - (double)(t->anchor_cycles - cycles) / t->hclk;
    return t->anchor_s + (double)(cycles - t->anchor_cycles) / t->hclk;
}

double soc_time_s(const struct soc *soc)
{
    return soc_seconds(soc, soc_now(soc));
}

uint64_t soc_cycle_at(const struct soc *soc, double seconds)
{
    const struct soc_time *t = &soc->time;
    double d = (seconds - t->anchor_s) * t->hclk;
    if (d <= 0)
        return t->anchor_cycles;
    if (d >= 1.8e19)
        return SCHED_NEVER - 1;
    return t->anchor_cycles + (uint64_t)ceil(d - 1e-6);
}

/* HCLK changed: time so far is kept, later cycles count at the new rate. */
static void time_rebase(struct soc *soc, uint32_t hclk)
{
    uint64_t now = soc_now(soc);
    soc->time.anchor_s = soc_seconds(soc, now);
    soc->time.anchor_cycles = now;
    soc->time.hclk = hclk;
}

void soc_clocks_update(struct soc *soc)
{
    uint32_t cfgr = *regdev_reg(&soc->rcc.rd, 0x04);
    uint32_t cfgr2 = *regdev_reg(&soc->rcc.rd, 0x2c);
    uint32_t sws = (cfgr >> 2) & 3;
    uint64_t sys;
    if (sws == 1) {
        sys = SOC_HSE_HZ;
    } else if (sws == 2) {
        uint64_t in = (cfgr & (1u << 16)) ? SOC_HSE_HZ / ((cfgr2 & 0xf) + 1) : SOC_HSI_HZ / 2;
        uint32_t mul = ((cfgr >> 18) & 0xf) + 2;
        if (mul > 16)
            mul = 16;
        sys = in * mul;
    } else {
        sys = SOC_HSI_HZ;
    }
    static const uint16_t hpre[8] = {2, 4, 8, 16, 64, 128, 256, 512};
    uint32_t h = (cfgr >> 4) & 0xf;
    uint32_t hdiv = (h & 8) ? hpre[h & 7] : 1;
    uint32_t p1 = (cfgr >> 8) & 7, p2 = (cfgr >> 11) & 7;
    uint32_t d1 = (p1 & 4) ? 2u << (p1 & 3) : 1;
    uint32_t d2 = (p2 & 4) ? 2u << (p2 & 3) : 1;
    struct soc_clocks c;
    c.sysclk = (uint32_t)sys;
    c.hclk = (uint32_t)(sys / hdiv);
    if (c.hclk == 0)
        c.hclk = 1;
    c.pclk1 = c.hclk / d1;
    c.pclk2 = c.hclk / d2;
    /* Timer clock rule (§3.3): x1 when the APB prescaler is /1, else x2. */
    c.tim1clk_div = d1 == 1 ? 1 : d1 / 2;
    /* Flash wait states (fact sheet §3.1): silicon misreads flash when
     * HCLK outruns ACR.LATENCY; f3kit runs on but says so. */
    uint32_t need = c.hclk > 48000000 ? 2 : c.hclk > 24000000 ? 1 : 0;
    if (soc_flash_latency(soc) < need && !soc->fl.reported_latency) {
        soc->fl.reported_latency = true;
        soc_diag(soc, "FLASH: HCLK is %u Hz with ACR.LATENCY=%u; real silicon needs %u wait "
                      "state%s here: set FLASH_ACR.LATENCY before raising the clock",
                 c.hclk, soc_flash_latency(soc), need, need == 1 ? "" : "s");
    }
    bool changed = memcmp(&c, &soc->clk, sizeof c) != 0;
    if (c.hclk != soc->time.hclk)
        time_rebase(soc, c.hclk);
    soc->clk = c;
    if (changed) {
        soc_tim_retime(soc);
        soc_iwdg_retime(soc);
        soc_wwdg_retime(soc);
    }
}

int soc_init(struct soc *soc, struct bus *bus, struct sched *sched, uint64_t *cycles,
             const struct soc_hooks *hooks)
{
    memset(soc->unmodelled_seen, 0, sizeof soc->unmodelled_seen);
    soc->bus = bus;
    soc->sched = sched;
    soc->cycles = cycles;
    if (hooks)
        soc->hooks = *hooks;
    else
        memset(&soc->hooks, 0, sizeof soc->hooks);
    memset(soc->flash, 0xff, sizeof soc->flash);
    memset(soc->sram, 0, sizeof soc->sram);
    memset(soc->ccm, 0, sizeof soc->ccm);
    soc->time.anchor_cycles = *cycles;
    soc->time.anchor_s = 0;
    soc->time.hclk = SOC_HSI_HZ;
    memset(&soc->clk, 0, sizeof soc->clk);

    soc_unmodelled_setup(soc);  /* first: modelled devices map over it */
    soc_rcc_setup(soc);
    soc_flash_setup(soc);
    soc_gpio_setup(soc);
    soc_syscfg_setup(soc);
    soc_exti_setup(soc);
    soc_usart_setup(soc);
    soc_tim_setup(soc);
    soc_iwdg_setup(soc);
    soc_wwdg_setup(soc);
    soc_pwr_setup(soc);
    soc_crc_setup(soc);
    soc_i2c_setup(soc);
    soc_spi_setup(soc);
    soc_dbgmcu_setup(soc);
    soc_memmap_setup(soc);
    soc_reset(soc, SOC_RESET_POWER);
    return 0;
}

void soc_reset(struct soc *soc, enum soc_reset_cause why)
{
    if (why == SOC_RESET_POWER) {
        memset(soc->sram, 0, sizeof soc->sram);
        memset(soc->ccm, 0, sizeof soc->ccm);
    }
    soc_rcc_reset_flags(soc, why);  /* before RCC's own reset keeps CSR */
    regdev_reset(&soc->rcc.rd);
    regdev_reset(&soc->fl.rd);
    for (unsigned i = 0; i < SOC_NUM_GPIO; i++)
        regdev_reset(&soc->gpio[i].rd);
    regdev_reset(&soc->syscfg);
    regdev_reset(&soc->exti.rd);
    for (unsigned i = 0; i < SOC_NUM_USART; i++)
        regdev_reset(&soc->usart[i].rd);
    for (unsigned i = 0; i < SOC_NUM_TIM; i++)
        regdev_reset(&soc->tim[i].rd);
    regdev_reset(&soc->iwdg.rd);
    regdev_reset(&soc->wwdg.rd);
    regdev_reset(&soc->pwr);
    regdev_reset(&soc->crc);
    regdev_reset(&soc->i2c1.rd);
    regdev_reset(&soc->spi1.rd);
    if (why == SOC_RESET_POWER)
        regdev_reset(&soc->dbgmcu);     /* DBGMCU survives system resets */
    soc_clocks_update(soc);
    /* BOOT0 is tied low on MB1035: boot from main flash (§1.2). */
    soc_map_alias(soc, 0);
}
