/* Integer data processing: the ALU operations with their operand-2 forms,
 * shifts, multiplies, divides, bit-field and byte-reversal instructions
 * (ARMv7-M ARM A7.7). */
#include "core/exec.h"

/* Four scalar flag stores beat the vector shuffles GCC's SLP vectoriser
 * makes of them (about a quarter fewer host instructions per ALU op). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-tree-slp-vectorize")
#endif

static inline void set_nz(struct cpu *cpu, uint32_t r)
{
    cpu->apsr_n = r >> 31;
    cpu->apsr_z = r == 0;
}

/* AddWithCarry (A2.2.1).  With a constant carry-in the carry out is a
 * compare (r < x without carry-in, r <= x with it), which compiles to
 * less than the 64-bit sum. */
static inline uint32_t add_c(uint32_t x, uint32_t y, uint32_t cin, uint32_t *c, uint32_t *v)
{
    uint32_t r;
    if (__builtin_constant_p(cin)) {
        r = x + y + cin;
        *c = cin ? r <= x : r < x;
    } else {
        uint64_t u = (uint64_t)x + y + cin;
        r = (uint32_t)u;
        *c = (uint32_t)(u >> 32);
    }
    *v = ((~(x ^ y)) & (x ^ r)) >> 31;
    return r;
}

static inline uint32_t ror32(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? (v >> n) | (v << (32 - n)) : v;
}

/* Shift_C (A7.4.2) with n already decoded (0..255 for register shifts). */
static inline uint32_t shift_c(uint32_t v, unsigned type, unsigned n, uint32_t cin, uint32_t *cout)
{
    if (type == CPU_SHIFT_RRX) {
        *cout = v & 1;
        return (cin << 31) | (v >> 1);
    }
    if (n == 0) {
        *cout = cin;
        return v;
    }
    switch (type) {
    case CPU_SHIFT_LSL:
        if (n < 32) {
            *cout = (v >> (32 - n)) & 1;
            return v << n;
        }
        *cout = n == 32 ? (v & 1) : 0;
        return 0;
    case CPU_SHIFT_LSR:
        if (n < 32) {
            *cout = (v >> (n - 1)) & 1;
            return v >> n;
        }
        *cout = n == 32 ? (v >> 31) : 0;
        return 0;
    case CPU_SHIFT_ASR:
        if (n < 32) {
            *cout = (v >> (n - 1)) & 1;
            return (uint32_t)((int32_t)v >> n);
        }
        *cout = v >> 31;
        return (uint32_t)((int32_t)v >> 31);
    default: { /* ROR */
        uint32_t r = ror32(v, n);
        *cout = r >> 31;
        return r;
    }
    }
}

/* Operand 2 and the shifter carry for each mode. */
#define OPND_IMM                                                               \
    uint32_t b = i->imm;                                                       \
    uint32_t sc = i->shift_t ? i->shift_n : cpu->apsr_c;
#define OPND_REG                                                               \
    uint32_t b = cpu->r[i->rm];                                                \
    uint32_t sc = cpu->apsr_c;
#define OPND_RSH                                                               \
    uint32_t sc;                                                               \
    uint32_t b = shift_c(cpu->r[i->rm], i->shift_t, i->shift_n, cpu->apsr_c, &sc);

/* Logical operations: result, write Rd?, N Z from result, C from shifter. */
#define LOGIC(NAME, EXPR, WRITE, MODE, S)                                      \
    static int alu_##NAME##_##MODE##_##S(struct cpu *cpu, const struct cpu_insn *i) \
    {                                                                          \
        uint32_t a = cpu->r[i->rn];                                            \
        OPND_##MODE                                                            \
        uint32_t r = (EXPR);                                                   \
        (void)a;                                                               \
        (void)sc;                                                              \
        if (WRITE)                                                             \
            cpu->r[i->rd] = r;                                                 \
        if (S) {                                                               \
            set_nz(cpu, r);                                                    \
            cpu->apsr_c = sc;                                                  \
        }                                                                      \
        return CPU_EXEC_NEXT;                                                  \
    }

