/* USART1 echo driven by the RXNE interrupt into a ring buffer; the main loop
 * sleeps with the standard "cpsid; check; wfi; cpsie" idiom (WFI wakes on a
 * pending interrupt even while PRIMASK masks it) and echoes upper-cased.
 * At the reset clock (HSI 8 MHz, PCLK2 8 MHz). */
#include "regs.h"
#include "serial.h"

static volatile uint8_t ring[64];
static volatile uint32_t head, tail;

void USART1_IRQHandler(void)
{
    uint32_t isr = USART1_ISR;
    if (isr & USART_ISR_ORE)
        USART1_ICR = USART_ISR_ORE;
    if (isr & USART_ISR_RXNE) {
        uint8_t c = (uint8_t)USART1_RDR; /* reading RDR clears RXNE */
        ring[head % sizeof ring] = c;
        head++;
    }
}

int main(void)
{
    serial_init(8000000u, USART_CR1_RXNEIE);
    nvic_enable(USART1_IRQ);
    serial_puts("echo ready\r\n");
    uint32_t len = 0;
    for (;;) {
        __asm volatile("cpsid i");
        while (head == tail) {
            __asm volatile("wfi");
            /* let the pending RXNE interrupt run, then look again */
            __asm volatile("cpsie i\n\tisb\n\tcpsid i");
        }
        __asm volatile("cpsie i");
        char c = (char)ring[tail % sizeof ring];
        tail++;
        if (c == '\r') {
            serial_puts("\r\nline ");
            serial_putu(len);
            serial_puts("\r\n");
            len = 0;
        } else {
            serial_putc(c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c);
            len++;
        }
    }
}
