/* Directed FPv4-SP cases from the ARMv7-M ARM (A2.5 and the pseudocode of
 * A7.7): each pins down one architectural rule, independently of Unicorn. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/fp_ops.h"
#include "core/fp_soft.h"

#define RM(mode) ((uint32_t)(mode) << FPSCR_RMODE_SHIFT)
#define QNAN 0x7fc00001u
#define SNAN 0x7f800001u
#define ONE 0x3f800000u
#define TWO 0x40000000u
#define MAXF 0x7f7fffffu
#define INF 0x7f800000u
#define NINF 0xff800000u
#define MIN_NORMAL 0x00800000u
#define MAX_DENORMAL 0x007fffffu

/* RUN(op(a, b, &f), fpscr_in, f): the operation's result, with f set
 * to the FPSCR it started from and holding the FPSCR it left.  (The
 * assignment is an argument, so it happens before the call.) */
#define RUN(call, fpscr_in, f) ((void)((f) = (fpscr_in)), call)

static void test_compare_nan_exceptions(void **state)
{
    (void)state;
    uint32_t f = 0;
    fp_compare(QNAN, ONE, false, &f); /* VCMP: quiet NaN is not an exception */
    assert_int_equal(f, FPSCR_C | FPSCR_V);
    f = 0;
    fp_compare(QNAN, ONE, true, &f); /* VCMPE: it is */
    assert_int_equal(f, FPSCR_C | FPSCR_V | FPSCR_IOC);
    f = 0;
    fp_compare(ONE, SNAN, false, &f); /* signalling NaN: always */
    assert_int_equal(f, FPSCR_C | FPSCR_V | FPSCR_IOC);
    f = FPSCR_N;
    fp_compare(0x80000000u, 0, false, &f); /* -0 == +0, NZCV replaced */
    assert_int_equal(f, FPSCR_Z | FPSCR_C);
    f = 0;
    fp_compare(NINF, ONE, true, &f);
    assert_int_equal(f, FPSCR_N);
    f = 0;
    fp_compare(TWO, ONE, true, &f);
    assert_int_equal(f, FPSCR_C);
    f = FPSCR_FZ; /* flushed denormal compares equal to zero, with IDC */
    fp_compare(1, 0, false, &f);
    assert_int_equal(f, FPSCR_FZ | FPSCR_Z | FPSCR_C | FPSCR_IDC);
}

static void test_nan_propagation(void **state)
{
    (void)state;
    uint32_t f;
    /* Signalling before quiet, whatever the position; quieted; IOC. */
    assert_int_equal(RUN(fp_add(0x7fc00002u, 0xff800003u, &f), 0, f), 0xffc00003u);
    assert_int_equal(f, FPSCR_IOC);
    /* Two quiet NaNs: the first operand; no exception. */
    assert_int_equal(RUN(fp_mul(0xffc00005u, 0x7fc00006u, &f), 0, f), 0xffc00005u);
    assert_int_equal(f, 0);
    /* FPSub keeps the sign of a NaN second operand (no negation). */
    assert_int_equal(RUN(fp_sub(ONE, 0x7fc00007u, &f), 0, f), 0x7fc00007u);
    /* Default NaN mode. */
    assert_int_equal(RUN(fp_div(SNAN, ONE, &f), FPSCR_DN, f), FP_DEFAULT_NAN);
    assert_int_equal(f, FPSCR_DN | FPSCR_IOC);
    /* FPMulAdd: the addend is the first operand of the three. */
    assert_int_equal(RUN(fp_muladd(0x7fc00010u, 0x7f800011u, ONE, &f), 0, f), 0x7fc00011u);
    assert_int_equal(f, FPSCR_IOC);
    /* ...and a quiet NaN addend does not hide inf * 0: default NaN, IOC. */
    assert_int_equal(RUN(fp_muladd(0x7fc00010u, INF, 0, &f), 0, f), FP_DEFAULT_NAN);
    assert_int_equal(f, FPSCR_IOC);
    /* VNMUL negates whatever the multiply returned, NaNs included. */
    assert_int_equal(RUN(fp_dp3(FP_VNMUL, 0, QNAN, ONE, &f), 0, f), 0xffc00001u);
}

