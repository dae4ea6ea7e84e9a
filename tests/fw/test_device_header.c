/* The generated firmware header (fw/device/stm32f303xc.h) agrees with the
 * generated tables (src/data) it shares a source with: register offsets,
 * base addresses, IRQ numbers, bit positions.  Compiled for the host: the
 * header is plain C11 with <stdint.h>. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "data/device.h"
#include "stm32f303xc.h"

#define REG_AT(periph, type, reg) \
    ((uint32_t)(periph##_BASE + offsetof(type, reg)))

static void offsets_match_tables(void **state)
{
    (void)state;
    struct { uint32_t addr; const char *periph, *reg; } cases[] = {
        {REG_AT(GPIOE, GPIO_TypeDef, BSRR), "GPIOE", "BSRR"},
        {REG_AT(GPIOA, GPIO_TypeDef, BRR), "GPIOA", "BRR"},
        {REG_AT(RCC, RCC_TypeDef, CFGR3), "RCC", "CFGR3"},
        {REG_AT(FLASH, FLASH_TypeDef, OBR), "FLASH", "OBR"},
        {REG_AT(EXTI, EXTI_TypeDef, IMR2), "EXTI", "IMR2"},
        {REG_AT(USART1, USART_TypeDef, TDR), "USART1", "TDR"},
        {REG_AT(I2C1, I2C_TypeDef, TXDR), "I2C1", "TXDR"},
        {REG_AT(SPI1, SPI_TypeDef, DR), "SPI1", "DR"},
        {REG_AT(TIM2, TIM_TypeDef, CCR1), "TIM2", "CCR1"},
        {REG_AT(TIM6, TIM_BASIC_TypeDef, ARR), "TIM6", "ARR"},
        {REG_AT(DMA1, DMA_TypeDef, CMAR7), "DMA1", "CMAR7"},
        {REG_AT(SCB, SCB_TypeDef, CPACR), "SCB", "CPACR"},
        {REG_AT(NVIC, NVIC_TypeDef, IPR), "NVIC", "IPR0"},
        {REG_AT(SYSTICK, SYSTICK_TypeDef, CALIB), "SYSTICK", "CALIB"},
        {REG_AT(COREDEBUG, COREDEBUG_TypeDef, DEMCR), "COREDEBUG", "DEMCR"},
        {REG_AT(DBGMCU, DBGMCU_TypeDef, APB2_FZ), "DBGMCU", "APB2_FZ"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct device_reg *r = device_reg_by_name(cases[i].periph, cases[i].reg);
        assert_non_null(r);
        assert_int_equal(cases[i].addr, r->addr);
    }
    /* Facts §2.2/§3: a few absolute addresses spelled out. */
    assert_int_equal(REG_AT(GPIOE, GPIO_TypeDef, BSRR), 0x48001018u);
    assert_int_equal(REG_AT(SCB, SCB_TypeDef, CPACR), 0xE000ED88u);
    assert_int_equal(REG_AT(COREDEBUG, COREDEBUG_TypeDef, DHCSR), 0xE000EDF0u);
    assert_int_equal(REG_AT(NVIC, NVIC_TypeDef, ISER), 0xE000E100u);
}

static void irq_numbers_match_vectors(void **state)
{
    (void)state;
    assert_int_equal(EXTI0_IRQn + 16, device_vector_by_name("EXTI0"));
    assert_int_equal(USART1_IRQn + 16, device_vector_by_name("USART1"));
    assert_int_equal(FPU_IRQn + 16, device_vector_by_name("FPU"));
    assert_int_equal(SysTick_IRQn, -1);
    assert_int_equal(HardFault_IRQn, -13);
    assert_int_equal(EXTI0_IRQn, 6);
    assert_int_equal(F3_NUM_VECTORS, DEVICE_NUM_VECTORS);
}

static void bits_and_memory(void **state)
{
    (void)state;
    assert_int_equal(RCC_AHBENR_GPIOEEN, 1u << 21);
    assert_int_equal(GPIOE_RCC_BIT, 21);
    assert_int_equal(RCC_CR_HSERDY, 1u << 17);
    assert_int_equal(RCC_CFGR_PLLMUL_Msk, 0xFu << 18);
    assert_int_equal(SCB_CPACR_CP10_Msk | SCB_CPACR_CP11_Msk, 0xFu << 20);
    assert_int_equal(USART_ISR_TXE, 1u << 7);
    assert_int_equal(I2C_CR2_NBYTES_Msk, 0xFFu << 16);
    assert_int_equal(MEM_FLASH_BASE, device_region_by_kind(DEVICE_REGION_FLASH)->base);
    assert_int_equal(MEM_RAM_SIZE, device_region_by_kind(DEVICE_REGION_RAM)->size);
    assert_int_equal(MEM_CCMRAM_BASE, 0x10000000u);
    assert_int_equal(sizeof(SCB_TypeDef), 0x8C);
    assert_int_equal(sizeof(GPIO_TypeDef), 0x2C);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(offsets_match_tables),
        cmocka_unit_test(irq_numbers_match_vectors),
        cmocka_unit_test(bits_and_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
