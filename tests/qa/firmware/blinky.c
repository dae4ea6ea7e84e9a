/* The classic first bare-metal program: no startup file, no C runtime, a
 * two-word vector table, read-modify-write of GPIOE MODER and an ODR toggle
 * in a busy delay loop (HSI 8 MHz, the reset clock).
 * Observable: LD4 (PE8) turned on by a first MODER read-modify-write stays on
 * through the second one (for PE9, PE11), LD7 (PE11) steady on, LD3 (PE9)
 * blinking with a constant period. */
#include "regs.h"

void Reset_Handler(void);

__attribute__((section(".isr_vector"), used)) const uint32_t vectors[2] = {
    0x2000A000u, /* top of the 40 KiB SRAM */
    (uint32_t)Reset_Handler,
};

static void delay(uint32_t n)
{
    for (volatile uint32_t i = 0; i < n; i++) {
    }
}

void Reset_Handler(void)
{
    RCC_AHBENR |= RCC_AHBENR_GPIOEEN;

    uint32_t moder = GPIO_MODER(GPIOE_BASE);
    moder &= ~(3u << (LD4_PIN * 2));
    moder |= 1u << (LD4_PIN * 2);
    GPIO_MODER(GPIOE_BASE) = moder;
    GPIO_ODR(GPIOE_BASE) |= 1u << LD4_PIN;

    moder = GPIO_MODER(GPIOE_BASE);
    moder &= ~((3u << (LD3_PIN * 2)) | (3u << (LD7_PIN * 2)));
    moder |= (1u << (LD3_PIN * 2)) | (1u << (LD7_PIN * 2));
    GPIO_MODER(GPIOE_BASE) = moder;
    GPIO_ODR(GPIOE_BASE) |= 1u << LD7_PIN;

    for (;;) {
        GPIO_ODR(GPIOE_BASE) ^= 1u << LD3_PIN;
        delay(20000);
    }
}
