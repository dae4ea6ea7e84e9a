/* systick: runs at 72 MHz with a 1 ms SysTick and measures ten 100 ms delays
 * with the core cycle counter (DWT CYCCNT), printing the millisecond count
 * and the cycles of each; exits with 0 (semihosting) if every delay took
 * 7 200 000 cycles +- 1 % (HCLK / 10 at whatever HCLK is running). */
#include <stdio.h>

#include "f3kit.h"

#define PERIODS 10
#define PERIOD_MS 100

int main(void)
{
    int clock_rc = clock_init_72mhz();
    systick_init(clock_hclk_hz());
    usart1_init(clock_pclk2_hz(), 115200);
    printf("systick: HCLK %lu Hz (%s)\r\n", (unsigned long)clock_hclk_hz(),
           clock_rc == BSP_OK ? "PLL from HSE" : "HSI, PLL start failed");

    COREDEBUG->DEMCR |= COREDEBUG_DEMCR_TRCENA;   /* DWT needs trace enabled */
    DWT->CYCCNT = 0;
    DWT->CTRL |= DWT_CTRL_CYCCNTENA;

    const uint32_t expect = clock_hclk_hz() / 1000u * PERIOD_MS;
    int bad = 0;
    for (int i = 1; i <= PERIODS; i++) {
        /* Start on a tick edge, so the delay lasts PERIOD_MS whole ticks. */
        if (systick_delay_ms(1) != BSP_OK) {
            printf("systick: SysTick is not running\r\n");
            return 2;
        }
        uint32_t start = DWT->CYCCNT;
        systick_delay_ms(PERIOD_MS);
        uint32_t cycles = DWT->CYCCNT - start;
        uint32_t err = cycles > expect ? cycles - expect : expect - cycles;
        if (err > expect / 100)
            bad++;
        printf("systick: %lu ms, %lu cycles in the last %d ms\r\n",
               (unsigned long)systick_millis(), (unsigned long)cycles, PERIOD_MS);
    }
    printf("systick: %s\r\n", bad ? "period out of tolerance" : "ok");
    return bad ? 1 : 0;
}
