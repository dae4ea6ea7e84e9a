/* Decoder for the 16-bit Thumb encodings (ARMv7-M ARM A5.2).  On entry
 * out->pc, len, raw, cond (AL) and it are set; we set fn, operands, flags
 * and the base cycle count. */
#include "core/exec.h"

#define B(v, hi, lo) (((v) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1))

static void alu(struct cpu_insn *o, enum cpu_alu_op op, enum cpu_alu_mode mode, bool s,
                unsigned rd, unsigned rn, unsigned rm)
{
    o->fn = cpu_alu_fn(op, mode, s);
    o->rd = (uint8_t)rd;
    o->rn = (uint8_t)rn;
    o->rm = (uint8_t)rm;
}

static void alu_imm(struct cpu_insn *o, enum cpu_alu_op op, bool s, unsigned rd, unsigned rn,
                    uint32_t imm)
{
    alu(o, op, CPU_OPND_IMM, s, rd, rn, 0);
    o->imm = imm;
    o->shift_t = 0; /* carry unchanged */
}

static void alu_rsh(struct cpu_insn *o, enum cpu_alu_op op, bool s, unsigned rd, unsigned rn,
                    unsigned rm, unsigned type, unsigned n)
{
    if (type == CPU_SHIFT_LSL && n == 0) {
        alu(o, op, CPU_OPND_REG, s, rd, rn, rm);
        return;
    }
    alu(o, op, CPU_OPND_RSH, s, rd, rn, rm);
    o->fn = cpu_alu_shift_fn(op, type, n, s);
    o->shift_t = (uint8_t)type;
    o->shift_n = (uint8_t)n;
}

static void ls(struct cpu_insn *o, bool load, enum cpu_ls_kind k, enum cpu_ls_mode m,
               unsigned rt, unsigned rn, unsigned rm, uint32_t imm)
{
    o->fn = load ? cpu_load_fn(k, m) : cpu_store_fn(k, m);
    o->rd = (uint8_t)rt;
    o->rn = (uint8_t)rn;
    o->rm = (uint8_t)rm;
    o->imm = imm;
    o->flags |= CPU_INSN_MEM;
    /* STR Rx,[Ry,#imm] is one cycle; other single loads/stores two (TRM 3.3.1). */
    o->cycles = (!load && m == CPU_AM_IMM) ? 1 : 2;
}

static void branch_end(struct cpu_insn *o, unsigned cycles)
{
    o->flags |= CPU_INSN_END;
    o->cycles = (uint8_t)cycles;
}

/* A5.2.1 shift (immediate), add, subtract, move, compare. */
static void dec_shift_add(uint32_t h, struct cpu_insn *o)
{
    bool s = !cpu_insn_in_it(o);
    unsigned rd = B(h, 2, 0), rm = B(h, 5, 3), imm5 = B(h, 10, 6);
    unsigned rdn = B(h, 10, 8), imm8 = B(h, 7, 0);
    switch (B(h, 13, 11)) {
    case 0: /* LSL imm; imm5 == 0 is MOVS Rd, Rm (not allowed in IT) */
        if (imm5 == 0 && cpu_insn_in_it(o)) {
            cpu_insn_undef(o);
            return;
        }
        alu_rsh(o, CPU_ALU_MOV, s, rd, 0, rm, CPU_SHIFT_LSL, imm5);
        return;
    case 1: alu_rsh(o, CPU_ALU_MOV, s, rd, 0, rm, CPU_SHIFT_LSR, imm5 ? imm5 : 32); return;
    case 2: alu_rsh(o, CPU_ALU_MOV, s, rd, 0, rm, CPU_SHIFT_ASR, imm5 ? imm5 : 32); return;
    case 3: {
        unsigned rn = B(h, 5, 3), x = B(h, 8, 6);
        switch (B(h, 10, 9)) {
        case 0: alu(o, CPU_ALU_ADD, CPU_OPND_REG, s, rd, rn, x); return;
        case 1: alu(o, CPU_ALU_SUB, CPU_OPND_REG, s, rd, rn, x); return;
        case 2: alu_imm(o, CPU_ALU_ADD, s, rd, rn, x); return;
        default: alu_imm(o, CPU_ALU_SUB, s, rd, rn, x); return;
        }
    }
    case 4: alu_imm(o, CPU_ALU_MOV, s, rdn, 0, imm8); return;
    case 5: alu_imm(o, CPU_ALU_CMP, true, 0, rdn, imm8); return;
    case 6: alu_imm(o, CPU_ALU_ADD, s, rdn, rdn, imm8); return;
    default: alu_imm(o, CPU_ALU_SUB, s, rdn, rdn, imm8); return;
    }
}

