/* Generators for the integer classes: data processing (modified immediate,
 * plain immediate, shifted register, register-controlled shifts, the 16-bit
 * forms), multiply and divide, bitfield/reverse/extend/saturate, and
 * MRS/MSR APSR.  Encodings: ARMv7-M ARM (DDI0403E) A5.2 and A5.3. */
#include "diff.h"

/* T32 data processing (modified immediate), A5.3.1.  op: AND BIC ORR ORN
 * EOR ADD ADC SBC SUB RSB; Rd=PC+S is TST/TEQ/CMN/CMP, Rn=PC is MOV/MVN. */
static void dp_modimm(struct diff_rng *g, struct diff_prog *p)
{
    static const unsigned ops[] = {0, 1, 2, 3, 4, 8, 10, 11, 13, 14};
    unsigned op = ops[diff_below(g, 10)];
    unsigned s = diff_below(g, 2);
    unsigned rd = diff_reg(g), rn = diff_reg(g);
    unsigned form = diff_below(g, 4);
    if (form == 0 && (op == 2 || op == 3))
        rn = 15;                                   /* MOV / MVN */
    else if (form == 0 && (op == 0 || op == 4 || op == 8 || op == 13)) {
        rd = 15;                                   /* TST TEQ CMN CMP */
        s = 1;
    }
    uint32_t imm12 = diff_rand(g) & 0xfff;
    /* ThumbExpandImm: a replicated pattern (imm12<11:10> = 00, <9:8> != 00)
     * of a zero byte is UNPREDICTABLE (A5.3.2). */
    if ((imm12 & 0xc00u) == 0 && (imm12 & 0x300u) != 0 && (imm12 & 0xffu) == 0)
        imm12 |= 1u + diff_below(g, 255);
    diff_emit32(p, (uint16_t)(0xf000u | (imm12 >> 11) << 10 | op << 5 | s << 4 | rn),
                (uint16_t)((imm12 >> 8 & 7) << 12 | rd << 8 | (imm12 & 0xff)));
}

/* T32 data processing (plain binary immediate), A5.3.3: ADDW SUBW (also
 * ADR when Rn is PC), MOVW, MOVT. */
static void dp_plainimm(struct diff_rng *g, struct diff_prog *p)
{
    static const unsigned ops[] = {0x00, 0x0a, 0x04, 0x0c};
    unsigned op = ops[diff_below(g, 4)];
    unsigned rd = diff_reg(g);
    uint32_t imm = diff_rand(g);
    unsigned rn;
    if (op == 0x04 || op == 0x0c)
        rn = imm >> 12 & 0xf;                      /* imm4 of imm16 */
    else
        rn = diff_below(g, 5) == 0 ? 15 : diff_reg(g);
    diff_emit32(p, (uint16_t)(0xf200u | (imm >> 11 & 1) << 10 | op << 4 | rn),
                (uint16_t)((imm >> 8 & 7) << 12 | rd << 8 | (imm & 0xff)));
}

/* SP arithmetic the compilers emit (A7.7.5, A7.7.6, A7.7.173, A7.7.174):
 * ADD/SUB{S}.W SP, SP, #const, ADDW/SUBW SP, SP, #imm12, ADD/SUB Rd, SP,
 * #const, ADD.W Rd, SP, Rm, LSL #n, 16-bit ADD Rd, SP, Rd and MOV SP, Rm.
 * Values written to SP stay word aligned (others are UNPREDICTABLE). */
