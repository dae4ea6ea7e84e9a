/* The debug servers' command layers on a real virtual board (dbg_board.c):
 * wild addresses answered with errors, run control through DHCSR, registers,
 * hardware breakpoints and direct flash programming, with the core running
 * on its own thread.  usage: test_dbg_board TINY_ELF */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "board/f3disco/board.h"
#include "debug/dbg_board.h"
#include "debug/gdb/gdb_packet.h"
#include "debug/gdb/gdb_session.h"
#include "debug/stlink/stl_frame.h"
#include "debug/stlink/stl_probe.h"
#include "elf/elf_image.h"

static const char *tiny_elf;

struct fx {
    struct board *b;
    struct dbg_board *d;
    struct dbg_target t;
    struct stl_probe p;
    struct gdb_session s;
    char last[2 * GDB_PACKET_SIZE + 64];
    int nsent;
    uint8_t in[8192];
};

static void capture(void *ctx, const void *payload, size_t len)
{
    struct fx *x = ctx;
    memcpy(x->last, payload, len);
    x->last[len] = 0;
    x->nsent++;
}

static int setup(void **state)
{
    struct fx *x = calloc(1, sizeof *x);
    struct board_config cfg = {.revision = BOARD_REV_C, .semihosting = true};
    char err[256];
    x->b = board_new(&cfg, err, sizeof err);
    assert_non_null(x->b);
    assert_int_equal(board_program_elf(x->b, tiny_elf, err, sizeof err), 0);
    board_reset(x->b, false);
    assert_int_equal(board_start(x->b), 0);
    x->d = dbg_board_new(x->b);
    x->t = dbg_board_target(x->d);
    stl_probe_init(&x->p, &x->t);
    gdb_session_init(&x->s, &x->t, capture, x);
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    struct fx *x = *state;
    board_stop(x->b);
    dbg_board_free(x->d);
    board_free(x->b);
    free(x);
    return 0;
}

/* One ST-LINK command with an in-phase of inlen bytes. */
static uint32_t stl(struct fx *x, const uint8_t *cmd, size_t n, const uint8_t *out,
                    uint32_t outlen, uint32_t inlen)
{
    uint8_t c[16] = {0};
    memcpy(c, cmd, n);
    memset(x->in, 0, sizeof x->in);
    return stl_probe_exec(&x->p, c, out, outlen, x->in, inlen);
}

static uint8_t rw_status(struct fx *x)
{
    const uint8_t c[2] = {0xF2, 0x3E};
    stl(x, c, 2, NULL, 0, 12);
    return x->in[0];
}

static uint32_t readmem32(struct fx *x, uint32_t addr, uint8_t *status)
{
    uint8_t c[8] = {0xF2, 0x07};
    stl_put32(c + 2, addr);
    stl_put16(c + 6, 4);
    stl(x, c, 8, NULL, 0, 4);
    uint32_t v = stl_get32(x->in);
    *status = rw_status(x);
    return v;
}

static void writedebug(struct fx *x, uint32_t addr, uint32_t v)
{
    uint8_t c[10] = {0xF2, 0x35};
    stl_put32(c + 2, addr);
    stl_put32(c + 6, v);
    stl(x, c, 10, NULL, 0, 2);
    assert_int_equal(x->in[0], 0x80);
}

static uint32_t readdebug(struct fx *x, uint32_t addr)
{
    uint8_t c[6] = {0xF2, 0x36};
    stl_put32(c + 2, addr);
    stl(x, c, 6, NULL, 0, 8);
    assert_int_equal(x->in[0], 0x80);
    return stl_get32(x->in + 4);
}

static uint32_t readreg(struct fx *x, uint8_t r)
{
    const uint8_t c[3] = {0xF2, 0x33, r};
    stl(x, c, 3, NULL, 0, 8);
    assert_int_equal(x->in[0], 0x80);
    return stl_get32(x->in + 4);
}

static uint32_t symbol(const char *name)
{
    struct elf_image img;
    char err[256];
    uint32_t v = 0;
    assert_int_equal(elf_image_open(tiny_elf, &img, err, sizeof err), 0);
    assert_true(elf_image_symbol(&img, name, &v));
    elf_image_close(&img);
    return v & ~1u;
}