/* A5.2.2 data processing (register). */
static void dec_dp(uint32_t h, struct cpu_insn *o)
{
    bool s = !cpu_insn_in_it(o);
    unsigned rdn = B(h, 2, 0), rm = B(h, 5, 3);
    static const uint8_t shift_type[] = {
        [2] = CPU_SHIFT_LSL, [3] = CPU_SHIFT_LSR, [4] = CPU_SHIFT_ASR, [7] = CPU_SHIFT_ROR,
    };
    unsigned op = B(h, 9, 6);
    switch (op) {
    case 0: alu(o, CPU_ALU_AND, CPU_OPND_REG, s, rdn, rdn, rm); return;
    case 1: alu(o, CPU_ALU_EOR, CPU_OPND_REG, s, rdn, rdn, rm); return;
    case 2: case 3: case 4: case 7:
        o->fn = s ? cpu_x_shift_reg_s : cpu_x_shift_reg;
        o->rd = o->rn = (uint8_t)rdn;
        o->rm = (uint8_t)rm;
        o->shift_t = shift_type[op];
        return;
    case 5: alu(o, CPU_ALU_ADC, CPU_OPND_REG, s, rdn, rdn, rm); return;
    case 6: alu(o, CPU_ALU_SBC, CPU_OPND_REG, s, rdn, rdn, rm); return;
    case 8: alu(o, CPU_ALU_TST, CPU_OPND_REG, true, 0, rdn, rm); return;
    case 9: alu_imm(o, CPU_ALU_RSB, s, rdn, rm, 0); return; /* RSBS Rd, Rn, #0 */
    case 10: alu(o, CPU_ALU_CMP, CPU_OPND_REG, true, 0, rdn, rm); return;
    case 11: alu(o, CPU_ALU_CMN, CPU_OPND_REG, true, 0, rdn, rm); return;
    case 12: alu(o, CPU_ALU_ORR, CPU_OPND_REG, s, rdn, rdn, rm); return;
    case 13:
        o->fn = s ? cpu_x_mul_s : cpu_x_mul;
        o->rd = o->rm = (uint8_t)rdn;
        o->rn = (uint8_t)rm;
        return;
    case 14: alu(o, CPU_ALU_BIC, CPU_OPND_REG, s, rdn, rdn, rm); return;
    default: alu(o, CPU_ALU_MVN, CPU_OPND_REG, s, rdn, 0, rm); return;
    }
}

/* A5.2.3 special data processing and branch and exchange. */
static void dec_special(uint32_t h, struct cpu_insn *o)
{
    unsigned rdn = B(h, 7, 7) << 3 | B(h, 2, 0), rm = B(h, 6, 3);
    switch (B(h, 9, 8)) {
    case 0: /* ADD Rdn, Rm */
        if (rdn == 15 && rm == 15) {
            cpu_insn_undef(o);
        } else if (rdn == 15) {
            if (!cpu_insn_last_or_out(o)) {
                cpu_insn_undef(o);
                return;
            }
            o->fn = cpu_x_add_pc;
            o->rm = (uint8_t)rm;
            o->rd = 15; /* reads PC */
            branch_end(o, 1);
        } else {
            alu(o, CPU_ALU_ADD, CPU_OPND_REG, false, rdn, rdn, rm);
        }
        return;
    case 1: /* CMP Rn, Rm (high) */
        if ((rdn < 8 && rm < 8) || rdn == 15 || rm == 15) {
            cpu_insn_undef(o);
            return;
        }
        alu(o, CPU_ALU_CMP, CPU_OPND_REG, true, 0, rdn, rm);
        return;
    case 2: /* MOV Rd, Rm */
        if (rdn == 15) {
            if (!cpu_insn_last_or_out(o)) {
                cpu_insn_undef(o);
                return;
            }
            o->fn = cpu_x_mov_pc;
            o->rm = (uint8_t)rm;
            branch_end(o, 1);
            return;
        }
        alu(o, CPU_ALU_MOV, CPU_OPND_REG, false, rdn, 0, rm);
        return;
    default: /* BX / BLX */
        if (B(h, 2, 0) != 0 || !cpu_insn_last_or_out(o) || (B(h, 7, 7) && rm == 15)) {
            cpu_insn_undef(o);
            return;
        }
        o->fn = B(h, 7, 7) ? cpu_x_blx : cpu_x_bx;
        o->rm = (uint8_t)rm;
        branch_end(o, 1);
        return;
    }
}

