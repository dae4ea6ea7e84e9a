/* User button B1 (PA0) on EXTI0, rising edge only: SYSCFG EXTICR1 selects
 * port A for line 0, EXTI IMR/RTSR, NVIC.  Each press increments a count
 * shown in binary on LD3 (bit 0) and LD5 (bit 1) and printed on USART1. */
#include "regs.h"
#include "serial.h"

static volatile uint32_t presses;

void EXTI0_IRQHandler(void)
{
    EXTI_PR = 1u; /* rc_w1 */
    presses++;
}

int main(void)
{
    serial_init(8000000u, 0);
    RCC_AHBENR |= RCC_AHBENR_GPIOAEN | RCC_AHBENR_GPIOEEN;
    RCC_APB2ENR |= RCC_APB2ENR_SYSCFGEN;
    GPIO_MODER(GPIOA_BASE) &= ~3u; /* PA0 input (the board pulls it down) */
    GPIO_MODER(GPIOE_BASE) = (GPIO_MODER(GPIOE_BASE) & ~((3u << (LD3_PIN * 2)) | (3u << (LD5_PIN * 2)))) |
                             (1u << (LD3_PIN * 2)) | (1u << (LD5_PIN * 2));
    SYSCFG_EXTICR1 &= ~0xFu; /* EXTI0 <- PA0 */
    EXTI_RTSR |= 1u;
    EXTI_FTSR &= ~1u;
    EXTI_IMR |= 1u;
    nvic_enable(EXTI0_IRQ);
    serial_puts("button ready\r\n");

    uint32_t shown = 0;
    for (;;) {
        __asm volatile("wfi");
        uint32_t n = presses;
        if (n == shown)
            continue;
        shown = n;
        GPIO_BSRR(GPIOE_BASE) = ((n & 1u) ? 1u << LD3_PIN : 1u << (LD3_PIN + 16)) |
                                ((n & 2u) ? 1u << LD5_PIN : 1u << (LD5_PIN + 16));
        serial_puts("press ");
        serial_putu(n);
        serial_puts("\r\n");
    }
}