static void stlink_wild_addresses(void **state)
{
    struct fx *x = *state;
    uint8_t st;
    assert_int_equal(readmem32(x, 0xE000ED00, &st), 0x410FC241);
    assert_int_equal(st, 0x80);
    assert_int_equal(readmem32(x, 0xE0042000, &st), 0x10036422);
    readmem32(x, 0xFFFFFFFC, &st);
    assert_int_equal(st, 0x11);
    readmem32(x, 0x60000000, &st);
    assert_int_equal(st, 0x11);
    /* a block running off the end of the address space */
    uint8_t c[8] = {0xF2, 0x07};
    stl_put32(c + 2, 0xFFFFF000);
    stl_put16(c + 6, 4096);
    stl(x, c, 8, NULL, 0, 4096);
    assert_int_equal(rw_status(x), 0x11);
    /* every REGSEL, known or not, answers without harm */
    for (unsigned r = 0; r < 0x80; r++) {
        const uint8_t rr[3] = {0xF2, 0x33, (uint8_t)r};
        assert_int_equal(stl(x, rr, 3, NULL, 0, 8), STL_TCP_OK);
    }
    /* the board still runs */
    readmem32(x, 0x20000000, &st);
    assert_int_equal(st, 0x80);
}

static void stlink_halt_step_resume(void **state)
{
    struct fx *x = *state;
    writedebug(x, 0xE000EDF0, 0xA05F0003);
    uint32_t dhcsr = readdebug(x, 0xE000EDF0);
    assert_true(dhcsr & (1u << 17));                  /* S_HALT */
    uint32_t pc = readreg(x, 15);
    writedebug(x, 0xE000EDF0, 0xA05F000B);
    writedebug(x, 0xE000EDF0, 0xA05F000D);
    writedebug(x, 0xE000EDF0, 0xA05F0003);
    assert_true(readdebug(x, 0xE000EDF0) & (1u << 17));
    assert_int_not_equal(readreg(x, 15), pc);         /* exactly one instruction ran */
    writedebug(x, 0xE000EDF0, 0xA05F0001);            /* run */
    for (int i = 0; i < 1000 && (readdebug(x, 0xE000EDF0) & (1u << 17)); i++)
        ;
    assert_false(readdebug(x, 0xE000EDF0) & (1u << 17));
    /* system reset with vector catch: halted at the reset vector */
    writedebug(x, 0xE000EDFC, 0x01000001);
    writedebug(x, 0xE000ED0C, 0x05FA0004);
    assert_true(readdebug(x, 0xE000EDF0) & (1u << 17));
    assert_int_equal(readreg(x, 15), symbol("Reset_Handler"));
}

static const char *pkt(struct fx *x, const char *p)
{
    x->nsent = 0;
    gdb_session_packet(&x->s, p, strlen(p));
    return x->last;
}

static void gdb_break_continue_and_flash(void **state)
{
    struct fx *x = *state;
    gdb_session_attach(&x->s);
    assert_string_equal(pkt(x, "mfffffffe,2"), "E01");
    assert_string_equal(pkt(x, "m60000000,4"), "E01");
    assert_int_equal(strlen(pkt(x, "g")), 2 * GDB_REGS_BYTES);
    char z[64];
    uint32_t main_addr = symbol("main");
    snprintf(z, sizeof z, "Z1,%x,2", (unsigned)main_addr);
    assert_string_equal(pkt(x, "qRcmd,72657365742068616c74"), "OK");   /* reset halt */
    assert_string_equal(pkt(x, z), "OK");
    assert_int_equal(gdb_session_packet(&x->s, "c", 1), GDB_NEXT_RUNNING);
    bool stopped = false;
    for (int i = 0; i < 100000 && !stopped; i++) {
        stopped = gdb_session_poll(&x->s);
        if (!stopped)
            usleep(100);
    }
    assert_true(stopped);
    assert_string_equal(x->last, "T05hwbreak:;thread:1;");
    char pc[16];
    snprintf(pc, sizeof pc, "%02x%02x%02x%02x", main_addr & 0xFF, (main_addr >> 8) & 0xFF,
             (main_addr >> 16) & 0xFF, main_addr >> 24);
    assert_string_equal(pkt(x, "pf"), pc);
    assert_string_equal(pkt(x, "vCont;s:1;c"), "T05thread:1;");
    assert_string_not_equal(pkt(x, "pf"), pc);
    /* direct flash programming into the last page, read back through the bus */
    assert_string_equal(pkt(x, "vFlashErase:0803f800,800"), "OK");
    const char w[] = "vFlashWrite:803f800:\x12\x34\x56\x78";
    x->nsent = 0;
    gdb_session_packet(&x->s, w, sizeof w - 1);
    assert_string_equal(x->last, "OK");
    assert_string_equal(pkt(x, "vFlashDone"), "OK");
    assert_string_equal(pkt(x, "m803f800,6"), "12345678ffff");
    assert_string_equal(pkt(x, "vFlashErase:0803f000,10"), "E01");    /* not a page */
    assert_string_equal(pkt(x, "vFlashErase:08040000,800"), "E01");   /* past the end */
    /* flash is not RAM: a plain write is refused or ignored, never stored */
    pkt(x, "M803f800,4:00000000");
    assert_string_equal(pkt(x, "m803f800,4"), "12345678");
    gdb_session_end(&x->s);
}

