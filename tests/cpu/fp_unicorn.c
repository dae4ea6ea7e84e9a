/* Unicorn reference machine for the FP/DSP tests (see fp_unicorn.h). */
#include "fp_unicorn.h"

#include <stdio.h>
#include <stdlib.h>
#include <unicorn/unicorn.h>

#define FPUC_CODE (FPUC_INSN_PC - 8)

struct fpuc {
    uc_engine *uc;
    uint32_t last_insn;
    bool loaded;
};

struct fpuc *fpuc_open(void)
{
    struct fpuc *u = calloc(1, sizeof *u);
    if (!u)
        return NULL;
    uc_err e = uc_open(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS, &u->uc);
    if (e == UC_ERR_OK)
        e = uc_ctl_set_cpu_model(u->uc, UC_CPU_ARM_CORTEX_M4);
    if (e == UC_ERR_OK)
        e = uc_mem_map(u->uc, FPUC_CODE, 0x1000, UC_PROT_ALL);
    if (e == UC_ERR_OK)
        e = uc_mem_map(u->uc, FPUC_RAM_BASE, FPUC_RAM_SIZE, UC_PROT_READ | UC_PROT_WRITE);
    if (e != UC_ERR_OK) {
        fprintf(stderr, "fpuc: cannot start Unicorn as a Cortex-M4: %s\n", uc_strerror(e));
        if (u->uc)
            uc_close(u->uc);
        free(u);
        return NULL;
    }
    return u;
}

void fpuc_close(struct fpuc *u)
{
    if (!u)
        return;
    uc_close(u->uc);
    free(u);
}

static void put16(uint8_t *p, uint16_t hw)
{
    p[0] = (uint8_t)hw;
    p[1] = (uint8_t)(hw >> 8);
}

bool fpuc_exec(struct fpuc *u, uint16_t hw1, uint16_t hw2, struct fpuc_state *st)
{
    uint32_t insn = (uint32_t)hw1 << 16 | hw2;
    if (!u->loaded || u->last_insn != insn) {
        /* msr APSR_nzcvqg, r12 ; mov r12, <fpscr> via second register write;
         * vmsr fpscr, r12 ; <insn> */
        uint8_t code[12];
        put16(code + 0, 0xf38c);
        put16(code + 2, 0x8c00);
        put16(code + 4, 0xeee1);
        put16(code + 6, 0xca10);
        put16(code + 8, hw1);
        put16(code + 10, hw2);
        if (uc_mem_write(u->uc, FPUC_CODE, code, sizeof code) != UC_ERR_OK)
            return false;
        /* Unicorn keeps translated blocks: a rewritten instruction must not
         * run stale code. */
        uc_ctl_remove_cache(u->uc, FPUC_CODE, FPUC_CODE + sizeof code);
        u->last_insn = insn;
        u->loaded = true;
    }
    for (int i = 0; i < 13; i++) {
        uint32_t v = i == 12 ? st->apsr : st->r[i];
        uc_reg_write(u->uc, UC_ARM_REG_R0 + i, &v);
    }
    for (int i = 0; i < 32; i++)
        uc_reg_write(u->uc, UC_ARM_REG_S0 + i, &st->s[i]);
    uc_reg_write(u->uc, UC_ARM_REG_SP, &st->sp);
    uc_reg_write(u->uc, UC_ARM_REG_LR, &st->lr);
    /* Run the MSR alone, then load r12 with FPSCR and run VMSR + insn. */
    if (uc_emu_start(u->uc, FPUC_CODE | 1, FPUC_CODE + 4, 0, 1) != UC_ERR_OK)
        return false;
    uc_reg_write(u->uc, UC_ARM_REG_R12, &st->fpscr);
    if (uc_emu_start(u->uc, (FPUC_CODE + 4) | 1, FPUC_CODE + 12, 0, 2) != UC_ERR_OK)
        return false;
    uint32_t pc = 0;
    uc_reg_read(u->uc, UC_ARM_REG_PC, &pc);
    if ((pc & ~1u) != FPUC_CODE + 12)
        return false;
    for (int i = 0; i < 13; i++)
        uc_reg_read(u->uc, UC_ARM_REG_R0 + i, &st->r[i]);
    uc_reg_read(u->uc, UC_ARM_REG_SP, &st->sp);
    uc_reg_read(u->uc, UC_ARM_REG_LR, &st->lr);
    for (int i = 0; i < 32; i++)
        uc_reg_read(u->uc, UC_ARM_REG_S0 + i, &st->s[i]);
    uc_reg_read(u->uc, UC_ARM_REG_FPSCR, &st->fpscr);
    uint32_t xpsr = 0;
    uc_reg_read(u->uc, UC_ARM_REG_XPSR, &xpsr);
    st->apsr = xpsr & 0xf80f0000u;
    return true;
}

