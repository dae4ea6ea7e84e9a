/* Older register-level styles: the stack in the 8 KiB CCM RAM (initial SP
 * 0x10002000), the RCC clock enable and an SRAM flag written through the
 * Cortex-M4 bit-band aliases (ARMv7-M ARM B3.1.3; peripheral alias
 * 0x42000000 + offset*32 + bit*4, SRAM alias 0x22000000 + ...).
 * LD3 on: the bit-band write enabled GPIOE; LD7 on: the SRAM bit-band alias
 * set bit 3 of `flags` and reads back through the alias agree; LD5 on: a
 * recursive function used the CCM stack and returned the right value. */
#include "regs.h"

void Reset_Handler(void);

__attribute__((section(".isr_vector"), used)) const uint32_t vectors[2] = {
    0x10002000u, /* top of CCM RAM */
    (uint32_t)Reset_Handler,
};

#define BITBAND_PERI(addr, bit) REG(0x42000000u + ((addr) - 0x40000000u) * 32u + (bit) * 4u)
#define BITBAND_SRAM(addr, bit) REG(0x22000000u + ((addr) - 0x20000000u) * 32u + (bit) * 4u)

static volatile uint32_t *const flags = (volatile uint32_t *)0x20000100u;

static uint32_t sum_to(volatile uint32_t n)
{
    return n == 0 ? 0 : n + sum_to(n - 1u);
}

void Reset_Handler(void)
{
    BITBAND_PERI(RCC_BASE + 0x14u, 21) = 1; /* RCC_AHBENR.IOPEEN */
    GPIO_MODER(GPIOE_BASE) |= (1u << (LD3_PIN * 2)) | (1u << (LD5_PIN * 2)) | (1u << (LD7_PIN * 2));
    if (RCC_AHBENR & RCC_AHBENR_GPIOEEN)
        GPIO_BSRR(GPIOE_BASE) = 1u << LD3_PIN;

    *flags = 0x10u;
    BITBAND_SRAM(0x20000100u, 3) = 1;
    if (*flags == 0x18u && BITBAND_SRAM(0x20000100u, 4) == 1u && BITBAND_SRAM(0x20000100u, 0) == 0u)
        GPIO_BSRR(GPIOE_BASE) = 1u << LD7_PIN;

    uint32_t sp;
    __asm volatile("mov %0, sp" : "=r"(sp));
    if (sp > 0x10000000u && sp <= 0x10002000u && sum_to(100) == 5050u)
        GPIO_BSRR(GPIOE_BASE) = 1u << LD5_PIN;
    for (;;)
        __asm volatile("wfi");
}