static void test_abs_neg_never_signal(void **state)
{
    (void)state;
    assert_int_equal(fp_abs(0xff800001u), 0x7f800001u);
    assert_int_equal(fp_neg(SNAN), 0xff800001u);
    assert_int_equal(fp_neg(1), 0x80000001u); /* denormal untouched, even under FZ */
}

static void test_flush_to_zero(void **state)
{
    (void)state;
    uint32_t f;
    /* Input denormal: flushed with IDC; the sum is exactly 1.0. */
    assert_int_equal(RUN(fp_add(ONE, MAX_DENORMAL, &f), FPSCR_FZ, f), ONE);
    assert_int_equal(f, FPSCR_FZ | FPSCR_IDC);
    /* Without FZ the same sum is inexact. */
    assert_int_equal(RUN(fp_add(ONE, MAX_DENORMAL, &f), 0, f), ONE);
    assert_int_equal(f, FPSCR_IXC);
    /* Tiny result: flushed to a signed zero with UFC and no IXC. */
    assert_int_equal(RUN(fp_mul(0x80800000u, 0x3f000000u, &f), FPSCR_FZ, f), 0x80000000u);
    assert_int_equal(f, FPSCR_FZ | FPSCR_UFC);
    /* Flushing looks at the value before rounding: just below 2^-126
     * flushes even though it would round up to the smallest normal. */
    assert_int_equal(RUN(fp_mul(0x3f800001u, 0x00fffffeu, &f), FPSCR_FZ, f), 0x00fffffeu + 2);
    assert_int_equal(RUN(fp_mul(0x3f7fffffu, MIN_NORMAL, &f), FPSCR_FZ, f), 0);
    assert_int_equal(f, FPSCR_FZ | FPSCR_UFC);
}

static void test_underflow_before_rounding(void **state)
{
    (void)state;
    uint32_t f;
    /* (1+2^-23) * (1-2^-23) * 2^-126 = (1-2^-46) * 2^-126: tiny before
     * rounding, rounds to 2^-126.  ARM sets UFC (tininess before rounding). */
    assert_int_equal(RUN(fp_mul(0x3f800001u, MAX_DENORMAL, &f), 0, f), MIN_NORMAL);
    assert_int_equal(f, FPSCR_UFC | FPSCR_IXC);
    /* An exact denormal result is not an underflow. */
    assert_int_equal(RUN(fp_mul(0x3f000000u, MIN_NORMAL, &f), 0, f), 0x00400000u);
    assert_int_equal(f, 0);
}

static void test_rounding_modes(void **state)
{
    (void)state;
    uint32_t f;
    const uint32_t half_ulp = 0x33800000u; /* 2^-24: 1 + 2^-24 is a tie */
    assert_int_equal(RUN(fp_add(ONE, half_ulp, &f), RM(FP_RN), f), ONE);
    assert_int_equal(RUN(fp_add(ONE, half_ulp, &f), RM(FP_RP), f), ONE + 1);
    assert_int_equal(RUN(fp_add(ONE, half_ulp, &f), RM(FP_RM), f), ONE);
    assert_int_equal(RUN(fp_add(ONE, half_ulp, &f), RM(FP_RZ), f), ONE);
    assert_int_equal(f, RM(FP_RZ) | FPSCR_IXC);
    assert_int_equal(RUN(fp_add(0x3f800001u, half_ulp, &f), RM(FP_RN), f), ONE + 2); /* to even */
    assert_int_equal(RUN(fp_sub(0xbf800000u, half_ulp, &f), RM(FP_RM), f), 0xbf800001u);
    /* Overflow: infinity or the largest finite value by mode, OFC + IXC. */
    assert_int_equal(RUN(fp_mul(MAXF, TWO, &f), RM(FP_RN), f), INF);
    assert_int_equal(f, RM(FP_RN) | FPSCR_OFC | FPSCR_IXC);
    assert_int_equal(RUN(fp_mul(MAXF, TWO, &f), RM(FP_RZ), f), MAXF);
    assert_int_equal(RUN(fp_mul(MAXF, 0xc0000000u, &f), RM(FP_RP), f), 0xff7fffffu);
    assert_int_equal(RUN(fp_mul(MAXF, 0xc0000000u, &f), RM(FP_RM), f), NINF);
    /* Exact zero sums: +0, except -0 when rounding toward minus infinity. */
    assert_int_equal(RUN(fp_sub(ONE, ONE, &f), RM(FP_RN), f), 0);
    assert_int_equal(RUN(fp_sub(ONE, ONE, &f), RM(FP_RM), f), 0x80000000u);
    assert_int_equal(RUN(fp_add(0x80000000u, 0x80000000u, &f), RM(FP_RN), f), 0x80000000u);
}

