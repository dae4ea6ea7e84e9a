/* The board's motion sensors as bus slaves: the gyroscope on SPI1 (L3GD20,
 * or I3G4250D on rev E) and the e-compass on I2C1 (LSM303DLHC accelerometer
 * at 0x19 and magnetometer at 0x1E, or the LSM303AGR on rev E).  They answer
 * their identification registers, keep their control registers, and report
 * the raw output values the user (script, test) set.  Fact sheet §4.5-4.6. */
#ifndef F3KIT_SENSORS_H
#define F3KIT_SENSORS_H

#include <stdbool.h>
#include <stdint.h>

#include "board/f3disco/board.h"

#define SENSORS_ACCEL_ADDR 0x19
#define SENSORS_MAG_ADDR 0x1e

struct sensors {
    enum board_revision rev;
    int16_t gyro[3], accel[3], mag[3];
    uint8_t gyro_reg[0x40];
    uint8_t accel_reg[0x40];
    uint8_t mag_reg[0x80];
    /* SPI transaction state (CS low) */
    int gyro_phase;             /* 0: expecting the command byte */
    uint8_t gyro_addr;
    bool gyro_read, gyro_inc;
    /* I2C transaction state */
    uint8_t i2c_dev;            /* addressed slave, 0 = none */
    bool i2c_subaddr_next;      /* the next written byte is the sub-address */
    uint8_t i2c_ptr;
    bool i2c_inc;
    /* New data since the outputs were last read (gyro, accel, mag): what
     * the data-ready pins show when routed there. */
    bool fresh[3];
};

enum sensors_unit { SENSORS_GYRO, SENSORS_ACCEL, SENSORS_MAG };

void sensors_init(struct sensors *s, enum board_revision rev);
/* Gyro chip select (active low) moved: true = selected. */
void sensors_gyro_select(struct sensors *s, bool selected);
uint8_t sensors_gyro_xfer(struct sensors *s, uint8_t mosi);
bool sensors_i2c_start(struct sensors *s, uint8_t addr7, bool read);
bool sensors_i2c_write(struct sensors *s, uint8_t byte);
uint8_t sensors_i2c_read(struct sensors *s);
void sensors_i2c_stop(struct sensors *s);
/* Output data rate of a unit in Hz when its data-ready signal is routed to
 * its pin (gyro: CTRL_REG3.I2_DRDY -> PE1; accel: CTRL_REG3_A.I1_DRDY1 ->
 * PE4; mag: DRDY -> PE2 in continuous mode), else 0. */
double sensors_drdy_hz(const struct sensors *s, enum sensors_unit u);
/* Data-ready pin level of a unit: routed and fresh data not yet read. */
bool sensors_drdy_level(const struct sensors *s, enum sensors_unit u);

#endif
