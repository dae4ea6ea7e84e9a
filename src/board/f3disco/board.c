/* The STM32F3DISCOVERY (MB1035): the chip, its core and the board wiring
 * (LEDs on PE8..PE15, B1 on PA0, gyro on SPI1 with CS on PE3, e-compass on
 * I2C1 at PB6/PB7, HSE from the ST-LINK).  Fact sheet §4. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/f3disco/board_priv.h"

static const struct board_led_info leds[8] = {
    {"LD3", 9, "N", "red"},     {"LD4", 8, "NW", "blue"},  {"LD5", 10, "NE", "orange"},
    {"LD6", 15, "W", "green"},  {"LD7", 11, "E", "green"}, {"LD8", 14, "SW", "orange"},
    {"LD9", 12, "SE", "blue"},  {"LD10", 13, "S", "red"},
};

/* N, NE, E, SE, S, SW, W, NW */
const unsigned board_compass_order[8] = {0, 2, 4, 6, 7, 5, 3, 1};

const struct board_led_info *board_led_info(unsigned led)
{
    return led < 8 ? &leds[led] : NULL;
}

/* ---- chip -> board ---- */

static void h_irq(void *ctx, unsigned irq, bool level)
{
    struct board *b = ctx;
    armv7m_irq_line(&b->cpu, irq, level);
}

static void h_diag(void *ctx, const char *msg)
{
    struct board *b = ctx;
    if (b->cfg.obs.diag)
        b->cfg.obs.diag(b->cfg.obs.ctx, msg);
    else
        fprintf(stderr, "f3kit: %s\n", msg);
}

static void h_pins(void *ctx, unsigned port)
{
    struct board *b = ctx;
    if (port != BOARD_LED_PORT)
        return;
    uint16_t high = soc_gpio_drive_high(&b->soc, port);
    /* Report LEDs going off before those coming on, in compass order. */
    for (int pass = 0; pass < 2; pass++) {
        for (unsigned k = 0; k < 8; k++) {
            unsigned i = board_compass_order[k];
            bool on = (high >> leds[i].pin) & 1;
            if (on != b->led[i] && on == (pass == 1)) {
                b->led[i] = on;
                if (b->cfg.obs.led)
                    b->cfg.obs.led(b->cfg.obs.ctx, i, on, board_time(b));
            }
        }
    }
    bool cs = (soc_gpio_level(&b->soc, port) >> BOARD_GYRO_CS_PIN) & 1;
    if (cs != b->gyro_cs) {
        b->gyro_cs = cs;
        sensors_gyro_select(&b->sensors, !cs);
    }
}

static void h_uart_tx(void *ctx, unsigned usart, uint8_t byte)
{
    struct board *b = ctx;
    if (b->cfg.obs.uart_tx)
        b->cfg.obs.uart_tx(b->cfg.obs.ctx, usart, byte, board_time(b));
}

static void h_reset(void *ctx, enum soc_reset_cause why)
{
    struct board *b = ctx;
    b->pending_reset = (int)why;
    cpu_kick(&b->cpu);      /* the reset happens between slices */
}

static void h_remapped(void *ctx, uint32_t addr, uint32_t len)
{
    struct board *b = ctx;
    cpu_invalidate(&b->cpu, addr, len);
}

/* ---- sensor data-ready pins (PE1 gyro DRDY, PE4 accel INT1, PE2 mag DRDY) ---- */

static const unsigned drdy_pin[3] = {1, 4, 2};

static void drdy_pins(struct board *b)
{
    for (unsigned u = 0; u < 3; u++)
        soc_gpio_input(&b->soc, BOARD_LED_PORT, drdy_pin[u], true,
                       sensors_drdy_level(&b->sensors, (enum sensors_unit)u));
}

/* A new sample: the data-ready line rises until the outputs are read. */
static void drdy_sample(void *ctx, uint64_t now)
{
    (void)now;
    struct board_drdy *d = ctx;
    struct board *b = d->b;
    double hz = sensors_drdy_hz(&b->sensors, d->unit);
    if (hz <= 0)
        return;
    b->sensors.fresh[d->unit] = true;
    drdy_pins(b);
    double next = soc_seconds(&b->soc, d->ev.when) + 1.0 / hz;
    soc_sched_at(&b->soc, &d->ev, soc_cycle_at(&b->soc, next));
}

