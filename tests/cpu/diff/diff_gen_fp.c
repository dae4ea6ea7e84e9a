/* Generators for FPv4-SP: data processing (A6.4), conversions, compares
 * with VMRS APSR_nzcv, register transfers (A6.6) and extension register
 * loads and stores (A6.5).  Single-precision register numbers are split
 * Vx:x (e.g. Sd = Vd:D). */
#include "diff.h"

/* hw1 and hw2 fields of single register Sd (bit 22 / bits 15:12). */
#define D_(r) ((uint16_t)(((r) & 1u) << 6))
#define VD(r) ((uint16_t)(((r) >> 1) << 12))
#define N_(r) ((uint16_t)(((r) & 1u) << 7))
#define VN(r) ((uint16_t)((r) >> 1))
#define M_(r) ((uint16_t)(((r) & 1u) << 5))
#define VM(r) ((uint16_t)((r) >> 1))

static unsigned sreg(struct diff_rng *g) { return diff_below(g, 32); }

void diff_gen_fp_dp(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    (void)st;
    unsigned d = sreg(g), n = sreg(g), m = sreg(g);
    p->steps = 1;
    if (diff_below(g, 3)) {
        /* three-register: VMLA VMLS VNMLS VNMLA VMUL VNMUL VADD VSUB VDIV
         * VFNMS VFNMA VFMA VFMS: opc1 in hw1 bits 7,5:4, op in hw2 bit 6 */
        static const uint16_t opc[][2] = {
            {0xee00, 0}, {0xee00, 1}, {0xee10, 0}, {0xee10, 1}, {0xee20, 0}, {0xee20, 1},
            {0xee30, 0}, {0xee30, 1}, {0xee80, 0}, {0xee90, 0}, {0xee90, 1}, {0xeea0, 0},
            {0xeea0, 1},
        };
        unsigned k = diff_below(g, 13);
        diff_emit32(p, (uint16_t)(opc[k][0] | D_(d) | VN(n)),
                    (uint16_t)(VD(d) | 0xa00u | N_(n) | opc[k][1] << 6 | M_(m) | VM(m)));
        return;
    }
    switch (diff_below(g, 6)) {
    case 0: { /* VMOV.F32 #imm (imm8 -> VFPExpandImm) */
        uint32_t imm8 = diff_below(g, 256);
        diff_emit32(p, (uint16_t)(0xeeb0u | D_(d) | imm8 >> 4), (uint16_t)(VD(d) | 0xa00u | (imm8 & 0xf)));
        return;
    }
    case 1: /* VMOV reg */
        diff_emit32(p, (uint16_t)(0xeeb0u | D_(d)), (uint16_t)(VD(d) | 0xa40u | M_(m) | VM(m)));
        return;
    case 2: /* VABS */
        diff_emit32(p, (uint16_t)(0xeeb0u | D_(d)), (uint16_t)(VD(d) | 0xac0u | M_(m) | VM(m)));
        return;
    case 3: /* VNEG */
        diff_emit32(p, (uint16_t)(0xeeb1u | D_(d)), (uint16_t)(VD(d) | 0xa40u | M_(m) | VM(m)));
        return;
    default: /* VSQRT */
        diff_emit32(p, (uint16_t)(0xeeb1u | D_(d)), (uint16_t)(VD(d) | 0xac0u | M_(m) | VM(m)));
        return;
    }
}

