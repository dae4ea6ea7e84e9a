/* The generated device tables (src/data) and their lookups. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "data/device.h"

static void vectors_at_known_positions(void **state)
{
    (void)state;
    assert_null(device_vectors[0].name);            /* initial SP */
    assert_string_equal(device_vectors[1].name, "Reset");
    assert_string_equal(device_vectors[3].name, "HardFault");
    assert_string_equal(device_vectors[15].name, "SysTick");
    assert_string_equal(device_vectors[22].name, "EXTI0");
    assert_string_equal(device_vectors[53].name, "USART1");
    assert_string_equal(device_vectors[97].name, "FPU");
    for (int i = 7; i <= 10; i++)
        assert_null(device_vectors[i].name);
    assert_null(device_vectors[13].name);
    assert_null(device_vectors[64].name);
    assert_null(device_vectors[96].name);
    assert_int_equal(device_vector_by_name("EXTI0"), 22);
    assert_int_equal(device_vector_by_name("USART1"), 53);
    assert_int_equal(device_vector_by_name("FPU"), 97);
    assert_int_equal(device_vector_by_name("NoSuchIRQ"), -1);
    assert_int_equal(device_vector_by_name(NULL), -1);
}

static void vectors_all_described_and_66_irqs(void **state)
{
    (void)state;
    int irqs = 0;
    for (int i = 0; i < DEVICE_NUM_VECTORS; i++) {
        assert_non_null(device_vectors[i].desc);
        assert_true(strlen(device_vectors[i].desc) > 0);
        if (i >= 16 && device_vectors[i].name)
            irqs++;
    }
    assert_int_equal(irqs, 66);   /* facts §2.1: 66 of 82 IRQ slots implemented */
}

static void regions(void **state)
{
    (void)state;
    const struct device_region *f = device_region_by_kind(DEVICE_REGION_FLASH);
    const struct device_region *r = device_region_by_kind(DEVICE_REGION_RAM);
    const struct device_region *c = device_region_by_kind(DEVICE_REGION_CCM);
    assert_non_null(f);
    assert_non_null(r);
    assert_non_null(c);
    assert_int_equal(f->base, 0x08000000u);
    assert_int_equal(f->size, 256u * 1024);
    assert_int_equal(r->base, 0x20000000u);
    assert_int_equal(r->size, 40u * 1024);
    assert_int_equal(c->base, 0x10000000u);
    assert_int_equal(c->size, 8u * 1024);
    assert_int_equal(device_region_by_kind(DEVICE_REGION_SYSMEM)->base, 0x1FFFD800u);
    assert_int_equal(device_region_by_kind(DEVICE_REGION_OPTION)->base, 0x1FFFF800u);
}

static void periph_lookup(void **state)
{
    (void)state;
    const struct device_periph *p = device_periph_at(0x48001018u);
    assert_non_null(p);
    assert_string_equal(p->name, "GPIOE");
    assert_string_equal(p->rcc_reg, "AHBENR");
    assert_int_equal(p->rcc_bit, 21);
    assert_string_equal(device_periph_at(0x40013800u)->name, "USART1");
    assert_string_equal(device_periph_at(0x40013BFFu)->name, "USART1");
    assert_string_equal(device_periph_at(0xE000ED88u)->name, "SCB");
    assert_null(device_periph_at(0x48001800u));     /* GPIOG exists only on xD/xE */
    assert_null(device_periph_at(0x00000000u));
    assert_null(device_periph_at(0xFFFFFFFFu));
    p = device_periph_by_name("USART1");
    assert_non_null(p);
    assert_int_equal(p->num_irqs, 1);
    assert_int_equal(p->irqs[0], 37);
    assert_string_equal(device_periph_by_name("RCC")->bus, "AHB1");
    assert_null(device_periph_by_name("GPIOG"));
}

static void periphs_sorted_and_disjoint(void **state)
{
    (void)state;
    assert_true(device_num_periphs > 40);
    for (size_t i = 1; i < device_num_periphs; i++)
        assert_true(device_periphs[i - 1].base + device_periphs[i - 1].size <=
                    device_periphs[i].base);
    for (size_t i = 1; i < device_num_regs; i++)
        assert_true(device_regs[i - 1].addr < device_regs[i].addr);
}

static void reg_lookup_and_reset_values(void **state)
{
    (void)state;
    const struct device_reg *r = device_reg_at(0x48001018u);
    assert_non_null(r);
    assert_string_equal(r->periph, "GPIOE");
    assert_string_equal(r->name, "BSRR");
    assert_int_equal(r->access, DEVICE_REG_WO);
    assert_null(device_reg_at(0x48001019u));
    assert_int_equal(device_reg_by_name("GPIOA", "MODER")->reset, 0xA8000000u);
    assert_int_equal(device_reg_by_name("GPIOB", "MODER")->reset, 0x00000280u);
    assert_int_equal(device_reg_by_name("GPIOC", "MODER")->reset, 0u);
    assert_int_equal(device_reg_by_name("RCC", "CR")->reset, 0x00000083u);
    assert_int_equal(device_reg_by_name("RCC", "AHBENR")->reset, 0x14u);
    assert_int_equal(device_reg_by_name("RCC", "CSR")->reset, 0x0C000000u);
    assert_int_equal(device_reg_by_name("FLASH", "ACR")->reset, 0x30u);
    assert_int_equal(device_reg_by_name("FLASH", "CR")->reset, 0x80u);
    assert_int_equal(device_reg_by_name("EXTI", "IMR")->reset, 0x1F800000u);
    assert_int_equal(device_reg_by_name("EXTI", "IMR2")->addr, 0x40010420u);
    assert_int_equal(device_reg_by_name("USART1", "ISR")->reset, 0xC0u);
    assert_int_equal(device_reg_by_name("TIM6", "ARR")->reset, 0xFFFFu);
    assert_int_equal(device_reg_by_name("SCB", "CPUID")->reset, 0x410FC241u);
    assert_int_equal(device_reg_by_name("NVIC", "IPR20")->addr, 0xE000E100u + 0x300 + 80);
    assert_null(device_reg_by_name("GPIOA", "NOPE"));
    assert_null(device_reg_by_name(NULL, "CR"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vectors_at_known_positions),
        cmocka_unit_test(vectors_all_described_and_66_irqs),
        cmocka_unit_test(regions),
        cmocka_unit_test(periph_lookup),
        cmocka_unit_test(periphs_sorted_and_disjoint),
        cmocka_unit_test(reg_lookup_and_reset_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
