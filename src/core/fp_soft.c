/* FPUnpack, FPRound and NaN processing (ARMv7-M ARM A2.5, pseudocode
 * library "Floating-point rounding" and "NaN handling"). */
#include "core/fp_soft.h"

const struct fp_fmt fp_single = {8, 23};
const struct fp_fmt fp_half = {5, 10};

struct fp_val fp_unpack32(uint32_t x, uint32_t *fpscr)
{
    struct fp_val v = {FPT_ZERO, x >> 31, 0, 0};
    uint32_t e = x >> 23 & 0xff, f = x & 0x7fffff;
    if (e == 0) {
        if (f == 0)
            return v;
        if (*fpscr & FPSCR_FZ) {
            *fpscr |= FPSCR_IDC; /* input flushed: value is a signed zero */
            return v;
        }
        v.type = FPT_NONZERO;
        v.exp = -149;
        v.mant = f;
    } else if (e == 0xff) {
        v.type = f == 0 ? FPT_INF : (f & 0x400000) ? FPT_QNAN : FPT_SNAN;
    } else {
        v.type = FPT_NONZERO;
        v.exp = (int32_t)e - 150;
        v.mant = f | 0x800000;
    }
    return v;
}

struct fp_val fp_unpack16(uint16_t x, bool ahp)
{
    struct fp_val v = {FPT_ZERO, x >> 15, 0, 0};
    uint32_t e = x >> 10 & 0x1f, f = x & 0x3ff;
    if (e == 0) {
        if (f == 0)
            return v;
        v.type = FPT_NONZERO;
        v.exp = -24;
        v.mant = f;
    } else if (e == 0x1f && !ahp) {
        v.type = f == 0 ? FPT_INF : (f & 0x200) ? FPT_QNAN : FPT_SNAN;
    } else {
        v.type = FPT_NONZERO;
        v.exp = (int32_t)e - 25;
        v.mant = f | 0x400;
    }
    return v;
}

uint32_t fp_round(const struct fp_fmt *fmt, bool sign, int32_t exp, uint64_t mant,
                  uint32_t *fpscr)
{
    const unsigned F = fmt->fbits, E = fmt->ebits, N = 1 + E + F;
    const bool half = N == 16;
    const int32_t min_exp = 2 - (1 << (E - 1));
    /* Normalize: bit 63 set, value = 1.f * 2^expo. */
    unsigned lz = (unsigned)__builtin_clzll(mant);
    mant <<= lz;
    int32_t expo = exp + 63 - (int32_t)lz;

    /* Flush-to-zero happens on the unrounded value and sets only UFC. */
    if ((*fpscr & FPSCR_FZ) && !half && expo < min_exp) {
        *fpscr |= FPSCR_UFC;
        return (uint32_t)sign << (N - 1);
    }
    int32_t biased = expo - min_exp + 1;
    if (biased <= 0) {
        mant = fp_shr_jam(mant, (unsigned)(1 - biased));
        biased = 0;
    }
    uint64_t int_mant = mant >> (63 - F);
    uint64_t rest = mant << (F + 1); /* the fraction below int_mant, as 0.rest */
    const uint64_t halfway = 1ull << 63;

    /* Underflow: tiny before rounding and inexact (A2.5.9). */
    if (biased == 0 && rest != 0)
        *fpscr |= FPSCR_UFC;

    bool round_up, overflow_to_inf;
    switch (fp_rmode(*fpscr)) {
    case FP_RN:
        round_up = rest > halfway || (rest == halfway && (int_mant & 1));
        overflow_to_inf = true;
        break;
    case FP_RP:
        round_up = rest != 0 && !sign;
        overflow_to_inf = !sign;
        break;
    case FP_RM:
        round_up = rest != 0 && sign;
        overflow_to_inf = sign;
        break;
    default:
        round_up = false;
        overflow_to_inf = false;
        break;
    }
    if (round_up) {
        int_mant++;
        if (int_mant == 1ull << F) /* denormal rounded up to the smallest normal */
            biased = 1;
        if (int_mant == 1ull << (F + 1)) {
            biased++;
            int_mant >>= 1;
        }
    }

    bool inexact = rest != 0;
    uint32_t result;
    uint32_t sbit = (uint32_t)sign << (N - 1);
    if (!(half && (*fpscr & FPSCR_AHP))) {
        if (biased >= (1 << E) - 1) {
            uint32_t inf = ((1u << E) - 1) << F;
            result = sbit | (overflow_to_inf ? inf : inf - 1);
            *fpscr |= FPSCR_OFC;
            inexact = true;
        } else {
            result = sbit | (uint32_t)biased << F | (uint32_t)(int_mant & ((1ull << F) - 1));
        }
    } else {
        /* Alternative half precision has no infinity: saturate with IOC, and
         * the pseudocode clears the error so there is no IXC. */
        if (biased >= 1 << E) {
            result = sbit | 0x7fff;
            *fpscr |= FPSCR_IOC;
            inexact = false;
        } else {
            result = sbit | (uint32_t)biased << F | (uint32_t)(int_mant & ((1ull << F) - 1));
        }
    }
    if (inexact)
        *fpscr |= FPSCR_IXC;
    return result;
}

uint32_t fp_process_nan(const struct fp_val *v, uint32_t bits, uint32_t *fpscr)
{
    if (v->type == FPT_SNAN)
        *fpscr |= FPSCR_IOC;
    if (*fpscr & FPSCR_DN)
        return FP_DEFAULT_NAN;
    return bits | 0x400000;
}

bool fp_process_nans(const struct fp_val *a, uint32_t abits, const struct fp_val *b,
                     uint32_t bbits, uint32_t *result, uint32_t *fpscr)
{
    if (a->type == FPT_SNAN)
        *result = fp_process_nan(a, abits, fpscr);
    else if (b->type == FPT_SNAN)
        *result = fp_process_nan(b, bbits, fpscr);
    else if (a->type == FPT_QNAN)
        *result = fp_process_nan(a, abits, fpscr);
    else if (b->type == FPT_QNAN)
        *result = fp_process_nan(b, bbits, fpscr);
    else
        return false;
    return true;
}

bool fp_process_nans3(const struct fp_val *a, uint32_t abits, const struct fp_val *b,
                      uint32_t bbits, const struct fp_val *c, uint32_t cbits,
                      uint32_t *result, uint32_t *fpscr)
{
    if (a->type == FPT_SNAN)
        *result = fp_process_nan(a, abits, fpscr);
    else if (b->type == FPT_SNAN)
        *result = fp_process_nan(b, bbits, fpscr);
    else if (c->type == FPT_SNAN)
        *result = fp_process_nan(c, cbits, fpscr);
    else if (a->type == FPT_QNAN)
        *result = fp_process_nan(a, abits, fpscr);
    else if (b->type == FPT_QNAN)
        *result = fp_process_nan(b, bbits, fpscr);
    else if (c->type == FPT_QNAN)
        *result = fp_process_nan(c, cbits, fpscr);
    else
        return false;
    return true;
}
