/* USART1..3, the F0/F3 "new" layout (fact sheet §3.7): CR1/CR2/CR3/BRR,
 * ISR read-only with flags cleared through ICR, RDR/TDR.  A byte written
 * to TDR moves to the shift register and leaves the TX line one frame time
 * later (start + data + stop bits at the baud rate the BRR sets from the
 * USART's kernel clock), so TXE/TC timing follows the configured clocks.
 * Bytes from the host arrive one frame time apart into RDR (RXNE, ORE). */
#include "soc/stm32f303/soc.h"

#define CR1 0x00
#define CR2 0x04
#define CR3 0x08
#define BRR 0x0c
#define RQR 0x18
#define ISR 0x1c
#define ICR 0x20
#define RDR 0x24
#define TDR 0x28

#define CR1_UE (1u << 0)
#define CR1_RE (1u << 2)
#define CR1_TE (1u << 3)
#define CR1_IDLEIE (1u << 4)
#define CR1_RXNEIE (1u << 5)
#define CR1_TCIE (1u << 6)
#define CR1_TXEIE (1u << 7)
#define CR1_PEIE (1u << 8)
#define CR1_PCE (1u << 10)
#define CR1_M (1u << 12)
#define CR1_OVER8 (1u << 15)
#define CR3_EIE (1u << 0)
#define CR3_OVRDIS (1u << 12)

#define ISR_PE (1u << 0)
#define ISR_FE (1u << 1)
#define ISR_NF (1u << 2)
#define ISR_ORE (1u << 3)
#define ISR_IDLE (1u << 4)
#define ISR_RXNE (1u << 5)
#define ISR_TC (1u << 6)
#define ISR_TXE (1u << 7)
#define ISR_BUSY (1u << 16)
#define ISR_TEACK (1u << 21)
#define ISR_REACK (1u << 22)

static const uint32_t bases[SOC_NUM_USART] = {0x40013800u, 0x40004400u, 0x40004800u};
static const unsigned irqs[SOC_NUM_USART] = {37, 38, 39};
static const char *const names[SOC_NUM_USART] = {"USART1", "USART2", "USART3"};

static uint32_t *reg(struct soc_usart *u, uint32_t off)
{
    return regdev_reg(&u->rd, off);
}

static void update_irq(struct soc_usart *u)
{
    uint32_t isr = *reg(u, ISR), cr1 = *reg(u, CR1), cr3 = *reg(u, CR3);
    bool level = ((isr & ISR_TXE) && (cr1 & CR1_TXEIE)) || ((isr & ISR_TC) && (cr1 & CR1_TCIE)) ||
                 ((isr & (ISR_RXNE | ISR_ORE)) && (cr1 & CR1_RXNEIE)) ||
                 ((isr & ISR_IDLE) && (cr1 & CR1_IDLEIE)) || ((isr & ISR_PE) && (cr1 & CR1_PEIE)) ||
                 ((isr & (ISR_FE | ISR_NF | ISR_ORE)) && (cr3 & CR3_EIE));
    soc_irq(u->rd.soc, u->irq, level);
}

/* The USART's kernel clock (RCC_CFGR3.USARTxSW). */
static uint32_t kernel_hz(struct soc_usart *u)
{
    struct soc *soc = u->rd.soc;
    uint32_t cfgr3 = *regdev_reg(&soc->rcc.rd, 0x30);
    unsigned sw = u->n == 1 ? cfgr3 & 3 : (cfgr3 >> (u->n == 2 ? 16 : 18)) & 3;
    switch (sw) {
    case 1: return soc->clk.sysclk;
    case 2: return 32768;
    case 3: return SOC_HSI_HZ;
    default: return u->n == 1 ? soc->clk.pclk2 : soc->clk.pclk1;
    }
}

/* HCLK cycles one frame takes on the wire. */
static uint64_t frame_cycles(struct soc_usart *u)
{
    struct soc *soc = u->rd.soc;
    uint32_t cr1 = *reg(u, CR1), cr2 = *reg(u, CR2), brr = *reg(u, BRR) & 0xffff;
    double bit_ck;      /* kernel clocks per bit */
    if (cr1 & CR1_OVER8)
        bit_ck = (double)((brr & 0xfff0) | (brr & 7) << 1) / 2.0;
    else
        bit_ck = brr;
    if (bit_ck < 16) {
        if (!u->reported_brr)
            soc_diag(soc, "%s: BRR=0x%x is below 16; set BRR = f_ck / baud (e.g. 69 for "
                          "115200 Bd at 8 MHz)", names[u->n - 1], brr);
        u->reported_brr = true;
        bit_ck = 16;
    }
    static const unsigned stop_half[4] = {2, 1, 4, 3};
    unsigned half_bits = 2 * (1 + ((cr1 & CR1_M) ? 9 : 8)) + stop_half[(cr2 >> 12) & 3];
    double c = half_bits / 2.0 * bit_ck * soc->clk.hclk / kernel_hz(u);
    return c < 1 ? 1 : (uint64_t)(c + 0.5);
}

