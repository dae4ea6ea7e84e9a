/* Memory map, reset values against the device data file, unmodelled
 * registers reported once, bus errors, bit-band, boot alias, DBGMCU. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "data/device.h"
#include "soc_harness.h"

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

static const char *const modelled[] = {"RCC", "FLASH", "GPIOA", "GPIOB", "GPIOC", "GPIOD",
                                       "GPIOE", "GPIOF", "SYSCFG", "EXTI", "USART1", "USART2",
                                       "USART3", "TIM2", "TIM3", "TIM4", "TIM6", "TIM7", "IWDG", "WWDG",
                                       "PWR", "CRC", "I2C1", "SPI1", "DBGMCU"};

/* Registers whose reset read-back the model computes on purpose. */
static bool exempt(const struct device_reg *r)
{
    static const char *const names[][2] = {
        {"PWR", "CSR"},         /* VREFINTRDYF reads 1: the reference is always ready */
        {"GPIOA", "IDR"},       /* pin levels: the debug pins' pull-ups read 1 */
        {"GPIOB", "IDR"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(r->periph, names[i][0]) && !strcmp(r->name, names[i][1]))
            return true;
    return false;
}

static bool is_modelled(const char *p)
{
    for (size_t i = 0; i < sizeof modelled / sizeof modelled[0]; i++)
        if (!strcmp(p, modelled[i]))
            return true;
    return false;
}

static void reset_values_match_data_file(void **state)
{
    struct th *t = *state;
    /* RCC first, before clocks are turned on. */
    unsigned checked = 0, mismatches = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1)
            th_clocks_on(t);
        for (size_t i = 0; i < device_num_regs; i++) {
            const struct device_reg *r = &device_regs[i];
            if ((pass == 0) != !strcmp(r->periph, "RCC") || !is_modelled(r->periph) || exempt(r))
                continue;
            uint32_t v = rd(t, r->addr);
            uint32_t want = r->access == DEVICE_REG_WO ? 0 : r->reset;
            checked++;
            if (v != want) {
                mismatches++;
                print_message("%s->%s at 0x%08x reads 0x%08x, data file says 0x%08x\n",
                              r->periph, r->name, r->addr, v, want);
            }
        }
    }
    assert_true(checked > 150);
    assert_int_equal(mismatches, 0);
    assert_int_equal(rd(t, 0xE0042000), SOC_DBGMCU_IDCODE);
}

static void unmodelled_register_reported_once(void **state)
{
    struct th *t = *state;
    const struct device_reg *r = device_reg_at(0x40020008);
    assert_non_null(r);
    uint32_t v = rd(t, 0x40020008);
    assert_int_equal(v, r->reset);
    assert_int_equal(t->ndiag, 1);
    char want[128];
    snprintf(want, sizeof want, "unmodelled: %s->%s read at 0x40020008", r->periph, r->name);
    assert_string_equal(t->diag[0], want);
    rd(t, 0x40020008);
    wr(t, 0x40020008, 0x1);
    assert_int_equal(t->ndiag, 1);          /* once per register */
    assert_int_equal(rd(t, 0x40020008), r->reset);
    /* A register of a modelled peripheral that f3kit does not model. */
    th_clocks_on(t);
    unsigned n = t->ndiag;
    wr(t, 0x40013810, 0x1234);              /* USART1 GTPR is stored */
    assert_int_equal(t->ndiag, n);
    rd(t, 0x40012c00);                      /* TIM1 CR1 */
    assert_int_equal(t->ndiag, n + 1);
    assert_string_equal(t->diag[n], "unmodelled: TIM1+0x000 read at 0x40012c00");
}

static void unmapped_is_bus_error(void **state)
{
    struct th *t = *state;
    uint32_t v;
    assert_false(bus_read(&t->bus, 0x48001800, 4, &v));   /* GPIOG slot: absent on VC */
    assert_false(bus_read(&t->bus, 0x2000a000, 4, &v));   /* past 40 KiB of SRAM */
    assert_false(bus_read(&t->bus, 0x10002000, 4, &v));   /* past CCM */
    assert_false(bus_write(&t->bus, 0x60000000, 4, 1));
    assert_false(bus_write(&t->bus, SOC_SYSMEM_BASE, 4, 1));   /* system memory is ROM */
    assert_true(bus_read(&t->bus, 0x20009ffc, 4, &v));
    assert_true(bus_read(&t->bus, 0x10001ffc, 4, &v));
}

