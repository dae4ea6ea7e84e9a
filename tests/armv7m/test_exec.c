/* The exception model driven by real instructions on the core's
 * plain-memory harness (tests/cpu/harness.h): SVC, SysTick periods,
 * preemption and tail-chaining, lazy FP stacking, PSP threads, faults,
 * lockup, semihosting, DHCSR stepping.  Needs arm-none-eabi-as. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "harness.h"

#define MAIN HARNESS_CODE
#define H1 (HARNESS_CODE + 0x400)
#define H2 (HARNESS_CODE + 0x600)
#define LOG HARNESS_RAM

static void prog(struct harness *h, uint32_t addr, const char *src)
{
    assert_true(harness_asm(h, addr, src) > 0);
}

static void vector(struct harness *h, unsigned exc, uint32_t handler)
{
    assert_true(harness_put32(h, HARNESS_FLASH + 4 * exc, handler | 1));
}

static uint32_t rd(struct harness *h, uint32_t addr)
{
    uint32_t v = 0;
    assert_true(bus_read(&h->bus, addr, 4, &v));
    return v;
}

static int setup(void **state)
{
    struct harness *h = harness_new();
    if (!h)
        return -1;
    *state = h;
    return 0;
}

static int teardown(void **state)
{
    harness_free(*state);
    return 0;
}

#define NEED_AS()                  \
    do {                           \
        if (!harness_have_as())    \
            skip();                \
    } while (0)

static void reset_from_vectors(void **state)
{
    struct harness *h = *state;
    harness_reset(h, MAIN);
    assert_int_equal(h->cpu.r[13], HARNESS_STACK);
    assert_int_equal(h->cpu.r[15], MAIN);
    assert_int_equal(cpu_xpsr(&h->cpu), 0x01000000u);
    assert_int_equal(h->cpu.r[14], 0xffffffffu);
}

static void svc_roundtrip(void **state)
{
    struct harness *h = *state;
    NEED_AS();
    prog(h, MAIN, "movs r0, #1\n svc #5\n movs r2, #7\n" HARNESS_EXIT);
    /* r0-r3 come back from the frame: the handler passes r0 through it. */
    prog(h, H1, "ldr r4, [sp, #24]\n ldr r0, [sp]\n adds r0, #1\n str r0, [sp]\n"
                "movs r1, #9\n mov r5, lr\n mrs r6, ipsr\n bx lr\n");
    harness_reset(h, MAIN);
    vector(h, CPU_EXC_SVCALL, H1);
    assert_int_equal(harness_run(h, 10000), CPU_STOP_EXIT);
    assert_int_equal(h->cpu.r[0], 2);
    assert_int_equal(h->cpu.r[1], 0); /* restored from the frame */
    assert_int_equal(h->cpu.r[2], 7);
    assert_int_equal(h->cpu.r[4], MAIN + 4);
    assert_int_equal(h->cpu.r[5], 0xfffffff9u);
    assert_int_equal(h->cpu.r[6], CPU_EXC_SVCALL);
    assert_int_equal(h->cpu.ipsr, 0);
    assert_int_equal(h->cpu.r[13], HARNESS_STACK);
}

