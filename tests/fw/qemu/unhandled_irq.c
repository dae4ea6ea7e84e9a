/* An enabled, pended IRQ without a handler (USART1, IRQ 37 = exception 53)
 * reaches the default handler: exit 128 + 53. */
#include "f3kit.h"

int main(void)
{
    nvic_enable_irq(USART1_IRQn);
    NVIC->ISPR[USART1_IRQn / 32] = 1u << (USART1_IRQn % 32);
    __asm__ volatile("dsb\n\tisb");
    return 0;
}
