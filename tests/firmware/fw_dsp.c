/* DSP extension through ACLE intrinsics (<arm_acle.h>): SIMD add/subtract
 * with GE and SEL, saturation (Q flag), and the dual multiplies, used the
 * way CMSIS-DSP style code uses them (a Q15 dot product, a saturating mix).
 * On the host the same names are plain-C models written from the ARMv7-M
 * pseudocode (A7.7), so a host build produces the expected output. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(__arm__)
#include <arm_acle.h>
/* ACLE's own Q-flag accessors keep the compiler aware of the dependency. */
#define q_flag_clear() __set_saturation_occurred(0)
static int q_flag(void) { return __saturation_occurred() != 0; }
#else
static uint32_t ge;   /* host model of APSR.GE and APSR.Q */
static int q;
#define q_flag_clear() (q = 0)
static int q_flag(void) { return q; }
static int32_t sat16(int32_t x) { return x > 32767 ? 32767 : x < -32768 ? -32768 : x; }
static uint32_t pack16(int32_t lo, int32_t hi) { return (uint16_t)lo | (uint32_t)(uint16_t)hi << 16; }
static int32_t lo16(uint32_t x) { return (int16_t)(x & 0xffff); }
static int32_t hi16(uint32_t x) { return (int16_t)(x >> 16); }
static uint32_t __sadd16(uint32_t a, uint32_t b)
{
    int32_t l = lo16(a) + lo16(b), h = hi16(a) + hi16(b);
    ge = (l >= 0 ? 3u : 0u) | (h >= 0 ? 0xcu : 0u);
    return pack16(l, h);
}
static uint32_t __ssub16(uint32_t a, uint32_t b)
{
    int32_t l = lo16(a) - lo16(b), h = hi16(a) - hi16(b);
    ge = (l >= 0 ? 3u : 0u) | (h >= 0 ? 0xcu : 0u);
    return pack16(l, h);
}
static uint32_t __usub8(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    ge = 0;
    for (int i = 0; i < 4; i++) {
        int32_t d = (int32_t)(a >> 8 * i & 0xff) - (int32_t)(b >> 8 * i & 0xff);
        r |= (uint32_t)(d & 0xff) << 8 * i;
        if (d >= 0)
            ge |= 1u << i;
    }
    return r;
}
static uint32_t __sel(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    for (int i = 0; i < 4; i++)
        r |= ((ge >> i & 1) ? a : b) & (0xffu << 8 * i);
    return r;
}
static uint32_t __qadd16(uint32_t a, uint32_t b) { return pack16(sat16(lo16(a) + lo16(b)), sat16(hi16(a) + hi16(b))); }
static uint32_t __shadd16(uint32_t a, uint32_t b) { return pack16((lo16(a) + lo16(b)) >> 1, (hi16(a) + hi16(b)) >> 1); }
static uint32_t __uqsub8(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    for (int i = 0; i < 4; i++) {
        int32_t d = (int32_t)(a >> 8 * i & 0xff) - (int32_t)(b >> 8 * i & 0xff);
        r |= (uint32_t)(d < 0 ? 0 : d) << 8 * i;
    }
    return r;
}
static int32_t __qadd(int32_t a, int32_t b)
{
    int64_t s = (int64_t)a + b;
    if (s > INT32_MAX || s < INT32_MIN) {
        q = 1;
        return s > 0 ? INT32_MAX : INT32_MIN;
    }
    return (int32_t)s;
}
static int32_t __qsub(int32_t a, int32_t b)
{
    int64_t s = (int64_t)a - b;
    if (s > INT32_MAX || s < INT32_MIN) {
        q = 1;
        return s > 0 ? INT32_MAX : INT32_MIN;
    }
    return (int32_t)s;
}
static int32_t sat_n(int32_t x, int n, int *hit)
{
    int32_t max = (1 << (n - 1)) - 1, min = -(1 << (n - 1));
    *hit = x > max || x < min;
    return x > max ? max : x < min ? min : x;
}
#define __ssat(x, n) ssat_model((x), (n))
static int32_t ssat_model(int32_t x, int n)
{
    int hit;
    int32_t r = sat_n(x, n, &hit);
    q |= hit;
    return r;
}
#define __usat(x, n) usat_model((x), (n))
static uint32_t usat_model(int32_t x, int n)
{
    int32_t max = (int32_t)((1u << n) - 1);
    if (x > max || x < 0)
        q = 1;
    return (uint32_t)(x > max ? max : x < 0 ? 0 : x);
}
static int32_t __smlad(uint32_t a, uint32_t b, int32_t acc)
{
    int64_t s = (int64_t)lo16(a) * lo16(b) + (int64_t)hi16(a) * hi16(b) + acc;
    if (s != (int32_t)s)
        q = 1;
    return (int32_t)s;
}
static int32_t __smuad(uint32_t a, uint32_t b) { return __smlad(a, b, 0); }
static int32_t __smusd(uint32_t a, uint32_t b) { return lo16(a) * lo16(b) - hi16(a) * hi16(b); }
static int64_t __smlald(uint32_t a, uint32_t b, int64_t acc)
{
    return acc + (int64_t)lo16(a) * lo16(b) + (int64_t)hi16(a) * hi16(b);
}
static int32_t __smlabb(int32_t a, int32_t b, int32_t acc)
{
    int64_t s = (int64_t)lo16((uint32_t)a) * lo16((uint32_t)b) + acc;
    if (s != (int32_t)s)
        q = 1;
    return (int32_t)s;
}
static int32_t __smlawb(int32_t a, int32_t b, int32_t acc)
{
    int64_t s = (((int64_t)a * lo16((uint32_t)b)) >> 16) + acc;
    if (s != (int32_t)s)
        q = 1;
    return (int32_t)s;
}
static uint32_t __usad8(uint32_t a, uint32_t b)
{
    uint32_t s = 0;
    for (int i = 0; i < 4; i++) {
        int32_t d = (int32_t)(a >> 8 * i & 0xff) - (int32_t)(b >> 8 * i & 0xff);
        s += (uint32_t)(d < 0 ? -d : d);
    }
    return s;
}
static uint32_t __sxtb16(uint32_t x) { return pack16((int8_t)(x & 0xff), (int8_t)(x >> 16 & 0xff)); }
static uint32_t __uxtab16(uint32_t a, uint32_t x)
{
    return pack16((int32_t)((a & 0xffff) + (x & 0xff)), (int32_t)((a >> 16) + (x >> 16 & 0xff)));
}
#endif

