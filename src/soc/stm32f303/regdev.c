/* Generic register-table device: see regdev.h. */
#include "soc/stm32f303/regdev.h"

#include <string.h>

#include "data/device.h"
#include "soc/stm32f303/soc.h"

static const char *gate_reg_name(enum soc_gate g)
{
    switch (g) {
    case GATE_AHB: return "AHBENR";
    case GATE_APB1: return "APB1ENR";
    case GATE_APB2: return "APB2ENR";
    default: return "?";
    }
}

bool regdev_clocked(const struct regdev *d)
{
    return d->gate == GATE_NONE || soc_rcc_enabled(d->soc, d->gate, d->gate_bit);
}

unsigned regdev_idx(const struct regdev *d, uint32_t off)
{
    int i = d->index_of[(off >> 2) & 0xff];
    return i < 0 ? 0 : (unsigned)i;
}

/* Gated off: STM32 peripherals ignore writes and read 0 (fact sheet §5.2);
 * say so once, with the fix, since it is the commonest firmware bug. */
static bool gate_check(struct regdev *d, uint32_t off, bool write)
{
    if (regdev_clocked(d))
        return true;
    if (!d->gate_reported) {
        d->gate_reported = true;
        soc_diag(d->soc, "%s %s at 0x%08x while its clock is off: set RCC->%s bit %u first",
                 d->name, write ? "written" : "read", d->base + off, gate_reg_name(d->gate),
                 d->gate_bit);
    }
    return false;
}

/* A register (or reserved word) the table does not model: the data file's
 * reset value, reported once per word. */
static uint32_t unmodelled(struct regdev *d, uint32_t off, bool write)
{
    uint32_t w = (off >> 2) & 0xff;
    uint32_t addr = d->base + (off & ~3u);
    const struct device_reg *r = device_reg_at(addr);
    if (!(d->reported[w >> 5] & (1u << (w & 31)))) {
        d->reported[w >> 5] |= 1u << (w & 31);
        if (r)
            soc_diag(d->soc, "unmodelled: %s->%s %s at 0x%08x", r->periph, r->name,
                     write ? "written" : "read", addr);
        else
            soc_diag(d->soc, "unmodelled: %s+0x%02x (reserved) %s at 0x%08x", d->name,
                     off & ~3u, write ? "written" : "read", addr);
    }
    return r ? r->reset : 0;
}

static bool rd_read(void *ctx, uint32_t off, unsigned size, uint32_t *value)
{
    struct regdev *d = ctx;
    if (off >= d->size)
        return false;
    unsigned shift = (off & 3) * 8;
    uint32_t v;
    d->access_size = size;
    if (!gate_check(d, off, false)) {
        v = 0;
    } else {
        int i = d->index_of[(off >> 2) & 0xff];
        if (i < 0) {
            v = unmodelled(d, off, false);
        } else {
            const struct reg_def *r = &d->regs[i];
            if (r->flags & REG_WO)
                v = 0;
            else if (r->read)
                v = r->read(d, (unsigned)i);
            else
                v = d->val[i];
        }
    }
    v >>= shift;
    if (size < 4)
        v &= (1u << (size * 8)) - 1;
    *value = v;
    return true;
}

static bool rd_write(void *ctx, uint32_t off, unsigned size, uint32_t value)
{
    struct regdev *d = ctx;
    if (off >= d->size)
        return false;
    if (!gate_check(d, off, true))
        return true;
    int i = d->index_of[(off >> 2) & 0xff];
    if (i < 0) {
        unmodelled(d, off, true);
        return true;
    }
    unsigned shift = (off & 3) * 8;
    d->access_size = size;
    uint32_t lanes = size == 4 ? 0xffffffffu : ((1u << (size * 8)) - 1) << shift;
    uint32_t v = (size == 4 ? value : value << shift) & lanes;
    const struct reg_def *r = &d->regs[i];
    uint32_t old = d->val[i];
    uint32_t now = (old & ~(r->wmask & lanes)) | (v & r->wmask);
    now &= ~(v & r->w1c);
    now &= ~(~v & r->w0c & lanes);
    d->val[i] = now;
    if (r->write)
        r->write(d, (unsigned)i, old, v, lanes);
    return true;
}

void regdev_init(struct regdev *d, struct soc *soc, const char *name, uint32_t base,
                 uint32_t size, const struct reg_def *regs, unsigned nregs, void *ctx)
{
    memset(d, 0, sizeof *d);
    d->name = name;
    d->base = base;
    d->size = size;
    d->regs = regs;
    d->nregs = nregs > REGDEV_MAX ? REGDEV_MAX : nregs;
    d->soc = soc;
    d->ctx = ctx;
    memset(d->index_of, -1, sizeof d->index_of);
    for (unsigned i = 0; i < d->nregs; i++) {
        d->index_of[(regs[i].off >> 2) & 0xff] = (int8_t)i;
        const struct device_reg *r = device_reg_at(base + regs[i].off);
        d->rst[i] = (r && !(regs[i].flags & REG_OWN_RESET)) ? r->reset : regs[i].reset;
    }
    d->dev.name = name;
    d->dev.ctx = d;
    d->dev.read = rd_read;
    d->dev.write = rd_write;
}

int regdev_map(struct regdev *d)
{
    uint32_t size = (d->size + BUS_PAGE_SIZE - 1) & ~(BUS_PAGE_SIZE - 1);
    return bus_map_device(d->soc->bus, d->base & ~(BUS_PAGE_SIZE - 1), size, &d->dev);
}

void regdev_reset(struct regdev *d)
{
    for (unsigned i = 0; i < d->nregs; i++)
        d->val[i] = d->rst[i];
    d->gate_reported = false;
    if (d->reset_hook)
        d->reset_hook(d);
}
