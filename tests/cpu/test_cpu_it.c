/* IT blocks (ARMv7-M ARM A7.3.3): conditional execution, ITSTATE advance,
 * 16-bit instructions not setting flags inside IT, a branch as the last
 * instruction, ITSTATE kept across an exception and across run-loop exits,
 * and the UNPREDICTABLE cases decoded as UNDEFINED. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "core/insn.h"
#include "harness.h"
#include "harness_assert.h"

#define FLAG_Z (1u << 30)
#define UFSR_UNDEFINSTR (1u << 16)

static struct harness *load(const char *src)
{
    return harness_load_asm(src);
}

static struct harness *run(const char *src)
{
    return harness_run_asm(src, 100000, CPU_STOP_EXIT);
}

static void test_then_else(void **state)
{
    (void)state;
    struct harness *h = run(
        "movs r0, #1\n movs r4, #0\n movs r5, #0\n cmp r0, #1\n"
        "itete eq\n addeq r4, #1\n addne r4, #2\n addeq r4, #4\n addne r4, #8\n"
        "cmp r0, #2\n ittt eq\n moveq r5, #1\n moveq r5, #2\n moveq r5, #3\n"
        "movs r6, #9\n" HARNESS_EXIT);
    assert_int_equal(h->cpu.r[4], 5);
    assert_int_equal(h->cpu.r[5], 0);
    assert_int_equal(h->cpu.r[6], 9);
    assert_int_equal(h->cpu.itstate, 0);
    harness_free(h);
}

static void test_16bit_no_flags_inside_it(void **state)
{
    (void)state;
    /* "adds r2, r2, r3" inside IT is encoded as the 16-bit ADD (T1) that
     * sets no flags there: Z from the CMP must survive. */
    struct harness *h = run(
        "movs r2, #1\n movs r3, #1\n cmp r2, r2\n"
        "it eq\n addeq r2, r2, r3\n mrs r7, apsr\n"
        "cmp r2, r2\n it eq\n lsleq r2, r2, #31\n mrs r8, apsr\n" HARNESS_EXIT);
    assert_int_equal(h->cpu.r[2], 0);
    assert_true(h->cpu.r[7] & FLAG_Z);
    assert_true(h->cpu.r[8] & FLAG_Z);
    harness_free(h);
}

static void test_32bit_sets_flags_inside_it(void **state)
{
    (void)state;
    struct harness *h = run("movs r2, #0\n cmp r2, #0\n it eq\n addseq.w r2, r2, #1\n mrs r7, apsr\n" HARNESS_EXIT);
    assert_int_equal(h->cpu.r[2], 1);
    assert_false(h->cpu.r[7] & FLAG_Z);
    harness_free(h);
}

static void test_branch_last_in_it(void **state)
{
    (void)state;
    struct harness *h = run(
        "movs r4, #0\n movs r0, #3\n"
        "1: adds r4, #1\n subs r0, #1\n cmp r0, #0\n itt ne\n addne r5, r4, #0\n bne 1b\n"
        "movs r6, #1\n" HARNESS_EXIT);
    assert_int_equal(h->cpu.r[4], 3);
    assert_int_equal(h->cpu.r[5], 2);
    assert_int_equal(h->cpu.r[6], 1);
    harness_free(h);
}

static void test_itstate_across_exception(void **state)
{
    (void)state;
    /* SVC in the middle of an IT block: after the handler returns, the
     * rest of the block is still conditional (ITSTATE is stacked in xPSR). */
    struct harness *h = harness_new();
    assert_true(harness_asm(h, HARNESS_CODE + 0x300, "adds r9, #1\n bx lr\n") > 0);
    assert_true(harness_asm(h, HARNESS_CODE,
                            "movs r4, #0\n movs r9, #0\n movs r0, #1\n cmp r0, #1\n"
                            "itete eq\n svceq #0\n addne r4, #1\n addeq r4, #2\n addne r4, #4\n"
                            "movs r6, #1\n" HARNESS_EXIT) > 0);
    harness_reset(h, HARNESS_CODE);
    harness_put32(h, HARNESS_FLASH + 4 * CPU_EXC_SVCALL, (HARNESS_CODE + 0x300) | 1);
    assert_int_equal(harness_run(h, 10000), CPU_STOP_EXIT);
    assert_int_equal(h->cpu.r[9], 1);
    assert_int_equal(h->cpu.r[4], 2);
    harness_free(h);
}

/* Stopping the run loop every cycle (mid-block, mid-IT) gives the same
 * result as one run. */
