#include "systick.h"

#include "bsp_status.h"
#include "nvic.h"
#include "stm32f303xc.h"

static volatile uint32_t millis;

void SysTick_Handler(void)
{
    millis++;
}

int systick_init(uint32_t hclk_hz)
{
    uint32_t reload = hclk_hz / 1000u;
    if (reload == 0 || reload - 1 > SYSTICK_RVR_RELOAD_Msk)
        return BSP_BADARG;
    SYSTICK->CSR = 0;
    SYSTICK->RVR = reload - 1;      /* period = RVR + 1 cycles */
    SYSTICK->CVR = 0;
    SYSTICK->CSR = SYSTICK_CSR_CLKSOURCE | SYSTICK_CSR_TICKINT | SYSTICK_CSR_ENABLE;
    return BSP_OK;
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
