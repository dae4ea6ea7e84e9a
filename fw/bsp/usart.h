/* USART1 on PC4 (TX) / PC5 (RX), AF7: the ST-LINK virtual COM port of
 * STM32F3DISCOVERY rev C and later (facts §4.1, §3.7).  8N1, no flow
 * control, bytes sent as given (no \n -> \r\n translation). */
#ifndef F3KIT_USART_H
#define F3KIT_USART_H

#include <stddef.h>
#include <stdint.h>

/* `pclk2_hz`: the USART1 kernel clock (PCLK2, clock_pclk2_hz()).
 * 0, BSP_BADARG for an impossible baud rate, BSP_TIMEOUT if TEACK/REACK
 * never came. */
int usart1_init(uint32_t pclk2_hz, uint32_t baud);
int usart1_ready(void);                     /* 1 after a successful init */

/* Each returns 0 (or the byte) or a negative BSP status. */
int usart1_putc(char c);
int usart1_write(const void *buf, size_t len);
int usart1_puts(const char *s);
/* Waits up to timeout_ms (SysTick if running, else about that long in
 * polls) for a byte; returns it (0..255) or BSP_TIMEOUT. */
int usart1_getc(uint32_t timeout_ms);

#endif
