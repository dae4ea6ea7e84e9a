/* cpu_decode_dsp and the DSP executors against Unicorn: random encodings in
 * each group the integer decoder hands over (data-processing register,
 * multiply, long multiply, PKHBT/PKHTB, SSAT16/USAT16).  Every accepted
 * encoding must give Unicorn's registers and APSR (Q, GE included); an
 * encoding Unicorn treats as UNDEFINED must not be accepted; each executor
 * must have been reached. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/dsp_exec.h"
#include "fp_machine.h"

#define CASES 20000

static int setup(void **state)
{
    static struct fpm_fixture f;
    *state = &f;
    return fpm_fixture_open(&f, 0xfedcba9876543210ull);
}

static int teardown(void **state)
{
    fpm_fixture_close(*state);
    return 0;
}

static unsigned rnd(struct fpm_fixture *f, unsigned n) { return fpuc_rand(&f->rng) % n; }

/* Mostly r0-r11; sometimes SP/PC/r12 to exercise the UNPREDICTABLE checks
 * (r12 holds the FPSCR value on both sides, see fp_machine.h). */
static unsigned reg(struct fpm_fixture *f)
{
    return rnd(f, 16) == 0 ? 12 + rnd(f, 4) : rnd(f, 12);
}

static void gen(struct fpm_fixture *f, uint16_t *hw1, uint16_t *hw2)
{
    uint32_t r = fpuc_rand(&f->rng);
    unsigned n = reg(f), d = reg(f), m = reg(f), a = rnd(f, 3) ? reg(f) : 15;
    switch (rnd(f, 6)) {
    case 0: case 1: /* data processing (register) */
        *hw1 = (uint16_t)(0xfa00 | (r & 0xf0) | (rnd(f, 4) ? n : 15));
        *hw2 = (uint16_t)((rnd(f, 16) ? 0xf000 : r & 0xf000) | d << 8 | (r >> 8 & 0xf0) | m);
        break;
    case 2: /* multiply */
        *hw1 = (uint16_t)(0xfb00 | (r & 0x70) | n);
        *hw2 = (uint16_t)(a << 12 | d << 8 | (rnd(f, 8) ? r >> 8 & 0x30 : r >> 8 & 0xf0) | m);
        break;
    case 3: /* long multiply */
        *hw1 = (uint16_t)(0xfb80 | (r & 0x70) | n);
        *hw2 = (uint16_t)(a << 12 | d << 8 | (r >> 8 & 0xf0) | m);
        break;
    case 4: /* PKHBT / PKHTB (T and bit 15 sometimes set) */
        *hw1 = (uint16_t)(0xeac0 | (rnd(f, 16) ? 0 : 0x10) | n);
        *hw2 = (uint16_t)((r & 0x70c0) | d << 8 | (r >> 16 & 0x20) | m |
                          (rnd(f, 16) ? 0 : r >> 16 & 0x8010));
        break;
    default: /* SSAT16 / USAT16 */
        *hw1 = (uint16_t)(0xf320 | (r & 0x80) | n | (rnd(f, 16) ? 0 : 0x0400));
        *hw2 = (uint16_t)(d << 8 | (r >> 8 & 0xf) | (rnd(f, 16) ? 0 : r >> 16 & 0x70f0));
        break;
    }
}

static const struct {
    cpu_exec_fn fn;
    const char *name;
} executors[] = {
    {NULL, "parallel"}, {dsp_x_qaddsub, "qaddsub"}, {dsp_x_sel, "sel"},
    {dsp_x_sat16, "sat16"}, {dsp_x_pkh, "pkh"}, {dsp_x_xtab16, "xtab16"},
    {dsp_x_mul32, "mul32"}, {dsp_x_mul64, "mul64"},
};
#define NEXEC (sizeof executors / sizeof executors[0])

