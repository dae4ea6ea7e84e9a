/* System registers: reset values and identification, SysTick timing with
 * both clock sources, DWT CYCCNT, AIRCR, MPU, CoreSight IDs and ROM table. */
#include "fixture.h"

#define SYST_CSR 0xe000e010u
#define SYST_RVR 0xe000e014u
#define SYST_CVR 0xe000e018u
#define SYST_CALIB 0xe000e01cu
#define DWT_CTRL 0xe0001000u
#define DWT_CYCCNT 0xe0001004u
#define DEMCR 0xe000edfcu

static void reset_values(void **state)
{
    struct fx *f = *state;
    assert_int_equal(fx_rd(f, 0xe000ed00u), 0x410fc241u); /* CPUID */
    assert_int_equal(fx_rd(f, 0xe000ed04u), 0);           /* ICSR */
    assert_int_equal(fx_rd(f, 0xe000ed08u), 0);           /* VTOR */
    assert_int_equal(fx_rd(f, 0xe000ed0cu), 0xfa050000u); /* AIRCR */
    assert_int_equal(fx_rd(f, 0xe000ed14u), 0x200);       /* CCR: STKALIGN */
    assert_int_equal(fx_rd(f, 0xe000ed24u), 0);           /* SHCSR */
    assert_int_equal(fx_rd(f, 0xe000ed88u), 0);           /* CPACR */
    assert_int_equal(fx_rd(f, 0xe000ef34u), 0xc0000000u); /* FPCCR */
    assert_int_equal(fx_rd(f, 0xe000ef40u), 0x10110021u); /* MVFR0 */
    assert_int_equal(fx_rd(f, 0xe000ef44u), 0x11000011u); /* MVFR1 */
    assert_int_equal(fx_rd(f, 0xe000ed40u), 0x00000030u); /* ID_PFR0 */
    assert_int_equal(fx_rd(f, 0xe000ed60u), 0x01101110u); /* ID_ISAR0 */
    assert_int_equal(fx_rd(f, 0xe000ed90u), 0x00000800u); /* MPU_TYPE */
    assert_int_equal(fx_rd(f, 0xe000e004u), 2);           /* ICTR */
    assert_int_equal(fx_rd(f, 0xe0002000u), 0x260);       /* FP_CTRL */
    assert_int_equal(fx_rd(f, DWT_CTRL), 0x40000000u);
    assert_int_equal(fx_rd(f, SYST_CALIB), 0x40002328u);
    uint32_t v;
    assert_false(bus_read(&f->bus, 0xe0005000u, 4, &v)); /* unassigned PPB */
}

static void aircr_and_sysreset(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, 0xe000ed0cu, 0x00000704u); /* no key: ignored */
    assert_false(c->sysreset_request);
    assert_int_equal(fx_rd(f, 0xe000ed0cu), 0xfa050000u);
    fx_wr(f, 0xe000ed0cu, 0x05fa0304u);
    assert_true(c->sysreset_request);
    assert_int_equal(fx_rd(f, 0xe000ed0cu), 0xfa050300u);
    armv7m_reset(c, false);
    assert_false(c->sysreset_request);
    assert_int_equal(fx_rd(f, 0xe000ed0cu), 0xfa050000u);
}

static void systick_core_clock(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    assert_int_equal(armv7m_next_event(c), UINT64_MAX);
    fx_wr(f, SYST_RVR, 999);
    fx_wr(f, SYST_CVR, 123); /* any write clears */
    assert_int_equal(fx_rd(f, SYST_CVR), 0);
    uint64_t t0 = c->cycles;
    fx_wr(f, SYST_CSR, 7); /* ENABLE TICKINT CLKSOURCE=core */
    /* From 0 the first tick reloads 999; 0 is reached 1000 cycles later. */
    assert_int_equal(armv7m_next_event(c), t0 + 1000);
    c->cycles = t0 + 1;
    assert_int_equal(fx_rd(f, SYST_CVR), 999);
    c->cycles = t0 + 500;
    assert_int_equal(fx_rd(f, SYST_CVR), 500);
    assert_false(fx_rd(f, SYST_CSR) & (1u << 16));
    c->cycles = t0 + 1000;
    armv7m_advance(c);
    assert_true(c->sys.pending[CPU_EXC_SYSTICK]);
    assert_int_equal(armv7m_next_event(c), t0 + 2000);
    assert_true(fx_rd(f, SYST_CSR) & (1u << 16));
    assert_false(fx_rd(f, SYST_CSR) & (1u << 16)); /* cleared by the read */
    /* Periods keep their phase when the caller is late. */
    c->sys.pending[CPU_EXC_SYSTICK] = false;
    c->cycles = t0 + 2300;
    armv7m_advance(c);
    assert_true(c->sys.pending[CPU_EXC_SYSTICK]);
    assert_int_equal(armv7m_next_event(c), t0 + 3000);
    assert_int_equal(fx_rd(f, SYST_CVR), 700);
    /* Taking the exception clears its pending state. */
    assert_true(armv7m_take_pending(c));
    assert_int_equal(c->ipsr, CPU_EXC_SYSTICK);
}

