/* Debug registers: DHCSR halt/step/resume by register writes, DCRSR/DCRDR
 * transfers, DEMCR vector catches, BKPT, FPB and DWT matches, DFSR. */
#include "fixture.h"

#define DHCSR 0xe000edf0u
#define DCRSR 0xe000edf4u
#define DCRDR 0xe000edf8u
#define DEMCR 0xe000edfcu
#define DFSR 0xe000ed30u
#define HFSR 0xe000ed2cu

static void dhcsr_halt_step_resume(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    assert_int_equal(fx_rd(f, DHCSR) & 0x00030003u, 0x00010000u); /* S_REGRDY only */
    fx_wr(f, DHCSR, 0x00000003u); /* no DBGKEY: ignored */
    assert_false(c->halted);
    fx_wr(f, DHCSR, 0xa05f0003u);
    assert_true(c->halted);
    assert_int_equal(c->halt_reason, CPU_HALT_REQUEST);
    assert_int_equal(fx_rd(f, DHCSR) & 0x000f000fu, 0x00030003u);
    assert_int_equal(fx_rd(f, DFSR), 1); /* HALTED */
    fx_wr(f, DFSR, 1);
    assert_int_equal(fx_rd(f, DFSR), 0);

    /* OpenOCD's step: halt+maskints, step+maskints, halt. */
    c->r[15] = 0x400;
    fx_wr(f, DHCSR, 0xa05f000bu);
    fx_wr(f, DHCSR, 0xa05f000du);
    assert_int_equal(f->steps, 1);
    assert_int_equal(c->r[15], 0x402);
    assert_true(c->halted);
    assert_int_equal(c->halt_reason, CPU_HALT_STEP);
    assert_true(fx_rd(f, DHCSR) & (1u << 24)); /* S_RETIRE_ST */
    assert_false(fx_rd(f, DHCSR) & (1u << 24)); /* sticky until read */
    fx_wr(f, DHCSR, 0xa05f0003u);
    assert_int_equal(f->steps, 1);

    fx_wr(f, DHCSR, 0xa05f0001u);
    assert_false(c->halted);
    assert_int_equal(fx_rd(f, DHCSR) & 0x000f000fu, 0x00010001u);
}

static void maskints_blocks_interrupts(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, 0xe000e100u, 1);
    armv7m_irq_pulse(c, 0);
    fx_wr(f, DHCSR, 0xa05f000bu);
    assert_false(armv7m_take_pending(c));
    fx_wr(f, DHCSR, 0xa05f0001u);
    assert_true(armv7m_take_pending(c));
}

static void dcrsr_dcrdr_transfer(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, DHCSR, 0xa05f0003u);
    fx_wr(f, DCRDR, 0x12345678u);
    fx_wr(f, DCRSR, 0x10000u | 1); /* write r1 */
    assert_int_equal(c->r[1], 0x12345678u);
    assert_true(fx_rd(f, DHCSR) & (1u << 16)); /* S_REGRDY */
    c->r[15] = 0x08000124u;
    fx_wr(f, DCRSR, 15); /* read DebugReturnAddress */
    assert_int_equal(fx_rd(f, DCRDR), 0x08000124u);
    fx_wr(f, DCRSR, 16); /* xPSR */
    assert_int_equal(fx_rd(f, DCRDR), 0x01000000u);
    fx_wr(f, DCRDR, 0x3f800000u);
    fx_wr(f, DCRSR, 0x10000u | (64 + 3)); /* S3 */
    assert_int_equal(c->s[3], 0x3f800000u);
    fx_wr(f, DCRDR, 0x20001000u);
    fx_wr(f, DCRSR, 0x10000u | 18); /* PSP */
    assert_int_equal(cpu_get_psp(c), 0x20001000u);
    /* Not halted: no transfer. */
    fx_wr(f, DHCSR, 0xa05f0001u);
    fx_wr(f, DCRDR, 0xffffffffu);
    fx_wr(f, DCRSR, 0x10000u | 2);
    assert_int_equal(c->r[2], 0);
}

/* VC_CORERESET with C_DEBUGEN: halt at the reset vector; S_RESET_ST is
 * sticky until read; the debug registers survive a system reset. */
static void vector_catch_on_reset(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, DHCSR, 0xa05f0001u);
    fx_wr(f, DEMCR, 0x01000001u);
    fx_rd(f, DHCSR);
    armv7m_reset(c, false);
    assert_true(c->halted);
    assert_int_equal(c->halt_reason, CPU_HALT_RESET);
    assert_int_equal(fx_rd(f, DHCSR) & 0x020f000fu, 0x02030003u);
    assert_false(fx_rd(f, DHCSR) & (1u << 25));
    assert_true(fx_rd(f, DFSR) & (1u << 3));
    assert_int_equal(fx_rd(f, DEMCR), 0x01000001u);
    /* Power-on clears the debug state. */
    armv7m_reset(c, true);
    assert_false(c->halted);
    assert_int_equal(fx_rd(f, DEMCR), 0);
}

