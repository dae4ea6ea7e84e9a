/* The small software floating point underneath fp_ops.h: unpacking and the
 * one rounding routine, both following the ARM pseudocode (FPUnpack,
 * FPRound, FPProcessNaN(s)) so results and exception bits are bit-exact.
 * Private to fp_*.c. */
#ifndef F3KIT_FP_SOFT_H
#define F3KIT_FP_SOFT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/fp_ops.h"

enum fp_type { FPT_ZERO, FPT_NONZERO, FPT_INF, FPT_QNAN, FPT_SNAN };

/* An unpacked operand.  For FPT_NONZERO the value is exactly
 * (-1)^sign * mant * 2^exp (mant != 0, not necessarily normalized). */
struct fp_val {
    enum fp_type type;
    bool sign;
    int32_t exp;
    uint64_t mant;
};

/* Interchange formats: exponent bits, fraction bits. */
struct fp_fmt {
    unsigned ebits, fbits;
};
extern const struct fp_fmt fp_single, fp_half;

static inline bool fp_is_nan(const struct fp_val *v)
{
    return v->type == FPT_QNAN || v->type == FPT_SNAN;
}

static inline enum fp_rmode fp_rmode(uint32_t fpscr)
{
    return (enum fp_rmode)((fpscr >> FPSCR_RMODE_SHIFT) & 3);
}

/* FPUnpack of a single: FZ flushes a denormal to a signed zero and sets IDC. */
struct fp_val fp_unpack32(uint32_t x, uint32_t *fpscr);
/* FPUnpack of a half: never flushed; with ahp, exponent 31 is a number. */
struct fp_val fp_unpack16(uint16_t x, bool ahp);

/* FPRound of a non-zero value (-1)^sign * mant * 2^exp into `fmt`.  The
 * value must be exact, or its lowest bit a sticky bit well below the
 * rounding position (any value with at least 2 bits below it). */
uint32_t fp_round(const struct fp_fmt *fmt, bool sign, int32_t exp, uint64_t mant,
                  uint32_t *fpscr);

/* FPProcessNaN on a single (quieted; DN gives the default NaN; SNaN -> IOC). */
uint32_t fp_process_nan(const struct fp_val *v, uint32_t bits, uint32_t *fpscr);
/* FPProcessNaNs / FPProcessNaNs3: true and *result if some operand is a NaN. */
bool fp_process_nans(const struct fp_val *a, uint32_t abits, const struct fp_val *b,
                     uint32_t bbits, uint32_t *result, uint32_t *fpscr);
bool fp_process_nans3(const struct fp_val *a, uint32_t abits, const struct fp_val *b,
                      uint32_t bbits, const struct fp_val *c, uint32_t cbits,
                      uint32_t *result, uint32_t *fpscr);

/* The software-only paths of fp_add/sub/mul/div/sqrt/muladd (which
 * try the host fast path first); tests compare the two. */
uint32_t fp_soft_add(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fp_soft_sub(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fp_soft_mul(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fp_soft_div(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fp_soft_sqrt(uint32_t a, uint32_t *fpscr);
uint32_t fp_soft_muladd(uint32_t addend, uint32_t op1, uint32_t op2, uint32_t *fpscr);

static inline uint32_t fp_zero32(bool sign) { return (uint32_t)sign << 31; }
static inline uint32_t fp_inf32(bool sign) { return (uint32_t)sign << 31 | 0x7f800000u; }

/* Right shift that ORs every bit shifted out into bit 0 ("jamming"), so the
 * result still tells exact from inexact and above from below a half. */
static inline uint64_t fp_shr_jam(uint64_t m, unsigned n)
{
    if (n == 0)
        return m;
    if (n >= 64)
        return m != 0;
    return m >> n | ((m << (64 - n)) != 0);
}

static inline unsigned fp_msb(uint64_t m) /* m != 0 */
{
    return 63u - (unsigned)__builtin_clzll(m);
}

#endif
