/* GPIO registers and pin levels; EXTI edges into pending bits and NVIC. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "soc_harness.h"

#define GPIOA 0x48000000u
#define GPIOE 0x48001000u
#define MODER 0x00
#define OTYPER 0x04
#define PUPDR 0x0c
#define IDR 0x10
#define ODR 0x14
#define BSRR 0x18
#define LCKR 0x1c
#define BRR 0x28
#define SYSCFG_EXTICR1 0x40010008u
#define EXTI_IMR 0x40010400u
#define EXTI_RTSR 0x40010408u
#define EXTI_FTSR 0x4001040cu
#define EXTI_SWIER 0x40010410u
#define EXTI_PR 0x40010414u


static void bsrr_brr_odr_idr(void **state)
{
    struct th *t = *state;
    wr(t, GPIOE + MODER, 0x55550000u);          /* PE8..15 outputs */
    /* Fact sheet §3.4 worked example. */
    wr(t, GPIOE + BSRR, 1u << 9);
    assert_int_equal(rd(t, GPIOE + ODR), 0x0200);
    wr(t, GPIOE + BSRR, 1u << 11);
    assert_int_equal(rd(t, GPIOE + ODR), 0x0a00);
    wr(t, GPIOE + BSRR, 1u << 25);
    assert_int_equal(rd(t, GPIOE + ODR), 0x0800);
    wr(t, GPIOE + BSRR, 1u << 27);
    assert_int_equal(rd(t, GPIOE + ODR), 0x0000);
    assert_int_equal(rd(t, GPIOE + BSRR), 0);
    /* Set wins over reset for the same pin. */
    wr(t, GPIOE + BSRR, (1u << 8) | (1u << 24));
    assert_int_equal(rd(t, GPIOE + ODR), 0x0100);
    wr(t, GPIOE + BRR, 1u << 8);
    assert_int_equal(rd(t, GPIOE + ODR), 0);
    /* Outputs read back on IDR; drive levels for the board. */
    wr(t, GPIOE + ODR, 0xff00);
    assert_int_equal(rd(t, GPIOE + IDR) & 0xff00, 0xff00);
    assert_int_equal(soc_gpio_drive_high(&t->soc, 4), 0xff00);
    /* Open-drain high does not drive. */
    wr(t, GPIOE + OTYPER, 1u << 8);
    assert_int_equal(soc_gpio_drive_high(&t->soc, 4), 0xfe00);
    assert_true(t->pin_events > 0);
}

static void inputs_and_pulls(void **state)
{
    struct th *t = *state;
    wr(t, GPIOA + MODER, 0xa8000000u);          /* PA0 input */
    assert_int_equal(rd(t, GPIOA + IDR) & 1, 0);
    soc_gpio_input(&t->soc, 0, 0, true, true);
    assert_int_equal(rd(t, GPIOA + IDR) & 1, 1);
    soc_gpio_input(&t->soc, 0, 0, false, false); /* released: floating */
    wr(t, GPIOA + PUPDR, rd(t, GPIOA + PUPDR) | 1);     /* pull-up */
    assert_int_equal(rd(t, GPIOA + IDR) & 1, 1);
    wr(t, GPIOA + MODER, rd(t, GPIOA + MODER) | 3);     /* analog: IDR reads 0 */
    assert_int_equal(rd(t, GPIOA + IDR) & 1, 0);
}

static void lock_sequence(void **state)
{
    struct th *t = *state;
    wr(t, GPIOE + MODER, 0x00010000u);
    wr(t, GPIOE + LCKR, 0x10100);
    wr(t, GPIOE + LCKR, 0x00100);
    wr(t, GPIOE + LCKR, 0x10100);
    assert_int_equal(rd(t, GPIOE + LCKR), 0x10100);
    wr(t, GPIOE + MODER, 0x00000000u);          /* pin 8 frozen */
    assert_int_equal(rd(t, GPIOE + MODER), 0x00010000u);
    wr(t, GPIOE + MODER, 0x00040000u);          /* pin 9 free */
    assert_int_equal(rd(t, GPIOE + MODER), 0x00050000u);
    soc_reset(&t->soc, SOC_RESET_PIN);
    th_clocks_on(t);
    wr(t, GPIOE + MODER, 0);
    assert_int_equal(rd(t, GPIOE + MODER), 0);
}

