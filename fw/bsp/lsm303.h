/* E-compass on I2C1: LSM303DLHC (boards up to rev D) or LSM303AGR (rev E
 * and later).  Accelerometer at 0x19, magnetometer at 0x1E on both; the
 * magnetometer's identification tells them apart: IRA_REG_M (0x0A) = 0x48
 * 'H' on the DLHC, WHO_AM_I_M (0x4F) = 0x40 on the AGR (facts §4.6). */
#ifndef F3KIT_LSM303_H
#define F3KIT_LSM303_H

#include <stdint.h>

#define LSM303_ACCEL_ADDR 0x19
#define LSM303_MAG_ADDR 0x1E
#define LSM303_WHO_AM_I_A 0x0F      /* 0x33 on both chips */
#define LSM303_ACCEL_ID 0x33
#define LSM303_CTRL_REG1_A 0x20
#define LSM303_CTRL_REG4_A 0x23
#define LSM303_OUT_X_L_A 0x28
#define LSM303DLHC_CRA_REG_M 0x00
#define LSM303DLHC_CRB_REG_M 0x01
#define LSM303DLHC_MR_REG_M 0x02
#define LSM303DLHC_OUT_X_H_M 0x03   /* X, Z, Y; high byte first */
#define LSM303DLHC_IRA_REG_M 0x0A
#define LSM303DLHC_IRA_VALUE 0x48
#define LSM303AGR_WHO_AM_I_M 0x4F
#define LSM303AGR_MAG_ID 0x40
#define LSM303AGR_CFG_REG_A_M 0x60
#define LSM303AGR_CFG_REG_C_M 0x62
#define LSM303AGR_OUTX_L_REG_M 0x68 /* X, Y, Z; low byte first */

enum compass_kind { COMPASS_NONE, COMPASS_LSM303DLHC, COMPASS_LSM303AGR };

struct compass {
    enum compass_kind kind;
};

/* Sets up I2C1, identifies the chip, starts accelerometer (100 Hz, X/Y/Z,
 * +-2 g) and magnetometer (continuous).  0, BSP_NODEV, BSP_NACK or
 * BSP_TIMEOUT. */
int lsm303_init(struct compass *c);
/* Acceleration, raw left-justified 16-bit LSB (>> 4 = 12-bit, 1 mg/LSB at +-2 g). */
int lsm303_read_accel(const struct compass *c, int16_t xyz[3]);
/* Magnetic field, raw LSB in X, Y, Z order (DLHC: 1100 LSB/G for X/Y, 980 for Z
 * at +-1.3 G; AGR: 1.5 mG/LSB). */
int lsm303_read_mag(const struct compass *c, int16_t xyz[3]);
const char *lsm303_name(enum compass_kind kind);

#endif
