/* Cycle counts (Cortex-M4 TRM 3.3.1) of instruction sequences, on the
 * block path (cpu_run) and the single-step path (cpu_step), which must
 * agree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "harness.h"

/* Cycles from HARNESS_CODE to the `end` label (exclusive). */
static uint64_t cycles_of(const char *body, bool step)
{
    char src[2048];
    snprintf(src, sizeof src, "%s\nend: b end\n", body);
    struct harness *h = harness_new();
    assert_non_null(h);
    assert_true(harness_asm(h, HARNESS_CODE, src) > 0);
    harness_reset(h, HARNESS_CODE);
    uint64_t start = h->cpu.cycles;
    /* The program ends on "end: b end"; find where it is: the last
     * halfword written.  Run until r[15] reaches it. */
    uint32_t end = HARNESS_CODE;
    for (uint32_t a = HARNESS_CODE; a < HARNESS_CODE + 2048; a += 2) {
        uint32_t hw;
        assert_true(bus_read(&h->bus, a, 2, &hw));
        if (hw == 0xe7fe) {
            end = a;
            break;
        }
    }
    int guard = 0;
    while (h->cpu.r[15] != end && guard++ < 10000) {
        if (step)
            cpu_step(&h->cpu);
        else
            cpu_run(&h->cpu, h->cpu.cycles + 1);
    }
    assert_int_equal(h->cpu.r[15], end);
    uint64_t c = h->cpu.cycles - start;
    harness_free(h);
    return c;
}

static void expect_cycles(const char *body, uint64_t n)
{
    assert_int_equal(cycles_of(body, false), n);
    assert_int_equal(cycles_of(body, true), n);
}

static void test_alu(void **state)
{
    (void)state;
    expect_cycles("movs r0, #1\n adds r0, r0, r0\n lsls r1, r0, #2\n add.w r2, r1, #7\n", 4);
}

static void test_mul(void **state)
{
    (void)state;
    expect_cycles("muls r0, r1, r0\n mla r2, r0, r1, r2\n umull r3, r4, r0, r1\n", 1 + 2 + 1);
}

/* Base address setup used below: MOVW + MOVT, 1 cycle each (gas would turn
 * "ldr r0, =0x20000000" into a MOV.W). */
#define R0_RAM "movw r0, #0\n movt r0, #0x2000\n"

static void test_loads_pipeline(void **state)
{
    (void)state;
    /* A lone load: 2; a run of N loads/stores: N + 1; STR [Rn, #imm]: 1. */
    expect_cycles(R0_RAM "ldr r1, [r0]\n", 2 + 2);
    expect_cycles(R0_RAM "ldr r1, [r0]\n ldr r2, [r0, #4]\n ldr r3, [r0, #8]\n", 2 + 2 + 1 + 1);
    expect_cycles(R0_RAM "adds r1, #1\n str r1, [r0]\n", 2 + 1 + 1);
    expect_cycles(R0_RAM "ldr r1, lit\n b 1f\n .align 2\n lit: .word 5\n 1:\n", 2 + 2 + 2);
}

static void test_ldm_stm(void **state)
{
    (void)state;
    expect_cycles(R0_RAM "stm r0, {r1-r4}\n ldm r0, {r1-r4}\n", 2 + 5 + 5);
    expect_cycles("push {r1, r2, lr}\n pop {r1, r2}\n add sp, #4\n", 4 + 3 + 1);
}

static void test_branches(void **state)
{
    (void)state;
    /* Taken branch: 1 + P (P = 1); not taken: 1. */
    expect_cycles("b 1f\n nop\n 1: nop\n", 2 + 1);
    expect_cycles("movs r0, #0\n cmp r0, #1\n beq 1f\n 1: nop\n", 1 + 1 + 1 + 1);
    expect_cycles("movs r0, #0\n cbz r0, 1f\n nop\n 1:\n", 1 + 2);
    expect_cycles("bl 1f\n b end\n 1: bx lr\n", 2 + 2 + 2);
}

static void test_it_skipped(void **state)
{
    (void)state;
    /* IT: 1; an instruction whose condition fails still costs 1. */
    expect_cycles("movs r0, #0\n cmp r0, #1\n ite eq\n addeq r1, #1\n addne r1, #2\n", 5);
}

static void test_divide_early_termination(void **state)
{
    (void)state;
    uint64_t small = cycles_of("movs r0, #7\n movs r1, #3\n udiv r2, r0, r1\n", false);
    uint64_t big = cycles_of("ldr r0, =0xffffffff\n movs r1, #3\n udiv r2, r0, r1\n", false);
    assert_true(small >= 2 + 2 && small <= 2 + 12);
    assert_true(big > small);
    assert_true(big - 3 <= 12); /* ldr 2 + movs 1 before the UDIV */
}

/* Devices see the exact time of the access: DWT CYCCNT read twice, the
 * reads' start times differ by the cycles of what ran in between. */
static void test_mmio_sees_exact_time(void **state)
{
    (void)state;
    struct harness *h = harness_new();
    assert_non_null(h);
    assert_true(harness_asm(h, HARNESS_CODE,
                            "ldr r0, =0xE000EDFC\n mov r1, #0x01000000\n str r1, [r0]\n"
                            "ldr r0, =0xE0001000\n movs r1, #1\n str r1, [r0]\n"
                            "ldr r2, [r0, #4]\n adds r5, #1\n adds r5, #1\n mul r5, r5, r5\n"
                            "ldr r3, [r0, #4]\n" HARNESS_EXIT) > 0);
    harness_reset(h, HARNESS_CODE);
    assert_int_equal(harness_run(h, 1000), CPU_STOP_EXIT);
    /* LDR (2) + ADDS + ADDS + MUL (1 each) */
    assert_int_equal(h->cpu.r[3] - h->cpu.r[2], 5);
    harness_free(h);
}

int main(void)
{
    if (!harness_have_as()) {
        printf("arm-none-eabi-as not installed: skipping\n");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alu),
        cmocka_unit_test(test_mul),
        cmocka_unit_test(test_loads_pipeline),
        cmocka_unit_test(test_ldm_stm),
        cmocka_unit_test(test_branches),
        cmocka_unit_test(test_it_skipped),
        cmocka_unit_test(test_divide_early_termination),
        cmocka_unit_test(test_mmio_sees_exact_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
