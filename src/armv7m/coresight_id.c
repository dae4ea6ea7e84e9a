/* CoreSight identification of the Cortex-M4 debug components and the PPB
 * ROM table at 0xE00FF000 (Cortex-M4 TRM tables 3-2 and "ROM table
 * identification values"), as debuggers discover them. */
#include "armv7m/armv7m_internal.h"

/* PIDR4..7 then PIDR0..3, CIDR0..3: offsets 0xFD0..0xFFC. */
struct component_ids {
    uint8_t pid4, pid0, pid1, pid2, pid3, cid1;
};

static const struct component_ids ids[] = {
    [ARMV7M_ID_SCS] = {0x04, 0x0c, 0xb0, 0x0b, 0x00, 0xe0},
    [ARMV7M_ID_DWT] = {0x04, 0x02, 0xb0, 0x3b, 0x00, 0xe0},
    [ARMV7M_ID_FPB] = {0x04, 0x03, 0xb0, 0x2b, 0x00, 0xe0},
    [ARMV7M_ID_ITM] = {0x04, 0x01, 0xb0, 0x3b, 0x00, 0xe0},
    [ARMV7M_ID_TPIU] = {0x04, 0xa1, 0xb9, 0x0b, 0x00, 0x90},
    [ARMV7M_ID_ROM] = {0x04, 0xc4, 0xb4, 0x0b, 0x00, 0x10},
};

bool armv7m_component_id(enum armv7m_component c, uint32_t off, uint32_t *v)
{
    const struct component_ids *id = &ids[c];
    switch (off & ~3u) {
    case 0xfd0: *v = id->pid4; return true;
    case 0xfd4: case 0xfd8: case 0xfdc: *v = 0; return true;
    case 0xfe0: *v = id->pid0; return true;
    case 0xfe4: *v = id->pid1; return true;
    case 0xfe8: *v = id->pid2; return true;
    case 0xfec: *v = id->pid3; return true;
    case 0xff0: *v = 0x0d; return true;
    case 0xff4: *v = id->cid1; return true;
    case 0xff8: *v = 0x05; return true;
    case 0xffc: *v = 0xb1; return true;
    default:
        if (off >= 0xfd0 && off < 0x1000) {
            *v = 0;
            return true;
        }
        return false;
    }
}

/* ROM table entries: offset from 0xE00FF000 to each component, bit 0 =
 * present, bit 1 = 32-bit format.  The STM32F303 has no ETM. */
static const uint32_t rom_entries[] = {
    0xfff0f003u, /* SCS  0xE000E000 */
    0xfff02003u, /* DWT  0xE0001000 */
    0xfff03003u, /* FPB  0xE0002000 */
    0xfff01003u, /* ITM  0xE0000000 */
    0xfff41003u, /* TPIU 0xE0040000 */
    0xfff42002u, /* ETM  0xE0041000: not present */
    0x00000000u, /* end of table */
};

static bool rom_read(void *ctx, uint32_t off, unsigned size, uint32_t *value)
{
    (void)ctx;
    uint32_t a = off & ~3u, v = 0;
    if (a < sizeof rom_entries)
        v = rom_entries[a / 4];
    else if (a == 0xfcc)
        v = 1; /* MEMTYPE: system memory present on the bus */
    else if (a >= 0xfd0)
        armv7m_component_id(ARMV7M_ID_ROM, a, &v);
    *value = (v >> (8 * (off & 3))) & (size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1);
    return true;
}

static bool rom_write(void *ctx, uint32_t off, unsigned size, uint32_t value)
{
    (void)ctx, (void)off, (void)size, (void)value;
    return true; /* read-only: writes ignored */
}

void armv7m_rom_init(struct cpu *cpu)
{
    cpu->sys.rom_dev = (struct bus_device){"ROM table", cpu, rom_read, rom_write};
}