static void test_special_operations(void **state)
{
    (void)state;
    uint32_t f;
    assert_int_equal(RUN(fp_div(ONE, 0x80000000u, &f), 0, f), NINF);
    assert_int_equal(f, FPSCR_DZC);
    assert_int_equal(RUN(fp_div(INF, 0, &f), 0, f), INF); /* no DZC */
    assert_int_equal(f, 0);
    assert_int_equal(RUN(fp_div(0, 0, &f), 0, f), FP_DEFAULT_NAN);
    assert_int_equal(f, FPSCR_IOC);
    assert_int_equal(RUN(fp_add(INF, NINF, &f), 0, f), FP_DEFAULT_NAN);
    assert_int_equal(f, FPSCR_IOC);
    assert_int_equal(RUN(fp_sqrt(0xbf800000u, &f), 0, f), FP_DEFAULT_NAN);
    assert_int_equal(f, FPSCR_IOC);
    assert_int_equal(RUN(fp_sqrt(0x80000000u, &f), 0, f), 0x80000000u);
    assert_int_equal(f, 0);
    assert_int_equal(RUN(fp_sqrt(0x40800000u, &f), 0, f), TWO);
    assert_int_equal(f, 0);
    assert_int_equal(RUN(fp_sqrt(TWO, &f), 0, f), 0x3fb504f3u);
    assert_int_equal(f, FPSCR_IXC);
}

static void test_fused_versus_separate(void **state)
{
    (void)state;
    uint32_t f;
    /* a*b = 1 + 2^-11 + 2^-24; c = -(1 + 2^-11).  VMLA rounds the product
     * (a tie, to even: 1 + 2^-11) and gets +0; VFMA keeps 2^-24. */
    const uint32_t a = 0x3f800800u, c = 0xbf801000u;
    assert_int_equal(RUN(fp_dp3(FP_VMLA, c, a, a, &f), 0, f), 0);
    assert_int_equal(f, FPSCR_IXC);
    assert_int_equal(RUN(fp_dp3(FP_VFMA, c, a, a, &f), 0, f), 0x33800000u);
    assert_int_equal(f, 0);
    /* a*a = 1 + 2^-11 + 2^-24 is a tie in single precision; a tiny addend
     * decides it (one rounding), where rounding twice would go to even. */
    assert_int_equal(RUN(fp_muladd(0x1f800000u, a, a, &f), 0, f), 0x3f801001u);
    assert_int_equal(f, FPSCR_IXC);
    assert_int_equal(RUN(fp_muladd(0x9f800000u, a, a, &f), 0, f), 0x3f801000u);
    assert_int_equal(RUN(fp_muladd(0x9f800000u, 0xbf800800u, a, &f), 0, f), 0xbf801001u);
    assert_int_equal(RUN(fp_muladd(0x1f800000u, 0xbf800800u, a, &f), 0, f), 0xbf801000u);
    assert_int_equal(RUN(fp_muladd(0, a, a, &f), 0, f), 0x3f801000u); /* a true tie: even */
    /* VFNMS: -d + n*m; VFNMA: -d - n*m. */
    assert_int_equal(RUN(fp_dp3(FP_VFNMS, ONE, TWO, TWO, &f), 0, f), 0x40400000u);
    assert_int_equal(RUN(fp_dp3(FP_VFNMA, ONE, TWO, TWO, &f), 0, f), 0xc0a00000u);
    assert_int_equal(RUN(fp_dp3(FP_VNMLA, ONE, TWO, TWO, &f), 0, f), 0xc0a00000u);
    assert_int_equal(RUN(fp_dp3(FP_VNMLS, ONE, TWO, TWO, &f), 0, f), 0x40400000u);
    assert_int_equal(RUN(fp_dp3(FP_VMLS, ONE, TWO, TWO, &f), 0, f), 0xc0400000u);
}

