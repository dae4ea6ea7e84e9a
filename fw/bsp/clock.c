#include "clock.h"

#include "bsp_status.h"
#include "stm32f303xc.h"

/* Frequencies as last configured by this module (reset: HSI everywhere). */
static uint32_t hclk_hz = F3_HSI_HZ, pclk1_hz = F3_HSI_HZ, pclk2_hz = F3_HSI_HZ;

static int wait_set(volatile uint32_t *reg, uint32_t mask, uint32_t value)
{
    for (uint32_t i = 0; i < BSP_SPIN_LIMIT; i++)
        if ((*reg & mask) == value)
            return BSP_OK;
    return BSP_TIMEOUT;
}

/* Back to HSI with the PLL off, so PLL settings may be changed (RM: PLLMUL,
 * PLLSRC and PREDIV are writable only while PLLON = 0). */
static int leave_pll(void)
{
    RCC->CFGR &= ~RCC_CFGR_SW_Msk;
    if (wait_set(&RCC->CFGR, RCC_CFGR_SWS_Msk, 0))
        return BSP_TIMEOUT;
    RCC->CR &= ~RCC_CR_PLLON;
    return wait_set(&RCC->CR, RCC_CR_PLLRDY, 0);
}

int clock_init_72mhz(void)
{
    if ((RCC->CFGR & RCC_CFGR_SWS_Msk) == (2u << RCC_CFGR_SWS_Pos) || (RCC->CR & RCC_CR_PLLON))
        if (leave_pll())
            return BSP_TIMEOUT;

    /* 1. HSE in bypass mode: HSEBYP may only change while HSEON = 0. */
    RCC->CR &= ~RCC_CR_HSEON;
    RCC->CR |= RCC_CR_HSEBYP;
    RCC->CR |= RCC_CR_HSEON;
    if (wait_set(&RCC->CR, RCC_CR_HSERDY, RCC_CR_HSERDY)) {
        RCC->CR &= ~(RCC_CR_HSEON | RCC_CR_HSEBYP);
        return BSP_TIMEOUT;
    }

    /* 2. Two wait states before SYSCLK goes above 48 MHz; keep prefetch on. */
    FLASH->ACR = (FLASH->ACR & ~FLASH_ACR_LATENCY_Msk) | (2u << FLASH_ACR_LATENCY_Pos) |
                 FLASH_ACR_PRFTBE;

    /* 3-4. PLL = HSE / 1 x 9; AHB /1, APB1 /2, APB2 /1; USB = PLL / 1.5. */
    RCC->CFGR2 &= ~RCC_CFGR2_PREDIV_Msk;
    RCC->CFGR = (RCC->CFGR & ~(RCC_CFGR_PLLSRC | RCC_CFGR_PLLXTPRE | RCC_CFGR_PLLMUL_Msk |
                               RCC_CFGR_HPRE_Msk | RCC_CFGR_PPRE1_Msk | RCC_CFGR_PPRE2_Msk |
                               RCC_CFGR_USBPRE)) |
                RCC_CFGR_PLLSRC | (7u << RCC_CFGR_PLLMUL_Pos) | (4u << RCC_CFGR_PPRE1_Pos);

    /* 5. PLL on. */
    RCC->CR |= RCC_CR_PLLON;
    if (wait_set(&RCC->CR, RCC_CR_PLLRDY, RCC_CR_PLLRDY)) {
        RCC->CR &= ~RCC_CR_PLLON;
        return BSP_TIMEOUT;
    }

    /* 6. Switch SYSCLK to the PLL and wait until the switch is reported. */
    RCC->CFGR = (RCC->CFGR & ~RCC_CFGR_SW_Msk) | (2u << RCC_CFGR_SW_Pos);
    if (wait_set(&RCC->CFGR, RCC_CFGR_SWS_Msk, 2u << RCC_CFGR_SWS_Pos)) {
        RCC->CFGR &= ~RCC_CFGR_SW_Msk;
        return BSP_TIMEOUT;
    }
    hclk_hz = 72000000u;
    pclk1_hz = 36000000u;
    pclk2_hz = 72000000u;
    return BSP_OK;
}

uint32_t clock_hclk_hz(void)
{
    return hclk_hz;
}

uint32_t clock_pclk1_hz(void)
{
    return pclk1_hz;
}

uint32_t clock_pclk2_hz(void)
{
    return pclk2_hz;
}
