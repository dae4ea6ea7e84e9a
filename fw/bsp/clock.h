/* System clock.  Reset state: HSI 8 MHz for SYSCLK, AHB, APB1 and APB2.
 * clock_init_72mhz(): HSE bypass 8 MHz (the ST-LINK's MCO on PF0) x9 PLL =
 * 72 MHz SYSCLK/HCLK, APB1 /2 = 36 MHz, APB2 /1 = 72 MHz, 2 flash wait
 * states (facts §5.3). */
#ifndef F3KIT_CLOCK_H
#define F3KIT_CLOCK_H

#include <stdint.h>

/* 0, or BSP_TIMEOUT if HSERDY, PLLRDY or SWS did not follow (the clock
 * stays on HSI at 8 MHz then; nothing else changed except ACR latency). */
int clock_init_72mhz(void);

uint32_t clock_hclk_hz(void);
uint32_t clock_pclk1_hz(void);
uint32_t clock_pclk2_hz(void);

#endif
