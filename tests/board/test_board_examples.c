/* Every firmware example of the kit on the virtual board, with its
 * behaviour asserted: hello prints and exits 0, roulette lights the compass
 * in order at its period, button reacts to a press through EXTI0, sensors
 * reads back the values set, fault ends in the HardFault handler. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "board_harness.h"

static int setup(void **state)
{
    *state = bh_new(BOARD_REV_C, NULL);
    return *state ? 0 : -1;
}

static int setup_rev_e(void **state)
{
    *state = bh_new(BOARD_REV_E, NULL);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    bh_free(*state);
    return 0;
}

static void hello(void **state)
{
    struct bh *h = *state;
    if (!bh_load_example(h, "hello"))
        skip();
    enum cpu_stop st = board_run_for(h->b, 1.0, 0);
    assert_int_equal(st, CPU_STOP_EXIT);
    assert_int_equal(board_cpu(h->b)->exit_code, 0);
    board_settle(h->b, 0.1);
    assert_string_equal(h->semi, "Hello, world!\n");
    assert_string_equal(h->uart, "Hello, world!\r\n");
    /* 15 bytes at 115200 Bd take 1.3 ms: the last one left after that. */
    assert_true(board_time(h->b) > 0.0013);
}

static void roulette(void **state)
{
    struct bh *h = *state;
    if (!bh_load_example(h, "roulette"))
        skip();
    assert_int_equal(board_run_for(h->b, 1.75, 0), CPU_STOP_LIMIT);
    /* The "on" events, clockwise from North, 100 ms apart. */
    unsigned expect[8];
    for (unsigned k = 0; k < 8; k++)
        expect[k] = board_compass_order[k];
    size_t n = 0;
    double first = -1;
    for (size_t i = 0; i < h->nev; i++) {
        if (!h->ev[i].on)
            continue;
        assert_int_equal(h->ev[i].led, expect[n % 8]);
        if (first < 0)
            first = h->ev[i].t;
        double want = first + 0.1 * (double)n;
        assert_true(fabs(h->ev[i].t - want) < 50e-6);
        n++;
    }
    assert_int_equal(n, 18);
    /* Exactly one LED on at any time. */
    unsigned lit = 0;
    for (unsigned i = 0; i < 8; i++)
        lit += board_led(h->b, i);
    assert_int_equal(lit, 1);
    assert_string_equal(board_led_info(expect[0])->name, "LD3");
    assert_string_equal(board_led_info(expect[0])->dir, "N");
}

static void button(void **state)
{
    struct bh *h = *state;
    if (!bh_load_example(h, "button"))
        skip();
    board_run_for(h->b, 0.2, 0);
    assert_true(board_led(h->b, 0));                /* LD3 (N) lit */
    assert_null(strstr(h->out, "press 1"));
    board_button(h->b, true);
    board_run_for(h->b, 0.05, 0);
    board_button(h->b, false);
    board_run_for(h->b, 0.1, 0);
    assert_non_null(strstr(h->out, "button: press 1, LED LD5"));
    assert_true(board_led(h->b, 2));                /* LD5 (NE) */
    assert_false(board_led(h->b, 0));
    board_button(h->b, true);
    board_run_for(h->b, 0.05, 0);
    board_button(h->b, false);
    board_run_for(h->b, 0.1, 0);
    assert_non_null(strstr(h->out, "button: press 2, LED LD7"));
}

static void sensors_check(struct bh *h, const char *ident)
{
    board_set_gyro(h->b, 100, -200, 300);
    board_set_accel(h->b, 1000, -2000, 16384);
    board_set_mag(h->b, 11, -22, 33);
    board_run_for(h->b, 0.3, 0);
    assert_non_null(strstr(h->out, ident));
    assert_non_null(strstr(h->out, "gyro 100 -200 300 (ok) accel 1000 -2000 16384 (ok) "
                                    "mag 11 -22 33 (ok)"));
}

static void sensors_rev_c(void **state)
{
    struct bh *h = *state;
    if (!bh_load_example(h, "sensors"))
        skip();
    sensors_check(h, "gyro L3GD20 (WHO_AM_I 0xd4, ok), compass LSM303DLHC");
}

static void sensors_rev_e(void **state)
{
    struct bh *h = *state;
    if (!bh_load_example(h, "sensors"))
        skip();
    sensors_check(h, "gyro I3G4250D (WHO_AM_I 0xd3, ok), compass LSM303AGR");
}

static void fault(void **state)
{
    struct bh *h = *state;
    if (!bh_load_example(h, "fault"))
        skip();
    enum cpu_stop st = board_run_for(h->b, 1.0, 0);
    struct cpu *c = board_cpu(h->b);
    assert_int_equal(st, CPU_STOP_EXIT);
    assert_int_not_equal(c->exit_code, 0);
    assert_int_equal(c->ipsr, 3);                   /* in the HardFault handler */
    assert_true(c->sys.cfsr & (1u << 9));           /* PRECISERR */
    assert_int_equal(c->sys.bfar, 0xfffffff0u);
    char rep[2048];
    assert_true(board_fault_report(h->b, rep, sizeof rep));
    assert_non_null(strstr(rep, "HardFault"));
    assert_non_null(strstr(rep, "PRECISERR"));
    assert_non_null(strstr(rep, "faulting instruction"));
}

static void systick_ms(void **state)
{
    struct bh *h = *state;
    if (!bh_load_example(h, "systick"))
        skip();
    board_run_for(h->b, 0.35, 0);
    assert_non_null(strstr(h->out, "HCLK 72000000 Hz"));
    /* It prints about every 100 ms of virtual time. */
    unsigned lines = 0;
    for (const char *p = h->out; (p = strstr(p, " ms, ")); p++)
        lines++;
    assert_int_equal(lines, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(hello, setup, teardown),
        cmocka_unit_test_setup_teardown(roulette, setup, teardown),
        cmocka_unit_test_setup_teardown(button, setup, teardown),
        cmocka_unit_test_setup_teardown(sensors_rev_c, setup, teardown),
        cmocka_unit_test_setup_teardown(sensors_rev_e, setup_rev_e, teardown),
        cmocka_unit_test_setup_teardown(fault, setup, teardown),
        cmocka_unit_test_setup_teardown(systick_ms, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
