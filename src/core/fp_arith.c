/* The software FPAdd, FPSub, FPMul, FPDiv, FPSqrt and FPMulAdd (fp_soft_*;
 * fp_host.c puts a host fast path in front of them), FPCompare, and the
 * instruction-level compositions of A7.7 (VMLA, VNMUL, VFNMS...). */
#include "core/fp_soft.h"

/* Sum of two values m*2^e (each m < 2^49), exact but for a sticky bit far
 * below the rounding position.  False if the sum is exactly zero. */
static bool fp_sum(bool s1, int32_t e1, uint64_t m1, bool s2, int32_t e2, uint64_t m2,
                   bool *s, int32_t *e, uint64_t *m)
{
    if (m1 == 0 || m2 == 0) {
        *s = m1 ? s1 : s2;
        *e = m1 ? e1 : e2;
        *m = m1 ? m1 : m2;
        return *m != 0;
    }
    /* Both to bit 61: room for the carry, 13+ exact bits below the product. */
    unsigned n1 = 61 - fp_msb(m1), n2 = 61 - fp_msb(m2);
    m1 <<= n1;
    e1 -= (int32_t)n1;
    m2 <<= n2;
    e2 -= (int32_t)n2;
    if (e1 < e2) {
        bool ts = s1; s1 = s2; s2 = ts;
        int32_t te = e1; e1 = e2; e2 = te;
        uint64_t tm = m1; m1 = m2; m2 = tm;
    }
    int64_t diff = (int64_t)e1 - e2;
    m2 = fp_shr_jam(m2, diff > 64 ? 64u : (unsigned)diff);
    if (s1 == s2) {
        *m = m1 + m2;
        *s = s1;
    } else if (m1 >= m2) {
        *m = m1 - m2;
        *s = s1;
    } else {
        *m = m2 - m1;
        *s = s2;
    }
    *e = e1;
    return *m != 0;
}

/* An exact zero sum: its sign depends on the rounding mode (FPAdd). */
static uint32_t fp_exact_zero(uint32_t fpscr)
{
    return fp_zero32(fp_rmode(fpscr) == FP_RM);
}

/* FPAdd after NaN processing, with op2's sign possibly inverted (FPSub). */
static uint32_t fp_add_values(const struct fp_val *a, struct fp_val b, uint32_t *fpscr)
{
    bool inf1 = a->type == FPT_INF, inf2 = b.type == FPT_INF;
    bool zero1 = a->type == FPT_ZERO, zero2 = b.type == FPT_ZERO;
    if (inf1 && inf2 && a->sign != b.sign) {
        *fpscr |= FPSCR_IOC;
        return FP_DEFAULT_NAN;
    }
    if ((inf1 && !a->sign) || (inf2 && !b.sign))
        return fp_inf32(false);
    if ((inf1 && a->sign) || (inf2 && b.sign))
        return fp_inf32(true);
    if (zero1 && zero2 && a->sign == b.sign)
        return fp_zero32(a->sign);
    bool s;
    int32_t e;
    uint64_t m;
    if (!fp_sum(a->sign, a->exp, a->mant, b.sign, b.exp, b.mant, &s, &e, &m))
        return fp_exact_zero(*fpscr);
    return fp_round(&fp_single, s, e, m, fpscr);
}

uint32_t fp_soft_add(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    struct fp_val va = fp_unpack32(a, fpscr), vb = fp_unpack32(b, fpscr);
    uint32_t r;
    if (fp_process_nans(&va, a, &vb, b, &r, fpscr))
        return r;
    return fp_add_values(&va, vb, fpscr);
}

uint32_t fp_soft_sub(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    struct fp_val va = fp_unpack32(a, fpscr), vb = fp_unpack32(b, fpscr);
    uint32_t r;
    if (fp_process_nans(&va, a, &vb, b, &r, fpscr)) /* NaN op2 keeps its sign */
        return r;
    vb.sign = !vb.sign;
    return fp_add_values(&va, vb, fpscr);
}

