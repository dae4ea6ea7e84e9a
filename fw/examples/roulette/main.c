/* roulette: the eight compass LEDs light one at a time, clockwise from
 * North (LD3, LD5, LD7, LD9, LD10, LD8, LD6, LD4), 100 ms each, forever.
 * 72 MHz from the PLL when the HSE is there, else 8 MHz HSI; SysTick paces. */
#include "f3kit.h"

#define STEP_MS 100

int main(void)
{
    clock_init_72mhz();     /* on failure the chase still runs on HSI */
    if (systick_init(clock_hclk_hz()) != BSP_OK)
        return 1;
    leds_init();
    for (unsigned step = 0;; step = (step + 1) % LED_COUNT) {
        leds_set_mask((uint8_t)(1u << step));
        if (systick_delay_ms(STEP_MS) != BSP_OK)
            return 2;
    }
}