/* SysTick entries are exactly RVR+1 ticks apart, measured with CYCCNT. */
static void systick_period(uint32_t csr, uint32_t period, void **state)
{
    struct harness *h = *state;
    NEED_AS();
    char src[1024];
    snprintf(src, sizeof src,
             "ldr r0, =0xE000EDFC\n ldr r1, =0x01000000\n str r1, [r0]\n" /* TRCENA */
             "ldr r0, =0xE0001000\n movs r1, #1\n str r1, [r0]\n"        /* CYCCNTENA */
             "ldr r4, =0x20000000\n movs r1, #0\n str r1, [r4]\n"
             "ldr r0, =0xE000E010\n ldr r1, =999\n str r1, [r0, #4]\n str r1, [r0, #8]\n"
             "movs r1, #%u\n str r1, [r0]\n"
             "1: wfi\n ldr r1, [r4]\n cmp r1, #5\n blt 1b\n"
             "movs r1, #0\n str r1, [r0]\n" HARNESS_EXIT,
             csr);
    prog(h, MAIN, src);
    prog(h, H1,
         "ldr r0, =0xE0001004\n ldr r2, [r0]\n ldr r0, =0x20000000\n ldr r1, [r0]\n"
         "adds r1, #1\n str r1, [r0]\n str r2, [r0, r1, lsl #2]\n bx lr\n");
    harness_reset(h, MAIN);
    vector(h, CPU_EXC_SYSTICK, H1);
    assert_int_equal(harness_run(h, 200000), CPU_STOP_EXIT);
    assert_int_equal(rd(h, LOG), 5);
    for (unsigned i = 2; i <= 5; i++)
        assert_int_equal(rd(h, LOG + 4 * i) - rd(h, LOG + 4 * (i - 1)), period);
}

static void systick_core_clock_period(void **state)
{
    systick_period(7, 1000, state);
}

static void systick_external_clock_period(void **state)
{
    systick_period(3, 8000, state);
}

static const char *log_ipsr =
    "ldr r0, =0x20000000\n ldr r1, [r0]\n adds r1, #1\n str r1, [r0]\n"
    "mrs r2, ipsr\n str r2, [r0, r1, lsl #3]\n adds r0, #4\n mov r2, sp\n"
    "str r2, [r0, r1, lsl #3]\n";

/* Both pending at once: the higher priority first, the other tail-chains
 * (same SP: the thread frame is not stacked twice). */
static void tail_chain_two_irqs(void **state)
{
    struct harness *h = *state;
    NEED_AS();
    prog(h, MAIN,
         "cpsid i\n ldr r0, =0xE000E400\n ldr r1, =0x00004080\n str r1, [r0]\n"
         "ldr r0, =0xE000E100\n movs r1, #3\n str r1, [r0]\n"
         "ldr r0, =0xE000E200\n str r1, [r0]\n cpsie i\n nop\n" HARNESS_EXIT);
    char src[512];
    snprintf(src, sizeof src, "%s bx lr\n", log_ipsr);
    prog(h, H1, src);
    harness_reset(h, MAIN);
    vector(h, 16, H1);
    vector(h, 17, H1);
    assert_int_equal(harness_run(h, 10000), CPU_STOP_EXIT);
    assert_int_equal(rd(h, LOG), 2);
    assert_int_equal(rd(h, LOG + 8), 17);  /* IRQ1 has priority 0x40 */
    assert_int_equal(rd(h, LOG + 16), 16);
    assert_int_equal(rd(h, LOG + 12), rd(h, LOG + 20));
}

/* A low-priority handler pends a higher one, which preempts it at once. */
static void preemption_nested(void **state)
{
    struct harness *h = *state;
    NEED_AS();
    prog(h, MAIN,
         "ldr r0, =0xE000E400\n ldr r1, =0x00008020\n str r1, [r0]\n" /* IRQ0 0x20, IRQ1 0x80 */
         "ldr r0, =0xE000E100\n movs r1, #3\n str r1, [r0]\n"
         "ldr r0, =0xE000E200\n movs r1, #2\n str r1, [r0]\n nop\n" HARNESS_EXIT);
    char src[512];
    snprintf(src, sizeof src,
             "push {lr}\n %s ldr r0, =0xE000E200\n movs r1, #1\n str r1, [r0]\n"
             "%s pop {pc}\n", log_ipsr, log_ipsr);
    prog(h, H1, src);
    snprintf(src, sizeof src, "%s mov r3, lr\n ldr r0, =0x20000100\n str r3, [r0]\n bx lr\n",
             log_ipsr);
    prog(h, H2, src);
    harness_reset(h, MAIN);
    vector(h, 17, H1);
    vector(h, 16, H2);
    assert_int_equal(harness_run(h, 10000), CPU_STOP_EXIT);
    assert_int_equal(rd(h, LOG), 3);
    assert_int_equal(rd(h, LOG + 8), 17);
    assert_int_equal(rd(h, LOG + 16), 16);
    assert_int_equal(rd(h, LOG + 24), 17);
    assert_int_equal(rd(h, LOG + 0x100), 0xfffffff1u); /* preempted a handler */
    assert_int_equal(rd(h, LOG + 20), rd(h, LOG + 12) - 4 - 0x20);
}

