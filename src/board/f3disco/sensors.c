/* Gyroscope and e-compass models: see sensors.h. */
#include "board/f3disco/sensors.h"

#include <string.h>

/* Gyro registers (L3GD20 / I3G4250D, same map) */
#define G_WHO_AM_I 0x0f
#define G_CTRL1 0x20
#define G_CTRL4 0x23
#define G_OUT_TEMP 0x26
#define G_STATUS 0x27
#define G_OUT_X_L 0x28
/* Accelerometer (DLHC and AGR) */
#define A_WHO_AM_I 0x0f
#define A_CTRL1 0x20
#define A_CTRL4 0x23
#define A_STATUS 0x27
#define A_OUT_X_L 0x28
/* DLHC magnetometer */
#define M_CRA 0x00
#define M_CRB 0x01
#define M_MR 0x02
#define M_OUT_X_H 0x03
#define M_SR 0x09
#define M_IRA 0x0a
/* AGR magnetometer */
#define AGR_WHO_AM_I_M 0x4f
#define AGR_CFG_A 0x60
#define AGR_STATUS 0x67
#define AGR_OUTX_L 0x68

void sensors_init(struct sensors *s, enum board_revision rev)
{
    memset(s, 0, sizeof *s);
    s->rev = rev;
    s->gyro_reg[G_WHO_AM_I] = rev == BOARD_REV_E ? 0xd3 : 0xd4;
    s->gyro_reg[G_CTRL1] = 0x07;
    s->accel_reg[A_WHO_AM_I] = 0x33;
    s->accel_reg[A_CTRL1] = 0x07;
    if (rev == BOARD_REV_E) {
        s->mag_reg[AGR_WHO_AM_I_M] = 0x40;
        s->mag_reg[AGR_CFG_A] = 0x03;   /* idle */
    } else {
        s->mag_reg[M_CRA] = 0x10;
        s->mag_reg[M_CRB] = 0x20;
        s->mag_reg[M_MR] = 0x03;        /* sleep */
        s->mag_reg[M_IRA] = 0x48;       /* 'H' */
        s->mag_reg[M_IRA + 1] = 0x34;   /* '4' */
        s->mag_reg[M_IRA + 2] = 0x33;   /* '3' */
    }
}

static uint8_t le_byte(int16_t v, unsigned k, bool big)
{
    uint16_t u = (uint16_t)v;
    return (uint8_t)((big ? k == 0 : k == 1) ? u >> 8 : u);
}

static uint8_t gyro_get(struct sensors *s, uint8_t a)
{
    a &= 0x3f;
    if (a == G_STATUS)                  /* new data on all axes when powered */
        return (s->gyro_reg[G_CTRL1] & 0x08) ? 0x0f : 0;
    if (a == G_OUT_TEMP)
        return 0;
    if (a >= G_OUT_X_L && a < G_OUT_X_L + 6) {
        unsigned i = a - G_OUT_X_L;
        bool big = s->gyro_reg[G_CTRL4] & 0x40;     /* BLE */
        s->fresh[SENSORS_GYRO] = false;
        return le_byte(s->gyro[i / 2], i % 2, big);
    }
    return s->gyro_reg[a];
}

static void gyro_set(struct sensors *s, uint8_t a, uint8_t v)
{
    a &= 0x3f;
    /* Identification, status and output registers are read-only. */
    if (a == G_WHO_AM_I || (a >= G_OUT_TEMP && a <= G_OUT_X_L + 5) || a == 0x2f || a == 0x31)
        return;
    s->gyro_reg[a] = v;
}

void sensors_gyro_select(struct sensors *s, bool selected)
{
    (void)selected;
    s->gyro_phase = 0;      /* a CS edge starts or ends a transaction */
}

uint8_t sensors_gyro_xfer(struct sensors *s, uint8_t mosi)
{
    if (s->gyro_phase == 0) {
        s->gyro_read = mosi & 0x80;
        s->gyro_inc = mosi & 0x40;
        s->gyro_addr = mosi & 0x3f;
        s->gyro_phase = 1;
        return 0xff;
    }
    uint8_t out = 0xff;
    if (s->gyro_read)
        out = gyro_get(s, s->gyro_addr);
    else
        gyro_set(s, s->gyro_addr, mosi);
    if (s->gyro_inc)
        s->gyro_addr = (s->gyro_addr + 1) & 0x3f;
    return out;
}

static uint8_t accel_get(struct sensors *s, uint8_t a)
{
    a &= 0x3f;
    if (a == A_STATUS)
        return (s->accel_reg[A_CTRL1] & 0xf0) ? 0x0f : 0;
    if (a >= A_OUT_X_L && a < A_OUT_X_L + 6) {
        unsigned i = a - A_OUT_X_L;
        bool big = s->accel_reg[A_CTRL4] & 0x40;
        s->fresh[SENSORS_ACCEL] = false;
        return le_byte(s->accel[i / 2], i % 2, big);
    }
    return s->accel_reg[a];
}

