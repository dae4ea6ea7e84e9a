/* The sensors behind I2C1 and SPI1, driven register by register the way
 * the discovery book does (no firmware): identification registers, raw
 * values, auto-increment, NACK for absent addresses, RELOAD, pins. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "board_harness.h"

#define RCC_AHBENR 0x40021014u
#define RCC_APB1ENR 0x4002101cu
#define RCC_APB2ENR 0x40021018u
#define GPIOA 0x48000000u
#define GPIOB 0x48000400u
#define GPIOE 0x48001000u
#define I2C1 0x40005400u
#define SPI1 0x40013000u

static uint32_t rd(struct bh *h, uint32_t a)
{
    uint32_t v = 0;
    assert_true(bus_read(board_bus(h->b), a, 4, &v));
    return v;
}

static void wr(struct bh *h, uint32_t a, uint32_t v)
{
    assert_true(bus_write(board_bus(h->b), a, 4, v));
}

static void i2c_pins(struct bh *h)
{
    wr(h, RCC_AHBENR, rd(h, RCC_AHBENR) | (1u << 18));
    wr(h, RCC_APB1ENR, rd(h, RCC_APB1ENR) | (1u << 21));
    wr(h, GPIOB + 0x00, (rd(h, GPIOB) & ~0xf000u) | 0xa000u);   /* PB6/PB7 AF */
    wr(h, GPIOB + 0x04, 0xc0);                                  /* open drain */
    wr(h, GPIOB + 0x20, 0x44000000u);                           /* AF4 */
    wr(h, I2C1 + 0x10, 0x00310309u);                            /* 400 kHz at 8 MHz */
    wr(h, I2C1 + 0x00, 1);                                      /* PE */
}

/* The book's register read: write the sub-address, repeated start, read n. */
static void i2c_read(struct bh *h, uint8_t addr, uint8_t sub, uint8_t *out, unsigned n)
{
    wr(h, I2C1 + 0x04, (1u << 13) | (1u << 16) | (uint32_t)addr << 1);
    assert_true(rd(h, I2C1 + 0x18) & 2);                        /* TXIS */
    wr(h, I2C1 + 0x28, sub);
    assert_true(rd(h, I2C1 + 0x18) & (1u << 6));                /* TC */
    wr(h, I2C1 + 0x04, (1u << 13) | (1u << 10) | (1u << 25) | (uint32_t)n << 16 |
                           (uint32_t)addr << 1);
    for (unsigned i = 0; i < n; i++) {
        assert_true(rd(h, I2C1 + 0x18) & 4);                    /* RXNE */
        out[i] = (uint8_t)rd(h, I2C1 + 0x24);
    }
    assert_true(rd(h, I2C1 + 0x18) & (1u << 5));                /* STOPF (AUTOEND) */
    wr(h, I2C1 + 0x1c, 1u << 5);
    assert_false(rd(h, I2C1 + 0x18) & (1u << 15));              /* not BUSY */
}

static void i2c_write(struct bh *h, uint8_t addr, uint8_t sub, uint8_t val)
{
    wr(h, I2C1 + 0x04, (1u << 13) | (1u << 25) | (2u << 16) | (uint32_t)addr << 1);
    wr(h, I2C1 + 0x28, sub);
    wr(h, I2C1 + 0x28, val);
    assert_true(rd(h, I2C1 + 0x18) & (1u << 5));
    wr(h, I2C1 + 0x1c, 1u << 5);
}

static void compass_dlhc(void **state)
{
    (void)state;
    struct bh *h = bh_new(BOARD_REV_C, NULL);
    i2c_pins(h);
    uint8_t b[6];
    i2c_read(h, 0x1e, 0x0a, b, 3);                              /* IRA/IRB/IRC */
    assert_memory_equal(b, "H43", 3);
    i2c_read(h, 0x19, 0x0f, b, 1);
    assert_int_equal(b[0], 0x33);
    board_set_mag(h->b, 0x1234, -2, 0x0567);
    i2c_write(h, 0x1e, 0x02, 0x00);                             /* MR: continuous */
    i2c_read(h, 0x1e, 0x03, b, 6);                              /* X, Z, Y big-endian */
    const uint8_t mag[6] = {0x12, 0x34, 0x05, 0x67, 0xff, 0xfe};
    assert_memory_equal(b, mag, 6);
    board_set_accel(h->b, -16, 1000, 16384);
    i2c_write(h, 0x19, 0x20, 0x77);                             /* 400 Hz, XYZ */
    i2c_read(h, 0x19, 0x28 | 0x80, b, 6);                       /* auto-increment */
    const uint8_t acc[6] = {0xf0, 0xff, 0xe8, 0x03, 0x00, 0x40};
    assert_memory_equal(b, acc, 6);
    i2c_read(h, 0x19, 0x20, b, 1);
    assert_int_equal(b[0], 0x77);
    /* No device at 0x50: address NACK, then STOP. */
    wr(h, I2C1 + 0x04, (1u << 13) | (1u << 16) | (0x50u << 1));
    assert_true(rd(h, I2C1 + 0x18) & (1u << 4));
    assert_true(rd(h, I2C1 + 0x18) & (1u << 5));
    bh_free(h);
}

