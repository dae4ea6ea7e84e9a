/* Data processing: flags of ADDS/SUBS/ADCS/SBCS, shifts with carry,
 * ThumbExpandImm, multiplies, divides, bit fields, extends, saturation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "harness.h"
#include "harness_assert.h"

#define FLAG_N (1u << 31)
#define FLAG_Z (1u << 30)
#define FLAG_C (1u << 29)
#define FLAG_V (1u << 28)
#define FLAG_Q (1u << 27)

static struct harness *run(const char *src)
{
    return harness_run_asm(src, 100000, CPU_STOP_EXIT);
}

static void test_adds_flags(void **state)
{
    (void)state;
    struct {
        uint32_t a, b, res, flags;
    } cases[] = {
        { 1, 2, 3, 0 },
        { 0xffffffffu, 1, 0, FLAG_Z | FLAG_C },
        { 0x7fffffffu, 1, 0x80000000u, FLAG_N | FLAG_V },
        { 0x80000000u, 0x80000000u, 0, FLAG_Z | FLAG_C | FLAG_V },
        { 0xfffffffeu, 1, 0xffffffffu, FLAG_N },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char src[512];
        snprintf(src, sizeof src,
                 "ldr r2, =%u\n ldr r3, =%u\n adds r4, r2, r3\n mrs r12, apsr\n" HARNESS_EXIT,
                 cases[i].a, cases[i].b);
        struct harness *h = run(src);
        assert_int_equal(h->cpu.r[4], cases[i].res);
        assert_int_equal(h->cpu.r[12] & 0xf0000000u, cases[i].flags);
        harness_free(h);
    }
}

static void test_subs_cmp_flags(void **state)
{
    (void)state;
    struct {
        uint32_t a, b, res, flags;
    } cases[] = {
        { 3, 3, 0, FLAG_Z | FLAG_C },          /* equal: no borrow */
        { 2, 3, 0xffffffffu, FLAG_N },          /* borrow: C clear */
        { 0x80000000u, 1, 0x7fffffffu, FLAG_C | FLAG_V },
        { 0, 0x80000000u, 0x80000000u, FLAG_N | FLAG_V },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char src[512];
        snprintf(src, sizeof src,
                 "ldr r2, =%u\n ldr r3, =%u\n subs.w r4, r2, r3\n mrs r12, apsr\n"
                 "cmp r2, r3\n mrs r11, apsr\n" HARNESS_EXIT,
                 cases[i].a, cases[i].b);
        struct harness *h = run(src);
        assert_int_equal(h->cpu.r[4], cases[i].res);
        assert_int_equal(h->cpu.r[12] & 0xf0000000u, cases[i].flags);
        assert_int_equal(h->cpu.r[11] & 0xf0000000u, cases[i].flags);
        harness_free(h);
    }
}

static void test_adc_sbc_carry_chain(void **state)
{
    (void)state;
    /* 64-bit add 0x00000001_ffffffff + 1 and subtract back. */
    struct harness *h = run("ldr r0, =0xffffffff\n movs r1, #1\n movs r2, #1\n movs r3, #0\n"
                            "adds r4, r0, r2\n adcs r5, r1, r3\n"
                            "subs r6, r4, r2\n sbcs r7, r5, r3\n" HARNESS_EXIT);
    assert_int_equal(h->cpu.r[4], 0);
    assert_int_equal(h->cpu.r[5], 2);
    assert_int_equal(h->cpu.r[6], 0xffffffffu);
    assert_int_equal(h->cpu.r[7], 1);
    harness_free(h);
}

static void test_shift_carry(void **state)
{
    (void)state;
    struct harness *h = run(
        "ldr r0, =0x80000001\n"
        "lsls r1, r0, #1\n mrs r8, apsr\n"      /* C = bit 31 */
        "lsrs r2, r0, #1\n mrs r9, apsr\n"      /* C = bit 0 */
        "asrs r3, r0, #32\n mrs r10, apsr\n"    /* ASR #32: all sign, C = bit 31 */
        "movs r4, #33\n lsls r5, r0, r4\n mrs r11, apsr\n" /* LSL by 33: 0, C = 0 */
        "ldr r6, =0x00000003\n movs r7, #0\n adds r7, r7, #0\n" /* clear C */
        "rrxs r6, r6\n mrs r12, apsr\n"         /* RRX: C in = 0, C out = 1 */
        HARNESS_EXIT);
    assert_int_equal(h->cpu.r[1], 2);
    assert_true(h->cpu.r[8] & FLAG_C);
    assert_int_equal(h->cpu.r[2], 0x40000000u);
    assert_true(h->cpu.r[9] & FLAG_C);
    assert_int_equal(h->cpu.r[3], 0xffffffffu);
    assert_true(h->cpu.r[10] & FLAG_C);
    assert_true(h->cpu.r[10] & FLAG_N);
    assert_int_equal(h->cpu.r[5], 0);
    assert_false(h->cpu.r[11] & FLAG_C);
    assert_true(h->cpu.r[11] & FLAG_Z);
    assert_int_equal(h->cpu.r[6], 1);
    assert_true(h->cpu.r[12] & FLAG_C);
    harness_free(h);
}

