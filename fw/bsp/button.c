#include "button.h"

#include "bsp_status.h"
#include "gpio.h"
#include "nvic.h"

/* The interrupt handler needs to find the callback: one button, one slot. */
static button_callback callback;
static void *callback_arg;

int button_init(button_callback on_press, void *arg)
{
    callback = on_press;
    callback_arg = arg;
    gpio_clock_enable(GPIOA);
    gpio_set_mode(GPIOA, 0, GPIO_MODE_INPUT);
    gpio_set_pull(GPIOA, 0, GPIO_PULL_NONE);

    /* SYSCFG routes port A to EXTI line 0 (EXTICR1.EXTI0 = 0000 = PA). */
    RCC->APB2ENR |= RCC_APB2ENR_SYSCFGEN;
    (void)RCC->APB2ENR;
    SYSCFG->EXTICR1 &= ~SYSCFG_EXTICR1_EXTI0_Msk;

    EXTI->FTSR &= ~1u;
    EXTI->RTSR |= 1u;       /* press = rising edge */
    EXTI->PR = 1u;          /* drop a stale pending bit (rc_w1) */
    EXTI->IMR |= 1u;
    nvic_enable_irq(EXTI0_IRQn);
    return BSP_OK;
}

int button_pressed(void)
{
    return gpio_read(GPIOA, 0);
}

void EXTI0_IRQHandler(void)
{
    if (EXTI->PR & 1u) {
        EXTI->PR = 1u;
        if (callback)
            callback(callback_arg);
    }
}
