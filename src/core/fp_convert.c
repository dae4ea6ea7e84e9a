/* Conversions: FPToFixed, FixedToFP, FPSingleToHalf, FPHalfToSingle and
 * VFPExpandImm (ARMv7-M ARM A2.5 and A7.7.43..A7.7.46). */
#include "core/fp_soft.h"

uint32_t fp_to_fixed(uint32_t a, unsigned size, unsigned fbits, bool is_unsigned,
                     bool round_zero, uint32_t *fpscr)
{
    struct fp_val v = fp_unpack32(a, fpscr);
    enum fp_rmode mode = round_zero ? FP_RZ : fp_rmode(*fpscr);
    /* Work on the magnitude: RoundDown of a negative value is the magnitude
     * rounded up, so each mode becomes "up or not" on the magnitude. */
    uint64_t mag = 0, rest = 0; /* integer part; fraction as 0.rest */
    bool too_big = false;
    switch (v.type) {
    case FPT_QNAN:
    case FPT_SNAN:
        /* The pseudocode converts NaNs as the value 0 after signalling IOC. */
        *fpscr |= FPSCR_IOC;
        return 0;
    case FPT_ZERO:
        break;
    case FPT_INF:
        too_big = true;
        break;
    case FPT_NONZERO: {
        int32_t e = v.exp + (int32_t)fbits;
        if (e >= 0) {
            if (fp_msb(v.mant) + (uint32_t)e >= 40)
                too_big = true; /* far beyond any 32-bit result */
            else
                mag = v.mant << e;
        } else if (e > -64) {
            mag = v.mant >> -e;
            rest = v.mant << (64 + e);
        } else {
            rest = 1; /* below one half, not zero */
        }
        break;
    }
    }
    bool round_up;
    switch (mode) {
    case FP_RN:
        round_up = rest > (1ull << 63) || (rest == (1ull << 63) && (mag & 1));
        break;
    case FP_RP: round_up = rest != 0 && !v.sign; break;
    case FP_RM: round_up = rest != 0 && v.sign; break;
    default: round_up = false; break;
    }
    mag += round_up;
    int64_t value = v.sign ? -(int64_t)mag : (int64_t)mag;
    int64_t lo = is_unsigned ? 0 : -((int64_t)1 << (size - 1));
    int64_t hi = is_unsigned ? ((int64_t)1 << size) - 1 : ((int64_t)1 << (size - 1)) - 1;
    uint32_t result;
    if (too_big || value < lo || value > hi) {
        /* SatQ: saturate; the overflow is an Invalid Operation, not Inexact. */
        *fpscr |= FPSCR_IOC;
        result = (uint32_t)((too_big ? !v.sign : value > hi) ? hi : lo);
    } else {
        result = (uint32_t)value;
        if (rest != 0)
            *fpscr |= FPSCR_IXC;
    }
    if (size == 16) /* the 16-bit forms write the extended halfword */
        result = is_unsigned ? (result & 0xffff) : (uint32_t)(int32_t)(int16_t)result;
    return result;
}

uint32_t fp_from_fixed(uint32_t x, unsigned size, unsigned fbits, bool is_unsigned,
                       uint32_t *fpscr)
{
    int64_t value;
    if (size == 16)
        value = is_unsigned ? (int64_t)(x & 0xffff) : (int64_t)(int16_t)x;
    else
        value = is_unsigned ? (int64_t)x : (int64_t)(int32_t)x;
    if (value == 0)
        return fp_zero32(false);
    bool sign = value < 0;
    uint64_t mag = sign ? (uint64_t)-value : (uint64_t)value;
    return fp_round(&fp_single, sign, -(int32_t)fbits, mag, fpscr);
}

uint16_t fp_single_to_half(uint32_t a, uint32_t *fpscr)
{
    struct fp_val v = fp_unpack32(a, fpscr);
    bool ahp = *fpscr & FPSCR_AHP;
    uint16_t sbit = (uint16_t)(v.sign << 15);
    switch (v.type) {
    case FPT_QNAN:
    case FPT_SNAN: {
        uint16_t r;
        if (ahp) /* no NaNs: a zero of the NaN's sign (FPZero(sign) in FPConvert) */
            r = sbit;
        else if (*fpscr & FPSCR_DN)
            r = 0x7e00;
        else
            r = (uint16_t)(sbit | 0x7e00 | ((a >> 13) & 0x1ff));
        if (v.type == FPT_SNAN || ahp)
            *fpscr |= FPSCR_IOC;
        return r;
    }
    case FPT_INF:
        if (ahp) {
            *fpscr |= FPSCR_IOC;
            return (uint16_t)(sbit | 0x7fff);
        }
        return (uint16_t)(sbit | 0x7c00);
    case FPT_ZERO:
        return sbit;
    default:
        return (uint16_t)fp_round(&fp_half, v.sign, v.exp, v.mant, fpscr);
    }
}

uint32_t fp_half_to_single(uint16_t h, uint32_t *fpscr)
{
    struct fp_val v = fp_unpack16(h, *fpscr & FPSCR_AHP);
    switch (v.type) {
    case FPT_QNAN:
    case FPT_SNAN:
        if (v.type == FPT_SNAN)
            *fpscr |= FPSCR_IOC;
        if (*fpscr & FPSCR_DN)
            return FP_DEFAULT_NAN;
        return (uint32_t)v.sign << 31 | 0x7fc00000u | (uint32_t)(h & 0x1ff) << 13;
    case FPT_INF:
        return fp_inf32(v.sign);
    case FPT_ZERO:
        return fp_zero32(v.sign);
    default:
        /* Always exact; FZ cannot apply (the smallest half is 2^-24). */
        return fp_round(&fp_single, v.sign, v.exp, v.mant, fpscr);
    }
}

uint32_t fp_expand_imm(uint8_t imm8)
{
    uint32_t sign = imm8 >> 7, b6 = imm8 >> 6 & 1;
    uint32_t exp = (!b6) << 7 | (b6 ? 0x1f : 0) << 2 | (imm8 >> 4 & 3);
    return sign << 31 | exp << 23 | (uint32_t)(imm8 & 0xf) << 19;
}