/* A5.2.4 load/store single data item. */
static void dec_ldst(uint32_t h, struct cpu_insn *o)
{
    unsigned rt = B(h, 2, 0), rn = B(h, 5, 3), rm = B(h, 8, 6), imm5 = B(h, 10, 6);
    switch (B(h, 15, 12)) {
    case 5: {
        static const struct { bool load; uint8_t kind; } t[8] = {
            { false, CPU_LS_W }, { false, CPU_LS_H }, { false, CPU_LS_B }, { true, CPU_LS_SB },
            { true, CPU_LS_W }, { true, CPU_LS_H }, { true, CPU_LS_B }, { true, CPU_LS_SH },
        };
        unsigned op = B(h, 11, 9);
        ls(o, t[op].load, t[op].kind, CPU_AM_REG, rt, rn, rm, 0);
        return;
    }
    case 6: ls(o, B(h, 11, 11), CPU_LS_W, CPU_AM_IMM, rt, rn, 0, imm5 << 2); return;
    case 7: ls(o, B(h, 11, 11), CPU_LS_B, CPU_AM_IMM, rt, rn, 0, imm5); return;
    case 8: ls(o, B(h, 11, 11), CPU_LS_H, CPU_AM_IMM, rt, rn, 0, imm5 << 1); return;
    default: /* 9: SP-relative */
        ls(o, B(h, 11, 11), CPU_LS_W, CPU_AM_IMM, B(h, 10, 8), 13, 0, B(h, 7, 0) << 2);
        return;
    }
}

static void dec_it_hint(uint32_t h, struct cpu_insn *o)
{
    unsigned firstcond = B(h, 7, 4), mask = B(h, 3, 0);
    if (mask) {
        /* IT (A7.7.38): not inside another IT; firstcond 1111, or AL with a
         * mask giving "else" instructions, are UNPREDICTABLE. */
        if (cpu_insn_in_it(o) || firstcond == 15 ||
            (firstcond == 14 && __builtin_popcount(mask) != 1)) {
            cpu_insn_undef(o);
            return;
        }
        o->fn = cpu_x_it;
        o->imm = h & 0xff;
        return;
    }
    switch (firstcond) {
    case 2: case 3: case 4:
        o->fn = cpu_x_hint;
        o->op = (uint8_t)firstcond;
        o->flags |= CPU_INSN_END;
        return;
    default: /* NOP, YIELD, unallocated hints */
        o->fn = cpu_x_nop;
        return;
    }
}

/* A5.2.5 miscellaneous 16-bit instructions. */
static void dec_misc(uint32_t h, struct cpu_insn *o)
{
    unsigned op = B(h, 11, 5);
    if ((op & 0x7c) == 0x00) { /* ADD SP, SP, #imm7 */
        alu_imm(o, CPU_ALU_ADD, false, 13, 13, B(h, 6, 0) << 2);
    } else if ((op & 0x7c) == 0x04) {
        alu_imm(o, CPU_ALU_SUB, false, 13, 13, B(h, 6, 0) << 2);
    } else if ((op & 0x28) == 0x08) { /* CBZ/CBNZ: 1011 o0i1 */
        if (cpu_insn_in_it(o)) {
            cpu_insn_undef(o);
            return;
        }
        o->fn = cpu_x_cbz;
        o->op = (uint8_t)B(h, 11, 11);
        o->rn = (uint8_t)B(h, 2, 0);
        o->imm = o->pc + 4 + (B(h, 9, 9) << 6 | B(h, 7, 3) << 1);
        branch_end(o, 1);
    } else if ((op & 0x78) == 0x10) { /* SXTH SXTB UXTH UXTB */
        static const uint8_t kind[4] = { 0, 4, 1, 5 };
        o->fn = cpu_x_extend;
        o->op = kind[B(h, 7, 6)];
        o->rd = (uint8_t)B(h, 2, 0);
        o->rm = (uint8_t)B(h, 5, 3);
    } else if ((op & 0x70) == 0x20) { /* PUSH */
        uint32_t list = B(h, 7, 0) | B(h, 8, 8) << 14;
        if (!list) {
            cpu_insn_undef(o);
            return;
        }
        o->fn = cpu_x_stm;
        o->rn = 13;
        o->op = 1;
        o->imm = list;
        o->flags |= CPU_INSN_WBACK;
        o->shift_n = (uint8_t)__builtin_popcount(list); /* register count */
        o->cycles = (uint8_t)(1 + o->shift_n);
    } else if (op == 0x33 && B(h, 3, 2) == 0) { /* CPS */
        if (cpu_insn_in_it(o)) {
            cpu_insn_undef(o);
            return;
        }
        o->fn = cpu_x_cps;
        o->op = (uint8_t)(B(h, 4, 4) | B(h, 1, 1) << 1 | B(h, 0, 0) << 2);
        o->flags |= CPU_INSN_END;
    } else if ((op & 0x78) == 0x50 && B(h, 7, 6) != 2) { /* REV REV16 REVSH */
        static const cpu_exec_fn f[4] = { cpu_x_rev, cpu_x_rev16, NULL, cpu_x_revsh };
        o->fn = f[B(h, 7, 6)];
        o->rd = (uint8_t)B(h, 2, 0);
        o->rm = (uint8_t)B(h, 5, 3);
    } else if ((op & 0x70) == 0x60) { /* POP */
        uint32_t list = B(h, 7, 0) | B(h, 8, 8) << 15;
        if (!list || ((list & 0x8000) && !cpu_insn_last_or_out(o))) {
            cpu_insn_undef(o);
            return;
        }
        o->fn = cpu_x_ldm;
        o->rn = 13;
        o->op = 0;
        o->imm = list;
        o->flags |= CPU_INSN_WBACK;
        o->shift_n = (uint8_t)__builtin_popcount(list); /* register count */
        o->cycles = (uint8_t)(1 + o->shift_n);
        if (list & 0x8000)
            o->flags |= CPU_INSN_END;
    } else if ((op & 0x78) == 0x70) { /* BKPT */
        o->fn = cpu_x_bkpt;
        o->imm = B(h, 7, 0);
        o->flags |= CPU_INSN_END;
    } else if ((op & 0x78) == 0x78) {
        dec_it_hint(h, o);
    } else {
        cpu_insn_undef(o);
    }
}

