/* Peripherals f3kit does not model (ADC, DMA, TIM1/8/15-17, USB, ...):
 * every register reads its reset value from the device data file, writes
 * are dropped, and the first access to each register is reported by name
 * ("unmodelled: ADC1->CR written at 0x50000008") so nothing is silent. */
#include "data/device.h"
#include "soc/stm32f303/soc.h"

/* True the first time `addr` is seen. */
static bool first_time(struct soc *soc, uint32_t addr)
{
    const unsigned n = sizeof soc->unmodelled_seen / sizeof soc->unmodelled_seen[0];
    uint32_t key = addr | 1u;   /* word addresses have bit 0 clear: 0 means empty */
    unsigned h = (unsigned)((addr >> 2) * 2654435761u) % n;
    for (unsigned i = 0; i < n; i++) {
        uint32_t *slot = &soc->unmodelled_seen[(h + i) % n];
        if (*slot == key)
            return false;
        if (*slot == 0) {
            *slot = key;
            return true;
        }
    }
    return false;   /* table full: stay quiet rather than flood */
}

static uint32_t access(struct soc *soc, uint32_t addr, bool write)
{
    uint32_t word = addr & ~3u;
    const struct device_reg *r = device_reg_at(word);
    if (first_time(soc, word)) {
        const char *what = write ? "written" : "read";
        if (r) {
            soc_diag(soc, "unmodelled: %s->%s %s at 0x%08x", r->periph, r->name, what, word);
        } else {
            const struct device_periph *p = device_periph_at(word);
            if (p)
                soc_diag(soc, "unmodelled: %s+0x%03x %s at 0x%08x", p->name,
                         word - p->base, what, word);
            else
                soc_diag(soc, "unmodelled: 0x%08x %s", word, what);
        }
    }
    return r ? r->reset : 0;
}

/* The device is mapped with dev_base 0, so `off` is the address itself. */
static bool um_read(void *ctx, uint32_t addr, unsigned size, uint32_t *value)
{
    uint32_t v = access(ctx, addr, false) >> ((addr & 3) * 8);
    *value = size == 4 ? v : v & ((1u << (size * 8)) - 1);
    return true;
}

static bool um_write(void *ctx, uint32_t addr, unsigned size, uint32_t value)
{
    (void)size;
    (void)value;
    access(ctx, addr, true);
    return true;
}

void soc_unmodelled_setup(struct soc *soc)
{
    soc->unmodelled = (struct bus_device){"unmodelled", soc, um_read, um_write};
    for (size_t i = 0; i < device_num_periphs; i++) {
        const struct device_periph *p = &device_periphs[i];
        /* The core owns the PPB; DBGMCU is mapped over it separately. */
        if (p->base >= 0xE0000000u || p->size == 0)
            continue;
        uint32_t first = p->base & ~(BUS_PAGE_SIZE - 1);
        uint64_t end = (uint64_t)p->base + p->size;
        for (uint64_t a = first; a < end; a += BUS_PAGE_SIZE) {
            if (bus_map_device(soc->bus, (uint32_t)a, BUS_PAGE_SIZE, &soc->unmodelled) == 0) {
                struct bus_page *pg = bus_page_of(soc->bus, (uint32_t)a);
                if (pg)
                    pg->dev_base = 0;
            }
        }
    }
}
