/* CMSIS/HAL style: SystemInit puts the RCC back to its reset state and
 * enables the FPU; SetSysClock brings the core to 72 MHz from the ST-LINK's
 * 8 MHz clock (HSEON + HSEBYP, FLASH LATENCY 2, PLL HSE x9, APB1 /2) polling
 * HSERDY, PLLRDY and SWS with timeouts; SystemCoreClockUpdate derives the
 * frequency from the registers.  TIM2 (72 MHz timer clock: APB1 prescaler
 * /2 doubles it, RM0316 9.2) raises an update interrupt every 100 ms that
 * toggles LD3. */
#include "regs.h"
#include "serial.h"

uint32_t SystemCoreClock = 8000000u;
static volatile uint32_t ticks;
static const uint8_t ahb_shift[16] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 6, 7, 8, 9};

void SystemInit(void)
{
    SCB_CPACR |= (3u << 20) | (3u << 22); /* CP10, CP11 full access */
    RCC_CR |= RCC_CR_HSION;
    RCC_CFGR &= 0xF87FC00Cu; /* SW, HPRE, PPRE1, PPRE2, MCO cleared */
    RCC_CR &= ~(RCC_CR_HSEON | RCC_CR_CSSON | RCC_CR_PLLON);
    RCC_CR &= ~RCC_CR_HSEBYP;
    RCC_CFGR &= ~(RCC_CFGR_PLLSRC | RCC_CFGR_PLLXTPRE | RCC_CFGR_PLLMUL_Msk | RCC_CFGR_USBPRE);
    RCC_CFGR2 = 0;
    RCC_CFGR3 = 0;
    RCC_CIR = 0;
    SCB_VTOR = 0x08000000u;
}

static int SetSysClock(void)
{
    uint32_t n = 0;
    RCC_CR |= RCC_CR_HSEON | RCC_CR_HSEBYP;
    while (!(RCC_CR & RCC_CR_HSERDY))
        if (++n > 0x5000u)
            return -1;
    FLASH_ACR = FLASH_ACR_PRFTBE | FLASH_ACR_LATENCY_2;
    RCC_CFGR = (RCC_CFGR & ~(RCC_CFGR_HPRE_Msk | RCC_CFGR_PPRE1_Msk | RCC_CFGR_PPRE2_Msk)) |
               RCC_CFGR_PPRE1_DIV2;
    RCC_CFGR = (RCC_CFGR & ~(RCC_CFGR_PLLSRC | RCC_CFGR_PLLXTPRE | RCC_CFGR_PLLMUL_Msk)) |
               RCC_CFGR_PLLSRC | RCC_CFGR_PLLMUL9;
    RCC_CR |= RCC_CR_PLLON;
    for (n = 0; !(RCC_CR & RCC_CR_PLLRDY);)
        if (++n > 0x5000u)
            return -2;
    RCC_CFGR = (RCC_CFGR & ~RCC_CFGR_SW_Msk) | RCC_CFGR_SW_PLL;
    for (n = 0; (RCC_CFGR & RCC_CFGR_SWS_Msk) != RCC_CFGR_SWS_PLL;)
        if (++n > 0x5000u)
            return -3;
    return 0;
}

static void SystemCoreClockUpdate(void)
{
    uint32_t cfgr = RCC_CFGR, f;
    switch (cfgr & RCC_CFGR_SWS_Msk) {
    case RCC_CFGR_SWS_HSE: f = 8000000u; break;
    case RCC_CFGR_SWS_PLL: {
        uint32_t mul = ((cfgr & RCC_CFGR_PLLMUL_Msk) >> 18) + 2u;
        uint32_t in = (cfgr & RCC_CFGR_PLLSRC) ? 8000000u / ((RCC_CFGR2 & 0xFu) + 1u) : 4000000u;
        f = in * mul;
        break;
    }
    default: f = 8000000u; break;
    }
    SystemCoreClock = f >> ahb_shift[(cfgr & RCC_CFGR_HPRE_Msk) >> 4];
}

void TIM2_IRQHandler(void)
{
    if (TIM2_SR & 1u) {
        TIM2_SR = ~1u; /* rc_w0: clear UIF only */
        GPIO_ODR(GPIOE_BASE) ^= 1u << LD3_PIN;
        ticks++;
    }
}

int main(void)
{
    int status = SetSysClock();
    SystemCoreClockUpdate();
    serial_init(SystemCoreClock, 0);
    if (status) {
        serial_puts("clock setup failed ");
        serial_putu((uint32_t)-status);
        serial_puts("\r\n");
    }
    /* the FPU is on: a float division the compiler cannot fold */
    volatile float hclk = (float)SystemCoreClock;
    float mhz = hclk / 1.0e6f;
    serial_puts("SystemCoreClock=");
    serial_putu(SystemCoreClock);
    serial_puts(" MHz=");
    serial_putu((uint32_t)(mhz + 0.5f));
    serial_puts(" ACR=");
    serial_puthex(FLASH_ACR & 0x3Fu);
    serial_puts("\r\n");

    RCC_AHBENR |= RCC_AHBENR_GPIOEEN;
    GPIO_MODER(GPIOE_BASE) = (GPIO_MODER(GPIOE_BASE) & ~(3u << (LD3_PIN * 2))) |
                             (1u << (LD3_PIN * 2));
    RCC_APB1ENR |= RCC_APB1ENR_TIM2EN;
    TIM2_PSC = 7200u - 1u; /* 72 MHz / 7200 = 10 kHz */
    TIM2_ARR = 1000u - 1u; /* 100 ms */
    TIM2_EGR = 1u;         /* load PSC now (sets UIF: clear it) */
    TIM2_SR = 0;
    TIM2_DIER = 1u;
    nvic_enable(TIM2_IRQ);
    TIM2_CR1 = 1u;

    while (ticks < 10u)
        __asm volatile("wfi");
    serial_puts("ticks=");
    serial_putu(ticks);
    serial_puts("\r\n");
    for (;;)
        __asm volatile("wfi");
}