static void systick_external_clock(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, SYST_RVR, 99);
    uint64_t t0 = c->cycles;
    fx_wr(f, SYST_CSR, 3); /* CLKSOURCE = 0: HCLK/8 on the STM32 */
    assert_int_equal(armv7m_next_event(c), t0 + 800);
    c->cycles = t0 + 8 * 10 + 3;
    assert_int_equal(fx_rd(f, SYST_CVR), 90);
    c->cycles = t0 + 800;
    armv7m_advance(c);
    assert_true(c->sys.pending[CPU_EXC_SYSTICK]);
    assert_int_equal(armv7m_next_event(c), t0 + 1600);
    /* Without TICKINT the flag is set but no exception pends. */
    c->sys.pending[CPU_EXC_SYSTICK] = false;
    fx_wr(f, SYST_CSR, 1);
    uint64_t next = armv7m_next_event(c);
    c->cycles = next;
    armv7m_advance(c);
    assert_false(c->sys.pending[CPU_EXC_SYSTICK]);
    assert_true(fx_rd(f, SYST_CSR) & (1u << 16));
    fx_wr(f, SYST_CSR, 0);
    assert_int_equal(armv7m_next_event(c), UINT64_MAX);
}

static void dwt_cyccnt(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    c->cycles = 1000;
    fx_wr(f, DWT_CTRL, 1); /* CYCCNTENA without TRCENA: does not count */
    c->cycles = 2000;
    assert_int_equal(fx_rd(f, DWT_CYCCNT), 0);
    fx_wr(f, DEMCR, 1u << 24);
    c->cycles = 2500;
    assert_int_equal(fx_rd(f, DWT_CYCCNT), 500);
    fx_wr(f, DWT_CYCCNT, 10);
    c->cycles = 2600;
    assert_int_equal(fx_rd(f, DWT_CYCCNT), 110);
    fx_wr(f, DWT_CTRL, 0);
    c->cycles = 9000;
    assert_int_equal(fx_rd(f, DWT_CYCCNT), 110);
    assert_int_equal(fx_rd(f, DWT_CTRL), 0x40000000u);
    fx_wr(f, DWT_CTRL, 1);
    c->cycles = 9001;
    assert_int_equal(fx_rd(f, DWT_CYCCNT), 111);
    /* EXCCNT: exception overhead cycles, 8 bits (EXCEVTENA). */
    fx_wr(f, DWT_CTRL, 1u | (1u << 18));
    armv7m_svc(c);
    armv7m_exception_return(c, 0xfffffff9u);
    assert_int_equal(fx_rd(f, 0xe000100cu), 12 + 10);
    /* CYCCNT wraps at 32 bits. */
    fx_wr(f, DWT_CYCCNT, 0xfffffffeu);
    c->cycles += 3;
    assert_int_equal(fx_rd(f, DWT_CYCCNT), 1);
}

static void mpu_registers(void **state)
{
    struct fx *f = *state;
    fx_wr(f, 0xe000ed98u, 3);                  /* RNR */
    fx_wr(f, 0xe000ed9cu, 0x20000000u);        /* RBAR */
    fx_wr(f, 0xe000eda0u, 0x0306001du);        /* RASR */
    fx_wr(f, 0xe000ed94u, 5);
    assert_int_equal(fx_rd(f, 0xe000ed9cu), 0x20000003u);
    assert_int_equal(fx_rd(f, 0xe000eda0u), 0x0306001du);
    assert_int_equal(fx_rd(f, 0xe000ed94u), 5);
    fx_wr(f, 0xe000ed9cu, 0x08000000u | 0x10 | 6); /* VALID: select region 6 */
    assert_int_equal(fx_rd(f, 0xe000ed98u), 6);
    assert_int_equal(fx_rd(f, 0xe000ed9cu), 0x08000006u);
}

