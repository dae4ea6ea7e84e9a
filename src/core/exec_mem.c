/* Loads and stores: single (all addressing modes), dual, multiple,
 * exclusive, and the table branches (ARMv7-M ARM A7.7). */
#include "core/exec.h"

static inline uint32_t ext(enum cpu_ls_kind k, uint32_t v)
{
    switch (k) {
    case CPU_LS_SH: return (uint32_t)(int32_t)(int16_t)v;
    case CPU_LS_SB: return (uint32_t)(int32_t)(int8_t)v;
    default: return v;
    }
}

static inline unsigned ksize(enum cpu_ls_kind k)
{
    return k == CPU_LS_W ? 4 : (k == CPU_LS_H || k == CPU_LS_SH) ? 2 : 1;
}

/* Address computation for a mode (IDX: `off` is the writeback value). */
#define ADDR_IMM uint32_t addr = cpu->r[i->rn] + i->imm;
#define ADDR_REG uint32_t addr = cpu->r[i->rn] + (cpu->r[i->rm] << i->shift_n);
#define ADDR_LIT uint32_t addr = i->imm;
#define ADDR_IDX                                                               \
    uint32_t base = cpu->r[i->rn], off = base + i->imm;                        \
    uint32_t addr = (i->flags & CPU_INSN_INDEX) ? off : base;                  \
    (void)off;
#define WB_IMM
#define WB_REG
#define WB_LIT
#define WB_IDX                                                                 \
    if (i->flags & CPU_INSN_WBACK)                                             \
        cpu->r[i->rn] = off;

/* A slow-path access may have asked for attention (an MMIO write, a write
 * to predecoded code, a watchpoint): then end the block here, so that the
 * run loop need not test cpu->attention after every instruction. */
static inline int after_slow(struct cpu *cpu, const struct cpu_insn *i)
{
    if (cpu->attention) {
        cpu->r[15] = i->pc + i->len;
        return CPU_EXEC_BRANCH;
    }
    return CPU_EXEC_NEXT;
}

/* Everything but an aligned access to plain memory: alignment rules, MMIO,
 * page crossing, watchpoints, faults.  Kept out of line so that the fast
 * paths below stay leaf functions. */
static __attribute__((noinline)) int load_slow(struct cpu *cpu, const struct cpu_insn *i,
                                               uint32_t addr, enum cpu_ls_kind k)
{
    const unsigned size = ksize(k);
    uint32_t v;
    if (size > 1 && !cpu_check_align(cpu, i, addr, size, false))
        return CPU_EXEC_EXC;
    if (!cpu_load(cpu, i, addr, size, &v))
        return CPU_EXEC_EXC;
    if ((i->flags & CPU_INSN_WBACK) && i->rn != 15)
        cpu->r[i->rn] += i->imm;
    cpu->r[i->rd] = ext(k, v);
    return after_slow(cpu, i);
}

static __attribute__((noinline)) int store_slow(struct cpu *cpu, const struct cpu_insn *i,
                                                uint32_t addr, enum cpu_ls_kind k)
{
    const unsigned size = ksize(k);
    if (size > 1 && !cpu_check_align(cpu, i, addr, size, false))
        return CPU_EXEC_EXC;
    if (!cpu_store(cpu, i, addr, size, cpu->r[i->rd]))
        return CPU_EXEC_EXC;
    if (i->flags & CPU_INSN_WBACK)
        cpu->r[i->rn] += i->imm;
    return after_slow(cpu, i);
}

static inline uint32_t host_load(const uint8_t *p, unsigned size)
{
    if (size == 4) {
        uint32_t x;
        memcpy(&x, p, 4);
        return x;
    }
    if (size == 2) {
        uint16_t x;
        memcpy(&x, p, 2);
        return x;
    }
    return *p;
}

static inline void host_store(uint8_t *p, unsigned size, uint32_t v)
{
    if (size == 4) {
        memcpy(p, &v, 4);
    } else if (size == 2) {
        uint16_t x = (uint16_t)v;
        memcpy(p, &x, 2);
    } else {
        *p = (uint8_t)v;
    }
}

