/* The memory map (fact sheet §1.1): flash and its boot alias, system memory
 * with the factory data, SRAM, CCM SRAM, and the two bit-band aliases. */
#include <string.h>

#include "soc/stm32f303/soc.h"

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, (uint16_t)v);
    put16(p + 2, (uint16_t)(v >> 16));
}

/* System memory: f3kit has no ST bootloader, so booting there (BOOT0 high)
 * parks the core in a `b .` loop.  The factory words at its end are real
 * addresses with plausible contents. */
static void sysmem_fill(uint8_t *m)
{
    memset(m, 0xff, SOC_SYSMEM_SIZE);
    put32(m + 0, 0x20001000u);                      /* initial SP */
    put32(m + 4, SOC_SYSMEM_BASE + 0x09);           /* reset: the loop, Thumb */
    put16(m + 8, 0xe7fe);                           /* b . */
    uint32_t off = 0x1FFFF7ACu - SOC_SYSMEM_BASE;   /* unique ID, 96 bits */
    put32(m + off, 0x00400032u);
    put32(m + off + 4, 0x3137470au);
    put32(m + off + 8, 0x20353532u);
    put16(m + (0x1FFFF7B8u - SOC_SYSMEM_BASE), 0x06b4);     /* TS_CAL1 */
    put16(m + (0x1FFFF7BAu - SOC_SYSMEM_BASE), 0x05f6);     /* VREFINT_CAL */
    put16(m + (0x1FFFF7C2u - SOC_SYSMEM_BASE), 0x0530);     /* TS_CAL2 */
    put16(m + (0x1FFFF7CCu - SOC_SYSMEM_BASE), 0x0100);     /* flash size: 256 KiB */
}

void soc_map_alias(struct soc *soc, unsigned mem_mode)
{
    bus_unmap(soc->bus, 0, SOC_FLASH_SIZE);
    switch (mem_mode & 3) {
    case 1:
        bus_map_memory(soc->bus, 0, SOC_SYSMEM_SIZE, soc->sysmem, false, NULL);
        break;
    case 3:
        bus_map_memory(soc->bus, 0, SOC_SRAM_SIZE, soc->sram, true, NULL);
        break;
    default:    /* 00 flash; 10 (FMC) does not exist on the VC part: flash */
        bus_map_memory(soc->bus, 0, SOC_FLASH_SIZE, soc->flash, false, &soc->fl.array_dev);
        break;
    }
    bool changed = soc->mem_mode != (mem_mode & 3);
    soc->mem_mode = mem_mode & 3;
    if (changed && soc->hooks.remapped)
        soc->hooks.remapped(soc->hooks.ctx, 0, SOC_FLASH_SIZE);
}

/* Bit-band (ARMv7-M ARM B3.5.3): alias word n maps to bit (n % 8) of byte
 * (n / 8) of the region.  SRAM is accessed a byte at a time; peripheral
 * registers a word at a time (they do not all take byte accesses). */
static bool bb_access(struct soc *soc, uint32_t region, uint32_t off, bool write,
                      uint32_t *value)
{
    uint32_t byte = region + (off >> 5);
    unsigned bit = (off >> 2) & 7;
    bool periph = region == 0x40000000u;
    uint32_t addr = periph ? byte & ~3u : byte;
    unsigned size = periph ? 4 : 1;
    if (periph)
        bit += (byte & 3) * 8;
    uint32_t v;
    if (!bus_read(soc->bus, addr, size, &v))
        return false;
    if (!write) {
        *value = (v >> bit) & 1;
        return true;
    }
    v = (*value & 1) ? v | (1u << bit) : v & ~(1u << bit);
    return bus_write(soc->bus, addr, size, v);
}

static bool sram_bb_read(void *ctx, uint32_t off, unsigned size, uint32_t *value)
{
    (void)size;
    return bb_access(ctx, SOC_SRAM_BASE, off, false, value);
}

static bool sram_bb_write(void *ctx, uint32_t off, unsigned size, uint32_t value)
{
    (void)size;
    return bb_access(ctx, SOC_SRAM_BASE, off, true, &value);
}

static bool periph_bb_read(void *ctx, uint32_t off, unsigned size, uint32_t *value)
{
    (void)size;
    return bb_access(ctx, 0x40000000u, off, false, value);
}

static bool periph_bb_write(void *ctx, uint32_t off, unsigned size, uint32_t value)
{
    (void)size;
    return bb_access(ctx, 0x40000000u, off, true, &value);
}

/* The APB/AHB1 peripherals end at 0x4002_43FF; the alias beyond that maps
 * nothing and stays unmapped (bus error). */
#define PERIPH_BB_SPAN (0x24400u * 32u)

void soc_memmap_setup(struct soc *soc)
{
    sysmem_fill(soc->sysmem);
    bus_map_memory(soc->bus, SOC_FLASH_BASE, SOC_FLASH_SIZE, soc->flash, false, &soc->fl.array_dev);
    bus_map_memory(soc->bus, SOC_SYSMEM_BASE, SOC_SYSMEM_SIZE, soc->sysmem, false, NULL);
    bus_map_device(soc->bus, SOC_OPTION_BASE, BUS_PAGE_SIZE, &soc->fl.opt_dev);
    bus_map_memory(soc->bus, SOC_SRAM_BASE, SOC_SRAM_SIZE, soc->sram, true, NULL);
    bus_map_memory(soc->bus, SOC_CCM_BASE, SOC_CCM_SIZE, soc->ccm, true, NULL);
    soc->sram_bb = (struct bus_device){"SRAM bit-band", soc, sram_bb_read, sram_bb_write};
    soc->periph_bb = (struct bus_device){"peripheral bit-band", soc, periph_bb_read, periph_bb_write};
    bus_map_device(soc->bus, SOC_SRAM_BB_BASE, SOC_SRAM_SIZE * 32u, &soc->sram_bb);
    bus_map_device(soc->bus, SOC_PERIPH_BB_BASE, PERIPH_BB_SPAN, &soc->periph_bb);
    soc->mem_mode = 0;
    soc_map_alias(soc, 0);
}