void cpu_decode16(uint32_t h, struct cpu_insn *o)
{
    switch (B(h, 15, 11)) {
    case 0x00: case 0x01: case 0x02: case 0x03: case 0x04: case 0x05: case 0x06: case 0x07:
        dec_shift_add(h, o);
        return;
    case 0x08:
        if (B(h, 10, 10) == 0)
            dec_dp(h, o);
        else
            dec_special(h, o);
        return;
    case 0x09: /* LDR literal */
        ls(o, true, CPU_LS_W, CPU_AM_LIT, B(h, 10, 8), 0, 0,
           ((o->pc + 4) & ~3u) + (B(h, 7, 0) << 2));
        return;
    case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x0e: case 0x0f:
    case 0x10: case 0x11: case 0x12: case 0x13:
        dec_ldst(h, o);
        return;
    case 0x14: /* ADR */
        alu_imm(o, CPU_ALU_MOV, false, B(h, 10, 8), 0, ((o->pc + 4) & ~3u) + (B(h, 7, 0) << 2));
        return;
    case 0x15: /* ADD Rd, SP, #imm8 */
        alu_imm(o, CPU_ALU_ADD, false, B(h, 10, 8), 13, B(h, 7, 0) << 2);
        return;
    case 0x16: case 0x17:
        dec_misc(h, o);
        return;
    case 0x18: { /* STM Rn!, list */
        uint32_t list = B(h, 7, 0);
        unsigned rn = B(h, 10, 8);
        if (!list) {
            cpu_insn_undef(o);
            return;
        }
        o->fn = cpu_x_stm;
        o->rn = (uint8_t)rn;
        o->imm = list;
        o->flags |= CPU_INSN_WBACK;
        o->shift_n = (uint8_t)__builtin_popcount(list); /* register count */
        o->cycles = (uint8_t)(1 + o->shift_n);
        return;
    }
    case 0x19: { /* LDM Rn{!}, list: writeback unless Rn is in the list */
        uint32_t list = B(h, 7, 0);
        unsigned rn = B(h, 10, 8);
        if (!list) {
            cpu_insn_undef(o);
            return;
        }
        o->fn = cpu_x_ldm;
        o->rn = (uint8_t)rn;
        o->imm = list;
        if (!(list & (1u << rn)))
            o->flags |= CPU_INSN_WBACK;
        o->shift_n = (uint8_t)__builtin_popcount(list); /* register count */
        o->cycles = (uint8_t)(1 + o->shift_n);
        return;
    }
    case 0x1a: case 0x1b: { /* B<c>, UDF, SVC */
        unsigned cond = B(h, 11, 8);
        if (cond == 14) {
            cpu_insn_undef(o);
        } else if (cond == 15) {
            o->fn = cpu_x_svc;
            o->imm = B(h, 7, 0);
            o->flags |= CPU_INSN_END;
        } else {
            if (cpu_insn_in_it(o)) {
                cpu_insn_undef(o);
                return;
            }
            o->fn = cpu_x_b;
            o->cond = (uint8_t)cond;
            o->imm = o->pc + 4 + (uint32_t)((int32_t)(int8_t)B(h, 7, 0) * 2);
            branch_end(o, 1 + CPU_P_REFILL);
        }
        return;
    }
    case 0x1c: { /* B */
        if (!cpu_insn_last_or_out(o)) {
            cpu_insn_undef(o);
            return;
        }
        int32_t off = (int32_t)(B(h, 10, 0) << 21) >> 20;
        o->fn = cpu_x_b;
        o->imm = o->pc + 4 + (uint32_t)off;
        branch_end(o, 1 + CPU_P_REFILL);
        return;
    }
    default:
        cpu_insn_undef(o);
        return;
    }
}
