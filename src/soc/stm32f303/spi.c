/* SPI1, the v2 block with FIFOs (fact sheet §3.13), master mode: a write
 * to DR shifts its frame(s) out at once (8-bit access: one frame; 16-bit
 * access with DS <= 8: two, "data packing") and the slave's answer lands
 * in the 32-bit RX FIFO; RXNE follows the FIFO level and FRXTH, OVR when it
 * overflows.  The slave is the board's (soc_hooks.spi_xfer). */
#include "soc/stm32f303/soc.h"

#define CR1 0x00
#define CR2 0x04
#define SR 0x08
#define DR 0x0c

#define CR1_MSTR (1u << 2)
#define CR1_SPE (1u << 6)
#define CR1_CRCEN (1u << 13)
#define CR2_FRXTH (1u << 12)
#define SR_RXNE (1u << 0)
#define SR_TXE (1u << 1)
#define SR_OVR (1u << 6)

#define SPI1_IRQ 35

static struct soc_spi *spi_of(struct regdev *d)
{
    return d->ctx;
}

static uint32_t *reg(struct soc_spi *s, uint32_t off)
{
    return regdev_reg(&s->rd, off);
}

static uint32_t status(struct soc_spi *s)
{
    uint32_t cr2 = *reg(s, CR2);
    uint32_t sr = (*reg(s, SR) & (SR_OVR | 0x10)) | SR_TXE;
    /* RXNE at 8 bits in the FIFO with FRXTH (8-bit frames), else 16. */
    unsigned ds = ((cr2 >> 8) & 0xf) + 1;
    unsigned need = (ds <= 8 && (cr2 & CR2_FRXTH)) ? 1 : 2;
    if (s->rx_len >= need)
        sr |= SR_RXNE;
    unsigned lvl = s->rx_len > 3 ? 3 : s->rx_len;
    return sr | lvl << 9;
}

static void update_irq(struct soc_spi *s)
{
    uint32_t cr2 = *reg(s, CR2), sr = status(s);
    bool level = ((sr & SR_RXNE) && (cr2 & (1u << 6))) || ((sr & SR_TXE) && (cr2 & (1u << 7))) ||
                 ((sr & (SR_OVR | 0x10)) && (cr2 & (1u << 5)));
    soc_irq(s->rd.soc, SPI1_IRQ, level);
}

static void push(struct soc_spi *s, uint8_t b)
{
    if (s->rx_len >= sizeof s->rx) {
        *reg(s, SR) |= SR_OVR;      /* the FIFO is full: the frame is lost */
        return;
    }
    s->rx[s->rx_len++] = b;
}

static uint8_t pop(struct soc_spi *s)
{
    if (!s->rx_len)
        return 0;
    uint8_t b = s->rx[0];
    for (unsigned k = 1; k < s->rx_len; k++)
        s->rx[k - 1] = s->rx[k];
    s->rx_len--;
    return b;
}

static uint8_t xfer(struct soc_spi *s, uint8_t mosi)
{
    struct soc *soc = s->rd.soc;
    return soc->hooks.spi_xfer ? soc->hooks.spi_xfer(soc->hooks.ctx, s->n, mosi) : 0xff;
}

static void w_dr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    struct soc_spi *s = spi_of(d);
    uint32_t cr1 = *reg(s, CR1), cr2 = *reg(s, CR2);
    if (!(cr1 & CR1_SPE) || !(cr1 & CR1_MSTR)) {
        if (!s->reported_pins)
            soc_diag(d->soc, "SPI%u: DR written while not an enabled master (set CR1.MSTR and "
                             "CR1.SPE); slave mode is not modelled", s->n);
        s->reported_pins = true;
        return;
    }
    unsigned shift = 0;
    while (!((lanes >> shift) & 1))
        shift++;
    uint32_t data = v >> shift;
    unsigned ds = ((cr2 >> 8) & 0xf) + 1;
    bool lsb_first = cr1 & (1u << 7);
    if (ds <= 8) {
        unsigned frames = d->access_size >= 2 ? 2 : 1;
        for (unsigned f = 0; f < frames; f++)
            push(s, xfer(s, (uint8_t)(data >> (8 * f))));
    } else {
        /* One 16-bit frame, MSB first unless LSBFIRST. */
        uint8_t hi = (uint8_t)(data >> 8), lo = (uint8_t)data, rhi, rlo;
        if (lsb_first) {
            rlo = xfer(s, lo);
            rhi = xfer(s, hi);
        } else {
            rhi = xfer(s, hi);
            rlo = xfer(s, lo);
        }
        push(s, rlo);
        push(s, rhi);
    }
    update_irq(s);
}

static uint32_t r_dr(struct regdev *d, unsigned i)
{
    (void)i;
    struct soc_spi *s = spi_of(d);
    uint32_t v = pop(s);
    if (d->access_size >= 2)
        v |= (uint32_t)pop(s) << 8;
    update_irq(s);
    return v;
}

static uint32_t r_sr(struct regdev *d, unsigned i)
{
    (void)i;
    return status(spi_of(d));
}

static void w_cr1(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)v;
    (void)lanes;
    struct soc_spi *s = spi_of(d);
    if ((d->val[i] & CR1_CRCEN) && !(old & CR1_CRCEN))
        soc_diag(d->soc, "unmodelled: SPI%u hardware CRC (CR1.CRCEN)", s->n);
    if ((old & CR1_SPE) && !(d->val[i] & CR1_SPE))
        s->rx_len = 0;
    update_irq(s);
}

static void w_cr2(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)old;
    (void)v;
    (void)lanes;
    /* DS values below 4 bits are not allowed: they read back as 8 bits. */
    if (((d->val[i] >> 8) & 0xf) < 3)
        d->val[i] = (d->val[i] & ~0xf00u) | 0x700u;
    update_irq(spi_of(d));
}

static void w_sr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)v;
    (void)lanes;
    update_irq(spi_of(d));
}

static const struct reg_def spi_regs[] = {
    {CR1, "CR1", 0, 0xffff, 0, 0, NULL, w_cr1, 0},
    {CR2, "CR2", 0x0700, 0x7fff, 0, 0, NULL, w_cr2, 0},
    {SR, "SR", 0x0002, 0, 0, 0x10, r_sr, w_sr, 0},
    {DR, "DR", 0, 0, 0, 0, r_dr, w_dr, 0},
    {0x10, "CRCPR", 0x7, 0xffff, 0, 0, NULL, NULL, 0},
    {0x14, "RXCRCR", 0, 0, 0, 0, NULL, NULL, 0},
    {0x18, "TXCRCR", 0, 0, 0, 0, NULL, NULL, 0},
};

static void spi_reset(struct regdev *d)
{
    struct soc_spi *s = spi_of(d);
    s->rx_len = 0;
    update_irq(s);
}

void soc_spi_setup(struct soc *soc)
{
    struct soc_spi *s = &soc->spi1;
    regdev_init(&s->rd, soc, "SPI1", 0x40013000u, 0x400, spi_regs,
                sizeof spi_regs / sizeof spi_regs[0], s);
    s->n = 1;
    s->rd.gate = GATE_APB2;
    s->rd.gate_bit = 12;
    s->rd.reset_hook = spi_reset;
    regdev_map(&s->rd);
}
