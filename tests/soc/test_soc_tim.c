/* Timers: update periods in cycles, prescaler buffering, UG, OPM, the
 * APB1 timer clock rule, interrupts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "soc_harness.h"

#define TIM2 0x40000000u
#define TIM6 0x40001000u
#define CR1 0x00
#define DIER 0x0c
#define SR 0x10
#define EGR 0x14
#define CNT 0x24
#define PSC 0x28
#define ARR 0x2c


/* Cycles until UIF rises, polling every `step` cycles. */
static uint64_t time_to_uif(struct th *t, uint32_t base, uint64_t max)
{
    uint64_t t0 = t->cycles;
    while (!(rd(t, base + SR) & 1)) {
        if (t->cycles - t0 > max)
            return UINT64_MAX;
        th_advance(t, 1);
    }
    return t->cycles - t0;
}

static void update_period(void **state)
{
    struct th *t = *state;
    wr(t, TIM6 + PSC, 7);
    wr(t, TIM6 + ARR, 99);
    wr(t, TIM6 + EGR, 1);                   /* load PSC now */
    assert_int_equal(rd(t, TIM6 + SR), 1);
    wr(t, TIM6 + SR, 0);
    wr(t, TIM6 + CR1, 1);
    assert_int_equal(time_to_uif(t, TIM6, 2000), 800);     /* (7+1) x (99+1) */
    wr(t, TIM6 + SR, 0);
    assert_int_equal(time_to_uif(t, TIM6, 2000), 800);
    th_advance(t, 400);
    assert_int_equal(rd(t, TIM6 + CNT), 50);
}

static void prescaler_buffered_book_quirk(void **state)
{
    struct th *t = *state;
    /* The discovery book's delay: PSC=7999, ARR=ms, OPM, no UG.  The first
     * delay runs on the old prescaler (0). */
    wr(t, TIM6 + PSC, 7999);
    wr(t, TIM6 + ARR, 10);
    wr(t, TIM6 + CR1, 1 | (1u << 3));       /* CEN | OPM */
    assert_int_equal(time_to_uif(t, TIM6, 100000), 11);
    assert_int_equal(rd(t, TIM6 + CR1) & 1, 0);     /* OPM stopped it */
    wr(t, TIM6 + SR, 0);
    wr(t, TIM6 + CR1, 1 | (1u << 3));
    assert_int_equal(time_to_uif(t, TIM6, 1000000), 88000);    /* 11 ms at 8 MHz */
}

static void interrupt_and_apb1_rule(void **state)
{
    struct th *t = *state;
    /* 72 MHz, APB1 /2: the timers run at 72 MHz (x2 rule). */
    wr(t, 0x40021000, rd(t, 0x40021000) | (1u << 18) | (1u << 16));
    wr(t, 0x40021004, 0x001d0400u);
    wr(t, 0x40021000, rd(t, 0x40021000) | (1u << 24));
    wr(t, 0x40021004, 0x001d0402u);
    wr(t, TIM6 + PSC, 71);
    wr(t, TIM6 + ARR, 999);                 /* 1 ms */
    wr(t, TIM6 + EGR, 1);
    wr(t, TIM6 + SR, 0);
    wr(t, TIM6 + DIER, 1);
    wr(t, TIM6 + CR1, 1);
    th_advance(t, 71999);
    assert_false(t->irq[54]);
    th_advance(t, 1);
    assert_true(t->irq[54]);
    wr(t, TIM6 + SR, 0);
    assert_false(t->irq[54]);
    /* APB1 /4: timer clock = 2 x 18 MHz = 36 MHz: twice the cycles. */
    wr(t, 0x40021004, 0x001d0502u);
    assert_int_equal(time_to_uif(t, TIM6, 200000), 144000);
    wr(t, TIM6 + SR, 0);
    assert_int_equal(time_to_uif(t, TIM6, 200000), 144000);
}

static void tim2_is_32_bit(void **state)
{
    struct th *t = *state;
    assert_int_equal(rd(t, TIM2 + ARR), 0xffffffffu);
    wr(t, TIM2 + ARR, 0x12345);
    wr(t, TIM2 + CR1, 1);
    th_advance(t, 0x10000);
    assert_int_equal(rd(t, TIM2 + CNT), 0x10000);
    assert_int_equal(rd(t, TIM2 + SR) & 1, 0);
    th_advance(t, 0x12346 - 0x10000);
    assert_int_equal(rd(t, TIM2 + SR) & 1, 1);
    assert_int_equal(rd(t, TIM2 + CNT), 0);
}

static void compare_match(void **state)
{
    struct th *t = *state;
    const uint32_t tim3 = 0x40000400u;
    wr(t, tim3 + ARR, 999);
    wr(t, tim3 + 0x34, 250);                /* CCR1 */
    wr(t, tim3 + 0x38, 2000);               /* CCR2 beyond ARR: never */
    wr(t, tim3 + 0x1c, 0x0101);             /* CC3, CC4 as input capture: no compare */
    wr(t, tim3 + 0x3c, 100);
    wr(t, tim3 + DIER, 1u << 1);            /* CC1IE */
    wr(t, tim3 + CR1, 1);
    th_advance(t, 249);
    assert_false(t->irq[29]);
    th_advance(t, 1);
    assert_true(t->irq[29]);                /* CNT reached CCR1 */
    assert_int_equal(rd(t, tim3 + SR), 1u << 1);
    wr(t, tim3 + SR, 0);
    assert_false(t->irq[29]);
    th_advance(t, 750);                     /* update at 1000 */
    assert_int_equal(rd(t, tim3 + SR), 1);
    wr(t, tim3 + SR, 0);
    th_advance(t, 250);                     /* next period's match */
    assert_true(t->irq[29]);
    assert_int_equal(rd(t, tim3 + SR), 1u << 1);
    /* Polled: flags appear when SR is read, even across many periods. */
    wr(t, tim3 + DIER, 0);
    wr(t, tim3 + SR, 0);
    th_advance(t, 10000);
    assert_int_equal(rd(t, tim3 + SR), 0x3);    /* UIF | CC1IF, no CC2/CC3 */
    /* Moving CNT past CCR1 does not match. */
    wr(t, tim3 + SR, 0);
    uint32_t c = rd(t, tim3 + CNT);
    if (c < 600) {
        wr(t, tim3 + CNT, 600);
        th_advance(t, 100);
        assert_int_equal(rd(t, tim3 + SR) & 2, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(update_period, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(prescaler_buffered_book_quirk, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(interrupt_and_apb1_rule, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(tim2_is_32_bit, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(compare_match, th_setup_clocked, th_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
