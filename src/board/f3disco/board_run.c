/* Running the board on the caller's thread: slices of core execution
 * between scheduler events, time skipping while the core sleeps, resets,
 * halting, and realtime pacing. */
#include <math.h>
#include <stdio.h>

#include "board/f3disco/board_priv.h"

static const char *const reset_names[] = {"power-on", "NRST", "SYSRESETREQ", "IWDG",
                                          "option-byte load", "WWDG"};

void board_do_reset(struct board *b, enum soc_reset_cause why, bool halt)
{
    b->pending_reset = -1;
    b->stop_reported = false;
    if (b->flash_dirty && b->flash_path) {
        char err[256];
        if (board_flash_sync(b, err, sizeof err) != 0)
            soc_diag(&b->soc, "%s", err);
    }
    soc_reset(&b->soc, why);
    cpu_reset(&b->cpu);
    if (halt && !b->cpu.halted)
        armv7m_debug_halt(&b->cpu, CPU_HALT_RESET);
    if (b->cfg.obs.reset)
        b->cfg.obs.reset(b->cfg.obs.ctx, reset_names[why], board_time(b));
}

void board_reset(struct board *b, bool halt)
{
    board_do_reset(b, SOC_RESET_PIN, halt);
}

/* Could anything wake a sleeping core without outside input? */
static bool wake_possible(struct board *b)
{
    return sched_next(&b->sched) != SCHED_NEVER || armv7m_next_event(&b->cpu) != UINT64_MAX;
}

bool board_asleep_forever(struct board *b)
{
    return b->cpu.sleeping && !b->cpu.halted && !wake_possible(b);
}

enum cpu_stop board_slice(struct board *b, uint64_t limit, uint64_t insn_limit)
{
    if (b->pending_reset >= 0)
        board_do_reset(b, (enum soc_reset_cause)b->pending_reset, false);
    if (b->cpu.halted)
        return CPU_STOP_HALT;
    uint64_t now = b->cpu.cycles;
    uint64_t lim = limit;
    uint64_t next = sched_next(&b->sched);
    if (next < lim)
        lim = next;
    if (insn_limit != UINT64_MAX) {
        if (b->cpu.insns >= insn_limit)
            return CPU_STOP_LIMIT;
        if (insn_limit - b->cpu.insns < lim - now)
            lim = now + (insn_limit - b->cpu.insns);
    }
    enum cpu_stop st = CPU_STOP_LIMIT;
    if (lim > now) {
        b->run_limit = lim;
        st = cpu_run(&b->cpu, lim);
        b->run_limit = 0;
    }
    bool forever = false;
    if (st == CPU_STOP_SLEEP) {
        /* WFI with nothing pending: virtual time jumps to what comes next. */
        forever = !wake_possible(b);
        if (lim != SCHED_NEVER && lim > b->cpu.cycles)
            b->cpu.cycles = lim;
        st = CPU_STOP_LIMIT;
    }
    sched_run_due(&b->sched, b->cpu.cycles);
    if (st == CPU_STOP_SYSRESET) {
        board_do_reset(b, SOC_RESET_SOFT, false);
        st = CPU_STOP_LIMIT;
    }
    if (b->pending_reset >= 0) {
        board_do_reset(b, (enum soc_reset_cause)b->pending_reset, false);
        st = CPU_STOP_LIMIT;
    }
    if (st == CPU_STOP_LIMIT && forever && b->cpu.sleeping && !wake_possible(b))
        return CPU_STOP_SLEEP;
    return st;
}

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Seconds virtual time is ahead of the wall clock (re-anchoring when it
 * fell behind, e.g. after a halt, so time never rushes to catch up). */
double board_wall_ahead(struct board *b)
{
    double wall = wall_now();
    double t = board_time(b);
    if (b->wall_anchor.tv_sec == 0 && b->wall_anchor.tv_nsec == 0) {
        clock_gettime(CLOCK_MONOTONIC, &b->wall_anchor);
        b->virt_anchor = t;
        return 0;
    }
    double anchor = (double)b->wall_anchor.tv_sec + b->wall_anchor.tv_nsec / 1e9;
    double ahead = (t - b->virt_anchor) - (wall - anchor);
    if (ahead < -0.2) {
        clock_gettime(CLOCK_MONOTONIC, &b->wall_anchor);
        b->virt_anchor = t;
        return 0;
    }
    return ahead;
}

void board_pace(struct board *b, double max_s)
{
    double ahead = board_wall_ahead(b);
    if (ahead <= 0)
        return;
    if (ahead > max_s)
        ahead = max_s;
    struct timespec ts = {(time_t)ahead, (long)((ahead - floor(ahead)) * 1e9)};
    nanosleep(&ts, NULL);
}

void board_interrupt(struct board *b)
{
    atomic_store(&b->interrupt, true);
    cpu_kick(&b->cpu);
}

enum cpu_stop board_run_for(struct board *b, double seconds, uint64_t max_insns)
{
    double end = (seconds > 0 && isfinite(seconds)) ? board_time(b) + seconds : INFINITY;
    uint64_t insn_limit = max_insns ? b->cpu.insns + max_insns : UINT64_MAX;
    bool first = true;
    for (;;) {
        if (atomic_exchange(&b->interrupt, false))
            return CPU_STOP_LIMIT;
        uint64_t now = b->cpu.cycles;
        uint64_t endc = isinf(end) ? SCHED_NEVER : soc_cycle_at(&b->soc, end);
        /* However short the request, time moves: at least one cycle. */
        if (endc <= now && first && !isinf(end))
            endc = now + 1;
        first = false;
        if (now >= endc || b->cpu.insns >= insn_limit)
            return CPU_STOP_LIMIT;
        /* Short slices keep interrupts, pacing and limits responsive. */
        uint64_t slice = b->soc.time.hclk / (b->cfg.realtime ? 100 : 10);
        uint64_t lim = endc - now < slice ? endc : now + slice;
        enum cpu_stop st = board_slice(b, lim, insn_limit);
        if (b->cfg.realtime)
            board_pace(b, 0.1);
        switch (st) {
        case CPU_STOP_EXIT:
        case CPU_STOP_HALT:
        case CPU_STOP_LOCKUP:
            return st;
        case CPU_STOP_SLEEP:
            if (endc == SCHED_NEVER)
                return CPU_STOP_SLEEP;
            /* Asleep for good: the rest of the run passes at once. */
            if (!b->cfg.realtime)
                b->cpu.cycles = endc;
            break;
        default:
            break;
        }
    }
}

void board_halt(struct board *b)
{
    if (b->cpu.halted)
        return;
    cpu_request_halt(&b->cpu);
    /* The core looks at the request before anything else. */
    cpu_run(&b->cpu, b->cpu.cycles);
}

void board_resume(struct board *b)
{
    cpu_resume(&b->cpu);
    pthread_cond_broadcast(&b->wake);
}

void board_settle(struct board *b, double max_seconds)
{
    uint64_t end = soc_cycle_at(&b->soc, board_time(b) + max_seconds);
    for (;;) {
        bool busy = false;
        for (unsigned k = 0; k < SOC_NUM_USART; k++)
            busy |= b->soc.usart[k].shifting;
        uint64_t next = sched_next(&b->sched);
        if (!busy || next > end)
            return;
        if (next > b->cpu.cycles)
            b->cpu.cycles = next;
        sched_run_due(&b->sched, b->cpu.cycles);
    }
}
