/* Data Watchpoint and Trace unit (ARMv7-M ARM C1.8), 4 comparators:
 * CYCCNT counted lazily from the core's cycles while DEMCR.TRCENA and
 * CTRL.CYCCNTENA are both set; data address watchpoints (FUNCTION 5/6/7)
 * with MASK ranges and the MATCHED flag; PCSR sampling.  Of the 8-bit
 * profiling counters EXCCNT counts the exception entry/return overhead
 * (CTRL.EXCEVTENA); CPICNT, SLEEPCNT, LSUCNT and FOLDCNT are writable but
 * not advanced (no pipeline model behind them). */
#include "armv7m/armv7m_internal.h"

#define DWT_CTRL_CYCCNTENA 1u
#define DWT_FUNC_MATCHED (1u << 24)
#define DWT_CTRL_EXCEVTENA (1u << 18)

void armv7m_exc_overhead(struct cpu *cpu, unsigned cycles)
{
    struct armv7m *s = &cpu->sys;
    cpu->cycles += cycles;
    if ((s->demcr & DEMCR_TRCENA) && (s->dwt_ctrl & DWT_CTRL_EXCEVTENA))
        s->dwt_cnt8[1] = (uint8_t)(s->dwt_cnt8[1] + cycles);
}

bool armv7m_dwt_counting(const struct cpu *cpu)
{
    return (cpu->sys.demcr & DEMCR_TRCENA) && (cpu->sys.dwt_ctrl & DWT_CTRL_CYCCNTENA);
}

static uint32_t cyccnt(const struct cpu *cpu)
{
    const struct armv7m *s = &cpu->sys;
    if (!armv7m_dwt_counting(cpu))
        return s->dwt_cyccnt_base;
    return s->dwt_cyccnt_base + (uint32_t)(cpu->cycles - s->dwt_cyc_anchor);
}

void armv7m_dwt_sync(struct cpu *cpu, bool was_counting)
{
    struct armv7m *s = &cpu->sys;
    if (was_counting) {
        /* Freeze the value reached so far at the old condition. */
        s->dwt_cyccnt_base += (uint32_t)(cpu->cycles - s->dwt_cyc_anchor);
    }
    s->dwt_cyc_anchor = cpu->cycles;
}

static void update_watch_active(struct armv7m *s)
{
    s->watch_active = false;
    for (unsigned i = 0; i < ARMV7M_DWT_COMP; i++) {
        unsigned f = s->dwt_function[i] & 0xf;
        if (f >= 5 && f <= 7 && !(s->dwt_function[i] & (1u << 8)))
            s->watch_active = true;
    }
}

bool armv7m_dwt_read(struct cpu *cpu, uint32_t off, uint32_t *v)
{
    struct armv7m *s = &cpu->sys;
    if (off >= 0xfd0)
        return armv7m_component_id(ARMV7M_ID_DWT, off, v);
    switch (off) {
    case 0x000: *v = 0x40000000u | (s->dwt_ctrl & 0x007fffffu); return true;
    case 0x004: *v = cyccnt(cpu); return true;
    case 0x008: case 0x00c: case 0x010: case 0x014: case 0x018:
        *v = s->dwt_cnt8[(off - 8) / 4];
        return true;
    case 0x01c: *v = cpu->halted ? 0xffffffffu : cpu->r[15]; return true; /* PCSR */
    case 0xfbc: *v = 0; return true; /* DEVARCH: none on ARMv7-M */
    default:
        break;
    }
    if (off >= 0x20 && off < 0x20 + 16 * ARMV7M_DWT_COMP) {
        unsigned i = (off - 0x20) / 16;
        switch (off & 0xf) {
        case 0x0: *v = s->dwt_comp[i]; return true;
        case 0x4: *v = s->dwt_mask[i]; return true;
        case 0x8:
            *v = s->dwt_function[i];
            s->dwt_function[i] &= ~DWT_FUNC_MATCHED; /* MATCHED clears on read */
            return true;
        default: *v = 0; return true;
        }
    }
    if (off < 0x1000) {
        *v = 0;
        return true;
    }
    return false;
}

bool armv7m_dwt_write(struct cpu *cpu, uint32_t off, uint32_t v, uint32_t mask)
{
    struct armv7m *s = &cpu->sys;
    switch (off) {
    case 0x000: {
        bool was = armv7m_dwt_counting(cpu);
        s->dwt_ctrl = ((s->dwt_ctrl & ~mask) | (v & mask)) & 0x007fffffu;
        armv7m_dwt_sync(cpu, was);
        return true;
    }
    case 0x004:
        s->dwt_cyccnt_base = (cyccnt(cpu) & ~mask) | (v & mask);
        s->dwt_cyc_anchor = cpu->cycles;
        return true;
    case 0x008: case 0x00c: case 0x010: case 0x014: case 0x018:
        s->dwt_cnt8[(off - 8) / 4] = (uint8_t)(v & mask);
        return true;
    default:
        break;
    }
    if (off >= 0x20 && off < 0x20 + 16 * ARMV7M_DWT_COMP) {
        unsigned i = (off - 0x20) / 16;
        switch (off & 0xf) {
        case 0x0: s->dwt_comp[i] = (s->dwt_comp[i] & ~mask) | (v & mask); break;
        case 0x4: s->dwt_mask[i] = ((s->dwt_mask[i] & ~mask) | (v & mask)) & 0x1f; break;
        case 0x8:
            s->dwt_function[i] = (((s->dwt_function[i] & ~mask) | (v & mask)) & 0x000ffdafu) |
                                 (s->dwt_function[i] & DWT_FUNC_MATCHED);
            break;
        default: break;
        }
        update_watch_active(s);
        return true;
    }
    return off < 0x1000;
}

static bool comp_hits(const struct armv7m *s, unsigned i, uint32_t addr, unsigned size, bool write)
{
    unsigned f = s->dwt_function[i] & 0xf;
    if (f < 5 || f > 7 || (s->dwt_function[i] & (1u << 8)))
        return false;
    if ((f == 5 && write) || (f == 6 && !write))
        return false;
    unsigned m = s->dwt_mask[i] & 0x1f;
    uint64_t len = 1ull << m;
    uint64_t base = s->dwt_comp[i] & ~(uint32_t)(len - 1);
    uint64_t a = addr;
    return a < base + len && a + size > base;
}

bool armv7m_dwt_match(const struct cpu *cpu, uint32_t addr, unsigned size, bool write)
{
    const struct armv7m *s = &cpu->sys;
    if (!s->watch_active)
        return false;
    for (unsigned i = 0; i < ARMV7M_DWT_COMP; i++)
        if (comp_hits(s, i, addr, size, write))
            return true;
    return false;
}

void armv7m_dwt_hit(struct cpu *cpu, uint32_t addr, unsigned size, bool write)
{
    struct armv7m *s = &cpu->sys;
    bool any = false;
    for (unsigned i = 0; i < ARMV7M_DWT_COMP; i++) {
        if (comp_hits(s, i, addr, size, write)) {
            s->dwt_function[i] |= DWT_FUNC_MATCHED;
            any = true;
        }
    }
    if (any)
        armv7m_debug_event(cpu, CPU_HALT_WATCH);
}
