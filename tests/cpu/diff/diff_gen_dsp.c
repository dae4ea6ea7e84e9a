/* Generators for the DSP extension: parallel add/subtract with GE flags and
 * SEL (A5.3.14, A5.3.15), saturating arithmetic and packing (QADD..,
 * SSAT16/USAT16, PKHBT/PKHTB, SXTB16/UXTB16 and their accumulating forms),
 * and the DSP multiplies (A5.3.16, A5.3.17). */
#include "diff.h"

void diff_gen_dsp_simd(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    (void)st;
    unsigned rd = diff_reg(g), rn = diff_reg(g), rm = diff_reg(g);
    static const unsigned op1[] = {0, 1, 2, 4, 5, 6};   /* ADD8 ADD16 ASX SUB8 SUB16 SAX */
    if (diff_below(g, 6) == 0) {
        /* Set GE with an SADD16/UADD8 etc., then SEL on it. */
        unsigned u = diff_below(g, 2);
        diff_emit32(p, (uint16_t)(0xfa80u | op1[diff_below(g, 6)] << 4 | rn),
                    (uint16_t)(0xf000u | rd << 8 | u << 6 | rm));
        diff_emit32(p, (uint16_t)(0xfaa0u | diff_reg(g)),
                    (uint16_t)(0xf080u | diff_reg(g) << 8 | diff_reg(g)));
        p->steps = 2;
        return;
    }
    if (diff_below(g, 8) == 0) { /* SEL alone, on the random GE */
        diff_emit32(p, (uint16_t)(0xfaa0u | rn), (uint16_t)(0xf080u | rd << 8 | rm));
        p->steps = 1;
        return;
    }
    /* prefix: hw2[6:4] = 0 S, 1 Q, 2 SH, 4 U, 5 UQ, 6 UH */
    static const unsigned pre[] = {0, 1, 2, 4, 5, 6};
    diff_emit32(p, (uint16_t)(0xfa80u | op1[diff_below(g, 6)] << 4 | rn),
                (uint16_t)(0xf000u | rd << 8 | pre[diff_below(g, 6)] << 4 | rm));
    p->steps = 1;
}

void diff_gen_dsp_sat(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    (void)st;
    unsigned rd = diff_reg(g), rn = diff_reg(g), rm = diff_reg(g);
    p->steps = 1;
    switch (diff_below(g, 6)) {
    case 0:
    case 1: /* QADD QDADD QSUB QDSUB */
        diff_emit32(p, (uint16_t)(0xfa80u | rn), (uint16_t)(0xf080u | rd << 8 | diff_below(g, 4) << 4 | rm));
        return;
    case 2: /* SSAT16 / USAT16 */
        diff_emit32(p, (uint16_t)((diff_below(g, 2) ? 0xf3a0u : 0xf320u) | rn),
                    (uint16_t)(rd << 8 | diff_below(g, 16)));
        return;
    case 3: { /* PKHBT / PKHTB */
        unsigned imm = diff_below(g, 32), tb = diff_below(g, 2);
        diff_emit32(p, (uint16_t)(0xeac0u | rn),
                    (uint16_t)((imm >> 2) << 12 | rd << 8 | (imm & 3) << 6 | tb << 5 | rm));
        return;
    }
    case 4: { /* SXTAB16 UXTAB16, SXTB16 UXTB16 (Rn = PC) */
        if (diff_below(g, 2))
            rn = 15;
        diff_emit32(p, (uint16_t)(0xfa20u | diff_below(g, 2) << 4 | rn),
                    (uint16_t)(0xf080u | rd << 8 | diff_below(g, 4) << 4 | rm));
        return;
    }
    default: { /* USAD8 / USADA8 */
        unsigned ra = diff_below(g, 2) ? 15 : diff_reg(g);
        diff_emit32(p, (uint16_t)(0xfb70u | rn), (uint16_t)(ra << 12 | rd << 8 | rm));
        return;
    }
    }
}

void diff_gen_dsp_mul(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    (void)st;
    unsigned rd = diff_reg(g), rn = diff_reg(g), rm = diff_reg(g);
    unsigned ra = diff_below(g, 3) == 0 ? 15 : diff_reg(g);
    p->steps = 1;
    switch (diff_below(g, 3)) {
    case 0: /* SMLA<x><y> / SMUL<x><y> (op1 001, hw2[5:4] = N M) */
        diff_emit32(p, (uint16_t)(0xfb10u | rn), (uint16_t)(ra << 12 | rd << 8 | diff_below(g, 4) << 4 | rm));
        return;
    case 1: { /* SMLAD SMUAD (010) SMLAW SMULW (011) SMLSD SMUSD (100) SMMLA SMMUL (101) SMMLS (110) */
        unsigned op1 = 2 + diff_below(g, 5);
        if (op1 == 6 && ra == 15)
            ra = diff_reg(g);                     /* SMMLS has no Ra = PC form */
        diff_emit32(p, (uint16_t)(0xfb00u | op1 << 4 | rn),
                    (uint16_t)(ra << 12 | rd << 8 | diff_below(g, 2) << 4 | rm));
        return;
    }
    default: { /* SMLAL<x><y> (100 10xy), SMLALD (100 110x), SMLSLD (101 110x) */
        unsigned lo = diff_reg(g), hi = diff_reg(g);
        while (hi == lo)
            hi = diff_reg(g);
        unsigned k = diff_below(g, 3);
        unsigned op1 = k == 2 ? 5 : 4;
        unsigned op2 = k == 0 ? 8 | diff_below(g, 4) : 12 | diff_below(g, 2);
        diff_emit32(p, (uint16_t)(0xfb80u | op1 << 4 | rn), (uint16_t)(lo << 12 | hi << 8 | op2 << 4 | rm));
        return;
    }
    }
}
