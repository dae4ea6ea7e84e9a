#include "leds.h"

#include "gpio.h"

/* Clockwise from North: PE9 .. PE15, then PE8 (facts §4.2). */
static const uint8_t pins[LED_COUNT] = {9, 10, 11, 12, 13, 14, 15, 8};
static const char *const names[LED_COUNT] = {
    "LD3 N red", "LD5 NE orange", "LD7 E green", "LD9 SE blue",
    "LD10 S red", "LD8 SW orange", "LD6 W green", "LD4 NW blue",
};

void leds_init(void)
{
    gpio_clock_enable(GPIOE);
    GPIOE->BSRR = 0xFF00u << 16;    /* off before becoming outputs */
    for (unsigned i = 0; i < LED_COUNT; i++)
        gpio_set_mode(GPIOE, pins[i], GPIO_MODE_OUTPUT);
}

unsigned led_pin(enum led led)
{
    return pins[(unsigned)led % LED_COUNT];
}

const char *led_name(enum led led)
{
    return names[(unsigned)led % LED_COUNT];
}

void led_set(enum led led, int on)
{
    gpio_write(GPIOE, led_pin(led), on);
}

void led_toggle(enum led led)
{
    unsigned pin = led_pin(led);
    gpio_write(GPIOE, pin, !((GPIOE->ODR >> pin) & 1u));
}

void leds_set_mask(uint8_t mask)
{
    uint32_t set = 0, reset = 0;
    for (unsigned i = 0; i < LED_COUNT; i++) {
        if (mask & (1u << i))
            set |= 1u << pins[i];
        else
            reset |= 1u << pins[i];
    }
    GPIOE->BSRR = set | (reset << 16);
}
