/* IWDG, CRC, PWR, I2C with no slave, SPI framing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "soc_harness.h"

#define IWDG_KR 0x40003000u
#define IWDG_PR 0x40003004u
#define IWDG_RLR 0x40003008u
#define CRC_DR 0x40023000u
#define CRC_CR 0x40023008u


static void iwdg_resets_when_not_fed(void **state)
{
    struct th *t = *state;
    wr(t, IWDG_PR, 3);                      /* locked: ignored */
    assert_int_equal(rd(t, IWDG_PR), 0);
    wr(t, IWDG_KR, 0x5555);
    wr(t, IWDG_PR, 0);                      /* /4 */
    wr(t, IWDG_RLR, 99);                    /* 4 x 100 / 40 kHz = 10 ms */
    wr(t, IWDG_KR, 0xcccc);
    assert_true(rd(t, 0x40021024) & 2);     /* LSIRDY */
    th_advance(t, 8000 * 9);                /* 9 ms at 8 MHz */
    assert_int_equal(t->reset_cause, -1);
    wr(t, IWDG_KR, 0xaaaa);                 /* feed */
    th_advance(t, 8000 * 9);
    assert_int_equal(t->reset_cause, -1);
    th_advance(t, 8000 * 2);
    assert_int_equal(t->reset_cause, SOC_RESET_IWDG);
    assert_int_equal(t->reset_at, 8000 * 19);
    soc_reset(&t->soc, SOC_RESET_IWDG);
    assert_true(rd(t, 0x40021024) & (1u << 29));    /* IWDGRSTF */
    /* After the reset the watchdog is stopped. */
    t->reset_cause = -1;
    th_advance(t, 8000 * 100);
    assert_int_equal(t->reset_cause, -1);
}

static void wwdg_window_and_timeout(void **state)
{
    struct th *t = *state;
    const uint32_t cr = 0x40002c00u, cfr = 0x40002c04u, sr = 0x40002c08u;
    /* 8 MHz PCLK1, WDGTB = 0: one count per 4096 cycles; the counter
     * stood still before its clock was turned on (setup). */
    assert_int_equal(rd(t, cr), 0x7f);
    wr(t, cfr, (1u << 9) | 0x50);           /* EWI, window 0x50 */
    wr(t, cr, 0x80 | 0x45);                 /* WDGA, T = 0x45 */
    th_advance(t, 4096 * 5 - 1);
    assert_false(t->irq[0]);
    th_advance(t, 1);                       /* T reaches 0x40: early wakeup */
    assert_int_equal(rd(t, cr) & 0x7f, 0x40);
    assert_true(rd(t, sr) & 1);
    assert_true(t->irq[0]);
    wr(t, sr, 0);
    assert_false(t->irq[0]);
    assert_int_equal(t->reset_cause, -1);
    th_advance(t, 4096);                    /* T6 falls: reset */
    assert_int_equal(t->reset_cause, SOC_RESET_WWDG);
    soc_reset(&t->soc, SOC_RESET_WWDG);
    th_advance(t, 4096 * 10);               /* clock off after reset: frozen */
    wr(t, 0x4002101c, 1u << 11);
    assert_int_equal(rd(t, cr), 0x7f);
    assert_true(rd(t, 0x40021024) & (1u << 30));    /* WWDGRSTF */
    /* Refreshing above the window resets at once. */
    th_clocks_on(t);
    wr(t, 0x4002101c, rd(t, 0x4002101c) | (1u << 11));
    t->reset_cause = -1;
    wr(t, cfr, 0x50);
    wr(t, cr, 0x80 | 0x7f);
    wr(t, cr, 0x80 | 0x7f);                 /* T = 0x7f > W = 0x50 */
    assert_int_equal(t->reset_cause, SOC_RESET_WWDG);
}

static void crc_known_answers(void **state)
{
    struct th *t = *state;
    static const char msg[] = "123456789";
    /* Reset configuration: CRC-32/MPEG-2 over bytes. */
    wr(t, CRC_CR, 1);
    for (int i = 0; i < 9; i++)
        wr8(t, CRC_DR, (uint8_t)msg[i]);
    assert_int_equal(rd(t, CRC_DR), 0x0376e6e7u);
    /* Reflected in and out, final xor by software: the zlib CRC-32. */
    wr(t, CRC_CR, (1u << 5) | (1u << 7) | 1);
    for (int i = 0; i < 9; i++)
        wr8(t, CRC_DR, (uint8_t)msg[i]);
    assert_int_equal(rd(t, CRC_DR) ^ 0xffffffffu, 0xcbf43926u);
    /* A word write equals its four bytes big-endian first (no reversal). */
    wr(t, CRC_CR, 1);
    wr(t, CRC_DR, 0x31323334u);
    uint32_t w = rd(t, CRC_DR);
    wr(t, CRC_CR, 1);
    wr8(t, CRC_DR, '1');
    wr8(t, CRC_DR, '2');
    wr8(t, CRC_DR, '3');
    wr8(t, CRC_DR, '4');
    assert_int_equal(rd(t, CRC_DR), w);
}

static void pwr_flags(void **state)
{
    struct th *t = *state;
    wr(t, 0x40007000, 1u << 8);             /* DBP */
    assert_int_equal(rd(t, 0x40007000), 1u << 8);
    assert_true(rd(t, 0x40007004) & 8);     /* VREFINTRDYF */
}

static void i2c_nack_without_slave(void **state)
{
    struct th *t = *state;
    const uint32_t i2c = 0x40005400u;
    wr(t, i2c + 0x00, 1);                   /* PE */
    wr(t, i2c + 0x04, (1u << 13) | (1u << 16) | (0x19 << 1));   /* START, 1 byte */
    uint32_t isr = rd(t, i2c + 0x18);
    assert_true(isr & (1u << 4));           /* NACKF */
    assert_true(isr & (1u << 5));           /* STOPF */
    assert_false(isr & (1u << 15));         /* not BUSY */
    wr(t, i2c + 0x1c, (1u << 4) | (1u << 5));
    assert_int_equal(rd(t, i2c + 0x18) & 0x30, 0);
}

static void spi_frames(void **state)
{
    struct th *t = *state;
    const uint32_t spi = 0x40013000u;
    assert_int_equal(rd(t, spi + 0x04), 0x0700);
    wr(t, spi + 0x04, 0x1700);              /* FRXTH, 8-bit */
    wr(t, spi + 0x00, (1u << 2) | (1u << 6) | (1u << 9) | (1u << 8));   /* MSTR SPE SSM SSI */
    wr8(t, spi + 0x0c, 0x8f);               /* no slave: MISO floats high */
    assert_true(rd(t, spi + 0x08) & 1);     /* RXNE */
    uint32_t v;
    assert_true(bus_read(&t->bus, spi + 0x0c, 1, &v));
    assert_int_equal(v, 0xff);
    assert_false(rd(t, spi + 0x08) & 1);
    /* A 16-bit write packs two frames. */
    wr16(t, spi + 0x0c, 0x1234);
    assert_int_equal((rd(t, spi + 0x08) >> 9) & 3, 2);  /* FRLVL: half full */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(iwdg_resets_when_not_fed, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(wwdg_window_and_timeout, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(crc_known_answers, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(pwr_flags, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(i2c_nack_without_slave, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(spi_frames, th_setup_clocked, th_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
