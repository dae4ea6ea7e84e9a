/* Instrumentation Trace Macrocell (ARMv7-M ARM C1.7) and the Cortex-M4
 * TPIU (TRM 9).  Stimulus port writes reach the host console when the port
 * is enabled (TCR.ITMENA, TER bit, DEMCR.TRCENA): the SWO output a probe
 * would show.  Only port 0 goes to the console, as `printf` over ITM uses it. */
#include "armv7m/armv7m_internal.h"

#define ITM_TCR_ITMENA 1u

bool armv7m_itm_read(struct cpu *cpu, uint32_t off, uint32_t *v)
{
    struct armv7m *s = &cpu->sys;
    if (off >= 0xfd0)
        return armv7m_component_id(ARMV7M_ID_ITM, off, v);
    if (off < 0x80) {
        *v = 1; /* FIFOREADY: the port never stalls */
        return true;
    }
    switch (off) {
    case 0xe00: *v = s->itm_ter; return true;
    case 0xe40: *v = s->itm_tpr; return true;
    case 0xe80: *v = s->itm_tcr; return true;
    case 0xfb4: *v = 0x3; return true; /* LSR: lock present, unlocked */
    default: *v = 0; return off < 0x1000;
    }
}

bool armv7m_itm_write(struct cpu *cpu, uint32_t off, uint32_t v, uint32_t mask)
{
    struct armv7m *s = &cpu->sys;
    if (off < 0x80) {
        unsigned port = off / 4;
        if ((s->demcr & DEMCR_TRCENA) && (s->itm_tcr & ITM_TCR_ITMENA) &&
            (s->itm_ter & (1u << port)) && port == 0 && cpu->host.console_write) {
            uint8_t buf[4];
            unsigned n = 0;
            for (unsigned b = 0; b < 4; b++)
                if (mask >> (8 * b) & 0xff)
                    buf[n++] = (uint8_t)(v >> (8 * b));
            cpu->host.console_write(cpu->host.ctx, buf, n);
        }
        return true;
    }
    switch (off) {
    case 0xe00: s->itm_ter = (s->itm_ter & ~mask) | (v & mask); return true;
    case 0xe40: s->itm_tpr = ((s->itm_tpr & ~mask) | (v & mask)) & 0xf; return true;
    case 0xe80: s->itm_tcr = ((s->itm_tcr & ~mask) | (v & mask)) & 0x00ff3f1fu; return true;
    default: return off < 0x1000;
    }
}

/* TPIU (0xE0040000): registers OpenOCD's `tpiu` commands touch. */
static bool tpiu_read(void *ctx, uint32_t off, unsigned size, uint32_t *value)
{
    struct cpu *cpu = ctx;
    struct armv7m *s = &cpu->sys;
    uint32_t a = off & ~3u, v;
    if (a >= 0xfd0) {
        if (!armv7m_component_id(ARMV7M_ID_TPIU, a, &v))
            return false;
    } else {
        switch (a) {
        case 0x000: v = 0xf; break;          /* SSPSR: port sizes 1..4 */
        case 0x004: v = s->tpiu_cspsr; break;
        case 0x010: v = s->tpiu_acpr; break;
        case 0x0f0: v = s->tpiu_sppr; break;
        case 0x300: v = 0x8; break;          /* FFSR: FtNonStop */
        case 0x304: v = s->tpiu_ffcr; break;
        case 0xfa0: case 0xfa4: v = 0xf; break;
        case 0xfc8: v = 0xca0; break;        /* DEVID: SWO NRZ + Manchester, async */
        case 0xfcc: v = 0x11; break;         /* DEVTYPE: trace sink, port */
        default: v = 0; break;
        }
    }
    *value = (v >> (8 * (off & 3))) & (size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1);
    return true;
}

static bool tpiu_write(void *ctx, uint32_t off, unsigned size, uint32_t value)
{
    struct cpu *cpu = ctx;
    struct armv7m *s = &cpu->sys;
    if (size != 4)
        return true;
    switch (off) {
    case 0x004: s->tpiu_cspsr = value & 0xf; break;
    case 0x010: s->tpiu_acpr = value & 0x1fff; break;
    case 0x0f0: s->tpiu_sppr = value & 3; break;
    case 0x304: s->tpiu_ffcr = value & 0x3173; break;
    default: break;
    }
    return true;
}

void armv7m_tpiu_init(struct cpu *cpu)
{
    struct armv7m *s = &cpu->sys;
    s->tpiu_dev = (struct bus_device){"TPIU", cpu, tpiu_read, tpiu_write};
    s->tpiu_cspsr = 1;
    s->tpiu_acpr = 0;
    s->tpiu_sppr = 1;
    s->tpiu_ffcr = 0x102;
}
