/* Run control: the block-executing fast loop, the per-instruction slow
 * path (trace, breakpoints, IT entry), and the checks made at instruction
 * boundaries (exceptions, halts, sleep, time). */
#include "core/cpu_cache.h"
#include "core/exec.h"

/* ---- executing ---- */

/* One decoded instruction, with its condition and ITSTATE bookkeeping. */
static void exec_insn(struct cpu *cpu, const struct cpu_insn *in)
{
    cpu->r[15] = in->pc + 4;
    if (in->cond != CPU_COND_AL && !cpu_cond_pass(cpu, in->cond)) {
        cpu->cycles += 1;
        cpu->r[15] = in->pc + in->len;
        cpu->itstate = cpu_it_advance(in->it);
        cpu->insns++;
        return;
    }
    int res = in->fn(cpu, in);
    if (res == CPU_EXEC_EXC)
        return;
    cpu->cycles += in->cycles;
    cpu->insns++;
    if (res == CPU_EXEC_NEXT) {
        cpu->r[15] = in->pc + in->len;
        cpu->itstate = in->fn == cpu_x_it ? in->imm : cpu_it_advance(in->it);
    } else {
        cpu->itstate = cpu_it_advance(in->it);
    }
}

/* The slow path: fetch and decode at r[15] with the live ITSTATE. */
static void step_one(struct cpu *cpu)
{
    struct cpu_insn in;
    uint32_t pc = cpu->r[15];
    if (!cpu_fetch_decode(cpu, pc, cpu->itstate, &in)) {
        struct cpu_insn at = { .pc = pc, .it = (uint8_t)cpu->itstate };
        cpu_raise(cpu, &at, CPU_FAULT_IBUSERR, pc);
        return;
    }
    struct cpu_insn prev = { .flags = cpu->cache->prev_mem ? CPU_INSN_MEM : 0 };
    in.cycles = cpu_pipelined_cycles(&prev, &in);
    if (cpu->cfg.trace)
        cpu_trace_insn(cpu, &in);
    uint64_t before = cpu->insns;
    exec_insn(cpu, &in);
    cpu->cache->prev_mem = cpu->insns != before && (in.flags & CPU_INSN_MEM);
}

/* Running a block: base cycles (insn->cycles) are charged when the block
 * is left, from the prefix sums in insn->pre, so that instruction i starts
 * at cpu->cycles + insn[i].pre (insn.h); a failed condition costs 1 instead.
 *
 * This one runs a single block with a deadline check before every
 * instruction, for a block that could reach the deadline. */
static void run_block_checked(struct cpu *cpu, const struct cpu_block *b, uint64_t deadline)
{
    const struct cpu_insn *in = b->insn, *end = in + b->n;
    /* A single load/store right after one in the previous block pipelines
     * with it (the block was decoded without knowing its predecessor). */
    uint64_t bonus = cpu->cache->prev_mem && (in->flags & CPU_INSN_MEM) && in->cycles > 1;
    bool mem = false;
    cpu->cycles -= bonus;
    for (;;) {
        if (__builtin_expect(cpu->cycles + in->pre >= deadline || cpu->attention, 0)) {
            if (in == b->insn) {
                cpu->cycles += bonus;
                mem = cpu->cache->prev_mem;
            } else {
                mem = (in[-1].flags & CPU_INSN_MEM) != 0;
            }
            cpu->insns += (uint64_t)(in - b->insn);
            cpu->cycles += in->pre;
            cpu->r[15] = in->pc;
            cpu->itstate = in->it;
            break;
        }
        /* r[15] is only kept for instructions that read it (insn.h). */
        if (__builtin_expect(in->flags & (CPU_INSN_PCREAD | CPU_INSN_COND), 0)) {
            cpu->r[15] = in->pc + 4;
            if (in->cond != CPU_COND_AL && !cpu_cond_pass(cpu, in->cond)) {
                cpu->cycles -= in->cycles - 1u;
                goto next;
            }
        }
        int res = in->fn(cpu, in);
        if (__builtin_expect(res != CPU_EXEC_NEXT, 0)) {
            cpu->insns += (uint64_t)(in - b->insn);
            cpu->cycles += in->pre;
            if (res == CPU_EXEC_BRANCH) {
                cpu->cycles += in->cycles;
                cpu->itstate = cpu_it_advance(in->it);
                cpu->insns++;
                mem = (in->flags & CPU_INSN_MEM) != 0;
            }
            break;
        }
    next:
        if (++in == end) {
            cpu->insns += b->n;
            cpu->cycles += end[-1].pre + end[-1].cycles;
            cpu->r[15] = b->end;
            cpu->itstate = cpu_it_advance(end[-1].it);
            mem = (end[-1].flags & CPU_INSN_MEM) != 0;
            break;
        }
    }
    cpu->cache->prev_mem = mem;
}