static void vector_catch_on_hardfault(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, DHCSR, 0xa05f0001u);
    fx_wr(f, DEMCR, 1u << 10); /* VC_HARDERR */
    armv7m_fault(c, CPU_FAULT_UNDEFINSTR, 0);
    assert_int_equal(c->ipsr, CPU_EXC_HARDFAULT);
    assert_true(c->halted);
    assert_int_equal(c->halt_reason, CPU_HALT_VCATCH);
    assert_int_equal(c->r[15], FX_HANDLER(3));
    assert_int_equal(f->halted_calls, 1);
}

static void bkpt_without_debugger(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    c->r[15] = 0x500;
    armv7m_bkpt(c, 0);
    assert_int_equal(c->ipsr, CPU_EXC_HARDFAULT);
    assert_int_equal(fx_rd(f, HFSR), 1u << 31); /* DEBUGEVT */
    assert_true(fx_rd(f, DFSR) & 2);
    assert_int_equal(fx_rd(f, c->r[13] + 0x18), 0x500);
    /* BKPT 0xAB without semihosting or a debugger is a plain BKPT too. */
    armv7m_reset(c, true);
    fx_reset(f);
    armv7m_bkpt(c, 0xab);
    assert_int_equal(c->ipsr, CPU_EXC_HARDFAULT);
}

static void bkpt_halts_with_debugger(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, DHCSR, 0xa05f0001u);
    c->r[15] = 0x500;
    armv7m_bkpt(c, 1);
    assert_true(c->halted);
    assert_int_equal(c->halt_reason, CPU_HALT_BKPT);
    assert_int_equal(c->r[15], 0x500);
    assert_int_equal(fx_rd(f, DFSR), 2);
    assert_int_equal(c->ipsr, 0);
}

static void bkpt_debug_monitor(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, DEMCR, 1u << 16); /* MON_EN */
    armv7m_bkpt(c, 2);
    assert_int_equal(c->ipsr, CPU_EXC_DEBUGMON);
    assert_int_equal(fx_rd(f, HFSR), 0);
}

/* OpenOCD's FP_COMP encoding: (addr & 0x1FFFFFFC) | 0x40000000 (lower
 * halfword) or 0x80000000 (upper) | ENABLE. */
static void fpb_match(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, 0xe0002008u, 0x480000c1u);
    fx_wr(f, 0xe000200cu, 0x880000c5u);
    assert_false(armv7m_fpb_match(c, 0x080000c0u)); /* FPB disabled */
    fx_wr(f, 0xe0002000u, 1);                        /* no KEY: ignored */
    assert_int_equal(fx_rd(f, 0xe0002000u), 0x260);
    fx_wr(f, 0xe0002000u, 3);
    assert_int_equal(fx_rd(f, 0xe0002000u), 0x261);
    assert_int_equal(fx_rd(f, 0xe0002008u), 0x480000c1u);
    assert_true(armv7m_fpb_match(c, 0x080000c0u));
    assert_false(armv7m_fpb_match(c, 0x080000c2u));
    assert_true(armv7m_fpb_match(c, 0x080000c6u));
    assert_false(armv7m_fpb_match(c, 0x080000c4u));
    assert_false(armv7m_fpb_match(c, 0x280000c0u));
    fx_wr(f, DHCSR, 0xa05f0001u);
    c->r[15] = 0x080000c0u;
    armv7m_debug_event(c, CPU_HALT_FPB);
    assert_true(c->halted);
    assert_int_equal(fx_rd(f, DFSR), 2);
}

static void dwt_watchpoint(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, 0xe0001020u, 0x20000100u); /* COMP0 */
    fx_wr(f, 0xe0001024u, 2);           /* MASK: 4 bytes */
    assert_false(c->sys.watch_active);
    fx_wr(f, 0xe0001028u, 6); /* write watchpoint */
    assert_true(c->sys.watch_active);
    assert_true(armv7m_dwt_match(c, 0x20000102u, 1, true));
    assert_false(armv7m_dwt_match(c, 0x20000102u, 1, false));
    assert_false(armv7m_dwt_match(c, 0x20000104u, 4, true));
    assert_true(armv7m_dwt_match(c, 0x200000feu, 4, true));
    fx_wr(f, DHCSR, 0xa05f0001u);
    armv7m_dwt_hit(c, 0x20000100u, 4, true);
    assert_true(c->halted);
    assert_int_equal(c->halt_reason, CPU_HALT_WATCH);
    assert_int_equal(fx_rd(f, DFSR), 4);
    assert_true(fx_rd(f, 0xe0001028u) & (1u << 24)); /* MATCHED */
    assert_false(fx_rd(f, 0xe0001028u) & (1u << 24)); /* cleared by read */
    fx_wr(f, 0xe0001028u, 0);
    assert_false(c->sys.watch_active);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(dhcsr_halt_step_resume, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(maskints_blocks_interrupts, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(dcrsr_dcrdr_transfer, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(vector_catch_on_reset, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(vector_catch_on_hardfault, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(bkpt_without_debugger, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(bkpt_halts_with_debugger, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(bkpt_debug_monitor, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(fpb_match, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(dwt_watchpoint, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
