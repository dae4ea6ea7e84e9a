/* Semihosting through BKPT 0xAB: console output, input, files, exit codes,
 * bad guest pointers. */
#include "fixture.h"

#include <string.h>

#define BLK 0x20000100u
#define STR 0x20000200u

static void put_str(struct fx *f, uint32_t addr, const char *s)
{
    assert_int_equal(bus_write_block(&f->bus, addr, s, (uint32_t)strlen(s) + 1),
                     strlen(s) + 1);
}

static uint32_t call(struct fx *f, uint32_t op, uint32_t r1)
{
    struct cpu *c = &f->cpu;
    c->r[0] = op;
    c->r[1] = r1;
    c->r[15] = 0x600;
    armv7m_bkpt(c, 0xab);
    assert_int_equal(c->r[15], 0x602);
    assert_int_equal(c->ipsr, 0);
    return c->r[0];
}

static int setup_sh(void **state)
{
    if (fx_setup(state))
        return -1;
    struct fx *f = *state;
    f->cpu.cfg.semihosting = true;
    return 0;
}

static void write0_and_writec(void **state)
{
    struct fx *f = *state;
    put_str(f, STR, "hello, world\n");
    call(f, 0x04, STR);
    assert_string_equal(f->console, "hello, world\n");
    call(f, 0x03, STR + 5);
    assert_string_equal(f->console, "hello, world\n,");
    /* C_DEBUGEN reads 1: a debugger is emulated for semihosting. */
    assert_true(fx_rd(f, 0xe000edf0u) & 1);
}

static void open_write_read_close(void **state)
{
    struct fx *f = *state;
    put_str(f, STR, ":tt");
    fx_wr(f, BLK, STR);
    fx_wr(f, BLK + 4, 4); /* "w" */
    fx_wr(f, BLK + 8, 3);
    uint32_t h = call(f, 0x01, BLK);
    assert_true(h != 0xffffffffu && h != 0);
    assert_int_equal(call(f, 0x09, (fx_wr(f, BLK, h), BLK)), 1); /* ISTTY */
    put_str(f, STR + 0x40, "abcdef");
    fx_wr(f, BLK, h);
    fx_wr(f, BLK + 4, STR + 0x40);
    fx_wr(f, BLK + 8, 3);
    assert_int_equal(call(f, 0x05, BLK), 0);
    assert_string_equal(f->console, "abc");

    /* stdin */
    fx_wr(f, BLK, STR);
    fx_wr(f, BLK + 4, 0);
    fx_wr(f, BLK + 8, 3);
    uint32_t in = call(f, 0x01, BLK);
    f->input = "xy";
    fx_wr(f, BLK, in);
    fx_wr(f, BLK + 4, STR + 0x80);
    fx_wr(f, BLK + 8, 8);
    assert_int_equal(call(f, 0x06, BLK), 6); /* 8 asked, 2 read */
    assert_int_equal(fx_rd(f, STR + 0x80) & 0xffff, 'x' | 'y' << 8);
    assert_int_equal(call(f, 0x07, 0), 0xffffffffu); /* READC at end of input */

    fx_wr(f, BLK, h);
    assert_int_equal(call(f, 0x02, BLK), 0);
    assert_int_equal(call(f, 0x02, BLK), 0xffffffffu); /* already closed */
    assert_int_equal(call(f, 0x13, 0), 9);              /* SYS_ERRNO: EBADF */
}

/* A C library that opens ":tt" at every boot and never closes it must not
 * run out of handles on a board that is reset again and again. */
static void console_opens_never_exhaust(void **state)
{
    struct fx *f = *state;
    put_str(f, STR, ":tt");
    fx_wr(f, BLK, STR);
    fx_wr(f, BLK + 8, 3);
    uint32_t first = 0;
    for (int i = 0; i < 40; i++) {
        fx_wr(f, BLK + 4, 4 * (uint32_t)(i % 3)); /* modes r, w, a */
        uint32_t h = call(f, 0x01, BLK);
        assert_true(h != 0xffffffffu && h != 0);
        if (i == 1)
            first = h;
        if (i % 3 == 1)
            assert_int_equal(h, first); /* every "w" open shares stdout's handle */
    }
    /* the features file still gets a handle of its own */
    put_str(f, STR + 0x20, ":semihosting-features");
    fx_wr(f, BLK, STR + 0x20);
    fx_wr(f, BLK + 4, 0);
    fx_wr(f, BLK + 8, 21);
    uint32_t feat = call(f, 0x01, BLK);
    assert_true(feat != 0xffffffffu && feat != first);
}

static void features_file(void **state)
{
    struct fx *f = *state;
    put_str(f, STR, ":semihosting-features");
    fx_wr(f, BLK, STR);
    fx_wr(f, BLK + 4, 0);
    fx_wr(f, BLK + 8, 21);
    uint32_t h = call(f, 0x01, BLK);
    assert_true(h != 0xffffffffu);
    fx_wr(f, BLK, h);
    assert_int_equal(call(f, 0x0c, BLK), 5); /* FLEN */
    fx_wr(f, BLK + 4, STR + 0x40);
    fx_wr(f, BLK + 8, 5);
    assert_int_equal(call(f, 0x06, BLK), 0);
    assert_int_equal(fx_rd(f, STR + 0x40), 0x42464853u); /* "SHFB" */
    assert_int_equal(fx_rd(f, STR + 0x44) & 0xff, 3);
    /* Host files are refused. */
    put_str(f, STR, "../etc/passwd");
    fx_wr(f, BLK, STR);
    fx_wr(f, BLK + 8, 13);
    assert_int_equal(call(f, 0x01, BLK), 0xffffffffu);
}

