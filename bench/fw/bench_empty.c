/* The trivial firmware: exits at once.  bench/cpu_bench.sh times how long a
 * run of it takes from process start (f3kit's start-up time). */
#include "bench_sh.h"

int main(void)
{
    bench_exit(0);
}
