/* Polled USART1 output on PC4 (AF7), the ST-LINK virtual COM port, as a
 * user would write it. */
#ifndef QA_SERIAL_H
#define QA_SERIAL_H

#include "regs.h"

static inline void serial_init(uint32_t pclk2_hz, uint32_t extra_cr1)
{
    RCC_AHBENR |= RCC_AHBENR_GPIOCEN;
    RCC_APB2ENR |= RCC_APB2ENR_USART1EN;
    /* PC4 = TX, PC5 = RX: alternate function 7 */
    GPIO_MODER(GPIOC_BASE) = (GPIO_MODER(GPIOC_BASE) & ~(0xFu << 8)) | (0xAu << 8);
    GPIO_AFRL(GPIOC_BASE) = (GPIO_AFRL(GPIOC_BASE) & ~(0xFFu << 16)) | (0x77u << 16);
    USART1_BRR = (pclk2_hz + 115200u / 2u) / 115200u;
    USART1_CR1 = USART_CR1_TE | USART_CR1_RE | extra_cr1 | USART_CR1_UE;
}

static inline void serial_putc(char c)
{
    while (!(USART1_ISR & USART_ISR_TXE)) {
    }
    USART1_TDR = (uint8_t)c;
}

static inline void serial_puts(const char *s)
{
    while (*s)
        serial_putc(*s++);
}

static inline void serial_putu(uint32_t v)
{
    char buf[11];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v);
    while (n)
        serial_putc(buf[--n]);
}

static inline void serial_puthex(uint32_t v)
{
    serial_puts("0x");
    for (int s = 28; s >= 0; s -= 4)
        serial_putc("0123456789ABCDEF"[(v >> s) & 0xFu]);
}

#endif