void diff_gen_fp_cvt(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    unsigned d = sreg(g), m = sreg(g);
    p->steps = 1;
    switch (diff_below(g, 4)) {
    case 0: /* VCVT{R}.S32/U32.F32 (to integer; bit 7 = round toward zero) */
        diff_emit32(p, (uint16_t)(0xeebcu | D_(d) | diff_below(g, 2)),
                    (uint16_t)(VD(d) | 0xa40u | diff_below(g, 2) << 7 | M_(m) | VM(m)));
        return;
    case 1: /* VCVT.F32.S32/U32 (from integer; bit 7 = signed) */
        if (diff_below(g, 2))
            st->s[m] = diff_rand_word(g);
        diff_emit32(p, (uint16_t)(0xeeb8u | D_(d)),
                    (uint16_t)(VD(d) | 0xa40u | diff_below(g, 2) << 7 | M_(m) | VM(m)));
        return;
    case 2: { /* VCVT between F32 and fixed point, 16 or 32 bits, Sd in place */
        unsigned to_fixed = diff_below(g, 2), u = diff_below(g, 2), sx = diff_below(g, 2);
        unsigned imm = sx ? diff_below(g, 32) : diff_below(g, 17);   /* size - frac_bits */
        if (!to_fixed && diff_below(g, 2))
            st->s[d] = diff_rand_word(g);
        diff_emit32(p, (uint16_t)(0xeebau | D_(d) | to_fixed << 2 | u),
                    (uint16_t)(VD(d) | 0xa40u | sx << 7 | (imm & 1) << 5 | imm >> 1));
        return;
    }
    default: /* VCVTB / VCVTT between F32 and F16 (AHP, DN, FZ, RMode matter) */
        diff_emit32(p, (uint16_t)(0xeeb2u | D_(d) | diff_below(g, 2)),
                    (uint16_t)(VD(d) | 0xa40u | diff_below(g, 2) << 7 | M_(m) | VM(m)));
        return;
    }
}

void diff_gen_fp_cmp(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    (void)st;
    unsigned d = sreg(g), m = sreg(g);
    unsigned e = diff_below(g, 2);
    if (diff_below(g, 4) == 0) /* VCMP{E} Sd, #0.0 */
        diff_emit32(p, (uint16_t)(0xeeb5u | D_(d)), (uint16_t)(VD(d) | 0xa40u | e << 7));
    else
        diff_emit32(p, (uint16_t)(0xeeb4u | D_(d)), (uint16_t)(VD(d) | 0xa40u | e << 7 | M_(m) | VM(m)));
    p->steps = 1;
    if (diff_below(g, 2)) { /* VMRS APSR_nzcv, FPSCR */
        diff_emit32(p, 0xeef1, 0xfa10);
        p->steps = 2;
    }
}

void diff_gen_fp_mov(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    unsigned n = sreg(g), rt = diff_reg(g), rt2 = diff_reg(g);
    p->steps = 1;
    switch (diff_below(g, 7)) {
    case 0: /* VMOV Sn, Rt / VMOV Rt, Sn */
        diff_emit32(p, (uint16_t)(0xee00u | diff_below(g, 2) << 4 | VN(n)), (uint16_t)(rt << 12 | 0xa10u | N_(n)));
        return;
    case 1: { /* VMOV Sm, Sm1, Rt, Rt2 / VMOV Rt, Rt2, Sm, Sm1 */
        unsigned m = diff_below(g, 31), op = diff_below(g, 2);
        while (op && rt2 == rt)
            rt2 = diff_reg(g);
        diff_emit32(p, (uint16_t)(0xec40u | op << 4 | rt2), (uint16_t)(rt << 12 | 0xa10u | M_(m) | VM(m)));
        return;
    }
    case 2: { /* VMOV Dm, Rt, Rt2 / VMOV Rt, Rt2, Dm */
        unsigned dm = diff_below(g, 16), op = diff_below(g, 2);
        while (op && rt2 == rt)
            rt2 = diff_reg(g);
        diff_emit32(p, (uint16_t)(0xec40u | op << 4 | rt2), (uint16_t)(rt << 12 | 0xb10u | dm));
        return;
    }
    case 3: { /* VMOV.32 Dd[x], Rt / VMOV.32 Rt, Dn[x] */
        unsigned dd = diff_below(g, 16), x = diff_below(g, 2), op = diff_below(g, 2);
        diff_emit32(p, (uint16_t)(0xee00u | op << 4 | x << 5 | dd), (uint16_t)(rt << 12 | 0xb10u));
        return;
    }
    case 4: /* VMRS Rt, FPSCR */
        diff_emit32(p, 0xeef1, (uint16_t)(rt << 12 | 0xa10u));
        return;
    case 5: /* VMSR FPSCR, Rt (any bits: the writable mask matters), then VMRS */
        st->r[rt] = diff_rand(g);
        diff_emit32(p, 0xeee1, (uint16_t)(rt << 12 | 0xa10u));
        diff_emit32(p, 0xeef1, (uint16_t)(rt2 << 12 | 0xa10u));
        p->steps = 2;
        return;
    default: /* VMSR with a valid FPSCR, then an add that depends on it */
        st->r[rt] = diff_rand(g) & 0xf7c0009fu;
        diff_emit32(p, 0xeee1, (uint16_t)(rt << 12 | 0xa10u));
        diff_emit32(p, (uint16_t)(0xee30u | D_(n) | VN(sreg(g))), (uint16_t)(VD(n) | 0xa00u | sreg(g) >> 1));
        p->steps = 2;
        return;
    }
}

