/* Decoder for the 32-bit Thumb-2 encodings (ARMv7-M ARM A5.3).  The FP
 * (coprocessor 10/11) and DSP encodings go to cpu_decode_fp/cpu_decode_dsp
 * (see insn.h).  UNPREDICTABLE encodings decode as UNDEFINED. */
#include "core/exec.h"

#define B(v, hi, lo) (((v) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1))

static bool bad_reg(unsigned r)
{
    return r == 13 || r == 15;
}

static void undef(struct cpu_insn *o)
{
    cpu_insn_undef(o);
}

static void dsp(uint32_t h1, uint32_t h2, struct cpu_insn *o)
{
    if (!cpu_decode_dsp(h1, h2, o))
        undef(o);
}

/* ThumbExpandImm_C (A5.3.2): false for the UNPREDICTABLE zero patterns.
 * *carry: -1 when the carry is unchanged. */
static bool thumb_expand(uint32_t imm12, uint32_t *val, int *carry)
{
    uint32_t b = imm12 & 0xff;
    if ((imm12 >> 10) == 0) {
        *carry = -1;
        switch ((imm12 >> 8) & 3) {
        case 0: *val = b; return true;
        case 1: *val = b << 16 | b; break;
        case 2: *val = b << 24 | b << 8; break;
        default: *val = b * 0x01010101u; break;
        }
        return b != 0;
    }
    uint32_t unrot = 0x80 | (imm12 & 0x7f), rot = imm12 >> 7;
    *val = (unrot >> rot) | (unrot << (32 - rot));
    *carry = (int)(*val >> 31);
    return true;
}

/* The 16 data-processing opcodes of A5.3.1/A5.3.11 (op field), with the
 * Rd == PC and Rn == PC aliases resolved; -1 when undefined. */
static int dp_op(unsigned op, bool s, unsigned *rd, unsigned *rn, bool *test)
{
    *test = false;
    switch (op) {
    case 0:
        if (*rd == 15 && s) { *test = true; return CPU_ALU_TST; }
        return CPU_ALU_AND;
    case 1: return CPU_ALU_BIC;
    case 2:
        if (*rn == 15) { *rn = 0; return CPU_ALU_MOV; }
        return CPU_ALU_ORR;
    case 3:
        if (*rn == 15) { *rn = 0; return CPU_ALU_MVN; }
        return CPU_ALU_ORN;
    case 4:
        if (*rd == 15 && s) { *test = true; return CPU_ALU_TEQ; }
        return CPU_ALU_EOR;
    case 8:
        if (*rd == 15 && s) { *test = true; return CPU_ALU_CMN; }
        return CPU_ALU_ADD;
    case 10: return CPU_ALU_ADC;
    case 11: return CPU_ALU_SBC;
    case 13:
        if (*rd == 15 && s) { *test = true; return CPU_ALU_CMP; }
        return CPU_ALU_SUB;
    case 14: return CPU_ALU_RSB;
    default: return -1;
    }
}

static bool dp_regs_ok(int alu, bool test, unsigned rd, unsigned rn, bool imm)
{
    bool sp_arith = (alu == CPU_ALU_ADD || alu == CPU_ALU_SUB) && rn == 13;
    bool uses_n = alu != CPU_ALU_MOV && alu != CPU_ALU_MVN;
    if (!test && (rd == 15 || (rd == 13 && !sp_arith && imm)))
        return false;
    if (uses_n && rn == 15)
        return false;
    if (imm && uses_n && rn == 13 && !sp_arith && alu != CPU_ALU_CMP && alu != CPU_ALU_CMN)
        return false;
    return true;
}

/* A5.3.1 data processing (modified immediate). */
static void dec_dp_modimm(uint32_t h1, uint32_t h2, struct cpu_insn *o)
{
    unsigned rd = B(h2, 11, 8), rn = B(h1, 3, 0);
    bool s = B(h1, 4, 4), test;
    uint32_t imm12 = B(h1, 10, 10) << 11 | B(h2, 14, 12) << 8 | B(h2, 7, 0), val;
    int carry;
    int alu = dp_op(B(h1, 8, 5), s, &rd, &rn, &test);
    if (alu < 0 || !thumb_expand(imm12, &val, &carry) || !dp_regs_ok(alu, test, rd, rn, true)) {
        undef(o);
        return;
    }
    o->fn = cpu_alu_fn((enum cpu_alu_op)alu, CPU_OPND_IMM, s);
    o->rd = (uint8_t)(test ? 0 : rd);
    o->rn = (uint8_t)rn;
    o->imm = val;
    o->shift_t = carry >= 0;
    o->shift_n = (uint8_t)(carry > 0);
}

