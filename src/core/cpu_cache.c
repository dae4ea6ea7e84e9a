/* Predecoded basic blocks: built on first execution, found by start
 * address, dropped when the memory under them is written (the bus calls
 * back for pages marked as code) or on reset. */
#include "core/cpu_cache.h"

#include <stdlib.h>

#include "core/exec.h"

struct cpu_cache *cpu_cache_new(void)
{
    struct cpu_cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->npages_cap = 64;
    c->pages = calloc(c->npages_cap, sizeof *c->pages);
    if (!c->pages) {
        free(c);
        return NULL;
    }
    return c;
}

static void free_dead(struct cpu_cache *c)
{
    while (c->dead) {
        struct cpu_block *b = c->dead;
        c->dead = b->dead_next;
        free(b);
    }
}

void cpu_cache_delete(struct cpu_cache *c)
{
    if (!c)
        return;
    for (unsigned i = 0; i < (1u << CPU_HASH_BITS); i++) {
        while (c->hash[i]) {
            struct cpu_block *b = c->hash[i];
            c->hash[i] = b->hnext;
            free(b);
        }
    }
    free_dead(c);
    for (uint32_t i = 0; i < c->npages_cap; i++)
        free(c->pages[i].v);
    free(c->pages);
    cpu_trace_close(c);
    free(c);
}

void cpu_cache_reap(struct cpu_cache *c)
{
    if (c->dead) {
        free_dead(c);
        c->epoch++; /* successor links may point at freed blocks */
    }
}

static inline unsigned hash_of(uint32_t pc)
{
    return (pc >> 1) & ((1u << CPU_HASH_BITS) - 1);
}

/* ---- per-page block lists (open addressing on page number) ---- */

static struct cpu_page_blocks *page_find(struct cpu_cache *c, uint32_t page, bool create)
{
    uint32_t key = page + 1, mask = c->npages_cap - 1;
    for (uint32_t i = (page * 2654435761u) & mask;; i = (i + 1) & mask) {
        struct cpu_page_blocks *p = &c->pages[i];
        if (p->page == key)
            return p;
        if (p->page == 0) {
            if (!create)
                return NULL;
            p->page = key;
            c->npages_used++;
            return p;
        }
    }
}

static bool page_grow(struct cpu_cache *c)
{
    struct cpu_page_blocks *old = c->pages;
    uint32_t old_cap = c->npages_cap;
    struct cpu_page_blocks *nw = calloc(old_cap * 2, sizeof *nw);
    if (!nw)
        return false;
    c->pages = nw;
    c->npages_cap = old_cap * 2;
    c->npages_used = 0;
    for (uint32_t i = 0; i < old_cap; i++) {
        if (!old[i].page)
            continue;
        struct cpu_page_blocks *p = page_find(c, old[i].page - 1, true);
        p->n = old[i].n;
        p->cap = old[i].cap;
        p->v = old[i].v;
    }
    free(old);
    return true;
}

static bool page_add(struct cpu_cache *c, uint32_t page, struct cpu_block *b)
{
    if ((c->npages_used + 1) * 2 > c->npages_cap && !page_grow(c))
        return false;
    struct cpu_page_blocks *p = page_find(c, page, true);
    if (p->n == p->cap) {
        uint32_t cap = p->cap ? p->cap * 2 : 8;
        struct cpu_block **v = realloc(p->v, cap * sizeof *v);
        if (!v)
            return false;
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n++] = b;
    return true;
}

static void page_remove(struct cpu_cache *c, uint32_t page, struct cpu_block *b)
{
    struct cpu_page_blocks *p = page_find(c, page, false);
    if (!p)
        return;
    for (uint32_t i = 0; i < p->n; i++) {
        if (p->v[i] == b) {
            p->v[i] = p->v[--p->n];
            return;
        }
    }
}

/* The distinct bus pages a block's instructions occupy (a block may follow
 * unconditional branches, so they need not be contiguous). */