static void test_integer_conversions(void **state)
{
    (void)state;
    uint32_t f;
    const uint32_t two_and_half = 0x40200000u, minus_two_and_half = 0xc0200000u;
    /* VCVT rounds toward zero whatever RMode says; VCVTR uses RMode. */
    assert_int_equal(RUN(fp_to_fixed(two_and_half, 32, 0, false, true, &f), RM(FP_RP), f), 2);
    assert_int_equal(f, RM(FP_RP) | FPSCR_IXC);
    assert_int_equal(RUN(fp_to_fixed(two_and_half, 32, 0, false, false, &f), RM(FP_RN), f), 2);
    assert_int_equal(RUN(fp_to_fixed(0x40600000u, 32, 0, false, false, &f), RM(FP_RN), f), 4);
    assert_int_equal(RUN(fp_to_fixed(minus_two_and_half, 32, 0, false, false, &f), RM(FP_RM), f),
                     (uint32_t)-3);
    /* Saturation is an Invalid Operation, not Inexact. */
    assert_int_equal(RUN(fp_to_fixed(0x4f400000u, 32, 0, false, true, &f), 0, f), 0x7fffffffu);
    assert_int_equal(f, FPSCR_IOC);
    assert_int_equal(RUN(fp_to_fixed(0xbf800000u, 32, 0, true, true, &f), 0, f), 0);
    assert_int_equal(f, FPSCR_IOC);
    assert_int_equal(RUN(fp_to_fixed(0xbf000000u, 32, 0, true, true, &f), 0, f), 0); /* -0.5 -> 0 */
    assert_int_equal(f, FPSCR_IXC);
    assert_int_equal(RUN(fp_to_fixed(QNAN, 32, 0, false, true, &f), 0, f), 0);
    assert_int_equal(f, FPSCR_IOC);
    assert_int_equal(RUN(fp_to_fixed(NINF, 32, 0, false, true, &f), 0, f), 0x80000000u);
    /* Integer to float rounds with RMode. */
    assert_int_equal(RUN(fp_from_fixed(0x7fffffffu, 32, 0, false, &f), RM(FP_RZ), f), 0x4effffffu);
    assert_int_equal(f, RM(FP_RZ) | FPSCR_IXC);
    assert_int_equal(RUN(fp_from_fixed(0xffffffffu, 32, 0, true, &f), RM(FP_RN), f), 0x4f800000u);
    assert_int_equal(RUN(fp_from_fixed(0x80000000u, 32, 0, false, &f), 0, f), 0xcf000000u);
    assert_int_equal(f, 0);
}

