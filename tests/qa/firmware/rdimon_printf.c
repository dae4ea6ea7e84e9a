/* newlib's semihosting library (--specs=rdimon.specs), the way many people
 * get printf on a Cortex-M: initialise_monitor_handles() in main, then stdio
 * goes to the debugger; exit() reports the status through semihosting. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern void initialise_monitor_handles(void);

static volatile float scale = 2.5f;

/* CMSIS SystemInit: the FPU on before any floating-point code (startup.c
 * calls it first). */
void SystemInit(void)
{
    *(volatile uint32_t *)0xE000ED88u |= (3u << 20) | (3u << 22);
    __asm volatile("dsb\n\tisb");
}

int main(void)
{
    initialise_monitor_handles();
    printf("rdimon: hello %d\n", 42);
    char *buf = malloc(64);
    if (!buf) {
        printf("rdimon: malloc failed\n");
        exit(1);
    }
    strcpy(buf, "heap ok");
    int milli = (int)(scale * 1000.0f * 1.5f);
    printf("rdimon: %s, scaled %d\n", buf, milli);
    fprintf(stderr, "rdimon: to stderr\n");
    free(buf);
    fflush(stdout);
    exit(7);
}
