/* libFuzzer target: random register traffic on the bare STM32F303 model
 * (no core).  Each 8-byte record is one operation: a bus access to a
 * peripheral register, time passing, a pin or USART input, or a reset.
 * Any crash, sanitizer report or hang is a bug in src/soc. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bus/bus.h"
#include "sched/sched.h"
#include "soc/stm32f303/soc.h"

static const uint32_t bases[] = {
    0x40021000u, 0x40022000u, 0x48000000u, 0x48000400u, 0x48001000u, 0x40010000u,
    0x40010400u, 0x40013800u, 0x40004400u, 0x40000000u, 0x40000400u, 0x40001000u,
    0x40003000u, 0x40002c00u, 0x40007000u, 0x40023000u, 0x40005400u, 0x40013000u,
    0x08000000u, 0x1ffff800u, 0x20000000u, 0x22000000u, 0x42000000u, 0x40020000u,
    0xe0042000u, 0x00000000u, 0x1fffd800u, 0x10000000u,
};

static void quiet(void *ctx, const char *msg)
{
    (void)ctx;
    (void)msg;
}

static uint8_t spi(void *ctx, unsigned n, uint8_t b)
{
    (void)ctx;
    (void)n;
    return (uint8_t)(b ^ 0x5a);
}

static bool i2c_start(void *ctx, unsigned n, uint8_t a, bool rd)
{
    (void)ctx;
    (void)n;
    (void)rd;
    return a & 1;
}

static bool i2c_write(void *ctx, unsigned n, uint8_t b)
{
    (void)ctx;
    (void)n;
    return b != 0xff;
}

static uint8_t i2c_read(void *ctx, unsigned n)
{
    (void)ctx;
    (void)n;
    return 0x42;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct bus bus;
    static struct soc soc;
    struct sched sched;
    uint64_t cycles = 0;
    bus_init(&bus);
    sched_init(&sched);
    struct soc_hooks hooks = {.diag = quiet, .spi_xfer = spi, .i2c_start = i2c_start,
                              .i2c_write = i2c_write, .i2c_read = i2c_read};
    soc_init(&soc, &bus, &sched, &cycles, &hooks);
    /* Every clock on, so writes reach the models. */
    bus_write(&bus, 0x40021014u, 4, 0xffffffffu);
    bus_write(&bus, 0x40021018u, 4, 0xffffffffu);
    bus_write(&bus, 0x4002101cu, 4, 0xffffffffu);
    for (size_t i = 0; i + 8 <= size && i < 8 * 4096; i += 8) {
        const uint8_t *r = data + i;
        uint32_t v = (uint32_t)r[4] | (uint32_t)r[5] << 8 | (uint32_t)r[6] << 16 |
                     (uint32_t)r[7] << 24;
        uint32_t addr = bases[r[1] % (sizeof bases / sizeof bases[0])] +
                        ((uint32_t)(r[2] | r[3] << 8) & 0x3ff);
        static const unsigned sizes[3] = {1, 2, 4};
        unsigned sz = sizes[(r[0] >> 4) % 3];
        uint32_t got;
        switch (r[0] & 0xf) {
        case 0: case 1: case 2: case 3:
            bus_write(&bus, addr & ~(sz - 1), sz, v);
            break;
        case 4: case 5: case 6:
            bus_read(&bus, addr & ~(sz - 1), sz, &got);
            break;
        case 7: case 8: {
            /* Time passes: up to ~1M cycles, firing events. */
            uint64_t until = cycles + (v & 0xfffff);
            for (int guard = 0; guard < 100000; guard++) {
                uint64_t next = sched_next(&sched);
                if (next > until)
                    break;
                if (next > cycles)
                    cycles = next;
                sched_run_due(&sched, cycles);
            }
            cycles = until;
            break;
        }
        case 9:
            soc_gpio_input(&soc, r[1] % 6, r[2] % 16, r[3] & 1, r[3] & 2);
            break;
        case 10:
            soc_usart_rx(&soc, 1 + r[1] % 3, r + 4, 4);
            break;
        case 11:
            soc_reset(&soc, (enum soc_reset_cause)(r[1] % 6));
            bus_write(&bus, 0x40021014u, 4, 0xffffffffu);
            bus_write(&bus, 0x40021018u, 4, 0xffffffffu);
            bus_write(&bus, 0x4002101cu, 4, 0xffffffffu);
            break;
        default:
            bus_write(&bus, addr & ~3u, 4, v);
            bus_read(&bus, addr & ~3u, 4, &got);
            break;
        }
    }
    bus_free(&bus);
    return 0;
}