static void test_fixed_point_conversions(void **state)
{
    (void)state;
    uint32_t f;
    /* 1.5 as s16.1 = 3; -1.0 as s16 with 8 fraction bits = 0xff00, sign extended. */
    assert_int_equal(RUN(fp_to_fixed(0x3fc00000u, 16, 1, false, true, &f), 0, f), 3);
    assert_int_equal(RUN(fp_to_fixed(0xbf800000u, 16, 8, false, true, &f), 0, f), 0xffffff00u);
    assert_int_equal(RUN(fp_to_fixed(0x47000000u, 16, 0, false, true, &f), 0, f), 0x7fff); /* 32768 */
    assert_int_equal(f, FPSCR_IOC);
    assert_int_equal(RUN(fp_to_fixed(0x477fff00u, 16, 0, true, true, &f), 0, f), 0xffff);
    /* Fixed to float: only the low halfword of a 16-bit source counts. */
    assert_int_equal(RUN(fp_from_fixed(0x1234ff00u, 16, 8, false, &f), 0, f), 0xbf800000u);
    assert_int_equal(RUN(fp_from_fixed(0x1234ff00u, 16, 8, true, &f), 0, f), 0x437f0000u);
    assert_int_equal(RUN(fp_from_fixed(1, 32, 32, true, &f), 0, f), 0x2f800000u); /* 2^-32 */
}

static void test_half_precision(void **state)
{
    (void)state;
    uint32_t f;
    assert_int_equal(RUN(fp_single_to_half(ONE, &f), 0, f), 0x3c00);
    /* 65536 overflows IEEE half (to infinity, OFC IXC); AHP has exponent 31. */
    assert_int_equal(RUN(fp_single_to_half(0x47800000u, &f), 0, f), 0x7c00);
    assert_int_equal(f, FPSCR_OFC | FPSCR_IXC);
    assert_int_equal(RUN(fp_single_to_half(0x47800000u, &f), FPSCR_AHP, f), 0x7c00);
    assert_int_equal(f, FPSCR_AHP);
    /* AHP: no infinity or NaN: saturate / zero with IOC. */
    assert_int_equal(RUN(fp_single_to_half(NINF, &f), FPSCR_AHP, f), 0xffff);
    assert_int_equal(f, FPSCR_AHP | FPSCR_IOC);
    assert_int_equal(RUN(fp_single_to_half(QNAN, &f), FPSCR_AHP, f), 0x0000);
    assert_int_equal(f, FPSCR_AHP | FPSCR_IOC);
    assert_int_equal(RUN(fp_single_to_half(0xffc00000u, &f), FPSCR_AHP, f), 0x8000); /* FPZero(sign) */
    assert_int_equal(RUN(fp_single_to_half(0x48000000u, &f), FPSCR_AHP, f), 0x7fff); /* 131072 */
    assert_int_equal(f, FPSCR_AHP | FPSCR_IOC);
    /* NaN payload kept (top bits), quieted; DN gives the default half NaN. */
    assert_int_equal(RUN(fp_single_to_half(0xff802000u, &f), 0, f), 0xfe01);
    assert_int_equal(f, FPSCR_IOC);
    assert_int_equal(RUN(fp_single_to_half(0xff802000u, &f), FPSCR_DN, f), 0x7e00);
    /* Half to single: exact; AHP exponent 31 is a number. */
    assert_int_equal(RUN(fp_half_to_single(0x7c00, &f), 0, f), INF);
    assert_int_equal(RUN(fp_half_to_single(0x7c00, &f), FPSCR_AHP, f), 0x47800000u);
    assert_int_equal(RUN(fp_half_to_single(0x0001, &f), FPSCR_FZ, f), 0x33800000u); /* 2^-24, no flush */
    assert_int_equal(f, FPSCR_FZ);
    assert_int_equal(RUN(fp_half_to_single(0x7d00, &f), 0, f), 0x7fe00000u); /* SNaN quieted */
    assert_int_equal(f, FPSCR_IOC);
    /* Half denormal output: underflow before rounding applies to half too. */
    assert_int_equal(RUN(fp_single_to_half(0x33c00000u, &f), 0, f), 0x0002); /* 1.5 * 2^-24 */
    assert_int_equal(f, FPSCR_UFC | FPSCR_IXC);
}

