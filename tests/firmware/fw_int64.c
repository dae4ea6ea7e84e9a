/* 64-bit arithmetic: the compiler's long multiplies (UMULL/UMLAL), the
 * run-time library's 64-bit division (__aeabi_uldivmod), shifts across the
 * word boundary, and a 64-bit hash.  Printed as hex halves so that newlib-nano's
 * printf (no %ll) can show them.  Portable C: expected output from a host build. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void put64(const char *name, uint64_t v)
{
    printf("%s=%08lx%08lx\n", name, (unsigned long)(v >> 32), (unsigned long)(v & 0xffffffffu));
}

static uint64_t fnv1a64(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    while (*s) {
        h ^= (uint8_t)*s++;
        h *= 0x100000001b3ull;
    }
    return h;
}

static uint64_t isqrt64(uint64_t n)
{
    uint64_t x = n, y = (x + 1) / 2;
    if (n < 2)
        return n;
    while (y < x) {
        x = y;
        y = (x + n / x) / 2;
    }
    return x;
}

int main(void)
{
    volatile uint64_t a = 0x0123456789abcdefull, b = 0xfedcba9876543210ull;
    volatile int64_t s = -1234567890123456789ll, t = 987654321ll;
    put64("add", a + b);
    put64("sub", a - b);
    put64("mul", a * b);
    put64("udiv", b / 12345u);
    put64("umod", b % 12345u);
    put64("sdiv", (uint64_t)(s / t));
    put64("smod", (uint64_t)(s % t));
    put64("shl", a << 36);
    put64("lsr", b >> 40);
    put64("asr", (uint64_t)(s >> 44));
    volatile uint32_t x = 0xfffffff1u, y = 0xfffffff3u;
    put64("umull", (uint64_t)x * y);
    volatile int32_t p = -100000, q = 300000;
    put64("smull", (uint64_t)((int64_t)p * q));
    put64("fnv", fnv1a64("the quick brown fox jumps over the lazy dog"));
    put64("isqrt", isqrt64(0xfffffffffffffffull));
    uint64_t f = 1;
    for (unsigned i = 2; i <= 20; i++)
        f *= i;
    put64("20!", f);
    printf("cmp: %d %d %d\n", a < b, s < t, (int64_t)a > (int64_t)b);
    exit(0);
}
