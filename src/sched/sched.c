#include "sched/sched.h"

#include <stddef.h>

void sched_init(struct sched *s)
{
    s->head = NULL;
}

void sched_event_init(struct sched_event *e, const char *name, sched_fn fn, void *ctx)
{
    e->when = SCHED_NEVER;
    e->fn = fn;
    e->ctx = ctx;
    e->name = name;
    e->next = NULL;
    e->armed = false;
}

void sched_cancel(struct sched *s, struct sched_event *e)
{
    if (!e->armed)
        return;
    for (struct sched_event **pp = &s->head; *pp; pp = &(*pp)->next) {
        if (*pp == e) {
            *pp = e->next;
            break;
        }
    }
    e->next = NULL;
    e->armed = false;
}

void sched_at(struct sched *s, struct sched_event *e, uint64_t when)
{
    sched_cancel(s, e);
    e->when = when;
    struct sched_event **pp = &s->head;
    /* Equal times keep arming order: earlier-armed fires first. */
    while (*pp && (*pp)->when <= when)
        pp = &(*pp)->next;
    e->next = *pp;
    *pp = e;
    e->armed = true;
}

uint64_t sched_next(const struct sched *s)
{
    return s->head ? s->head->when : SCHED_NEVER;
}

unsigned sched_run_due(struct sched *s, uint64_t now)
{
    unsigned fired = 0;
    while (s->head && s->head->when <= now) {
        struct sched_event *e = s->head;
        s->head = e->next;
        e->next = NULL;
        e->armed = false;
        e->fn(e->ctx, now);
        fired++;
    }
    return fired;
}
