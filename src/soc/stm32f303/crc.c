/* CRC unit (fact sheet §3.16): DR takes 8-, 16- or 32-bit writes and
 * returns the running CRC; programmable polynomial (POL, POLYSIZE 32/16/8/7
 * bits), initial value (INIT), input bit reversal by byte/half-word/word
 * (REV_IN) and output reversal (REV_OUT).  Reset: poly 0x04C11DB7, init
 * 0xFFFFFFFF, no reversal -- the CRC-32/MPEG-2 of the input words. */
#include "soc/stm32f303/soc.h"

#define DR 0x00
#define CR 0x08
#define INIT 0x10
#define POL 0x14

static unsigned poly_bits(struct regdev *d)
{
    static const unsigned n[4] = {32, 16, 8, 7};
    return n[(*regdev_reg(d, CR) >> 3) & 3];
}

static uint32_t width_mask(unsigned n)
{
    return n == 32 ? 0xffffffffu : (1u << n) - 1;
}

static uint32_t reverse(uint32_t v, unsigned bits)
{
    uint32_t r = 0;
    for (unsigned i = 0; i < bits; i++)
        if (v & (1u << i))
            r |= 1u << (bits - 1 - i);
    return r;
}

/* Stored in the DR slot: the CRC register itself, unreversed. */
static uint32_t r_dr(struct regdev *d, unsigned i)
{
    unsigned n = poly_bits(d);
    uint32_t crc = d->val[i] & width_mask(n);
    return (*regdev_reg(d, CR) & (1u << 7)) ? reverse(crc, n) : crc;
}

static void w_dr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    unsigned w = lanes == 0xffffffffu ? 32 : (lanes & 0xffff) == 0xffff || lanes == 0xffff0000u ? 16 : 8;
    unsigned shift = 0;
    while (!((lanes >> shift) & 1))
        shift++;
    uint32_t data = v >> shift;
    if (w < 32)
        data &= (1u << w) - 1;
    unsigned rev_in = (*regdev_reg(d, CR) >> 5) & 3;
    if (rev_in == 1) {                 /* by byte */
        uint32_t r = 0;
        for (unsigned b = 0; b < w; b += 8)
            r |= reverse((data >> b) & 0xff, 8) << b;
        data = r;
    } else if (rev_in == 2 && w >= 16) { /* by half-word */
        uint32_t r = 0;
        for (unsigned b = 0; b < w; b += 16)
            r |= reverse((data >> b) & 0xffff, 16) << b;
        data = r;
    } else if (rev_in == 2) {
        data = reverse(data, 8);
    } else if (rev_in == 3) {          /* by word: the whole input */
        data = reverse(data, w);
    }
    unsigned n = poly_bits(d);
    uint32_t mask = width_mask(n), poly = *regdev_reg(d, POL) & mask;
    uint32_t crc = old & mask;
    for (int b = (int)w - 1; b >= 0; b--) {
        uint32_t top = (crc >> (n - 1)) & 1;
        crc = (crc << 1) & mask;
        if (top ^ ((data >> b) & 1))
            crc ^= poly;
    }
    d->val[i] = crc;
}

static void w_cr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)old;
    (void)v;
    (void)lanes;
    if (d->val[i] & 1) {               /* RESET: load INIT, self-clearing */
        *regdev_reg(d, DR) = *regdev_reg(d, INIT);
        d->val[i] &= ~1u;
    }
}

static const struct reg_def crc_regs[] = {
    {DR, "DR", 0xffffffffu, 0, 0, 0, r_dr, w_dr, 0},
    {0x04, "IDR", 0, 0xff, 0, 0, NULL, NULL, 0},
    {CR, "CR", 0, 0xf9, 0, 0, NULL, w_cr, 0},
    {INIT, "INIT", 0xffffffffu, 0xffffffffu, 0, 0, NULL, NULL, 0},
    {POL, "POL", 0x04c11db7u, 0xffffffffu, 0, 0, NULL, NULL, 0},
};

void soc_crc_setup(struct soc *soc)
{
    regdev_init(&soc->crc, soc, "CRC", 0x40023000u, 0x400, crc_regs,
                sizeof crc_regs / sizeof crc_regs[0], soc);
    soc->crc.gate = GATE_AHB;
    soc->crc.gate_bit = 6;
    regdev_map(&soc->crc);
}
