/* FPv4-SP semantics (src/core/fp_ops.h) against Unicorn, instruction by
 * instruction: random operands biased toward NaNs, infinities, denormals,
 * zeros and rounding/overflow edges, under every rounding mode and every
 * FZ/DN/AHP combination.  Result register and the whole FPSCR must match.
 *
 * No deviation of Unicorn 2.0.1 (QEMU 5.0 softfloat, tininess before
 * rounding for ARM) from the ARM pseudocode is known in this space, so every
 * case is compared as is.  One point where the manuals differ: with
 * FPSCR.AHP a NaN converts to a zero that keeps the NaN's sign (FPConvert,
 * ARMv8 pseudocode, and QEMU); fp_arch_test.c pins that down. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "core/fp_ops.h"
#include "fp_unicorn.h"

#define CASES_PER_MODE 400

/* Registers used: odd/even numbers so D, N and M bits are exercised. */
enum { RD = 3, RN = 16, RM = 31 };

static uint32_t enc3(uint32_t base, unsigned d, unsigned n, unsigned m)
{
    return base | (d & 1) << 22 | (n >> 1) << 16 | (d >> 1) << 12 | (n & 1) << 7 |
           (m & 1) << 5 | (m >> 1);
}

static const uint32_t dp_base[FP_DP_COUNT] = {
    [FP_VMLA] = 0xee000a00, [FP_VMLS] = 0xee000a40, [FP_VNMLA] = 0xee100a40,
    [FP_VNMLS] = 0xee100a00, [FP_VMUL] = 0xee200a00, [FP_VNMUL] = 0xee200a40,
    [FP_VADD] = 0xee300a00, [FP_VSUB] = 0xee300a40, [FP_VDIV] = 0xee800a00,
    [FP_VFMA] = 0xeea00a00, [FP_VFMS] = 0xeea00a40, [FP_VFNMA] = 0xee900a40,
    [FP_VFNMS] = 0xee900a00,
};

struct fixture {
    struct fpuc *uc;
    struct fpuc_rng rng;
    unsigned mismatches;
};

static int setup(void **state)
{
    static struct fixture f;
    f.uc = fpuc_open();
    f.rng.s = 0x9e3779b97f4a7c15ull;
    f.mismatches = 0;
    *state = &f;
    return f.uc ? 0 : -1;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    fpuc_close(f->uc);
    return 0;
}

/* FPSCR for case i: each RMode x FZ x DN x AHP in turn, and random
 * cumulative bits already set (they must stay set). */
static uint32_t mode_fpscr(struct fixture *f, unsigned i)
{
    unsigned combo = i % 32;
    uint32_t v = (combo & 3u) << FPSCR_RMODE_SHIFT;
    if (combo & 4)
        v |= FPSCR_FZ;
    if (combo & 8)
        v |= FPSCR_DN;
    if (combo & 16)
        v |= FPSCR_AHP;
    if (fpuc_rand(&f->rng) % 4 == 0)
        v |= fpuc_rand(&f->rng) & (FPSCR_EXC_MASK | FPSCR_NZCV);
    return v;
}

static void report(struct fixture *f, const char *what, uint32_t insn, const uint32_t *in,
                   unsigned nin, uint32_t fpscr_in, uint32_t want, uint32_t want_fpscr,
                   uint32_t got, uint32_t got_fpscr)
{
    if (++f->mismatches > 20)
        return;
    fprintf(stderr, "%s (%08x): in", what, insn);
    for (unsigned i = 0; i < nin; i++)
        fprintf(stderr, " %08x", in[i]);
    fprintf(stderr, " fpscr %08x: unicorn %08x fpscr %08x, f3kit %08x fpscr %08x\n", fpscr_in,
            want, want_fpscr, got, got_fpscr);
}

/* Run `insn` on Unicorn with S[RD], S[RN], S[RM] = d, n, m. */
static void ref(struct fixture *f, uint32_t insn, uint32_t d, uint32_t n, uint32_t m,
                uint32_t fpscr, uint32_t *res, uint32_t *res_fpscr)
{
    struct fpuc_state st = {0};
    st.s[RD] = d;
    st.s[RN] = n;
    st.s[RM] = m;
    st.fpscr = fpscr;
    assert_true(fpuc_exec(f->uc, (uint16_t)(insn >> 16), (uint16_t)insn, &st));
    *res = st.s[RD];
    *res_fpscr = st.fpscr;
}

static void check(struct fixture *f, const char *what, uint32_t insn, uint32_t d, uint32_t n,
                  uint32_t m, uint32_t fpscr, uint32_t got, uint32_t got_fpscr)
{
    uint32_t want, want_fpscr;
    ref(f, insn, d, n, m, fpscr, &want, &want_fpscr);
    if (want != got || want_fpscr != got_fpscr) {
        uint32_t in[3] = {d, n, m};
        report(f, what, insn, in, 3, fpscr, want, want_fpscr, got, got_fpscr);
    }
}