/* DecodeImmShift (A7.4.2). */
static void imm_shift(unsigned type, unsigned imm5, uint8_t *t, uint8_t *n)
{
    *t = (uint8_t)type;
    *n = (uint8_t)imm5;
    if ((type == CPU_SHIFT_LSR || type == CPU_SHIFT_ASR) && imm5 == 0)
        *n = 32;
    if (type == CPU_SHIFT_ROR && imm5 == 0) {
        *t = CPU_SHIFT_RRX;
        *n = 1;
    }
}

/* A5.3.11 data processing (shifted register). */
static void dec_dp_shreg(uint32_t h1, uint32_t h2, struct cpu_insn *o)
{
    unsigned op = B(h1, 8, 5), rd = B(h2, 11, 8), rn = B(h1, 3, 0), rm = B(h2, 3, 0);
    bool s = B(h1, 4, 4), test;
    if (op == 6) {
        dsp(h1, h2, o); /* PKHBT/PKHTB */
        return;
    }
    int alu = dp_op(op, s, &rd, &rn, &test);
    if (alu < 0 || B(h2, 15, 15) || rm == 15 || !dp_regs_ok(alu, test, rd, rn, false)) {
        undef(o);
        return;
    }
    uint8_t t, n;
    imm_shift(B(h2, 5, 4), B(h2, 14, 12) << 2 | B(h2, 7, 6), &t, &n);
    bool plain = t == CPU_SHIFT_LSL && n == 0;
    o->fn = plain ? cpu_alu_fn((enum cpu_alu_op)alu, CPU_OPND_REG, s)
                  : cpu_alu_shift_fn((enum cpu_alu_op)alu, t, n, s);
    o->rd = (uint8_t)(test ? 0 : rd);
    o->rn = (uint8_t)rn;
    o->rm = (uint8_t)rm;
    o->shift_t = t;
    o->shift_n = n;
}

/* A5.3.3 data processing (plain binary immediate). */
static void dec_dp_plain(uint32_t h1, uint32_t h2, struct cpu_insn *o)
{
    unsigned op = B(h1, 8, 4), rn = B(h1, 3, 0), rd = B(h2, 11, 8);
    uint32_t imm12 = B(h1, 10, 10) << 11 | B(h2, 14, 12) << 8 | B(h2, 7, 0);
    unsigned imm5 = B(h2, 14, 12) << 2 | B(h2, 7, 6), low5 = B(h2, 4, 0);
    if (B(h2, 15, 15)) {
        undef(o);
        return;
    }
    o->rd = (uint8_t)rd;
    o->rn = (uint8_t)rn;
    switch (op) {
    case 0x00: case 0x0a: /* ADDW / SUBW / ADR */
        if (rd == 15 || (rd == 13 && rn != 13)) {
            undef(o);
        } else if (rn == 15) {
            uint32_t base = (o->pc + 4) & ~3u;
            o->fn = cpu_alu_fn(CPU_ALU_MOV, CPU_OPND_IMM, false);
            o->rn = 0;
            o->imm = op ? base - imm12 : base + imm12;
        } else {
            o->fn = cpu_alu_fn(op ? CPU_ALU_SUB : CPU_ALU_ADD, CPU_OPND_IMM, false);
            o->imm = imm12;
        }
        return;
    case 0x04: case 0x0c: /* MOVW / MOVT */
        if (bad_reg(rd)) {
            undef(o);
            return;
        }
        o->imm = rn << 12 | imm12;
        o->rn = 0;
        o->fn = op == 4 ? cpu_alu_fn(CPU_ALU_MOV, CPU_OPND_IMM, false) : cpu_x_movt;
        return;
    case 0x10: case 0x12: case 0x18: case 0x1a: { /* SSAT / USAT (16) */
        bool sh = B(h1, 5, 5), sign = op < 0x18;
        if (sh && imm5 == 0) {
            dsp(h1, h2, o); /* SSAT16 / USAT16 */
            return;
        }
        if (bad_reg(rd) || bad_reg(rn)) {
            undef(o);
            return;
        }
        o->fn = sign ? cpu_x_ssat : cpu_x_usat;
        o->op = (uint8_t)(sign ? low5 + 1 : low5);
        o->shift_t = sh ? CPU_SHIFT_ASR : CPU_SHIFT_LSL;
        o->shift_n = (uint8_t)imm5;
        return;
    }
    case 0x14: case 0x1c: /* SBFX / UBFX */
        if (bad_reg(rd) || bad_reg(rn) || imm5 + low5 > 31) {
            undef(o);
            return;
        }
        o->fn = op == 0x14 ? cpu_x_sbfx : cpu_x_ubfx;
        o->shift_n = (uint8_t)imm5;
        o->op = (uint8_t)(low5 + 1);
        return;
    case 0x16: /* BFI / BFC */
        if (bad_reg(rd) || rn == 13 || low5 < imm5) {
            undef(o);
            return;
        }
        o->fn = cpu_x_bfi;
        o->shift_t = rn != 15; /* BFI (BFC when 0) */
        if (rn == 15)
            o->rn = 0;
        o->shift_n = (uint8_t)imm5;
        o->op = (uint8_t)(low5 - imm5 + 1);
        return;
    default:
        undef(o);
        return;
    }
}

