/* Background operation: the core runs on its own thread in short slices
 * and drops the board lock between them, so debug servers (which must
 * answer OpenOCD within a second) get the lock within microseconds.  A
 * server that wants the lock kicks the core out of its slice. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

#include "board/f3disco/board_priv.h"

/* Wait on the wake condition (lock held) for at most `s` seconds. */
static void wait_for(struct board *b, double s)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    long ns = ts.tv_nsec + (long)(s * 1e9);
    ts.tv_sec += ns / 1000000000L;
    ts.tv_nsec = ns % 1000000000L;
    pthread_cond_timedwait(&b->wake, &b->lock, &ts);
}

/* Let waiting lockers in before taking the lock back. */
static void yield_lock(struct board *b)
{
    pthread_mutex_unlock(&b->lock);
    while (atomic_load(&b->waiters) > 0)
        sched_yield();
    pthread_mutex_lock(&b->lock);
}

static void *board_main(void *arg)
{
    struct board *b = arg;
    pthread_mutex_lock(&b->lock);
    while (!atomic_load(&b->stop)) {
        atomic_store(&b->interrupt, false);
        if (b->cpu.halted || b->cpu.lockup || b->cpu.sys.exit_requested) {
            /* Nothing runs until a debugger resumes or resets the core. */
            if (!b->stop_reported && !b->cpu.halted) {
                b->stop_reported = true;
                if (b->cpu.lockup && board_boot_erased(b))
                    soc_diag(&b->soc, "the flash is empty (erased: initial SP 0xFFFFFFFF), "
                                      "nothing to run: program it with `f3kit flash app.elf` "
                                      "(this board then runs it), or stop the board and use "
                                      "`f3kit run app.elf --flash` on its image");
                else if (b->cpu.lockup)
                    soc_diag(&b->soc, "the core locked up at pc=0x%08x (a fault while handling a "
                                      "fault); reset the board to restart it", b->cpu.r[15]);
                else
                    soc_diag(&b->soc, "the firmware exited (semihosting) with code %d; the core "
                                      "stays stopped until a reset", b->cpu.exit_code);
            }
            if (b->pending_reset >= 0)
                board_do_reset(b, (enum soc_reset_cause)b->pending_reset, false);
            else
                wait_for(b, 0.01);
            continue;
        }
        uint64_t slice = b->soc.time.hclk / 200;    /* 5 ms of virtual time */
        enum cpu_stop st = board_slice(b, b->cpu.cycles + slice, UINT64_MAX);
        if (st == CPU_STOP_SLEEP) {
            /* Asleep with nothing to wake it: wait for input or a debugger. */
            wait_for(b, 0.05);
            continue;
        }
        if (b->cfg.realtime) {
            double ahead = board_wall_ahead(b);
            if (ahead > 0.001) {
                wait_for(b, ahead > 0.05 ? 0.05 : ahead);
                continue;
            }
        }
        yield_lock(b);
    }
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

int board_start(struct board *b)
{
    if (b->thread_running)
        return 0;
    atomic_store(&b->stop, false);
    int rc = pthread_create(&b->thread, NULL, board_main, b);
    if (rc != 0) {
        errno = rc;
        return -1;
    }
    b->thread_running = true;
    return 0;
}

void board_stop(struct board *b)
{
    if (!b->thread_running)
        return;
    atomic_store(&b->stop, true);
    cpu_kick(&b->cpu);
    pthread_mutex_lock(&b->lock);
    pthread_cond_broadcast(&b->wake);
    pthread_mutex_unlock(&b->lock);
    pthread_join(b->thread, NULL);
    b->thread_running = false;
}

void board_lock(struct board *b)
{
    atomic_fetch_add(&b->waiters, 1);
    cpu_kick(&b->cpu);
    pthread_mutex_lock(&b->lock);
    atomic_fetch_sub(&b->waiters, 1);
}

void board_unlock(struct board *b)
{
    pthread_cond_broadcast(&b->wake);
    pthread_mutex_unlock(&b->lock);
}
