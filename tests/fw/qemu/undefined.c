/* An undefined instruction: UsageFault (UNDEFINSTR, CFSR bit 16), escalated
 * to HardFault because UsageFault is not enabled; exit 131. */
#include "f3kit.h"

int main(void)
{
    __asm__ volatile("udf #0");
    return 0;
}