static void test_thumb_expand_imm(void **state)
{
    (void)state;
    struct harness *h = run(
        "mov.w r0, #0x00ab00ab\n mov.w r1, #0xab00ab00\n mov.w r2, #0xabababab\n"
        "mov.w r3, #0x3fc00\n"              /* rotated 0xff */
        "movs r7, #0\n adds r7, r7, #0\n"   /* C = 0 */
        "movs.w r4, #0x80000000\n mrs r8, apsr\n"  /* rotated form: C = bit 31 = 1 */
        "movs r7, #0\n adds r7, r7, #0\n"
        "ands.w r5, r0, #0xff\n mrs r9, apsr\n"    /* unrotated: C unchanged (0) */
        HARNESS_EXIT);
    assert_int_equal(h->cpu.r[0], 0x00ab00abu);
    assert_int_equal(h->cpu.r[1], 0xab00ab00u);
    assert_int_equal(h->cpu.r[2], 0xababababu);
    assert_int_equal(h->cpu.r[3], 0x3fc00u);
    assert_int_equal(h->cpu.r[4], 0x80000000u);
    assert_true(h->cpu.r[8] & FLAG_C);
    assert_int_equal(h->cpu.r[5], 0xabu);
    assert_false(h->cpu.r[9] & FLAG_C);
    harness_free(h);
}

static void test_multiply(void **state)
{
    (void)state;
    struct harness *h = run(
        "ldr r0, =0xfffffffe\n movs r1, #3\n"
        "muls r2, r0, r2\n"               /* placeholder, overwritten below */
        "mul r2, r0, r1\n"                /* -6 */
        "mla r3, r0, r1, r1\n"            /* -3 */
        "mls r4, r0, r1, r1\n"            /* 3 + 6 = 9 */
        "smull r5, r6, r0, r1\n"          /* -6 as 64-bit */
        "umull r7, r8, r0, r1\n"          /* 0x2_fffffffa */
        "movs r9, #1\n movs r10, #0\n"
        "umlal r9, r10, r0, r1\n"         /* 0x2_fffffffb */
        "movs r11, #5\n movs r12, #7\n"
        "umaal r11, r12, r0, r1\n"        /* 0x2_fffffffa + 5 + 7 = 0x3_00000006 */
        HARNESS_EXIT);
    assert_int_equal(h->cpu.r[2], (uint32_t)-6);
    assert_int_equal(h->cpu.r[3], (uint32_t)-3);
    assert_int_equal(h->cpu.r[4], 9);
    assert_int_equal(h->cpu.r[5], (uint32_t)-6);
    assert_int_equal(h->cpu.r[6], 0xffffffffu);
    assert_int_equal(h->cpu.r[7], 0xfffffffau);
    assert_int_equal(h->cpu.r[8], 2);
    assert_int_equal(h->cpu.r[9], 0xfffffffbu);
    assert_int_equal(h->cpu.r[10], 2);
    assert_int_equal(h->cpu.r[11], 6);
    assert_int_equal(h->cpu.r[12], 3);
    harness_free(h);
}

static void test_divide(void **state)
{
    (void)state;
    struct harness *h = run(
        "ldr r0, =-7\n movs r1, #2\n movs r2, #0\n ldr r3, =0x80000000\n ldr r4, =-1\n"
        "sdiv r5, r0, r1\n"    /* -3 (toward zero) */
        "udiv r6, r0, r1\n"    /* 0x7ffffffc */
        "sdiv r7, r0, r2\n"    /* by zero: 0 */
        "udiv r8, r0, r2\n"
        "sdiv r9, r3, r4\n"    /* overflow: 0x80000000 */
        HARNESS_EXIT);
    assert_int_equal(h->cpu.r[5], (uint32_t)-3);
    assert_int_equal(h->cpu.r[6], 0x7ffffffcu);
    assert_int_equal(h->cpu.r[7], 0);
    assert_int_equal(h->cpu.r[8], 0);
    assert_int_equal(h->cpu.r[9], 0x80000000u);
    harness_free(h);
}

