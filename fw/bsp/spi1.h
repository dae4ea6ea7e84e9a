/* SPI1 master on PA5 (SCK) / PA6 (MISO) / PA7 (MOSI), AF5, with the gyro's
 * chip select on PE3 (active low): mode 3, 8-bit frames, MSB first
 * (facts §3.13, §4.5). */
#ifndef F3KIT_SPI1_H
#define F3KIT_SPI1_H

#include <stdint.h>

int spi1_init(void);
void spi1_select(int selected);             /* drives PE3 low when selected */
/* Sends `out`, returns the byte received (0..255) or BSP_TIMEOUT. */
int spi1_transfer(uint8_t out);

#endif
