/* FPv4-SP and DSP instructions inside the whole core: decoded through the
 * integer decoder's hooks, run by the run loop (IT blocks, literal pools,
 * the stack), with the CPACR check and the Cortex-M4 cycle counts.
 * Programs are assembled with arm-none-eabi-as (skipped without it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "core/fp_ops.h"
#include "harness.h"
#include "harness_assert.h"

/* CPACR = CP10/CP11 full access (what startup code does), then a barrier. */
#define FPU_ON "ldr r0, =0xe000ed88\n ldr r1, =0x00f00000\n str r1, [r0]\n dsb\n isb\n"

static struct harness *run(const char *src, uint64_t cycles)
{
    return harness_run_asm(src, cycles, CPU_STOP_EXIT);
}

static int need_as(void **state)
{
    (void)state;
    if (!harness_have_as())
        skip();
    return 0;
}

static void test_arithmetic_and_flags(void **state)
{
    (void)state;
    struct harness *h = run(FPU_ON
        "vldr s0, one_and_half\n"
        "vmov.f32 s1, #2.0\n"
        "vadd.f32 s2, s0, s1\n"          /* 3.5 */
        "vmul.f32 s3, s2, s1\n"          /* 7.0 */
        "vdiv.f32 s4, s3, s1\n"          /* 3.5 */
        "vsqrt.f32 s5, s1\n"
        "vcmpe.f32 s4, s2\n"
        "vmrs APSR_nzcv, fpscr\n"
        "ite eq\n"
        "vmoveq.f32 s6, #1.0\n"
        "vmovne.f32 s6, #-1.0\n"
        "vcvt.s32.f32 s7, s3\n"
        "vmov r5, s7\n"
        "vcmp.f32 s0, #0.0\n"
        "vmrs r6, fpscr\n"
        "b 1f\n"
        ".align 2\n"
        "one_and_half: .float 1.5\n"
        "1:\n" HARNESS_EXIT, 100000);
    assert_int_equal(h->cpu.s[2], 0x40600000u);
    assert_int_equal(h->cpu.s[3], 0x40e00000u);
    assert_int_equal(h->cpu.s[4], 0x40600000u);
    assert_int_equal(h->cpu.s[5], 0x3fb504f3u);
    assert_int_equal(h->cpu.s[6], 0x3f800000u);
    assert_int_equal(h->cpu.r[5], 7);
    assert_int_equal(h->cpu.r[6] & FPSCR_NZCV, FPSCR_C);      /* 1.5 > 0 */
    assert_int_equal(h->cpu.r[6] & FPSCR_EXC_MASK, FPSCR_IXC); /* from the square root */
    harness_free(h);
}

static void test_stack_and_multiple_transfers(void **state)
{
    (void)state;
    struct harness *h = run(FPU_ON
        "mov r4, sp\n"
        "vmov.f32 s16, #1.0\n vmov.f32 s17, #2.0\n vmov.f32 s18, #3.0\n"
        "vpush {s16-s18}\n"
        "mov r7, sp\n"
        "vmov.f32 s16, #0.5\n vmov.f32 s17, #0.5\n vmov.f32 s18, #0.5\n"
        "vpop {s16-s18}\n"
        "ldr r0, =0x20000100\n"
        "vstmia r0!, {d8}\n"           /* s16, s17 as one double register */
        "vldmdb r0!, {s20-s21}\n"
        "vmov r8, r9, s20, s21\n"
        "vmov s24, s25, r9, r8\n"
        "vmov r10, r11, d12\n"
        "vldr s26, [r0, #4]\n"
        "vstr s18, [r0, #8]\n"
        HARNESS_EXIT, 100000);
    assert_int_equal(h->cpu.r[7], h->cpu.r[4] - 12);
    assert_int_equal(h->cpu.r[13], h->cpu.r[4]);
    assert_int_equal(h->cpu.s[16], 0x3f800000u);
    assert_int_equal(h->cpu.s[18], 0x40400000u);
    assert_int_equal(h->cpu.r[0], 0x20000100u);
    assert_int_equal(h->cpu.r[8], 0x3f800000u);
    assert_int_equal(h->cpu.r[9], 0x40000000u);
    assert_int_equal(h->cpu.r[10], 0x40000000u);
    assert_int_equal(h->cpu.r[11], 0x3f800000u);
    assert_int_equal(h->cpu.s[26], 0x40000000u);
    uint32_t w;
    assert_true(bus_read(&h->bus, 0x20000108u, 4, &w));
    assert_int_equal(w, 0x40400000u);
    harness_free(h);
}