static uint32_t block_pages(const struct cpu_block *b, uint32_t *pages, uint32_t max)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < b->n; i++) {
        uint32_t lo = b->insn[i].pc >> BUS_PAGE_SHIFT;
        uint32_t hi = (b->insn[i].pc + b->insn[i].len - 1) >> BUS_PAGE_SHIFT;
        for (uint32_t pg = lo; pg <= hi; pg++) {
            uint32_t k = 0;
            while (k < n && pages[k] != pg)
                k++;
            if (k == n && n < max)
                pages[n++] = pg;
        }
    }
    return n;
}

#define CPU_BLOCK_PAGES (2 * (CPU_BLOCK_MAX + 8))

/* Does any instruction of b lie in [addr, end)? */
static bool block_overlaps(const struct cpu_block *b, uint32_t addr, uint64_t end)
{
    for (uint32_t i = 0; i < b->n; i++)
        if (b->insn[i].pc < end && (uint64_t)b->insn[i].pc + b->insn[i].len > addr)
            return true;
    return false;
}

/* Unlink a block from every index and queue it for freeing. */
static void kill(struct cpu *cpu, struct cpu_block *b)
{
    struct cpu_cache *c = cpu->cache;
    struct cpu_block **pp = &c->hash[hash_of(b->pc)];
    while (*pp && *pp != b)
        pp = &(*pp)->hnext;
    if (*pp)
        *pp = b->hnext;
    uint32_t pages[CPU_BLOCK_PAGES];
    uint32_t np = block_pages(b, pages, CPU_BLOCK_PAGES);
    for (uint32_t k = 0; k < np; k++) {
        page_remove(c, pages[k], b);
        struct cpu_page_blocks *p = page_find(c, pages[k], false);
        if (p && p->n == 0)
            bus_set_code_page(cpu->bus, pages[k] << BUS_PAGE_SHIFT, false);
    }
    b->valid = false;
    c->epoch++; /* links to it are stale */
    b->dead_next = c->dead;
    c->dead = b;
    c->nblocks--;
    /* The running block may be this one: make the run loop leave it. */
    cpu->attention = 1;
}

void cpu_invalidate(struct cpu *cpu, uint32_t addr, uint32_t len)
{
    struct cpu_cache *c = cpu->cache;
    if (!c || !len)
        return;
    uint64_t end = (uint64_t)addr + len;
    for (uint64_t pg = addr >> BUS_PAGE_SHIFT; pg <= (end - 1) >> BUS_PAGE_SHIFT; pg++) {
        struct cpu_page_blocks *p = page_find(c, (uint32_t)pg, false);
        if (!p)
            continue;
        for (uint32_t i = p->n; i-- > 0;) {
            if (i >= p->n)
                continue;
            struct cpu_block *b = p->v[i];
            if (block_overlaps(b, addr, end))
                kill(cpu, b);
        }
    }
}

void cpu_cache_flush(struct cpu *cpu)
{
    struct cpu_cache *c = cpu->cache;
    for (unsigned i = 0; i < (1u << CPU_HASH_BITS); i++)
        while (c->hash[i])
            kill(cpu, c->hash[i]);
}

bool cpu_fetch16(struct cpu *cpu, uint32_t addr, uint32_t *hw)
{
    const uint8_t *p = bus_read_ptr(cpu->bus, addr, 2);
    if (p) {
        *hw = (uint32_t)p[0] | (uint32_t)p[1] << 8;
        return true;
    }
    return bus_read(cpu->bus, addr, 2, hw);
}

bool cpu_fetch_decode(struct cpu *cpu, uint32_t pc, uint32_t it, struct cpu_insn *out)
{
    uint32_t hw1, hw2 = 0;
    if (!cpu_fetch16(cpu, pc, &hw1))
        return false;
    if (cpu_is_32bit(hw1) && !cpu_fetch16(cpu, pc + 2, &hw2))
        return false;
    cpu_decode(pc, hw1, hw2, it, out);
    return true;
}

