/* cpu_decode_fp and the FP executors against Unicorn: random encodings in
 * every class of the CP10/CP11 space (data processing, core transfers,
 * VMRS/VMSR, VLDR/VSTR/VLDM/VSTM/VPUSH/VPOP, 64-bit transfers).  For every
 * encoding the decoder accepts, registers, FPSCR, APSR and RAM must match
 * Unicorn after one instruction; an encoding Unicorn treats as UNDEFINED
 * must not be accepted.  Each executor must have been reached. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/fp_exec.h"
#include "core/fp_ops.h"
#include "fp_machine.h"

#define CASES 20000

static int setup(void **state)
{
    static struct fpm_fixture f;
    *state = &f;
    return fpm_fixture_open(&f, 0x0123456789abcdefull);
}

static int teardown(void **state)
{
    fpm_fixture_close(*state);
    return 0;
}

static unsigned rnd(struct fpm_fixture *f, unsigned n) { return fpuc_rand(&f->rng) % n; }

/* A core register a test may use freely: r0-r11 (r12 is the harness's). */
static unsigned core_reg(struct fpm_fixture *f) { return rnd(f, 12); }
/* ...and LR now and then for the transfers. */
static unsigned xfer_reg(struct fpm_fixture *f) { return rnd(f, 16) == 0 ? 14 : rnd(f, 12); }

/* One random encoding; *base is set to the base register of a load/store
 * (or 16 when there is none). */
static void gen(struct fpm_fixture *f, uint16_t *hw1, uint16_t *hw2, unsigned *base)
{
    uint32_t r = fpuc_rand(&f->rng), r2 = fpuc_rand(&f->rng);
    unsigned cp = rnd(f, 8) == 0 ? 0x0b00 : 0x0a00; /* CP11 now and then */
    *base = 16;
    switch (rnd(f, 8)) {
    case 0: case 1: /* data processing, any opc1 */
        *hw1 = (uint16_t)(0xee00 | (r & 0xff));
        *hw2 = (uint16_t)((r2 & 0xf0ef) | cp);
        break;
    case 2: case 3: /* the opc1 = 1x11 group, all opc2 */
        *hw1 = (uint16_t)(0xeeb0 | (r & 0x4f));
        *hw2 = (uint16_t)((r2 & 0xf0ef) | 0x0a00 | (rnd(f, 4) ? 0x40 : 0));
        break;
    case 4: { /* 8/16/32-bit transfers */
        static const uint16_t forms[] = {0xee00, 0xee10, 0xeee1, 0xeef1, 0xee00, 0xee20};
        unsigned k = rnd(f, 6);
        *hw1 = (uint16_t)(forms[k] | (k < 2 || k > 3 ? (r & 0xf) : 0) | (rnd(f, 16) ? 0 : r & 0xe0));
        *hw2 = (uint16_t)(xfer_reg(f) << 12 | (k >= 4 ? 0x0b10 : 0x0a10) | (r2 & 0x80) |
                          (rnd(f, 16) ? 0 : r2 & 0x6f));
        if (k == 3 && rnd(f, 4) == 0)
            *hw2 = (uint16_t)(0xfa10); /* VMRS APSR_nzcv, FPSCR */
        break;
    }
    case 5: case 6: { /* extension register load/store */
        unsigned pudwl = r & 0x1f, rn = rnd(f, 6) == 0 ? 13 : core_reg(f);
        unsigned imm8 = (pudwl & 0x12) == 0x10 ? r2 & 0xff : rnd(f, 34);
        *hw1 = (uint16_t)(0xec00 | pudwl << 4 | rn);
        *hw2 = (uint16_t)((r2 & 0xf000) | cp | imm8);
        *base = rn;
        break;
    }
    default: /* 64-bit transfers */
        *hw1 = (uint16_t)(0xec40 | (r & 0x10) | xfer_reg(f));
        *hw2 = (uint16_t)(xfer_reg(f) << 12 | cp | 0x10 | (r2 & 0x2f) | (rnd(f, 16) ? 0 : r2 & 0xc0));
        break;
    }
}

static void random_state(struct fpm_fixture *f, struct fpuc_state *st, uint8_t *ram, unsigned base)
{
    for (int i = 0; i < 13; i++)
        st->r[i] = fpuc_rand_word(&f->rng);
    st->sp = FPUC_RAM_BASE + 0x800 + 4 * rnd(f, 64) - 128;
    st->lr = fpuc_rand_word(&f->rng);
    if (base < 13)
        st->r[base] = FPUC_RAM_BASE + 0x800 + 4 * rnd(f, 64) - 128;
    for (int i = 0; i < 32; i++)
        st->s[i] = fpuc_rand_float(&f->rng);
    st->fpscr = fpuc_rand(&f->rng) & FPSCR_WRITABLE;
    st->apsr = fpuc_rand(&f->rng) & 0xf80f0000u;
    for (unsigned i = 0; i < FPUC_RAM_SIZE; i++)
        ram[i] = (uint8_t)fpuc_rand(&f->rng);
}

