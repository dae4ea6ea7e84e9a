/* RCC (fact sheet §3.3, §5): oscillators with ready flags, the SYSCLK
 * switch (SWS follows SW only once the source is ready), prescalers feeding
 * the clock tree (soc_clocks_update), clock gating, peripheral resets and
 * the reset-cause flags in CSR. */
#include "soc/stm32f303/soc.h"

#define CR 0x00
#define CFGR 0x04
#define CIR 0x08
#define APB2RSTR 0x0c
#define APB1RSTR 0x10
#define AHBENR 0x14
#define APB2ENR 0x18
#define APB1ENR 0x1c
#define BDCR 0x20
#define CSR 0x24
#define AHBRSTR 0x28
#define CFGR2 0x2c
#define CFGR3 0x30

#define CR_HSION (1u << 0)
#define CR_HSIRDY (1u << 1)
#define CR_HSEON (1u << 16)
#define CR_HSERDY (1u << 17)
#define CR_HSEBYP (1u << 18)
#define CR_PLLON (1u << 24)
#define CR_PLLRDY (1u << 25)
#define CFGR_PLLSRC (1u << 16)
#define CFGR_PLLCFG (0xfu << 18 | 1u << 17 | 1u << 16)

#define RCC_IRQ 5

static bool hse_board_ok(uint32_t cr)
{
    /* MB1035 feeds the ST-LINK's 8 MHz MCO into OSC_IN: only bypass works. */
    return (cr & CR_HSEON) && (cr & CR_HSEBYP);
}

static void update_irq(struct soc *soc)
{
    uint32_t cir = *regdev_reg(&soc->rcc.rd, CIR);
    soc_irq(soc, RCC_IRQ, (cir & 0x9f) & ((cir >> 8) & 0x1f));
}

/* Ready flags, the switch status and what follows from them. */
static void rcc_settle(struct soc *soc)
{
    struct regdev *d = &soc->rcc.rd;
    uint32_t *cr = regdev_reg(d, CR), *cfgr = regdev_reg(d, CFGR), *cir = regdev_reg(d, CIR);
    uint32_t *csr = regdev_reg(d, CSR);
    uint32_t sws = (*cfgr >> 2) & 3;
    bool pll_hse = *cfgr & CFGR_PLLSRC;
    /* A source in use cannot be switched off. */
    if (sws == 0 || (sws == 2 && !pll_hse))
        *cr |= CR_HSION;
    if (sws == 1 || (sws == 2 && pll_hse))
        *cr |= CR_HSEON;
    if (sws == 2)
        *cr |= CR_PLLON;
    uint32_t old = *cr;
    uint32_t ready = 0;
    if (*cr & CR_HSION)
        ready |= CR_HSIRDY;
    if (hse_board_ok(*cr))
        ready |= CR_HSERDY;
    bool src_ok = pll_hse ? (ready & CR_HSERDY) : (ready & CR_HSIRDY);
    if ((*cr & CR_PLLON) && src_ok)
        ready |= CR_PLLRDY;
    *cr = (*cr & ~(CR_HSIRDY | CR_HSERDY | CR_PLLRDY)) | ready;
    uint32_t rose = *cr & ~old;
    uint32_t ie = *cir >> 8;
    if ((rose & CR_HSIRDY) && (ie & 4))
        *cir |= 4;
    if ((rose & CR_HSERDY) && (ie & 8))
        *cir |= 8;
    if ((rose & CR_PLLRDY) && (ie & 16))
        *cir |= 16;
    /* LSI follows LSION (the IWDG also turns it on). */
    bool lsi = (*csr & 1) || soc->iwdg.running;
    if (lsi && !(*csr & 2) && (ie & 1))
        *cir |= 1;
    *csr = lsi ? *csr | 2 : *csr & ~2u;
    /* SWS takes SW once the selected source is ready. */
    uint32_t sw = *cfgr & 3;
    static const uint32_t rdy[3] = {CR_HSIRDY, CR_HSERDY, CR_PLLRDY};
    if (sw != 3 && (*cr & rdy[sw]))
        *cfgr = (*cfgr & ~0xcu) | sw << 2;
    update_irq(soc);
}

