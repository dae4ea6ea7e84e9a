/* System instructions: MRS/MSR (APSR, IPSR, MSP/PSP, PRIMASK, BASEPRI,
 * BASEPRI_MAX, FAULTMASK, CONTROL) with privilege rules, CPS, SP banking,
 * WFI sleep, SVC and BKPT. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "harness.h"
#include "harness_assert.h"

static struct harness *load(const char *src)
{
    return harness_load_asm(src);
}

static struct harness *run(const char *src)
{
    return harness_run_asm(src, 100000, CPU_STOP_EXIT);
}

static void test_msr_mrs_apsr(void **state)
{
    (void)state;
    struct harness *h = run("ldr r2, =0xf80f0000\n msr apsr_nzcvqg, r2\n mrs r3, apsr\n"
                            "movs r2, #0\n msr apsr_nzcvq, r2\n mrs r4, apsr\n mrs r5, xpsr\n"
                            HARNESS_EXIT);
    assert_int_equal(h->cpu.r[3], 0xf80f0000u);
    assert_int_equal(h->cpu.r[4], 0x000f0000u); /* GE kept */
    assert_int_equal(h->cpu.r[5], 0x000f0000u); /* EPSR reads as zero */
    harness_free(h);
}

static void test_mask_registers(void **state)
{
    (void)state;
    struct harness *h = run(
        "movs r2, #1\n msr primask, r2\n mrs r3, primask\n cpsie i\n mrs r4, primask\n"
        "movs r2, #0x40\n msr basepri, r2\n movs r2, #0x80\n msr basepri_max, r2\n mrs r5, basepri\n"
        "movs r2, #0x20\n msr basepri_max, r2\n mrs r6, basepri\n"
        "movs r2, #0x47\n msr basepri, r2\n mrs r7, basepri\n movs r2, #0\n msr basepri, r2\n"
        "cpsid f\n mrs r8, faultmask\n cpsie f\n mrs r9, faultmask\n"
        HARNESS_EXIT);
    assert_int_equal(h->cpu.r[3], 1);
    assert_int_equal(h->cpu.r[4], 0);
    assert_int_equal(h->cpu.r[5], 0x40);   /* BASEPRI_MAX does not lower priority */
    assert_int_equal(h->cpu.r[6], 0x20);
    assert_int_equal(h->cpu.r[7], 0x40);   /* 4 priority bits implemented */
    assert_int_equal(h->cpu.r[8], 1);
    assert_int_equal(h->cpu.r[9], 0);
    harness_free(h);
}

static void test_psp_banking(void **state)
{
    (void)state;
    struct harness *h = run(
        "ldr r2, =0x20008000\n msr psp, r2\n mrs r3, psp\n"
        "movs r2, #2\n msr control, r2\n isb\n mov r4, sp\n mrs r5, msp\n mrs r6, control\n"
        "movs r2, #0\n msr control, r2\n isb\n mov r7, sp\n"
        HARNESS_EXIT);
    assert_int_equal(h->cpu.r[3], 0x20008000u);
    assert_int_equal(h->cpu.r[4], 0x20008000u);
    assert_int_equal(h->cpu.r[5], HARNESS_STACK);
    assert_int_equal(h->cpu.r[6], 2);
    assert_int_equal(h->cpu.r[7], HARNESS_STACK);
    harness_free(h);
}

static void test_unprivileged_ignored(void **state)
{
    (void)state;
    /* CONTROL.nPRIV = 1: MSR to masks is ignored, MRS of them reads 0, CPS
     * is a NOP; CONTROL cannot be written back. */
    struct harness *h = run(
        "movs r2, #1\n msr primask, r2\n movs r2, #1\n msr control, r2\n isb\n"
        "mrs r3, primask\n movs r2, #0\n msr primask, r2\n cpsie i\n"
        "msr control, r2\n mrs r4, control\n"
        HARNESS_EXIT);
    assert_int_equal(h->cpu.r[3], 0);
    assert_int_equal(h->cpu.primask, 1);
    assert_int_equal(h->cpu.r[4], 1);
    harness_free(h);
}

static void test_wfi_sleeps(void **state)
{
    (void)state;
    struct harness *h = load("cpsid i\n wfi\n movs r4, #1\n" HARNESS_EXIT);
    assert_int_equal(harness_run(h, 10000), CPU_STOP_SLEEP);
    assert_true(h->cpu.sleeping);
    /* A pended interrupt wakes it even with PRIMASK set (B1.5.19). */
    armv7m_irq_pulse(&h->cpu, 5);
    h->cpu.sys.enabled[CPU_EXC_IRQ0 + 5] = true;
    armv7m_set_pending(&h->cpu, CPU_EXC_IRQ0 + 5);
    assert_int_equal(harness_run(h, 10000), CPU_STOP_EXIT);
    assert_int_equal(h->cpu.r[4], 1);
    harness_free(h);
}