static struct cpu_block *build(struct cpu *cpu, uint32_t pc)
{
    struct cpu_cache *c = cpu->cache;
    struct cpu_insn tmp[CPU_BLOCK_MAX + 8];
    uint32_t n = 0, it = 0, a = pc, follows = 0;
    for (;;) {
        struct cpu_insn *in = &tmp[n];
        if (!cpu_fetch_decode(cpu, a, it, in))
            break;
        in->cycles = cpu_pipelined_cycles(n ? &tmp[n - 1] : NULL, in);
        uint32_t it_next = in->fn == cpu_x_it ? in->imm : cpu_it_advance(it);
        n++;
        a += in->len;
        if (in->flags & CPU_INSN_END) {
            /* Carry on at the target of an unconditional B/BL: one block
             * transition less (the branch then only sets LR). */
            if ((in->fn == cpu_x_b || in->fn == cpu_x_bl) && in->cond == CPU_COND_AL &&
                in->it == 0 && follows < 4 && n < CPU_BLOCK_MAX) {
                in->fn = in->fn == cpu_x_b ? cpu_x_b_inline : cpu_x_bl_inline;
                in->flags &= (uint8_t)~CPU_INSN_END;
                a = in->imm;
                it = 0;
                follows++;
                continue;
            }
            break;
        }
        if (n >= CPU_BLOCK_MAX && (it_next == 0 || n >= CPU_BLOCK_MAX + 6))
            break;
        it = it_next;
    }
    if (n == 0)
        return NULL;
    /* Base cycles before each instruction: the run loop charges them when
     * it leaves the block (insn.h). */
    uint32_t pre = 0;
    for (uint32_t i = 0; i < n; i++) {
        tmp[i].pre = (uint16_t)pre;
        pre += tmp[i].cycles;
    }
    /* A followed branch must not be last: its target was not decoded. */
    struct cpu_insn *last = &tmp[n - 1];
    if (last->fn == cpu_x_b_inline || last->fn == cpu_x_bl_inline) {
        last->fn = last->fn == cpu_x_b_inline ? cpu_x_b : cpu_x_bl;
        last->flags |= CPU_INSN_END;
    }
    /* The run loop's end-of-block test (cpu_run.c run_chain). */
    last->flags |= CPU_INSN_LAST;
    if (c->nblocks > 65536) {
        cpu_cache_flush(cpu);
    }
    struct cpu_block *b = malloc(sizeof *b + n * sizeof b->insn[0]);
    if (!b)
        return NULL;
    b->pc = pc;
    b->end = last->pc + last->len;
    b->n = n;
    /* Data-dependent extras (division, branch refill) are at most 12. */
    b->max_cycles = 0;
    for (uint32_t i = 0; i < n; i++)
        b->max_cycles += tmp[i].cycles + 12u;
    b->valid = true;
    b->epoch = 0;
    b->succ[0] = b->succ[1] = NULL;
    b->succ_pc[0] = b->succ_pc[1] = 1;
    b->succ_next = 0;
    b->it_after = cpu_it_advance(last->it);
    b->cycles = (uint64_t)last->pre + last->cycles;
    b->dead_next = NULL;
    memcpy(b->insn, tmp, n * sizeof tmp[0]);
    unsigned h = hash_of(pc);
    b->hnext = c->hash[h];
    c->hash[h] = b;
    c->nblocks++;
    uint32_t pages[CPU_BLOCK_PAGES];
    uint32_t np = block_pages(b, pages, CPU_BLOCK_PAGES);
    for (uint32_t k = 0; k < np; k++) {
        if (!page_add(c, pages[k], b)) {
            kill(cpu, b);
            return NULL;
        }
        bus_set_code_page(cpu->bus, pages[k] << BUS_PAGE_SHIFT, true);
    }
    return b;
}

struct cpu_block *cpu_cache_get(struct cpu *cpu, uint32_t pc)
{
    for (struct cpu_block *b = cpu->cache->hash[hash_of(pc)]; b; b = b->hnext)
        if (b->pc == pc)
            return b;
    return build(cpu, pc);
}