static bool valid_sysm(unsigned sysm)
{
    return sysm <= 3 || (sysm >= 5 && sysm <= 9) || (sysm >= 16 && sysm <= 20);
}

/* A5.3.4 branches and miscellaneous control. */
static void dec_branch_misc(uint32_t h1, uint32_t h2, struct cpu_insn *o)
{
    unsigned op = B(h1, 10, 4), op1 = B(h2, 14, 12);
    uint32_t s = B(h1, 10, 10), j1 = B(h2, 13, 13), j2 = B(h2, 11, 11);
    if ((op1 & 5) == 0) {
        if ((op & 0x38) != 0x38) { /* B<c>.W */
            if (cpu_insn_in_it(o)) {
                undef(o);
                return;
            }
            uint32_t off = s << 20 | j2 << 19 | j1 << 18 | B(h1, 5, 0) << 12 | B(h2, 10, 0) << 1;
            o->fn = cpu_x_b;
            o->cond = (uint8_t)B(h1, 9, 6);
            o->imm = o->pc + 4 + (uint32_t)((int32_t)(off << 11) >> 11);
            o->flags |= CPU_INSN_END;
            o->cycles = 1 + CPU_P_REFILL;
        } else if ((op & 0x7e) == 0x38) { /* MSR */
            unsigned mask = B(h2, 11, 10), sysm = B(h2, 7, 0), rn = B(h1, 3, 0);
            if (mask == 0 || (mask != 2 && sysm > 3) || bad_reg(rn) || !valid_sysm(sysm)) {
                undef(o);
                return;
            }
            o->fn = cpu_x_msr;
            o->rn = (uint8_t)rn;
            o->imm = sysm;
            o->op = (uint8_t)mask;
            o->flags |= CPU_INSN_END;
            o->cycles = 2;
        } else if (op == 0x3a) { /* hints */
            unsigned hint = B(h2, 7, 0);
            if (B(h2, 10, 8) != 0) {
                undef(o);
            } else if (hint >= 2 && hint <= 4) {
                o->fn = cpu_x_hint;
                o->op = (uint8_t)hint;
                o->flags |= CPU_INSN_END;
            } else {
                o->fn = cpu_x_nop; /* NOP, YIELD, DBG, unallocated hints */
            }
        } else if (op == 0x3b) { /* CLREX, DSB, DMB, ISB */
            switch (B(h2, 7, 4)) {
            case 2: o->fn = cpu_x_clrex; break;
            case 4: case 5: o->fn = cpu_x_barrier; break;
            case 6: o->fn = cpu_x_barrier; o->flags |= CPU_INSN_END; break;
            default: undef(o); break;
            }
        } else if ((op & 0x7e) == 0x3e) { /* MRS */
            unsigned rd = B(h2, 11, 8), sysm = B(h2, 7, 0);
            if (bad_reg(rd) || !valid_sysm(sysm)) {
                undef(o);
                return;
            }
            o->fn = cpu_x_mrs;
            o->rd = (uint8_t)rd;
            o->imm = sysm;
            o->cycles = 2;
        } else {
            undef(o);
        }
        return;
    }
    if ((op1 & 5) == 1 || (op1 & 5) == 5) { /* B.W / BL */
        if (!cpu_insn_last_or_out(o)) {
            undef(o);
            return;
        }
        uint32_t i1 = !(j1 ^ s), i2 = !(j2 ^ s);
        uint32_t off = s << 24 | i1 << 23 | i2 << 22 | B(h1, 9, 0) << 12 | B(h2, 10, 0) << 1;
        o->fn = (op1 & 4) ? cpu_x_bl : cpu_x_b;
        o->imm = o->pc + 4 + (uint32_t)((int32_t)(off << 7) >> 7);
        o->flags |= CPU_INSN_END;
        o->cycles = 1 + CPU_P_REFILL;
        return;
    }
    undef(o); /* BLX (immediate), UDF */
}

