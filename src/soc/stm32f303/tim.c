/* TIM2/3/4 (general purpose, up-counting time base) and TIM6/7 (basic),
 * fact sheet §3.8-3.9.  The counter is computed lazily from the cycle
 * count: CNT = anchor_cnt + (now - anchor) / tick, where tick is the HCLK
 * cycles per counter step (APB1 timer clock, PSC+1).  The update event is
 * a scheduler event; PSC (always) and ARR (with ARPE) are buffered until
 * it, UG reloads them, OPM stops the counter at it.  Output-compare
 * channels set CCxIF (and interrupt) when the counter reaches CCRx; their
 * pins and input capture are not modelled (reported once). */
#include "soc/stm32f303/soc.h"

#define CR1 0x00
#define SR 0x10
#define EGR 0x14
#define CCER 0x20
#define CNT 0x24
#define PSC 0x28
#define ARR 0x2c

#define CR1_CEN (1u << 0)
#define CR1_UDIS (1u << 1)
#define CR1_URS (1u << 2)
#define CR1_OPM (1u << 3)
#define CR1_DIR (1u << 4)
#define CR1_CMS (3u << 5)
#define CR1_ARPE (1u << 7)
#define CR1_UIFREMAP (1u << 11)

static uint32_t *reg(struct soc_tim *t, uint32_t off)
{
    return regdev_reg(&t->rd, off);
}

static struct soc_tim *tim_of(struct regdev *d)
{
    return d->ctx;
}

static uint64_t tick_cycles(struct soc_tim *t)
{
    return t->tick;
}

static void set_tick(struct soc_tim *t)
{
    t->tick = (uint64_t)t->rd.soc->clk.tim1clk_div * (t->psc_active + 1);
    if (t->tick == 0)
        t->tick = 1;
}

static uint32_t cnt_max(struct soc_tim *t)
{
    return t->wide ? 0xffffffffu : 0xffffu;
}

static void update_irq(struct soc_tim *t)
{
    uint32_t sr = *reg(t, SR), dier = *regdev_reg(&t->rd, 0x0c);
    soc_irq(t->rd.soc, t->irq, (sr & dier & 0x5f) != 0);
}

/* Counter value at `now` (no wrap: callers catch up first). */
static uint32_t cnt_at(struct soc_tim *t, uint64_t now)
{
    if (!t->counting || now <= t->anchor)
        return t->anchor_cnt;
    return (uint32_t)(t->anchor_cnt + (now - t->anchor) / tick_cycles(t));
}

/* Cycle of the next update event, SCHED_NEVER when none will come. */
static uint64_t next_update(struct soc_tim *t)
{
    if (!t->counting || t->arr_active == 0)
        return SCHED_NEVER;
    uint64_t steps;
    if (t->anchor_cnt <= t->arr_active)
        steps = (uint64_t)t->arr_active + 1 - t->anchor_cnt;
    else    /* ARR moved below CNT: count up to the top, wrap, then to ARR */
        steps = (uint64_t)cnt_max(t) + 1 - t->anchor_cnt + t->arr_active + 1;
    return t->anchor + steps * tick_cycles(t);
}

/* Output-compare channels (CCxS = 00 in CCMRx) as SR bits (CC1IF..CC4IF). */
static uint32_t compare_channels(struct soc_tim *t)
{
    if (t->basic)
        return 0;
    uint32_t m1 = *regdev_reg(&t->rd, 0x18), m2 = *regdev_reg(&t->rd, 0x1c), bits = 0;
    if (!(m1 & 3))
        bits |= 1u << 1;
    if (!(m1 & 0x300))
        bits |= 1u << 2;
    if (!(m2 & 3))
        bits |= 1u << 3;
    if (!(m2 & 0x300))
        bits |= 1u << 4;
    return bits;
}

static uint32_t ccr(struct soc_tim *t, unsigned ch)
{
    return *regdev_reg(&t->rd, 0x34 + 4 * (ch - 1)) & cnt_max(t);
}

/* Cycle of the next compare match among `mask` channels not matched yet
 * this period (the counter becoming CCRx), SCHED_NEVER if none. */
