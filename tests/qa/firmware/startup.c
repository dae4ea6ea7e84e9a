/* A user's own startup in C, in the style of the CMSIS startup files:
 * a full 98-slot vector table in .isr_vector, weak handlers aliased to a
 * default loop, a Reset_Handler that calls SystemInit, copies .data, zeroes
 * .bss, runs the C++/constructor arrays and calls main. */
#include <stdint.h>

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
extern void __libc_init_array(void) __attribute__((weak));
void SystemInit(void);
int main(void);

void Reset_Handler(void);
void Default_Handler(void);
#define WEAK_HANDLER(n) void n(void) __attribute__((weak, alias("Default_Handler")))
WEAK_HANDLER(NMI_Handler);
WEAK_HANDLER(HardFault_Handler);
WEAK_HANDLER(SVC_Handler);
WEAK_HANDLER(PendSV_Handler);
WEAK_HANDLER(SysTick_Handler);
WEAK_HANDLER(EXTI0_IRQHandler);
WEAK_HANDLER(TIM2_IRQHandler);
WEAK_HANDLER(USART1_IRQHandler);
void __attribute__((weak)) SystemInit(void) {}

/* 16 system slots + 82 interrupts (RM0316 table 82); the ones these
 * programs use are named, the rest go to Default_Handler. */
typedef void (*vector_t)(void);
__attribute__((section(".isr_vector"), used)) const vector_t g_pfnVectors[98] = {
    [0] = (vector_t)(uintptr_t)&_estack,
    [1] = Reset_Handler,
    [2] = NMI_Handler,
    [3] = HardFault_Handler,
    [4 ... 10] = Default_Handler,
    [11] = SVC_Handler,
    [12 ... 13] = Default_Handler,
    [14] = PendSV_Handler,
    [15] = SysTick_Handler,
    [16 ... 16 + 5] = Default_Handler,
    [16 + 6] = EXTI0_IRQHandler,
    [16 + 7 ... 16 + 27] = Default_Handler,
    [16 + 28] = TIM2_IRQHandler,
    [16 + 29 ... 16 + 36] = Default_Handler,
    [16 + 37] = USART1_IRQHandler,
    [16 + 38 ... 97] = Default_Handler,
};

void Reset_Handler(void)
{
    SystemInit();
    uint32_t *src = &_sidata;
    for (uint32_t *dst = &_sdata; dst < &_edata;)
        *dst++ = *src++;
    for (uint32_t *dst = &_sbss; dst < &_ebss;)
        *dst++ = 0;
    if (__libc_init_array)
        __libc_init_array();
    main();
    for (;;)
        __asm volatile("wfi");
}

void Default_Handler(void)
{
    for (;;) {
    }
}
