#include "board_harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void out_add(struct bh *h, const void *buf, size_t len)
{
    if (h->nout + len < sizeof h->out) {
        memcpy(h->out + h->nout, buf, len);
        h->nout += len;
        h->out[h->nout] = '\0';
    }
}

static void o_led(void *ctx, unsigned led, bool on, double t)
{
    struct bh *h = ctx;
    if (h->nev < sizeof h->ev / sizeof h->ev[0])
        h->ev[h->nev++] = (struct led_event){led, on, t};
}

static void o_uart(void *ctx, unsigned usart, uint8_t byte, double t)
{
    struct bh *h = ctx;
    (void)t;
    if (usart == 1 && h->nuart < sizeof h->uart - 1) {
        h->uart[h->nuart++] = (char)byte;
        h->uart[h->nuart] = '\0';
    }
    if (usart == 1)
        out_add(h, &byte, 1);
}

static void o_semi(void *ctx, const void *buf, size_t len)
{
    struct bh *h = ctx;
    if (h->nsemi + len < sizeof h->semi) {
        memcpy(h->semi + h->nsemi, buf, len);
        h->nsemi += len;
        h->semi[h->nsemi] = '\0';
    }
    out_add(h, buf, len);
}

static void o_diag(void *ctx, const char *msg)
{
    struct bh *h = ctx;
    if (h->ndiag < 16)
        snprintf(h->diag[h->ndiag++], sizeof h->diag[0], "%s", msg);
}

static void o_reset(void *ctx, const char *cause, double t)
{
    struct bh *h = ctx;
    (void)cause;
    (void)t;
    h->resets++;
}

struct bh *bh_new(enum board_revision rev, const char *flash_path)
{
    struct bh *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    struct board_config cfg = {
        .revision = rev,
        .flash_path = flash_path,
        .semihosting = true,
        .obs = {.ctx = h, .led = o_led, .uart_tx = o_uart, .semihost_out = o_semi,
                .diag = o_diag, .reset = o_reset},
    };
    char err[256];
    h->b = board_new(&cfg, err, sizeof err);
    if (!h->b) {
        fprintf(stderr, "board_new: %s\n", err);
        free(h);
        return NULL;
    }
    return h;
}

void bh_free(struct bh *h)
{
    if (!h)
        return;
    board_free(h->b);
    free(h);
}

const char *bh_example(const char *name, char *buf, size_t len)
{
    snprintf(buf, len, "%s/examples/%s/%s.elf", F3KIT_FW_DIR, name, name);
    return buf;
}

bool bh_load_example(struct bh *h, const char *name)
{
    char path[1024], err[512];
    bh_example(name, path, sizeof path);
    if (access(path, R_OK) != 0) {
        fprintf(stderr, "%s not built: skipping\n", path);
        return false;
    }
    if (board_program_elf(h->b, path, err, sizeof err) != 0) {
        fprintf(stderr, "program %s: %s\n", path, err);
        abort();
    }
    board_reset(h->b, false);
    h->resets = 0;
    return true;
}

void bh_spin_program(struct bh *h)
{
    static const uint16_t hw[] = {0xa000, 0x2000, 0x0009, 0x0800, 0xe7fe, 0xbf00};
    struct bus *bus = board_bus(h->b);
    bool ok = bus_write(bus, 0x40022004, 4, 0x45670123u) &&
              bus_write(bus, 0x40022004, 4, 0xCDEF89ABu) && bus_write(bus, 0x40022010, 4, 1);
    for (unsigned i = 0; ok && i < sizeof hw / sizeof hw[0]; i++)
        ok = bus_write(bus, 0x08000000u + 2 * i, 2, hw[i]);
    ok = ok && bus_write(bus, 0x40022010, 4, 0x80);
    if (!ok)
        abort();
    board_reset(h->b, false);
}