static void sp_arith(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    unsigned rd = diff_reg(g), rm = diff_reg(g), s = diff_below(g, 2);
    unsigned op = diff_below(g, 2) ? 8 : 13;                  /* ADD : SUB */
    switch (diff_below(g, 5)) {
    case 0: { /* ADD/SUB{S}.W SP, SP, #const: a byte shifted left by >= 2 */
        uint32_t rot = 8 + diff_below(g, 23), imm8 = 0x80u | diff_below(g, 128);
        uint32_t imm12 = rot << 7 | (imm8 & 0x7f);
        diff_emit32(p, (uint16_t)(0xf000u | (imm12 >> 11) << 10 | op << 5 | s << 4 | 13),
                    (uint16_t)((imm12 >> 8 & 7) << 12 | 13 << 8 | (imm12 & 0xff)));
        return;
    }
    case 1: { /* ADDW/SUBW SP, SP, #imm12 (multiple of 4) */
        uint32_t imm = 4 * diff_below(g, 1024);
        diff_emit32(p, (uint16_t)((op == 8 ? 0xf200u : 0xf2a0u) | (imm >> 11) << 10 | 13),
                    (uint16_t)((imm >> 8 & 7) << 12 | 13 << 8 | (imm & 0xff)));
        return;
    }
    case 2: { /* ADD/SUB{S}.W Rd, SP, #const */
        uint32_t imm12 = diff_rand(g) & 0xfffu;
        if ((imm12 & 0xc00u) == 0 && (imm12 & 0x300u) != 0 && (imm12 & 0xffu) == 0)
            imm12 |= 1;
        diff_emit32(p, (uint16_t)(0xf000u | (imm12 >> 11) << 10 | op << 5 | s << 4 | 13),
                    (uint16_t)((imm12 >> 8 & 7) << 12 | rd << 8 | (imm12 & 0xff)));
        return;
    }
    case 3: { /* ADD{S}.W / SUB{S}.W Rd, SP, Rm, LSL #0-3 */
        unsigned sh = diff_below(g, 4);
        diff_emit32(p, (uint16_t)(0xea00u | op << 5 | s << 4 | 13),
                    (uint16_t)((sh >> 2) << 12 | rd << 8 | (sh & 3) << 6 | rm));
        return;
    }
    default:
        if (diff_below(g, 2)) { /* ADD Rd, SP, Rd (16-bit, high registers) */
            diff_emit16(p, (uint16_t)(0x4468u | (rd >> 3) << 7 | (rd & 7)));
        } else { /* MOV SP, Rm with an aligned value */
            st->r[rm] = DIFF_RAM_BASE + 4 * diff_below(g, DIFF_RAM_SIZE / 4);
            diff_emit16(p, (uint16_t)(0x4685u | rm << 3));
        }
        return;
    }
}

void diff_gen_dp_imm(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    unsigned k = diff_below(g, 8);
    if (k < 5)
        dp_modimm(g, p);
    else if (k < 7)
        dp_plainimm(g, p);
    else
        sp_arith(g, p, st);
    p->steps = 1;
}

/* T32 data processing (shifted register), A5.3.11, and register-controlled
 * shifts, A5.3.12. */
static void dp_shiftreg(struct diff_rng *g, struct diff_prog *p)
{
    static const unsigned ops[] = {0, 1, 2, 3, 4, 8, 10, 11, 13, 14};
    unsigned op = ops[diff_below(g, 10)];
    unsigned s = diff_below(g, 2);
    unsigned rd = diff_reg(g), rn = diff_reg(g), rm = diff_reg(g);
    unsigned form = diff_below(g, 4);
    if (form == 0 && (op == 2 || op == 3))
        rn = 15;                                   /* MOV/shifts, MVN */
    else if (form == 0 && (op == 0 || op == 4 || op == 8 || op == 13)) {
        rd = 15;
        s = 1;
    }
    unsigned imm5 = diff_below(g, 32), type = diff_below(g, 4);
    diff_emit32(p, (uint16_t)(0xea00u | op << 5 | s << 4 | rn),
                (uint16_t)((imm5 >> 2) << 12 | rd << 8 | (imm5 & 3) << 6 | type << 4 | rm));
}

static void dp_regshift(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    unsigned type = diff_below(g, 4), s = diff_below(g, 2);
    unsigned rd = diff_reg(g), rn = diff_reg(g), rm = diff_reg(g);
    /* The amount is Rm[7:0]: make the interesting amounts common. */
    if (diff_below(g, 2))
        st->r[rm] = (diff_rand(g) & ~0xffu) | diff_below(g, 40);
    diff_emit32(p, (uint16_t)(0xfa00u | type << 5 | s << 4 | rn),
                (uint16_t)(0xf000u | rd << 8 | rm));
}

void diff_gen_dp_reg(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    if (diff_below(g, 4))
        dp_shiftreg(g, p);
    else
        dp_regshift(g, p, st);
    p->steps = 1;
}

