/* NVIC helpers for device interrupts (IRQn >= 0). */
#ifndef F3KIT_NVIC_H
#define F3KIT_NVIC_H

#include "stm32f303xc.h"

static inline void nvic_enable_irq(IRQn_Type irq)
{
    NVIC->ISER[(unsigned)irq / 32] = 1u << ((unsigned)irq % 32);
}

static inline void nvic_disable_irq(IRQn_Type irq)
{
    NVIC->ICER[(unsigned)irq / 32] = 1u << ((unsigned)irq % 32);
}

/* priority 0 (highest) .. 15; stored in the upper nibble of the IPR byte
 * (F3_NVIC_PRIO_BITS = 4). */
static inline void nvic_set_priority(IRQn_Type irq, unsigned priority)
{
    volatile uint8_t *ipr = (volatile uint8_t *)NVIC->IPR;
    ipr[(unsigned)irq] = (uint8_t)((priority & 0xFu) << (8 - F3_NVIC_PRIO_BITS));
}

static inline int irqs_masked(void)
{
    uint32_t primask;
    __asm__ volatile("mrs %0, primask" : "=r"(primask));
    return (int)(primask & 1u);
}

#endif
