/* fault: reads 0xFFFFFFF0 (vendor system space, nothing answers there), which
 * raises a bus fault escalated to HardFault.  The kit's HardFault handler
 * prints the stacked registers and fault status over semihosting and exits
 * with code 131 (128 + exception 3).  Build with -DFAULT_UNDEFINED for an
 * undefined instruction (UsageFault -> HardFault) instead. */
#include "f3kit.h"

int main(void)
{
    usart1_init(clock_pclk2_hz(), 115200);
    sh_write0("fault: about to fault on purpose\n");
    usart1_puts("fault: about to fault on purpose\r\n");
#ifdef FAULT_UNDEFINED
    __asm__ volatile("udf #0");
#else
    volatile uint32_t value = *(volatile const uint32_t *)0xFFFFFFF0u;
    (void)value;
#endif
    sh_write0("fault: no fault happened\n");
    return 1;
}
