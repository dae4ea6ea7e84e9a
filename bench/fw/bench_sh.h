/* Minimal semihosting for the benchmarks: BKPT 0xAB directly, with no
 * DHCSR.C_DEBUGEN check, so the same ELF prints and exits both on f3kit
 * (semihosting served by the host) and on `qemu-system-arm -semihosting`
 * (whose DHCSR does not report a debugger). */
#ifndef BENCH_SH_H
#define BENCH_SH_H

#include <stdint.h>

static inline uint32_t bench_sh(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static inline void bench_puts(const char *s)
{
    bench_sh(0x04, s); /* SYS_WRITE0 */
}

/* SYS_EXIT with ADP_Stopped_ApplicationExit (0) or SYS_EXIT_EXTENDED. */
__attribute__((noreturn)) static inline void bench_exit(int code)
{
    if (code == 0) {
        bench_sh(0x18, (const void *)0x20026u);
    } else {
        const uint32_t block[2] = {0x20026u, (uint32_t)code};
        bench_sh(0x20, block);
    }
    for (;;)
        __asm__ volatile("bkpt #0");
}

#endif
