/* B1 USER button on PA0: active high (external pull-down and RC filter),
 * EXTI0 rising edge = press (facts §4.3, §3.6). */
#ifndef F3KIT_BUTTON_H
#define F3KIT_BUTTON_H

typedef void (*button_callback)(void *arg);

/* PA0 as floating input, EXTI0 on PA0 rising edge, NVIC EXTI0 enabled.
 * `on_press` (may be NULL) runs in the EXTI0 interrupt on each press. */
int button_init(button_callback on_press, void *arg);

/* 1 while the button is held down. */
int button_pressed(void);

#endif