/* The thread's S0/S1 survive a handler that uses FP; the handler sees a
 * lazy extended frame (LR 0xFFFFFFE9, LSPACT, FPCAR). */
static void lazy_fp_across_irq(void **state)
{
    struct harness *h = *state;
    NEED_AS();
    prog(h, MAIN,
         "ldr r0, =0xE000ED88\n ldr r1, =0x00F00000\n str r1, [r0]\n dsb\n isb\n"
         "vmov.f32 s0, #1.0\n vmov.f32 s1, #2.0\n"
         "ldr r0, =0xE000E100\n movs r1, #4\n str r1, [r0]\n"
         "ldr r0, =0xE000E200\n str r1, [r0]\n isb\n"
         "vadd.f32 s2, s0, s1\n vmov r4, s2\n mrs r5, control\n" HARNESS_EXIT);
    prog(h, H1,
         "ldr r0, =0x20000000\n str lr, [r0]\n ldr r1, =0xE000EF34\n ldr r2, [r1]\n"
         "str r2, [r0, #4]\n ldr r1, =0xE000EF38\n ldr r2, [r1]\n str r2, [r0, #8]\n"
         "mov r3, sp\n str r3, [r0, #12]\n"
         "vmov.f32 s0, #5.0\n vmov.f32 s1, #6.0\n"
         "ldr r1, =0xE000EF34\n ldr r2, [r1]\n str r2, [r0, #16]\n bx lr\n");
    harness_reset(h, MAIN);
    vector(h, 18, H1);
    assert_int_equal(harness_run(h, 10000), CPU_STOP_EXIT);
    assert_int_equal(rd(h, LOG), 0xffffffe9u);
    assert_true(rd(h, LOG + 4) & 1);          /* LSPACT at entry */
    assert_int_equal(rd(h, LOG + 8), rd(h, LOG + 12) + 0x20);
    assert_false(rd(h, LOG + 16) & 1);        /* preserved by the first FP insn */
    assert_int_equal(rd(h, rd(h, LOG + 8)), 0x3f800000u); /* S0 in the frame */
    assert_int_equal(h->cpu.r[4], 0x40400000u);            /* 1.0 + 2.0 */
    assert_int_equal(h->cpu.r[5] & 4, 4);                   /* CONTROL.FPCA */
}

/* PendSV from a PSP thread: frame on the PSP, handler on the MSP, return
 * with EXC_RETURN 0xFFFFFFFD. */
static void pendsv_psp_thread(void **state)
{
    struct harness *h = *state;
    NEED_AS();
    prog(h, MAIN,
         "ldr r0, =0x20008000\n msr psp, r0\n movs r0, #2\n msr control, r0\n isb\n"
         "ldr r0, =0xE000ED04\n ldr r1, =0x10000000\n str r1, [r0]\n isb\n"
         "mov r6, sp\n mrs r7, control\n" HARNESS_EXIT);
    prog(h, H1,
         "ldr r0, =0x20000000\n str lr, [r0]\n mov r1, sp\n str r1, [r0, #4]\n"
         "mrs r1, psp\n str r1, [r0, #8]\n bx lr\n");
    harness_reset(h, MAIN);
    vector(h, CPU_EXC_PENDSV, H1);
    assert_int_equal(harness_run(h, 10000), CPU_STOP_EXIT);
    assert_int_equal(rd(h, LOG), 0xfffffffdu);
    assert_int_equal(rd(h, LOG + 4), HARNESS_STACK);
    assert_int_equal(rd(h, LOG + 8), 0x20008000u - 0x20);
    assert_int_equal(h->cpu.r[6], 0x20008000u);
    assert_int_equal(h->cpu.r[7], 2);
}

