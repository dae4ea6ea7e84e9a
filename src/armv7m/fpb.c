/* Flash Patch and Breakpoint unit, FPBv1 (ARMv7-M ARM C1.11): 6 code and
 * 2 literal comparators.  Code comparators set as breakpoints (REPLACE != 0)
 * match instruction halfwords in the code region 0x0000_0000-0x1FFF_FFFF.
 * Remapping (REPLACE = 00, FP_REMAP) is not supported: FP_REMAP.RMPSPT
 * reads 0, so debuggers use the comparators as breakpoints only. */
#include "armv7m/armv7m_internal.h"

#define FP_CTRL_ENABLE 1u
#define FP_CTRL_KEY 2u

bool armv7m_fpb_read(struct cpu *cpu, uint32_t off, uint32_t *v)
{
    struct armv7m *s = &cpu->sys;
    if (off >= 0xfd0)
        return armv7m_component_id(ARMV7M_ID_FPB, off, v);
    if (off == 0x000) {
        /* NUM_CODE[6:4] = 6, NUM_LIT = 2, REV = 0 (FPBv1). */
        *v = (ARMV7M_FPB_CODE << 4) | (ARMV7M_FPB_LIT << 8) | (s->fp_ctrl & FP_CTRL_ENABLE);
        return true;
    }
    if (off == 0x004) {
        *v = 0;
        return true;
    }
    if (off >= 0x008 && off < 0x008 + 4 * (ARMV7M_FPB_CODE + ARMV7M_FPB_LIT)) {
        *v = s->fp_comp[(off - 8) / 4];
        return true;
    }
    if (off < 0x1000) {
        *v = 0;
        return true;
    }
    return false;
}

bool armv7m_fpb_write(struct cpu *cpu, uint32_t off, uint32_t v, uint32_t mask)
{
    struct armv7m *s = &cpu->sys;
    v &= mask;
    if (off == 0x000) {
        if (v & FP_CTRL_KEY)
            s->fp_ctrl = v & FP_CTRL_ENABLE;
        cpu->attention = 1;
        return true;
    }
    if (off >= 0x008 && off < 0x008 + 4 * (ARMV7M_FPB_CODE + ARMV7M_FPB_LIT)) {
        uint32_t *c = &s->fp_comp[(off - 8) / 4];
        *c = ((*c & ~mask) | v) & 0xdffffffdu; /* REPLACE, COMP[28:2], ENABLE */
        cpu->attention = 1;
        return true;
    }
    return off < 0x1000;
}

bool armv7m_fpb_match(const struct cpu *cpu, uint32_t pc)
{
    const struct armv7m *s = &cpu->sys;
    if (!(s->fp_ctrl & FP_CTRL_ENABLE) || pc >= 0x20000000u)
        return false;
    for (unsigned i = 0; i < ARMV7M_FPB_CODE; i++) {
        uint32_t c = s->fp_comp[i];
        if (!(c & 1) || (c & 0x1ffffffcu) != (pc & 0x1ffffffcu))
            continue;
        unsigned replace = c >> 30;
        /* 01: lower halfword, 10: upper halfword, 11: both. */
        if ((replace & 1) && !(pc & 2))
            return true;
        if ((replace & 2) && (pc & 2))
            return true;
    }
    return false;
}
