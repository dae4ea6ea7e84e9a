#include "bus/bus.h"

#include <stdlib.h>
#include <string.h>

void bus_init(struct bus *bus)
{
    memset(bus, 0, sizeof *bus);
}

void bus_free(struct bus *bus)
{
    for (size_t i = 0; i < 65536; i++) {
        free(bus->block[i]);
        bus->block[i] = NULL;
    }
}

static struct bus_page *page_alloc(struct bus *bus, uint32_t addr)
{
    struct bus_block **b = &bus->block[addr >> 16];
    if (!*b) {
        *b = calloc(1, sizeof **b);
        if (!*b)
            return NULL;
    }
    return &(*b)->page[(addr >> BUS_PAGE_SHIFT) & (BUS_PAGES_PER_BLOCK - 1)];
}

static bool range_ok(uint32_t base, uint32_t size)
{
    return size && !(base & (BUS_PAGE_SIZE - 1)) && !(size & (BUS_PAGE_SIZE - 1)) &&
           (uint64_t)base + size <= 0x100000000ull;
}

int bus_map_memory(struct bus *bus, uint32_t base, uint32_t size, uint8_t *mem,
                   bool writable, const struct bus_device *write_dev)
{
    if (!range_ok(base, size) || !mem)
        return -1;
    for (uint32_t off = 0; off < size; off += BUS_PAGE_SIZE) {
        struct bus_page *p = page_alloc(bus, base + off);
        if (!p)
            return -1;
        p->mem = mem + off;
        p->rd = p->mem;
        p->writable = writable;
        p->wr = writable ? p->mem : NULL;
        p->dev = write_dev;
        p->dev_base = base;
        p->code = false;
    }
    return 0;
}

int bus_map_device(struct bus *bus, uint32_t base, uint32_t size, const struct bus_device *dev)
{
    if (!range_ok(base, size) || !dev)
        return -1;
    for (uint32_t off = 0; off < size; off += BUS_PAGE_SIZE) {
        struct bus_page *p = page_alloc(bus, base + off);
        if (!p)
            return -1;
        memset(p, 0, sizeof *p);
        p->dev = dev;
        p->dev_base = base;
    }
    return 0;
}

void bus_unmap(struct bus *bus, uint32_t base, uint32_t size)
{
    if (!range_ok(base, size))
        return;
    for (uint32_t off = 0; off < size; off += BUS_PAGE_SIZE) {
        struct bus_page *p = bus_page_of(bus, base + off);
        if (p)
            memset(p, 0, sizeof *p);
    }
}

static uint32_t load_le(const uint8_t *p, unsigned size)
{
    switch (size) {
    case 1: return p[0];
    case 2: return (uint32_t)p[0] | (uint32_t)p[1] << 8;
    default: return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    }
}

static void store_le(uint8_t *p, unsigned size, uint32_t v)
{
    p[0] = (uint8_t)v;
    if (size >= 2)
        p[1] = (uint8_t)(v >> 8);
    if (size == 4) {
        p[2] = (uint8_t)(v >> 16);
        p[3] = (uint8_t)(v >> 24);
    }
}

/* One access that does not cross a page. */
static bool read_one(struct bus *bus, uint32_t addr, unsigned size, uint32_t *value)
{
    struct bus_page *p = bus_page_of(bus, addr);
    if (!p)
        return false;
    if (p->rd) {
        *value = load_le(p->rd + (addr & (BUS_PAGE_SIZE - 1)), size);
        return true;
    }
    if (p->dev && p->dev->read)
        return p->dev->read(p->dev->ctx, addr - p->dev_base, size, value);
    return false;
}

static bool write_one(struct bus *bus, uint32_t addr, unsigned size, uint32_t value)
{
    struct bus_page *p = bus_page_of(bus, addr);
    if (!p)
        return false;
    if (p->mem && p->writable) {
        store_le(p->mem + (addr & (BUS_PAGE_SIZE - 1)), size, value);
        if (p->code && bus->code_write)
            bus->code_write(bus->code_write_ctx, addr, size);
        return true;
    }
    if (p->dev && p->dev->write)
        return p->dev->write(p->dev->ctx, addr - p->dev_base, size, value);
    return false;
}

static bool valid_size(unsigned size)
{
    return size == 1 || size == 2 || size == 4;
}

bool bus_read(struct bus *bus, uint32_t addr, unsigned size, uint32_t *value)
{
    if (!valid_size(size))
        return false;
    if ((addr & (size - 1)) == 0)
        return read_one(bus, addr, size, value);
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        uint32_t b;
        if (!read_one(bus, addr + i, 1, &b))
            return false;
        v |= b << (8 * i);
    }
    *value = v;
    return true;
}

bool bus_write(struct bus *bus, uint32_t addr, unsigned size, uint32_t value)
{
    if (!valid_size(size))
        return false;
    if ((addr & (size - 1)) == 0)
        return write_one(bus, addr, size, value);
    for (unsigned i = 0; i < size; i++)
        if (!write_one(bus, addr + i, 1, (value >> (8 * i)) & 0xff))
            return false;
    return true;
}

uint32_t bus_read_block(struct bus *bus, uint32_t addr, void *dst, uint32_t len)
{
    uint8_t *d = dst;
    uint32_t done = 0;
    while (done < len) {
        uint32_t a = addr + done;
        const uint8_t *src = bus_read_ptr(bus, a, 1);
        if (src) {
            uint32_t n = BUS_PAGE_SIZE - (a & (BUS_PAGE_SIZE - 1));
            if (n > len - done)
                n = len - done;
            memcpy(d + done, src, n);
            done += n;
            continue;
        }
        uint32_t v;
        if (!bus_read(bus, a, 1, &v))
            break;
        d[done++] = (uint8_t)v;
    }
    return done;
}

uint32_t bus_write_block(struct bus *bus, uint32_t addr, const void *src, uint32_t len)
{
    const uint8_t *s = src;
    uint32_t done = 0;
    while (done < len) {
        uint32_t v = s[done];
        if (!bus_write(bus, addr + done, 1, v))
            break;
        done++;
    }
    return done;
}

void bus_set_code_page(struct bus *bus, uint32_t addr, bool code)
{
    struct bus_page *p = bus_page_of(bus, addr);
    if (!p || !p->mem)
        return;
    p->code = code;
    p->wr = (p->writable && !code) ? p->mem : NULL;
}

void bus_notify_write(struct bus *bus, uint32_t addr, uint32_t len)
{
    if (!bus->code_write || !len)
        return;
    uint32_t first = addr & ~(BUS_PAGE_SIZE - 1);
    uint64_t end = (uint64_t)addr + len;
    for (uint64_t a = first; a < end; a += BUS_PAGE_SIZE) {
        struct bus_page *p = bus_page_of(bus, (uint32_t)a);
        if (p && p->code)
            bus->code_write(bus->code_write_ctx, (uint32_t)a, BUS_PAGE_SIZE);
    }
}
