/* Stimulus scripts: parsing (times, units, escapes, errors), applying
 * steps at their times, expectations. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "board/f3disco/board_script.h"
#include "board_harness.h"

static void parse_steps(void **state)
{
    (void)state;
    struct board_script s;
    char err[200];
    const char *text = "# stimuli\n"
                       "at 500ms press\n"
                       "at 0.6s release   # comment\n"
                       "at 1s gyro 100 -200 300\n"
                       "at 1s accel 1 2 3\n"
                       "at 1s mag -1 -2 -3\n"
                       "at 0s uart \"hi\\n\\x41\"\n"
                       "expect \"done\"\n"
                       "at 2s expect led LD10 on\n"
                       "at 250us reset\n"
                       "at 3s stop\n";
    assert_int_equal(board_script_parse(text, &s, err, sizeof err), 0);
    assert_int_equal(s.n, 10);
    assert_int_equal(s.steps[0].op, SCRIPT_UART);
    assert_int_equal(s.steps[0].textlen, 4);
    assert_memory_equal(s.steps[0].text, "hi\nA", 4);
    assert_int_equal(s.steps[1].op, SCRIPT_RESET);
    assert_true(fabs(s.steps[1].t - 250e-6) < 1e-12);
    assert_int_equal(s.steps[2].op, SCRIPT_PRESS);
    assert_true(fabs(s.steps[2].t - 0.5) < 1e-12);
    assert_int_equal(s.steps[4].op, SCRIPT_GYRO);
    assert_int_equal(s.steps[4].v[1], -200);
    assert_int_equal(s.steps[5].op, SCRIPT_ACCEL);
    assert_int_equal(s.steps[6].op, SCRIPT_MAG);
    assert_int_equal(s.steps[6].v[2], -3);
    assert_int_equal(s.steps[7].op, SCRIPT_EXPECT_LED);
    assert_int_equal(s.steps[7].led, 7);            /* LD10 */
    assert_true(s.steps[7].on);
    assert_int_equal(s.steps[8].op, SCRIPT_STOP);
    assert_int_equal(s.steps[9].op, SCRIPT_EXPECT);
    assert_true(isinf(s.steps[9].t));
    board_script_free(&s);
}

static void parse_errors(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "at soon press\n", "at 1s jump\n", "at 1s gyro 1 2\n", "at 1s gyro 1 2 99999\n",
        "at 1s uart \"unterminated\n", "press\n", "at 1s expect led LD11 on\n",
        "at 1s press extra\n", "at -1s press\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct board_script s;
        char err[200] = "";
        assert_int_equal(board_script_parse(bad[i], &s, err, sizeof err), -1);
        assert_non_null(strstr(err, "line 1"));
    }
}

/* The quoted-string reader the scripts and `f3kit board`'s uart command share. */
static void quoted_strings(void **state)
{
    (void)state;
    const char *p = "\"q\\x41\\\\\\\"\\t\\0z\\r\\n\" rest";
    char *out = NULL, err[160] = "";
    size_t n = 0;
    assert_int_equal(board_script_string(&p, &out, &n, err, sizeof err), 0);
    assert_int_equal(n, 9);
    assert_memory_equal(out, "qA\\\"\t\0z\r\n", 9);
    assert_string_equal(p, " rest");
    free(out);
    static const struct { const char *in, *why; } bad[] = {
        {"\"open", "unterminated"}, {"\"tail\\", "unterminated"}, {"\"\\q\"", "unknown escape \\q"},
        {"\"\\x4\"", "two hex digits"}, {"bare", "quoted string"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *q = bad[i].in;
        err[0] = '\0';
        assert_int_equal(board_script_string(&q, &out, &n, err, sizeof err), -1);
        assert_non_null(strstr(err, bad[i].why));
    }
}

static void run_button_script(void **state)
{
    (void)state;
    struct bh *h = bh_new(BOARD_REV_C, NULL);
    if (!bh_load_example(h, "button")) {
        bh_free(h);
        skip();
    }
    struct board_script s;
    char err[200];
    assert_int_equal(board_script_parse("at 0.3s press\nat 0.35s release\n"
                                        "at 0.5s expect \"press 1\"\n"
                                        "at 0.5s expect led LD5 on\n"
                                        "at 0.5s expect led LD3 on\n"
                                        "expect \"never printed\"\n",
                                        &s, err, sizeof err), 0);
    FILE *report = tmpfile();
    while (!isinf(board_script_next(&s))) {
        double until = board_script_next(&s);
        if (until > board_time(h->b))
            board_run_for(h->b, until - board_time(h->b), 0);
        board_script_apply(&s, h->b, h->out, h->nout, report);
    }
    assert_int_equal(s.failures, 1);                /* LD3 is off by then */
    board_script_finish(&s, h->b, h->out, h->nout, report);
    assert_int_equal(s.failures, 2);
    char text[512] = "";
    rewind(report);
    size_t n = fread(text, 1, sizeof text - 1, report);
    text[n] = '\0';
    fclose(report);
    assert_non_null(strstr(text, "line 5: expected LD3 on"));
    assert_non_null(strstr(text, "line 6: expected output \"never printed\""));
    board_script_free(&s);
    bh_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_steps),
        cmocka_unit_test(parse_errors),
        cmocka_unit_test(quoted_strings),
        cmocka_unit_test(run_button_script),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
