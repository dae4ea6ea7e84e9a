/* Register layout and XML documents of the GDB server. */
#include "debug/gdb/gdb_regs.h"

#include <stdio.h>
#include <string.h>

/* regnum 19..22: bytes of the packed REGSEL 20 special register
 * (PRIMASK[7:0] BASEPRI[15:8] FAULTMASK[23:16] CONTROL[31:24]). */
static const char *const sysnames[] = {"msp", "psp", "primask", "basepri", "faultmask",
                                       "control"};

unsigned gdb_reg_size(unsigned n)
{
    if (n < 23 || n == 39)
        return 4;
    if (n < 39)
        return 8;
    return 0;
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

bool gdb_reg_read(const struct dbg_target *t, unsigned n, uint8_t *buf)
{
    const struct dbg_target_ops *o = t->ops;
    uint32_t v = 0, w = 0;
    bool ok;
    if (n <= 18) {
        ok = o->reg_read(t->ctx, n, &v);
    } else if (n <= 22) {
        ok = o->reg_read(t->ctx, DBG_REG_SPECIAL, &v);
        v = (v >> (8 * (n - 19))) & 0xFF;
    } else if (n < 39) {
        unsigned s = DBG_REG_S0 + 2 * (n - 23);
        ok = o->reg_read(t->ctx, s, &v) && o->reg_read(t->ctx, s + 1, &w);
        put32(buf + 4, w);
    } else if (n == 39) {
        ok = o->reg_read(t->ctx, DBG_REG_FPSCR, &v);
    } else {
        return false;
    }
    put32(buf, v);
    return ok;
}

bool gdb_reg_write(const struct dbg_target *t, unsigned n, const uint8_t *buf)
{
    const struct dbg_target_ops *o = t->ops;
    uint32_t v = get32(buf);
    if (n <= 18)
        return o->reg_write(t->ctx, n, v);
    if (n <= 22) {
        uint32_t sp;
        if (!o->reg_read(t->ctx, DBG_REG_SPECIAL, &sp))
            return false;
        unsigned sh = 8 * (n - 19);
        sp = (sp & ~(0xFFu << sh)) | (v & 0xFF) << sh;
        return o->reg_write(t->ctx, DBG_REG_SPECIAL, sp);
    }
    if (n < 39) {
        unsigned s = DBG_REG_S0 + 2 * (n - 23);
        return o->reg_write(t->ctx, s, v) && o->reg_write(t->ctx, s + 1, get32(buf + 4));
    }
    if (n == 39)
        return o->reg_write(t->ctx, DBG_REG_FPSCR, v);
    return false;
}

static size_t reg_line(char *p, size_t cap, const char *name, unsigned bits, const char *type,
                       const char *group, unsigned regnum)
{
    int n = snprintf(p, cap,
                     "<reg name=\"%s\" bitsize=\"%u\" type=\"%s\" group=\"%s\" regnum=\"%u\"/>\n",
                     name, bits, type, group, regnum);
    return n < 0 || (size_t)n >= cap ? 0 : (size_t)n;
}

void gdb_build_target_xml(char *x, size_t cap)
{
    size_t o = 0;
    o += (size_t)snprintf(x + o, cap - o,
                          "<?xml version=\"1.0\"?>\n"
                          "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
                          "<target version=\"1.0\">\n"
                          "<architecture>arm</architecture>\n"
                          "<feature name=\"org.gnu.gdb.arm.m-profile\">\n");
    char name[8];
    for (unsigned i = 0; i < 13; i++) {
        snprintf(name, sizeof name, "r%u", i);
        o += reg_line(x + o, cap - o, name, 32, "uint32", "general", i);
    }
    o += reg_line(x + o, cap - o, "sp", 32, "data_ptr", "general", 13);
    o += reg_line(x + o, cap - o, "lr", 32, "uint32", "general", 14);
    o += reg_line(x + o, cap - o, "pc", 32, "code_ptr", "general", 15);
    o += reg_line(x + o, cap - o, "xpsr", 32, "uint32", "general", 16);
    o += (size_t)snprintf(x + o, cap - o,
                          "</feature>\n<feature name=\"org.gnu.gdb.arm.m-system\">\n");
    for (unsigned i = 0; i < 6; i++)
        o += reg_line(x + o, cap - o, sysnames[i], 32, i < 2 ? "data_ptr" : "uint32", "system",
                      17 + i);
    o += (size_t)snprintf(x + o, cap - o, "</feature>\n<feature name=\"org.gnu.gdb.arm.vfp\">\n");
    for (unsigned i = 0; i < 16; i++) {
        snprintf(name, sizeof name, "d%u", i);
        o += reg_line(x + o, cap - o, name, 64, "ieee_double", "float", 23 + i);
    }
    o += reg_line(x + o, cap - o, "fpscr", 32, "uint32", "float", 39);
    snprintf(x + o, cap - o, "</feature>\n</target>\n");
}

void gdb_build_memory_map_xml(char *x, size_t cap)
{
    snprintf(x, cap,
                 "<?xml version=\"1.0\"?>\n"
                 "<!DOCTYPE memory-map PUBLIC \"+//IDN gnu.org//DTD GDB Memory Map V1.0//EN\" "
                 "\"http://sourceware.org/gdb/gdb-memory-map.dtd\">\n"
                 "<memory-map>\n"
                 "<memory type=\"flash\" start=\"0x%x\" length=\"0x%x\">"
                 "<property name=\"blocksize\">0x%x</property></memory>\n"
                 "<memory type=\"ram\" start=\"0x%x\" length=\"0x%x\"/>\n"
                 "<memory type=\"rom\" start=\"0x1fffd800\" length=\"0x2000\"/>\n"
                 "<memory type=\"ram\" start=\"0x%x\" length=\"0x%x\"/>\n"
                 "<memory type=\"ram\" start=\"0x40000000\" length=\"0x20000000\"/>\n"
                 "<memory type=\"ram\" start=\"0xe0000000\" length=\"0x20000000\"/>\n"
                 "</memory-map>\n",
                 DBG_FLASH_BASE, DBG_FLASH_SIZE, DBG_FLASH_PAGE, DBG_CCM_BASE, DBG_CCM_SIZE,
                 DBG_SRAM_BASE, DBG_SRAM_SIZE);
}
