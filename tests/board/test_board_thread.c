/* The board on its own thread: the lock is granted quickly while the core
 * runs, halt/resume under the lock, inputs from another thread, stop. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "board_harness.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void lock_halt_resume(void **state)
{
    (void)state;
    struct bh *h = bh_new(BOARD_REV_C, NULL);
    assert_non_null(h);
    if (!bh_load_example(h, "roulette")) {
        bh_free(h);
        skip();
    }
    assert_int_equal(board_start(h->b), 0);
    usleep(50000);
    double worst = 0;
    uint64_t last = 0;
    for (int i = 0; i < 20; i++) {
        double t0 = now_s();
        board_lock(h->b);
        double waited = now_s() - t0;
        if (waited > worst)
            worst = waited;
        uint64_t c = board_cpu(h->b)->cycles;
        assert_true(c >= last);
        last = c;
        board_unlock(h->b);
        usleep(2000);
    }
    /* A figure, not an assertion (no timed tests): OpenOCD allows 1 s. */
    print_message("longest wait for the board lock: %.3f ms\n", worst * 1e3);
    assert_true(last > 0);

    board_lock(h->b);
    board_halt(h->b);
    assert_true(board_cpu(h->b)->halted);
    uint64_t halted_at = board_cpu(h->b)->cycles;
    double t_halt = board_time(h->b);
    board_unlock(h->b);
    usleep(50000);
    board_lock(h->b);
    assert_int_equal(board_cpu(h->b)->cycles, halted_at);   /* time stands still */
    assert_true(board_time(h->b) == t_halt);
    board_resume(h->b);
    board_unlock(h->b);
    usleep(50000);
    board_lock(h->b);
    assert_true(board_cpu(h->b)->cycles > halted_at);
    size_t events = h->nev;
    board_unlock(h->b);
    assert_true(events > 0);                /* LEDs kept changing */

    /* Reset into Debug state, as `reset halt` does. */
    board_lock(h->b);
    board_reset(h->b, true);
    assert_true(board_cpu(h->b)->halted);
    uint32_t pc = board_cpu(h->b)->r[15];
    board_unlock(h->b);
    uint32_t vec;
    assert_true(bus_read(board_bus(h->b), 4, 4, &vec));
    assert_int_equal(pc, vec & ~1u);
    board_stop(h->b);
    bh_free(h);
}

static void button_from_another_thread(void **state)
{
    (void)state;
    struct bh *h = bh_new(BOARD_REV_C, NULL);
    if (!bh_load_example(h, "button")) {
        bh_free(h);
        skip();
    }
    assert_int_equal(board_start(h->b), 0);
    usleep(20000);
    board_lock(h->b);
    board_button(h->b, true);
    board_unlock(h->b);
    usleep(20000);
    board_lock(h->b);
    board_button(h->b, false);
    board_unlock(h->b);
    bool seen = false;
    for (int i = 0; i < 200 && !seen; i++) {
        usleep(5000);
        board_lock(h->b);
        seen = strstr(h->out, "press 1") != NULL;
        board_unlock(h->b);
    }
    assert_true(seen);
    board_stop(h->b);
    bh_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lock_halt_resume),
        cmocka_unit_test(button_from_another_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