static void w_cr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)v;
    (void)lanes;
    uint32_t *cr = &d->val[i];
    /* HSEBYP is writable only while HSE is off. */
    if (old & CR_HSEON)
        *cr = (*cr & ~CR_HSEBYP) | (old & CR_HSEBYP);
    if ((*cr & CR_HSEON) && !(*cr & CR_HSEBYP) && !(old & CR_HSEON))
        soc_diag(d->soc, "RCC: HSE switched on without HSEBYP; the STM32F3DISCOVERY has no "
                         "crystal, its 8 MHz HSE comes from the ST-LINK: set RCC_CR.HSEBYP first");
    rcc_settle(d->soc);
    soc_clocks_update(d->soc);
}

static void w_cfgr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)v;
    (void)lanes;
    uint32_t *cfgr = &d->val[i];
    /* SWS is read-only; PLL settings are frozen while the PLL runs. */
    *cfgr = (*cfgr & ~0xcu) | (old & 0xc);
    if (*regdev_reg(d, CR) & CR_PLLON)
        *cfgr = (*cfgr & ~CFGR_PLLCFG) | (old & CFGR_PLLCFG);
    rcc_settle(d->soc);
    soc_clocks_update(d->soc);
}

static void w_cir(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)old;
    (void)lanes;
    /* Bits 16..20 and 23 clear the matching ready flags. */
    uint32_t clr = ((v >> 16) & 0x1f) | ((v >> 16) & 0x80);
    d->val[i] &= ~clr;
    update_irq(d->soc);
}

static void w_csr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)old;
    (void)lanes;
    if (v & (1u << 24))     /* RMVF: clear the reset flags */
        d->val[i] &= ~0xfe800000u;
    d->val[i] &= ~(1u << 24);
    rcc_settle(d->soc);
}

static void w_bdcr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)v;
    (void)lanes;
    if (d->val[i] & (1u << 16))     /* BDRST: reset the backup domain */
        d->val[i] = 1u << 16;
    d->val[i] &= ~2u;               /* LSE is not fitted: LSERDY never rises */
    if ((d->val[i] & 1) && !(old & 1))
        soc_diag(d->soc, "RCC: LSE switched on, but the STM32F3DISCOVERY has no 32.768 kHz "
                         "crystal (X2 not fitted): LSERDY never sets; use the LSI for the RTC");
    d->soc->rcc.bdcr_keep = d->val[i];
}

static void reset_periph(struct soc *soc, uint32_t reg, unsigned bit)
{
    struct regdev *r = NULL;
    if (reg == AHBRSTR && bit >= 17 && bit <= 22)
        r = &soc->gpio[bit - 17].rd;
    else if (reg == APB2RSTR && bit == 0)
        r = &soc->syscfg;
    else if (reg == APB2RSTR && bit == 12)
        r = &soc->spi1.rd;
    else if (reg == APB2RSTR && bit == 14)
        r = &soc->usart[0].rd;
    else if (reg == APB1RSTR && bit <= 2)
        r = &soc->tim[bit].rd;
    else if (reg == APB1RSTR && (bit == 4 || bit == 5))
        r = &soc->tim[bit - 1].rd;
    else if (reg == APB1RSTR && (bit == 17 || bit == 18))
        r = &soc->usart[bit - 16].rd;
    else if (reg == APB1RSTR && bit == 11)
        r = &soc->wwdg.rd;
    else if (reg == APB1RSTR && bit == 21)
        r = &soc->i2c1.rd;
    else if (reg == APB1RSTR && bit == 28)
        r = &soc->pwr;
    if (r)
        regdev_reset(r);
}

