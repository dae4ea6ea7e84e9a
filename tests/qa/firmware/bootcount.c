/* EEPROM emulation as people write it: a boot counter kept in the last
 * 2 KiB flash page (page 127, 0x0803F800), read at boot, then the page is
 * erased and the new count programmed half-word by half-word through the
 * FLASH controller (RM0316 4.2: KEYR unlock sequence, PER + AR + STRT, PG,
 * BSY/EOP polling, LOCK).  The count is printed on USART1, so successive
 * `f3kit run --flash FILE` runs show it persisting in the flash image. */
#include "regs.h"
#include "serial.h"

#define FLASH_KEYR REG(0x40022004u)
#define FLASH_SR REG(0x4002200Cu)
#define FLASH_CR REG(0x40022010u)
#define FLASH_AR REG(0x40022014u)
#define FLASH_SR_BSY (1u << 0)
#define FLASH_SR_PGERR (1u << 2)
#define FLASH_SR_WRPRTERR (1u << 4)
#define FLASH_SR_EOP (1u << 5)
#define FLASH_CR_PG (1u << 0)
#define FLASH_CR_PER (1u << 1)
#define FLASH_CR_STRT (1u << 6)
#define FLASH_CR_LOCK (1u << 7)
#define COUNTER_PAGE 0x0803F800u

static int wait_ready(void)
{
    for (uint32_t n = 0; FLASH_SR & FLASH_SR_BSY; n++)
        if (n > 1000000u)
            return -1;
    uint32_t sr = FLASH_SR;
    FLASH_SR = FLASH_SR_EOP | FLASH_SR_PGERR | FLASH_SR_WRPRTERR; /* rc_w1 */
    return (sr & (FLASH_SR_PGERR | FLASH_SR_WRPRTERR)) ? -2 : 0;
}

static int store(uint32_t value)
{
    if (FLASH_CR & FLASH_CR_LOCK) {
        FLASH_KEYR = 0x45670123u;
        FLASH_KEYR = 0xCDEF89ABu;
    }
    int st = wait_ready();
    FLASH_CR |= FLASH_CR_PER;
    FLASH_AR = COUNTER_PAGE;
    FLASH_CR |= FLASH_CR_STRT;
    if (!st)
        st = wait_ready();
    FLASH_CR &= ~FLASH_CR_PER;
    volatile uint16_t *dst = (volatile uint16_t *)COUNTER_PAGE;
    for (int i = 0; i < 2 && !st; i++) {
        FLASH_CR |= FLASH_CR_PG;
        dst[i] = (uint16_t)(value >> (16 * i));
        st = wait_ready();
        FLASH_CR &= ~FLASH_CR_PG;
    }
    FLASH_CR |= FLASH_CR_LOCK;
    return st;
}

int main(void)
{
    serial_init(8000000u, 0);
    uint32_t stored = *(volatile uint32_t *)COUNTER_PAGE;
    uint32_t boots = stored == 0xFFFFFFFFu ? 1u : stored + 1u;
    int st = store(boots);
    serial_puts("boot ");
    serial_putu(boots);
    if (st) {
        serial_puts(" store failed ");
        serial_putu((uint32_t)-st);
    } else if (*(volatile uint32_t *)COUNTER_PAGE != boots) {
        serial_puts(" readback wrong");
    }
    serial_puts("\r\n");
    for (;;)
        __asm volatile("wfi");
}