static void test_dp3(void **state)
{
    struct fixture *f = *state;
    f->mismatches = 0;
    for (unsigned op = 0; op < FP_DP_COUNT; op++) {
        uint32_t insn = enc3(dp_base[op], RD, RN, RM);
        for (unsigned i = 0; i < 32 * CASES_PER_MODE / 8; i++) {
            uint32_t d = fpuc_rand_float(&f->rng), n = fpuc_rand_float(&f->rng);
            uint32_t m = fpuc_rand_float(&f->rng);
            uint32_t fpscr = mode_fpscr(f, i), got_fpscr = fpscr;
            uint32_t got = fp_dp3((enum fp_dp)op, d, n, m, &got_fpscr);
            check(f, fp_dp_name((enum fp_dp)op), insn, d, n, m, fpscr, got, got_fpscr);
        }
    }
    assert_int_equal(f->mismatches, 0);
}


/* Two-operand and single-operand instructions (opc1 = 1D11). */
static void test_unary(void **state)
{
    struct fixture *f = *state;
    f->mismatches = 0;
    static const struct { const char *name; uint32_t base; } ops[] = {
        {"vsqrt", 0xeeb10ac0}, {"vabs", 0xeeb00ac0}, {"vneg", 0xeeb10a40}, {"vmov", 0xeeb00a40},
    };
    for (unsigned k = 0; k < 4; k++) {
        uint32_t insn = enc3(ops[k].base, RD, 0, RM);
        for (unsigned i = 0; i < 32 * CASES_PER_MODE / 8; i++) {
            uint32_t d = fpuc_rand_float(&f->rng), m = fpuc_rand_float(&f->rng);
            uint32_t fpscr = mode_fpscr(f, i), got_fpscr = fpscr, got;
            switch (k) {
            case 0: got = fp_sqrt(m, &got_fpscr); break;
            case 1: got = fp_abs(m); break;
            case 2: got = fp_neg(m); break;
            default: got = m; break;
            }
            check(f, ops[k].name, insn, d, 0, m, fpscr, got, got_fpscr);
        }
    }
    assert_int_equal(f->mismatches, 0);
}

/* VCMP/VCMPE, register and #0.0: only FPSCR changes. */
static void test_compare(void **state)
{
    struct fixture *f = *state;
    f->mismatches = 0;
    for (unsigned k = 0; k < 4; k++) {
        bool e = k & 1, zero = k & 2;
        uint32_t insn = enc3(0xeeb40a40 | (zero ? 0x10000u : 0) | (e ? 0x80u : 0), RD, 0,
                             zero ? 0 : RM);
        for (unsigned i = 0; i < 32 * CASES_PER_MODE / 8; i++) {
            uint32_t d = fpuc_rand_float(&f->rng), m = fpuc_rand_float(&f->rng);
            if (i % 8 == 0)
                m = d ^ (fpuc_rand(&f->rng) & 0x80000001u); /* equal, -0 == +0, neighbours */
            uint32_t fpscr = mode_fpscr(f, i), got_fpscr = fpscr;
            fp_compare(d, zero ? 0 : m, e, &got_fpscr);
            check(f, e ? "vcmpe" : "vcmp", insn, d, 0, zero ? 0 : m, fpscr, d, got_fpscr);
        }
    }
    assert_int_equal(f->mismatches, 0);
}

/* VCVT{R} between float and 32-bit integers. */
static void test_cvt_int(void **state)
{
    struct fixture *f = *state;
    f->mismatches = 0;
    for (unsigned k = 0; k < 6; k++) {
        uint32_t insn;
        const char *name;
        switch (k) {
        case 0: insn = 0xeebc0a40; name = "vcvtr.u32.f32"; break;
        case 1: insn = 0xeebc0ac0; name = "vcvt.u32.f32"; break;
        case 2: insn = 0xeebd0a40; name = "vcvtr.s32.f32"; break;
        case 3: insn = 0xeebd0ac0; name = "vcvt.s32.f32"; break;
        case 4: insn = 0xeeb80a40; name = "vcvt.f32.u32"; break;
        default: insn = 0xeeb80ac0; name = "vcvt.f32.s32"; break;
        }
        insn = enc3(insn, RD, 0, RM);
        for (unsigned i = 0; i < 32 * CASES_PER_MODE / 8; i++) {
            uint32_t d = fpuc_rand_float(&f->rng);
            uint32_t m = k < 4 ? fpuc_rand_float(&f->rng) : fpuc_rand_word(&f->rng);
            uint32_t fpscr = mode_fpscr(f, i), got_fpscr = fpscr, got;
            if (k < 4)
                got = fp_to_fixed(m, 32, 0, k < 2, k & 1, &got_fpscr);
            else
                got = fp_from_fixed(m, 32, 0, k == 4, &got_fpscr);
            check(f, name, insn, d, 0, m, fpscr, got, got_fpscr);
        }
    }
    assert_int_equal(f->mismatches, 0);
}

