#include "usart.h"

#include "bsp_status.h"
#include "gpio.h"
#include "stm32f303xc.h"
#include "systick.h"

static int ready;

static int wait_isr(uint32_t mask)
{
    for (uint32_t i = 0; i < BSP_SPIN_LIMIT; i++)
        if (USART1->ISR & mask)
            return BSP_OK;
    return BSP_TIMEOUT;
}

int usart1_init(uint32_t pclk2_hz, uint32_t baud)
{
    /* Oversampling by 16: BRR = f_ck / baud, at least 16. */
    if (baud == 0 || pclk2_hz / baud < 16 || pclk2_hz / baud > 0xFFFFu)
        return BSP_BADARG;
    gpio_clock_enable(GPIOC);
    gpio_set_af(GPIOC, 4, 7);
    gpio_set_af(GPIOC, 5, 7);
    gpio_set_pull(GPIOC, 5, GPIO_PULL_UP);   /* idle-high line if RX floats */

    RCC->APB2ENR |= RCC_APB2ENR_USART1EN;
    (void)RCC->APB2ENR;
    RCC->CFGR3 &= ~RCC_CFGR3_USART1SW_Msk;   /* kernel clock = PCLK2 */

    USART1->CR1 = 0;
    USART1->CR2 = 0;                         /* 1 stop bit */
    USART1->CR3 = 0;
    USART1->BRR = (pclk2_hz + baud / 2) / baud;
    USART1->CR1 = USART_CR1_TE | USART_CR1_RE | USART_CR1_UE;
    ready = 0;
    if (wait_isr(USART_ISR_TEACK) || wait_isr(USART_ISR_REACK))
        return BSP_TIMEOUT;
    ready = 1;
    return BSP_OK;
}

int usart1_ready(void)
{
    return ready;
}

int usart1_putc(char c)
{
    if (!ready)
        return BSP_NOTREADY;
    if (wait_isr(USART_ISR_TXE))
        return BSP_TIMEOUT;
    USART1->TDR = (uint8_t)c;
    return BSP_OK;
}

int usart1_write(const void *buf, size_t len)
{
    const char *p = buf;
    for (size_t i = 0; i < len; i++) {
        int rc = usart1_putc(p[i]);
        if (rc)
            return rc;
    }
    return BSP_OK;
}

int usart1_puts(const char *s)
{
    int rc = BSP_OK;
    while (*s && rc == BSP_OK)
        rc = usart1_putc(*s++);
    return rc;
}

int usart1_getc(uint32_t timeout_ms)
{
    if (!ready)
        return BSP_NOTREADY;
    int timed = systick_running();
    uint32_t start = systick_millis();
    /* Without SysTick, count polls: 1000 per ms errs on the long side at
     * 8..72 MHz. */
    uint64_t spins_left = (uint64_t)timeout_ms * 1000u + 1000u;
    for (;;) {
        uint32_t isr = USART1->ISR;
        if (isr & USART_ISR_ORE)
            USART1->ICR = USART_ICR_ORECF;   /* keep receiving after an overrun */
        if (isr & USART_ISR_RXNE)
            return (int)(USART1->RDR & 0xFFu);
        if (timed ? systick_millis() - start > timeout_ms : --spins_left == 0)
            return BSP_TIMEOUT;
    }
}
