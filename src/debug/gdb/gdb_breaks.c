/* Breakpoints and watchpoints on FPB / BKPT / DWT (see gdb_breaks.h). */
#include "debug/gdb/gdb_breaks.h"

#define FP_COMP_LOWER 0x40000000u   /* FPB rev 1: match the lower half-word */
#define FP_COMP_UPPER 0x80000000u
#define FPB_LIMIT 0x20000000u        /* FPB rev 1 only covers the Code region */
#define DEMCR_TRCENA (1u << 24)
#define DWT_MATCHED (1u << 24)
#define BKPT_INSN 0xBE00u

static bool rd(const struct dbg_target *t, uint32_t addr, unsigned width, uint32_t *v)
{
    uint8_t b[4] = {0};
    if (t->ops->mem_read(t->ctx, addr, b, width, width) != width)
        return false;
    *v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return true;
}

static bool wr(const struct dbg_target *t, uint32_t addr, unsigned width, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    return t->ops->mem_write(t->ctx, addr, b, width, width) == width;
}

/* ---- FPB ---- */

static bool hw_set(const struct gdb_breaks *b, const struct dbg_target *t, int i, bool on)
{
    uint32_t a = b->hw[i].addr;
    uint32_t v = (a & 0x1FFFFFFCu) | (a & 2 ? FP_COMP_UPPER : FP_COMP_LOWER) | 1u;
    return wr(t, DBG_FP_COMP0 + 4u * (unsigned)i, 4, on ? v : 0);
}

static int hw_insert(struct gdb_breaks *b, const struct dbg_target *t, uint32_t addr)
{
    if (addr >= FPB_LIMIT)
        return -1;
    int free_slot = -1;
    for (int i = 0; i < GDB_HW_BREAKS; i++) {
        if (b->hw[i].used && b->hw[i].addr == addr)
            return 0;
        if (!b->hw[i].used && free_slot < 0)
            free_slot = i;
    }
    if (free_slot < 0)
        return -1;   /* out of FPB comparators, as on the real chip */
    b->hw[free_slot].addr = addr;
    b->hw[free_slot].used = true;
    /* FP_CTRL: KEY (bit 1) + ENABLE. */
    if (!wr(t, DBG_FP_CTRL, 4, 3) || !hw_set(b, t, free_slot, true)) {
        b->hw[free_slot].used = false;
        return -1;
    }
    return 0;
}

static int hw_remove(struct gdb_breaks *b, const struct dbg_target *t, uint32_t addr)
{
    for (int i = 0; i < GDB_HW_BREAKS; i++)
        if (b->hw[i].used && b->hw[i].addr == addr) {
            b->hw[i].used = false;
            return hw_set(b, t, i, false) ? 0 : -1;
        }
    return 0;
}

/* ---- patched BKPT ---- */

static int sw_insert(struct gdb_breaks *b, const struct dbg_target *t, uint32_t addr)
{
    int free_slot = -1;
    for (int i = 0; i < GDB_SW_BREAKS; i++) {
        if (b->sw[i].used && b->sw[i].addr == addr)
            return 0;
        if (!b->sw[i].used && free_slot < 0)
            free_slot = i;
    }
    uint32_t orig, check;
    if (free_slot < 0 || (addr & 1) || !rd(t, addr, 2, &orig) || !wr(t, addr, 2, BKPT_INSN) ||
        !rd(t, addr, 2, &check) || check != BKPT_INSN)
        return -1;   /* not writable memory */
    b->sw[free_slot].addr = addr;
    b->sw[free_slot].orig = (uint16_t)orig;
    b->sw[free_slot].used = true;
    return 0;
}

static int sw_remove(struct gdb_breaks *b, const struct dbg_target *t, uint32_t addr)
{
    for (int i = 0; i < GDB_SW_BREAKS; i++)
        if (b->sw[i].used && b->sw[i].addr == addr) {
            b->sw[i].used = false;
            return wr(t, addr, 2, b->sw[i].orig) ? 0 : -1;
        }
    return 0;
}

/* ---- DWT ---- */

/* A naturally aligned power-of-two region covering the request
 * (MASK = log2 size), FUNCTION 5 read / 6 write / 7 access. */