static uint8_t mag_get(struct sensors *s, uint8_t a)
{
    a &= 0x7f;
    if (s->rev == BOARD_REV_E) {
        if (a == AGR_STATUS)
            return (s->mag_reg[AGR_CFG_A] & 3) == 0 ? 0x0f : 0;
        if (a >= AGR_OUTX_L && a < AGR_OUTX_L + 6) {
            unsigned i = a - AGR_OUTX_L;   /* X, Y, Z, low byte first */
            s->fresh[SENSORS_MAG] = false;
            return le_byte(s->mag[i / 2], i % 2, false);
        }
        return s->mag_reg[a];
    }
    if (a == M_SR)
        return (s->mag_reg[M_MR] & 3) < 2 ? 0x01 : 0;   /* DRDY unless asleep */
    if (a >= M_OUT_X_H && a < M_OUT_X_H + 6) {
        static const unsigned axis[3] = {0, 2, 1};       /* X, Z, Y; high byte first */
        unsigned i = a - M_OUT_X_H;
        s->fresh[SENSORS_MAG] = false;
        return le_byte(s->mag[axis[i / 2]], i % 2, true);
    }
    return s->mag_reg[a];
}

static void accel_set(struct sensors *s, uint8_t a, uint8_t v)
{
    a &= 0x3f;
    if (a >= 0x1f && a != A_STATUS && !(a >= A_OUT_X_L && a < A_OUT_X_L + 6) && a != 0x2f)
        s->accel_reg[a] = v;
}

static void mag_set(struct sensors *s, uint8_t a, uint8_t v)
{
    a &= 0x7f;
    if (s->rev == BOARD_REV_E) {
        if ((a >= 0x45 && a <= 0x4a) || (a >= AGR_CFG_A && a <= 0x66 && a != 0x64))
            s->mag_reg[a] = v;
    } else if (a <= M_MR) {
        s->mag_reg[a] = v;
    }
}

bool sensors_i2c_start(struct sensors *s, uint8_t addr7, bool read)
{
    if (addr7 != SENSORS_ACCEL_ADDR && addr7 != SENSORS_MAG_ADDR) {
        s->i2c_dev = 0;
        return false;
    }
    s->i2c_dev = addr7;
    if (!read)
        s->i2c_subaddr_next = true;
    return true;
}

bool sensors_i2c_write(struct sensors *s, uint8_t byte)
{
    if (!s->i2c_dev)
        return false;
    if (s->i2c_subaddr_next) {
        s->i2c_subaddr_next = false;
        if (s->i2c_dev == SENSORS_ACCEL_ADDR) {
            /* Accelerometer: bit 7 of the sub-address asks for auto-increment. */
            s->i2c_inc = byte & 0x80;
            s->i2c_ptr = byte & 0x7f;
        } else {
            /* Magnetometer: always increments. */
            s->i2c_inc = true;
            s->i2c_ptr = byte & 0x7f;
        }
        return true;
    }
    if (s->i2c_dev == SENSORS_ACCEL_ADDR)
        accel_set(s, s->i2c_ptr, byte);
    else
        mag_set(s, s->i2c_ptr, byte);
    if (s->i2c_inc)
        s->i2c_ptr = (s->i2c_ptr + 1) & 0x7f;
    return true;
}

uint8_t sensors_i2c_read(struct sensors *s)
{
    if (!s->i2c_dev)
        return 0xff;
    uint8_t v = s->i2c_dev == SENSORS_ACCEL_ADDR ? accel_get(s, s->i2c_ptr) : mag_get(s, s->i2c_ptr);
    if (s->i2c_inc)
        s->i2c_ptr = (s->i2c_ptr + 1) & 0x7f;
    return v;
}

void sensors_i2c_stop(struct sensors *s)
{
    s->i2c_dev = 0;
    s->i2c_subaddr_next = false;
}

double sensors_drdy_hz(const struct sensors *s, enum sensors_unit u)
{
    switch (u) {
    case SENSORS_GYRO: {
        /* CTRL_REG3 bit 3 I2_DRDY, CTRL_REG1 bit 3 PD (normal mode). */
        if (!(s->gyro_reg[0x22] & 0x08) || !(s->gyro_reg[G_CTRL1] & 0x08))
            return 0;
        static const double l3g[4] = {95, 190, 380, 760}, i3g[4] = {100, 200, 400, 800};
        unsigned dr = s->gyro_reg[G_CTRL1] >> 6;
        return s->rev == BOARD_REV_E ? i3g[dr] : l3g[dr];
    }
    case SENSORS_ACCEL: {
        /* CTRL_REG3_A bit 4 I1_DRDY1; ODR in CTRL_REG1_A 7:4. */
        static const double odr[16] = {0, 1, 10, 25, 50, 100, 200, 400, 1620, 1344};
        if (!(s->accel_reg[0x22] & 0x10))
            return 0;
        return odr[s->accel_reg[A_CTRL1] >> 4];
    }
    case SENSORS_MAG:
        if (s->rev == BOARD_REV_E) {
            /* CFG_REG_C_M bit 0 INT_MAG_PIN; continuous mode; ODR 3:2. */
            static const double odr[4] = {10, 20, 50, 100};
            if (!(s->mag_reg[0x62] & 1) || (s->mag_reg[AGR_CFG_A] & 3) != 0)
                return 0;
            return odr[(s->mag_reg[AGR_CFG_A] >> 2) & 3];
        } else {
            static const double odr[8] = {0.75, 1.5, 3, 7.5, 15, 30, 75, 220};
            if ((s->mag_reg[M_MR] & 3) != 0)
                return 0;
            return odr[(s->mag_reg[M_CRA] >> 2) & 7];
        }
    }
    return 0;
}

bool sensors_drdy_level(const struct sensors *s, enum sensors_unit u)
{
    return sensors_drdy_hz(s, u) > 0 && s->fresh[u];
}
