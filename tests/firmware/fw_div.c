/* Division: SDIV/UDIV on every sign combination and edge (INT_MIN / -1),
 * division by constants (multiply-high sequences), and division by zero,
 * which on ARMv7-M yields 0 while CCR.DIV_0_TRP is clear (A7.7.127).  The
 * program exits with code 7 to check that exit codes travel.  Portable C
 * except the by-zero line, whose host value is the architected result. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint32_t udiv_raw(uint32_t n, uint32_t d)
{
#if defined(__arm__)
    uint32_t q;
    __asm__ volatile("udiv %0, %1, %2" : "=r"(q) : "r"(n), "r"(d));
    return q;
#else
    return d ? n / d : 0;
#endif
}

static int32_t sdiv_raw(int32_t n, int32_t d)
{
#if defined(__arm__)
    int32_t q;
    __asm__ volatile("sdiv %0, %1, %2" : "=r"(q) : "r"(n), "r"(d));
    return q;
#else
    if (d == 0)
        return 0;
    if (n == INT32_MIN && d == -1)
        return INT32_MIN;
    return n / d;
#endif
}

int main(void)
{
    static const int32_t ns[] = {0, 1, -1, 7, -7, 100, -100, 2147483647, INT32_MIN, 123456789};
    static const int32_t ds[] = {1, -1, 2, -2, 3, -3, 7, 10, 65536, -2147483647};
    uint32_t hash = 0;
    for (unsigned i = 0; i < 10; i++)
        for (unsigned j = 0; j < 10; j++) {
            volatile int32_t n = ns[i], d = ds[j];
            if (n == INT32_MIN && d == -1)
                continue;                 /* undefined in C: see sdiv_raw below */
            int32_t q = n / d, r = n % d;
            uint32_t uq = (uint32_t)n / (uint32_t)d, ur = (uint32_t)n % (uint32_t)d;
            hash = hash * 31u + (uint32_t)q;
            hash = hash * 31u + (uint32_t)r;
            hash = hash * 31u + uq;
            hash = hash * 31u + ur;
        }
    printf("table hash: %08lx\n", (unsigned long)hash);
    volatile int32_t m = -1000001;
    volatile uint32_t um = 4000000001u;
    printf("by constants: %ld %ld %ld %lu %lu %lu\n", (long)(m / 3), (long)(m / 10), (long)(m % 7),
           (unsigned long)(um / 3), (unsigned long)(um / 10), (unsigned long)(um % 1000));
    printf("int_min/-1: %ld\n", (long)sdiv_raw(INT32_MIN, -1));
    printf("by zero: %lu %ld\n", (unsigned long)udiv_raw(12345, 0), (long)sdiv_raw(-5, 0));
    printf("done\n");
    exit(7);
}
