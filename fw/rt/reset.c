/* Reset_Handler: C runtime setup, then main(). */
#include "rt.h"
#include "stm32f303xc.h"

/* Bounds from fw/link.x (private symbols). */
extern uint32_t __sdata[], __edata[], __sidata[];
extern uint32_t __sbss[], __ebss[];
extern uint32_t __sccmram[], __eccmram[], __siccmram[];
extern uint32_t __sccmbss[], __eccmbss[];
extern uint32_t __vector_table[];

int main(void);

static void copy_words(uint32_t *dst, uint32_t *end, const uint32_t *src)
{
    while (dst < end)
        *dst++ = *src++;
}

static void zero_words(uint32_t *dst, uint32_t *end)
{
    while (dst < end)
        *dst++ = 0;
}

void Reset_Handler(void)
{
    /* The FPU is off at reset (CPACR = 0): grant CP10/CP11 full access first,
     * before any code that the compiler or the C library might implement
     * with floating-point registers (ARMv7-M B3.2.20), then make the change
     * visible to the following instructions. */
    SCB->CPACR |= (3u << SCB_CPACR_CP10_Pos) | (3u << SCB_CPACR_CP11_Pos);
    __asm__ volatile("dsb\n\tisb" ::: "memory");

    /* Exceptions fetch through the alias at 0 after a reset from flash; name
     * our table explicitly so it also holds when something else (a boot
     * loader, a debugger's "load" from another boot mode) started us. */
    SCB->VTOR = (uint32_t)(uintptr_t)__vector_table;

    copy_words(__sdata, __edata, __sidata);
    copy_words(__sccmram, __eccmram, __siccmram);
    zero_words(__sbss, __ebss);
    zero_words(__sccmbss, __eccmbss);

    rt_stop(main());
}