void board_sensors_update(struct board *b)
{
    for (unsigned u = 0; u < 3; u++) {
        struct board_drdy *d = &b->drdy[u];
        double hz = sensors_drdy_hz(&b->sensors, d->unit);
        if (hz <= 0)
            sched_cancel(&b->sched, &d->ev);
        else if (!d->ev.armed)
            soc_sched_at(&b->soc, &d->ev, soc_cycle_at(&b->soc, board_time(b) + 1.0 / hz));
    }
    drdy_pins(b);
}

/* Is pin `port`.`pin` in alternate function `af`? */
static bool pin_af(struct board *b, unsigned port, unsigned pin, unsigned af)
{
    return soc_gpio_mode(&b->soc, port, pin) == 2 && soc_gpio_af(&b->soc, port, pin) == af;
}

static uint8_t h_spi_xfer(void *ctx, unsigned spi, uint8_t mosi)
{
    struct board *b = ctx;
    (void)spi;
    /* SPI1 reaches the gyro on PA5/PA6/PA7 (AF5), selected by PE3 low. */
    if (!pin_af(b, 0, 5, 5) || !pin_af(b, 0, 6, 5) || !pin_af(b, 0, 7, 5)) {
        if (!b->reported_spi_pins)
            soc_diag(&b->soc, "SPI1: PA5/PA6/PA7 are not in AF5, so the gyro sees nothing "
                              "(GPIOA MODER=10, AFRL=5 for pins 5..7)");
        b->reported_spi_pins = true;
        return 0xff;
    }
    if (b->gyro_cs)
        return 0xff;
    uint8_t miso = sensors_gyro_xfer(&b->sensors, mosi);
    board_sensors_update(b);
    return miso;
}

static bool compass_pins_ok(struct board *b)
{
    if (pin_af(b, 1, 6, 4) && pin_af(b, 1, 7, 4))
        return true;
    if (!b->reported_i2c_pins)
        soc_diag(&b->soc, "I2C1: PB6/PB7 are not in AF4, so the e-compass does not answer "
                          "(GPIOB MODER=10, OTYPER=1, AFRL=4 for pins 6 and 7)");
    b->reported_i2c_pins = true;
    return false;
}

static bool h_i2c_start(void *ctx, unsigned i2c, uint8_t addr7, bool read)
{
    struct board *b = ctx;
    (void)i2c;
    if (!compass_pins_ok(b))
        return false;
    return sensors_i2c_start(&b->sensors, addr7, read);
}

static bool h_i2c_write(void *ctx, unsigned i2c, uint8_t byte)
{
    struct board *b = ctx;
    (void)i2c;
    bool ack = sensors_i2c_write(&b->sensors, byte);
    board_sensors_update(b);
    return ack;
}

static uint8_t h_i2c_read(void *ctx, unsigned i2c)
{
    struct board *b = ctx;
    (void)i2c;
    uint8_t v = sensors_i2c_read(&b->sensors);
    board_sensors_update(b);
    return v;
}

static void h_i2c_stop(void *ctx, unsigned i2c)
{
    struct board *b = ctx;
    (void)i2c;
    sensors_i2c_stop(&b->sensors);
}

static void h_flash_changed(void *ctx)
{
    struct board *b = ctx;
    b->flash_dirty = true;
}

/* A programmer relocks the controller when it is done: persist then. */
static void h_flash_locked(void *ctx)
{
    struct board *b = ctx;
    if (b->flash_dirty && b->flash_path) {
        char err[256];
        if (board_flash_sync(b, err, sizeof err) != 0)
            h_diag(b, err);
    }
}

/* An event armed from inside the core's run (an MMIO write) that is due
 * before the run's limit: stop the run there so it fires on time. */
static void h_event_armed(void *ctx, uint64_t when)
{
    struct board *b = ctx;
    if (b->run_limit && when < b->run_limit)
        cpu_kick(&b->cpu);
}

static void h_wake_event(void *ctx)
{
    struct board *b = ctx;
    armv7m_sev(&b->cpu);
    b->cpu.attention = 1;
}

/* ---- core -> board ---- */

static void c_console_write(void *ctx, const void *buf, size_t len)
{
    struct board *b = ctx;
    if (b->cfg.obs.semihost_out)
        b->cfg.obs.semihost_out(b->cfg.obs.ctx, buf, len);
    else
        fwrite(buf, 1, len, stdout);
}