static void button_edge_to_exti0(void **state)
{
    struct th *t = *state;
    wr(t, SYSCFG_EXTICR1, 0);                   /* EXTI0 = PA0 */
    wr(t, EXTI_IMR, rd(t, EXTI_IMR) | 1);
    wr(t, EXTI_RTSR, 1);
    soc_gpio_input(&t->soc, 0, 0, true, true);  /* press */
    assert_int_equal(rd(t, EXTI_PR) & 1, 1);
    assert_true(t->irq[6]);
    wr(t, EXTI_PR, 1);
    assert_int_equal(rd(t, EXTI_PR) & 1, 0);
    assert_false(t->irq[6]);
    soc_gpio_input(&t->soc, 0, 0, true, false); /* release: falling not enabled */
    assert_int_equal(rd(t, EXTI_PR) & 1, 0);
    wr(t, EXTI_FTSR, 1);
    soc_gpio_input(&t->soc, 0, 0, true, true);
    soc_gpio_input(&t->soc, 0, 0, true, false);
    assert_int_equal(rd(t, EXTI_PR) & 1, 1);
    assert_int_equal(t->irq_rises[6], 2);
}

static void port_select_and_groups(void **state)
{
    struct th *t = *state;
    wr(t, SYSCFG_EXTICR1, 4);                   /* EXTI0 = PE0 */
    wr(t, EXTI_IMR, rd(t, EXTI_IMR) | 1 | (1u << 7) | (1u << 12));
    wr(t, EXTI_RTSR, 1 | (1u << 7) | (1u << 12));
    soc_gpio_input(&t->soc, 0, 0, true, true);  /* PA0: not routed */
    assert_int_equal(rd(t, EXTI_PR) & 1, 0);
    soc_gpio_input(&t->soc, 4, 0, true, true);  /* PE0 */
    assert_int_equal(rd(t, EXTI_PR) & 1, 1);
    soc_gpio_input(&t->soc, 0, 7, true, true);  /* PA7 -> line 7 -> IRQ 23 */
    assert_true(t->irq[23]);
    soc_gpio_input(&t->soc, 0, 12, true, true); /* PA12 -> IRQ 40 */
    assert_true(t->irq[40]);
    /* Masked line: no pending bit. */
    wr(t, EXTI_IMR, rd(t, EXTI_IMR) & ~(1u << 7));
    assert_false(t->irq[23]);
}

static void software_trigger(void **state)
{
    struct th *t = *state;
    wr(t, EXTI_IMR, rd(t, EXTI_IMR) | (1u << 3));
    wr(t, EXTI_SWIER, 1u << 3);
    assert_int_equal(rd(t, EXTI_PR) & 8, 8);
    assert_true(t->irq[9]);
    wr(t, EXTI_PR, 8);
    assert_int_equal(rd(t, EXTI_SWIER) & 8, 0);
    assert_false(t->irq[9]);
}

static void event_mode_wakes_the_core(void **state)
{
    struct th *t = *state;
    wr(t, 0x40010404u, 1);                  /* EMR: line 0 as an event */
    wr(t, EXTI_RTSR, 1);
    soc_gpio_input(&t->soc, 0, 0, true, true);
    assert_int_equal(t->wake_events, 1);
    assert_int_equal(rd(t, EXTI_PR) & 1, 0);    /* events set no pending bit */
    assert_false(t->irq[6]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(bsrr_brr_odr_idr, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(inputs_and_pulls, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(lock_sequence, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(button_edge_to_exti0, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(port_select_and_groups, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(software_trigger, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(event_mode_wakes_the_core, th_setup_clocked, th_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
