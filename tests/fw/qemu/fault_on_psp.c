/* A fault in thread mode on the process stack: the HardFault trampoline
 * must take the frame from PSP (EXC_RETURN bit 2), so the reported r0 is
 * the marker loaded just before the fault. */
#include "f3kit.h"

static uint32_t process_stack[128] __attribute__((aligned(8)));

int main(void)
{
    __asm__ volatile("msr psp, %0\n\t"
                     "movs r1, #2\n\t"          /* CONTROL.SPSEL = 1: thread mode uses PSP */
                     "msr control, r1\n\t"
                     "isb\n\t"
                     :
                     : "r"(&process_stack[128])
                     : "r1", "memory");
    __asm__ volatile("ldr r0, =0x12345678\n\t"
                     "udf #0\n\t" ::: "r0");
    return 0;
}