static int wp_insert(struct gdb_breaks *b, const struct dbg_target *t, unsigned type,
                     uint32_t addr, uint32_t len)
{
    if (len == 0 || len > 0x8000)
        return -1;
    unsigned mask = 0;
    uint32_t base = addr;
    for (; mask < 15; mask++) {
        base = addr & ~((1u << mask) - 1);
        if ((uint64_t)base + (1u << mask) >= (uint64_t)addr + len)
            break;
    }
    for (int i = 0; i < GDB_WATCHES; i++) {
        if (b->wp[i].used)
            continue;
        uint32_t fn = type == 2 ? 6 : type == 3 ? 5 : 7;
        uint32_t demcr, c = DBG_DWT_COMP0 + 16u * (unsigned)i;
        /* The DWT only works with DEMCR.TRCENA set (ARMv7-M C1.8). */
        if (!rd(t, DBG_DEMCR, 4, &demcr) || !wr(t, DBG_DEMCR, 4, demcr | DEMCR_TRCENA) ||
            !wr(t, c, 4, base) || !wr(t, c + 4, 4, mask) || !wr(t, c + 8, 4, fn))
            return -1;
        b->wp[i].addr = addr;
        b->wp[i].len = len;
        b->wp[i].type = type;
        b->wp[i].used = true;
        return 0;
    }
    return -1;
}

static int wp_remove(struct gdb_breaks *b, const struct dbg_target *t, unsigned type,
                     uint32_t addr, uint32_t len)
{
    for (int i = 0; i < GDB_WATCHES; i++)
        if (b->wp[i].used && b->wp[i].addr == addr && b->wp[i].len == len &&
            b->wp[i].type == type) {
            b->wp[i].used = false;
            return wr(t, DBG_DWT_COMP0 + 16u * (unsigned)i + 8, 4, 0) ? 0 : -1;
        }
    return 0;
}

/* ---- interface ---- */

int gdb_break_insert(struct gdb_breaks *b, const struct dbg_target *t, unsigned type,
                     uint32_t addr, uint32_t kind)
{
    if (type == 1 || (type == 0 && addr < FPB_LIMIT))
        return hw_insert(b, t, addr);
    if (type == 0)
        return sw_insert(b, t, addr);
    if (type <= 4)
        return wp_insert(b, t, type, addr, kind);
    return -1;
}

int gdb_break_remove(struct gdb_breaks *b, const struct dbg_target *t, unsigned type,
                     uint32_t addr, uint32_t kind)
{
    if (type == 1 || (type == 0 && addr < FPB_LIMIT))
        return hw_remove(b, t, addr);
    if (type == 0)
        return sw_remove(b, t, addr);
    if (type <= 4)
        return wp_remove(b, t, type, addr, kind);
    return -1;
}

void gdb_breaks_clear(struct gdb_breaks *b, const struct dbg_target *t)
{
    for (int i = 0; i < GDB_HW_BREAKS; i++)
        if (b->hw[i].used)
            hw_remove(b, t, b->hw[i].addr);
    for (int i = 0; i < GDB_SW_BREAKS; i++)
        if (b->sw[i].used)
            sw_remove(b, t, b->sw[i].addr);
    for (int i = 0; i < GDB_WATCHES; i++)
        if (b->wp[i].used)
            wp_remove(b, t, b->wp[i].type, b->wp[i].addr, b->wp[i].len);
}

bool gdb_break_sw_at(const struct gdb_breaks *b, uint32_t addr)
{
    for (int i = 0; i < GDB_SW_BREAKS; i++)
        if (b->sw[i].used && b->sw[i].addr == addr)
            return true;
    return false;
}

bool gdb_break_at(const struct gdb_breaks *b, uint32_t addr)
{
    for (int i = 0; i < GDB_HW_BREAKS; i++)
        if (b->hw[i].used && b->hw[i].addr == addr)
            return true;
    return gdb_break_sw_at(b, addr);
}

void gdb_breaks_lift(struct gdb_breaks *b, const struct dbg_target *t, uint32_t pc,
                     struct gdb_lifted *l)
{
    l->hw = l->sw = -1;
    l->pc = pc;
    for (int i = 0; i < GDB_HW_BREAKS; i++)
        if (b->hw[i].used && b->hw[i].addr == pc)
            l->hw = i;
    for (int i = 0; i < GDB_SW_BREAKS; i++)
        if (b->sw[i].used && b->sw[i].addr == pc)
            l->sw = i;
    if (l->hw >= 0)
        hw_set(b, t, l->hw, false);
    if (l->sw >= 0)
        wr(t, pc, 2, b->sw[l->sw].orig);
}

void gdb_breaks_restore(struct gdb_breaks *b, const struct dbg_target *t,
                        const struct gdb_lifted *l)
{
    if (l->hw >= 0)
        hw_set(b, t, l->hw, true);
    if (l->sw >= 0)
        wr(t, l->pc, 2, BKPT_INSN);
}

int gdb_watch_hit(const struct gdb_breaks *b, const struct dbg_target *t)
{
    for (int i = 0; i < GDB_WATCHES; i++) {
        uint32_t fn;
        if (b->wp[i].used && rd(t, DBG_DWT_COMP0 + 16u * (unsigned)i + 8, 4, &fn) &&
            (fn & DWT_MATCHED))
            return i;
    }
    for (int i = 0; i < GDB_WATCHES; i++)
        if (b->wp[i].used)
            return i;
    return -1;
}
