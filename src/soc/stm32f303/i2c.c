/* I2C1, the F0/F3 "v2" master (fact sheet §3.12): CR2 starts a transfer of
 * NBYTES to/from SADD with AUTOEND or RELOAD, TXIS/RXNE/TC/TCR/NACKF/STOPF
 * as firmware polls them, ICR write-1-to-clear.  Bytes move at once (no
 * bus timing); the slaves are the board's (soc_hooks.i2c_*). */
#include "soc/stm32f303/soc.h"

#define CR1 0x00
#define CR2 0x04
#define ISR 0x18
#define ICR 0x1c
#define RXDR 0x24
#define TXDR 0x28

#define CR1_PE (1u << 0)
#define CR2_RD_WRN (1u << 10)
#define CR2_START (1u << 13)
#define CR2_STOP (1u << 14)
#define CR2_RELOAD (1u << 24)
#define CR2_AUTOEND (1u << 25)
#define ISR_TXE (1u << 0)
#define ISR_TXIS (1u << 1)
#define ISR_RXNE (1u << 2)
#define ISR_NACKF (1u << 4)
#define ISR_STOPF (1u << 5)
#define ISR_TC (1u << 6)
#define ISR_TCR (1u << 7)
#define ISR_BUSY (1u << 15)
#define ISR_DIR (1u << 16)

#define EV_IRQ 31
#define ER_IRQ 32

static struct soc_i2c *i2c_of(struct regdev *d)
{
    return d->ctx;
}

static uint32_t *reg(struct soc_i2c *c, uint32_t off)
{
    return regdev_reg(&c->rd, off);
}

static void update_irq(struct soc_i2c *c)
{
    uint32_t isr = *reg(c, ISR), cr1 = *reg(c, CR1);
    bool ev = ((isr & ISR_TXIS) && (cr1 & 2)) || ((isr & ISR_RXNE) && (cr1 & 4)) ||
              ((isr & 8) && (cr1 & 8)) || ((isr & ISR_NACKF) && (cr1 & 16)) ||
              ((isr & ISR_STOPF) && (cr1 & 32)) || ((isr & (ISR_TC | ISR_TCR)) && (cr1 & 64));
    bool er = (isr & 0x3f00) && (cr1 & 128);
    soc_irq(c->rd.soc, EV_IRQ, ev);
    soc_irq(c->rd.soc, ER_IRQ, er);
}

static void stop(struct soc_i2c *c)
{
    struct soc *soc = c->rd.soc;
    if (c->active && soc->hooks.i2c_stop)
        soc->hooks.i2c_stop(soc->hooks.ctx, c->n);
    c->active = false;
    uint32_t *isr = reg(c, ISR);
    *isr = (*isr & ~(ISR_BUSY | ISR_TC | ISR_TCR | ISR_TXIS | ISR_DIR)) | ISR_STOPF;
    *reg(c, CR2) &= ~(CR2_STOP | CR2_START);
}

static void fetch(struct soc_i2c *c);
static void send_pending(struct soc_i2c *c);

/* NBYTES of this chunk are done. */
static void end_chunk(struct soc_i2c *c)
{
    uint32_t cr2 = *reg(c, CR2);
    if (cr2 & CR2_RELOAD)
        *reg(c, ISR) |= ISR_TCR;
    else if (cr2 & CR2_AUTOEND)
        stop(c);
    else
        *reg(c, ISR) |= ISR_TC;
}

static void fetch(struct soc_i2c *c)
{
    struct soc *soc = c->rd.soc;
    if (!c->active || !c->reading || c->left == 0 || (*reg(c, ISR) & ISR_RXNE))
        return;
    uint8_t b = soc->hooks.i2c_read ? soc->hooks.i2c_read(soc->hooks.ctx, c->n) : 0xff;
    *reg(c, RXDR) = b;
    *reg(c, ISR) |= ISR_RXNE;
    if (--c->left == 0)
        end_chunk(c);
}

/* Send the byte waiting in TXDR, if any. */
static void send_pending(struct soc_i2c *c)
{
    struct soc *soc = c->rd.soc;
    uint32_t *isr = reg(c, ISR);
    if (!c->active || c->reading || c->left == 0)
        return;
    if (!(*isr & ISR_TXE)) {
        uint8_t b = (uint8_t)*reg(c, TXDR);
        *isr |= ISR_TXE;
        bool ack = soc->hooks.i2c_write && soc->hooks.i2c_write(soc->hooks.ctx, c->n, b);
        if (!ack) {
            *isr |= ISR_NACKF;
            stop(c);
            return;
        }
        if (--c->left == 0) {
            *isr &= ~ISR_TXIS;
            end_chunk(c);
            return;
        }
    }
    *isr |= ISR_TXIS;
}

