/* RCC: oscillator ready flags, the SYSCLK switch, the clock tree and the
 * reset flags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "soc_harness.h"

#define RCC_CR 0x40021000u
#define RCC_CFGR 0x40021004u
#define RCC_CIR 0x40021008u
#define RCC_CSR 0x40021024u
#define RCC_CFGR2 0x4002102cu

static int setup(void **state)
{
    *state = th_new();
    return 0;
}

static int teardown(void **state)
{
    th_free(*state);
    return 0;
}

static void hse_needs_bypass(void **state)
{
    struct th *t = *state;
    wr(t, RCC_CR, rd(t, RCC_CR) | (1u << 16));          /* HSEON, no bypass */
    assert_false(rd(t, RCC_CR) & (1u << 17));
    assert_true(th_diag_has(t, "HSEBYP"));
    wr(t, RCC_CR, rd(t, RCC_CR) & ~(1u << 16));
    wr(t, RCC_CR, rd(t, RCC_CR) | (1u << 18));
    wr(t, RCC_CR, rd(t, RCC_CR) | (1u << 16));
    assert_true(rd(t, RCC_CR) & (1u << 17));            /* HSERDY */
}

static void sws_follows_sw_when_ready(void **state)
{
    struct th *t = *state;
    /* Ask for the PLL before it runs: SWS stays on HSI. */
    wr(t, RCC_CFGR, 2);
    assert_int_equal(rd(t, RCC_CFGR) & 0xc, 0);
    assert_int_equal(t->soc.clk.hclk, 8000000);
    /* 72 MHz recipe (fact sheet §5.3). */
    wr(t, RCC_CFGR, 0);
    wr(t, RCC_CR, rd(t, RCC_CR) | (1u << 18) | (1u << 16));
    assert_true(rd(t, RCC_CR) & (1u << 17));
    wr(t, RCC_CFGR2, 0);
    wr(t, RCC_CFGR, 0x001d0400u);
    wr(t, RCC_CR, rd(t, RCC_CR) | (1u << 24));
    assert_true(rd(t, RCC_CR) & (1u << 25));            /* PLLRDY */
    assert_int_equal(t->ndiag, 0);
    wr(t, RCC_CFGR, 0x001d0402u);           /* 72 MHz with 0 wait states */
    assert_true(th_diag_has(t, "ACR.LATENCY=0; real silicon needs 2 wait states"));
    assert_int_equal(rd(t, RCC_CFGR), 0x001d040au);
    assert_int_equal(t->soc.clk.sysclk, 72000000);
    assert_int_equal(t->soc.clk.hclk, 72000000);
    assert_int_equal(t->soc.clk.pclk1, 36000000);
    assert_int_equal(t->soc.clk.pclk2, 72000000);
    /* The running PLL cannot be reconfigured or stopped. */
    wr(t, RCC_CFGR, 0x00050402u);
    assert_int_equal((rd(t, RCC_CFGR) >> 18) & 0xf, 7);
    wr(t, RCC_CR, rd(t, RCC_CR) & ~(1u << 24));
    assert_true(rd(t, RCC_CR) & (1u << 24));
}

static void pll_from_hsi_half(void **state)
{
    struct th *t = *state;
    /* OpenOCD's reset-init: HSI/2 x16 = 64 MHz, APB1 /2. */
    wr(t, RCC_CFGR, 0x00380400u);
    wr(t, RCC_CR, rd(t, RCC_CR) | (1u << 24));
    wr(t, RCC_CFGR, 0x00380402u);
    assert_int_equal(t->soc.clk.hclk, 64000000);
    assert_int_equal(t->soc.clk.tim1clk_div, 1);        /* APB1 /2: timers at x2 = HCLK */
}

static void time_survives_clock_changes(void **state)
{
    struct th *t = *state;
    th_advance(t, 8000000);                             /* 1 s at 8 MHz */
    assert_true(soc_time_s(&t->soc) > 0.999999 && soc_time_s(&t->soc) < 1.000001);
    wr(t, RCC_CR, rd(t, RCC_CR) | (1u << 18) | (1u << 16));
    wr(t, RCC_CFGR, 0x001d0400u);
    wr(t, RCC_CR, rd(t, RCC_CR) | (1u << 24));
    wr(t, RCC_CFGR, 0x001d0402u);
    th_advance(t, 72000000);                            /* 1 s at 72 MHz */
    assert_true(soc_time_s(&t->soc) > 1.999999 && soc_time_s(&t->soc) < 2.000001);
}

static void ready_interrupt(void **state)
{
    struct th *t = *state;
    wr(t, RCC_CIR, 1u << 11);                           /* HSERDYIE */
    wr(t, RCC_CR, rd(t, RCC_CR) | (1u << 18) | (1u << 16));
    assert_true(rd(t, RCC_CIR) & (1u << 3));
    assert_true(t->irq[5]);
    wr(t, RCC_CIR, (1u << 11) | (1u << 19));            /* HSERDYC */
    assert_false(rd(t, RCC_CIR) & (1u << 3));
    assert_false(t->irq[5]);
}

static void reset_flags(void **state)
{
    struct th *t = *state;
    assert_int_equal(rd(t, RCC_CSR), 0x0c000000u);      /* POR + PIN */
    wr(t, RCC_CSR, 1u << 24);                           /* RMVF */
    assert_int_equal(rd(t, RCC_CSR), 0);
    soc_reset(&t->soc, SOC_RESET_SOFT);
    assert_int_equal(rd(t, RCC_CSR), (1u << 28) | (1u << 26));
    soc_reset(&t->soc, SOC_RESET_IWDG);
    assert_int_equal(rd(t, RCC_CSR), (1u << 29) | (1u << 28) | (1u << 26));
    soc_reset(&t->soc, SOC_RESET_POWER);
    assert_int_equal(rd(t, RCC_CSR), 0x0c000000u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(hse_needs_bypass, setup, teardown),
        cmocka_unit_test_setup_teardown(sws_follows_sw_when_ready, setup, teardown),
        cmocka_unit_test_setup_teardown(pll_from_hsi_half, setup, teardown),
        cmocka_unit_test_setup_teardown(time_survives_clock_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(ready_interrupt, setup, teardown),
        cmocka_unit_test_setup_teardown(reset_flags, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