static int16_t sig[64], coef[64];

int main(void)
{
    /* One intrinsic per statement: SEL reads the GE flags the one before set. */
    uint32_t a = 0x7ff08001u, b = 0x0020fffeu, r, t;
    r = __sadd16(a, b);
    t = __sel(a, b);
    printf("sadd16 %08lx sel %08lx\n", (unsigned long)r, (unsigned long)t);
    r = __ssub16(b, a);
    t = __sel(a, b);
    printf("ssub16 %08lx sel %08lx\n", (unsigned long)r, (unsigned long)t);
    r = __usub8(0x10ff7f80u, 0x20fe8080u);
    t = __sel(0x11223344u, 0xaabbccddu);
    printf("usub8 %08lx sel %08lx\n", (unsigned long)r, (unsigned long)t);
    printf("qadd16 %08lx shadd16 %08lx uqsub8 %08lx\n", (unsigned long)__qadd16(a, b),
           (unsigned long)__shadd16(a, b), (unsigned long)__uqsub8(0x10ff7f80u, 0x20fe8080u));

    q_flag_clear();
    int32_t r1 = __qadd(0x40000000, 0x3fffffff);
    printf("qadd %08lx q=%d\n", (unsigned long)(uint32_t)r1, q_flag());
    int32_t r2 = __qadd(0x40000000, 0x40000000);
    printf("qadd %08lx q=%d\n", (unsigned long)(uint32_t)r2, q_flag());
    q_flag_clear();
    int32_t r3 = __qsub(INT32_MIN, 1);
    printf("qsub %08lx q=%d\n", (unsigned long)(uint32_t)r3, q_flag());
    q_flag_clear();
    int32_t s1 = __ssat(300, 9), s2 = __ssat(-300, 9);
    printf("ssat %ld %ld q=%d\n", (long)s1, (long)s2, q_flag());
    q_flag_clear();
    uint32_t u1 = __usat(200, 8);
    int qa = q_flag();
    uint32_t u2 = __usat(-5, 8);
    printf("usat %lu %lu q=%d%d\n", (unsigned long)u1, (unsigned long)u2, qa, q_flag());

    printf("smuad %ld smusd %ld smlald %08lx\n", (long)__smuad(0x7fff8000u, 0x7fff8000u),
           (long)__smusd(0x00030004u, 0x00050006u),
           (unsigned long)(uint32_t)(__smlald(0x7fff7fffu, 0x7fff7fffu, 1000) >> 1));
    q_flag_clear();
    int32_t m1 = __smlad(0x80008000u, 0x80008000u, 0);
    printf("smlad overflow %08lx q=%d\n", (unsigned long)(uint32_t)m1, q_flag());
    printf("smlabb %ld smlawb %ld usad8 %lu\n", (long)__smlabb(-3, 0x10007, 10),
           (long)__smlawb(0x12345678, 0x4000, 5), (unsigned long)__usad8(0x01ff8040u, 0xff0140c0u));
    printf("sxtb16 %08lx uxtab16 %08lx\n", (unsigned long)__sxtb16(0x12f3a480u),
           (unsigned long)__uxtab16(0x0001ffffu, 0x00ff00ffu));

    /* Q15 dot product with SMLAD on packed pairs, as CMSIS-DSP does it. */
    for (int i = 0; i < 64; i++) {
        sig[i] = (int16_t)((i * 1103 + 77) % 6553 - 3276);
        coef[i] = (int16_t)((i * 391 + 5) % 2001 - 1000);
    }
    int32_t acc = 0;
    for (int i = 0; i < 64; i += 2) {
        uint32_t x = (uint16_t)sig[i] | (uint32_t)(uint16_t)sig[i + 1] << 16;
        uint32_t y = (uint16_t)coef[i] | (uint32_t)(uint16_t)coef[i + 1] << 16;
        acc = __smlad(x, y, acc);
    }
    int32_t ref = 0;
    for (int i = 0; i < 64; i++)
        ref += sig[i] * coef[i];
    printf("dot %ld ref %ld\n", (long)acc, (long)ref);
    exit(0);
}
