/* The same fault on the main stack: the frame comes from MSP. */
#include "f3kit.h"

int main(void)
{
    __asm__ volatile("ldr r0, =0x0badcafe\n\t"
                     "udf #0\n\t" ::: "r0");
    return 0;
}
