/* Gyroscope on SPI1: L3GD20 (boards up to rev D) or I3G4250D (rev E and
 * later), told apart by WHO_AM_I (facts §4.5). */
#ifndef F3KIT_L3GD20_H
#define F3KIT_L3GD20_H

#include <stdint.h>

enum gyro_kind { GYRO_NONE, GYRO_L3GD20, GYRO_I3G4250D };

struct gyro {
    enum gyro_kind kind;
    uint8_t who_am_i;
};

#define L3GD20_WHO_AM_I 0x0F
#define L3GD20_CTRL_REG1 0x20
#define L3GD20_CTRL_REG4 0x23
#define L3GD20_OUT_X_L 0x28
#define L3GD20_ID 0xD4
#define L3GD20_ID_TR 0xD5      /* also an L3GD20 (ST driver accepts it) */
#define I3G4250D_ID 0xD3

/* Sets up SPI1, identifies the chip, powers it up (95 Hz, X/Y/Z on,
 * +-250 dps = 8.75 mdps/LSB).  0, BSP_NODEV (g->who_am_i holds what was
 * read) or BSP_TIMEOUT. */
int l3gd20_init(struct gyro *g);
int l3gd20_read_reg(uint8_t reg);                     /* value or error */
int l3gd20_write_reg(uint8_t reg, uint8_t value);
/* Angular rate, raw LSB (x 8.75 = mdps at +-250 dps). */
int l3gd20_read(const struct gyro *g, int16_t xyz[3]);
const char *l3gd20_name(enum gyro_kind kind);

#endif