static void test_vmov_immediate(void **state)
{
    (void)state;
    assert_int_equal(fp_expand_imm(0x70), ONE);
    assert_int_equal(fp_expand_imm(0x00), TWO);
    assert_int_equal(fp_expand_imm(0xf0), 0xbf800000u);
    assert_int_equal(fp_expand_imm(0x60), 0x3f000000u);  /* 0.5 */
    assert_int_equal(fp_expand_imm(0x7f), 0x3ff80000u);  /* 1.9375 */
    assert_int_equal(fp_expand_imm(0x40), 0x3e000000u);  /* 0.125 */
    assert_int_equal(fp_expand_imm(0x3f), 0x41f80000u);  /* 31 */
}

/* fp_add/sub/mul/div/sqrt/muladd take a host fast path for normal operands in RN
 * (fp_arith.c); it must agree bit for bit, flags included, with the
 * software path, near the underflow and overflow edges too. */
static void test_host_fast_path_matches_software(void **state)
{
    (void)state;
    uint64_t s = 0x123456789abcdefull;
    unsigned diffs = 0;
    for (unsigned i = 0; i < 400000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        uint32_t a = (uint32_t)s, b = (uint32_t)(s >> 32);
        switch (i % 4) { /* steer exponents toward results near 2^-126 and 2^128 */
        case 0: a = (a & 0x807fffffu) | (1u + (a >> 24) % 40) << 23; break;
        case 1: b = (b & 0x807fffffu) | (0x60u + (b >> 24) % 40) << 23; break;
        case 2: a = (a & 0x807fffffu) | (0xc0u + (a >> 24) % 62) << 23; break;
        default: break;
        }
        uint32_t fpscr0 = (uint32_t)(s >> 20) & (FPSCR_FZ | FPSCR_DN | FPSCR_IXC);
        uint32_t c = (uint32_t)(s >> 16) ^ (uint32_t)(s << 7);
        if (i % 3 == 0) /* an addend of the product's size: cancellation, ties */
            c = fp_neg(fp_mul(a, b, &(uint32_t){0})) ^ (uint32_t)(s >> 61);
        else if (i % 3 == 1 && i % 5 == 1) /* +-0: an accumulator's first VFMA */
            c = (uint32_t)(s >> 63) << 31;
        for (unsigned op = 0; op < 6; op++) {
            uint32_t f1 = fpscr0, f2 = fpscr0, r1, r2;
            switch (op) {
            case 0: r1 = fp_add(a, b, &f1); r2 = fp_soft_add(a, b, &f2); break;
            case 1: r1 = fp_sub(a, b, &f1); r2 = fp_soft_sub(a, b, &f2); break;
            case 2: r1 = fp_mul(a, b, &f1); r2 = fp_soft_mul(a, b, &f2); break;
            case 3: r1 = fp_div(a, b, &f1); r2 = fp_soft_div(a, b, &f2); break;
            case 4: r1 = fp_sqrt(a, &f1); r2 = fp_soft_sqrt(a, &f2); break;
            default: r1 = fp_muladd(c, a, b, &f1); r2 = fp_soft_muladd(c, a, b, &f2); break;
            }
            if (r1 != r2 || f1 != f2) {
                if (++diffs < 10)
                    print_error("op %u %08x %08x %08x: %08x/%08x vs %08x/%08x\n", op, a, b, c,
                                r1, f1, r2, f2);
            }
        }
    }
    assert_int_equal(diffs, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compare_nan_exceptions),
        cmocka_unit_test(test_nan_propagation),
        cmocka_unit_test(test_abs_neg_never_signal),
        cmocka_unit_test(test_flush_to_zero),
        cmocka_unit_test(test_underflow_before_rounding),
        cmocka_unit_test(test_rounding_modes),
        cmocka_unit_test(test_special_operations),
        cmocka_unit_test(test_fused_versus_separate),
        cmocka_unit_test(test_integer_conversions),
        cmocka_unit_test(test_fixed_point_conversions),
        cmocka_unit_test(test_half_precision),
        cmocka_unit_test(test_vmov_immediate),
        cmocka_unit_test(test_host_fast_path_matches_software),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