#define LOAD(KIND, MODE)                                                       \
    static int ld_##KIND##_##MODE(struct cpu *cpu, const struct cpu_insn *i)   \
    {                                                                          \
        ADDR_##MODE                                                            \
        const unsigned size = ksize(CPU_LS_##KIND);                            \
        const uint8_t *p;                                                      \
        if (__builtin_expect((addr & (size - 1)) == 0 && !cpu->sys.watch_active && \
                             (p = bus_read_ptr(cpu->bus, addr, size)) != NULL, 1)) { \
            WB_##MODE                                                          \
            cpu->r[i->rd] = ext(CPU_LS_##KIND, host_load(p, size));            \
            return CPU_EXEC_NEXT;                                              \
        }                                                                      \
        return load_slow(cpu, i, addr, CPU_LS_##KIND);                         \
    }

#define STORE(KIND, MODE)                                                      \
    static int st_##KIND##_##MODE(struct cpu *cpu, const struct cpu_insn *i)   \
    {                                                                          \
        ADDR_##MODE                                                            \
        const unsigned size = ksize(CPU_LS_##KIND);                            \
        uint8_t *p;                                                            \
        if (__builtin_expect((addr & (size - 1)) == 0 && !cpu->sys.watch_active && \
                             (p = bus_write_ptr(cpu->bus, addr, size)) != NULL, 1)) { \
            host_store(p, size, cpu->r[i->rd]);                                \
            WB_##MODE                                                          \
            return CPU_EXEC_NEXT;                                              \
        }                                                                      \
        return store_slow(cpu, i, addr, CPU_LS_##KIND);                        \
    }

#define LOAD_ALL(K) LOAD(K, IMM) LOAD(K, REG) LOAD(K, LIT) LOAD(K, IDX)
#define STORE_ALL(K) STORE(K, IMM) STORE(K, REG) STORE(K, LIT) STORE(K, IDX)
LOAD_ALL(W) LOAD_ALL(H) LOAD_ALL(SH) LOAD_ALL(B) LOAD_ALL(SB)
STORE_ALL(W) STORE_ALL(H) STORE_ALL(B)

#define LROW(K) { ld_##K##_IMM, ld_##K##_REG, ld_##K##_LIT, ld_##K##_IDX }
#define SROW(K) { st_##K##_IMM, st_##K##_REG, st_##K##_LIT, st_##K##_IDX }
static const cpu_exec_fn load_table[CPU_LS_NKINDS][CPU_AM_NMODES] = {
    LROW(W), LROW(H), LROW(SH), LROW(B), LROW(SB),
};
static const cpu_exec_fn store_table[CPU_LS_NKINDS][CPU_AM_NMODES] = {
    [CPU_LS_W] = SROW(W), [CPU_LS_H] = SROW(H), [CPU_LS_B] = SROW(B),
};

cpu_exec_fn cpu_load_fn(enum cpu_ls_kind kind, enum cpu_ls_mode mode)
{
    return load_table[kind][mode];
}

cpu_exec_fn cpu_store_fn(enum cpu_ls_kind kind, enum cpu_ls_mode mode)
{
    return store_table[kind][mode];
}

/* LDR PC: LoadWritePC = BXWritePC (A2.3.1). */
int cpu_x_ldr_pc(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t base = cpu->r[i->rn], off = base, addr;
    switch (i->op) {
    case CPU_AM_IMM: addr = base + i->imm; break;
    case CPU_AM_REG: addr = base + (cpu->r[i->rm] << i->shift_n); break;
    case CPU_AM_LIT: addr = i->imm; break;
    default:
        off = base + i->imm;
        addr = (i->flags & CPU_INSN_INDEX) ? off : base;
        break;
    }
    uint32_t v;
    if (!cpu_check_align(cpu, i, addr, 4, false) || !cpu_load(cpu, i, addr, 4, &v))
        return CPU_EXEC_EXC;
    if (i->op == CPU_AM_IDX && (i->flags & CPU_INSN_WBACK))
        cpu->r[i->rn] = off;
    return cpu_bx_write(cpu, i, v);
}

/* LDRD/STRD: word aligned or UNALIGNED UsageFault (A3.2.1). */
static bool dual_addr(struct cpu *cpu, const struct cpu_insn *i, uint32_t *addr, uint32_t *off)
{
    if (i->rn == 15) {
        *addr = *off = i->imm;
    } else {
        uint32_t base = cpu->r[i->rn];
        *off = base + i->imm;
        *addr = (i->flags & CPU_INSN_INDEX) ? *off : base;
    }
    return cpu_check_align(cpu, i, *addr, 4, true);
}

static __attribute__((noinline)) int ldrd_slow(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t addr, off, a, b;
    if (!dual_addr(cpu, i, &addr, &off) || !cpu_load(cpu, i, addr, 4, &a) ||
        !cpu_load(cpu, i, addr + 4, 4, &b))
        return CPU_EXEC_EXC;
    if (i->flags & CPU_INSN_WBACK)
        cpu->r[i->rn] = off;
    cpu->r[i->rd] = a;
    cpu->r[i->ra] = b;
    return after_slow(cpu, i);
}

static __attribute__((noinline)) int strd_slow(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t addr, off;
    if (!dual_addr(cpu, i, &addr, &off) || !cpu_store(cpu, i, addr, 4, cpu->r[i->rd]) ||
        !cpu_store(cpu, i, addr + 4, 4, cpu->r[i->ra]))
        return CPU_EXEC_EXC;
    if (i->flags & CPU_INSN_WBACK)
        cpu->r[i->rn] = off;
    return after_slow(cpu, i);
}

int cpu_x_ldrd(struct cpu *cpu, const struct cpu_insn *i)
{
    if (i->rn != 15 && !cpu->sys.watch_active) {
        uint32_t base = cpu->r[i->rn], off = base + i->imm;
        uint32_t addr = (i->flags & CPU_INSN_INDEX) ? off : base;
        const uint8_t *p;
        if (!(addr & 3) && (p = bus_read_ptr(cpu->bus, addr, 8)) != NULL) {
            uint32_t a = host_load(p, 4), b = host_load(p + 4, 4);
            if (i->flags & CPU_INSN_WBACK)
                cpu->r[i->rn] = off;
            cpu->r[i->rd] = a;
            cpu->r[i->ra] = b;
            return CPU_EXEC_NEXT;
        }
    }
    return ldrd_slow(cpu, i);
}

int cpu_x_strd(struct cpu *cpu, const struct cpu_insn *i)
{
    if (i->rn != 15 && !cpu->sys.watch_active) {
        uint32_t base = cpu->r[i->rn], off = base + i->imm;
        uint32_t addr = (i->flags & CPU_INSN_INDEX) ? off : base;
        uint8_t *p;
        if (!(addr & 3) && (p = bus_write_ptr(cpu->bus, addr, 8)) != NULL) {
            host_store(p, 4, cpu->r[i->rd]);
            host_store(p + 4, 4, cpu->r[i->ra]);
            if (i->flags & CPU_INSN_WBACK)
                cpu->r[i->rn] = off;
            return CPU_EXEC_NEXT;
        }
    }
    return strd_slow(cpu, i);
}

/* LDM/STM/PUSH/POP: op 0 = increment after, 1 = decrement before;
 * shift_n = number of registers. */
static __attribute__((noinline)) int ldm_slow(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t list = i->imm, n = i->shift_n;
    uint32_t base = cpu->r[i->rn];
    uint32_t addr = i->op ? base - 4 * n : base;
    uint32_t val[16];
    if (!cpu_check_align(cpu, i, addr, 4, true))
        return CPU_EXEC_EXC;
    for (uint32_t l = list, a = addr; l; l &= l - 1, a += 4) {
        unsigned r = (unsigned)__builtin_ctz(l);
        if (!cpu_load(cpu, i, a, 4, &val[r]))
            return CPU_EXEC_EXC;
    }
    if (i->flags & CPU_INSN_WBACK)
        cpu->r[i->rn] = i->op ? base - 4 * n : base + 4 * n;
    for (uint32_t l = list & 0x7fff; l; l &= l - 1) {
        unsigned r = (unsigned)__builtin_ctz(l);
        cpu->r[r] = val[r];
    }
    if (list & 0x8000)
        return cpu_bx_write(cpu, i, val[15]);
    return after_slow(cpu, i);
}

int cpu_x_ldm(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t list = i->imm, n = i->shift_n;
    uint32_t base = cpu->r[i->rn];
    uint32_t addr = i->op ? base - 4 * n : base;
    const uint8_t *p;
    if ((addr & 3) || cpu->sys.watch_active || !(p = bus_read_ptr(cpu->bus, addr, 4 * n)))
        return ldm_slow(cpu, i);
    /* All in one page of plain memory: nothing can fail. */
    if (i->flags & CPU_INSN_WBACK)
        cpu->r[i->rn] = i->op ? base - 4 * n : base + 4 * n;
    for (uint32_t l = list & 0x7fff; l; l &= l - 1, p += 4)
        cpu->r[__builtin_ctz(l)] = host_load(p, 4);
    if (list & 0x8000)
        return cpu_bx_write(cpu, i, host_load(p, 4));
    return CPU_EXEC_NEXT;
}

static __attribute__((noinline)) int stm_slow(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t list = i->imm, n = i->shift_n;
    uint32_t base = cpu->r[i->rn];
    uint32_t addr = i->op ? base - 4 * n : base;
    if (!cpu_check_align(cpu, i, addr, 4, true))
        return CPU_EXEC_EXC;
    for (uint32_t l = list, a = addr; l; l &= l - 1, a += 4)
        if (!cpu_store(cpu, i, a, 4, cpu->r[__builtin_ctz(l)]))
            return CPU_EXEC_EXC;
    if (i->flags & CPU_INSN_WBACK)
        cpu->r[i->rn] = i->op ? base - 4 * n : base + 4 * n;
    return after_slow(cpu, i);
}

int cpu_x_stm(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t list = i->imm, n = i->shift_n;
    uint32_t base = cpu->r[i->rn];
    uint32_t addr = i->op ? base - 4 * n : base;
    uint8_t *p;
    if ((addr & 3) || cpu->sys.watch_active || !(p = bus_write_ptr(cpu->bus, addr, 4 * n)))
        return stm_slow(cpu, i);
    for (uint32_t l = list; l; l &= l - 1, p += 4)
        host_store(p, 4, cpu->r[__builtin_ctz(l)]);
    if (i->flags & CPU_INSN_WBACK)
        cpu->r[i->rn] = i->op ? base - 4 * n : base + 4 * n;
    return CPU_EXEC_NEXT;
}

/* Exclusives with the local monitor (A3.4): LDREX opens it on the address,
 * STREX succeeds only while it is open on the same address, then closes it.
 * Unaligned exclusives always fault. */
int cpu_x_ldrex(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t addr = cpu->r[i->rn] + i->imm, v;
    if (!cpu_check_align(cpu, i, addr, i->op, true) || !cpu_load(cpu, i, addr, i->op, &v))
        return CPU_EXEC_EXC;
    cpu->excl_open = true;
    cpu->excl_addr = addr;
    cpu->r[i->rd] = v;
    return after_slow(cpu, i);
}

int cpu_x_strex(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t addr = cpu->r[i->rn] + i->imm;
    if (!cpu_check_align(cpu, i, addr, i->op, true))
        return CPU_EXEC_EXC;
    if (cpu->excl_open && cpu->excl_addr == addr) {
        if (!cpu_store(cpu, i, addr, i->op, cpu->r[i->ra]))
            return CPU_EXEC_EXC;
        cpu->r[i->rd] = 0;
    } else {
        cpu->r[i->rd] = 1;
    }
    cpu->excl_open = false;
    return after_slow(cpu, i);
}

int cpu_x_clrex(struct cpu *cpu, const struct cpu_insn *i)
{
    (void)i;
    cpu->excl_open = false;
    return CPU_EXEC_NEXT;
}

/* TBB/TBH: branch forward by twice the table entry (A7.7.182). */
int cpu_x_tbb(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t v;
    uint32_t addr = cpu->r[i->rn] + (i->op ? cpu->r[i->rm] << 1 : cpu->r[i->rm]);
    if (i->op && !cpu_check_align(cpu, i, addr, 2, false))
        return CPU_EXEC_EXC;
    if (!cpu_load(cpu, i, addr, i->op ? 2 : 1, &v))
        return CPU_EXEC_EXC;
    cpu->r[15] = i->pc + 4 + 2 * v;
    return CPU_EXEC_BRANCH;
}
