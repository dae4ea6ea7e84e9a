/* NVIC_SystemReset as HAL/CMSIS code does it: AIRCR = VECTKEY | PRIGROUP |
 * SYSRESETREQ after a DSB.  A magic word and a counter in SRAM outside the
 * sections the startup clears (SRAM keeps its content over a system reset)
 * count the boots; RCC_CSR tells a software reset (SFTRSTF, bit 28) from a
 * power-on one (PORRSTF, RM0316 9.4.10; an internal reset also pulses NRST,
 * so PINRSTF may accompany SFTRSTF), and RMVF clears them. */
#include "regs.h"
#include "serial.h"

#define SCB_AIRCR REG(0xE000ED0Cu)
#define RCC_CSR REG(RCC_BASE + 0x24u)
#define RCC_CSR_RMVF (1u << 24)
#define RCC_CSR_PINRSTF (1u << 26)
#define RCC_CSR_PORRSTF (1u << 27)
#define RCC_CSR_SFTRSTF (1u << 28)

#define KEEP ((volatile uint32_t *)0x20008000u)
#define MAGIC 0x5EB007EDu

static void system_reset(void)
{
    /* the last characters are still in TDR and the shift register: a reset
     * now would cut them off, as on the chip */
    while (!(USART1_ISR & USART_ISR_TC)) {
    }
    __asm volatile("dsb" ::: "memory");
    SCB_AIRCR = (0x5FAu << 16) | (SCB_AIRCR & (7u << 8)) | (1u << 2);
    __asm volatile("dsb" ::: "memory");
    for (;;) {
    }
}

int main(void)
{
    serial_init(8000000u, 0);
    uint32_t csr = RCC_CSR;
    RCC_CSR |= RCC_CSR_RMVF;
    if (KEEP[0] != MAGIC) {
        KEEP[0] = MAGIC;
        KEEP[1] = 0;
    }
    KEEP[1]++;
    serial_puts("boot ");
    serial_putu(KEEP[1]);
    serial_puts((csr & RCC_CSR_SFTRSTF) ? " software" : "");
    serial_puts((csr & (RCC_CSR_PINRSTF | RCC_CSR_PORRSTF)) ? " pin/power" : "");
    serial_puts("\r\n");
    if (KEEP[1] < 3u)
        system_reset();
    serial_puts("done\r\n");
    for (;;)
        __asm volatile("wfi");
}
