#include "lsm303.h"

#include "bsp_status.h"
#include "i2c1.h"

/* Accelerometer sub-address bit 7 = auto-increment for multi-byte reads. */
#define ACCEL_MULTI 0x80u

static int detect(struct compass *c)
{
    uint8_t v;
    int rc = i2c1_read_regs(LSM303_ACCEL_ADDR, LSM303_WHO_AM_I_A, &v, 1);
    if (rc)
        return rc == BSP_NACK ? BSP_NODEV : rc;
    if (v != LSM303_ACCEL_ID)
        return BSP_NODEV;
    /* WHO_AM_I_A is 0x33 on both chips: the magnetometer decides. */
    if (i2c1_read_regs(LSM303_MAG_ADDR, LSM303DLHC_IRA_REG_M, &v, 1) == BSP_OK &&
        v == LSM303DLHC_IRA_VALUE) {
        c->kind = COMPASS_LSM303DLHC;
        return BSP_OK;
    }
    if (i2c1_read_regs(LSM303_MAG_ADDR, LSM303AGR_WHO_AM_I_M, &v, 1) == BSP_OK &&
        v == LSM303AGR_MAG_ID) {
        c->kind = COMPASS_LSM303AGR;
        return BSP_OK;
    }
    return BSP_NODEV;
}

int lsm303_init(struct compass *c)
{
    c->kind = COMPASS_NONE;
    int rc = i2c1_init();
    if (rc || (rc = detect(c)))
        return rc;
    /* CTRL_REG1_A: ODR 100 Hz (0101), normal mode, Z/Y/X enabled. */
    if ((rc = i2c1_write_reg(LSM303_ACCEL_ADDR, LSM303_CTRL_REG1_A, 0x57)))
        return rc;
    if (c->kind == COMPASS_LSM303DLHC) {
        /* 15 Hz, +-1.3 G, continuous conversion. */
        if ((rc = i2c1_write_reg(LSM303_MAG_ADDR, LSM303DLHC_CRA_REG_M, 0x10)) ||
            (rc = i2c1_write_reg(LSM303_MAG_ADDR, LSM303DLHC_CRB_REG_M, 0x20)) ||
            (rc = i2c1_write_reg(LSM303_MAG_ADDR, LSM303DLHC_MR_REG_M, 0x00)))
            return rc;
    } else {
        /* Continuous mode at 10 Hz; block data update. */
        if ((rc = i2c1_write_reg(LSM303_MAG_ADDR, LSM303AGR_CFG_REG_A_M, 0x00)) ||
            (rc = i2c1_write_reg(LSM303_MAG_ADDR, LSM303AGR_CFG_REG_C_M, 0x10)))
            return rc;
    }
    return BSP_OK;
}

int lsm303_read_accel(const struct compass *c, int16_t xyz[3])
{
    if (c->kind == COMPASS_NONE)
        return BSP_NOTREADY;
    uint8_t raw[6];
    int rc = i2c1_read_regs(LSM303_ACCEL_ADDR, ACCEL_MULTI | LSM303_OUT_X_L_A, raw, 6);
    if (rc)
        return rc;
    for (int i = 0; i < 3; i++)
        xyz[i] = (int16_t)(raw[2 * i] | (raw[2 * i + 1] << 8));
    return BSP_OK;
}

int lsm303_read_mag(const struct compass *c, int16_t xyz[3])
{
    uint8_t raw[6];
    int rc;
    switch (c->kind) {
    case COMPASS_LSM303DLHC:
        /* Starts at OUT_X_H_M without the auto-increment flag (the chip
         * increments by itself); order X, Z, Y, big endian. */
        if ((rc = i2c1_read_regs(LSM303_MAG_ADDR, LSM303DLHC_OUT_X_H_M, raw, 6)))
            return rc;
        xyz[0] = (int16_t)((raw[0] << 8) | raw[1]);
        xyz[2] = (int16_t)((raw[2] << 8) | raw[3]);
        xyz[1] = (int16_t)((raw[4] << 8) | raw[5]);
        return BSP_OK;
    case COMPASS_LSM303AGR:
        if ((rc = i2c1_read_regs(LSM303_MAG_ADDR, LSM303AGR_OUTX_L_REG_M, raw, 6)))
            return rc;
        for (int i = 0; i < 3; i++)
            xyz[i] = (int16_t)(raw[2 * i] | (raw[2 * i + 1] << 8));
        return BSP_OK;
    default:
        return BSP_NOTREADY;
    }
}

const char *lsm303_name(enum compass_kind kind)
{
    switch (kind) {
    case COMPASS_LSM303DLHC: return "LSM303DLHC";
    case COMPASS_LSM303AGR: return "LSM303AGR";
    default: return "none";
    }
}