/* 16-bit data processing, A5.2.1-A5.2.3.  in_it: inside an IT block, where
 * MOVS Rd,Rm (LSL #0) is UNPREDICTABLE. */
static void dp16(struct diff_rng *g, struct diff_prog *p, bool in_it)
{
    unsigned rd = diff_lo(g), rn = diff_lo(g), rm = diff_lo(g);
    switch (diff_below(g, 8)) {
    case 0: { /* LSL/LSR/ASR #imm5 */
        unsigned op = diff_below(g, 3), imm5 = diff_below(g, 32);
        if (in_it && op == 0 && imm5 == 0)
            imm5 = 1;
        diff_emit16(p, (uint16_t)(op << 11 | imm5 << 6 | rm << 3 | rd));
        break;
    }
    case 1: /* ADDS/SUBS reg, ADDS/SUBS imm3 */
        diff_emit16(p, (uint16_t)(0x1800u | diff_below(g, 4) << 9 | rm << 6 | rn << 3 | rd));
        break;
    case 2: /* MOVS CMP ADDS SUBS #imm8 */
        diff_emit16(p, (uint16_t)(0x2000u | diff_below(g, 4) << 11 | rd << 8 | (diff_rand(g) & 0xff)));
        break;
    case 3:
    case 4:
    case 5: /* ALU ops AND..MVN */
        diff_emit16(p, (uint16_t)(0x4000u | diff_below(g, 16) << 6 | rm << 3 | rd));
        break;
    case 6: { /* ADD / CMP / MOV with high registers (never SP or PC) */
        unsigned op = diff_below(g, 3);
        unsigned d = diff_reg(g), m = diff_reg(g);
        if (op == 1 && d < 8 && m < 8)
            m += 8;                                /* CMP needs a high register */
        if (op == 1 && m > 12)
            m = 12;
        diff_emit16(p, (uint16_t)(0x4400u | op << 8 | (d >> 3) << 7 | m << 3 | (d & 7)));
        break;
    }
    default: /* ADR, ADD Rd,SP,#imm */
        diff_emit16(p, (uint16_t)(0xa000u | diff_below(g, 2) << 11 | rd << 8 | (diff_rand(g) & 0xff)));
        break;
    }
}

void diff_gen_dp16(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    (void)st;
    if (diff_below(g, 16) == 0) /* ADD/SUB SP, SP, #imm7 */
        diff_emit16(p, (uint16_t)(0xb000u | diff_below(g, 2) << 7 | diff_below(g, 128)));
    else
        dp16(g, p, false);
    p->steps = 1;
}

void diff_emit_alu(struct diff_rng *g, struct diff_prog *p, bool in_it)
{
    switch (diff_below(g, 4)) {
    case 0: dp_modimm(g, p); break;
    case 1: dp_shiftreg(g, p); break;
    default: dp16(g, p, in_it); break;
    }
}

/* MUL MLA MLS (A5.3.16 op1=000), long multiplies (A5.3.17). */
void diff_gen_mul(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    (void)st;
    unsigned rd = diff_reg(g), rn = diff_reg(g), rm = diff_reg(g), ra = diff_reg(g);
    switch (diff_below(g, 5)) {
    case 0: /* MULS (16-bit) */
        diff_emit16(p, (uint16_t)(0x4340u | diff_lo(g) << 3 | diff_lo(g)));
        break;
    case 1: /* MUL, MLA, MLS */ {
        unsigned k = diff_below(g, 3);
        unsigned a = k == 0 ? 15 : ra;
        diff_emit32(p, (uint16_t)(0xfb00u | rn),
                    (uint16_t)(a << 12 | rd << 8 | (k == 2) << 4 | rm));
        break;
    }
    default: { /* SMULL UMULL SMLAL UMLAL UMAAL */
        static const unsigned op1[] = {0, 2, 4, 6, 6};
        static const unsigned op2[] = {0, 0, 0, 0, 6};
        unsigned k = diff_below(g, 5);
        unsigned lo = diff_reg(g), hi = diff_reg(g);
        while (hi == lo)
            hi = diff_reg(g);                      /* RdLo == RdHi is UNPREDICTABLE */
        diff_emit32(p, (uint16_t)(0xfb80u | op1[k] << 4 | rn),
                    (uint16_t)(lo << 12 | hi << 8 | op2[k] << 4 | rm));
        break;
    }
    }
    p->steps = 1;
}

