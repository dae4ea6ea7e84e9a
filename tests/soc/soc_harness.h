/* A bare STM32F303 (no core) on a bus for register-level tests: the cycle
 * counter is a plain variable the test advances, interrupts, diagnostics,
 * USART bytes and resets are recorded. */
#ifndef F3KIT_TEST_SOC_HARNESS_H
#define F3KIT_TEST_SOC_HARNESS_H

#include <stdbool.h>
#include <stdint.h>

#include "bus/bus.h"
#include "sched/sched.h"
#include "soc/stm32f303/soc.h"

struct th {
    struct bus bus;
    struct sched sched;
    uint64_t cycles;
    struct soc soc;
    bool irq[128];
    unsigned irq_rises[128];
    char diag[32][256];
    unsigned ndiag;
    uint8_t tx[1024];
    uint64_t tx_at[1024];
    unsigned ntx;
    int reset_cause;            /* -1: none asked */
    uint64_t reset_at;
    unsigned code_writes;
    unsigned pin_events;
    unsigned wake_events;
};

struct th *th_new(void);
void th_free(struct th *t);
uint32_t rd(struct th *t, uint32_t addr);
void wr(struct th *t, uint32_t addr, uint32_t v);
void wr16(struct th *t, uint32_t addr, uint32_t v);
void wr8(struct th *t, uint32_t addr, uint32_t v);
/* Let `n` cycles pass, firing due events. */
void th_advance(struct th *t, uint64_t n);
/* Fire events until cycle `when`. */
void th_until(struct th *t, uint64_t when);
bool th_diag_has(const struct th *t, const char *needle);
/* Turn on every peripheral clock. */
void th_clocks_on(struct th *t);

/* cmocka group fixtures: a fresh soc with every peripheral clock on, and
 * its release. */
int th_setup_clocked(void **state);
int th_teardown(void **state);

#endif