static uint64_t next_compare(struct soc_tim *t, uint32_t mask, uint32_t *which)
{
    uint64_t best = SCHED_NEVER;
    *which = 0;
    if (!t->counting)
        return best;
    mask &= compare_channels(t) & ~t->cmp_done;
    for (unsigned ch = 1; ch <= 4; ch++) {
        uint32_t bit = 1u << ch, c = ccr(t, ch);
        if (!(mask & bit) || c < t->anchor_cnt || (t->arr_active && c > t->arr_active))
            continue;
        uint64_t when = t->anchor + (uint64_t)(c - t->anchor_cnt) * tick_cycles(t);
        if (when < best) {
            best = when;
            *which = bit;
        } else if (when == best) {
            *which |= bit;
        }
    }
    return best;
}

/* The anchor moved without an update: channels whose CCR is behind the
 * counter already matched (or never will) this period. */
static void rebase_done(struct soc_tim *t)
{
    t->cmp_done = 0;
    for (unsigned ch = 1; ch <= 4; ch++)
        if (ccr(t, ch) < t->anchor_cnt)
            t->cmp_done |= 1u << ch;
}

static void reschedule(struct soc_tim *t)
{
    uint32_t which;
    uint64_t when = next_update(t);
    /* Compare matches need an event only when they interrupt (CCxIE);
     * polled flags are computed when SR is read. */
    uint64_t cmp = next_compare(t, *regdev_reg(&t->rd, 0x0c) & 0x1e, &which);
    if (cmp < when)
        when = cmp;
    if (when == SCHED_NEVER)
        sched_cancel(t->rd.soc->sched, &t->ev);
    else
        soc_sched_at(t->rd.soc, &t->ev, when);
}

/* Update event at cycle `at`: counter to 0, shadows loaded, UIF. */
static void do_update(struct soc_tim *t, uint64_t at, bool from_ug)
{
    uint32_t *cr1 = reg(t, CR1);
    t->anchor = at;
    t->anchor_cnt = 0;
    t->cmp_done = 0;
    if (!(*cr1 & CR1_UDIS) || from_ug) {
        t->psc_active = *reg(t, PSC) & 0xffff;
        t->arr_active = *reg(t, ARR) & cnt_max(t);
        set_tick(t);
        if (!(from_ug && (*cr1 & CR1_URS)))
            *reg(t, SR) |= 1;
        if (*cr1 & CR1_OPM && !from_ug) {
            *cr1 &= ~CR1_CEN;
            t->counting = false;
        }
    }
    update_irq(t);
}

/* Run every compare match and update due at or before `now`, in order. */
static void catch_up(struct soc_tim *t, uint64_t now)
{
    for (;;) {
        uint32_t which;
        uint64_t u = next_update(t);
        uint64_t c = next_compare(t, 0x1e, &which);
        if (c <= now && c <= u) {
            /* A match at the update instant belongs to the old period. */
            *reg(t, SR) |= which;
            t->cmp_done |= which;
            update_irq(t);
            continue;
        }
        if (u > now)
            return;
        do_update(t, u, false);
        /* With the shadows now fixed the period is constant: skip whole
         * periods at once; every reachable channel matched in them. */
        uint64_t period = next_update(t);
        if (period != SCHED_NEVER && period <= now) {
            uint64_t len = period - t->anchor;
            uint64_t k = (now - t->anchor) / len;
            t->anchor += k * len;
            for (unsigned ch = 1; ch <= 4; ch++)
                if ((compare_channels(t) >> ch & 1) && ccr(t, ch) <= t->arr_active)
                    *reg(t, SR) |= 1u << ch;
            update_irq(t);
        }
    }
}

static void tim_event(void *ctx, uint64_t now)
{
    struct soc_tim *t = ctx;
    catch_up(t, now);
    reschedule(t);
}

static uint32_t r_cnt(struct regdev *d, unsigned i)
{
    (void)i;
    struct soc_tim *t = tim_of(d);
    uint64_t now = soc_now(d->soc);
    catch_up(t, now);
    reschedule(t);
    uint32_t c = cnt_at(t, now) & cnt_max(t);
    if (*reg(t, CR1) & CR1_UIFREMAP)
        c = (c & 0x7fffffffu) | (*reg(t, SR) & 1) << 31;
    return c;
}