/* SDIV / UDIV (A5.3.17).  Division by zero gives 0 with CCR.DIV_0_TRP clear
 * (the reset value); INT_MIN / -1 gives INT_MIN. */
void diff_gen_div(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    unsigned rd = diff_reg(g), rn = diff_reg(g), rm = diff_reg(g);
    switch (diff_below(g, 6)) {
    case 0: st->r[rm] = 0; break;
    case 1: st->r[rn] = 0x80000000u; st->r[rm] = 0xffffffffu; break;
    case 2: st->r[rm] = diff_below(g, 20) + 1; break;
    default: break;
    }
    unsigned u = diff_below(g, 2);
    diff_emit32(p, (uint16_t)(0xfb90u | u << 5 | rn), (uint16_t)(0xf0f0u | rd << 8 | rm));
    p->steps = 1;
}

/* Bitfield, reverse, extend, count, saturate.  A5.3.3, A5.3.12, A5.3.15,
 * A5.2.5 (16-bit extend and reverse). */
void diff_gen_bits(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    (void)st;
    unsigned rd = diff_reg(g), rn = diff_reg(g), rm = diff_reg(g);
    switch (diff_below(g, 9)) {
    case 0: { /* SBFX / UBFX */
        unsigned lsb = diff_below(g, 32), w = diff_below(g, 32 - lsb);
        diff_emit32(p, (uint16_t)((diff_below(g, 2) ? 0xf3c0u : 0xf340u) | rn),
                    (uint16_t)((lsb >> 2) << 12 | rd << 8 | (lsb & 3) << 6 | w));
        break;
    }
    case 1: { /* BFI / BFC (Rn = PC) */
        unsigned lsb = diff_below(g, 32), msb = lsb + diff_below(g, 32 - lsb);
        if (diff_below(g, 4) == 0)
            rn = 15;
        diff_emit32(p, (uint16_t)(0xf360u | rn),
                    (uint16_t)((lsb >> 2) << 12 | rd << 8 | (lsb & 3) << 6 | msb));
        break;
    }
    case 2: { /* SSAT / USAT with a shift (not the 16-bit forms) */
        unsigned sh = diff_below(g, 2), amt = diff_below(g, 32);
        if (sh && amt == 0)
            amt = 1;
        diff_emit32(p, (uint16_t)((diff_below(g, 2) ? 0xf380u : 0xf300u) | sh << 5 | rn),
                    (uint16_t)((amt >> 2) << 12 | rd << 8 | (amt & 3) << 6 | diff_below(g, 32)));
        break;
    }
    case 3: /* CLZ, REV, REV16, RBIT, REVSH: Rm in both fields */ {
        static const uint16_t k[][2] = {
            {0xfab0, 0xf080}, {0xfa90, 0xf080}, {0xfa90, 0xf090}, {0xfa90, 0xf0a0}, {0xfa90, 0xf0b0},
        };
        unsigned i = diff_below(g, 5);
        diff_emit32(p, (uint16_t)(k[i][0] | rm), (uint16_t)(k[i][1] | rd << 8 | rm));
        break;
    }
    case 4:
    case 5: { /* SXTAH UXTAH SXTAB UXTAB and SXTH.W .. UXTB.W (Rn = PC) */
        static const unsigned op1[] = {0, 1, 4, 5};
        if (diff_below(g, 2))
            rn = 15;
        diff_emit32(p, (uint16_t)(0xfa00u | op1[diff_below(g, 4)] << 4 | rn),
                    (uint16_t)(0xf080u | rd << 8 | diff_below(g, 4) << 4 | rm));
        break;
    }
    case 6: /* 16-bit SXTH SXTB UXTH UXTB */
        diff_emit16(p, (uint16_t)(0xb200u | diff_below(g, 4) << 6 | diff_lo(g) << 3 | diff_lo(g)));
        break;
    case 7: { /* 16-bit REV REV16 REVSH */
        static const unsigned op[] = {0, 1, 3};
        diff_emit16(p, (uint16_t)(0xba00u | op[diff_below(g, 3)] << 6 | diff_lo(g) << 3 | diff_lo(g)));
        break;
    }
    default: { /* MOVW/MOVT pair, building a constant */
        uint32_t imm = diff_rand(g);
        diff_emit32(p, (uint16_t)(0xf240u | (imm >> 11 & 1) << 10 | (imm >> 12 & 0xf)),
                    (uint16_t)((imm >> 8 & 7) << 12 | rd << 8 | (imm & 0xff)));
        imm = diff_rand(g);
        diff_emit32(p, (uint16_t)(0xf2c0u | (imm >> 11 & 1) << 10 | (imm >> 12 & 0xf)),
                    (uint16_t)((imm >> 8 & 7) << 12 | rd << 8 | (imm & 0xff)));
        p->steps = 2;
        return;
    }
    }
    p->steps = 1;
}

