/* Ending a program: semihosting exit under a debugger, else halt. */
#include "rt.h"
#include "semihosting.h"

void rt_halt(void)
{
    __asm__ volatile("cpsid i" ::: "memory");
    for (;;) {
        if (sh_debugger_attached())
            __asm__ volatile("bkpt #0");
        else
            __asm__ volatile("wfi");
    }
}

void rt_stop(int code)
{
    sh_exit(code);      /* does nothing without a debugger */
    rt_halt();
}

void rt_hex32(char out[9], uint32_t v)
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 7; i >= 0; i--) {
        out[i] = digits[v & 0xF];
        v >>= 4;
    }
    out[8] = '\0';
}