static void start(struct soc_i2c *c)
{
    struct soc *soc = c->rd.soc;
    uint32_t cr2 = *reg(c, CR2), *isr = reg(c, ISR);
    *reg(c, CR2) &= ~CR2_START;
    if (cr2 & (1u << 11))
        soc_diag(soc, "unmodelled: I2C%u 10-bit addressing (CR2.ADD10)", c->n);
    uint8_t addr = (uint8_t)((cr2 >> 1) & 0x7f);
    bool rd = cr2 & CR2_RD_WRN;
    *isr &= ~(ISR_TC | ISR_TCR | ISR_TXIS);
    *isr |= ISR_BUSY;
    *isr = rd ? *isr | ISR_DIR : *isr & ~ISR_DIR;
    bool ack = soc->hooks.i2c_start && soc->hooks.i2c_start(soc->hooks.ctx, c->n, addr, rd);
    c->active = true;
    if (!ack) {
        /* Address NACK: the master sends STOP by itself. */
        *isr |= ISR_NACKF;
        stop(c);
        return;
    }
    c->reading = rd;
    c->left = (cr2 >> 16) & 0xff;
    if (c->left == 0)
        end_chunk(c);
    else if (rd)
        fetch(c);
    else
        send_pending(c);
}

static void w_cr1(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)v;
    (void)lanes;
    struct soc_i2c *c = i2c_of(d);
    if ((old & CR1_PE) && !(d->val[i] & CR1_PE)) {
        /* PE = 0 is the software reset: flags and state machine clear. */
        if (c->active && d->soc->hooks.i2c_stop)
            d->soc->hooks.i2c_stop(d->soc->hooks.ctx, c->n);
        c->active = false;
        *reg(c, ISR) = ISR_TXE;
        *reg(c, CR2) &= ~(CR2_START | CR2_STOP);
    }
    update_irq(c);
}

static void w_cr2(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)old;
    (void)lanes;
    struct soc_i2c *c = i2c_of(d);
    uint32_t *isr = reg(c, ISR);
    if (!(*reg(c, CR1) & CR1_PE)) {
        d->val[i] &= ~(CR2_START | CR2_STOP);
        return;
    }
    if (v & CR2_START) {
        start(c);
    } else if ((v & CR2_STOP) && c->active) {
        stop(c);
    } else if ((*isr & ISR_TCR) && c->active) {
        /* RELOAD: writing NBYTES continues the transfer. */
        *isr &= ~ISR_TCR;
        c->left = (d->val[i] >> 16) & 0xff;
        if (c->reading)
            fetch(c);
        else
            send_pending(c);
    }
    update_irq(c);
}

static void w_isr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)lanes;
    /* Software may set TXE to flush TXDR; everything else is read-only. */
    d->val[i] = old | (v & ISR_TXE);
    update_irq(i2c_of(d));
}

static void w_icr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)lanes;
    struct soc_i2c *c = i2c_of(d);
    *reg(c, ISR) &= ~(v & 0x3f38);
    update_irq(c);
}

static uint32_t r_rxdr(struct regdev *d, unsigned i)
{
    struct soc_i2c *c = i2c_of(d);
    uint32_t b = d->val[i];
    *reg(c, ISR) &= ~ISR_RXNE;
    fetch(c);
    update_irq(c);
    return b;
}

static void w_txdr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)v;
    (void)lanes;
    struct soc_i2c *c = i2c_of(d);
    uint32_t *isr = reg(c, ISR);
    *isr &= ~(ISR_TXE | ISR_TXIS);
    send_pending(c);
    update_irq(c);
}

static const struct reg_def i2c_regs[] = {
    {CR1, "CR1", 0, 0x00ffdfffu, 0, 0, NULL, w_cr1, 0},
    {CR2, "CR2", 0, 0x07ffffffu, 0, 0, NULL, w_cr2, 0},
    {0x08, "OAR1", 0, 0x87ff, 0, 0, NULL, NULL, 0},
    {0x0c, "OAR2", 0, 0x87fe, 0, 0, NULL, NULL, 0},
    {0x10, "TIMINGR", 0, 0xf0ffffffu, 0, 0, NULL, NULL, 0},
    {0x14, "TIMEOUTR", 0, 0x8fff9fffu, 0, 0, NULL, NULL, 0},
    {ISR, "ISR", ISR_TXE, 0, 0, 0, NULL, w_isr, 0},
    {ICR, "ICR", 0, 0, 0, 0, NULL, w_icr, REG_WO},
    {0x20, "PECR", 0, 0, 0, 0, NULL, NULL, 0},
    {RXDR, "RXDR", 0, 0, 0, 0, r_rxdr, NULL, 0},
    {TXDR, "TXDR", 0, 0xff, 0, 0, NULL, w_txdr, 0},
};

static void i2c_reset(struct regdev *d)
{
    struct soc_i2c *c = i2c_of(d);
    c->active = false;
    c->left = 0;
    update_irq(c);
}

void soc_i2c_setup(struct soc *soc)
{
    struct soc_i2c *c = &soc->i2c1;
    regdev_init(&c->rd, soc, "I2C1", 0x40005400u, 0x400, i2c_regs,
                sizeof i2c_regs / sizeof i2c_regs[0], c);
    c->n = 1;
    c->rd.gate = GATE_APB1;
    c->rd.gate_bit = 21;
    c->rd.reset_hook = i2c_reset;
    regdev_map(&c->rd);
}
