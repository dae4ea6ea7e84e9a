/* Virtual time.  The core counts cycles of its clock (HCLK); peripherals
 * that act later (timer updates, USART bytes on the wire, flash erase done)
 * put an event on this scheduler at a cycle count.  The run loop asks for
 * the next due cycle, lets the core run until then, and fires what is due.
 * WFI with nothing pending skips straight to the next event. */
#ifndef F3KIT_SCHED_H
#define F3KIT_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#define SCHED_NEVER UINT64_MAX

struct sched_event;
typedef void (*sched_fn)(void *ctx, uint64_t now);

struct sched_event {
    uint64_t when;
    sched_fn fn;
    void *ctx;
    const char *name;
    struct sched_event *next;   /* sorted list, owned by the scheduler */
    bool armed;
};

struct sched {
    struct sched_event *head;   /* earliest first */
};

void sched_init(struct sched *s);
void sched_event_init(struct sched_event *e, const char *name, sched_fn fn, void *ctx);
/* Arm (or re-arm) `e` to fire at cycle `when`. */
void sched_at(struct sched *s, struct sched_event *e, uint64_t when);
void sched_cancel(struct sched *s, struct sched_event *e);
/* Cycle of the earliest armed event, SCHED_NEVER if none. */
uint64_t sched_next(const struct sched *s);
/* Fire every event due at or before `now`, earliest first.  A handler may
 * re-arm its own or other events. Returns the number fired. */
unsigned sched_run_due(struct sched *s, uint64_t now);

#endif
