/* The registers these "in the wild" test programs use, written the way a
 * user's own header would be: plain addresses from RM0316 (STM32F303xC
 * reference manual) and the Cortex-M4 generic user guide.  Deliberately not
 * the kit's generated header: these programs must run without the kit. */
#ifndef QA_REGS_H
#define QA_REGS_H

#include <stdint.h>

#define REG(addr) (*(volatile uint32_t *)(addr))

/* RCC (RM0316 9.4) */
#define RCC_BASE 0x40021000u
#define RCC_CR REG(RCC_BASE + 0x00)
#define RCC_CFGR REG(RCC_BASE + 0x04)
#define RCC_CIR REG(RCC_BASE + 0x08)
#define RCC_AHBENR REG(RCC_BASE + 0x14)
#define RCC_APB2ENR REG(RCC_BASE + 0x18)
#define RCC_APB1ENR REG(RCC_BASE + 0x1C)
#define RCC_CFGR2 REG(RCC_BASE + 0x2C)
#define RCC_CFGR3 REG(RCC_BASE + 0x30)
#define RCC_CR_HSION (1u << 0)
#define RCC_CR_HSIRDY (1u << 1)
#define RCC_CR_HSEON (1u << 16)
#define RCC_CR_HSERDY (1u << 17)
#define RCC_CR_HSEBYP (1u << 18)
#define RCC_CR_CSSON (1u << 19)
#define RCC_CR_PLLON (1u << 24)
#define RCC_CR_PLLRDY (1u << 25)
#define RCC_CFGR_SW_Msk (3u << 0)
#define RCC_CFGR_SW_PLL (2u << 0)
#define RCC_CFGR_SWS_Msk (3u << 2)
#define RCC_CFGR_SWS_HSI (0u << 2)
#define RCC_CFGR_SWS_HSE (1u << 2)
#define RCC_CFGR_SWS_PLL (2u << 2)
#define RCC_CFGR_HPRE_Msk (0xFu << 4)
#define RCC_CFGR_PPRE1_Msk (7u << 8)
#define RCC_CFGR_PPRE1_DIV2 (4u << 8)
#define RCC_CFGR_PPRE2_Msk (7u << 11)
#define RCC_CFGR_PLLSRC (1u << 16)
#define RCC_CFGR_PLLXTPRE (1u << 17)
#define RCC_CFGR_PLLMUL_Msk (0xFu << 18)
#define RCC_CFGR_PLLMUL9 (7u << 18)
#define RCC_CFGR_USBPRE (1u << 22)
#define RCC_CFGR_MCO_Msk (7u << 24)
#define RCC_AHBENR_GPIOAEN (1u << 17)
#define RCC_AHBENR_GPIOCEN (1u << 19)
#define RCC_AHBENR_GPIOEEN (1u << 21)
#define RCC_APB2ENR_SYSCFGEN (1u << 0)
#define RCC_APB2ENR_USART1EN (1u << 14)
#define RCC_APB1ENR_TIM2EN (1u << 0)

/* FLASH interface (RM0316 4.5) */
#define FLASH_ACR REG(0x40022000u)
#define FLASH_ACR_LATENCY_Msk 7u
#define FLASH_ACR_LATENCY_2 2u
#define FLASH_ACR_PRFTBE (1u << 4)

/* GPIO (RM0316 11.4) */
#define GPIOA_BASE 0x48000000u
#define GPIOC_BASE 0x48000800u
#define GPIOE_BASE 0x48001000u
#define GPIO_MODER(b) REG((b) + 0x00)
#define GPIO_OSPEEDR(b) REG((b) + 0x08)
#define GPIO_PUPDR(b) REG((b) + 0x0C)
#define GPIO_IDR(b) REG((b) + 0x10)
#define GPIO_ODR(b) REG((b) + 0x14)
#define GPIO_BSRR(b) REG((b) + 0x18)
#define GPIO_AFRL(b) REG((b) + 0x20)

/* USART1 (RM0316 29.8) */
#define USART1_BASE 0x40013800u
#define USART1_CR1 REG(USART1_BASE + 0x00)
#define USART1_BRR REG(USART1_BASE + 0x0C)
#define USART1_ISR REG(USART1_BASE + 0x1C)
#define USART1_ICR REG(USART1_BASE + 0x20)
#define USART1_RDR REG(USART1_BASE + 0x24)
#define USART1_TDR REG(USART1_BASE + 0x28)
#define USART_CR1_UE (1u << 0)
#define USART_CR1_RE (1u << 2)
#define USART_CR1_TE (1u << 3)
#define USART_CR1_RXNEIE (1u << 5)
#define USART_ISR_ORE (1u << 3)
#define USART_ISR_RXNE (1u << 5)
#define USART_ISR_TC (1u << 6)
#define USART_ISR_TXE (1u << 7)

/* TIM2 (RM0316 21.4) */
#define TIM2_BASE 0x40000000u
#define TIM2_CR1 REG(TIM2_BASE + 0x00)
#define TIM2_DIER REG(TIM2_BASE + 0x0C)
#define TIM2_SR REG(TIM2_BASE + 0x10)
#define TIM2_EGR REG(TIM2_BASE + 0x14)
#define TIM2_PSC REG(TIM2_BASE + 0x28)
#define TIM2_ARR REG(TIM2_BASE + 0x2C)

/* SYSCFG and EXTI (RM0316 12.1, 14.3) */
#define SYSCFG_EXTICR1 REG(0x40010008u)
#define EXTI_IMR REG(0x40010400u)
#define EXTI_RTSR REG(0x40010408u)
#define EXTI_FTSR REG(0x4001040Cu)
#define EXTI_PR REG(0x40010414u)

/* Cortex-M4 system registers */
#define SYST_CSR REG(0xE000E010u)
#define SYST_RVR REG(0xE000E014u)
#define SYST_CVR REG(0xE000E018u)
#define NVIC_ISER(n) REG(0xE000E100u + 4u * (n))
#define SCB_VTOR REG(0xE000ED08u)
#define SCB_CPACR REG(0xE000ED88u)

/* IRQ numbers (RM0316 table 82) */
#define EXTI0_IRQ 6
#define TIM2_IRQ 28
#define USART1_IRQ 37

static inline void nvic_enable(unsigned irq) { NVIC_ISER(irq / 32u) = 1u << (irq % 32u); }

/* Board wiring (UM1570): compass LEDs LD3..LD10 on PE8..PE15, B1 on PA0. */
#define LD4_PIN 8   /* blue, NW */
#define LD3_PIN 9   /* red, N */
#define LD5_PIN 10  /* orange, NE */
#define LD7_PIN 11  /* green, E */

#endif
