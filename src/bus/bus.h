/* The system bus: one 32-bit address space shared by the core, the debug
 * servers and DMA-like masters.  Memory regions are reached through a direct
 * host pointer (fast path); devices through read/write callbacks (slow path).
 * An address with nothing mapped is an error, which the core turns into a
 * precise BusFault and the debug servers into a protocol error.
 *
 * Granularity is 1 KiB pages (the STM32F303 peripherals are 1 KiB apart and
 * the SRAM is 40 KiB), found through a two-level table so that only the
 * 64 KiB blocks that hold something take memory. */
#ifndef F3KIT_BUS_H
#define F3KIT_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BUS_PAGE_SHIFT 10u
#define BUS_PAGE_SIZE (1u << BUS_PAGE_SHIFT)
#define BUS_PAGES_PER_BLOCK 64u

/* A memory-mapped device.  `offset` is relative to the base the device was
 * mapped at; `size` is 1, 2 or 4.  Return false for an access the hardware
 * answers with a bus error (the core raises a precise BusFault). */
struct bus_device {
    const char *name;
    void *ctx;
    bool (*read)(void *ctx, uint32_t offset, unsigned size, uint32_t *value);
    bool (*write)(void *ctx, uint32_t offset, unsigned size, uint32_t value);
};

struct bus_page {
    uint8_t *rd;                    /* host memory for reads, or NULL */
    uint8_t *wr;                    /* host memory for fast writes, or NULL */
    uint8_t *mem;                   /* host memory behind the page, if any */
    const struct bus_device *dev;   /* slow path; NULL for plain memory */
    uint32_t dev_base;              /* address the device was mapped at */
    bool writable;                  /* plain memory the CPU may write */
    bool code;                      /* holds predecoded code: writes notify */
};

struct bus_block {
    struct bus_page page[BUS_PAGES_PER_BLOCK];
};

/* Called after any write that lands in a page marked as code, so the core
 * can drop predecoded blocks there. */
typedef void (*bus_code_write_fn)(void *ctx, uint32_t addr, uint32_t len);

struct bus {
    struct bus_block *block[65536];
    bus_code_write_fn code_write;
    void *code_write_ctx;
};

void bus_init(struct bus *bus);
void bus_free(struct bus *bus);

/* Map host memory.  `writable` false makes CPU writes go to `write_dev`
 * (for flash: the flash controller decides) or fail when it is NULL. */
int bus_map_memory(struct bus *bus, uint32_t base, uint32_t size, uint8_t *mem,
                   bool writable, const struct bus_device *write_dev);
/* Map a device over [base, base+size), both multiples of BUS_PAGE_SIZE. */
int bus_map_device(struct bus *bus, uint32_t base, uint32_t size,
                   const struct bus_device *dev);
void bus_unmap(struct bus *bus, uint32_t base, uint32_t size);

/* Accesses of 1, 2 or 4 bytes, little-endian.  Unaligned accesses are split
 * into bytes.  Return false on a bus error (nothing mapped, device refused). */
bool bus_read(struct bus *bus, uint32_t addr, unsigned size, uint32_t *value);
bool bus_write(struct bus *bus, uint32_t addr, unsigned size, uint32_t value);

/* Block transfers for loaders and debuggers; stop at the first error and
 * return the number of bytes done. */
uint32_t bus_read_block(struct bus *bus, uint32_t addr, void *dst, uint32_t len);
uint32_t bus_write_block(struct bus *bus, uint32_t addr, const void *src, uint32_t len);

/* The page for `addr`, or NULL when nothing is mapped there. */
static inline struct bus_page *bus_page_of(struct bus *bus, uint32_t addr)
{
    struct bus_block *b = bus->block[addr >> 16];
    return b ? &b->page[(addr >> BUS_PAGE_SHIFT) & (BUS_PAGES_PER_BLOCK - 1)] : NULL;
}

/* Host pointer for reading `len` bytes at `addr` when they lie in one memory
 * page, else NULL (then use bus_read). */
static inline const uint8_t *bus_read_ptr(struct bus *bus, uint32_t addr, uint32_t len)
{
    struct bus_page *p = bus_page_of(bus, addr);
    uint32_t off = addr & (BUS_PAGE_SIZE - 1);
    if (!p || !p->rd || off + len > BUS_PAGE_SIZE)
        return NULL;
    return p->rd + off;
}

/* Host pointer for a fast write, or NULL (then use bus_write). */
static inline uint8_t *bus_write_ptr(struct bus *bus, uint32_t addr, uint32_t len)
{
    struct bus_page *p = bus_page_of(bus, addr);
    uint32_t off = addr & (BUS_PAGE_SIZE - 1);
    if (!p || !p->wr || off + len > BUS_PAGE_SIZE)
        return NULL;
    return p->wr + off;
}

/* Mark or unmark the memory page holding `addr` as code.  While marked, CPU
 * writes take the slow path and call the code_write hook. */
void bus_set_code_page(struct bus *bus, uint32_t addr, bool code);

/* Tell the bus that memory at [addr, addr+len) changed behind its back (a
 * flash controller programming its array, a loader writing host memory):
 * runs the code_write hook for the code pages in that range. */
void bus_notify_write(struct bus *bus, uint32_t addr, uint32_t len);

#endif
