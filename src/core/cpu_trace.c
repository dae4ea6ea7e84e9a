/* `--trace`: one line per executed instruction, with capstone's
 * disassembly (Thumb, M-class). */
#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/cpu_cache.h"

static bool trace_open(struct cpu_cache *c)
{
    if (c->cs_open)
        return c->cs != NULL;
    c->cs_open = true;
    csh *h = malloc(sizeof *h);
    if (!h)
        return false;
    if (cs_open(CS_ARCH_ARM, (cs_mode)(CS_MODE_THUMB | CS_MODE_MCLASS), h) != CS_ERR_OK) {
        free(h);
        return false;
    }
    c->cs = h;
    return true;
}

void cpu_trace_close(struct cpu_cache *c)
{
    if (c->cs) {
        cs_close((csh *)c->cs);
        free(c->cs);
        c->cs = NULL;
    }
}

void cpu_trace_insn(struct cpu *cpu, const struct cpu_insn *in)
{
    FILE *out = cpu->cfg.trace_out ? (FILE *)cpu->cfg.trace_out : stderr;
    uint8_t bytes[4];
    uint32_t hw1 = in->len == 4 ? in->raw >> 16 : in->raw;
    bytes[0] = (uint8_t)hw1;
    bytes[1] = (uint8_t)(hw1 >> 8);
    bytes[2] = (uint8_t)in->raw;
    bytes[3] = (uint8_t)(in->raw >> 8);
    char enc[16];
    if (in->len == 4)
        snprintf(enc, sizeof enc, "%04x %04x", (unsigned)hw1, (unsigned)(in->raw & 0xffff));
    else
        snprintf(enc, sizeof enc, "%04x     ", (unsigned)hw1);
    const char *mn = "(unknown)", *ops = "";
    cs_insn *insn = NULL;
    size_t n = 0;
    if (trace_open(cpu->cache)) {
        n = cs_disasm(*(csh *)cpu->cache->cs, bytes, in->len, in->pc, 1, &insn);
        if (n) {
            mn = insn[0].mnemonic;
            ops = insn[0].op_str;
        }
    }
    fprintf(out, "%10llu %08x: %s  %-8s %s\n", (unsigned long long)cpu->cycles, (unsigned)in->pc,
            enc, mn, ops);
    if (n)
        cs_free(insn, n);
}