static void test_stop_anywhere(void **state)
{
    (void)state;
    const char *src =
        "movs r4, #0\n movs r0, #20\n"
        "1: and r1, r0, #3\n cmp r1, #2\n itete lt\n addlt r4, #1\n addge r4, #3\n"
        "eorlt r4, r4, #0x10\n subge r4, #1\n subs r0, #1\n bne 1b\n" HARNESS_EXIT;
    struct harness *a = run(src);
    struct harness *b = load(src);
    enum cpu_stop r;
    int guard = 0;
    while ((r = harness_run(b, 1)) == CPU_STOP_LIMIT && guard++ < 100000)
        ;
    assert_int_equal(r, CPU_STOP_EXIT);
    assert_int_equal(a->cpu.r[4], b->cpu.r[4]);
    assert_int_equal(a->cpu.cycles, b->cpu.cycles);
    assert_int_equal(a->cpu.insns, b->cpu.insns);
    harness_free(a);
    harness_free(b);
}

static void expect_undef(const char *src)
{
    struct harness *h = load(src);
    assert_int_equal(harness_run(h, 3000), CPU_STOP_LIMIT);
    assert_int_equal(h->cpu.r[15], HARNESS_TRAP);
    assert_int_equal(h->cpu.ipsr, CPU_EXC_HARDFAULT);
    assert_true(h->cpu.sys.cfsr & UFSR_UNDEFINSTR);
    harness_free(h);
}

static void test_unpredictable_it_cases(void **state)
{
    (void)state;
    /* cmp r0, r0 makes EQ pass: a failing condition would skip them.
     * Raw IT encodings (0xbf08 IT EQ, 0xbf04 ITT EQ) keep gas out of it. */
    expect_undef("cmp r0, r0\n it eq\n .hword 0xbf08\n nop\n" HARNESS_EXIT);  /* IT in IT */
    expect_undef("cmp r0, r0\n .hword 0xbf04, 0xd000, 0xbf00\n" HARNESS_EXIT); /* B<c> in IT */
    expect_undef("cmp r0, r0\n .hword 0xbf04, 0xe000, 0xbf00\n" HARNESS_EXIT); /* B not last */
    expect_undef("cmp r0, r0\n it eq\n .hword 0xb100\n nop\n" HARNESS_EXIT);  /* CBZ in IT */
}

static void test_undefined_encodings(void **state)
{
    (void)state;
    expect_undef(".hword 0xde00\n" HARNESS_EXIT);                     /* UDF #0 */
    expect_undef(".hword 0xf7f0, 0xa000\n" HARNESS_EXIT);             /* UDF.W */
    expect_undef(".hword 0xe8d0, 0x0000\n" HARNESS_EXIT);             /* TBB with bad bits */
    expect_undef(".hword 0xfb00, 0xf0c0\n" HARNESS_EXIT);             /* multiply op2 11: none */
    expect_undef(".hword 0xf850, 0x0400\n" HARNESS_EXIT);             /* LDR: bad op2 */
}

/* cpu_cond_pass against ConditionPassed() written out (A7.3.1). */
static void test_condition_table(void **state)
{
    (void)state;
    struct cpu cpu = { 0 };
    for (unsigned nzcv = 0; nzcv < 16; nzcv++) {
        bool n = nzcv & 8, z = nzcv & 4, c = nzcv & 2, v = nzcv & 1;
        cpu.apsr_n = n, cpu.apsr_z = z, cpu.apsr_c = c, cpu.apsr_v = v;
        for (unsigned cond = 0; cond < 16; cond++) {
            bool r;
            switch (cond >> 1) {
            case 0: r = z; break;
            case 1: r = c; break;
            case 2: r = n; break;
            case 3: r = v; break;
            case 4: r = c && !z; break;
            case 5: r = n == v; break;
            case 6: r = n == v && !z; break;
            default: r = true; break;
            }
            if ((cond & 1) && cond != 15)
                r = !r;
            assert_int_equal(cpu_cond_pass(&cpu, cond), r);
        }
    }
}

int main(void)
{
    if (!harness_have_as()) {
        printf("arm-none-eabi-as not installed: skipping\n");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_condition_table),
        cmocka_unit_test(test_then_else),
        cmocka_unit_test(test_16bit_no_flags_inside_it),
        cmocka_unit_test(test_32bit_sets_flags_inside_it),
        cmocka_unit_test(test_branch_last_in_it),
        cmocka_unit_test(test_itstate_across_exception),
        cmocka_unit_test(test_stop_anywhere),
        cmocka_unit_test(test_unpredictable_it_cases),
        cmocka_unit_test(test_undefined_encodings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
