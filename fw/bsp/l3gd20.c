#include "l3gd20.h"

#include <stddef.h>

#include "bsp_status.h"
#include "spi1.h"

/* First SPI byte: bit 7 = read, bit 6 = auto-increment, 5:0 = address. */
#define GYRO_READ 0x80u
#define GYRO_MULTI 0x40u

static int transfer_block(uint8_t first, uint8_t *buf, unsigned n, const uint8_t *out)
{
    spi1_select(1);
    int rc = spi1_transfer(first);
    for (unsigned i = 0; rc >= 0 && i < n; i++) {
        rc = spi1_transfer(out ? out[i] : 0x00);
        if (rc >= 0 && buf)
            buf[i] = (uint8_t)rc;
    }
    spi1_select(0);
    return rc < 0 ? rc : BSP_OK;
}

int l3gd20_read_reg(uint8_t reg)
{
    uint8_t v;
    int rc = transfer_block((uint8_t)(GYRO_READ | (reg & 0x3Fu)), &v, 1, NULL);
    return rc ? rc : v;
}

int l3gd20_write_reg(uint8_t reg, uint8_t value)
{
    return transfer_block(reg & 0x3Fu, NULL, 1, &value);
}

int l3gd20_init(struct gyro *g)
{
    g->kind = GYRO_NONE;
    g->who_am_i = 0;
    int rc = spi1_init();
    if (rc)
        return rc;
    int id = l3gd20_read_reg(L3GD20_WHO_AM_I);
    if (id < 0)
        return id;
    g->who_am_i = (uint8_t)id;
    if (id == L3GD20_ID || id == L3GD20_ID_TR)
        g->kind = GYRO_L3GD20;
    else if (id == I3G4250D_ID)
        g->kind = GYRO_I3G4250D;
    else
        return BSP_NODEV;
    /* CTRL_REG1: PD = 1 (normal mode), Zen/Yen/Xen; lowest data rate.
     * CTRL_REG4: +-250 dps, little endian (the I3G4250D has no BDU bit). */
    if ((rc = l3gd20_write_reg(L3GD20_CTRL_REG1, 0x0F)) ||
        (rc = l3gd20_write_reg(L3GD20_CTRL_REG4, 0x00)))
        return rc;
    return BSP_OK;
}

int l3gd20_read(const struct gyro *g, int16_t xyz[3])
{
    if (g->kind == GYRO_NONE)
        return BSP_NOTREADY;
    uint8_t raw[6];
    int rc = transfer_block(GYRO_READ | GYRO_MULTI | L3GD20_OUT_X_L, raw, 6, NULL);
    if (rc)
        return rc;
    for (int i = 0; i < 3; i++)
        xyz[i] = (int16_t)(raw[2 * i] | (raw[2 * i + 1] << 8));
    return BSP_OK;
}

const char *l3gd20_name(enum gyro_kind kind)
{
    switch (kind) {
    case GYRO_L3GD20: return "L3GD20";
    case GYRO_I3G4250D: return "I3G4250D";
    default: return "none";
    }
}
