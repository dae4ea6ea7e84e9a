/* I2C1 master on PB6 (SCL) / PB7 (SDA), AF4 open-drain, 100 kHz from the
 * 8 MHz HSI kernel clock (facts §3.12, §4.6). Addresses are 7-bit. */
#ifndef F3KIT_I2C1_H
#define F3KIT_I2C1_H

#include <stdint.h>

int i2c1_init(void);
/* Reads n (1..255) registers starting at `reg` (write reg, repeated start,
 * read).  0, BSP_NACK, BSP_TIMEOUT or BSP_BADARG. */
int i2c1_read_regs(uint8_t addr, uint8_t reg, uint8_t *buf, unsigned n);
int i2c1_write_reg(uint8_t addr, uint8_t reg, uint8_t value);

#endif