static size_t c_console_read(void *ctx, void *buf, size_t len)
{
    struct board *b = ctx;
    return b->cfg.obs.semihost_in ? b->cfg.obs.semihost_in(b->cfg.obs.ctx, buf, len) : 0;
}

static uint32_t c_clock_cs(void *ctx)
{
    struct board *b = ctx;
    return (uint32_t)(board_time(b) * 100.0);
}

static void c_halted(void *ctx, enum cpu_halt_reason why)
{
    struct board *b = ctx;
    if (b->cfg.obs.halted)
        b->cfg.obs.halted(b->cfg.obs.ctx, why);
}

/* ---- life cycle ---- */

struct board *board_new(const struct board_config *cfg, char *err, size_t errlen)
{
    struct board *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(err, errlen, "out of memory creating the board");
        return NULL;
    }
    b->cfg = *cfg;
    b->pending_reset = -1;
    b->flash_lock = -1;
    b->gyro_cs = true;
    if (cfg->flash_path) {
        b->flash_path = strdup(cfg->flash_path);
        if (!b->flash_path) {
            free(b);
            snprintf(err, errlen, "out of memory");
            return NULL;
        }
    }
    b->cfg.flash_path = b->flash_path;
    pthread_mutex_init(&b->lock, NULL);
    pthread_cond_init(&b->wake, NULL);
    atomic_init(&b->stop, false);
    atomic_init(&b->interrupt, false);
    atomic_init(&b->waiters, 0);
    bus_init(&b->bus);
    sched_init(&b->sched);
    sensors_init(&b->sensors, cfg->revision);

    struct cpu_config cc = {
        .cpuid = 0x410FC241u,
        .semihosting = cfg->semihosting,
        .clock_hz = SOC_HSI_HZ,
        .trace = cfg->trace,
        .trace_out = NULL,
    };
    struct cpu_host host = {
        .ctx = b,
        .console_write = c_console_write,
        .console_read = c_console_read,
        .clock_cs = c_clock_cs,
        .halted = c_halted,
    };
    if (cpu_init(&b->cpu, &b->bus, &cc, &host) != 0) {
        snprintf(err, errlen, "cannot initialise the Cortex-M4 core");
        bus_free(&b->bus);
        free(b->flash_path);
        free(b);
        return NULL;
    }
    struct soc_hooks hooks = {
        .ctx = b,
        .irq = h_irq,
        .diag = h_diag,
        .pins = h_pins,
        .uart_tx = h_uart_tx,
        .reset = h_reset,
        .remapped = h_remapped,
        .spi_xfer = h_spi_xfer,
        .i2c_start = h_i2c_start,
        .i2c_write = h_i2c_write,
        .i2c_read = h_i2c_read,
        .i2c_stop = h_i2c_stop,
        .flash_changed = h_flash_changed,
        .flash_locked = h_flash_locked,
        .event_armed = h_event_armed,
        .wake_event = h_wake_event,
    };
    soc_init(&b->soc, &b->bus, &b->sched, &b->cpu.cycles, &hooks);
    /* The button has an external pull-down: PA0 is always driven. */
    soc_gpio_input(&b->soc, BOARD_BUTTON_PORT, BOARD_BUTTON_PIN, true, false);
    /* PE3 (gyro CS) idles high. */
    soc_gpio_set_float_high(&b->soc, BOARD_LED_PORT, 1u << BOARD_GYRO_CS_PIN);
    /* The sensors' interrupt outputs (push-pull, idle low): PE0 gyro INT1,
     * PE5 accel INT2 stay low; PE1, PE2, PE4 carry data-ready. */
    soc_gpio_input(&b->soc, BOARD_LED_PORT, 0, true, false);
    soc_gpio_input(&b->soc, BOARD_LED_PORT, 5, true, false);
    for (unsigned u = 0; u < 3; u++) {
        b->drdy[u].b = b;
        b->drdy[u].unit = (enum sensors_unit)u;
        sched_event_init(&b->drdy[u].ev, "sensor data-ready", drdy_sample, &b->drdy[u]);
    }
    board_sensors_update(b);
    b->cpu.sys.syst_ext_div = 8;    /* SysTick external clock = HCLK/8 */
    if (b->flash_path &&
        (b->flash_lock = flash_image_lock(b->flash_path, err, errlen)) < 0) {
        board_free(b);
        return NULL;
    }
    if (b->flash_path &&
        flash_image_load(b->flash_path, b->soc.flash, SOC_FLASH_SIZE, err, errlen) != 0) {
        /* Unlocked first: board_free must not save over the unreadable file. */
        flash_image_unlock(b->flash_lock);
        b->flash_lock = -1;
        board_free(b);
        return NULL;
    }
    b->flash_saved = flash_image_hash(b->soc.flash, SOC_FLASH_SIZE);
    bus_notify_write(&b->bus, SOC_FLASH_BASE, SOC_FLASH_SIZE);
    cpu_reset(&b->cpu);
    return b;
}