static void test_random_encodings(void **state)
{
    struct fpm_fixture *f = *state;
    static uint8_t ram0[FPUC_RAM_SIZE], ram_ref[FPUC_RAM_SIZE], ram_got[FPUC_RAM_SIZE];
    unsigned hits[NEXEC] = {0}, mismatches = 0, wrongly_accepted = 0, refused = 0, accepted = 0;
    for (unsigned i = 0; i < CASES; i++) {
        uint16_t hw1, hw2;
        gen(f, &hw1, &hw2);
        struct fpuc_state in = {0};
        for (int k = 0; k < 13; k++)
            in.r[k] = fpuc_rand_word(&f->rng);
        in.sp = FPUC_RAM_BASE + 0x800;
        in.lr = fpuc_rand_word(&f->rng);
        in.apsr = fpuc_rand(&f->rng) & 0xf80f0000u;
        struct cpu_insn insn;
        bool ours = fpm_decode(cpu_decode_dsp, hw1, hw2, &insn);
        struct fpuc_state want = in;
        fpuc_ram_write(f->uc, ram0);
        bool theirs = fpuc_exec(f->uc, hw1, hw2, &want);
        if (!ours) {
            refused += theirs; /* the core's encodings, or UNPREDICTABLE ones */
            continue;
        }
        accepted++;
        if (!theirs) {
            if (++wrongly_accepted <= 10)
                fprintf(stderr, "%04x %04x: accepted, but UNDEFINED for Unicorn\n", hw1, hw2);
            continue;
        }
        fpuc_ram_read(f->uc, ram_ref);
        for (unsigned k = 0; k < NEXEC; k++)
            if (executors[k].fn == insn.fn ||
                (k == 0 && insn.fn == dsp_parallel_fn(insn.op >> 3, insn.op & 7)))
                hits[k]++;
        struct fpuc_state got = in;
        memcpy(ram_got, ram0, sizeof ram_got);
        int rc = fpm_exec(&f->m, &insn, &got, ram_got);
        if (rc != CPU_EXEC_NEXT ||
            !fpm_same("dsp", hw1, hw2, &in, &want, &got, ram_ref, ram_got)) {
            if (++mismatches > 10)
                break;
        }
    }
    fprintf(stderr, "dsp_exec: %u accepted, %u refused that Unicorn runs\n", accepted, refused);
    for (unsigned k = 0; k < NEXEC; k++) {
        if (hits[k] == 0)
            fprintf(stderr, "executor %s never reached\n", executors[k].name);
        assert_true(hits[k] > 0);
    }
    assert_int_equal(wrongly_accepted, 0);
    assert_int_equal(mismatches, 0);
}

/* Encodings that belong to the integer decoder (insn.h) or are UNDEFINED
 * must be refused even though they sit in the DSP groups. */
static void test_refuses_core_encodings(void **state)
{
    (void)state;
    static const uint16_t enc[][2] = {
        {0xfa01, 0xf002}, /* LSL.W r0, r1, r2 */
        {0xfa0f, 0xf081}, /* SXTH r0, r1 */
        {0xfa01, 0xf082}, /* SXTAH r0, r1, r2 */
        {0xfa51, 0xf082}, /* UXTAB r0, r1, r2 */
        {0xfa91, 0xf0a1}, /* RBIT r0, r1 */
        {0xfab1, 0xf080}, /* CLZ r0, r1 */
        {0xfb01, 0x3002}, /* MLA r0, r1, r2, r3 */
        {0xfb01, 0xf002}, /* MUL r0, r1, r2 */
        {0xfb81, 0x0102}, /* SMULL r0, r1, r1, r2 */
        {0xfbe1, 0x0162}, /* UMAAL */
        {0xfb91, 0xf0f2}, /* SDIV */
        {0xfa81, 0x7002}, /* SADD8 with hw2[15:12] != 1111 */
        {0xfab1, 0xf002}, /* parallel op1 = 011: UNDEFINED */
        {0xfa91, 0xf032}, /* prefix 11: UNDEFINED */
        {0xeac1, 0x0012}, /* PKHBT with T = 1 */
        {0xead1, 0x0002}, /* PKHBT with S = 1 */
        {0xf321, 0x1000}, /* SSAT16 with imm3 != 0 (that is SSAT) */
        {0xfb61, 0xf002}, /* SMMLS with Ra = PC */
        {0xfb21, 0x3022}, /* SMLAD with op2<1> set */
        {0xfbc1, 0x00c2}, /* SMLALD with RdLo == RdHi */
    };
    for (unsigned i = 0; i < sizeof enc / sizeof enc[0]; i++) {
        struct cpu_insn insn;
        if (fpm_decode(cpu_decode_dsp, enc[i][0], enc[i][1], &insn))
            fprintf(stderr, "%04x %04x accepted\n", enc[i][0], enc[i][1]);
        assert_false(fpm_decode(cpu_decode_dsp, enc[i][0], enc[i][1], &insn));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_encodings),
        cmocka_unit_test(test_refuses_core_encodings),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