/* A5.3.5 load/store multiple. */
static void dec_ldm_stm(uint32_t h1, uint32_t h2, struct cpu_insn *o)
{
    unsigned op = B(h1, 8, 7), rn = B(h1, 3, 0);
    bool w = B(h1, 5, 5), l = B(h1, 4, 4);
    uint32_t list = h2;
    if ((op != 1 && op != 2) || rn == 15 || (list & 0x2000) || __builtin_popcount(list) < 2 ||
        (w && (list & (1u << rn)))) {
        undef(o);
        return;
    }
    if (l) {
        if ((list & 0xc000) == 0xc000 || ((list & 0x8000) && !cpu_insn_last_or_out(o))) {
            undef(o);
            return;
        }
    } else if (list & 0x8000) {
        undef(o);
        return;
    }
    o->fn = l ? cpu_x_ldm : cpu_x_stm;
    o->rn = (uint8_t)rn;
    o->op = op == 2;
    o->imm = list;
    if (w)
        o->flags |= CPU_INSN_WBACK;
    o->shift_n = (uint8_t)__builtin_popcount(list); /* register count */
        o->cycles = (uint8_t)(1 + o->shift_n);
    if (list & 0x8000)
        o->flags |= CPU_INSN_END;
}

/* A5.3.6 load/store dual or exclusive, table branch. */
static void dec_dual_excl(uint32_t h1, uint32_t h2, struct cpu_insn *o)
{
    unsigned op1 = B(h1, 8, 7), op2 = B(h1, 5, 4), op3 = B(h2, 7, 4);
    unsigned rn = B(h1, 3, 0), rt = B(h2, 15, 12), rt2 = B(h2, 11, 8);
    o->rn = (uint8_t)rn;
    if (op1 == 0 && op2 == 0) { /* STREX */
        unsigned rd = rt2;
        if (bad_reg(rd) || bad_reg(rt) || rn == 15 || rd == rn || rd == rt) {
            undef(o);
            return;
        }
        o->fn = cpu_x_strex;
        o->rd = (uint8_t)rd;
        o->ra = (uint8_t)rt;
        o->imm = B(h2, 7, 0) << 2;
        o->op = 4;
        o->cycles = 2;
        return;
    }
    if (op1 == 0 && op2 == 1) { /* LDREX */
        if (rt2 != 15 || bad_reg(rt) || rn == 15) {
            undef(o);
            return;
        }
        o->fn = cpu_x_ldrex;
        o->rd = (uint8_t)rt;
        o->imm = B(h2, 7, 0) << 2;
        o->op = 4;
        o->cycles = 2;
        return;
    }
    if ((op1 & 2) || (op2 & 2)) { /* LDRD / STRD */
        bool p = B(h1, 8, 8), u = B(h1, 7, 7), w = B(h1, 5, 5), l = B(h1, 4, 4);
        uint32_t imm = B(h2, 7, 0) << 2;
        if (bad_reg(rt) || bad_reg(rt2) || (w && (rn == rt || rn == rt2)) || (l && rt == rt2) ||
            (rn == 15 && (!l || w))) {
            undef(o);
            return;
        }
        o->fn = l ? cpu_x_ldrd : cpu_x_strd;
        o->rd = (uint8_t)rt;
        o->ra = (uint8_t)rt2;
        if (rn == 15)
            o->imm = u ? ((o->pc + 4) & ~3u) + imm : ((o->pc + 4) & ~3u) - imm;
        else
            o->imm = u ? imm : 0u - imm;
        if (p)
            o->flags |= CPU_INSN_INDEX;
        if (w)
            o->flags |= CPU_INSN_WBACK;
        o->cycles = 3;
        return;
    }
    if (op1 == 1 && op2 == 0 && (op3 == 4 || op3 == 5)) { /* STREXB/H */
        unsigned rd = B(h2, 3, 0);
        if (rt2 != 15 || bad_reg(rd) || bad_reg(rt) || rn == 15 || rd == rn || rd == rt) {
            undef(o);
            return;
        }
        o->fn = cpu_x_strex;
        o->rd = (uint8_t)rd;
        o->ra = (uint8_t)rt;
        o->op = op3 == 4 ? 1 : 2;
        o->cycles = 2;
        return;
    }
    if (op1 == 1 && op2 == 1) {
        if (op3 == 0 || op3 == 1) { /* TBB/TBH */
            unsigned rm = B(h2, 3, 0);
            if (B(h2, 15, 8) != 0xf0 || rn == 13 || bad_reg(rm) || !cpu_insn_last_or_out(o)) {
                undef(o);
                return;
            }
            o->fn = cpu_x_tbb;
            o->rm = (uint8_t)rm;
            o->op = (uint8_t)op3;
            o->flags |= CPU_INSN_END;
            o->cycles = 2 + CPU_P_REFILL;
            return;
        }
        if ((op3 == 4 || op3 == 5) && rt2 == 15 && B(h2, 3, 0) == 15) { /* LDREXB/H */
            if (bad_reg(rt) || rn == 15) {
                undef(o);
                return;
            }
            o->fn = cpu_x_ldrex;
            o->rd = (uint8_t)rt;
            o->op = op3 == 4 ? 1 : 2;
            o->cycles = 2;
            return;
        }
    }
    undef(o);
}