static void test_systick_wakes_wfi(void **state)
{
    (void)state;
    /* SysTick every 1000 cycles; the handler counts in r8; main sleeps. */
    struct harness *h = harness_new();
    assert_true(harness_asm(h, HARNESS_CODE + 0x300, "adds r8, #1\n bx lr\n") > 0);
    assert_true(harness_asm(h, HARNESS_CODE,
                            "movs r8, #0\n ldr r0, =0xE000E010\n ldr r1, =999\n str r1, [r0, #4]\n"
                            "movs r1, #0\n str r1, [r0, #8]\n movs r1, #7\n str r1, [r0]\n"
                            "1: wfi\n cmp r8, #3\n blt 1b\n" HARNESS_EXIT) > 0);
    harness_reset(h, HARNESS_CODE);
    harness_put32(h, HARNESS_FLASH + 4 * CPU_EXC_SYSTICK, (HARNESS_CODE + 0x300) | 1);
    assert_int_equal(harness_run(h, 100000), CPU_STOP_EXIT);
    assert_int_equal(h->cpu.r[8], 3);
    /* Three SysTick periods went by, mostly asleep. */
    assert_true(h->cpu.cycles >= 3000 && h->cpu.cycles < 3200);
    harness_free(h);
}

static void test_irq_taken_after_pending_store(void **state)
{
    (void)state;
    /* Enabling and pending IRQ 5 through the NVIC takes it right after the
     * store that pended it: the next instruction already sees r8 set. */
    struct harness *h = harness_new();
    assert_true(harness_asm(h, HARNESS_CODE + 0x300, "movs r8, #1\n bx lr\n") > 0);
    assert_true(harness_asm(h, HARNESS_CODE,
                            "movs r8, #0\n ldr r0, =0xE000E100\n movs r1, #0x20\n str r1, [r0]\n"
                            "ldr r0, =0xE000E200\n str r1, [r0]\n mov r9, r8\n" HARNESS_EXIT) > 0);
    harness_reset(h, HARNESS_CODE);
    harness_put32(h, HARNESS_FLASH + 4 * (CPU_EXC_IRQ0 + 5), (HARNESS_CODE + 0x300) | 1);
    assert_int_equal(harness_run(h, 10000), CPU_STOP_EXIT);
    assert_int_equal(h->cpu.r[9], 1);
    harness_free(h);
}

static void test_semihosting_output(void **state)
{
    (void)state;
    struct harness *h = run("movs r0, #4\n adr r1, msg\n bkpt 0xab\n b 1f\n .align 2\n"
                            "msg: .asciz \"hello\\n\"\n .align 1\n 1:\n" HARNESS_EXIT);
    assert_string_equal(harness_output(h), "hello\n");
    harness_free(h);
}

static void test_bkpt_halts_when_debugging(void **state)
{
    (void)state;
    struct harness *h = load("movs r4, #1\n bkpt 0x12\n movs r4, #2\n" HARNESS_EXIT);
    h->cpu.sys.dhcsr |= 1; /* C_DEBUGEN, as a debugger sets it */
    assert_int_equal(harness_run(h, 1000), CPU_STOP_HALT);
    assert_int_equal(h->cpu.halt_reason, CPU_HALT_BKPT);
    assert_int_equal(h->cpu.r[4], 1);
    assert_int_equal(h->cpu.r[15], HARNESS_CODE + 2);
    /* Stepping from a halt executes one instruction and halts again. */
    h->cpu.r[15] += 2;
    assert_int_equal(cpu_step(&h->cpu), CPU_STOP_HALT);
    assert_int_equal(h->cpu.r[4], 2);
    cpu_resume(&h->cpu);
    assert_int_equal(harness_run(h, 1000), CPU_STOP_EXIT);
    harness_free(h);
}