/* Is one of the USART's TX pins (fact sheet §3.7) in alternate function 7? */
static bool tx_pin_ok(struct soc_usart *u)
{
    static const uint8_t pins[SOC_NUM_USART][4][2] = {
        {{0, 9}, {1, 6}, {2, 4}, {4, 0}},       /* USART1: PA9 PB6 PC4 PE0 */
        {{0, 2}, {0, 14}, {1, 3}, {3, 5}},      /* USART2: PA2 PA14 PB3 PD5 */
        {{1, 10}, {2, 10}, {3, 8}, {3, 8}},     /* USART3: PB10 PC10 PD8 */
    };
    const struct soc *soc = u->rd.soc;
    for (unsigned k = 0; k < 4; k++) {
        unsigned port = pins[u->n - 1][k][0], pin = pins[u->n - 1][k][1];
        if (soc_gpio_mode(soc, port, pin) == 2 && soc_gpio_af(soc, port, pin) == 7)
            return true;
    }
    return false;
}

static void tx_start(struct soc_usart *u, uint8_t byte)
{
    u->shift = byte;
    u->shifting = true;
    *reg(u, ISR) |= ISR_BUSY;
    soc_sched_at(u->rd.soc, &u->tx_ev, soc_now(u->rd.soc) + frame_cycles(u));
}

static void tx_done(void *ctx, uint64_t now)
{
    (void)now;
    struct soc_usart *u = ctx;
    struct soc *soc = u->rd.soc;
    uint8_t b = u->shift;
    u->shifting = false;
    uint32_t *isr = reg(u, ISR);
    if (u->tdr_full) {
        u->tdr_full = false;
        *isr |= ISR_TXE;
        /* The next frame starts where this one ended. */
        u->shift = u->tdr;
        u->shifting = true;
        soc_sched_at(soc, &u->tx_ev, u->tx_ev.when + frame_cycles(u));
    } else {
        *isr |= ISR_TC;
        *isr &= ~ISR_BUSY;
    }
    update_irq(u);
    if (soc->hooks.uart_tx)
        soc->hooks.uart_tx(soc->hooks.ctx, u->n, b);
}

static bool rx_enabled(struct soc_usart *u)
{
    uint32_t cr1 = *reg(u, CR1);
    return (cr1 & CR1_UE) && (cr1 & CR1_RE);
}

static void rx_kick(struct soc_usart *u)
{
    if (u->rxq_len && rx_enabled(u) && !u->rx_ev.armed)
        soc_sched_at(u->rd.soc, &u->rx_ev, soc_now(u->rd.soc) + frame_cycles(u));
}

static void rx_done(void *ctx, uint64_t now)
{
    (void)now;
    struct soc_usart *u = ctx;
    if (!u->rxq_len || !rx_enabled(u))
        return;
    uint8_t b = u->rxq[u->rxq_head];
    u->rxq_head = (u->rxq_head + 1) % sizeof u->rxq;
    u->rxq_len--;
    uint32_t *isr = reg(u, ISR);
    if (*isr & ISR_RXNE) {
        if (!(*reg(u, CR3) & CR3_OVRDIS))
            *isr |= ISR_ORE;        /* the new byte is lost */
        else
            *reg(u, RDR) = b;
    } else {
        *reg(u, RDR) = b;
        *isr |= ISR_RXNE;
    }
    if (u->rxq_len)
        soc_sched_at(u->rd.soc, &u->rx_ev, u->rx_ev.when + frame_cycles(u));
    else
        *isr |= ISR_IDLE;
    update_irq(u);
}

static struct soc_usart *usart_of(struct regdev *d)
{
    return d->ctx;
}

static void w_cr1(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)old;
    (void)v;
    (void)lanes;
    struct soc_usart *u = usart_of(d);
    uint32_t cr1 = d->val[i], *isr = reg(u, ISR);
    bool ue = cr1 & CR1_UE;
    *isr = (*isr & ~(ISR_TEACK | ISR_REACK)) | (ue && (cr1 & CR1_TE) ? ISR_TEACK : 0) |
           (ue && (cr1 & CR1_RE) ? ISR_REACK : 0);
    rx_kick(u);
    update_irq(u);
}

static void w_cr3(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)v;
    (void)lanes;
    update_irq(usart_of(d));
}

