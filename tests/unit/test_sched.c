/* The virtual-time scheduler: ordering, re-arming, cancelling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sched/sched.h"

struct log {
    char order[16];
    unsigned n;
    struct sched *s;
    struct sched_event *rearm;
    uint64_t rearm_at;
};

struct tagged {
    struct log *log;
    char tag;
};

static void fire(void *ctx, uint64_t now)
{
    (void)now;
    struct tagged *t = ctx;
    t->log->order[t->log->n++] = t->tag;
    if (t->log->rearm && t->tag == 'a') {
        sched_at(t->log->s, t->log->rearm, t->log->rearm_at);
        t->log->rearm = NULL;
    }
}

static void orders_by_time_then_arming(void **state)
{
    (void)state;
    struct sched s;
    sched_init(&s);
    struct log log = {.s = &s};
    struct tagged ta = {&log, 'a'}, tb = {&log, 'b'}, tc = {&log, 'c'};
    struct sched_event a, b, c;
    sched_event_init(&a, "a", fire, &ta);
    sched_event_init(&b, "b", fire, &tb);
    sched_event_init(&c, "c", fire, &tc);
    assert_true(sched_next(&s) == SCHED_NEVER);
    sched_at(&s, &b, 200);
    sched_at(&s, &a, 100);
    sched_at(&s, &c, 200);
    assert_true(sched_next(&s) == 100);
    assert_int_equal(sched_run_due(&s, 99), 0);
    assert_int_equal(sched_run_due(&s, 200), 3);
    assert_string_equal(log.order, "abc");
    assert_true(sched_next(&s) == SCHED_NEVER);
}

static void rearm_and_cancel(void **state)
{
    (void)state;
    struct sched s;
    sched_init(&s);
    struct log log = {.s = &s};
    struct tagged ta = {&log, 'a'}, tb = {&log, 'b'};
    struct sched_event a, b;
    sched_event_init(&a, "a", fire, &ta);
    sched_event_init(&b, "b", fire, &tb);
    sched_at(&s, &a, 10);
    sched_at(&s, &a, 50); /* re-arming moves it, never duplicates */
    sched_at(&s, &b, 20);
    sched_cancel(&s, &b);
    sched_cancel(&s, &b); /* harmless twice */
    assert_true(sched_next(&s) == 50);
    /* a handler arming another event that is already due: it fires in the same call */
    log.rearm = &b;
    log.rearm_at = 40;
    assert_int_equal(sched_run_due(&s, 60), 2);
    assert_string_equal(log.order, "ab");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(orders_by_time_then_arming),
        cmocka_unit_test(rearm_and_cancel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