/* VCVT between float and fixed point (in place in Sd), every size, sign,
 * direction and number of fraction bits. */
static void test_cvt_fixed(void **state)
{
    struct fixture *f = *state;
    f->mismatches = 0;
    for (unsigned k = 0; k < 8; k++) {
        bool to_fixed = k & 1, is_unsigned = k & 2;
        unsigned size = (k & 4) ? 32 : 16;
        for (unsigned i = 0; i < 32 * CASES_PER_MODE / 8; i++) {
            /* imm4:i = size - fbits: 1..32 fraction bits for 32-bit, 0..16 for 16-bit */
            unsigned fbits = size == 32 ? 1 + fpuc_rand(&f->rng) % 32 : fpuc_rand(&f->rng) % 17;
            unsigned imm = size - fbits;
            uint32_t insn = 0xeeba0a40 | (uint32_t)to_fixed << 18 | (uint32_t)is_unsigned << 16 |
                            (size == 32 ? 0x80u : 0) | (imm & 1) << 5 | imm >> 1 |
                            (RD & 1) << 22 | (RD >> 1) << 12;
            uint32_t d = to_fixed ? fpuc_rand_float(&f->rng) : fpuc_rand_word(&f->rng);
            uint32_t fpscr = mode_fpscr(f, i), got_fpscr = fpscr, got;
            if (to_fixed)
                got = fp_to_fixed(d, size, fbits, is_unsigned, true, &got_fpscr);
            else
                got = fp_from_fixed(d, size, fbits, is_unsigned, &got_fpscr);
            check(f, to_fixed ? "vcvt.fx.f32" : "vcvt.f32.fx", insn, d, 0, 0, fpscr, got,
                  got_fpscr);
        }
    }
    assert_int_equal(f->mismatches, 0);
}

/* VCVTB/VCVTT: half <-> single, IEEE and alternative half precision. */
static void test_cvt_half(void **state)
{
    struct fixture *f = *state;
    f->mismatches = 0;
    for (unsigned k = 0; k < 4; k++) {
        bool to_half = k & 1, top = k & 2;
        uint32_t insn = enc3(0xeeb20a40 | (uint32_t)to_half << 16 | (top ? 0x80u : 0), RD, 0, RM);
        for (unsigned i = 0; i < 32 * CASES_PER_MODE / 8; i++) {
            uint32_t d = fpuc_rand(&f->rng), m;
            if (to_half) {
                m = fpuc_rand_float(&f->rng);
                if (i % 3 == 0) /* the half range: exponents 0x60..0x90 */
                    m = (m & 0x807fffffu) | (0x60u + fpuc_rand(&f->rng) % 0x30) << 23;
            } else {
                m = fpuc_rand(&f->rng);
                if (i % 4 == 0) /* half NaNs, infinities, denormals */
                    m = (m & 0x83ff83ffu) | (i % 8 ? 0x7c007c00u : 0);
            }
            uint32_t fpscr = mode_fpscr(f, i), got_fpscr = fpscr, got;
            if (to_half) {
                uint32_t h = fp_single_to_half(m, &got_fpscr);
                got = top ? (d & 0xffff) | h << 16 : (d & 0xffff0000u) | h;
            } else {
                got = fp_half_to_single((uint16_t)(top ? m >> 16 : m), &got_fpscr);
            }
            check(f, to_half ? "vcvt.f16.f32" : "vcvt.f32.f16", insn, d, 0, m, fpscr, got,
                  got_fpscr);
        }
    }
    assert_int_equal(f->mismatches, 0);
}

/* VMOV.F32 #imm: all 256 immediates. */
static void test_vmov_imm(void **state)
{
    struct fixture *f = *state;
    f->mismatches = 0;
    for (unsigned imm = 0; imm < 256; imm++) {
        uint32_t insn = 0xeeb00a00 | (imm >> 4) << 16 | (imm & 15) | (RD & 1) << 22 |
                        (RD >> 1) << 12;
        check(f, "vmov.f32 #imm", insn, 0x12345678, 0, 0, 0, fp_expand_imm((uint8_t)imm), 0);
    }
    assert_int_equal(f->mismatches, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dp3),
        cmocka_unit_test(test_unary),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_cvt_int),
        cmocka_unit_test(test_cvt_fixed),
        cmocka_unit_test(test_cvt_half),
        cmocka_unit_test(test_vmov_imm),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
