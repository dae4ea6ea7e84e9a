/* The eight user LEDs LD3..LD10 on PE8..PE15, active high, arranged as a
 * compass (facts §4.2).  Index 0..7 goes clockwise from North. */
#ifndef F3KIT_LEDS_H
#define F3KIT_LEDS_H

#include <stdint.h>

enum led {
    LED_N = 0,  /* LD3  PE9  red    */
    LED_NE,     /* LD5  PE10 orange */
    LED_E,      /* LD7  PE11 green  */
    LED_SE,     /* LD9  PE12 blue   */
    LED_S,      /* LD10 PE13 red    */
    LED_SW,     /* LD8  PE14 orange */
    LED_W,      /* LD6  PE15 green  */
    LED_NW,     /* LD4  PE8  blue   */
    LED_COUNT
};

/* Board names. */
#define LED_LD3 LED_N
#define LED_LD5 LED_NE
#define LED_LD7 LED_E
#define LED_LD9 LED_SE
#define LED_LD10 LED_S
#define LED_LD8 LED_SW
#define LED_LD6 LED_W
#define LED_LD4 LED_NW

/* GPIOE clock on, PE8..PE15 push-pull outputs, all LEDs off. */
void leds_init(void);
void led_set(enum led led, int on);
void led_toggle(enum led led);
/* Bit i of `mask` drives LED i (enum led order); all eight at once. */
void leds_set_mask(uint8_t mask);
/* Port E pin of an LED (8..15). */
unsigned led_pin(enum led led);
const char *led_name(enum led led);   /* "LD3 N red" */

#endif
