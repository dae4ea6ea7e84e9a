/* WWDG (fact sheet §3.11): a 7-bit down-counter T clocked at
 * PCLK1 / 4096 / 2^WDGTB.  Once WDGA is set (only a reset clears it) the
 * chip resets when T6 falls (0x40 -> 0x3F) or when CR is written while T is
 * above the window W; EWI raises the early-wakeup interrupt (IRQ 0) at
 * 0x40.  T is computed lazily from the cycle count; the next threshold is
 * a scheduler event. */
#include "soc/stm32f303/soc.h"

#define CR 0x00
#define CFR 0x04
#define SR 0x08
#define CR_WDGA (1u << 7)
#define CFR_EWI (1u << 9)
#define WWDG_IRQ 0

static struct soc_wwdg *wd_of(struct regdev *d)
{
    return d->ctx;
}

/* HCLK cycles per counter step. */
static uint64_t step_cycles(struct soc_wwdg *w)
{
    const struct soc *soc = w->rd.soc;
    uint32_t tb = (*regdev_reg(&w->rd, CFR) >> 7) & 3;
    uint64_t hclk_per_pclk1 = soc->clk.pclk1 ? soc->clk.hclk / soc->clk.pclk1 : 1;
    return (4096ull << tb) * hclk_per_pclk1;
}

/* Counter value now (T wraps within 7 bits). */
static uint32_t counter(struct soc_wwdg *w)
{
    if (!w->running)
        return w->anchor_t;
    uint64_t steps = (soc_now(w->rd.soc) - w->anchor) / w->step;
    return (uint32_t)(w->anchor_t - steps) & 0x7f;
}

static void rebase(struct soc_wwdg *w, uint32_t t)
{
    w->anchor = soc_now(w->rd.soc);
    w->anchor_t = t & 0x7f;
    w->step = step_cycles(w);
}

static void update_irq(struct soc_wwdg *w)
{
    bool level = (*regdev_reg(&w->rd, SR) & 1) && (*regdev_reg(&w->rd, CFR) & CFR_EWI);
    soc_irq(w->rd.soc, WWDG_IRQ, level);
}

/* Arm the event for the next threshold: 0x40 (early wakeup), 0x3F (reset). */
static void arm(struct soc_wwdg *w)
{
    struct soc *soc = w->rd.soc;
    bool active = *regdev_reg(&w->rd, CR) & CR_WDGA;
    bool ewi = (*regdev_reg(&w->rd, CFR) & CFR_EWI) && !(*regdev_reg(&w->rd, SR) & 1);
    if (!w->running) {
        sched_cancel(soc->sched, &w->ev);
        return;
    }
    uint32_t t = counter(w);
    /* The cycle at which the counter took its current value. */
    uint64_t base = w->anchor + (soc_now(soc) - w->anchor) / w->step * w->step;
    if (ewi && t > 0x40) {
        soc_sched_at(soc, &w->ev, base + (uint64_t)(t - 0x40) * w->step);
    } else if (active && t >= 0x40) {
        soc_sched_at(soc, &w->ev, base + (uint64_t)(t - 0x3f) * w->step);
    } else {
        sched_cancel(soc->sched, &w->ev);
    }
}

static void fire(void *ctx, uint64_t now)
{
    (void)now;
    struct soc_wwdg *w = ctx;
    struct soc *soc = w->rd.soc;
    uint32_t t = counter(w);
    if (t == 0x40 && (*regdev_reg(&w->rd, CFR) & CFR_EWI)) {
        *regdev_reg(&w->rd, SR) |= 1;
        update_irq(w);
    }
    if (t < 0x40 && (*regdev_reg(&w->rd, CR) & CR_WDGA)) {
        if (soc->hooks.reset)
            soc->hooks.reset(soc->hooks.ctx, SOC_RESET_WWDG);
        return;
    }
    arm(w);
}

static void w_cr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)v;
    (void)lanes;
    struct soc_wwdg *w = wd_of(d);
    struct soc *soc = d->soc;
    uint32_t now_t = counter(w);
    uint32_t win = *regdev_reg(d, CFR) & 0x7f;
    d->val[i] |= old & CR_WDGA;             /* WDGA: set-only */
    bool active = d->val[i] & CR_WDGA;
    /* Refreshing above the window, or loading T6 = 0, resets at once. */
    if (active && (((old & CR_WDGA) && now_t > win) || !(d->val[i] & 0x40))) {
        if (soc->hooks.reset)
            soc->hooks.reset(soc->hooks.ctx, SOC_RESET_WWDG);
        return;
    }
    rebase(w, d->val[i]);
    arm(w);
}

static uint32_t r_cr(struct regdev *d, unsigned i)
{
    return (d->val[i] & CR_WDGA) | counter(wd_of(d));
}

static void w_cfr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)v;
    (void)lanes;
    struct soc_wwdg *w = wd_of(d);
    d->val[i] |= old & CFR_EWI;             /* EWI: set-only */
    rebase(w, counter(w));
    arm(w);
    update_irq(w);
}

static void w_sr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)v;
    (void)lanes;
    update_irq(wd_of(d));
    arm(wd_of(d));
}

static const struct reg_def wwdg_regs[] = {
    {CR, "CR", 0x7f, 0xff, 0, 0, r_cr, w_cr, 0},
    {CFR, "CFR", 0x7f, 0x3ff, 0, 0, NULL, w_cfr, 0},
    {SR, "SR", 0, 0, 0, 1, NULL, w_sr, 0},
};

static void wwdg_reset(struct regdev *d)
{
    struct soc_wwdg *w = wd_of(d);
    sched_cancel(d->soc->sched, &w->ev);
    w->running = regdev_clocked(d);
    rebase(w, 0x7f);
    update_irq(w);
}

/* The counter runs only while the WWDG's APB1 clock is on. */
void soc_wwdg_clock(struct soc *soc)
{
    struct soc_wwdg *w = &soc->wwdg;
    bool on = regdev_clocked(&w->rd);
    if (on == w->running)
        return;
    uint32_t t = counter(w);
    w->running = on;
    rebase(w, t);
    arm(w);
}

void soc_wwdg_retime(struct soc *soc)
{
    struct soc_wwdg *w = &soc->wwdg;
    rebase(w, counter(w));
    arm(w);
}

void soc_wwdg_setup(struct soc *soc)
{
    struct soc_wwdg *w = &soc->wwdg;
    regdev_init(&w->rd, soc, "WWDG", 0x40002c00u, 0x400, wwdg_regs,
                sizeof wwdg_regs / sizeof wwdg_regs[0], w);
    w->rd.gate = GATE_APB1;
    w->rd.gate_bit = 11;
    w->rd.reset_hook = wwdg_reset;
    w->step = 4096;
    w->anchor = 0;
    w->anchor_t = 0x7f;
    sched_event_init(&w->ev, "WWDG", fire, w);
    regdev_map(&w->rd);
}