static void test_fpscr_modes(void **state)
{
    (void)state;
    struct harness *h = run(FPU_ON
        "ldr r0, =0x03c00000\n"          /* AHP DN FZ, RZ */
        "vmsr fpscr, r0\n"
        "vmov.f32 s0, #1.0\n"
        "ldr r1, =0x33800000\n vmov s1, r1\n" /* 2^-24 */
        "vadd.f32 s2, s0, s1\n"          /* RZ: 1.0 */
        "ldr r1, =0x00000001\n vmov s3, r1\n"
        "vadd.f32 s4, s0, s3\n"          /* FZ: IDC */
        "vmrs r2, fpscr\n"
        "ldr r1, =0xffffffff\n vmsr fpscr, r1\n vmrs r3, fpscr\n"
        HARNESS_EXIT, 100000);
    assert_int_equal(h->cpu.s[2], 0x3f800000u);
    assert_int_equal(h->cpu.r[2], 0x03c00000u | FPSCR_IXC | FPSCR_IDC);
    assert_int_equal(h->cpu.r[3], FPSCR_WRITABLE);
    harness_free(h);
}

static void test_nocp_without_cpacr(void **state)
{
    (void)state;
    struct harness *h = harness_new();
    assert_non_null(h);
    assert_true(harness_asm(h, HARNESS_CODE, "vadd.f32 s0, s0, s0\n" HARNESS_EXIT) > 0);
    harness_reset(h, HARNESS_CODE);
    harness_run(h, 1000);
    assert_int_equal(h->cpu.ipsr, CPU_EXC_HARDFAULT); /* UsageFault disabled: escalated */
    assert_true(h->cpu.sys.cfsr & (1u << 19));        /* UFSR.NOCP */
    harness_free(h);
}

static void test_double_precision_is_undefined(void **state)
{
    (void)state;
    struct harness *h = harness_new();
    assert_non_null(h);
    /* vadd.f64 d0, d0, d0 (FPv4-SP has no double-precision arithmetic) */
    assert_true(harness_asm(h, HARNESS_CODE, FPU_ON ".inst.w 0xee300b00\n" HARNESS_EXIT) > 0);
    harness_reset(h, HARNESS_CODE);
    harness_run(h, 1000);
    assert_int_equal(h->cpu.ipsr, CPU_EXC_HARDFAULT);
    assert_true(h->cpu.sys.cfsr & (1u << 16));        /* UFSR.UNDEFINSTR */
    harness_free(h);
}

/* Cortex-M4 TRM table 7-1: the difference between a program with N
 * instructions of a kind and the same program without them. */
static uint64_t cycles_of(const char *body)
{
    char src[1024];
    snprintf(src, sizeof src, FPU_ON "vmov.f32 s1, #2.0\n vmov.f32 s2, #3.0\n ldr r0, =0x20000100\n"
             "%s\n" HARNESS_EXIT, body);
    struct harness *h = run(src, 100000);
    uint64_t c = h->cpu.cycles;
    harness_free(h);
    return c;
}

static void test_cycle_counts(void **state)
{
    (void)state;
    uint64_t base = cycles_of("");
    assert_int_equal(cycles_of("vadd.f32 s0, s1, s2\n vmul.f32 s0, s1, s2\n") - base, 2);
    assert_int_equal(cycles_of("vdiv.f32 s0, s1, s2\n") - base, 14);
    assert_int_equal(cycles_of("vsqrt.f32 s0, s1\n") - base, 14);
    assert_int_equal(cycles_of("vfma.f32 s0, s1, s2\n") - base, 3);
    assert_int_equal(cycles_of("vmla.f32 s0, s1, s2\n") - base, 3);
    assert_int_equal(cycles_of("vldr s0, [r0]\n") - base, 2);
    assert_int_equal(cycles_of("vstmia r0, {s0-s3}\n") - base, 5);
    assert_int_equal(cycles_of("vmov r1, s1\n") - base, 1);
}