/* MRS of the PSR views and of the special registers; MSR APSR_nzcvq/g
 * (A5.3.4, B5.2.2, B5.2.3). */
void diff_gen_psr(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    (void)st;
    static const unsigned mrs_sysm[] = {0, 1, 2, 3, 5, 6, 7, 8, 16, 17, 18, 19, 20};
    unsigned rd = diff_reg(g), rn = diff_reg(g);
    unsigned k = diff_below(g, 3);
    if (k == 0) {
        diff_emit32(p, 0xf3ef, (uint16_t)(0x8000u | rd << 8 | mrs_sysm[diff_below(g, 13)]));
        p->steps = 1;
        return;
    }
    /* MSR APSR (any of the four APSR views), then read it back. */
    unsigned mask = 1 + diff_below(g, 3);
    diff_emit32(p, (uint16_t)(0xf380u | rn), (uint16_t)(0x8000u | mask << 10 | diff_below(g, 4)));
    diff_emit32(p, 0xf3ef, (uint16_t)(0x8000u | rd << 8 | mrs_sysm[diff_below(g, 4)]));
    p->steps = 2;
}

/* Hints and barriers (A5.3.4, A5.2.5): NOP, YIELD, SEV, DMB, DSB, ISB, and
 * the preload hints PLD/PLI in every addressing mode (A5.3.7-A5.3.10), which
 * never access memory, so their address may be anything. */
void diff_gen_misc(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    (void)st;
    unsigned rn = diff_reg(g), rm = diff_reg(g);
    p->steps = 1;
    switch (diff_below(g, 6)) {
    case 0: { /* 16-bit NOP YIELD SEV */
        static const uint16_t k[] = {0xbf00, 0xbf10, 0xbf40};
        diff_emit16(p, k[diff_below(g, 3)]);
        return;
    }
    case 1: { /* NOP.W YIELD.W SEV.W DMB DSB ISB */
        static const uint16_t k[][2] = {
            {0xf3af, 0x8000}, {0xf3af, 0x8001}, {0xf3af, 0x8004},
            {0xf3bf, 0x8f5f}, {0xf3bf, 0x8f4f}, {0xf3bf, 0x8f6f},
        };
        unsigned i = diff_below(g, 6);
        diff_emit32(p, k[i][0], k[i][1]);
        return;
    }
    default: { /* PLD / PLI: imm12, -imm8, register, literal */
        uint16_t base = diff_below(g, 2) ? 0xf810u : 0xf910u;  /* PLD : PLI */
        switch (diff_below(g, 4)) {
        case 0: diff_emit32(p, (uint16_t)(base | 0x80u | rn), (uint16_t)(0xf000u | diff_below(g, 4096))); break;
        case 1: diff_emit32(p, (uint16_t)(base | rn), (uint16_t)(0xfc00u | diff_below(g, 256))); break;
        case 2: diff_emit32(p, (uint16_t)(base | rn), (uint16_t)(0xf000u | diff_below(g, 4) << 4 | rm)); break;
        default: diff_emit32(p, (uint16_t)(base | diff_below(g, 2) << 7 | 0xf), (uint16_t)(0xf000u | diff_below(g, 4096))); break;
        }
        return;
    }
    }
}
