/* setjmp/longjmp: newlib's ARM implementation saves r4-r11, SP, LR and, with
 * the hard-float ABI, d8-d15 (s16-s31); a longjmp must restore them all,
 * from nested frames and repeatedly.  Portable C: expected output from a
 * host build. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

static jmp_buf env, env2;
static int depth_reached;

static void dive(int depth)
{
    volatile char pad[32];
    pad[depth % 32] = (char)depth;
    if (depth == 10) {
        depth_reached = depth + pad[depth % 32];
        longjmp(env, depth);
    }
    if (depth < 100)
        dive(depth + 1);
}

static int nested(int n)
{
    if (setjmp(env2) == 0) {
        if (n > 0)
            longjmp(env2, n * 2);
        return -1;
    }
    return n;
}

int main(void)
{
    volatile int count = 0;
    volatile float f = 1.5f;
    int r = setjmp(env);
    count++;
    if (r == 0) {
        f = 2.5f;
        dive(0);
        printf("not reached\n");
    }
    printf("longjmp returned %d after %d setjmp returns, depth %d, f=%.1f\n", r, count,
           depth_reached, (double)f);

    volatile int loops = 0;
    if (setjmp(env) < 5) {
        loops++;
        if (loops < 5)
            longjmp(env, loops);
    }
    printf("loop via longjmp: %d\n", loops);
    printf("nested: %d %d\n", nested(0), nested(21));
    /* longjmp(env, 0) must make setjmp return 1 */
    volatile int zero_case = 0;
    int z = setjmp(env);
    if (!zero_case) {
        zero_case = 1;
        longjmp(env, 0);
    }
    printf("longjmp(0) gives %d\n", z);
    exit(0);
}