static void factory_words(void **state)
{
    struct th *t = *state;
    uint32_t v;
    assert_true(bus_read(&t->bus, 0x1FFFF7CC, 2, &v));
    assert_int_equal(v, 0x0100);
    assert_true(bus_read(&t->bus, 0x1FFFF7AC, 4, &v));
    assert_int_not_equal(v, 0xffffffffu);
    /* Option bytes: RDP level 0 with its complement. */
    assert_true(bus_read(&t->bus, 0x1FFFF800, 2, &v));
    assert_int_equal(v, 0x55aa);
}

static void flash_alias_and_mem_mode(void **state)
{
    struct th *t = *state;
    t->soc.flash[0] = 0x11;
    t->soc.flash[1] = 0x22;
    uint32_t v;
    assert_true(bus_read(&t->bus, 0, 2, &v));
    assert_int_equal(v, 0x2211);
    assert_int_equal(*(uint8_t *)bus_read_ptr(&t->bus, SOC_FLASH_BASE, 1), 0x11);
    /* SRAM at 0 (MEM_MODE = 11), then back to flash. */
    th_clocks_on(t);
    wr(t, 0x20000000, 0xcafef00d);
    wr(t, 0x40010000, 3);
    assert_int_equal(rd(t, 0), 0xcafef00d);
    wr(t, 0x40010000, 0);
    assert_true(bus_read(&t->bus, 0, 2, &v));
    assert_int_equal(v, 0x2211);
}

static void bit_band(void **state)
{
    struct th *t = *state;
    wr(t, 0x20000010, 0);
    wr(t, 0x22000000 + 0x10 * 32 + 5 * 4, 1);             /* SRAM byte 0x10 bit 5 */
    assert_int_equal(rd(t, 0x20000010), 0x20);
    wr(t, 0x22000000 + 0x13 * 32 + 7 * 4, 1);             /* byte 0x13 bit 7 */
    assert_int_equal(rd(t, 0x20000010), 0x80000020u);
    assert_int_equal(rd(t, 0x22000000 + 0x13 * 32 + 7 * 4), 1);
    assert_int_equal(rd(t, 0x22000000 + 0x13 * 32 + 6 * 4), 0);
    /* RCC_AHBENR bit 21 (GPIOEEN) through the peripheral alias. */
    uint32_t alias = 0x42000000u + (0x21014u * 32) + 21 * 4;
    assert_int_equal(rd(t, alias), 0);
    wr(t, alias, 1);
    assert_true(rd(t, 0x40021014) & (1u << 21));
    wr(t, alias, 0);
    assert_false(rd(t, 0x40021014) & (1u << 21));
}

static void clock_gating(void **state)
{
    struct th *t = *state;
    wr(t, 0x48001018, 1u << 9);             /* GPIOE BSRR with the clock off */
    assert_int_equal(rd(t, 0x48001014), 0);
    assert_true(th_diag_has(t, "GPIOE written at 0x48001018 while its clock is off: set RCC->AHBENR bit 21"));
    wr(t, 0x40021014, rd(t, 0x40021014) | (1u << 21));
    wr(t, 0x48001018, 1u << 9);
    assert_int_equal(rd(t, 0x48001014), 1u << 9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(reset_values_match_data_file, setup, teardown),
        cmocka_unit_test_setup_teardown(unmodelled_register_reported_once, setup, teardown),
        cmocka_unit_test_setup_teardown(unmapped_is_bus_error, setup, teardown),
        cmocka_unit_test_setup_teardown(factory_words, setup, teardown),
        cmocka_unit_test_setup_teardown(flash_alias_and_mem_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(bit_band, setup, teardown),
        cmocka_unit_test_setup_teardown(clock_gating, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
