/* Control flow: B/BL/BX/BLX, CBZ/CBNZ, TBB/TBH, PC writes by POP/LDR/ADD/
 * MOV, interworking (INVSTATE), instruction fetch faults and exception
 * return through EXC_RETURN. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "harness.h"
#include "harness_assert.h"

#define UFSR_INVSTATE (1u << 17)
#define BFSR_IBUSERR (1u << 8)

static struct harness *load(const char *src)
{
    return harness_load_asm(src);
}

static struct harness *run(const char *src)
{
    return harness_run_asm(src, 100000, CPU_STOP_EXIT);
}

static void test_bl_bx_blx(void **state)
{
    (void)state;
    struct harness *h = run(
        "movs r4, #0\n bl f1\n adr r0, f2 + 1\n blx r0\n b.w done\n"
        "f1: adds r4, #1\n bx lr\n"
        ".align 2\n f2: adds r4, #10\n mov r5, lr\n bx lr\n"
        "done:\n" HARNESS_EXIT);
    assert_int_equal(h->cpu.r[4], 11);
    assert_int_equal(h->cpu.r[5] & 1, 1); /* LR holds a Thumb return address */
    harness_free(h);
}

static void test_cbz_cbnz(void **state)
{
    (void)state;
    struct harness *h = run(
        "movs r0, #0\n movs r1, #1\n movs r4, #0\n"
        "cbz r0, 1f\n adds r4, #1\n 1: cbnz r0, 2f\n adds r4, #2\n 2: cbz r1, 3f\n adds r4, #4\n"
        "3: cbnz r1, 4f\n adds r4, #8\n 4:\n" HARNESS_EXIT);
    assert_int_equal(h->cpu.r[4], 2 + 4);
    harness_free(h);
}

static void test_tbb_tbh(void **state)
{
    (void)state;
    struct harness *h = run(
        "movs r4, #0\n movs r1, #2\n"
        "tbb [pc, r1]\n"
        "t1: .byte (c0 - t1) / 2, (c1 - t1) / 2, (c2 - t1) / 2, 0\n"
        "c0: movs r4, #10\n b next\n c1: movs r4, #11\n b next\n c2: movs r4, #12\n"
        "next: movs r1, #1\n tbh [pc, r1, lsl #1]\n"
        "t2: .hword (d0 - t2) / 2, (d1 - t2) / 2\n"
        "d0: movs r5, #20\n b out\n d1: movs r5, #21\n out:\n" HARNESS_EXIT);
    assert_int_equal(h->cpu.r[4], 12);
    assert_int_equal(h->cpu.r[5], 21);
    harness_free(h);
}

static void test_pc_writes(void **state)
{
    (void)state;
    struct harness *h = run(
        "movs r4, #0\n adr r0, a1 + 1\n push {r0}\n pop {pc}\n"
        ".align 2\n a1: adds r4, #1\n adr r0, a2 + 1\n str r0, [sp, #-4]!\n ldr pc, [sp], #4\n"
        ".align 2\n a2: adds r4, #2\n adr r1, a3\n mov pc, r1\n"
        ".align 2\n a3: adds r4, #4\n movs r2, #2\n add pc, r2\n nop\n adds r4, #100\n"
        "adds r4, #8\n" HARNESS_EXIT);
    /* ADD PC, r2: PC reads as the ADD's address + 4, so +2 skips the
     * `nop; adds r4, #100` pair. */
    assert_int_equal(h->cpu.r[4], 1 + 2 + 4 + 8);
    harness_free(h);
}

static void test_bx_even_address_invstate(void **state)
{
    (void)state;
    struct harness *h = load("adr r0, t\n bx r0\n .align 2\n t: nop\n" HARNESS_EXIT);
    assert_int_equal(harness_run(h, 2000), CPU_STOP_LIMIT);
    assert_int_equal(h->cpu.r[15], HARNESS_TRAP);
    assert_int_equal(h->cpu.ipsr, CPU_EXC_HARDFAULT);
    assert_true(h->cpu.sys.cfsr & UFSR_INVSTATE);
    harness_free(h);
}

