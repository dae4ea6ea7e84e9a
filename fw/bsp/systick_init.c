/* SysTick set-up and the kit's handler, kept apart from the time base
 * (systick.c) so that linking the BSP does not claim SysTick_Handler. */
#include "systick.h"

#include "bsp_status.h"
#include "stm32f303xc.h"

void SysTick_Handler(void)
{
    systick_tick();
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