/* The block that follows `prev` at pc: through prev's links, else the
 * cache (building it), linking it to prev.  NULL if pc cannot be fetched. */
static inline const struct cpu_block *next_block(struct cpu *cpu, const struct cpu_block *prev,
                                                 uint32_t pc)
{
    struct cpu_cache *c = cpu->cache;
    if (prev && prev->epoch == c->epoch) {
        if (prev->succ_pc[0] == pc)
            return prev->succ[0];
        if (prev->succ_pc[1] == pc)
            return prev->succ[1];
    }
    struct cpu_block *b = cpu_cache_get(cpu, pc);
    if (b && prev && prev->valid) {
        struct cpu_block *p = (struct cpu_block *)prev;
        if (p->epoch != c->epoch) {
            p->succ_pc[0] = p->succ_pc[1] = 1;
            p->epoch = c->epoch;
        }
        p->succ[p->succ_next] = b;
        p->succ_pc[p->succ_next] = pc;
        p->succ_next ^= 1;
    }
    return b;
}

/* Blocks back to back, with no per-instruction deadline check: entered
 * only for a block that cannot reach the deadline, and left before one
 * that could (the caller then runs it with checks), when something needs
 * looking at, or when the next block cannot be fetched.  cpu->attention is
 * clear on entry.  Returns the last block run. */
static const struct cpu_block *run_chain(struct cpu *cpu, const struct cpu_block *b,
                                         uint64_t deadline)
{
    uint64_t done = 0;
    bool mem = cpu->cache->prev_mem;
    for (;;) {
        const struct cpu_insn *in = b->insn;
        /* Load/store pipelining across the block boundary. */
        if (mem && (in->flags & CPU_INSN_MEM) && in->cycles > 1)
            cpu->cycles -= 1;
        for (;;) {
            int res;
            /* The common instruction: not conditional, not reading PC and
             * not the last of its block (CPU_INSN_LAST), so it needs no
             * end-of-block test either. */
            if (__builtin_expect(!(in->flags & (CPU_INSN_PCREAD | CPU_INSN_COND | CPU_INSN_LAST)),
                                 1)) {
                res = in->fn(cpu, in);
                if (__builtin_expect(res == CPU_EXEC_NEXT, 1)) {
                    in++;
                    continue;
                }
                goto done_insn;
            }
            /* Conditional, PC-reading and FP/DSP instructions.  Only these
             * may ask for attention and still fall through: the integer
             * loads and stores end their block instead (exec_mem.c
             * after_slow), so the common path above needs no attention
             * test. */
            if (in->flags & CPU_INSN_COND) {
                if (!cpu_cond_pass(cpu, in->cond)) {
                    cpu->cycles -= in->cycles - 1u;
                    goto next;
                }
                /* A taken B<cond> needs no call. */
                if (in->fn == cpu_x_b) {
                    cpu->r[15] = in->imm;
                    res = CPU_EXEC_BRANCH;
                    goto done_insn;
                }
            }
            if (in->flags & CPU_INSN_PCREAD)
                cpu->r[15] = in->pc + 4;
            res = in->fn(cpu, in);
            if (res == CPU_EXEC_NEXT && __builtin_expect(cpu->attention, 0)) {
                cpu->r[15] = in->pc + in->len;
                res = CPU_EXEC_BRANCH;
            }
        done_insn:
            if (__builtin_expect(res != CPU_EXEC_NEXT, 0)) {
                done += (uint64_t)(in - b->insn);
                cpu->cycles += in->pre;
                if (res != CPU_EXEC_BRANCH) {
                    mem = false;
                    goto out;
                }
                cpu->cycles += in->cycles;
                done++;
                mem = (in->flags & CPU_INSN_MEM) != 0;
                /* ITSTATE is 0 while a block runs (blocks start outside IT)
                 * except after a branch ending an IT block (-> 0 again) or
                 * an MSR/CPS inside one. */
                if (__builtin_expect(in->it != 0, 0)) {
                    cpu->itstate = cpu_it_advance(in->it);
                    if (cpu->itstate)
                        goto out;
                }
                break;
            }
        next:
            if (in->flags & CPU_INSN_LAST) {
                done += b->n;
                cpu->cycles += b->cycles;
                cpu->r[15] = b->end;
                mem = (in->flags & CPU_INSN_MEM) != 0;
                if (__builtin_expect(b->it_after != 0, 0)) {
                    cpu->itstate = b->it_after;
                    goto out;
                }
                break;
            }
            in++;
        }
        if (cpu->attention)
            break;
        const struct cpu_block *nb = next_block(cpu, b, cpu->r[15]);
        if (!nb || cpu->cycles + nb->max_cycles >= deadline)
            break;
        b = nb;
    }
out:
    cpu->insns += done;
    cpu->cache->prev_mem = mem;
    return b;
}