static uint32_t r_sr(struct regdev *d, unsigned i)
{
    struct soc_tim *t = tim_of(d);
    catch_up(t, soc_now(d->soc));
    reschedule(t);
    return d->val[i];
}

static void w_cr1(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)v;
    (void)lanes;
    struct soc_tim *t = tim_of(d);
    uint64_t now = soc_now(d->soc);
    uint32_t cr1 = d->val[i];
    if ((cr1 & (CR1_DIR | CR1_CMS)) && !(old & (CR1_DIR | CR1_CMS)))
        soc_diag(d->soc, "unmodelled: %s down/center-aligned counting (CR1.DIR/CMS); "
                         "f3kit counts up", t->name);
    if ((cr1 & CR1_CEN) && !t->counting) {
        t->counting = true;
        t->anchor = now;
        t->anchor_cnt = *reg(t, CNT) & cnt_max(t);
        rebase_done(t);
    } else if (!(cr1 & CR1_CEN) && t->counting) {
        catch_up(t, now);
        if (t->counting)
            *reg(t, CNT) = cnt_at(t, now) & cnt_max(t);
        else
            *reg(t, CNT) = t->anchor_cnt;
        t->counting = false;
        t->anchor_cnt = *reg(t, CNT);
    }
    if (!(cr1 & CR1_ARPE))
        t->arr_active = *reg(t, ARR) & cnt_max(t);
    reschedule(t);
}

static void w_cnt(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)old;
    (void)v;
    (void)lanes;
    struct soc_tim *t = tim_of(d);
    uint64_t now = soc_now(d->soc);
    d->val[i] &= cnt_max(t);
    catch_up(t, now);
    t->anchor = now;
    t->anchor_cnt = d->val[i];
    rebase_done(t);
    reschedule(t);
}

static void w_arr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)v;
    (void)lanes;
    struct soc_tim *t = tim_of(d);
    if (*reg(t, CR1) & CR1_ARPE)
        return;                     /* buffered until the next update */
    uint64_t now = soc_now(d->soc);
    catch_up(t, now);
    t->anchor_cnt = cnt_at(t, now);
    t->anchor = now;
    t->arr_active = *reg(t, ARR) & cnt_max(t);
    rebase_done(t);
    reschedule(t);
}

static void w_egr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)lanes;
    struct soc_tim *t = tim_of(d);
    if (v & 1) {
        do_update(t, soc_now(d->soc), true);
        reschedule(t);
    }
    if (v & 0x5e)
        soc_diag(d->soc, "unmodelled: %s->EGR capture/compare or trigger generation", t->name);
}

static void w_sr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)v;
    (void)lanes;
    update_irq(tim_of(d));
}

/* DIER, CCMRx, CCRx: the next compare event may move. */
static void w_retime(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)v;
    (void)lanes;
    struct soc_tim *t = tim_of(d);
    update_irq(t);
    reschedule(t);
}

static void w_ccer(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)v;
    (void)lanes;
    if ((d->val[i] & 0x1111) && !(old & 0x1111))
        soc_diag(d->soc, "unmodelled: %s channel outputs and input capture (CCER enables "
                         "a channel); compare flags and interrupts are modelled, pins are not",
                 tim_of(d)->name);
}

static const struct reg_def gp_regs[] = {
    {CR1, "CR1", 0, 0xbff, 0, 0, NULL, w_cr1, 0},
    {0x04, "CR2", 0, 0xf8, 0, 0, NULL, NULL, 0},
    {0x08, "SMCR", 0, 0x0001fff7u, 0, 0, NULL, NULL, 0},
    {0x0c, "DIER", 0, 0x5f5f, 0, 0, NULL, w_retime, 0},
    {SR, "SR", 0, 0, 0, 0x1e5f, r_sr, w_sr, 0},
    {EGR, "EGR", 0, 0, 0, 0, NULL, w_egr, REG_WO},
    {0x18, "CCMR1", 0, 0x0103ffffu, 0, 0, NULL, w_retime, 0},
    {0x1c, "CCMR2", 0, 0x0103ffffu, 0, 0, NULL, w_retime, 0},
    {CCER, "CCER", 0, 0xbbbb, 0, 0, NULL, w_ccer, 0},
    {CNT, "CNT", 0, 0xffffffffu, 0, 0, r_cnt, w_cnt, 0},
    {PSC, "PSC", 0, 0xffff, 0, 0, NULL, NULL, 0},
    {ARR, "ARR", 0, 0xffffffffu, 0, 0, NULL, w_arr, 0},
    {0x34, "CCR1", 0, 0xffffffffu, 0, 0, NULL, w_retime, 0},
    {0x38, "CCR2", 0, 0xffffffffu, 0, 0, NULL, w_retime, 0},
    {0x3c, "CCR3", 0, 0xffffffffu, 0, 0, NULL, w_retime, 0},
    {0x40, "CCR4", 0, 0xffffffffu, 0, 0, NULL, w_retime, 0},
};