uint32_t fp_soft_mul(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    struct fp_val va = fp_unpack32(a, fpscr), vb = fp_unpack32(b, fpscr);
    uint32_t r;
    if (fp_process_nans(&va, a, &vb, b, &r, fpscr))
        return r;
    bool sign = va.sign != vb.sign;
    bool inf1 = va.type == FPT_INF, inf2 = vb.type == FPT_INF;
    bool zero1 = va.type == FPT_ZERO, zero2 = vb.type == FPT_ZERO;
    if ((inf1 && zero2) || (zero1 && inf2)) {
        *fpscr |= FPSCR_IOC;
        return FP_DEFAULT_NAN;
    }
    if (inf1 || inf2)
        return fp_inf32(sign);
    if (zero1 || zero2)
        return fp_zero32(sign);
    return fp_round(&fp_single, sign, va.exp + vb.exp, va.mant * vb.mant, fpscr);
}

uint32_t fp_soft_div(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    struct fp_val va = fp_unpack32(a, fpscr), vb = fp_unpack32(b, fpscr);
    uint32_t r;
    if (fp_process_nans(&va, a, &vb, b, &r, fpscr))
        return r;
    bool sign = va.sign != vb.sign;
    bool inf1 = va.type == FPT_INF, inf2 = vb.type == FPT_INF;
    bool zero1 = va.type == FPT_ZERO, zero2 = vb.type == FPT_ZERO;
    if ((inf1 && inf2) || (zero1 && zero2)) {
        *fpscr |= FPSCR_IOC;
        return FP_DEFAULT_NAN;
    }
    if (inf1 || zero2) {
        if (!inf1)
            *fpscr |= FPSCR_DZC;
        return fp_inf32(sign);
    }
    if (zero1 || inf2)
        return fp_zero32(sign);
    /* Dividend to bit 63: the quotient has >= 40 bits; the remainder is the
     * sticky bit. */
    unsigned sh = 63 - fp_msb(va.mant);
    uint64_t n = va.mant << sh;
    uint64_t q = n / vb.mant;
    q |= (n % vb.mant) != 0;
    return fp_round(&fp_single, sign, va.exp - (int32_t)sh - vb.exp, q, fpscr);
}

