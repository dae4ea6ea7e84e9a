/* Bare f3kit core for the FP/DSP executor tests (see fp_machine.h). */
#include "fp_machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool fpm_open(struct fpm *m)
{
    m->bus = calloc(1, sizeof *m->bus);
    m->cpu = calloc(1, sizeof *m->cpu);
    m->ram = calloc(1, FPUC_RAM_SIZE);
    if (!m->bus || !m->cpu || !m->ram)
        return false;
    bus_init(m->bus);
    if (bus_map_memory(m->bus, FPUC_RAM_BASE, FPUC_RAM_SIZE, m->ram, true, NULL) != 0)
        return false;
    m->cpu->bus = m->bus;
    m->cpu->thumb = true;
    m->cpu->sys.cpacr = 0xfu << 20; /* CP10, CP11: full access */
    return true;
}

void fpm_close(struct fpm *m)
{
    if (m->bus)
        bus_free(m->bus);
    free(m->bus);
    free(m->cpu);
    free(m->ram);
}

bool fpm_decode(bool (*decode)(uint32_t, uint32_t, struct cpu_insn *), uint16_t hw1,
                uint16_t hw2, struct cpu_insn *insn)
{
    memset(insn, 0, sizeof *insn);
    insn->pc = FPUC_INSN_PC;
    insn->len = 4;
    insn->raw = (uint32_t)hw1 << 16 | hw2;
    insn->cond = CPU_COND_AL;
    return decode(hw1, hw2, insn);
}

int fpm_exec(struct fpm *m, const struct cpu_insn *insn, struct fpuc_state *st, uint8_t *ram)
{
    struct cpu *c = m->cpu;
    for (int i = 0; i < 12; i++)
        c->r[i] = st->r[i];
    c->r[12] = st->fpscr;
    c->r[13] = st->sp;
    c->r[14] = st->lr;
    c->r[15] = insn->pc + 4;
    memcpy(c->s, st->s, sizeof c->s);
    c->fpscr = st->fpscr;
    cpu_set_xpsr(c, st->apsr | 1u << 24);
    memcpy(m->ram, ram, FPUC_RAM_SIZE);
    int rc = insn->fn(c, insn);
    for (int i = 0; i < 13; i++)
        st->r[i] = c->r[i];
    st->sp = c->r[13];
    st->lr = c->r[14];
    memcpy(st->s, c->s, sizeof c->s);
    st->fpscr = c->fpscr;
    st->apsr = cpu_xpsr(c) & 0xf80f0000u;
    memcpy(ram, m->ram, FPUC_RAM_SIZE);
    return rc;
}

bool fpm_same(const char *what, uint16_t hw1, uint16_t hw2, const struct fpuc_state *in,
              const struct fpuc_state *want, const struct fpuc_state *got,
              const uint8_t *want_ram, const uint8_t *got_ram)
{
    bool same = true;
    char buf[64];
    for (int i = 0; i < 13; i++)
        if (want->r[i] != got->r[i]) {
            snprintf(buf, sizeof buf, "r%d", i);
            fprintf(stderr, "%s %04x %04x: %s in %08x: unicorn %08x, f3kit %08x\n", what, hw1,
                    hw2, buf, i == 12 ? in->fpscr : in->r[i], want->r[i], got->r[i]);
            same = false;
        }
    if (want->sp != got->sp || want->lr != got->lr) {
        fprintf(stderr, "%s %04x %04x: sp lr: unicorn %08x %08x, f3kit %08x %08x\n", what, hw1,
                hw2, want->sp, want->lr, got->sp, got->lr);
        same = false;
    }
    for (int i = 0; i < 32; i++)
        if (want->s[i] != got->s[i]) {
            fprintf(stderr, "%s %04x %04x: s%d in %08x: unicorn %08x, f3kit %08x\n", what, hw1,
                    hw2, i, in->s[i], want->s[i], got->s[i]);
            same = false;
        }
    if (want->fpscr != got->fpscr || want->apsr != got->apsr) {
        fprintf(stderr, "%s %04x %04x: fpscr %08x apsr %08x: unicorn %08x %08x, f3kit %08x %08x\n",
                what, hw1, hw2, in->fpscr, in->apsr, want->fpscr, want->apsr, got->fpscr,
                got->apsr);
        same = false;
    }
    if (memcmp(want_ram, got_ram, FPUC_RAM_SIZE) != 0) {
        for (unsigned i = 0; i < FPUC_RAM_SIZE; i++)
            if (want_ram[i] != got_ram[i]) {
                fprintf(stderr, "%s %04x %04x: RAM differs first at %08x\n", what, hw1, hw2,
                        FPUC_RAM_BASE + i);
                break;
            }
        same = false;
    }
    return same;
}

int fpm_fixture_open(struct fpm_fixture *f, uint64_t seed)
{
    f->uc = fpuc_open();
    f->rng.s = seed;
    return f->uc && fpm_open(&f->m) ? 0 : -1;
}

void fpm_fixture_close(struct fpm_fixture *f)
{
    fpuc_close(f->uc);
    fpm_close(&f->m);
}
