/* GPIOA..F (fact sheet §3.4): mode/type/speed/pull/AF registers with the
 * per-port reset values (debug pins in AF mode), ODR with BSRR/BRR, IDR
 * from the pin levels, and the LCKR lock sequence.  Pin levels are
 * resolved from the chip's drive, the board's drive and the pulls; a
 * change is passed to EXTI (edges) and to the board (LEDs, chip selects). */
#include "soc/stm32f303/soc.h"

#define MODER 0x00
#define OTYPER 0x04
#define OSPEEDR 0x08
#define PUPDR 0x0c
#define IDR 0x10
#define ODR 0x14
#define BSRR 0x18
#define LCKR 0x1c
#define AFRL 0x20
#define AFRH 0x24
#define BRR 0x28

static struct soc_gpio *port_of(struct regdev *d)
{
    return d->ctx;
}

static uint32_t rv(const struct soc_gpio *g, uint32_t off)
{
    return g->rd.val[g->rd.index_of[off >> 2]];
}

/* Spread a 16-bit pin mask to the 2-bit-per-pin layout. */
static uint32_t spread2(uint16_t m)
{
    uint32_t r = 0;
    for (unsigned p = 0; p < 16; p++)
        if (m & (1u << p))
            r |= 3u << (2 * p);
    return r;
}

static uint32_t spread4(uint16_t m, unsigned first)
{
    uint32_t r = 0;
    for (unsigned p = 0; p < 8; p++)
        if (m & (1u << (first + p)))
            r |= 0xfu << (4 * p);
    return r;
}

/* Resolve every pin's level from the drivers and pulls. */
static void resolve(struct soc_gpio *g)
{
    struct soc *soc = g->rd.soc;
    uint32_t moder = rv(g, MODER), otyper = rv(g, OTYPER), pupdr = rv(g, PUPDR);
    uint32_t odr = rv(g, ODR);
    uint16_t level = 0, drive_high = 0;
    for (unsigned p = 0; p < 16; p++) {
        unsigned mode = (moder >> (2 * p)) & 3;
        unsigned pull = (pupdr >> (2 * p)) & 3;
        bool out = mode == 1;
        bool od = (otyper >> p) & 1;
        bool hi;
        if (out && !(od && ((odr >> p) & 1))) {
            hi = (odr >> p) & 1;        /* driven by the chip */
        } else if (g->ext_driven & (1u << p)) {
            hi = g->ext_level & (1u << p);
        } else if (pull == 1) {
            hi = true;
        } else if (pull == 2) {
            hi = false;
        } else {
            hi = (g->float_high >> p) & 1;
        }
        if (out && !od && hi)
            drive_high |= 1u << p;
        if (hi)
            level |= 1u << p;
    }
    uint16_t old = g->level;
    bool changed = old != level || g->drive_high != drive_high;
    g->level = level;
    g->drive_high = drive_high;
    if (old != level)
        soc_exti_gpio(soc, g->port, old, level);
    if (changed && soc->hooks.pins)
        soc->hooks.pins(soc->hooks.ctx, g->port);
}

/* Configuration bits of locked pins keep their value. */
static void w_cfg(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)v;
    (void)lanes;
    struct soc_gpio *g = port_of(d);
    if (g->locked) {
        uint32_t keep;
        switch (d->regs[i].off) {
        case OTYPER: keep = g->locked; break;
        case AFRL: keep = spread4(g->locked, 0); break;
        case AFRH: keep = spread4(g->locked, 8); break;
        default: keep = spread2(g->locked); break;
        }
        d->val[i] = (d->val[i] & ~keep) | (old & keep);
    }
    resolve(g);
}

static void w_odr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)v;
    (void)lanes;
    resolve(port_of(d));
}

static void w_bsrr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)lanes;
    uint32_t *odr = regdev_reg(d, ODR);
    /* Set wins over reset for the same pin. */
    *odr = ((*odr & ~(v >> 16)) | (v & 0xffff)) & 0xffff;
    resolve(port_of(d));
}

static void w_brr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)lanes;
    *regdev_reg(d, ODR) &= ~(v & 0xffff);
    resolve(port_of(d));
}

/* LCKR: write LCKK=1+mask, LCKK=0+mask, LCKK=1+mask; the pins in the mask
 * are then frozen and LCKK reads 1 until reset.  A wrong step restarts. */
static void w_lckr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)lanes;
    struct soc_gpio *g = port_of(d);
    if (g->lck_step == 3) {
        d->val[i] = old;
        return;
    }
    bool k = v & (1u << 16);
    uint32_t mask = v & 0xffff;
    bool same = mask == (old & 0xffff);
    if (g->lck_step == 1 && !k && same)
        g->lck_step = 2;
    else if (g->lck_step == 2 && k && same)
        g->lck_step = 3;
    else
        g->lck_step = k ? 1 : 0;
    if (g->lck_step == 3) {
        g->locked = (uint16_t)mask;
        d->val[i] = mask | 1u << 16;
    } else {
        d->val[i] = mask;
    }
}