void board_free(struct board *b)
{
    if (!b)
        return;
    if (b->thread_running)
        board_stop(b);
    /* Write the image only if the flash changed: through the controller
     * (dirty) or behind its back (a debugger's direct flash writes). */
    if (b->flash_path && b->flash_lock >= 0 &&
        (b->flash_dirty || flash_image_hash(b->soc.flash, SOC_FLASH_SIZE) != b->flash_saved)) {
        char err[256];
        if (board_flash_sync(b, err, sizeof err) != 0)
            fprintf(stderr, "f3kit: %s\n", err);
    }
    flash_image_unlock(b->flash_lock);
    cpu_free(&b->cpu);
    bus_free(&b->bus);
    pthread_mutex_destroy(&b->lock);
    pthread_cond_destroy(&b->wake);
    free(b->flash_path);
    free(b);
}

struct cpu *board_cpu(struct board *b)
{
    return &b->cpu;
}

struct bus *board_bus(struct board *b)
{
    return &b->bus;
}

double board_time(struct board *b)
{
    return soc_time_s(&b->soc);
}

int board_flash_sync(struct board *b, char *err, size_t errlen)
{
    if (!b->flash_path) {
        b->flash_dirty = false;
        return 0;
    }
    if (flash_image_save(b->flash_path, b->soc.flash, SOC_FLASH_SIZE, err, errlen) != 0)
        return -1;
    b->flash_dirty = false;
    b->flash_saved = flash_image_hash(b->soc.flash, SOC_FLASH_SIZE);
    return 0;
}

/* ---- inputs ---- */

void board_button(struct board *b, bool pressed)
{
    b->button = pressed;
    soc_gpio_input(&b->soc, BOARD_BUTTON_PORT, BOARD_BUTTON_PIN, true, pressed);
    pthread_cond_broadcast(&b->wake);
}

void board_uart_rx(struct board *b, unsigned usart, const void *buf, size_t len)
{
    soc_usart_rx(&b->soc, usart, buf, len);
    pthread_cond_broadcast(&b->wake);
}

size_t board_uart_rx_room(struct board *b, unsigned usart)
{
    if (usart < 1 || usart > SOC_NUM_USART)
        return 0;
    const struct soc_usart *u = &b->soc.usart[usart - 1];
    return sizeof u->rxq - u->rxq_len;
}

void board_set_gyro(struct board *b, int16_t x, int16_t y, int16_t z)
{
    b->sensors.gyro[0] = x;
    b->sensors.gyro[1] = y;
    b->sensors.gyro[2] = z;
}

void board_set_accel(struct board *b, int16_t x, int16_t y, int16_t z)
{
    b->sensors.accel[0] = x;
    b->sensors.accel[1] = y;
    b->sensors.accel[2] = z;
}

void board_set_mag(struct board *b, int16_t x, int16_t y, int16_t z)
{
    b->sensors.mag[0] = x;
    b->sensors.mag[1] = y;
    b->sensors.mag[2] = z;
}

bool board_led(struct board *b, unsigned led)
{
    return led < 8 && b->led[led];
}

int board_default_flash_path(char *buf, size_t len)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    int n;
    if (xdg && *xdg) {
        n = snprintf(buf, len, "%s/f3kit/flash.bin", xdg);
    } else {
        const char *home = getenv("HOME");
        if (!home || !*home)
            return -1;
        n = snprintf(buf, len, "%s/.cache/f3kit/flash.bin", home);
    }
    return n < 0 || (size_t)n >= len ? -1 : 0;
}
