/* Single-precision floating point on the FPv4-SP unit and newlib's libm:
 * exact IEEE operations are printed as bit patterns (they must match any
 * IEEE-754 machine bit for bit), libm results and printf("%f") with few
 * enough digits that a correctly rounded libm on the host agrees.  Built
 * with -ffp-contract=off so no multiply-add is fused behind our back.
 * Portable C: expected output from a host build. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return (unsigned long)u;
}

int main(void)
{
    volatile float a = 1.0f / 3.0f, b = 1e-3f, c = 3.0e38f, tiny = 1e-38f;
    printf("ops: %08lx %08lx %08lx %08lx\n", bits(a + b), bits(a - b), bits(a * b), bits(a / b));
    printf("overflow: %08lx underflow: %08lx denormal: %08lx\n", bits(c * 10.0f),
           bits(tiny * 1e-10f), bits(tiny / 16.0f));
    printf("sqrt: %08lx %08lx fma: %08lx\n", bits(sqrtf(2.0f)), bits(sqrtf(a)),
           bits(fmaf(a, 3.0f, -1.0f)));
    float h = 0.0f;
    for (int i = 1; i <= 1000; i++)
        h += 1.0f / (float)i;
    printf("harmonic(1000): %08lx %.4f\n", bits(h), (double)h);
    printf("convert: %d %d %u %d %08lx %08lx\n", (int)-2.75f, (int)2.75f, (unsigned)3e9f,
           (int)(float)16777217, bits((float)-123456789), bits((float)4000000000u));
    printf("round: %.1f %.1f %.1f %.1f %.1f\n", (double)floorf(-2.5f), (double)ceilf(-2.5f),
           (double)roundf(2.5f), (double)truncf(-2.7f), (double)rintf(2.5f));
    printf("libm: sin %.5f cos %.5f exp %.5f log %.5f pow %.4f atan2 %.5f\n",
           (double)sinf(0.5f), (double)cosf(2.0f), (double)expf(1.0f), (double)logf(10.0f),
           (double)powf(1.5f, 7.25f), (double)atan2f(1.0f, -1.0f));
    volatile float z = 0.0f;
    float inf = 1.0f / z, nan = z / z;
    printf("special: inf=%d nan=%d signbit(-0)=%d cmp=%d%d%d\n", isinf(inf) != 0, isnan(nan) != 0,
           signbit(-z) != 0, nan < 1.0f, nan == nan, inf > c);
    printf("printf: %.3f %e %g\n", (double)3.14159265f, (double)12345.678f, (double)0.0001f);
    float m[3][3] = {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}}, r[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            float s = 0;
            for (int k = 0; k < 3; k++)
                s += m[i][k] * m[k][j];
            r[i][j] = s;
        }
    printf("matrix: %g %g %g / %g %g %g\n", (double)r[0][0], (double)r[0][1], (double)r[0][2],
           (double)r[1][0], (double)r[1][1], (double)r[1][2]);
    exit(0);
}