/* Arithmetic: AddWithCarry(X, Y, C) and all four flags. */
#define ARITH(NAME, X, Y, CIN, WRITE, MODE, S)                                 \
    static int alu_##NAME##_##MODE##_##S(struct cpu *cpu, const struct cpu_insn *i) \
    {                                                                          \
        uint32_t a = cpu->r[i->rn];                                            \
        OPND_##MODE                                                            \
        (void)sc;                                                              \
        uint32_t c, v;                                                         \
        uint32_t r = add_c((X), (Y), (CIN), &c, &v);                           \
        if (WRITE)                                                             \
            cpu->r[i->rd] = r;                                                 \
        if (S) {                                                               \
            set_nz(cpu, r);                                                    \
            cpu->apsr_c = c;                                                   \
            cpu->apsr_v = v;                                                   \
        }                                                                      \
        return CPU_EXEC_NEXT;                                                  \
    }

#define LOGIC_ALL(NAME, EXPR, WRITE)                                           \
    LOGIC(NAME, EXPR, WRITE, IMM, 0) LOGIC(NAME, EXPR, WRITE, IMM, 1)          \
    LOGIC(NAME, EXPR, WRITE, REG, 0) LOGIC(NAME, EXPR, WRITE, REG, 1)          \
    LOGIC(NAME, EXPR, WRITE, RSH, 0) LOGIC(NAME, EXPR, WRITE, RSH, 1)
#define ARITH_ALL(NAME, X, Y, CIN, WRITE)                                      \
    ARITH(NAME, X, Y, CIN, WRITE, IMM, 0) ARITH(NAME, X, Y, CIN, WRITE, IMM, 1) \
    ARITH(NAME, X, Y, CIN, WRITE, REG, 0) ARITH(NAME, X, Y, CIN, WRITE, REG, 1) \
    ARITH(NAME, X, Y, CIN, WRITE, RSH, 0) ARITH(NAME, X, Y, CIN, WRITE, RSH, 1)

LOGIC_ALL(and, a & b, 1)
LOGIC_ALL(bic, a & ~b, 1)
LOGIC_ALL(orr, a | b, 1)
LOGIC_ALL(orn, a | ~b, 1)
LOGIC_ALL(eor, a ^ b, 1)
LOGIC_ALL(mov, b, 1)
LOGIC_ALL(mvn, ~b, 1)
LOGIC_ALL(tst, a & b, 0)
LOGIC_ALL(teq, a ^ b, 0)
ARITH_ALL(add, a, b, 0, 1)
ARITH_ALL(adc, a, b, cpu->apsr_c, 1)
ARITH_ALL(sub, a, ~b, 1, 1)
ARITH_ALL(sbc, a, ~b, cpu->apsr_c, 1)
ARITH_ALL(rsb, ~a, b, 1, 1)
ARITH_ALL(cmp, a, ~b, 1, 0)
ARITH_ALL(cmn, a, b, 0, 0)