static void test_divide_by_zero_trap(void **state)
{
    (void)state;
    struct harness *h = harness_new();
    /* CCR.DIV_0_TRP = 1, enable UsageFault in SHCSR, then divide by zero. */
    assert_true(harness_asm(h, HARNESS_CODE,
                            "ldr r0, =0xE000ED14\n ldr r1, [r0]\n orr r1, r1, #0x10\n str r1, [r0]\n"
                            "ldr r0, =0xE000ED24\n ldr r1, [r0]\n orr r1, r1, #0x40000\n str r1, [r0]\n"
                            "movs r2, #0\n movs r3, #5\n"
                            "udiv r4, r3, r2\n" HARNESS_EXIT) > 0);
    harness_reset(h, HARNESS_CODE);
    assert_int_equal(harness_run(h, 2000), CPU_STOP_LIMIT);
    assert_int_equal(h->cpu.ipsr, CPU_EXC_USAGEFAULT);
    assert_int_equal(h->cpu.r[15], HARNESS_TRAP);
    assert_true(h->cpu.sys.cfsr & (1u << 25)); /* DIVBYZERO */
    harness_free(h);
}

static void test_bitfield_extend(void **state)
{
    (void)state;
    struct harness *h = run(
        "ldr r0, =0x12345678\n"
        "ubfx r1, r0, #4, #8\n"      /* 0x67 */
        "sbfx r2, r0, #4, #8\n"      /* 0x67 positive */
        "sbfx r3, r0, #8, #4\n"      /* 0x6 */
        "ldr r4, =0xffffffff\n bfi r4, r0, #8, #12\n" /* 0xff678ff -> 0xfff678ff */
        "mov r5, r0\n bfc r5, #0, #16\n"
        "sxtb r6, r0, ror #24\n"     /* 0x12 */
        "uxth r7, r0, ror #8\n"      /* 0x3456 */
        "ldr r8, =0x80\n sxtb r8, r8\n"
        "movs r9, #1\n uxtab r9, r9, r0\n" /* 1 + 0x78 */
        "clz r10, r0\n rbit r11, r0\n"
        HARNESS_EXIT);
    assert_int_equal(h->cpu.r[1], 0x67);
    assert_int_equal(h->cpu.r[2], 0x67);
    assert_int_equal(h->cpu.r[3], 0x6);
    assert_int_equal(h->cpu.r[4], 0xfff678ffu);
    assert_int_equal(h->cpu.r[5], 0x12340000u);
    assert_int_equal(h->cpu.r[6], 0x12);
    assert_int_equal(h->cpu.r[7], 0x3456);
    assert_int_equal(h->cpu.r[8], 0xffffff80u);
    assert_int_equal(h->cpu.r[9], 0x79);
    assert_int_equal(h->cpu.r[10], 3);
    assert_int_equal(h->cpu.r[11], 0x1e6a2c48u);
    harness_free(h);
}

static void test_rev_sat(void **state)
{
    (void)state;
    struct harness *h = run(
        "ldr r0, =0x12345680\n rev r1, r0\n rev16 r2, r0\n revsh r3, r0\n"
        "ldr r4, =1000\n ssat r5, #8, r4\n usat r6, #8, r4\n"
        "ldr r7, =-5\n usat r8, #4, r7\n ssat r9, #16, r7\n mrs r12, apsr\n"
        HARNESS_EXIT);
    assert_int_equal(h->cpu.r[1], 0x80563412u);
    assert_int_equal(h->cpu.r[2], 0x34128056u);
    assert_int_equal(h->cpu.r[3], 0xffff8056u);
    assert_int_equal(h->cpu.r[5], 127);
    assert_int_equal(h->cpu.r[6], 255);
    assert_int_equal(h->cpu.r[8], 0);
    assert_int_equal(h->cpu.r[9], (uint32_t)-5);
    assert_true(h->cpu.r[12] & FLAG_Q);
    harness_free(h);
}

int main(void)
{
    if (!harness_have_as()) {
        printf("arm-none-eabi-as not installed: skipping\n");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_adds_flags),
        cmocka_unit_test(test_subs_cmp_flags),
        cmocka_unit_test(test_adc_sbc_carry_chain),
        cmocka_unit_test(test_shift_carry),
        cmocka_unit_test(test_thumb_expand_imm),
        cmocka_unit_test(test_multiply),
        cmocka_unit_test(test_divide),
        cmocka_unit_test(test_divide_by_zero_trap),
        cmocka_unit_test(test_bitfield_extend),
        cmocka_unit_test(test_rev_sat),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
