#include "gpio.h"

void gpio_clock_enable(GPIO_TypeDef *port)
{
    /* Ports are 1 KiB apart from GPIOA; enable bits 17.. follow the same order. */
    unsigned index = (unsigned)(((uintptr_t)port - GPIOA_BASE) / 0x400u);
    RCC->AHBENR |= 1u << (RCC_AHBENR_GPIOAEN_Pos + index);
    (void)RCC->AHBENR;  /* read back: the clock is on before the port is touched */
}

void gpio_set_mode(GPIO_TypeDef *port, unsigned pin, enum gpio_mode mode)
{
    port->MODER = (port->MODER & ~(3u << (2 * pin))) | ((uint32_t)mode << (2 * pin));
}

void gpio_set_pull(GPIO_TypeDef *port, unsigned pin, enum gpio_pull pull)
{
    port->PUPDR = (port->PUPDR & ~(3u << (2 * pin))) | ((uint32_t)pull << (2 * pin));
}

void gpio_set_open_drain(GPIO_TypeDef *port, unsigned pin, int open_drain)
{
    if (open_drain)
        port->OTYPER |= 1u << pin;
    else
        port->OTYPER &= ~(1u << pin);
}

void gpio_set_speed_high(GPIO_TypeDef *port, unsigned pin)
{
    port->OSPEEDR |= 3u << (2 * pin);
}

void gpio_set_af(GPIO_TypeDef *port, unsigned pin, unsigned af)
{
    volatile uint32_t *afr = pin < 8 ? &port->AFRL : &port->AFRH;
    unsigned shift = 4 * (pin % 8);
    *afr = (*afr & ~(0xFu << shift)) | ((af & 0xFu) << shift);
    gpio_set_mode(port, pin, GPIO_MODE_AF);
}

void gpio_write(GPIO_TypeDef *port, unsigned pin, int level)
{
    /* BSRR: low half sets, high half resets, atomically (no read-modify-write). */
    port->BSRR = level ? (1u << pin) : (1u << (pin + 16));
}

int gpio_read(const GPIO_TypeDef *port, unsigned pin)
{
    return (int)((port->IDR >> pin) & 1u);
}