static void test_dsp_in_the_core(void **state)
{
    (void)state;
    struct harness *h = run(
        "ldr r0, =0x7fff0001\n ldr r1, =0x00010001\n"
        "msr APSR_nzcvqg, r2\n"           /* r2 = 0 after reset: clear Q and GE */
        "sadd16 r2, r0, r1\n"
        "sel r3, r0, r1\n"
        "ldr r4, =0x7fffffff\n"
        "qadd r5, r4, r4\n"
        "mrs r6, apsr\n"
        "smlabb r7, r0, r1, r4\n"
        "smlald r8, r9, r0, r1\n"
        "pkhtb r10, r0, r1, asr #16\n"
        "uxtb16 r11, r0, ror #8\n"
        "ssat16 r12, #8, r0\n"
        "mov r1, r12\n"
        HARNESS_EXIT, 100000);
    assert_int_equal(h->cpu.r[2], 0x80000002u);
    assert_int_equal(h->cpu.r[3], 0x7fff0001u);       /* GE = 1111: all from r0 */
    assert_int_equal(h->cpu.r[5], 0x7fffffffu);
    assert_int_equal(h->cpu.r[6] & 0xf80f0000u, 0x080f0000u); /* Q, GE 1111 */
    assert_int_equal(h->cpu.r[7], 0x80000000u);
    assert_int_equal(h->cpu.r[8], 1 + 0x7fff);
    assert_int_equal(h->cpu.r[10], 0x7fff0001u);
    assert_int_equal(h->cpu.r[11], 0x007f0000u);
    assert_int_equal(h->cpu.r[1], 0x007f0001u);
    harness_free(h);
    /* One of each remaining group, through the integer decoder's hook. */
    h = run("ldr r0, =0x80ff0102\n ldr r1, =0x01017f7f\n ldr r2, =0x10\n"
            "usat16 r3, #4, r0\n"
            "uqsub8 r4, r0, r1\n"
            "shadd16 r5, r0, r1\n"
            "sxtab16 r6, r1, r0\n"
            "usada8 r7, r0, r1, r2\n"
            "smmls r8, r0, r1, r2\n"
            "mov r9, #0\n mov r10, #0\n"
            "smlsldx r9, r10, r0, r1\n"
            "pkhbt r11, r0, r1, lsl #8\n"
            HARNESS_EXIT, 100000);
    assert_int_equal(h->cpu.r[3], 0x0000000fu);
    assert_int_equal(h->cpu.r[4], 0x7ffe0000u);
    assert_int_equal(h->cpu.r[5], 0xc1004040u);
    assert_int_equal(h->cpu.r[6], 0x01007f81u);
    assert_int_equal(h->cpu.r[7], 0x10u + 0x7f + 0xfe + 0x7e + 0x7d);
    assert_int_equal(h->cpu.r[8], 0x007fbf50u);
    assert_int_equal(h->cpu.r[9], 0x3f418381u);
    assert_int_equal(h->cpu.r[10], 0);
    assert_int_equal(h->cpu.r[11], 0x017f0102u);
    harness_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_arithmetic_and_flags, need_as),
        cmocka_unit_test_setup(test_stack_and_multiple_transfers, need_as),
        cmocka_unit_test_setup(test_fpscr_modes, need_as),
        cmocka_unit_test_setup(test_nocp_without_cpacr, need_as),
        cmocka_unit_test_setup(test_double_precision_is_undefined, need_as),
        cmocka_unit_test_setup(test_cycle_counts, need_as),
        cmocka_unit_test_setup(test_dsp_in_the_core, need_as),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
