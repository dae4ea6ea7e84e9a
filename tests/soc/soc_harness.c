#include "soc_harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void h_irq(void *ctx, unsigned irq, bool level)
{
    struct th *t = ctx;
    if (irq < 128) {
        if (level && !t->irq[irq])
            t->irq_rises[irq]++;
        t->irq[irq] = level;
    }
}

static void h_diag(void *ctx, const char *msg)
{
    struct th *t = ctx;
    if (t->ndiag < 32)
        snprintf(t->diag[t->ndiag++], sizeof t->diag[0], "%s", msg);
}

static void h_uart(void *ctx, unsigned usart, uint8_t byte)
{
    struct th *t = ctx;
    (void)usart;
    if (t->ntx < sizeof t->tx) {
        t->tx_at[t->ntx] = t->cycles;
        t->tx[t->ntx++] = byte;
    }
}

static void h_reset(void *ctx, enum soc_reset_cause why)
{
    struct th *t = ctx;
    t->reset_cause = (int)why;
    t->reset_at = t->cycles;
}

static void h_code(void *ctx, uint32_t addr, uint32_t len)
{
    struct th *t = ctx;
    (void)addr;
    (void)len;
    t->code_writes++;
}

static void h_pins(void *ctx, unsigned port)
{
    struct th *t = ctx;
    (void)port;
    t->pin_events++;
}

static void h_wake(void *ctx)
{
    struct th *t = ctx;
    t->wake_events++;
}

struct th *th_new(void)
{
    struct th *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    bus_init(&t->bus);
    sched_init(&t->sched);
    t->reset_cause = -1;
    t->bus.code_write = h_code;
    t->bus.code_write_ctx = t;
    struct soc_hooks hooks = {
        .ctx = t, .irq = h_irq, .diag = h_diag, .uart_tx = h_uart, .reset = h_reset,
        .pins = h_pins, .wake_event = h_wake,
    };
    soc_init(&t->soc, &t->bus, &t->sched, &t->cycles, &hooks);
    /* Mark flash as holding code so programming must notify. */
    for (uint32_t a = SOC_FLASH_BASE; a < SOC_FLASH_BASE + SOC_FLASH_SIZE; a += BUS_PAGE_SIZE)
        bus_set_code_page(&t->bus, a, true);
    return t;
}

void th_free(struct th *t)
{
    bus_free(&t->bus);
    free(t);
}

uint32_t rd(struct th *t, uint32_t addr)
{
    uint32_t v = 0xdeadbeef;
    if (!bus_read(&t->bus, addr, 4, &v)) {
        fprintf(stderr, "bus error reading 0x%08x\n", addr);
        abort();
    }
    return v;
}

void wr(struct th *t, uint32_t addr, uint32_t v)
{
    if (!bus_write(&t->bus, addr, 4, v)) {
        fprintf(stderr, "bus error writing 0x%08x\n", addr);
        abort();
    }
}

void wr16(struct th *t, uint32_t addr, uint32_t v)
{
    if (!bus_write(&t->bus, addr, 2, v)) {
        fprintf(stderr, "bus error writing 0x%08x\n", addr);
        abort();
    }
}

void wr8(struct th *t, uint32_t addr, uint32_t v)
{
    if (!bus_write(&t->bus, addr, 1, v)) {
        fprintf(stderr, "bus error writing 0x%08x\n", addr);
        abort();
    }
}

void th_until(struct th *t, uint64_t when)
{
    for (;;) {
        uint64_t next = sched_next(&t->sched);
        if (next > when)
            break;
        if (next > t->cycles)
            t->cycles = next;
        sched_run_due(&t->sched, t->cycles);
    }
    if (when > t->cycles)
        t->cycles = when;
}

void th_advance(struct th *t, uint64_t n)
{
    th_until(t, t->cycles + n);
}

bool th_diag_has(const struct th *t, const char *needle)
{
    for (unsigned i = 0; i < t->ndiag; i++)
        if (strstr(t->diag[i], needle))
            return true;
    return false;
}

void th_clocks_on(struct th *t)
{
    wr(t, 0x40021014, rd(t, 0x40021014) | 0x007e0040u);  /* AHBENR: GPIOA..F, CRC */
    wr(t, 0x40021018, 0x00005001u);                       /* APB2ENR: SYSCFG, SPI1, USART1 */
    wr(t, 0x4002101c, 0x10260837u);                       /* APB1ENR: TIM2-7, WWDG, USART2/3, I2C1, PWR */
}

int th_setup_clocked(void **state)
{
    struct th *t = th_new();
    th_clocks_on(t);
    *state = t;
    return 0;
}

int th_teardown(void **state)
{
    th_free(*state);
    return 0;
}