static const struct {
    cpu_exec_fn fn;
    const char *name;
} executors[] = {
    {NULL, "dp3"}, {fp_x_vmov_imm, "vmov_imm"}, {fp_x_vmov_reg, "vmov_reg"},
    {fp_x_vabs, "vabs"}, {fp_x_vneg, "vneg"}, {fp_x_vsqrt, "vsqrt"},
    {fp_x_cvt_half, "cvt_half"}, {fp_x_cmp, "cmp"}, {fp_x_cvt_int, "cvt_int"},
    {fp_x_cvt_fixed, "cvt_fixed"}, {fp_x_vldr, "vldr"}, {fp_x_vstr, "vstr"},
    {fp_x_vldm, "vldm"}, {fp_x_vstm, "vstm"}, {fp_x_vmov_to_core, "vmov_to_core"},
    {fp_x_vmov_from_core, "vmov_from_core"}, {fp_x_vmov2_to_core, "vmov2_to_core"},
    {fp_x_vmov2_from_core, "vmov2_from_core"}, {fp_x_vmrs, "vmrs"}, {fp_x_vmsr, "vmsr"},
};
#define NEXEC (sizeof executors / sizeof executors[0])

static void test_random_encodings(void **state)
{
    struct fpm_fixture *f = *state;
    static uint8_t ram0[FPUC_RAM_SIZE], ram_ref[FPUC_RAM_SIZE], ram_got[FPUC_RAM_SIZE];
    unsigned hits[NEXEC] = {0}, mismatches = 0, wrongly_accepted = 0, unpredictable = 0;
    unsigned accepted = 0;
    for (unsigned i = 0; i < CASES; i++) {
        uint16_t hw1, hw2;
        unsigned base;
        gen(f, &hw1, &hw2, &base);
        struct fpuc_state in = {0};
        random_state(f, &in, ram0, base);
        struct cpu_insn insn;
        bool ours = fpm_decode(cpu_decode_fp, hw1, hw2, &insn);
        struct fpuc_state want = in;
        fpuc_ram_write(f->uc, ram0);
        bool theirs = fpuc_exec(f->uc, hw1, hw2, &want);
        if (!ours) {
            unpredictable += theirs; /* UNPREDICTABLE forms QEMU happens to run */
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
                (k == 0 && insn.op < FP_DP_COUNT && insn.fn == fp_dp3_fn((enum fp_dp)insn.op)))
                hits[k]++;
        struct fpuc_state got = in;
        memcpy(ram_got, ram0, sizeof ram_got);
        int rc = fpm_exec(&f->m, &insn, &got, ram_got);
        if (rc != CPU_EXEC_NEXT ||
            !fpm_same("fp", hw1, hw2, &in, &want, &got, ram_ref, ram_got)) {
            if (++mismatches > 10)
                break;
        }
    }
    fprintf(stderr, "fp_exec: %u accepted, %u refused as UNPREDICTABLE that Unicorn runs\n",
            accepted, unpredictable);
    for (unsigned k = 0; k < NEXEC; k++) {
        if (hits[k] == 0)
            fprintf(stderr, "executor %s never reached\n", executors[k].name);
        assert_true(hits[k] > 0);
    }
    assert_int_equal(wrongly_accepted, 0);
    assert_int_equal(mismatches, 0);
}

/* Any bits at all: whatever the decoder accepts names registers that
 * exist (S0-S31, transfers inside the register file, r0-r14) and a cost. */
static void test_any_bits(void **state)
{
    struct fpm_fixture *f = *state;
    for (unsigned i = 0; i < 300000; i++) {
        uint32_t r = fpuc_rand(&f->rng);
        uint16_t hw1 = (uint16_t)(0xec00 | (r & 0x13ff)), hw2 = (uint16_t)(r >> 16);
        if (i & 1)
            hw2 = (uint16_t)((hw2 & ~0x0e00u) | 0x0a00); /* CP10/CP11 */
        struct cpu_insn insn;
        if (!fpm_decode(cpu_decode_fp, hw1, hw2, &insn))
            continue;
        assert_non_null(insn.fn);
        assert_true(insn.cycles >= 1);
        assert_true(insn.rd < 32 && insn.rn < 32 && insn.rm < 32);
        if (insn.fn == fp_x_vldm || insn.fn == fp_x_vstm || insn.fn == fp_x_vldr ||
            insn.fn == fp_x_vstr)
            assert_true(insn.op >= 1 && insn.rd + insn.op <= 32 &&
                        (insn.rn < 15 || (insn.rn == 15 && insn.fn == fp_x_vldr)));
        if (insn.fn == fp_x_vmov2_to_core || insn.fn == fp_x_vmov2_from_core)
            assert_true(insn.rm < 31 && insn.rd < 15 && insn.rd != 13 && insn.ra < 15 &&
                        insn.ra != 13);
        if (insn.fn == fp_x_vmov_to_core || insn.fn == fp_x_vmov_from_core)
            assert_true(insn.rd < 13 || insn.rd == 14);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_encodings),
        cmocka_unit_test(test_any_bits),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