static void w_rstr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)v;
    (void)lanes;
    uint32_t rose = d->val[i] & ~old;
    for (unsigned b = 0; b < 32; b++)
        if (rose & (1u << b))
            reset_periph(d->soc, d->regs[i].off, b);
}

static void w_apb1enr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)v;
    (void)lanes;
    if ((d->val[i] ^ old) & (1u << 11))
        soc_wwdg_clock(d->soc);
}

static const struct reg_def rcc_regs[] = {
    {CR, "CR", 0x00000083, 0x010d00f9, 0, 0, NULL, w_cr, 0},
    {CFGR, "CFGR", 0, 0x07ff3ff3, 0, 0, NULL, w_cfgr, 0},
    {CIR, "CIR", 0, 0x00001f00, 0, 0, NULL, w_cir, 0},
    {APB2RSTR, "APB2RSTR", 0, 0x00077801, 0, 0, NULL, w_rstr, 0},
    {APB1RSTR, "APB1RSTR", 0, 0x32fec837, 0, 0, NULL, w_rstr, 0},
    {AHBENR, "AHBENR", 0x14, 0x317e0057, 0, 0, NULL, NULL, 0},
    {APB2ENR, "APB2ENR", 0, 0x00077801, 0, 0, NULL, NULL, 0},
    {APB1ENR, "APB1ENR", 0, 0x32fec837, 0, 0, NULL, w_apb1enr, 0},
    {BDCR, "BDCR", 0, 0x0001831d, 0, 0, NULL, w_bdcr, REG_OWN_RESET},
    {CSR, "CSR", 0x0c000000, 0x01000001, 0, 0, NULL, w_csr, REG_OWN_RESET},
    {AHBRSTR, "AHBRSTR", 0, 0x317e0000, 0, 0, NULL, w_rstr, 0},
    {CFGR2, "CFGR2", 0, 0x00003fff, 0, 0, NULL, NULL, 0},
    {CFGR3, "CFGR3", 0, 0x00ff0333, 0, 0, NULL, NULL, 0},
};

static void rcc_reset(struct regdev *d)
{
    *regdev_reg(d, CSR) = d->soc->rcc.csr_keep;
    *regdev_reg(d, BDCR) = d->soc->rcc.bdcr_keep;
    rcc_settle(d->soc);
}

void soc_rcc_reset_flags(struct soc *soc, enum soc_reset_cause why)
{
    struct soc_rcc *r = &soc->rcc;
    if (why == SOC_RESET_POWER) {
        r->csr_keep = 0x0c000000u;      /* PORRSTF | PINRSTF */
        r->bdcr_keep = 0;
        return;
    }
    uint32_t flags = *regdev_reg(&r->rd, CSR) & 0xfe800000u;
    /* Internal resets pull NRST low too, so PINRSTF comes with them. */
    flags |= 1u << 26;
    if (why == SOC_RESET_SOFT)
        flags |= 1u << 28;
    else if (why == SOC_RESET_IWDG)
        flags |= 1u << 29;
    else if (why == SOC_RESET_OBL)
        flags |= 1u << 25;
    else if (why == SOC_RESET_WWDG)
        flags |= 1u << 30;
    r->csr_keep = flags;
}

bool soc_rcc_enabled(const struct soc *soc, enum soc_gate gate, unsigned bit)
{
    const struct regdev *d = &soc->rcc.rd;
    uint32_t off = gate == GATE_AHB ? AHBENR : gate == GATE_APB1 ? APB1ENR : APB2ENR;
    return (d->val[d->index_of[off >> 2]] >> bit) & 1;
}

void soc_rcc_setup(struct soc *soc)
{
    struct regdev *d = &soc->rcc.rd;
    regdev_init(d, soc, "RCC", 0x40021000u, 0x400, rcc_regs,
                sizeof rcc_regs / sizeof rcc_regs[0], &soc->rcc);
    d->reset_hook = rcc_reset;
    regdev_map(d);
}