static void compass_agr(void **state)
{
    (void)state;
    struct bh *h = bh_new(BOARD_REV_E, NULL);
    i2c_pins(h);
    uint8_t b[6];
    i2c_read(h, 0x1e, 0x4f, b, 1);
    assert_int_equal(b[0], 0x40);
    board_set_mag(h->b, 1, 2, -3);
    i2c_read(h, 0x1e, 0x68, b, 6);                              /* X, Y, Z little-endian */
    const uint8_t mag[6] = {1, 0, 2, 0, 0xfd, 0xff};
    assert_memory_equal(b, mag, 6);
    bh_free(h);
}

static void i2c_reload(void **state)
{
    (void)state;
    struct bh *h = bh_new(BOARD_REV_C, NULL);
    i2c_pins(h);
    board_set_accel(h->b, 0x0201, 0x0403, 0x0605);
    wr(h, I2C1 + 0x04, (1u << 13) | (1u << 16) | (0x19u << 1));
    wr(h, I2C1 + 0x28, 0xa8);
    /* Read 4 bytes as 2 + 2 with RELOAD. */
    wr(h, I2C1 + 0x04, (1u << 13) | (1u << 10) | (1u << 24) | (2u << 16) | (0x19u << 1));
    uint8_t b[4];
    b[0] = (uint8_t)rd(h, I2C1 + 0x24);
    b[1] = (uint8_t)rd(h, I2C1 + 0x24);
    assert_true(rd(h, I2C1 + 0x18) & (1u << 7));                /* TCR */
    wr(h, I2C1 + 0x04, (1u << 10) | (1u << 25) | (2u << 16) | (0x19u << 1));
    b[2] = (uint8_t)rd(h, I2C1 + 0x24);
    b[3] = (uint8_t)rd(h, I2C1 + 0x24);
    const uint8_t want[4] = {1, 2, 3, 4};
    assert_memory_equal(b, want, 4);
    assert_true(rd(h, I2C1 + 0x18) & (1u << 5));
    bh_free(h);
}

static void i2c_pins_not_configured(void **state)
{
    (void)state;
    struct bh *h = bh_new(BOARD_REV_C, NULL);
    wr(h, RCC_APB1ENR, rd(h, RCC_APB1ENR) | (1u << 21));
    wr(h, I2C1 + 0x00, 1);
    wr(h, I2C1 + 0x04, (1u << 13) | (1u << 16) | (0x19u << 1));
    assert_true(rd(h, I2C1 + 0x18) & (1u << 4));                /* NACKF */
    assert_non_null(strstr(h->diag[h->ndiag - 1], "PB6/PB7 are not in AF4"));
    bh_free(h);
}

static uint8_t spi_xfer(struct bh *h, uint8_t out)
{
    assert_true(bus_write(board_bus(h->b), SPI1 + 0x0c, 1, out));
    uint32_t v;
    assert_true(rd(h, SPI1 + 0x08) & 1);
    assert_true(bus_read(board_bus(h->b), SPI1 + 0x0c, 1, &v));
    return (uint8_t)v;
}