static uint32_t r_idr(struct regdev *d, unsigned i)
{
    (void)i;
    struct soc_gpio *g = port_of(d);
    uint32_t moder = rv(g, MODER);
    uint16_t analog = 0;
    for (unsigned p = 0; p < 16; p++)
        if (((moder >> (2 * p)) & 3) == 3)
            analog |= 1u << p;
    return g->level & ~analog;
}

static const struct reg_def gpio_regs[] = {
    {MODER, "MODER", 0, 0xffffffffu, 0, 0, NULL, w_cfg, 0},
    {OTYPER, "OTYPER", 0, 0xffff, 0, 0, NULL, w_cfg, 0},
    {OSPEEDR, "OSPEEDR", 0, 0xffffffffu, 0, 0, NULL, w_cfg, 0},
    {PUPDR, "PUPDR", 0, 0xffffffffu, 0, 0, NULL, w_cfg, 0},
    {IDR, "IDR", 0, 0, 0, 0, r_idr, NULL, 0},
    {ODR, "ODR", 0, 0xffff, 0, 0, NULL, w_odr, 0},
    {BSRR, "BSRR", 0, 0, 0, 0, NULL, w_bsrr, REG_WO},
    {LCKR, "LCKR", 0, 0, 0, 0, NULL, w_lckr, 0},
    {AFRL, "AFRL", 0, 0xffffffffu, 0, 0, NULL, w_cfg, 0},
    {AFRH, "AFRH", 0, 0xffffffffu, 0, 0, NULL, w_cfg, 0},
    {BRR, "BRR", 0, 0, 0, 0, NULL, w_brr, REG_WO},
};

static void gpio_reset(struct regdev *d)
{
    struct soc_gpio *g = port_of(d);
    g->locked = 0;
    g->lck_step = 0;
    resolve(g);
}

static const char *const port_names[SOC_NUM_GPIO] = {"GPIOA", "GPIOB", "GPIOC",
                                                     "GPIOD", "GPIOE", "GPIOF"};

void soc_gpio_setup(struct soc *soc)
{
    for (unsigned n = 0; n < SOC_NUM_GPIO; n++) {
        struct soc_gpio *g = &soc->gpio[n];
        regdev_init(&g->rd, soc, port_names[n], 0x48000000u + 0x400u * n, 0x400, gpio_regs,
                    sizeof gpio_regs / sizeof gpio_regs[0], g);
        g->port = n;
        g->rd.gate = GATE_AHB;
        g->rd.gate_bit = 17 + n;
        g->rd.reset_hook = gpio_reset;
        g->ext_level = g->ext_driven = g->float_high = 0;
        g->level = g->drive_high = 0;
        regdev_map(&g->rd);
    }
}

uint16_t soc_gpio_level(const struct soc *soc, unsigned port)
{
    return port < SOC_NUM_GPIO ? soc->gpio[port].level : 0;
}

uint16_t soc_gpio_drive_high(const struct soc *soc, unsigned port)
{
    return port < SOC_NUM_GPIO ? soc->gpio[port].drive_high : 0;
}

unsigned soc_gpio_mode(const struct soc *soc, unsigned port, unsigned pin)
{
    return (rv(&soc->gpio[port], MODER) >> (2 * pin)) & 3;
}

uint16_t soc_gpio_outputs(const struct soc *soc, unsigned port)
{
    uint16_t m = 0;
    for (unsigned p = 0; p < 16; p++)
        if (soc_gpio_mode(soc, port, p) == 1)
            m |= 1u << p;
    return m;
}

unsigned soc_gpio_af(const struct soc *soc, unsigned port, unsigned pin)
{
    uint32_t afr = rv(&soc->gpio[port], pin < 8 ? AFRL : AFRH);
    return (afr >> (4 * (pin & 7))) & 0xf;
}

void soc_gpio_input(struct soc *soc, unsigned port, unsigned pin, bool driven, bool level)
{
    if (port >= SOC_NUM_GPIO || pin >= 16)
        return;
    struct soc_gpio *g = &soc->gpio[port];
    uint16_t b = (uint16_t)(1u << pin);
    g->ext_driven = driven ? g->ext_driven | b : g->ext_driven & ~b;
    g->ext_level = level ? g->ext_level | b : g->ext_level & ~b;
    resolve(g);
}

void soc_gpio_set_float_high(struct soc *soc, unsigned port, uint16_t mask)
{
    if (port >= SOC_NUM_GPIO)
        return;
    soc->gpio[port].float_high = mask;
    resolve(&soc->gpio[port]);
}