static void div0_usagefault_or_forced(void **state)
{
    struct harness *h = *state;
    NEED_AS();
    prog(h, MAIN,
         "ldr r0, =0xE000ED14\n ldr r1, [r0]\n orr r1, #0x10\n str r1, [r0]\n"
         "movs r1, #5\n movs r2, #0\n udiv r3, r1, r2\n" HARNESS_EXIT);
    harness_reset(h, MAIN);
    assert_int_equal(harness_run(h, 2000), CPU_STOP_LIMIT);
    assert_int_equal(h->cpu.ipsr, CPU_EXC_HARDFAULT);
    assert_int_equal(rd(h, 0xE000ED28u), 1u << 25);
    assert_int_equal(rd(h, 0xE000ED2Cu), 1u << 30);
    /* With UsageFault enabled. */
    prog(h, MAIN,
         "ldr r0, =0xE000ED24\n ldr r1, =0x40000\n str r1, [r0]\n"
         "ldr r0, =0xE000ED14\n ldr r1, [r0]\n orr r1, #0x10\n str r1, [r0]\n"
         "movs r1, #5\n movs r2, #0\n udiv r3, r1, r2\n" HARNESS_EXIT);
    harness_reset(h, MAIN);
    assert_int_equal(harness_run(h, 2000), CPU_STOP_LIMIT);
    assert_int_equal(h->cpu.ipsr, CPU_EXC_USAGEFAULT);
    assert_int_equal(rd(h, 0xE000ED2Cu), 0);
    assert_int_equal(h->cpu.r[15], HARNESS_TRAP);
}

static void invpc_from_bx(void **state)
{
    struct harness *h = *state;
    NEED_AS();
    prog(h, MAIN, "svc #0\n" HARNESS_EXIT);
    prog(h, H1, "ldr r0, =0xFFFFFFF5\n bx r0\n");
    harness_reset(h, MAIN);
    vector(h, CPU_EXC_SVCALL, H1);
    assert_int_equal(harness_run(h, 2000), CPU_STOP_LIMIT);
    assert_int_equal(h->cpu.ipsr, CPU_EXC_HARDFAULT);
    assert_int_equal(rd(h, 0xE000ED28u), 1u << 18);
    assert_int_equal(h->cpu.r[14], 0xfffffff5u);
}

static void lockup_stops_core(void **state)
{
    struct harness *h = *state;
    NEED_AS();
    prog(h, MAIN, "udf #0\n");
    prog(h, H1, "udf #1\n");
    harness_reset(h, MAIN);
    vector(h, CPU_EXC_HARDFAULT, H1);
    assert_int_equal(harness_run(h, 2000), CPU_STOP_LOCKUP);
    assert_true(h->cpu.lockup);
    assert_true(rd(h, 0xE000EDF0u) & (1u << 19));
}

static void semihost_write0(void **state)
{
    struct harness *h = *state;
    NEED_AS();
    prog(h, MAIN, "adr r1, msg\n movs r0, #4\n bkpt 0xab\n" HARNESS_EXIT
                  ".align 2\nmsg: .asciz \"hi there\\n\"\n");
    harness_reset(h, MAIN);
    assert_int_equal(harness_run(h, 2000), CPU_STOP_EXIT);
    assert_string_equal(harness_output(h), "hi there\n");
    assert_int_equal(h->cpu.exit_code, 0);
}

