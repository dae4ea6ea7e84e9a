/* ARM semihosting calls (ARM "Semihosting for AArch32 and AArch64", v2). */
#include "semihosting.h"
#include "stm32f303xc.h"

#include <string.h>

__attribute__((weak)) int sh_debugger_attached(void)
{
    return (COREDEBUG->DHCSR & COREDEBUG_DHCSR_C_DEBUGEN) != 0;
}

uint32_t sh_call(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void sh_writec(char c)
{
    if (sh_debugger_attached())
        sh_call(SH_SYS_WRITEC, &c);
}

void sh_write0(const char *s)
{
    if (sh_debugger_attached())
        sh_call(SH_SYS_WRITE0, s);
}

/* Host handle of the console, opened on first use (":tt" in mode 4 = "w");
 * -1 not yet opened, -2 the host refused (then SYS_WRITEC is used). */
static int32_t console = -1;

int sh_write(const void *buf, size_t len)
{
    if (!sh_debugger_attached())
        return -1;
    if (console < 0) {
        static const char tt[] = ":tt";
        const uint32_t args[3] = {(uint32_t)(uintptr_t)tt, 4, sizeof tt - 1};
        int32_t h = (int32_t)sh_call(SH_SYS_OPEN, args);
        console = h < 0 ? -2 : h;
    }
    if (console == -2) {
        /* No file support on this host: character by character. */
        const char *p = buf;
        for (size_t i = 0; i < len; i++)
            sh_call(SH_SYS_WRITEC, &p[i]);
        return (int)len;
    }
    const uint32_t args[3] = {(uint32_t)console, (uint32_t)(uintptr_t)buf, (uint32_t)len};
    uint32_t not_written = sh_call(SH_SYS_WRITE, args);
    return not_written > len ? -1 : (int)(len - not_written);
}

void sh_exit(int code)
{
    if (!sh_debugger_attached())
        return;
    if (code == 0) {
        /* AArch32 SYS_EXIT takes the reason code itself in r1. */
        sh_call(SH_SYS_EXIT, (const void *)(uintptr_t)SH_ADP_STOPPED_APPLICATION_EXIT);
        return;
    }
    const uint32_t block[2] = {SH_ADP_STOPPED_APPLICATION_EXIT, (uint32_t)code};
    sh_call(SH_SYS_EXIT_EXTENDED, block);
    sh_call(SH_SYS_EXIT, (const void *)(uintptr_t)SH_ADP_STOPPED_RUNTIME_ERROR_UNKNOWN);
}
