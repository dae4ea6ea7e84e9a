/* Parallel add/subtract (SADD16..UHSAX) as an always-inlined template:
 * with constant kind and op the compiler reduces it to straight-line code.
 * dsp_ops.c instantiates it for dsp_parallel(); dsp_exec.c for one
 * executor per instruction.  Lanes are at most 16 bits, so every
 * intermediate fits an int32_t.  Private to src/core. */
#ifndef F3KIT_DSP_PARALLEL_H
#define F3KIT_DSP_PARALLEL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/dsp_ops.h"

static inline __attribute__((always_inline)) int32_t dsp_lane(uint32_t x, unsigned i, unsigned w,
                                                             bool is_signed)
{
    uint32_t v = (x >> (i * w)) & ((1u << w) - 1);
    if (is_signed && (v >> (w - 1)))
        return (int32_t)v - (1 << w);
    return (int32_t)v;
}

static inline __attribute__((always_inline)) uint32_t
dsp_parallel_inline(enum dsp_par_kind kind, enum dsp_par_op op, uint32_t n, uint32_t m,
                    uint32_t *ge)
{
    if (kind == DSP_U && op == DSP_ADD8) {
        /* UADD8 (memchr/strlen loops): four byte adds at once, each lane's
         * top bit added without carry-in from its neighbour; GE[i] is the
         * carry out of byte i, majority(n7, m7, NOT r7) of its top bits;
         * the multiply gathers bits 0, 8, 16, 24 into bits 21..24 (every
         * partial product lands on its own bit, so nothing carries). */
        uint32_t r = ((n & 0x7f7f7f7fu) + (m & 0x7f7f7f7fu)) ^ ((n ^ m) & 0x80808080u);
        uint32_t c = ((n & m) | ((n | m) & ~r)) & 0x80808080u;
        *ge = ((c >> 7) * 0x00204081u) >> 21 & 15u;
        return r;
    }
    bool is_signed = kind < DSP_U;
    unsigned w = (op == DSP_ADD8 || op == DSP_SUB8) ? 8 : 16;
    unsigned lanes = 32 / w;
    uint32_t result = 0, gebits = 0;
    for (unsigned i = 0; i < lanes; i++) {
        int32_t a = dsp_lane(n, i, w, is_signed), b;
        bool sub;
        switch (op) {
        case DSP_ASX: /* lo: n.lo - m.hi; hi: n.hi + m.lo */
            b = dsp_lane(m, 1 - i, w, is_signed);
            sub = i == 0;
            break;
        case DSP_SAX: /* lo: n.lo + m.hi; hi: n.hi - m.lo */
            b = dsp_lane(m, 1 - i, w, is_signed);
            sub = i == 1;
            break;
        default:
            b = dsp_lane(m, i, w, is_signed);
            sub = op == DSP_SUB8 || op == DSP_SUB16;
            break;
        }
        int32_t r = sub ? a - b : a + b;
        int32_t out;
        bool g;
        switch (kind) {
        case DSP_S: /* GE: the signed result is >= 0 */
            out = r;
            g = r >= 0;
            break;
        case DSP_U: /* GE: carry out of an add, no borrow from a subtract */
            out = r;
            g = sub ? r >= 0 : r >= (1 << w);
            break;
        case DSP_Q: {
            int32_t hi = (1 << (w - 1)) - 1, lo = -hi - 1;
            out = r > hi ? hi : r < lo ? lo : r;
            g = false;
            break;
        }
        case DSP_UQ: {
            int32_t hi = (1 << w) - 1;
            out = r > hi ? hi : r < 0 ? 0 : r;
            g = false;
            break;
        }
        default: /* SH, UH: halving, arithmetic shift of the exact result */
            out = r >> 1;
            g = false;
            break;
        }
        result |= ((uint32_t)out & ((1u << w) - 1)) << (i * w);
        if (g)
            gebits |= (w == 8 ? 1u : 3u) << (i * (w / 8));
    }
    if (kind == DSP_S || kind == DSP_U)
        *ge = gebits;
    return result;
}

#endif