/* A5.3.7-A5.3.10 load/store single: hw1 = 1111 100 S A sz(2) L Rn. */
static void dec_ldst_single(uint32_t h1, uint32_t h2, struct cpu_insn *o)
{
    bool sgn = B(h1, 8, 8), a = B(h1, 7, 7), l = B(h1, 4, 4);
    unsigned size = B(h1, 6, 5), rn = B(h1, 3, 0), rt = B(h2, 15, 12);
    if (size == 3 || (!l && sgn) || (sgn && size == 2)) {
        undef(o);
        return;
    }
    enum cpu_ls_kind kind = size == 2 ? CPU_LS_W
                          : size == 1 ? (sgn ? CPU_LS_SH : CPU_LS_H)
                                      : (sgn ? CPU_LS_SB : CPU_LS_B);
    enum cpu_ls_mode mode;
    bool wback = false, hint_ok = true, unpriv = false;
    o->rn = (uint8_t)rn;
    if (rn == 15) {
        if (!l) {
            undef(o);
            return;
        }
        uint32_t base = (o->pc + 4) & ~3u, imm = B(h2, 11, 0);
        mode = CPU_AM_LIT;
        o->imm = a ? base + imm : base - imm;
        o->rn = 0; /* address precomputed: PC is not read at run time */
    } else if (a) {
        mode = CPU_AM_IMM;
        o->imm = B(h2, 11, 0);
    } else if (B(h2, 11, 11)) {
        bool p = B(h2, 10, 10), u = B(h2, 9, 9), w = B(h2, 8, 8);
        uint32_t imm8 = B(h2, 7, 0);
        if (!p && !w) {
            undef(o);
            return;
        }
        if (p && !w) { /* offset (u: unprivileged LDRT/STRT, same access here) */
            mode = CPU_AM_IMM;
            o->imm = u ? imm8 : 0u - imm8;
            hint_ok = !u;
            unpriv = u;
        } else {
            mode = CPU_AM_IDX;
            o->imm = u ? imm8 : 0u - imm8;
            if (p)
                o->flags |= CPU_INSN_INDEX;
            o->flags |= CPU_INSN_WBACK;
            wback = true;
            hint_ok = false;
        }
    } else if (B(h2, 11, 6) == 0) {
        unsigned rm = B(h2, 3, 0);
        if (bad_reg(rm)) {
            undef(o);
            return;
        }
        mode = CPU_AM_REG;
        o->rm = (uint8_t)rm;
        o->shift_n = (uint8_t)B(h2, 5, 4);
    } else {
        undef(o);
        return;
    }
    /* Byte/halfword transfers with SP, and writeback into the transfer
     * register, are UNPREDICTABLE (A7.7.46 etc.). */
    if ((wback && rn == rt) || (size != 2 && rt == 13)) {
        undef(o);
        return;
    }
    if (rt == 15) {
        if (l && size == 2) {
            if (unpriv || !cpu_insn_last_or_out(o)) {
                undef(o);
                return;
            }
            o->fn = cpu_x_ldr_pc;
            o->rd = 15;
            o->op = (uint8_t)mode;
            o->flags |= CPU_INSN_END;
            o->cycles = 2; /* + P, added by cpu_bx_write */
        } else if (l && hint_ok) {
            o->fn = cpu_x_nop; /* PLD, PLI, unallocated memory hints */
        } else {
            undef(o);
        }
        return;
    }
    o->fn = l ? cpu_load_fn(kind, mode) : cpu_store_fn(kind, mode);
    o->rd = (uint8_t)rt;
    o->flags |= CPU_INSN_MEM;
    o->cycles = (!l && mode == CPU_AM_IMM) ? 1 : 2;
}