static void shpr_byte_access(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    assert_true(bus_write(&f->bus, 0xe000ed1fu, 1, 0xab)); /* SVCall */
    assert_int_equal(c->sys.prio[CPU_EXC_SVCALL], 0xa0);
    assert_int_equal(fx_rd(f, 0xe000ed1cu), 0xa0000000u);
    uint32_t v;
    assert_true(bus_read(&f->bus, 0xe000ed1fu, 1, &v));
    assert_int_equal(v, 0xa0);
    /* Reserved handler slots stay zero. */
    fx_wr(f, 0xe000ed1cu, 0xffffffffu);
    assert_int_equal(fx_rd(f, 0xe000ed1cu), 0xf0000000u);
    /* CFSR halves are byte/halfword accessible. */
    c->sys.cfsr = 0x01000200u;
    assert_true(bus_read(&f->bus, 0xe000ed2au, 2, &v));
    assert_int_equal(v, 0x0100);
    assert_true(bus_write(&f->bus, 0xe000ed29u, 1, 0x02));
    assert_int_equal(c->sys.cfsr, 0x01000000u);
}

/* What OpenOCD's ROM table walk and component examination read. */
static void coresight_ids(void **state)
{
    struct fx *f = *state;
    assert_int_equal(fx_rd(f, 0xe00ff000u), 0xfff0f003u);
    assert_int_equal(fx_rd(f, 0xe00ff004u), 0xfff02003u);
    assert_int_equal(fx_rd(f, 0xe00ff008u), 0xfff03003u);
    assert_int_equal(fx_rd(f, 0xe00ff00cu), 0xfff01003u);
    assert_int_equal(fx_rd(f, 0xe00ff010u), 0xfff41003u);
    assert_int_equal(fx_rd(f, 0xe00ff018u), 0);
    assert_int_equal(fx_rd(f, 0xe00fffccu), 1);
    assert_int_equal(fx_rd(f, 0xe00ffff4u), 0x10); /* ROM table class */
    assert_int_equal(fx_rd(f, 0xe00fffe0u), 0xc4);
    /* SCS: part 0x00C, designer ARM (0x3B), class 0xE. */
    assert_int_equal(fx_rd(f, 0xe000efe0u), 0x0c);
    assert_int_equal(fx_rd(f, 0xe000efe4u), 0xb0);
    assert_int_equal(fx_rd(f, 0xe000efe8u), 0x0b);
    assert_int_equal(fx_rd(f, 0xe000eff4u), 0xe0);
    assert_int_equal(fx_rd(f, 0xe0002fe8u), 0x2b); /* FPB */
    assert_int_equal(fx_rd(f, 0xe0001fe0u), 0x02); /* DWT */
    assert_int_equal(fx_rd(f, 0xe0000fe0u), 0x01); /* ITM */
    assert_int_equal(fx_rd(f, 0xe0040fe0u), 0xa1); /* TPIU */
    assert_int_equal(fx_rd(f, 0xe0040004u), 1);    /* TPIU CSPSR */
    assert_int_equal(fx_rd(f, 0xe0001fbcu), 0);    /* DWT_DEVARCH */
}

static void itm_port0_to_console(void **state)
{
    struct fx *f = *state;
    fx_wr(f, 0xe0000000u, 'x'); /* ITM off: dropped */
    fx_wr(f, DEMCR, 1u << 24);
    fx_wr(f, 0xe0000e80u, 1);   /* ITMENA */
    fx_wr(f, 0xe0000e00u, 1);   /* port 0 */
    assert_int_equal(fx_rd(f, 0xe0000000u), 1);
    assert_true(bus_write(&f->bus, 0xe0000000u, 1, 'o'));
    assert_true(bus_write(&f->bus, 0xe0000000u, 1, 'k'));
    assert_string_equal(f->console, "ok");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(reset_values, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(aircr_and_sysreset, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(systick_core_clock, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(systick_external_clock, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(dwt_cyccnt, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(mpu_registers, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(shpr_byte_access, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(coresight_ids, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(itm_port0_to_console, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