#define ROW(NAME)                                                              \
    { { alu_##NAME##_IMM_0, alu_##NAME##_IMM_1 },                              \
      { alu_##NAME##_REG_0, alu_##NAME##_REG_1 },                              \
      { alu_##NAME##_RSH_0, alu_##NAME##_RSH_1 } }

static const cpu_exec_fn alu_table[CPU_ALU_NOPS][CPU_OPND_NMODES][2] = {
    [CPU_ALU_AND] = ROW(and), [CPU_ALU_BIC] = ROW(bic), [CPU_ALU_ORR] = ROW(orr),
    [CPU_ALU_ORN] = ROW(orn), [CPU_ALU_EOR] = ROW(eor), [CPU_ALU_MOV] = ROW(mov),
    [CPU_ALU_MVN] = ROW(mvn), [CPU_ALU_TST] = ROW(tst), [CPU_ALU_TEQ] = ROW(teq),
    [CPU_ALU_ADD] = ROW(add), [CPU_ALU_ADC] = ROW(adc), [CPU_ALU_SUB] = ROW(sub),
    [CPU_ALU_SBC] = ROW(sbc), [CPU_ALU_RSB] = ROW(rsb), [CPU_ALU_CMP] = ROW(cmp),
    [CPU_ALU_CMN] = ROW(cmn),
};

/* The common shifts by a constant 1..31 (LSL/LSR/ASR #n, MOV forms), without
 * the generic shifter's dispatch. */
static int mov_lsl(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[i->rd] = cpu->r[i->rm] << i->shift_n;
    return CPU_EXEC_NEXT;
}

static int mov_lsl_s(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t v = cpu->r[i->rm], r = v << i->shift_n;
    cpu->r[i->rd] = r;
    set_nz(cpu, r);
    cpu->apsr_c = (v >> (32 - i->shift_n)) & 1;
    return CPU_EXEC_NEXT;
}

static int mov_lsr(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[i->rd] = cpu->r[i->rm] >> i->shift_n;
    return CPU_EXEC_NEXT;
}

static int mov_lsr_s(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t v = cpu->r[i->rm], r = v >> i->shift_n;
    cpu->r[i->rd] = r;
    set_nz(cpu, r);
    cpu->apsr_c = (v >> (i->shift_n - 1)) & 1;
    return CPU_EXEC_NEXT;
}

static int mov_asr(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[i->rd] = (uint32_t)((int32_t)cpu->r[i->rm] >> i->shift_n);
    return CPU_EXEC_NEXT;
}

static int mov_asr_s(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t v = cpu->r[i->rm], r = (uint32_t)((int32_t)v >> i->shift_n);
    cpu->r[i->rd] = r;
    set_nz(cpu, r);
    cpu->apsr_c = (v >> (i->shift_n - 1)) & 1;
    return CPU_EXEC_NEXT;
}

cpu_exec_fn cpu_alu_fn(enum cpu_alu_op op, enum cpu_alu_mode mode, bool setflags)
{
    return alu_table[op][mode][setflags ? 1 : 0];
}

cpu_exec_fn cpu_alu_shift_fn(enum cpu_alu_op op, unsigned type, unsigned n, bool setflags)
{
    if (op == CPU_ALU_MOV && n >= 1 && n <= 31) {
        switch (type) {
        case CPU_SHIFT_LSL: return setflags ? mov_lsl_s : mov_lsl;
        case CPU_SHIFT_LSR: return setflags ? mov_lsr_s : mov_lsr;
        case CPU_SHIFT_ASR: return setflags ? mov_asr_s : mov_asr;
        default: break;
        }
    }
    return alu_table[op][CPU_OPND_RSH][setflags ? 1 : 0];
}

/* LSL/LSR/ASR/ROR (register): the amount is Rm[7:0] (A7.7.68). */
int cpu_x_shift_reg(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t c;
    cpu->r[i->rd] = shift_c(cpu->r[i->rn], i->shift_t, cpu->r[i->rm] & 0xff, cpu->apsr_c, &c);
    return CPU_EXEC_NEXT;
}

int cpu_x_shift_reg_s(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t c;
    uint32_t r = shift_c(cpu->r[i->rn], i->shift_t, cpu->r[i->rm] & 0xff, cpu->apsr_c, &c);
    cpu->r[i->rd] = r;
    set_nz(cpu, r);
    cpu->apsr_c = c;
    return CPU_EXEC_NEXT;
}

int cpu_x_mul(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[i->rd] = cpu->r[i->rn] * cpu->r[i->rm];
    return CPU_EXEC_NEXT;
}

int cpu_x_mul_s(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t r = cpu->r[i->rn] * cpu->r[i->rm];
    cpu->r[i->rd] = r;
    set_nz(cpu, r);
    return CPU_EXEC_NEXT;
}

int cpu_x_mla(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[i->rd] = cpu->r[i->ra] + cpu->r[i->rn] * cpu->r[i->rm];
    return CPU_EXEC_NEXT;
}

int cpu_x_mls(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[i->rd] = cpu->r[i->ra] - cpu->r[i->rn] * cpu->r[i->rm];
    return CPU_EXEC_NEXT;
}

/* Long multiplies: rd = RdLo, ra = RdHi. */
static inline void put64(struct cpu *cpu, const struct cpu_insn *i, uint64_t v)
{
    cpu->r[i->rd] = (uint32_t)v;
    cpu->r[i->ra] = (uint32_t)(v >> 32);
}

int cpu_x_smull(struct cpu *cpu, const struct cpu_insn *i)
{
    put64(cpu, i, (uint64_t)((int64_t)(int32_t)cpu->r[i->rn] * (int32_t)cpu->r[i->rm]));
    return CPU_EXEC_NEXT;
}

int cpu_x_umull(struct cpu *cpu, const struct cpu_insn *i)
{
    put64(cpu, i, (uint64_t)cpu->r[i->rn] * cpu->r[i->rm]);
    return CPU_EXEC_NEXT;
}

int cpu_x_smlal(struct cpu *cpu, const struct cpu_insn *i)
{
    uint64_t acc = (uint64_t)cpu->r[i->ra] << 32 | cpu->r[i->rd];
    uint64_t p = (uint64_t)((int64_t)(int32_t)cpu->r[i->rn] * (int32_t)cpu->r[i->rm]);
    put64(cpu, i, acc + p);
    return CPU_EXEC_NEXT;
}

int cpu_x_umlal(struct cpu *cpu, const struct cpu_insn *i)
{
    uint64_t acc = (uint64_t)cpu->r[i->ra] << 32 | cpu->r[i->rd];
    put64(cpu, i, acc + (uint64_t)cpu->r[i->rn] * cpu->r[i->rm]);
    return CPU_EXEC_NEXT;
}

int cpu_x_umaal(struct cpu *cpu, const struct cpu_insn *i)
{
    uint64_t r = (uint64_t)cpu->r[i->rn] * cpu->r[i->rm] + cpu->r[i->rd] + cpu->r[i->ra];
    put64(cpu, i, r);
    return CPU_EXEC_NEXT;
}

/* Division takes 2..12 cycles on the Cortex-M4, terminating early: model
 * 2 + one cycle per four quotient bits (TRM 3.3.1 note). */
static uint32_t div_cycles(uint32_t n, uint32_t d)
{
    if (d == 0 || n < d)
        return 0;
    unsigned bits = (unsigned)(__builtin_clz(d) - __builtin_clz(n)) + 1;
    uint32_t extra = (bits + 3) / 4;
    return extra > 10 ? 10 : extra;
}

static int div_by_zero(struct cpu *cpu, const struct cpu_insn *i)
{
    if (cpu->sys.ccr & (1u << 4)) /* CCR.DIV_0_TRP */
        return cpu_raise(cpu, i, CPU_FAULT_DIVBYZERO, 0);
    cpu->r[i->rd] = 0;
    return CPU_EXEC_NEXT;
}

int cpu_x_sdiv(struct cpu *cpu, const struct cpu_insn *i)
{
    int32_t n = (int32_t)cpu->r[i->rn], d = (int32_t)cpu->r[i->rm];
    if (d == 0)
        return div_by_zero(cpu, i);
    uint32_t an = n < 0 ? 0u - (uint32_t)n : (uint32_t)n;
    uint32_t ad = d < 0 ? 0u - (uint32_t)d : (uint32_t)d;
    cpu->cycles += div_cycles(an, ad);
    /* INT_MIN / -1 overflows to INT_MIN (A7.7.127: RoundTowardsZero of 2^31). */
    if (n == INT32_MIN && d == -1)
        cpu->r[i->rd] = 0x80000000u;
    else
        cpu->r[i->rd] = (uint32_t)(n / d);
    return CPU_EXEC_NEXT;
}

int cpu_x_udiv(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t n = cpu->r[i->rn], d = cpu->r[i->rm];
    if (d == 0)
        return div_by_zero(cpu, i);
    cpu->cycles += div_cycles(n, d);
    cpu->r[i->rd] = n / d;
    return CPU_EXEC_NEXT;
}

/* SXTH/UXTH/SXTB/UXTB and the accumulate forms (rn != 15). */
int cpu_x_extend(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t v = ror32(cpu->r[i->rm], i->shift_n);
    switch (i->op) {
    case 0: v = (uint32_t)(int32_t)(int16_t)v; break;
    case 1: v &= 0xffff; break;
    case 4: v = (uint32_t)(int32_t)(int8_t)v; break;
    default: v &= 0xff; break;
    }
    if (i->shift_t)
        v += cpu->r[i->rn];
    cpu->r[i->rd] = v;
    return CPU_EXEC_NEXT;
}

/* BFI/BFC: shift_n = lsb, op = width (msb - lsb + 1). */
int cpu_x_bfi(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t mask = (i->op >= 32 ? 0xffffffffu : ((1u << i->op) - 1)) << i->shift_n;
    uint32_t src = i->shift_t ? cpu->r[i->rn] << i->shift_n : 0;
    cpu->r[i->rd] = (cpu->r[i->rd] & ~mask) | (src & mask);
    return CPU_EXEC_NEXT;
}

int cpu_x_ubfx(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t v = cpu->r[i->rn] >> i->shift_n;
    cpu->r[i->rd] = i->op >= 32 ? v : v & ((1u << i->op) - 1);
    return CPU_EXEC_NEXT;
}

int cpu_x_sbfx(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t v = cpu->r[i->rn] << (32 - i->shift_n - i->op);
    cpu->r[i->rd] = (uint32_t)((int32_t)v >> (32 - i->op));
    return CPU_EXEC_NEXT;
}

int cpu_x_clz(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t v = cpu->r[i->rm];
    cpu->r[i->rd] = v ? (uint32_t)__builtin_clz(v) : 32;
    return CPU_EXEC_NEXT;
}

int cpu_x_rbit(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t v = cpu->r[i->rm];
    v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
    v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
    v = ((v >> 4) & 0x0f0f0f0fu) | ((v & 0x0f0f0f0fu) << 4);
    cpu->r[i->rd] = __builtin_bswap32(v);
    return CPU_EXEC_NEXT;
}

int cpu_x_rev(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[i->rd] = __builtin_bswap32(cpu->r[i->rm]);
    return CPU_EXEC_NEXT;
}

int cpu_x_rev16(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t v = cpu->r[i->rm];
    cpu->r[i->rd] = ((v & 0x00ff00ffu) << 8) | ((v >> 8) & 0x00ff00ffu);
    return CPU_EXEC_NEXT;
}

int cpu_x_revsh(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t v = cpu->r[i->rm];
    cpu->r[i->rd] = (uint32_t)(int32_t)(int16_t)(((v & 0xff) << 8) | ((v >> 8) & 0xff));
    return CPU_EXEC_NEXT;
}

/* SSAT/USAT (A7.7.149, A7.7.181): op = saturation width, shift LSL or ASR. */
int cpu_x_ssat(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t c;
    int32_t v = (int32_t)shift_c(cpu->r[i->rn], i->shift_t, i->shift_n, cpu->apsr_c, &c);
    bool sat;
    cpu->r[i->rd] = (uint32_t)cpu_signed_sat(v, i->op, &sat);
    if (sat)
        cpu->apsr_q = 1;
    return CPU_EXEC_NEXT;
}

int cpu_x_usat(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t c;
    int32_t v = (int32_t)shift_c(cpu->r[i->rn], i->shift_t, i->shift_n, cpu->apsr_c, &c);
    bool sat;
    cpu->r[i->rd] = cpu_unsigned_sat(v, i->op, &sat);
    if (sat)
        cpu->apsr_q = 1;
    return CPU_EXEC_NEXT;
}

int cpu_x_movt(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[i->rd] = (cpu->r[i->rd] & 0xffff) | (i->imm << 16);
    return CPU_EXEC_NEXT;
}

/* ADD PC, Rm and MOV PC, Rm: ALUWritePC = BranchWritePC (A2.3.1). */
int cpu_x_add_pc(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[15] = (cpu->r[15] + cpu->r[i->rm]) & ~1u;
    cpu->cycles += CPU_P_REFILL;
    return CPU_EXEC_BRANCH;
}

int cpu_x_mov_pc(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[15] = cpu->r[i->rm] & ~1u;
    cpu->cycles += CPU_P_REFILL;
    return CPU_EXEC_BRANCH;
}