void fpuc_ram_write(struct fpuc *u, const uint8_t *src)
{
    uc_mem_write(u->uc, FPUC_RAM_BASE, src, FPUC_RAM_SIZE);
}

void fpuc_ram_read(struct fpuc *u, uint8_t *dst)
{
    uc_mem_read(u->uc, FPUC_RAM_BASE, dst, FPUC_RAM_SIZE);
}

uint32_t fpuc_rand(struct fpuc_rng *g)
{
    g->s ^= g->s >> 12;
    g->s ^= g->s << 25;
    g->s ^= g->s >> 27;
    return (uint32_t)((g->s * 0x2545f4914f6cdd1dull) >> 32);
}

uint32_t fpuc_rand_float(struct fpuc_rng *g)
{
    uint32_t r = fpuc_rand(g), sign = fpuc_rand(g) & 0x80000000u;
    uint32_t frac = r & 0x7fffff;
    switch (fpuc_rand(g) % 16) {
    case 0: return sign;                                   /* zero */
    case 1: return sign | (frac ? frac : 1);               /* denormal */
    case 2: return sign | 0x7f800000u;                     /* infinity */
    case 3: return sign | 0x7fc00000u | (frac & 0x3fffff); /* quiet NaN */
    case 4: return sign | 0x7f800000u | ((frac & 0x3fffff) ? frac & 0x3fffff : 1); /* SNaN */
    case 5: return sign | (1u + r % 3) << 23 | frac;       /* smallest normals */
    case 6: return sign | (0xfc + r % 3) << 23 | frac;     /* near overflow */
    case 7: return sign | (0x7e + r % 3) << 23 | frac;     /* near 1 */
    case 8: return sign | (0x7f + r % 33) << 23 | (fpuc_rand(g) % 4 == 0 ? frac & ~0xfffu : frac); /* integers' range */
    case 9: return sign | (0x7f + r % 24) << 23 | (frac & (0x7fffffu << (r % 24)) & 0x7fffff); /* exact integers and halves */
    case 10: return sign | (0x60 + r % 16) << 23 | frac;   /* for tiny products */
    case 11: return sign | (0x10 + r % 8) << 23 | (fpuc_rand(g) & 1 ? frac : frac & 0x7f0000);
    default: return r;
    }
}

uint32_t fpuc_rand_word(struct fpuc_rng *g)
{
    static const uint16_t edges[] = {0, 1, 0x7fff, 0x8000, 0xffff, 0x7f, 0x80, 0xff, 0x8080,
                                     0x7f7f, 0xfffe, 0x0100};
    uint32_t r = fpuc_rand(g);
    switch (fpuc_rand(g) % 8) {
    case 0: return edges[r % 12] | (uint32_t)edges[(r >> 8) % 12] << 16;
    case 1: return r % 2 ? 0x7fffffffu : 0x80000000u;
    case 2: return (r & 0x80808080u) | (fpuc_rand(g) & 0x01010101u) * 0x7f;
    default: return r;
    }
}