/* A5.3.12 data processing (register). */
static void dec_dp_reg(uint32_t h1, uint32_t h2, struct cpu_insn *o)
{
    unsigned op1 = B(h1, 7, 4), op2 = B(h2, 7, 4);
    unsigned rn = B(h1, 3, 0), rd = B(h2, 11, 8), rm = B(h2, 3, 0);
    if (B(h2, 15, 12) != 15) {
        undef(o);
        return;
    }
    o->rd = (uint8_t)rd;
    o->rn = (uint8_t)rn;
    o->rm = (uint8_t)rm;
    if (!(op1 & 8) && op2 == 0) { /* LSL/LSR/ASR/ROR (register) */
        if (bad_reg(rd) || bad_reg(rn) || bad_reg(rm)) {
            undef(o);
            return;
        }
        bool s = op1 & 1;
        o->fn = s ? cpu_x_shift_reg_s : cpu_x_shift_reg;
        o->shift_t = (uint8_t)(op1 >> 1);
        return;
    }
    if (op1 <= 5 && (op2 & 8)) { /* sign/zero extend (and add) */
        if (op1 == 2 || op1 == 3) {
            dsp(h1, h2, o); /* SXTAB16/UXTAB16/SXTB16/UXTB16 */
            return;
        }
        if (B(h2, 6, 6) || bad_reg(rd) || bad_reg(rm) || rn == 13) {
            undef(o);
            return;
        }
        o->fn = cpu_x_extend;
        o->op = (uint8_t)op1;
        o->shift_n = (uint8_t)(B(h2, 5, 4) * 8);
        o->shift_t = rn != 15; /* accumulate */
        if (rn == 15)
            o->rn = 0;
        return;
    }
    if ((op1 & 0xc) == 8 && (op2 & 0xc) == 8) { /* miscellaneous operations */
        unsigned x = op1 & 3, y = op2 & 3;
        cpu_exec_fn fn = NULL;
        if (x == 1)
            fn = y == 0 ? cpu_x_rev : y == 1 ? cpu_x_rev16 : y == 2 ? cpu_x_rbit : cpu_x_revsh;
        else if (x == 3 && y == 0)
            fn = cpu_x_clz;
        if (!fn) {
            dsp(h1, h2, o); /* QADD, QDADD, QSUB, QDSUB, SEL */
            return;
        }
        if (rn != rm || bad_reg(rd) || bad_reg(rm)) {
            undef(o);
            return;
        }
        o->fn = fn;
        return;
    }
    dsp(h1, h2, o); /* parallel addition and subtraction */
}

/* A5.3.16 multiply, multiply accumulate, absolute difference. */
static void dec_mul(uint32_t h1, uint32_t h2, struct cpu_insn *o)
{
    unsigned op1 = B(h1, 6, 4), op2 = B(h2, 7, 4);
    unsigned rn = B(h1, 3, 0), ra = B(h2, 15, 12), rd = B(h2, 11, 8), rm = B(h2, 3, 0);
    if (op1 != 0 || op2 > 1) {
        dsp(h1, h2, o);
        return;
    }
    if (bad_reg(rd) || bad_reg(rn) || bad_reg(rm) || ra == 13 || (op2 == 1 && ra == 15)) {
        undef(o);
        return;
    }
    o->rd = (uint8_t)rd;
    o->rn = (uint8_t)rn;
    o->rm = (uint8_t)rm;
    o->ra = (uint8_t)ra;
    if (op2 == 1) {
        o->fn = cpu_x_mls;
        o->cycles = 2;
    } else if (ra == 15) {
        o->fn = cpu_x_mul;
    } else {
        o->fn = cpu_x_mla;
        o->cycles = 2;
    }
}