static void w_tdr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)lanes;
    struct soc_usart *u = usart_of(d);
    uint32_t cr1 = *reg(u, CR1), *isr = reg(u, ISR);
    if (!(cr1 & CR1_UE) || !(cr1 & CR1_TE)) {
        if (u->reported_off)
            return;
        u->reported_off = true;
        soc_diag(d->soc, "%s: TDR written while the transmitter is off (set CR1.UE and CR1.TE)",
                 names[u->n - 1]);
        return;
    }
    uint8_t b = (uint8_t)v;
    if (!u->reported_pins && !tx_pin_ok(u)) {
        u->reported_pins = true;
        soc_diag(d->soc, "%s: sending, but none of its TX pins is in AF7 (%s): on the real "
                         "board nothing would leave the chip", names[u->n - 1],
                 u->n == 1 ? "PA9, PB6, PC4 (ST-LINK VCP), PE0" : u->n == 2 ? "PA2, PA14, PB3, PD5"
                                                                   : "PB10, PC10, PD8");
    }
    *isr &= ~ISR_TC;
    if (!u->shifting) {
        tx_start(u, b);             /* straight through: TXE stays set */
    } else {
        u->tdr = b;                 /* a second write while full overwrites */
        u->tdr_full = true;
        *isr &= ~ISR_TXE;
    }
    update_irq(u);
}

static uint32_t r_rdr(struct regdev *d, unsigned i)
{
    struct soc_usart *u = usart_of(d);
    *reg(u, ISR) &= ~ISR_RXNE;
    update_irq(u);
    return d->val[i] & 0x1ff;
}

static void w_icr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)lanes;
    struct soc_usart *u = usart_of(d);
    *reg(u, ISR) &= ~(v & 0x00121b5fu);
    update_irq(u);
}

static void w_rqr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)lanes;
    struct soc_usart *u = usart_of(d);
    uint32_t *isr = reg(u, ISR);
    if (v & (1u << 3))
        *isr &= ~ISR_RXNE;
    if (v & (1u << 4)) {
        u->tdr_full = false;
        *isr |= ISR_TXE;
    }
    update_irq(u);
}

static const struct reg_def usart_regs[] = {
    {CR1, "CR1", 0, 0x0fffffffu, 0, 0, NULL, w_cr1, 0},
    {CR2, "CR2", 0, 0xffffff70u, 0, 0, NULL, NULL, 0},
    {CR3, "CR3", 0, 0x007fffffu, 0, 0, NULL, w_cr3, 0},
    {BRR, "BRR", 0, 0xffff, 0, 0, NULL, NULL, 0},
    {0x10, "GTPR", 0, 0xffff, 0, 0, NULL, NULL, 0},
    {0x14, "RTOR", 0, 0xffffffffu, 0, 0, NULL, NULL, 0},
    {RQR, "RQR", 0, 0, 0, 0, NULL, w_rqr, REG_WO},
    {ISR, "ISR", 0xc0, 0, 0, 0, NULL, NULL, 0},
    {ICR, "ICR", 0, 0, 0, 0, NULL, w_icr, REG_WO},
    {RDR, "RDR", 0, 0, 0, 0, r_rdr, NULL, 0},
    {TDR, "TDR", 0, 0x1ff, 0, 0, NULL, w_tdr, 0},
};

static void usart_reset(struct regdev *d)
{
    struct soc_usart *u = usart_of(d);
    sched_cancel(d->soc->sched, &u->tx_ev);
    sched_cancel(d->soc->sched, &u->rx_ev);
    u->shifting = false;
    u->tdr_full = false;
    update_irq(u);
}

void soc_usart_rx(struct soc *soc, unsigned n, const void *buf, size_t len)
{
    if (n < 1 || n > SOC_NUM_USART)
        return;
    struct soc_usart *u = &soc->usart[n - 1];
    const uint8_t *p = buf;
    for (size_t k = 0; k < len && u->rxq_len < sizeof u->rxq; k++) {
        u->rxq[(u->rxq_head + u->rxq_len) % sizeof u->rxq] = p[k];
        u->rxq_len++;
    }
    rx_kick(u);
}

void soc_usart_setup(struct soc *soc)
{
    for (unsigned k = 0; k < SOC_NUM_USART; k++) {
        struct soc_usart *u = &soc->usart[k];
        regdev_init(&u->rd, soc, names[k], bases[k], 0x400, usart_regs,
                    sizeof usart_regs / sizeof usart_regs[0], u);
        u->n = k + 1;
        u->irq = irqs[k];
        u->rd.gate = k == 0 ? GATE_APB2 : GATE_APB1;
        u->rd.gate_bit = k == 0 ? 14 : 16 + k;
        u->rd.reset_hook = usart_reset;
        u->rxq_head = u->rxq_len = 0;
        u->reported_brr = u->reported_off = u->reported_pins = false;
        sched_event_init(&u->tx_ev, names[k], tx_done, u);
        sched_event_init(&u->rx_ev, names[k], rx_done, u);
        regdev_map(&u->rd);
    }
}
