/* 1 ms SysTick time base.  systick_init() brings the kit's SysTick_Handler
 * (which calls systick_tick()); firmware with its own SysTick_Handler does
 * not call systick_init() and calls systick_tick() from its handler if it
 * wants systick_millis() and the BSP's timeouts to count. */
#ifndef F3KIT_SYSTICK_H
#define F3KIT_SYSTICK_H

#include <stdint.h>

/* Starts SysTick from HCLK (CLKSOURCE = 1) with a 1 ms period.  Call again
 * after changing the clock.  0, or BSP_BADARG if hclk_hz/1000 does not fit
 * the 24-bit reload register. */
int systick_init(uint32_t hclk_hz);

/* Count one millisecond (from a SysTick handler). */
void systick_tick(void);

/* 1 while SysTick counts milliseconds (enabled, interrupt on, IRQs unmasked). */
int systick_running(void);

/* Milliseconds since systick_init (wraps after 49.7 days). */
uint32_t systick_millis(void);

/* Sleeps (WFI) for at least `ms` milliseconds.  0, or BSP_NOTREADY if
 * SysTick is not running or interrupts are masked (the delay could never
 * end). */
int systick_delay_ms(uint32_t ms);

#endif