static void semihost_exit_extended_code(void **state)
{
    struct harness *h = *state;
    NEED_AS();
    prog(h, MAIN, "adr r1, blk\n movs r0, #0x20\n bkpt 0xab\n b .\n"
                  ".align 2\nblk: .word 0x20026, 42\n");
    harness_reset(h, MAIN);
    assert_int_equal(harness_run(h, 2000), CPU_STOP_EXIT);
    assert_int_equal(h->cpu.exit_code, 42);
}

static void dhcsr_step_by_register_writes(void **state)
{
    struct harness *h = *state;
    NEED_AS();
    prog(h, MAIN, "movs r0, #1\n adds r0, #2\n ldr r1, =0x12345678\n b .\n");
    harness_reset(h, MAIN);
    assert_true(bus_write(&h->bus, 0xE000EDF0u, 4, 0xA05F0003u));
    assert_true(h->cpu.halted);
    assert_true(bus_write(&h->bus, 0xE000EDF0u, 4, 0xA05F000Bu));
    assert_true(bus_write(&h->bus, 0xE000EDF0u, 4, 0xA05F000Du));
    assert_int_equal(h->cpu.r[15], MAIN + 2);
    assert_int_equal(h->cpu.r[0], 1);
    assert_true(h->cpu.halted);
    assert_true(bus_write(&h->bus, 0xE000EDF0u, 4, 0xA05F000Bu));
    assert_true(bus_write(&h->bus, 0xE000EDF0u, 4, 0xA05F000Du));
    assert_int_equal(h->cpu.r[15], MAIN + 4);
    /* Read r0 through DCRSR/DCRDR. */
    assert_true(bus_write(&h->bus, 0xE000EDF4u, 4, 0));
    assert_int_equal(rd(h, 0xE000EDF8u), 3);
    assert_true(bus_write(&h->bus, 0xE000EDF0u, 4, 0xA05F000Du));
    assert_int_equal(h->cpu.r[1], 0x12345678u);
    assert_int_equal(rd(h, 0xE000EDF0u) & 0x00030000u, 0x00030000u);
    /* Resume: the core runs again (into `b .`). */
    assert_true(bus_write(&h->bus, 0xE000EDF0u, 4, 0xA05F0001u));
    assert_false(h->cpu.halted);
    assert_int_equal(harness_run(h, 100), CPU_STOP_LIMIT);
}

static void aircr_sysresetreq_stops(void **state)
{
    struct harness *h = *state;
    NEED_AS();
    prog(h, MAIN, "ldr r0, =0xE000ED0C\n ldr r1, =0x05FA0004\n str r1, [r0]\n b .\n");
    harness_reset(h, MAIN);
    assert_int_equal(harness_run(h, 1000), CPU_STOP_SYSRESET);
    assert_true(h->cpu.sysreset_request);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(reset_from_vectors, setup, teardown),
        cmocka_unit_test_setup_teardown(svc_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(systick_core_clock_period, setup, teardown),
        cmocka_unit_test_setup_teardown(systick_external_clock_period, setup, teardown),
        cmocka_unit_test_setup_teardown(tail_chain_two_irqs, setup, teardown),
        cmocka_unit_test_setup_teardown(preemption_nested, setup, teardown),
        cmocka_unit_test_setup_teardown(lazy_fp_across_irq, setup, teardown),
        cmocka_unit_test_setup_teardown(pendsv_psp_thread, setup, teardown),
        cmocka_unit_test_setup_teardown(div0_usagefault_or_forced, setup, teardown),
        cmocka_unit_test_setup_teardown(invpc_from_bx, setup, teardown),
        cmocka_unit_test_setup_teardown(lockup_stops_core, setup, teardown),
        cmocka_unit_test_setup_teardown(semihost_write0, setup, teardown),
        cmocka_unit_test_setup_teardown(semihost_exit_extended_code, setup, teardown),
        cmocka_unit_test_setup_teardown(dhcsr_step_by_register_writes, setup, teardown),
        cmocka_unit_test_setup_teardown(aircr_sysresetreq_stops, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
