/* A 128 KiB image (a constant table filling 64 flash pages) that keeps an
 * OpenOCD `program` busy long enough to be interrupted in every phase by the
 * flash robustness test; it lights LD10 so a run shows it is the one loaded. */
#include "regs.h"

#define BLOB_SIZE (128u * 1024u)
__attribute__((used)) const uint8_t blob[BLOB_SIZE] = {[0 ... BLOB_SIZE - 1] = 0x5A};

int main(void)
{
    RCC_AHBENR |= RCC_AHBENR_GPIOEEN;
    GPIO_MODER(GPIOE_BASE) = (GPIO_MODER(GPIOE_BASE) & ~(3u << 26)) | (1u << 26);
    GPIO_BSRR(GPIOE_BASE) = 1u << 13; /* LD10, S */
    uint32_t sum = 0;
    for (uint32_t i = 0; i < BLOB_SIZE; i += 1024u)
        sum += blob[i];
    for (;;)
        __asm volatile("wfi" ::"r"(sum));
}