static const struct reg_def basic_regs[] = {
    {CR1, "CR1", 0, 0x88f, 0, 0, NULL, w_cr1, 0},
    {0x04, "CR2", 0, 0x70, 0, 0, NULL, NULL, 0},
    {0x0c, "DIER", 0, 0x101, 0, 0, NULL, w_sr, 0},
    {SR, "SR", 0, 0, 0, 0x1, r_sr, w_sr, 0},
    {EGR, "EGR", 0, 0, 0, 0, NULL, w_egr, REG_WO},
    {CNT, "CNT", 0, 0xffff, 0, 0, r_cnt, w_cnt, 0},
    {PSC, "PSC", 0, 0xffff, 0, 0, NULL, NULL, 0},
    {ARR, "ARR", 0xffff, 0xffff, 0, 0, NULL, w_arr, 0},
};

static void tim_reset(struct regdev *d)
{
    struct soc_tim *t = tim_of(d);
    sched_cancel(d->soc->sched, &t->ev);
    t->counting = false;
    t->anchor = soc_now(d->soc);
    t->anchor_cnt = 0;
    t->psc_active = 0;
    t->arr_active = *reg(t, ARR) & cnt_max(t);
    t->cmp_done = 0;
    set_tick(t);
    update_irq(t);
}

void soc_tim_retime(struct soc *soc)
{
    /* The timer clock changed: keep the count (at the old tick length),
     * then count on at the new one. */
    uint64_t now = soc_now(soc);
    for (unsigned k = 0; k < SOC_NUM_TIM; k++) {
        struct soc_tim *t = &soc->tim[k];
        if (t->counting) {
            catch_up(t, now);
            t->anchor_cnt = cnt_at(t, now);
            t->anchor = now;
            rebase_done(t);
        }
        set_tick(t);
        reschedule(t);
    }
}

struct tim_info {
    const char *name;
    uint32_t base;
    unsigned irq;
    unsigned gate_bit;
    bool wide, basic;
};

static const struct tim_info infos[SOC_NUM_TIM] = {
    {"TIM2", 0x40000000u, 28, 0, true, false},
    {"TIM3", 0x40000400u, 29, 1, false, false},
    {"TIM4", 0x40000800u, 30, 2, false, false},
    {"TIM6", 0x40001000u, 54, 4, false, true},
    {"TIM7", 0x40001400u, 55, 5, false, true},
};

void soc_tim_setup(struct soc *soc)
{
    for (unsigned k = 0; k < SOC_NUM_TIM; k++) {
        struct soc_tim *t = &soc->tim[k];
        const struct tim_info *in = &infos[k];
        if (in->basic)
            regdev_init(&t->rd, soc, in->name, in->base, 0x400, basic_regs,
                        sizeof basic_regs / sizeof basic_regs[0], t);
        else
            regdev_init(&t->rd, soc, in->name, in->base, 0x400, gp_regs,
                        sizeof gp_regs / sizeof gp_regs[0], t);
        t->name = in->name;
        t->irq = in->irq;
        t->wide = in->wide;
        t->basic = in->basic;
        t->rd.gate = GATE_APB1;
        t->rd.gate_bit = in->gate_bit;
        t->rd.reset_hook = tim_reset;
        t->counting = false;
        sched_event_init(&t->ev, in->name, tim_event, t);
        regdev_map(&t->rd);
    }
}