enum { GO_ON = -1 };

static bool debug_enabled(const struct cpu *cpu)
{
    return cpu->sys.dhcsr & 1u; /* DHCSR.C_DEBUGEN */
}

/* Does execution need the per-instruction path? */
static bool need_slow(const struct cpu *cpu)
{
    return cpu->cfg.trace || cpu->itstate != 0 ||
           ((cpu->sys.fp_ctrl & 1u) && (debug_enabled(cpu) || (cpu->sys.demcr & (1u << 16))));
}

/* Everything looked at between instructions when cpu->attention is set. */
static int attend(struct cpu *cpu, uint64_t limit)
{
    cpu->attention = 0;
    if (atomic_load(&cpu->halt_request)) {
        atomic_store(&cpu->halt_request, false);
        if (!cpu->halted)
            armv7m_debug_halt(cpu, CPU_HALT_REQUEST);
    }
    if (cpu->cache->watch_hit) {
        cpu->cache->watch_hit = false;
        armv7m_dwt_hit(cpu, cpu->cache->watch_addr, cpu->cache->watch_size,
                       cpu->cache->watch_write);
    }
    if (cpu->sys.exit_requested)
        return CPU_STOP_EXIT;
    if (cpu->lockup)
        return CPU_STOP_LOCKUP;
    if (cpu->sysreset_request)
        return CPU_STOP_SYSRESET;
    if (cpu->halted)
        return CPU_STOP_HALT;
    if (atomic_load(&cpu->kick)) {
        atomic_store(&cpu->kick, false);
        cpu->attention = 1; /* look again on the next call */
        return CPU_STOP_LIMIT;
    }
    if (cpu->sleeping) {
        if (armv7m_wake_pending(cpu)) {
            cpu->sleeping = false;
            cpu->cache->sleep_skips = 0;
        } else {
            /* Skip to the next SysTick wrap when it may wake the core; give
             * up (the board skips time) when wraps do not wake it. */
            uint64_t ev = armv7m_next_event(cpu);
            if (ev <= limit && (cpu->sys.syst_csr & 2u) && cpu->cache->sleep_skips < 2) {
                cpu->cache->sleep_skips++;
                if (ev > cpu->cycles)
                    cpu->cycles = ev;
                armv7m_advance(cpu);
                cpu->attention = 1;
                return GO_ON;
            }
            cpu->attention = 1;
            return CPU_STOP_SLEEP;
        }
    }
    if (armv7m_take_pending(cpu)) {
        cpu->excl_open = false;
        cpu->attention = 1; /* the handler's first instruction may need checks too */
        return GO_ON;
    }
    if (!cpu->thumb) {
        struct cpu_insn at = { .pc = cpu->r[15], .it = (uint8_t)cpu->itstate };
        cpu_raise(cpu, &at, CPU_FAULT_INVSTATE, 0);
        return GO_ON;
    }
    return GO_ON;
}

