#include "systick.h"

#include "bsp_status.h"
#include "nvic.h"
#include "stm32f303xc.h"

/* The time base only: SysTick_Handler lives in systick_init.c, so that
 * code which merely asks the time (the USART timeouts do) does not pull the
 * kit's handler in and an application may define its own. */
static volatile uint32_t millis;

void systick_tick(void)
{
    millis++;
}

uint32_t systick_millis(void)
{
    return millis;
}

int systick_running(void)
{
    const uint32_t need = SYSTICK_CSR_TICKINT | SYSTICK_CSR_ENABLE;
    return (SYSTICK->CSR & need) == need && !irqs_masked();
}

int systick_delay_ms(uint32_t ms)
{
    uint32_t start = millis;
    while (millis - start < ms) {
        if (!systick_running())
            return BSP_NOTREADY;
        __asm__ volatile("wfi");
    }
    return BSP_OK;
}