static void test_halt_request(void **state)
{
    (void)state;
    struct harness *h = load("1: adds r4, #1\n b 1b\n");
    h->cpu.sys.dhcsr |= 1;
    assert_int_equal(harness_run(h, 1000), CPU_STOP_LIMIT);
    cpu_request_halt(&h->cpu);
    assert_int_equal(harness_run(h, 1000), CPU_STOP_HALT);
    assert_int_equal(h->cpu.halt_reason, CPU_HALT_REQUEST);
    uint32_t r4 = h->cpu.r[4];
    assert_int_equal(harness_run(h, 1000), CPU_STOP_HALT); /* stays halted */
    assert_int_equal(h->cpu.r[4], r4);
    cpu_resume(&h->cpu);
    assert_int_equal(harness_run(h, 1000), CPU_STOP_LIMIT);
    assert_true(h->cpu.r[4] > r4);
    cpu_kick(&h->cpu);
    uint64_t c = h->cpu.cycles;
    assert_int_equal(harness_run(h, 1000), CPU_STOP_LIMIT);
    assert_int_equal(h->cpu.cycles, c); /* kick: returned at once */
    harness_free(h);
}

static void test_fpb_breakpoint(void **state)
{
    (void)state;
    struct harness *h = load("movs r4, #1\n movs r4, #2\n movs r4, #3\n" HARNESS_EXIT);
    h->cpu.sys.dhcsr |= 1;
    /* FP_COMP0 on HARNESS_CODE + 2 (REPLACE = 10: upper halfword), FP_CTRL on. */
    assert_true(bus_write(&h->bus, 0xE0002000, 4, 3));
    assert_true(bus_write(&h->bus, 0xE0002008, 4, ((HARNESS_CODE + 2) & 0x1ffffffc) | (2u << 30) | 1));
    assert_int_equal(harness_run(h, 1000), CPU_STOP_HALT);
    assert_int_equal(h->cpu.halt_reason, CPU_HALT_FPB);
    assert_int_equal(h->cpu.r[15], HARNESS_CODE + 2);
    assert_int_equal(h->cpu.r[4], 1);
    harness_free(h);
}

static void test_dwt_watchpoint(void **state)
{
    (void)state;
    struct harness *h = load("ldr r0, =0x20000800\n movs r1, #1\n ldr r2, [r0]\n str r1, [r0]\n"
                             "movs r4, #5\n movs r4, #6\n" HARNESS_EXIT);
    h->cpu.sys.dhcsr |= 1;
    assert_true(bus_write(&h->bus, 0xE000EDFC, 4, 1u << 24));   /* DEMCR.TRCENA */
    assert_true(bus_write(&h->bus, 0xE0001020, 4, 0x20000800)); /* COMP0 */
    assert_true(bus_write(&h->bus, 0xE0001024, 4, 0));          /* MASK0 */
    assert_true(bus_write(&h->bus, 0xE0001028, 4, 6));          /* FUNCTION0: write */
    assert_int_equal(harness_run(h, 1000), CPU_STOP_HALT);
    assert_int_equal(h->cpu.halt_reason, CPU_HALT_WATCH);
    /* The load did not trigger it; the store did, and completed. */
    uint32_t v;
    assert_true(bus_read(&h->bus, 0x20000800, 4, &v));
    assert_int_equal(v, 1);
    assert_int_not_equal(h->cpu.r[4], 6);
    harness_free(h);
}

static void test_trace_output(void **state)
{
    (void)state;
    struct harness *h = load("movs r4, #7\n adds r4, #1\n" HARNESS_EXIT);
    FILE *f = tmpfile();
    assert_non_null(f);
    h->cpu.cfg.trace = true;
    h->cpu.cfg.trace_out = f;
    assert_int_equal(harness_run(h, 1000), CPU_STOP_EXIT);
    assert_int_equal(h->cpu.r[4], 8);
    rewind(f);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    /* address, encoding and capstone's disassembly, one line each */
    assert_non_null(strstr(buf, "08000400: 2407"));
    assert_non_null(strstr(buf, "movs"));
    assert_non_null(strstr(buf, "bkpt"));
    harness_free(h);
}

int main(void)
{
    if (!harness_have_as()) {
        printf("arm-none-eabi-as not installed: skipping\n");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_msr_mrs_apsr),
        cmocka_unit_test(test_mask_registers),
        cmocka_unit_test(test_psp_banking),
        cmocka_unit_test(test_unprivileged_ignored),
        cmocka_unit_test(test_wfi_sleeps),
        cmocka_unit_test(test_systick_wakes_wfi),
        cmocka_unit_test(test_irq_taken_after_pending_store),
        cmocka_unit_test(test_semihosting_output),
        cmocka_unit_test(test_bkpt_halts_when_debugging),
        cmocka_unit_test(test_halt_request),
        cmocka_unit_test(test_fpb_breakpoint),
        cmocka_unit_test(test_dwt_watchpoint),
        cmocka_unit_test(test_trace_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