void diff_gen_fp_ldst(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    unsigned rn = diff_below(g, 8) == 0 ? 13 : diff_reg(g);
    unsigned load = diff_below(g, 2);
    p->steps = 1;
    if (diff_below(g, 2)) { /* VLDR / VSTR single or double, +-imm8*4, word aligned */
        unsigned dbl = diff_below(g, 2), u = diff_below(g, 2);
        unsigned d = dbl ? diff_below(g, 16) : sreg(g);
        uint32_t imm = diff_below(g, 256);
        uint32_t a = DIFF_RAM_BASE + 4 * diff_below(g, DIFF_RAM_SIZE / 4 - 2);
        if (rn == 13) {
            u = 1;
            imm = (a - DIFF_SP_INIT) / 4 & 0xff;
            if (DIFF_SP_INIT + 4 * imm + 8 > DIFF_RAM_BASE + DIFF_RAM_SIZE)
                imm = 0;
        } else {
            st->r[rn] = a - (u ? 4 * imm : (uint32_t)-(4 * imm));
        }
        uint16_t dbit = dbl ? (uint16_t)((d >> 4) << 6) : D_(d);
        uint16_t vd = dbl ? (uint16_t)((d & 15) << 12) : VD(d);
        if (load && diff_below(g, 8) == 0) { /* VLDR literal */
            rn = 15;
            imm = diff_below(g, 256);
        }
        diff_emit32(p, (uint16_t)(0xed00u | u << 7 | dbit | load << 4 | rn),
                    (uint16_t)(vd | (dbl ? 0xb00u : 0xa00u) | imm));
        return;
    }
    /* VLDM / VSTM: IA, IA!, DB!; single or double lists; VPUSH/VPOP via SP */
    static const unsigned puw[] = {2, 3, 5};       /* P U W bits */
    unsigned mode = puw[diff_below(g, 3)];
    unsigned pbit = mode >> 2, u = mode >> 1 & 1, w = mode & 1;
    unsigned dbl = diff_below(g, 2);
    unsigned first, count;
    if (dbl) {
        first = diff_below(g, 16);
        count = 1 + diff_below(g, 16 - first);
    } else {
        first = sreg(g);
        count = 1 + diff_below(g, 32 - first);
    }
    uint32_t bytes = (dbl ? 8 : 4) * count;
    if (rn == 13) {
        w = 1;
        if (bytes > 0x7f0) /* keep within the window around SP */
            count = 1;
    } else {
        uint32_t a = DIFF_RAM_BASE + 4 * diff_below(g, (DIFF_RAM_SIZE - bytes) / 4 + 1);
        st->r[rn] = pbit ? a + bytes : a;
    }
    uint16_t dbit = dbl ? (uint16_t)((first >> 4) << 6) : D_(first);
    uint16_t vd = dbl ? (uint16_t)((first & 15) << 12) : VD(first);
    diff_emit32(p, (uint16_t)(0xec00u | pbit << 8 | u << 7 | dbit | w << 5 | load << 4 | rn),
                (uint16_t)(vd | (dbl ? 0xb00u : 0xa00u) | (dbl ? 2 * count : count)));
}
