/* Code invalidation: a program that writes code to RAM, runs it, rewrites
 * it and runs the new code; and code changed from outside (a debugger or
 * loader writing memory through harness_poke). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "harness.h"

static void test_ram_code_rewritten(void **state)
{
    (void)state;
    struct harness *h = harness_new();
    /* f at 0x20001000: "movs r0, #N; bx lr", written as one word. */
    assert_true(harness_asm(h, HARNESS_CODE,
                            "ldr r5, =0x20001000\n"
                            "ldr r6, =0x47702005\n str r6, [r5]\n dsb\n isb\n"
                            "adds r7, r5, #1\n blx r7\n mov r8, r0\n"
                            "ldr r6, =0x47702009\n str r6, [r5]\n dsb\n isb\n"
                            "blx r7\n mov r9, r0\n"
                            "movs r6, #0x0c\n strb r6, [r5]\n" /* movs r0, #12: one byte */
                            "blx r7\n mov r10, r0\n" HARNESS_EXIT) > 0);
    harness_reset(h, HARNESS_CODE);
    assert_int_equal(harness_run(h, 10000), CPU_STOP_EXIT);
    assert_int_equal(h->cpu.r[8], 5);
    assert_int_equal(h->cpu.r[9], 9);
    assert_int_equal(h->cpu.r[10], 12);
    harness_free(h);
}

static void test_store_into_own_block(void **state)
{
    (void)state;
    /* Code in RAM that patches the instruction right after the store (same
     * predecoded block): the patched instruction runs. */
    struct harness *h = harness_new();
    assert_true(harness_asm(h, HARNESS_RAM + 0x2000,
                            "ldr r6, =0x2407\n adr r5, patch\n strh r6, [r5]\n"
                            "patch: movs r4, #1\n bx lr\n") > 0);
    assert_true(harness_asm(h, HARNESS_CODE,
                            "movs r4, #0\n ldr r7, =0x20002001\n blx r7\n" HARNESS_EXIT) > 0);
    harness_reset(h, HARNESS_CODE);
    assert_int_equal(harness_run(h, 10000), CPU_STOP_EXIT);
    assert_int_equal(h->cpu.r[4], 7); /* 0x2407 = movs r4, #7 */
    harness_free(h);
}

static void test_branch_target_rewritten(void **state)
{
    (void)state;
    /* A predecoded block follows "b far" into another 1 KiB page; writing
     * the code at the target must still be seen. */
    struct harness *h = harness_new();
    assert_true(harness_asm(h, HARNESS_RAM + 0x3000, "movs r4, #1\n b.w . + 0x7fe\n") > 0);
    assert_true(harness_asm(h, HARNESS_RAM + 0x3800, "movs r5, #2\n bx lr\n") > 0);
    assert_true(harness_asm(h, HARNESS_CODE,
                            "ldr r7, =0x20003001\n blx r7\n mov r8, r5\n"
                            "ldr r6, =0x2003\n ldr r0, =0x20003800\n strh r6, [r0]\n" /* movs r0, #3 */
                            "ldr r6, =0x2503\n strh r6, [r0]\n"                     /* movs r5, #3 */
                            "blx r7\n mov r9, r5\n" HARNESS_EXIT) > 0);
    harness_reset(h, HARNESS_CODE);
    assert_int_equal(harness_run(h, 10000), CPU_STOP_EXIT);
    assert_int_equal(h->cpu.r[8], 2);
    assert_int_equal(h->cpu.r[9], 3);
    harness_free(h);
}

static void test_external_write_invalidates(void **state)
{
    (void)state;
    struct harness *h = harness_new();
    assert_true(harness_asm(h, HARNESS_CODE, "movs r4, #1\n" HARNESS_EXIT) > 0);
    harness_reset(h, HARNESS_CODE);
    assert_int_equal(harness_run(h, 1000), CPU_STOP_EXIT);
    assert_int_equal(h->cpu.r[4], 1);
    /* Patch flash as a loader would, run again from the start. */
    assert_true(harness_put16(h, HARNESS_CODE, 0x2403)); /* movs r4, #3 */
    cpu_reset(&h->cpu);
    h->cpu.sys.exit_requested = false;
    assert_int_equal(harness_run(h, 1000), CPU_STOP_EXIT);
    assert_int_equal(h->cpu.r[4], 3);
    /* Without a reset: cpu_invalidate after a write behind the bus's back. */
    h->flash[HARNESS_CODE - HARNESS_FLASH] = 0x06; /* movs r4, #6 */
    cpu_invalidate(&h->cpu, HARNESS_CODE, 2);
    h->cpu.r[15] = HARNESS_CODE;
    h->cpu.sys.exit_requested = false;
    assert_int_equal(harness_run(h, 1000), CPU_STOP_EXIT);
    assert_int_equal(h->cpu.r[4], 6);
    harness_free(h);
}

int main(void)
{
    if (!harness_have_as()) {
        printf("arm-none-eabi-as not installed: skipping\n");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ram_code_rewritten),
        cmocka_unit_test(test_store_into_own_block),
        cmocka_unit_test(test_branch_target_rewritten),
        cmocka_unit_test(test_external_write_invalidates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