static void gyro_spi(void **state)
{
    (void)state;
    struct bh *h = bh_new(BOARD_REV_C, NULL);
    wr(h, RCC_AHBENR, rd(h, RCC_AHBENR) | (1u << 17) | (1u << 21));
    wr(h, RCC_APB2ENR, rd(h, RCC_APB2ENR) | (1u << 12));
    wr(h, GPIOA + 0x00, (rd(h, GPIOA) & ~0xfc00u) | 0xa800u);   /* PA5..7 AF */
    wr(h, GPIOA + 0x20, 0x55500000u);                           /* AF5 */
    wr(h, GPIOE + 0x00, 1u << 6);                               /* PE3 output */
    wr(h, GPIOE + 0x18, 1u << 3);                               /* CS high */
    wr(h, SPI1 + 0x04, 0x1700);                                 /* 8 bit, FRXTH */
    wr(h, SPI1 + 0x00, 0x037f);                 /* CPOL CPHA MSTR BR SPE SSI SSM */
    /* Deselected: nothing answers. */
    assert_int_equal(spi_xfer(h, 0x8f), 0xff);
    wr(h, GPIOE + 0x18, 1u << 19);                              /* CS low */
    spi_xfer(h, 0x80 | 0x0f);
    assert_int_equal(spi_xfer(h, 0), 0xd4);                     /* WHO_AM_I: L3GD20 */
    wr(h, GPIOE + 0x18, 1u << 3);
    board_set_gyro(h->b, -2, 0x1234, 7);
    wr(h, GPIOE + 0x18, 1u << 19);
    spi_xfer(h, 0x20);                                          /* write CTRL_REG1 */
    spi_xfer(h, 0x0f);
    wr(h, GPIOE + 0x18, 1u << 3);
    wr(h, GPIOE + 0x18, 1u << 19);
    spi_xfer(h, 0xc0 | 0x27);                                   /* read, auto-inc, STATUS */
    uint8_t b[7];
    for (int i = 0; i < 7; i++)
        b[i] = spi_xfer(h, 0);
    wr(h, GPIOE + 0x18, 1u << 3);
    const uint8_t want[7] = {0x0f, 0xfe, 0xff, 0x34, 0x12, 7, 0};
    assert_memory_equal(b, want, 7);
    bh_free(h);
}

static bool pe_level(struct bh *h, unsigned pin)
{
    return (rd(h, GPIOE + 0x10) >> pin) & 1;
}

static void data_ready_pins(void **state)
{
    (void)state;
    struct bh *h = bh_new(BOARD_REV_C, NULL);
    bh_spin_program(h);
    wr(h, RCC_AHBENR, rd(h, RCC_AHBENR) | (1u << 17) | (1u << 18) | (1u << 21));
    wr(h, RCC_APB2ENR, rd(h, RCC_APB2ENR) | (1u << 12));
    wr(h, GPIOA + 0x00, (rd(h, GPIOA) & ~0xfc00u) | 0xa800u);
    wr(h, GPIOA + 0x20, 0x55500000u);
    wr(h, GPIOE + 0x00, 1u << 6);
    wr(h, GPIOE + 0x18, 1u << 3);
    wr(h, SPI1 + 0x04, 0x1700);
    wr(h, SPI1 + 0x00, 0x037f);
    board_run_for(h->b, 0.05, 0);
    assert_false(pe_level(h, 1));                   /* not routed yet */
    /* CTRL_REG3 = I2_DRDY, then CTRL_REG1 = 95 Hz, powered, XYZ. */
    wr(h, GPIOE + 0x18, 1u << 19);
    spi_xfer(h, 0x40 | 0x20);                       /* write, auto-increment */
    spi_xfer(h, 0x0f);                              /* CTRL_REG1 */
    spi_xfer(h, 0x00);                              /* CTRL_REG2 */
    spi_xfer(h, 0x08);                              /* CTRL_REG3: I2_DRDY */
    wr(h, GPIOE + 0x18, 1u << 3);
    assert_false(pe_level(h, 1));
    board_run_for(h->b, 1.0 / 95 + 0.0005, 0);
    assert_true(pe_level(h, 1));                    /* a sample is ready */
    wr(h, GPIOE + 0x18, 1u << 19);
    spi_xfer(h, 0xc0 | 0x28);
    for (int i = 0; i < 6; i++)
        spi_xfer(h, 0);
    wr(h, GPIOE + 0x18, 1u << 3);
    assert_false(pe_level(h, 1));                   /* read: line drops */
    board_run_for(h->b, 1.0 / 95, 0);
    assert_true(pe_level(h, 1));                    /* next sample */
    /* Magnetometer DRDY on PE2 in continuous mode at 15 Hz (CRA reset). */
    i2c_pins(h);
    i2c_write(h, 0x1e, 0x02, 0x00);
    board_run_for(h->b, 1.0 / 15 + 0.001, 0);
    assert_true(pe_level(h, 2));
    uint8_t b[6];
    i2c_read(h, 0x1e, 0x03, b, 6);
    assert_false(pe_level(h, 2));
    bh_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compass_dlhc),
        cmocka_unit_test(compass_agr),
        cmocka_unit_test(i2c_reload),
        cmocka_unit_test(i2c_pins_not_configured),
        cmocka_unit_test(gyro_spi),
        cmocka_unit_test(data_ready_pins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
