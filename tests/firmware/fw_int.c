/* Integer arithmetic: the mix a compiler emits for ordinary C (ALU ops,
 * shifts, compares, multiplies, loops, tables).  Portable C: the expected
 * output is produced by a host build of this same file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint32_t sieve_count(unsigned n)
{
    static uint8_t composite[2000];
    uint32_t count = 0;
    for (unsigned i = 2; i < n; i++) {
        if (composite[i])
            continue;
        count++;
        for (unsigned j = i * i; j < n; j += i)
            composite[j] = 1;
    }
    return count;
}

static uint32_t gcd(uint32_t a, uint32_t b)
{
    while (b) {
        uint32_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static unsigned collatz_steps(uint32_t n)
{
    unsigned steps = 0;
    while (n != 1) {
        n = (n & 1) ? 3 * n + 1 : n / 2;
        steps++;
    }
    return steps;
}

static uint32_t rotl(uint32_t x, unsigned r)
{
    return (x << (r & 31)) | (x >> ((32 - r) & 31));
}

int main(void)
{
    volatile uint32_t seed = 0x12345678u;
    uint32_t x = seed;
    uint32_t acc = 0;
    for (int i = 0; i < 1000; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        acc += x * (uint32_t)i;
        acc = rotl(acc, (unsigned)i) ^ (x >> 3);
    }
    printf("xorshift: %08lx acc: %08lx\n", (unsigned long)x, (unsigned long)acc);

    volatile int32_t a = -123456, b = 789;
    printf("signed: %ld %ld %ld %ld\n", (long)(a * b), (long)(a / b), (long)(a % b), (long)(a >> 3));
    printf("unsigned: %lu %lu\n", (unsigned long)((uint32_t)a / (uint32_t)b),
           (unsigned long)((uint32_t)a % (uint32_t)b));
    printf("compare: %d %d %d %d\n", a < b, (uint32_t)a < (uint32_t)b, a == -123456, b >= 790);
    printf("bits: clz=%d ctz=%d pop=%d parity=%d\n", __builtin_clz(0x00f00000u),
           __builtin_ctz(0x00f00000u), __builtin_popcount(0xdeadbeefu), __builtin_parity(0xdeadbeefu));
    printf("primes below 2000: %lu\n", (unsigned long)sieve_count(2000));
    printf("gcd: %lu %lu\n", (unsigned long)gcd(1071, 462), (unsigned long)gcd(0xfffffffbu, 0x7fffffffu));
    printf("collatz 27: %u, 97: %u\n", collatz_steps(27), collatz_steps(97));

    int16_t h = (int16_t)0x8000;
    int8_t c = (int8_t)0x80;
    volatile uint16_t uh = 0xffff;
    printf("extend: %d %d %u %ld\n", h, c, uh, (long)(int16_t)uh);

    int v[16] = {5, -3, 12, 0, 7, -8, 22, 1, 9, -1, 4, 15, -20, 3, 6, 2};
    for (int i = 1; i < 16; i++) { /* insertion sort */
        int k = v[i], j = i - 1;
        while (j >= 0 && v[j] > k) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = k;
    }
    printf("sorted:");
    for (int i = 0; i < 16; i++)
        printf(" %d", v[i]);
    printf("\n");

    uint32_t sw = 0;
    for (unsigned i = 0; i < 40; i++) {
        switch (i % 7) {
        case 0: sw += 1; break;
        case 1: sw ^= 0x55; break;
        case 2: sw <<= 1; break;
        case 3: sw -= 3; break;
        case 4: sw |= 0x100; break;
        case 5: sw *= 3; break;
        default: sw = ~sw; break;
        }
    }
    printf("switch: %08lx\n", (unsigned long)sw);
    exit(0);
}
