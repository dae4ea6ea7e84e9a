/* EXTI (fact sheet §3.6): edge detection on GPIO lines 0..15 (port picked
 * by SYSCFG_EXTICRx), software triggers, pending bits (rc_w1) and the NVIC
 * lines they drive: EXTI0..4 on IRQ 6..10, 5..9 on 23, 10..15 on 40. */
#include "soc/stm32f303/soc.h"

#define IMR 0x00
#define EMR 0x04
#define RTSR 0x08
#define FTSR 0x0c
#define SWIER 0x10
#define PR 0x14
#define IMR2 0x20
#define PR2 0x34

/* Lines 23..28 are "direct" (no edge logic, no pending bit). */
#define CONFIGURABLE1 0xe07fffffu

struct group {
    unsigned irq;
    uint32_t mask;  /* lines 0..31 */
};

static const struct group groups[] = {
    {6, 1u << 0}, {7, 1u << 1}, {8, 1u << 2}, {9, 1u << 3}, {10, 1u << 4},
    {23, 0x3e0u}, {40, 0xfc00u}, {1, 1u << 16}, {41, 1u << 17}, {42, 1u << 18},
    {2, 1u << 19}, {3, 1u << 20}, {64, 1u << 21 | 1u << 22 | 1u << 29}, {65, 3u << 30},
};

static uint32_t rv(struct soc *soc, uint32_t off)
{
    return *regdev_reg(&soc->exti.rd, off);
}

static void update_irq(struct soc *soc)
{
    uint32_t act = rv(soc, PR) & rv(soc, IMR);
    uint32_t act2 = rv(soc, PR2) & rv(soc, IMR2);
    unsigned n = sizeof groups / sizeof groups[0];
    for (unsigned g = 0; g <= n + 1; g++) {
        bool level;
        unsigned irq;
        if (g < n) {
            level = act & groups[g].mask;
            irq = groups[g].irq;
        } else if (g == n) {
            continue;               /* line 32 (COMP6) joins IRQ 65 below */
        } else {
            level = act2 & 2;       /* line 33: COMP7 */
            irq = 66;
        }
        /* Lines 30..32 share IRQ 65: combine them. */
        if (irq == 65)
            level = (act & groups[13].mask) || (act2 & 1);
        bool was = (soc->exti.irq_state >> g) & 1;
        if (level != was) {
            soc->exti.irq_state ^= 1u << g;
            soc_irq(soc, irq, level);
        }
    }
}

static void w_swier(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)lanes;
    uint32_t off = d->regs[i].off;
    uint32_t imr = *regdev_reg(d, off == SWIER ? IMR : IMR2);
    uint32_t set = v & ~old & imr;
    uint32_t emr = *regdev_reg(d, off == SWIER ? EMR : 0x24);
    *regdev_reg(d, off == SWIER ? PR : PR2) |= set;
    if ((v & ~old & emr) && d->soc->hooks.wake_event)
        d->soc->hooks.wake_event(d->soc->hooks.ctx);
    d->val[i] &= imr | old;
    update_irq(d->soc);
}

static void w_pr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)old;
    (void)lanes;
    /* Clearing a pending bit also clears its software trigger. */
    *regdev_reg(d, d->regs[i].off == PR ? SWIER : SWIER + 0x20) &= ~v;
    update_irq(d->soc);
}

static void w_imr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)v;
    (void)lanes;
    update_irq(d->soc);
}

static const struct reg_def exti_regs[] = {
    {IMR, "IMR", 0x1f800000u, 0xffffffffu, 0, 0, NULL, w_imr, 0},
    {EMR, "EMR", 0, 0xffffffffu, 0, 0, NULL, NULL, 0},
    {RTSR, "RTSR", 0, CONFIGURABLE1, 0, 0, NULL, NULL, 0},
    {FTSR, "FTSR", 0, CONFIGURABLE1, 0, 0, NULL, NULL, 0},
    {SWIER, "SWIER", 0, CONFIGURABLE1, 0, 0, NULL, w_swier, 0},
    {PR, "PR", 0, 0, CONFIGURABLE1, 0, NULL, w_pr, 0},
    {IMR2, "IMR2", 0xfffffffcu, 0xffffffffu, 0, 0, NULL, w_imr, 0},
    {0x24, "EMR2", 0, 0xffffffffu, 0, 0, NULL, NULL, 0},
    {0x28, "RTSR2", 0, 3, 0, 0, NULL, NULL, 0},
    {0x2c, "FTSR2", 0, 3, 0, 0, NULL, NULL, 0},
    {0x30, "SWIER2", 0, 3, 0, 0, NULL, w_swier, 0},
    {PR2, "PR2", 0, 0, 3, 0, NULL, w_pr, 0},
};

static void exti_reset(struct regdev *d)
{
    update_irq(d->soc);
}

void soc_exti_gpio(struct soc *soc, unsigned port, uint16_t old, uint16_t now)
{
    uint16_t changed = old ^ now;
    uint32_t rtsr = rv(soc, RTSR), ftsr = rv(soc, FTSR), imr = rv(soc, IMR);
    uint32_t emr = rv(soc, EMR);
    uint32_t pend = 0, evt = 0;
    for (unsigned line = 0; line < 16; line++) {
        uint32_t b = 1u << line;
        if (!(changed & b) || soc_syscfg_exti_port(soc, line) != port)
            continue;
        bool rising = now & b;
        if ((rising && (rtsr & b)) || (!rising && (ftsr & b))) {
            pend |= b & imr;
            evt |= b & emr;
        }
    }
    /* Event mode (EMR): a pulse to the core's event input, no pending bit. */
    if (evt && soc->hooks.wake_event)
        soc->hooks.wake_event(soc->hooks.ctx);
    if (pend) {
        *regdev_reg(&soc->exti.rd, PR) |= pend;
        update_irq(soc);
    }
}

void soc_exti_setup(struct soc *soc)
{
    struct regdev *d = &soc->exti.rd;
    regdev_init(d, soc, "EXTI", 0x40010400u, 0x400, exti_regs,
                sizeof exti_regs / sizeof exti_regs[0], &soc->exti);
    d->reset_hook = exti_reset;
    soc->exti.irq_state = 0;
    regdev_map(d);
}
