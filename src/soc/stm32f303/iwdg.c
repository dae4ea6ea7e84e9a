/* IWDG (fact sheet §3.11): KR keys 0xCCCC start, 0xAAAA reload, 0x5555
 * unlock PR/RLR/WINR; the counter runs from the ~40 kHz LSI, in virtual
 * seconds, and resets the chip (RCC_CSR.IWDGRSTF) when it reaches zero.
 * Once started only a reset stops it.  The hardware-watchdog option
 * (USER.WDG_SW = 0) starts it at reset. */
#include "soc/stm32f303/soc.h"

#define KR 0x00
#define PR 0x04
#define RLR 0x08

static struct soc_iwdg *wd_of(struct regdev *d)
{
    return d->ctx;
}

/* Seconds from a reload to the reset: 4 * 2^PR * (RLR + 1) / f_LSI. */
static double timeout_s(struct soc_iwdg *w)
{
    uint32_t pr = *regdev_reg(&w->rd, PR) & 7, rlr = *regdev_reg(&w->rd, RLR) & 0xfff;
    if (pr > 6)
        pr = 6;
    return 4.0 * (double)(1u << pr) * (rlr + 1) / SOC_LSI_HZ;
}

static void arm(struct soc_iwdg *w)
{
    struct soc *soc = w->rd.soc;
    if (w->running)
        soc_sched_at(soc, &w->ev, soc_cycle_at(soc, w->deadline_s));
}

static void reload(struct soc_iwdg *w)
{
    w->deadline_s = soc_time_s(w->rd.soc) + timeout_s(w);
    arm(w);
}

static void expired(void *ctx, uint64_t now)
{
    (void)now;
    struct soc_iwdg *w = ctx;
    struct soc *soc = w->rd.soc;
    if (soc->hooks.reset)
        soc->hooks.reset(soc->hooks.ctx, SOC_RESET_IWDG);
}

static void start(struct soc_iwdg *w)
{
    if (!w->running) {
        w->running = true;
        /* The LSI starts with the watchdog: RCC_CSR.LSIRDY. */
        uint32_t *csr = regdev_reg(&w->rd.soc->rcc.rd, 0x24);
        *csr |= 2;
        reload(w);
    }
}

static void w_kr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)lanes;
    struct soc_iwdg *w = wd_of(d);
    switch (v & 0xffff) {
    case 0xcccc: w->unlocked = false; start(w); break;
    case 0xaaaa: w->unlocked = false; if (w->running) reload(w); break;
    case 0x5555: w->unlocked = true; break;
    default: w->unlocked = false; break;
    }
}

/* PR, RLR, WINR take writes only after 0x5555. */
static void w_protected(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)v;
    (void)lanes;
    if (!wd_of(d)->unlocked)
        d->val[i] = old;
}

static const struct reg_def iwdg_regs[] = {
    {KR, "KR", 0, 0, 0, 0, NULL, w_kr, REG_WO},
    {PR, "PR", 0, 7, 0, 0, NULL, w_protected, 0},
    {RLR, "RLR", 0xfff, 0xfff, 0, 0, NULL, w_protected, 0},
    {0x0c, "SR", 0, 0, 0, 0, NULL, NULL, 0},
    {0x10, "WINR", 0xfff, 0xfff, 0, 0, NULL, w_protected, 0},
};

static void iwdg_reset(struct regdev *d)
{
    struct soc_iwdg *w = wd_of(d);
    sched_cancel(d->soc->sched, &w->ev);
    w->running = false;
    w->unlocked = false;
    if (!(d->soc->fl.opt[2] & 1))   /* USER.WDG_SW = 0: hardware watchdog */
        start(w);
}

void soc_iwdg_retime(struct soc *soc)
{
    arm(&soc->iwdg);
}

void soc_iwdg_setup(struct soc *soc)
{
    struct soc_iwdg *w = &soc->iwdg;
    regdev_init(&w->rd, soc, "IWDG", 0x40003000u, 0x400, iwdg_regs,
                sizeof iwdg_regs / sizeof iwdg_regs[0], w);
    w->rd.reset_hook = iwdg_reset;
    w->running = false;
    sched_event_init(&w->ev, "IWDG", expired, w);
    regdev_map(&w->rd);
}
