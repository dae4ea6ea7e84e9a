/* Startup: .data copied, .bss zeroed, FPU usable, printf through the
 * newlib hooks to semihosting; exit status 0. */
#include <stdio.h>

#include "f3kit.h"

static int initialised = 41;
static int zeroed[16];
static volatile float scale = 1.25f;

int main(void)
{
    int bad = initialised != 41;
    for (int i = 0; i < 16; i++)
        bad |= zeroed[i] != 0;
    float f = scale * 8.0f;             /* VFP instructions: UsageFault if the FPU were off */
    bad |= (int)f != 10;
    bad |= (SCB->CPACR & (0xFu << 20)) != (0xFu << 20);
    printf("rt_init: data=%d bss=%d fpu=%d %s\n", initialised, zeroed[3], (int)f,
           bad ? "BAD" : "ok");
    return bad;
}