/* xorshift32: a fixed-seed source of random requests (reproducible). */
static uint32_t next_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static uint32_t random_addr(uint32_t *r)
{
    static const uint32_t bases[] = {0x08000000, 0x20000000, 0x10000000, 0x40021000,
                                     0x40022000, 0x48001000, 0xE000E000, 0xE000ED00,
                                     0xE0001000, 0xE0002000, 0xE0042000, 0x1FFFF7C0,
                                     0xFFFFFFF0, 0x60000000, 0x00000000};
    uint32_t b = bases[next_rand(r) % (sizeof bases / sizeof bases[0])];
    return next_rand(r) % 4 ? b + (next_rand(r) & 0xFFC) : next_rand(r);
}

/* Thousands of random ST-LINK commands and GDB packets against a running
 * board (wild addresses, odd lengths, DHCSR/AIRCR writes, resets): nothing
 * may crash or wedge, and both layers answer sensibly afterwards. */
static void random_requests(void **state)
{
    struct fx *x = *state;
    static const uint8_t subs[] = {0x07, 0x08, 0x0C, 0x0D, 0x47, 0x48, 0x50, 0x54, 0x33, 0x34,
                                   0x35, 0x36, 0x32, 0x3A, 0x3C, 0x3E, 0x45, 0x46, 0x01, 0x02,
                                   0x09, 0x0A, 0x21, 0x30, 0x31, 0x43, 0x4B, 0x4C, 0x42, 0x99};
    /* F3KIT_TEST_SEED explores other sequences; the default is fixed. */
    const char *seed = getenv("F3KIT_TEST_SEED");
    uint32_t r = seed ? (uint32_t)strtoul(seed, NULL, 0) | 1u : 0x12345678u;
    static uint8_t out[4096];
    for (int i = 0; i < 3000; i++) {
        uint8_t c[16] = {0xF2, subs[next_rand(&r) % sizeof subs]};
        uint32_t addr = random_addr(&r);
        stl_put32(c + 2, addr);
        stl_put16(c + 6, (uint16_t)(next_rand(&r) % 3 ? next_rand(&r) % 65 : next_rand(&r) % 4097));
        c[8] = next_rand(&r) % 8 ? 0 : (uint8_t)next_rand(&r);
        for (int k = 9; k < 16; k++)
            c[k] = (uint8_t)(next_rand(&r) % 4 ? 0 : next_rand(&r));
        if (c[1] == 0x35 && next_rand(&r) % 2)   /* often a valid-key DHCSR/AIRCR write */
            stl_put32(c + 6, next_rand(&r) % 2 ? 0xA05F0000u | (next_rand(&r) & 0xF)
                                               : 0x05FA0004u);
        uint32_t n = next_rand(&r) % sizeof out;
        for (uint32_t k = 0; k < n; k++)
            out[k] = (uint8_t)next_rand(&r);
        memset(x->in, 0, sizeof x->in);
        stl_probe_exec(&x->p, c, out, n, x->in, next_rand(&r) % sizeof x->in);
    }
    static const char *const pkts[] = {"g", "m%x,%x", "M%x,4:01020304", "p%x", "Z1,%x,2",
                                       "z1,%x,2", "Z2,%x,%x", "z2,%x,4", "vCont;s:1;c",
                                       "qCRC:%x,%x", "?", "Z0,%x,2", "z0,%x,2"};
    gdb_session_attach(&x->s);
    for (int i = 0; i < 1000; i++) {
        char q[64];
        snprintf(q, sizeof q, pkts[next_rand(&r) % (sizeof pkts / sizeof pkts[0])],
                 (unsigned)random_addr(&r), (unsigned)(next_rand(&r) % 300));
        x->nsent = 0;
        gdb_session_packet(&x->s, q, strlen(q));
    }
    gdb_session_end(&x->s);
    /* still alive: reset halt, then the probe and the GDB layer answer */
    board_lock(x->b);
    board_reset(x->b, true);
    board_unlock(x->b);
    uint8_t st;
    assert_int_equal(readmem32(x, 0xE000ED00, &st), 0x410FC241);
    assert_int_equal(st, 0x80);
    gdb_session_attach(&x->s);
    assert_int_equal(strlen(pkt(x, "g")), 2 * GDB_REGS_BYTES);
    gdb_session_end(&x->s);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_dbg_board TINY_ELF\n");
        return 2;
    }
    tiny_elf = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(stlink_wild_addresses, setup, teardown),
        cmocka_unit_test_setup_teardown(stlink_halt_step_resume, setup, teardown),
        cmocka_unit_test_setup_teardown(gdb_break_continue_and_flash, setup, teardown),
        cmocka_unit_test_setup_teardown(random_requests, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