/* One instruction of the slow path, with the FPB check before it. */
static int slow_insn(struct cpu *cpu)
{
    if ((cpu->sys.fp_ctrl & 1u) && armv7m_fpb_match(cpu, cpu->r[15])) {
        armv7m_debug_event(cpu, CPU_HALT_FPB);
        cpu->attention = 1;
        if (cpu->halted)
            return CPU_STOP_HALT;
        return GO_ON;
    }
    step_one(cpu);
    return GO_ON;
}

enum cpu_stop cpu_run(struct cpu *cpu, uint64_t cycle_limit)
{
    struct cpu_cache *c = cpu->cache;
    const struct cpu_block *prev = NULL;
    cpu->attention = 1;
    for (;;) {
        if (c->dead) {
            cpu_cache_reap(c);
            prev = NULL;
        }
        uint64_t ev = armv7m_next_event(cpu);
        if (cpu->cycles >= ev) {
            armv7m_advance(cpu);
            cpu->attention = 1;
            continue;
        }
        if (cpu->attention) {
            int r = attend(cpu, cycle_limit);
            if (r != GO_ON)
                return (enum cpu_stop)r;
            if (cpu->attention)
                continue;
            prev = NULL;
        }
        if (cpu->cycles >= cycle_limit)
            return CPU_STOP_LIMIT;
        if (need_slow(cpu)) {
            int r = slow_insn(cpu);
            if (r != GO_ON)
                return (enum cpu_stop)r;
            prev = NULL;
            continue;
        }
        /* The deadline stays valid while blocks run: whatever could move
         * the next SysTick event (an MMIO store, an exception) sets
         * cpu->attention. */
        uint64_t deadline = ev < cycle_limit ? ev : cycle_limit;
        uint32_t pc = cpu->r[15];
        const struct cpu_block *b = next_block(cpu, prev, pc);
        if (!b) {
            struct cpu_insn at = { .pc = pc };
            cpu_raise(cpu, &at, CPU_FAULT_IBUSERR, pc);
            prev = NULL;
            continue;
        }
        if (cpu->cycles + b->max_cycles < deadline) {
            prev = run_chain(cpu, b, deadline);
        } else {
            run_block_checked(cpu, b, deadline);
            prev = b;
        }
    }
}

enum cpu_stop cpu_step(struct cpu *cpu)
{
    bool was_halted = cpu->halted;
    if (cpu->lockup)
        return CPU_STOP_LOCKUP;
    cpu->halted = false;
    cpu->halt_reason = CPU_HALT_NONE;
    cpu_cache_reap(cpu->cache);
    if (cpu->sleeping && armv7m_wake_pending(cpu))
        cpu->sleeping = false;
    if (armv7m_take_pending(cpu)) {
        cpu->excl_open = false;
    } else if (!cpu->sleeping) {
        if (!cpu->thumb) {
            struct cpu_insn at = { .pc = cpu->r[15], .it = (uint8_t)cpu->itstate };
            cpu_raise(cpu, &at, CPU_FAULT_INVSTATE, 0);
        } else {
            step_one(cpu);
        }
    }
    while (cpu->cycles >= armv7m_next_event(cpu))
        armv7m_advance(cpu);
    if (cpu->cache->watch_hit) {
        cpu->cache->watch_hit = false;
        armv7m_dwt_hit(cpu, cpu->cache->watch_addr, cpu->cache->watch_size,
                       cpu->cache->watch_write);
    }
    cpu->attention = 1;
    if (cpu->sys.exit_requested)
        return CPU_STOP_EXIT;
    if (cpu->lockup)
        return CPU_STOP_LOCKUP;
    if (cpu->sysreset_request)
        return CPU_STOP_SYSRESET;
    if (cpu->halted)
        return CPU_STOP_HALT;
    if (was_halted) {
        cpu->halted = true;
        cpu->halt_reason = CPU_HALT_STEP;
        return CPU_STOP_HALT;
    }
    if (cpu->sleeping)
        return CPU_STOP_SLEEP;
    return CPU_STOP_LIMIT;
}
