/* Catch-all for exceptions and interrupts without a handler (the generated
 * vector table aliases them to Default_Handler, which calls this). */
#include "rt.h"
#include "semihosting.h"

__attribute__((weak)) void rt_default_handler(void)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    unsigned exc = ipsr & 0x1FFu;   /* IPSR.ISR_NUMBER = exception number */
    if (sh_debugger_attached()) {
        char num[9];
        rt_hex32(num, exc);
        sh_write0("f3kit: unhandled exception 0x");
        sh_write0(num);
        sh_write0(exc >= 16 ? " (an interrupt without a handler: define its _IRQHandler)\n"
                            : " (a system exception without a handler)\n");
    }
    rt_stop(RT_EXIT_EXCEPTION((int)exc));
}
