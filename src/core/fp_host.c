/* fp_add, fp_sub, fp_mul, fp_div, fp_sqrt, fp_muladd: a host fast path for
 * the common case in front of the software pseudocode (fp_arith.c).
 *
 * When the rounding mode is RN, the operands are normal and the host's
 * single-precision result is normal and above the smallest normal, the ARM
 * result is the IEEE one and the only exception possible is Inexact: no NaN
 * or infinity (no IOC, DZC), a finite result (no OFC), an unrounded value
 * >= 2^-126 because rounding is monotonic (no UFC, tininess being detected
 * before rounding), no denormal input (no IDC; FZ is irrelevant).
 * Inexactness is decided exactly (TwoSum, or a product exact in double).
 * This needs binary32/binary64 evaluated in their own precision (x86-64 SSE,
 * AArch64); elsewhere only the software path is used.  fp_arch_test.c
 * compares both paths near every edge. */
#include <float.h>
#include <math.h>
#include <string.h>

#include "core/fp_soft.h"

#if FLT_MANT_DIG == 24 && DBL_MANT_DIG == 53 && defined(__FLT_EVAL_METHOD__) && \
    __FLT_EVAL_METHOD__ == 0
#define FP_HOST_FAST 1
#else
#define FP_HOST_FAST 0
#endif

static inline bool fp_normal(uint32_t x)
{
    return ((x >> 23 & 0xff) - 1u) < 254u;
}

static inline float fp_f(uint32_t x)
{
    float f;
    memcpy(&f, &x, 4);
    return f;
}

static inline uint32_t fp_bits(float f)
{
    uint32_t x;
    memcpy(&x, &f, 4);
    return x;
}

/* Operands and result qualify for the fast path (see above). */
static inline bool fp_fast_in(uint32_t a, uint32_t b, uint32_t fpscr)
{
    return FP_HOST_FAST && !(fpscr & FPSCR_RMODE_MASK) && fp_normal(a) && fp_normal(b);
}

static inline bool fp_fast_out(uint32_t r)
{
    return fp_normal(r) && (r & 0x7fffffffu) != 0x00800000u;
}

uint32_t fp_add(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    if (fp_fast_in(a, b, *fpscr)) {
        float x = fp_f(a), y = fp_f(b), sum = x + y;
        uint32_t r = fp_bits(sum);
        if (fp_fast_out(r)) {
            float yy = sum - x, err = (x - (sum - yy)) + (y - yy); /* TwoSum: exact error */
            if (err != 0.0f)
                *fpscr |= FPSCR_IXC;
            return r;
        }
    }
    return fp_soft_add(a, b, fpscr);
}

uint32_t fp_sub(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    if (fp_fast_in(a, b, *fpscr))
        return fp_add(a, fp_neg(b), fpscr); /* no NaN operand: FPSub is FPAdd(a, -b) */
    return fp_soft_sub(a, b, fpscr);
}

uint32_t fp_mul(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    if (fp_fast_in(a, b, *fpscr)) {
        float x = fp_f(a), y = fp_f(b), p = x * y;
        uint32_t r = fp_bits(p);
        if (fp_fast_out(r)) {
            if ((double)x * (double)y != (double)p) /* 48-bit product: exact in double */
                *fpscr |= FPSCR_IXC;
            return r;
        }
    }
    return fp_soft_mul(a, b, fpscr);
}

uint32_t fp_div(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    if (fp_fast_in(a, b, *fpscr)) {
        float x = fp_f(a), y = fp_f(b), q = x / y;
        uint32_t r = fp_bits(q);
        if (fp_fast_out(r)) {
            if ((double)q * (double)y != (double)x) /* q exact iff q*y == x, exactly */
                *fpscr |= FPSCR_IXC;
            return r;
        }
    }
    return fp_soft_div(a, b, fpscr);
}

uint32_t fp_sqrt(uint32_t a, uint32_t *fpscr)
{
    if (fp_fast_in(a, a, *fpscr) && !(a >> 31)) {
        float x = fp_f(a), root = sqrtf(x); /* the root of a normal is normal */
        if ((double)root * (double)root != (double)x)
            *fpscr |= FPSCR_IXC;
        return fp_bits(root);
    }
    return fp_soft_sqrt(a, fpscr);
}

static inline uint64_t fp_dbits(double d)
{
    uint64_t x;
    memcpy(&x, &d, 8);
    return x;
}

/* Fused multiply-add on the host without a host FMA: the product of two
 * singles is exact in double; TwoSum gives the double sum s and its exact
 * error e.  Rounding s to single is then correct unless s is exactly halfway
 * between two singles and e != 0, where e decides the direction (the
 * singles' midpoints are doubles, so s + e cannot cross one otherwise). */
uint32_t fp_muladd(uint32_t addend, uint32_t op1, uint32_t op2, uint32_t *fpscr)
{
    /* A zero addend (an accumulator's first step) is exact too: s = p, and
     * a nonzero p decides the sign, so a -0 addend changes nothing. */
    if (fp_fast_in(op1, op2, *fpscr) && (fp_normal(addend) || (addend & 0x7fffffffu) == 0)) {
        double p = (double)fp_f(op1) * (double)fp_f(op2), a = (double)fp_f(addend);
        double s = p + a, pp = s - p, e = (p - (s - pp)) + (a - pp);
        uint32_t r = fp_bits((float)s);
        if (fp_fast_out(r)) {
            uint64_t sb = fp_dbits(s);
            uint64_t below = sb & ((1ull << 29) - 1); /* double bits under a single's ulp */
            if (below == 1ull << 28 && e != 0.0) {
                /* Halfway: toward the side e points to, on the magnitude. */
                uint32_t lo = (uint32_t)(sb >> 63) << 31 |
                              (uint32_t)(((sb >> 29) & 0x3ffffffffull) - (896ull << 23));
                bool away = (e > 0) == (s > 0);
                r = away ? lo + 1 : lo;
                if (!fp_fast_out(r))
                    return fp_soft_muladd(addend, op1, op2, fpscr);
            }
            if (e != 0.0 || (double)fp_f(r) != s)
                *fpscr |= FPSCR_IXC;
            return r;
        }
    }
    return fp_soft_muladd(addend, op1, op2, fpscr);
}