/* A5.3.17 long multiply, long multiply accumulate, divide. */
static void dec_long_mul(uint32_t h1, uint32_t h2, struct cpu_insn *o)
{
    unsigned op1 = B(h1, 6, 4), op2 = B(h2, 7, 4);
    unsigned rn = B(h1, 3, 0), lo = B(h2, 15, 12), hi = B(h2, 11, 8), rm = B(h2, 3, 0);
    cpu_exec_fn fn = NULL;
    bool div = false;
    switch (op1 << 4 | op2) {
    case 0x00: fn = cpu_x_smull; break;
    case 0x1f: fn = cpu_x_sdiv; div = true; break;
    case 0x20: fn = cpu_x_umull; break;
    case 0x3f: fn = cpu_x_udiv; div = true; break;
    case 0x40: fn = cpu_x_smlal; break;
    case 0x60: fn = cpu_x_umlal; break;
    case 0x66: fn = cpu_x_umaal; break;
    default: break;
    }
    if (!fn) {
        dsp(h1, h2, o);
        return;
    }
    o->rn = (uint8_t)rn;
    o->rm = (uint8_t)rm;
    if (div) {
        if (lo != 15 || bad_reg(hi) || bad_reg(rn) || bad_reg(rm)) {
            undef(o);
            return;
        }
        o->fn = fn;
        o->rd = (uint8_t)hi;
        o->cycles = 2;
        return;
    }
    if (bad_reg(lo) || bad_reg(hi) || bad_reg(rn) || bad_reg(rm) || lo == hi) {
        undef(o);
        return;
    }
    o->fn = fn;
    o->rd = (uint8_t)lo;
    o->ra = (uint8_t)hi;
}

/* A5.3.18 coprocessor instructions: CP10/CP11 are the FPU; the others do
 * not exist (UsageFault NOCP). */
static void dec_coproc(uint32_t h1, uint32_t h2, struct cpu_insn *o)
{
    if (B(h1, 9, 5) == 0 && !((B(h2, 11, 8) & 0xe) == 0xa)) {
        undef(o);
        return;
    }
    if ((B(h2, 11, 8) & 0xe) == 0xa) {
        if (!cpu_decode_fp(h1, h2, o))
            undef(o);
        return;
    }
    o->fn = cpu_x_nocp;
    o->flags |= CPU_INSN_END;
}

void cpu_decode32(uint32_t h1, uint32_t h2, struct cpu_insn *o)
{
    unsigned op1 = B(h1, 12, 11), op2 = B(h1, 10, 4);
    if (op1 == 1) {
        if ((op2 & 0x64) == 0x00)
            dec_ldm_stm(h1, h2, o);
        else if ((op2 & 0x64) == 0x04)
            dec_dual_excl(h1, h2, o);
        else if ((op2 & 0x60) == 0x20)
            dec_dp_shreg(h1, h2, o);
        else
            dec_coproc(h1, h2, o);
    } else if (op1 == 2) {
        if (h2 & 0x8000)
            dec_branch_misc(h1, h2, o);
        else if (op2 & 0x20)
            dec_dp_plain(h1, h2, o);
        else
            dec_dp_modimm(h1, h2, o);
    } else {
        if ((op2 & 0x71) == 0x00 || (op2 & 0x67) == 0x01 || (op2 & 0x67) == 0x03 ||
            (op2 & 0x67) == 0x05)
            dec_ldst_single(h1, h2, o);
        else if ((op2 & 0x70) == 0x20)
            dec_dp_reg(h1, h2, o);
        else if ((op2 & 0x78) == 0x30)
            dec_mul(h1, h2, o);
        else if ((op2 & 0x78) == 0x38)
            dec_long_mul(h1, h2, o);
        else if (op2 & 0x40)
            dec_coproc(h1, h2, o);
        else
            undef(o);
    }
}