static void exit_codes(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    c->r[0] = 0x18;
    c->r[1] = 0x20026;
    armv7m_bkpt(c, 0xab);
    assert_true(c->sys.exit_requested);
    assert_int_equal(c->exit_code, 0);

    armv7m_reset(c, false);
    c->r[0] = 0x18;
    c->r[1] = 0x20023; /* ADP_Stopped_RunTimeErrorUnknown */
    armv7m_bkpt(c, 0xab);
    assert_true(c->sys.exit_requested);
    assert_int_equal(c->exit_code, 1);

    armv7m_reset(c, false);
    fx_wr(f, BLK, 0x20026);
    fx_wr(f, BLK + 4, 42);
    c->r[0] = 0x20; /* SYS_EXIT_EXTENDED */
    c->r[1] = BLK;
    armv7m_bkpt(c, 0xab);
    assert_int_equal(c->exit_code, 42);

    armv7m_reset(c, false);
    c->r[0] = 0x20;
    c->r[1] = 0x50000000u; /* bad pointer */
    armv7m_bkpt(c, 0xab);
    assert_true(c->sys.exit_requested);
    assert_int_equal(c->exit_code, 1);
}

static void bad_pointers(void **state)
{
    struct fx *f = *state;
    assert_int_equal(call(f, 0x05, 0x50000000u), 0xffffffffu);
    assert_int_equal(call(f, 0x13, 0), 14); /* EFAULT */
    call(f, 0x04, 0x50000000u);             /* WRITE0: nothing printed */
    assert_int_equal(f->console_len, 0);
    put_str(f, STR, ":tt");
    fx_wr(f, BLK, STR);
    fx_wr(f, BLK + 4, 4);
    fx_wr(f, BLK + 8, 3);
    uint32_t h = call(f, 0x01, BLK);
    fx_wr(f, BLK, h);
    fx_wr(f, BLK + 4, 0x20009ff0u); /* runs off the end of SRAM */
    fx_wr(f, BLK + 8, 0x100);
    assert_int_equal(call(f, 0x05, BLK), 0x100 - 0x10);
    assert_int_equal(call(f, 0xff, 0), 0xffffffffu); /* unknown op */
}

static void clock_heap_cmdline(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    c->cycles = 8000000u * 3; /* 3 s at 8 MHz */
    assert_int_equal(call(f, 0x10, 0), 300);
    assert_int_equal(call(f, 0x31, 0), 8000000u);
    assert_int_equal(call(f, 0x30, BLK), 0);
    assert_int_equal(fx_rd(f, BLK), 24000000u);
    assert_int_equal(fx_rd(f, BLK + 4), 0);
    fx_wr(f, BLK, BLK + 0x10);
    assert_int_equal(call(f, 0x16, BLK), 0);
    assert_int_equal(fx_rd(f, BLK + 0x18), 0x2000a000u);
    c->sys.sh_cmdline = "prog arg";
    fx_wr(f, BLK, STR);
    fx_wr(f, BLK + 4, 64);
    assert_int_equal(call(f, 0x15, BLK), 0);
    assert_int_equal(fx_rd(f, BLK + 4), 8);
    assert_int_equal(fx_rd(f, STR), 0x676f7270u); /* "prog" */
    fx_wr(f, BLK + 4, 4); /* too small */
    assert_int_equal(call(f, 0x15, BLK), 0xffffffffu);
}

static void iserror_time_seek(void **state)
{
    struct fx *f = *state;
    fx_wr(f, BLK, 0xffffffffu);
    assert_int_equal(call(f, 0x08, BLK), 1);
    fx_wr(f, BLK, 5);
    assert_int_equal(call(f, 0x08, BLK), 0);
    assert_true(call(f, 0x11, 0) > 1600000000u); /* SYS_TIME: seconds since 1970 */
    put_str(f, STR, ":tt");
    fx_wr(f, BLK, STR);
    fx_wr(f, BLK + 4, 8); /* "a": stderr */
    fx_wr(f, BLK + 8, 3);
    uint32_t h = call(f, 0x01, BLK);
    fx_wr(f, BLK, h);
    fx_wr(f, BLK + 4, 0);
    assert_int_equal(call(f, 0x0a, BLK), 0xffffffffu); /* no seeking on a tty */
    assert_int_equal(call(f, 0x13, 0), 29);            /* ESPIPE */
    assert_int_equal(call(f, 0x0e, BLK), 0xffffffffu);  /* SYS_REMOVE refused */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(write0_and_writec, setup_sh, fx_teardown),
        cmocka_unit_test_setup_teardown(open_write_read_close, setup_sh, fx_teardown),
        cmocka_unit_test_setup_teardown(features_file, setup_sh, fx_teardown),
        cmocka_unit_test_setup_teardown(console_opens_never_exhaust, setup_sh, fx_teardown),
        cmocka_unit_test_setup_teardown(exit_codes, setup_sh, fx_teardown),
        cmocka_unit_test_setup_teardown(bad_pointers, setup_sh, fx_teardown),
        cmocka_unit_test_setup_teardown(clock_heap_cmdline, setup_sh, fx_teardown),
        cmocka_unit_test_setup_teardown(iserror_time_seek, setup_sh, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
