/* HardFault: find the stacked frame, report it and the fault status
 * registers over semihosting, stop. */
#include "rt.h"
#include "semihosting.h"
#include "stm32f303xc.h"

/* Naked so no prologue disturbs the stack: EXC_RETURN (in LR) bit 2 tells
 * whether the exception frame was pushed on MSP (0) or PSP (1)
 * (ARMv7-M B1.5.8). Weak: an application may install its own. */
__attribute__((naked, weak)) void HardFault_Handler(void)
{
    __asm__ volatile(
        "tst lr, #4\n\t"
        "ite eq\n\t"
        "mrseq r0, msp\n\t"
        "mrsne r0, psp\n\t"
        "mov r1, lr\n\t"
        "b rt_hardfault_report\n\t");
}

static void put_reg(const char *name, uint32_t value)
{
    char hex[9];
    rt_hex32(hex, value);
    sh_write0(name);
    sh_write0("=0x");
    sh_write0(hex);
}

__attribute__((weak, used)) void rt_hardfault_report(const uint32_t *frame, uint32_t exc_return)
{
    if (sh_debugger_attached()) {
        static const char *const names[8] = {" r0", " r1", " r2", " r3", " r12", " lr", " pc", " xpsr"};
        sh_write0("f3kit: HardFault\n ");
        for (int i = 0; i < 8; i++)
            put_reg(names[i], frame[i]);
        sh_write0("\n ");
        put_reg(" CFSR", SCB->CFSR);
        put_reg(" HFSR", SCB->HFSR);
        put_reg(" MMFAR", SCB->MMFAR);
        put_reg(" BFAR", SCB->BFAR);
        put_reg(" EXC_RETURN", exc_return);
        sh_write0("\n");
    }
    rt_stop(RT_EXIT_EXCEPTION(3));
}
