/* button: each press of B1 (PA0, EXTI0 interrupt) moves the lit LED one
 * step clockwise and prints the press count and LED over USART1 (and
 * semihosting under a debugger). */
#include <stdio.h>

#include "f3kit.h"

static void on_press(void *arg)
{
    volatile uint32_t *presses = arg;
    (*presses)++;
}

int main(void)
{
    static volatile uint32_t presses;
    clock_init_72mhz();
    systick_init(clock_hclk_hz());
    leds_init();
    usart1_init(clock_pclk2_hz(), 115200);
    button_init(on_press, (void *)&presses);

    unsigned led = LED_N;
    uint32_t seen = 0;
    led_set(led, 1);
    printf("button: press B1 (USER) to move the light\r\n");
    for (;;) {
        __asm__ volatile("cpsid i");
        uint32_t now = presses;
        if (now == seen)
            __asm__ volatile("wfi");    /* an interrupt wakes us even while masked */
        __asm__ volatile("cpsie i");
        if (now == seen)
            continue;
        seen = now;
        led_set(led, 0);
        led = (led + 1) % LED_COUNT;
        led_set(led, 1);
        printf("button: press %lu, LED %s\r\n", (unsigned long)now, led_name(led));
    }
}
