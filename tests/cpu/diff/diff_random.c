/* Random numbers, values biased toward edge cases, and random machine states. */
#include <string.h>

#include "diff.h"

void diff_rng_seed(struct diff_rng *g, uint64_t seed)
{
    /* xorshift must not start from 0; splitmix the seed so that close seeds
     * give unrelated streams. */
    uint64_t z = seed + 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    g->s = z ? z : 1;
}

uint32_t diff_rand(struct diff_rng *g)
{
    g->s ^= g->s >> 12;
    g->s ^= g->s << 25;
    g->s ^= g->s >> 27;
    return (uint32_t)((g->s * 0x2545f4914f6cdd1dull) >> 32);
}

uint32_t diff_below(struct diff_rng *g, uint32_t n)
{
    return (uint32_t)(((uint64_t)diff_rand(g) * n) >> 32);
}

uint32_t diff_rand_word(struct diff_rng *g)
{
    static const uint32_t edges[] = {
        0, 1, 2, 0xffffffffu, 0xfffffffeu, 0x80000000u, 0x7fffffffu, 0x80000001u,
        0x00008000u, 0x00007fffu, 0xffff8000u, 0x0000ffffu, 0x00010000u, 0x80008000u,
        0x7fff7fffu, 0x00ff00ffu, 0x80808080u, 0x7f7f7f7fu, 0x000000ffu, 0x00000080u,
        31, 32, 33, 0xffffffe0u,
    };
    switch (diff_below(g, 8)) {
    case 0:
    case 1: return edges[diff_below(g, sizeof edges / sizeof edges[0])];
    case 2: return diff_below(g, 70);                  /* small: shift amounts, counts */
    case 3: return (uint32_t)-(int32_t)diff_below(g, 70);
    case 4: return edges[diff_below(g, sizeof edges / sizeof edges[0])] + diff_below(g, 5) - 2;
    default: return diff_rand(g);
    }
}

uint32_t diff_rand_float(struct diff_rng *g)
{
    static const uint32_t specials[] = {
        0x00000000u, 0x80000000u,             /* +-0 */
        0x7f800000u, 0xff800000u,             /* +-inf */
        0x7fc00000u, 0xffc00000u,             /* default/quiet NaNs */
        0x7f800001u, 0xff800123u, 0x7fa00000u,/* signalling NaNs */
        0x7fc12345u,                          /* quiet NaN with payload */
        0x00000001u, 0x807fffffu, 0x00400000u,/* denormals */
        0x00800000u, 0x80800000u,             /* smallest normals */
        0x7f7fffffu, 0xff7fffffu,             /* largest finite */
        0x3f800000u, 0xbf800000u, 0x3f000000u,/* 1, -1, 0.5 */
        0x3fc00000u, 0x40200000u, 0xbfc00000u,/* 1.5, 2.5, -1.5 (ties) */
        0x4f000000u, 0xcf000000u, 0x4f800000u,/* 2^31, -2^31, 2^32 */
        0x4effffffu, 0xcf000001u, 0x4f7fffffu,/* conversion edges */
        0x3effffffu, 0x3f7fffffu,
        0x477fe000u, 0x477ff000u, 0x47800000u,/* half-precision max / overflow */
        0x38800000u, 0x33800000u, 0x387fc000u,/* half-precision min normal / denormal */
    };
    uint32_t r = diff_rand(g);
    switch (diff_below(g, 10)) {
    case 0:
    case 1:
    case 2: return specials[diff_below(g, sizeof specials / sizeof specials[0])];
    case 3: /* denormal or tiny */
        return (r & 0x807fffffu) | (diff_below(g, 3) << 23);
    case 4: /* huge */
        return (r & 0x807fffffu) | ((0xfcu + diff_below(g, 3)) << 23);
    case 5: /* an integer-valued float in a modest range, with a sign */
        return (r & 0x80000000u) | ((127u + diff_below(g, 33)) << 23) | (r & 0x7fe000u);
    case 6: /* small exponents around 1, where sums cancel */
        return (r & 0x807fffffu) | ((120u + diff_below(g, 16)) << 23);
    default: return r;
    }
}

unsigned diff_lo(struct diff_rng *g) { return diff_below(g, 8); }
unsigned diff_reg(struct diff_rng *g) { return diff_below(g, 13); }

unsigned diff_reg_lr(struct diff_rng *g)
{
    unsigned r = diff_below(g, 14);
    return r == 13 ? 14 : r;
}

void diff_state_random(struct diff_rng *g, struct diff_state *st)
{
    memset(st, 0, sizeof *st);
    for (int i = 0; i < 13; i++)
        st->r[i] = diff_rand_word(g);
    st->r[13] = DIFF_SP_INIT;
    st->r[14] = diff_rand_word(g);
    st->r[15] = DIFF_CODE_BASE;
    uint32_t f = diff_rand(g);
    st->n = f & 1;
    st->z = f >> 1 & 1;
    st->c = f >> 2 & 1;
    st->v = f >> 3 & 1;
    st->q = f >> 4 & 1;
    st->ge = f >> 5 & 0xf;
    for (int i = 0; i < 32; i++)
        st->s[i] = diff_rand_float(g);
    /* FPSCR: NZCV, AHP, DN, FZ, RMode and the cumulative flags, all random. */
    st->fpscr = diff_rand(g) & 0xf7c0009fu;
    for (size_t i = 0; i < DIFF_RAM_SIZE; i += 4) {
        uint32_t w = diff_below(g, 4) ? diff_rand(g) : diff_rand_word(g);
        memcpy(&st->ram[i], &w, 4);
    }
}

void diff_emit16(struct diff_prog *p, uint16_t hw)
{
    if (p->nhw < DIFF_CODE_HW)
        p->hw[p->nhw++] = hw;
}

void diff_emit32(struct diff_prog *p, uint16_t hw1, uint16_t hw2)
{
    diff_emit16(p, hw1);
    diff_emit16(p, hw2);
}

uint32_t diff_here(const struct diff_prog *p)
{
    return DIFF_CODE_BASE + 2 * p->nhw;
}

/* Landing pads: MOVS r7, #(index & 0xff).  Where a branch lands shows in r7
 * and in the PC.  A straight program is followed by BKPT #0, where the
 * core's run loop halts (cpu_diff --run); both sides see the same bytes,
 * which matters to PC-relative loads. */
void diff_prog_image(const struct diff_prog *p, uint16_t img[DIFF_CODE_HW])
{
    for (unsigned i = 0; i < DIFF_CODE_HW; i++) {
        bool pad = i < p->start_hw || i >= p->nhw;
        img[i] = !pad ? p->hw[i] : p->bkpt_pads ? 0xbe00 : (uint16_t)(0x2700u | (i & 0xffu));
    }
    if (!p->jumps && p->nhw < DIFF_CODE_HW)
        img[p->nhw] = 0xbe00;
}

bool diff_cond_holds(unsigned cond, const struct diff_state *st)
{
    bool r;
    switch (cond >> 1) {
    case 0: r = st->z; break;
    case 1: r = st->c; break;
    case 2: r = st->n; break;
    case 3: r = st->v; break;
    case 4: r = st->c && !st->z; break;
    case 5: r = st->n == st->v; break;
    case 6: r = st->n == st->v && !st->z; break;
    default: return true;
    }
    return (cond & 1) ? !r : r;
}
