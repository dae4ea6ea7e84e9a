/* Private to src/core: predecoded basic blocks and the cache that holds
 * them, keyed by start address.  Blocks covering a 1 KiB bus page are
 * listed per page so that a write to a code page drops exactly those. */
#ifndef F3KIT_CORE_CPU_CACHE_H
#define F3KIT_CORE_CPU_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/insn.h"

#define CPU_BLOCK_MAX 64u          /* instructions per block (plus an IT tail) */
#define CPU_HASH_BITS 12u

struct cpu_block {
    uint32_t pc;                   /* start address (the cache key) */
    uint32_t end;                  /* address after the last instruction;
                                      unconditional B/BL are followed, so
                                      the instructions need not be contiguous */
    uint32_t n;                    /* instructions */
    uint32_t max_cycles;           /* bound on the cycles one pass can take */
    bool valid;
    uint32_t epoch;                /* cache epoch when `succ` was filled */
    struct cpu_block *succ[2];     /* blocks that followed this one (both
                                      ways of a conditional branch) */
    uint32_t succ_pc[2];           /* their addresses (1: none) */
    uint32_t it_after;             /* ITSTATE after falling off the end */
    uint64_t cycles;               /* base cycles of a pass to the end */
    uint32_t succ_next;            /* slot to replace next */
    struct cpu_block *hnext;       /* hash chain */
    struct cpu_block *dead_next;   /* graveyard list */
    struct cpu_insn insn[];
};

struct cpu_page_blocks {
    uint32_t page;                 /* address >> BUS_PAGE_SHIFT, +1 (0 = empty slot) */
    uint32_t n, cap;
    struct cpu_block **v;
};

struct cpu_cache {
    struct cpu_block *hash[1u << CPU_HASH_BITS];
    struct cpu_page_blocks *pages; /* open addressing */
    uint32_t npages_cap, npages_used;
    struct cpu_block *dead;        /* invalidated, freed at a safe point */
    uint32_t epoch;
    uint32_t nblocks;
    bool watch_hit;                /* DWT data match during this instruction */
    bool watch_write;
    uint32_t watch_addr, watch_size;
    bool prev_mem;                 /* last instruction was a single load/store */
    uint32_t sleep_skips;          /* SysTick wraps skipped in one sleep */
    void *cs;                      /* capstone handle (csh) for the trace */
    bool cs_open;
};

struct cpu_cache *cpu_cache_new(void);
void cpu_cache_delete(struct cpu_cache *c);
/* The block starting at pc, building it if needed; NULL if the first
 * instruction cannot be fetched. */
struct cpu_block *cpu_cache_get(struct cpu *cpu, uint32_t pc);
/* Drop every block (reset, flash erase). */
void cpu_cache_flush(struct cpu *cpu);
/* Free invalidated blocks; only where no block is executing. */
void cpu_cache_reap(struct cpu_cache *c);

/* Fetch the halfword at addr; false on a bus error. */
bool cpu_fetch16(struct cpu *cpu, uint32_t addr, uint32_t *hw);
/* Decode the instruction at pc with ITSTATE it; false if it cannot be
 * fetched (then *bad is the failing address). */
bool cpu_fetch_decode(struct cpu *cpu, uint32_t pc, uint32_t it, struct cpu_insn *out);
/* Load/store pipelining (TRM 3.3.1): a single load/store after another one
 * costs a cycle less. */
static inline uint8_t cpu_pipelined_cycles(const struct cpu_insn *prev, const struct cpu_insn *cur)
{
    if (prev && (prev->flags & CPU_INSN_MEM) && (cur->flags & CPU_INSN_MEM) && cur->cycles > 1)
        return (uint8_t)(cur->cycles - 1);
    return cur->cycles;
}

/* The trace line for one instruction (cpu_trace.c). */
void cpu_trace_insn(struct cpu *cpu, const struct cpu_insn *insn);
void cpu_trace_close(struct cpu_cache *c);

#endif