/* floor(sqrt(n)), bit by bit. */
static uint64_t fp_isqrt(uint64_t n)
{
    uint64_t root = 0, bit = 1ull << 62;
    while (bit > n)
        bit >>= 2;
    while (bit) {
        if (n >= root + bit) {
            n -= root + bit;
            root = (root >> 1) + bit;
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    return root;
}

uint32_t fp_soft_sqrt(uint32_t a, uint32_t *fpscr)
{
    struct fp_val v = fp_unpack32(a, fpscr);
    if (fp_is_nan(&v))
        return fp_process_nan(&v, a, fpscr);
    if (v.type == FPT_ZERO)
        return fp_zero32(v.sign);
    if (v.sign) {
        *fpscr |= FPSCR_IOC;
        return FP_DEFAULT_NAN;
    }
    if (v.type == FPT_INF)
        return fp_inf32(false);
    /* Mantissa to bit 61 or 62 so the exponent is even: the root has 31 bits. */
    unsigned sh = 62 - fp_msb(v.mant);
    if ((v.exp - (int32_t)sh) & 1)
        sh--;
    uint64_t n = v.mant << sh;
    int32_t e = v.exp - (int32_t)sh; /* even */
    uint64_t r = fp_isqrt(n);
    r = r << 1 | (r * r != n); /* one more bit as the sticky bit */
    return fp_round(&fp_single, false, e / 2 - 1, r, fpscr);
}

uint32_t fp_soft_muladd(uint32_t addend, uint32_t op1, uint32_t op2, uint32_t *fpscr)
{
    struct fp_val va = fp_unpack32(addend, fpscr);
    struct fp_val v1 = fp_unpack32(op1, fpscr), v2 = fp_unpack32(op2, fpscr);
    bool inf1 = v1.type == FPT_INF, zero1 = v1.type == FPT_ZERO;
    bool inf2 = v2.type == FPT_INF, zero2 = v2.type == FPT_ZERO;
    uint32_t r;
    bool done = fp_process_nans3(&va, addend, &v1, op1, &v2, op2, &r, fpscr);
    /* A quiet NaN addend does not hide the invalid inf * 0 (FPMulAdd). */
    if (va.type == FPT_QNAN && ((inf1 && zero2) || (zero1 && inf2))) {
        *fpscr |= FPSCR_IOC;
        return FP_DEFAULT_NAN;
    }
    if (done)
        return r;
    bool infa = va.type == FPT_INF, zeroa = va.type == FPT_ZERO;
    bool signp = v1.sign != v2.sign;
    bool infp = inf1 || inf2, zerop = zero1 || zero2;
    if ((inf1 && zero2) || (zero1 && inf2) || (infa && infp && va.sign != signp)) {
        *fpscr |= FPSCR_IOC;
        return FP_DEFAULT_NAN;
    }
    if ((infa && !va.sign) || (infp && !signp))
        return fp_inf32(false);
    if ((infa && va.sign) || (infp && signp))
        return fp_inf32(true);
    if (zeroa && zerop && va.sign == signp)
        return fp_zero32(va.sign);
    bool s;
    int32_t e;
    uint64_t m;
    if (!fp_sum(va.sign, va.exp, va.mant, signp, v1.exp + v2.exp, v1.mant * v2.mant, &s, &e, &m))
        return fp_exact_zero(*fpscr);
    return fp_round(&fp_single, s, e, m, fpscr);
}

uint32_t fp_dp3(enum fp_dp op, uint32_t d, uint32_t n, uint32_t m, uint32_t *fpscr)
{
    switch (op) {
    case FP_VMLA: return fp_add(d, fp_mul(n, m, fpscr), fpscr);
    case FP_VMLS: return fp_add(d, fp_neg(fp_mul(n, m, fpscr)), fpscr);
    case FP_VNMLA: {
        uint32_t p = fp_mul(n, m, fpscr);
        return fp_add(fp_neg(d), fp_neg(p), fpscr);
    }
    case FP_VNMLS: {
        uint32_t p = fp_mul(n, m, fpscr);
        return fp_add(fp_neg(d), p, fpscr);
    }
    case FP_VMUL: return fp_mul(n, m, fpscr);
    case FP_VNMUL: return fp_neg(fp_mul(n, m, fpscr));
    case FP_VADD: return fp_add(n, m, fpscr);
    case FP_VSUB: return fp_sub(n, m, fpscr);
    case FP_VDIV: return fp_div(n, m, fpscr);
    case FP_VFMA: return fp_muladd(d, n, m, fpscr);
    case FP_VFMS: return fp_muladd(d, fp_neg(n), m, fpscr);
    case FP_VFNMA: return fp_muladd(fp_neg(d), fp_neg(n), m, fpscr);
    case FP_VFNMS: return fp_muladd(fp_neg(d), n, m, fpscr);
    default: return d;
    }
}

const char *fp_dp_name(enum fp_dp op)
{
    static const char *const names[FP_DP_COUNT] = {
        "vmla", "vmls", "vnmla", "vnmls", "vmul", "vnmul", "vadd", "vsub", "vdiv",
        "vfma", "vfms", "vfnma", "vfnms",
    };
    return (unsigned)op < FP_DP_COUNT ? names[op] : "?";
}

void fp_compare(uint32_t a, uint32_t b, bool quiet_nan_exc, uint32_t *fpscr)
{
    struct fp_val va = fp_unpack32(a, fpscr), vb = fp_unpack32(b, fpscr);
    uint32_t nzcv;
    if (fp_is_nan(&va) || fp_is_nan(&vb)) {
        nzcv = FPSCR_C | FPSCR_V;
        if (va.type == FPT_SNAN || vb.type == FPT_SNAN || quiet_nan_exc)
            *fpscr |= FPSCR_IOC;
    } else {
        /* Order as sign-magnitude integers; flushed denormals count as zero. */
        int64_t ka = va.type == FPT_ZERO ? 0 : (int64_t)(a & 0x7fffffff);
        int64_t kb = vb.type == FPT_ZERO ? 0 : (int64_t)(b & 0x7fffffff);
        if (va.sign)
            ka = -ka;
        if (vb.sign)
            kb = -kb;
        nzcv = ka == kb ? (FPSCR_Z | FPSCR_C) : ka < kb ? FPSCR_N : FPSCR_C;
    }
    *fpscr = (*fpscr & ~FPSCR_NZCV) | nzcv;
}