static void test_reset_vector_without_thumb_bit(void **state)
{
    (void)state;
    /* Reset vector with bit 0 clear: EPSR.T = 0, the first instruction
     * takes an INVSTATE UsageFault (escalated to HardFault). */
    struct harness *h = load("movs r4, #1\n" HARNESS_EXIT);
    harness_put32(h, HARNESS_FLASH + 4, HARNESS_CODE);
    cpu_reset(&h->cpu);
    assert_false(h->cpu.thumb);
    assert_int_equal(harness_run(h, 2000), CPU_STOP_LIMIT);
    assert_int_equal(h->cpu.r[15], HARNESS_TRAP);
    assert_int_equal(h->cpu.ipsr, CPU_EXC_HARDFAULT);
    assert_true(h->cpu.sys.cfsr & UFSR_INVSTATE);
    assert_int_equal(h->cpu.r[4], 0);
    harness_free(h);
}

static void test_branch_to_unmapped_ibuserr(void **state)
{
    (void)state;
    struct harness *h = load("ldr r0, =0x60000001\n bx r0\n" HARNESS_EXIT);
    assert_int_equal(harness_run(h, 2000), CPU_STOP_LIMIT);
    assert_int_equal(h->cpu.r[15], HARNESS_TRAP);
    assert_true(h->cpu.sys.cfsr & BFSR_IBUSERR);
    harness_free(h);
}

static void test_exception_return(void **state)
{
    (void)state;
    /* SVC handler: marks r4 and returns with BX LR (EXC_RETURN). */
    struct harness *h = harness_new();
    assert_true(harness_asm(h, HARNESS_CODE + 0x300, "mov r6, lr\n movs r4, #42\n bx lr\n") > 0);
    assert_true(harness_asm(h, HARNESS_CODE,
                            "movs r4, #0\n svc #1\n mrs r5, ipsr\n" HARNESS_EXIT) > 0);
    harness_reset(h, HARNESS_CODE);
    harness_put32(h, HARNESS_FLASH + 4 * CPU_EXC_SVCALL, (HARNESS_CODE + 0x300) | 1);
    assert_int_equal(harness_run(h, 10000), CPU_STOP_EXIT);
    assert_int_equal(h->cpu.r[4], 42);
    assert_int_equal(h->cpu.r[5], 0);              /* back in Thread mode */
    assert_int_equal(h->cpu.r[6], 0xfffffff9u);    /* EXC_RETURN: Thread, MSP */
    assert_int_equal(h->cpu.r[13], HARNESS_STACK);
    harness_free(h);
}

static void test_pop_exc_return(void **state)
{
    (void)state;
    struct harness *h = harness_new();
    assert_true(harness_asm(h, HARNESS_CODE + 0x300, "push {r4, lr}\n movs r4, #7\n mov r7, r4\n pop {r4, pc}\n") > 0);
    assert_true(harness_asm(h, HARNESS_CODE, "movs r4, #1\n movs r7, #0\n svc #1\n" HARNESS_EXIT) > 0);
    harness_reset(h, HARNESS_CODE);
    harness_put32(h, HARNESS_FLASH + 4 * CPU_EXC_SVCALL, (HARNESS_CODE + 0x300) | 1);
    assert_int_equal(harness_run(h, 10000), CPU_STOP_EXIT);
    assert_int_equal(h->cpu.r[4], 1);
    assert_int_equal(h->cpu.r[7], 7);
    assert_int_equal(h->cpu.ipsr, 0);
    harness_free(h);
}

int main(void)
{
    if (!harness_have_as()) {
        printf("arm-none-eabi-as not installed: skipping\n");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bl_bx_blx),
        cmocka_unit_test(test_cbz_cbnz),
        cmocka_unit_test(test_tbb_tbh),
        cmocka_unit_test(test_pc_writes),
        cmocka_unit_test(test_bx_even_address_invstate),
        cmocka_unit_test(test_reset_vector_without_thumb_bit),
        cmocka_unit_test(test_branch_to_unmapped_ibuserr),
        cmocka_unit_test(test_exception_return),
        cmocka_unit_test(test_pop_exc_return),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
