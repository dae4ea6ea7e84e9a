/* GPIO pin configuration helpers (facts §3.4). Ports are the generated
 * GPIOA..GPIOF pointers; pins 0..15. */
#ifndef F3KIT_GPIO_H
#define F3KIT_GPIO_H

#include "stm32f303xc.h"

enum gpio_mode { GPIO_MODE_INPUT = 0, GPIO_MODE_OUTPUT = 1, GPIO_MODE_AF = 2, GPIO_MODE_ANALOG = 3 };
enum gpio_pull { GPIO_PULL_NONE = 0, GPIO_PULL_UP = 1, GPIO_PULL_DOWN = 2 };

/* Turns on the port's clock (RCC_AHBENR.GPIOxEN). */
void gpio_clock_enable(GPIO_TypeDef *port);
void gpio_set_mode(GPIO_TypeDef *port, unsigned pin, enum gpio_mode mode);
void gpio_set_pull(GPIO_TypeDef *port, unsigned pin, enum gpio_pull pull);
void gpio_set_open_drain(GPIO_TypeDef *port, unsigned pin, int open_drain);
void gpio_set_speed_high(GPIO_TypeDef *port, unsigned pin);
/* Alternate function 0..15 and mode AF. */
void gpio_set_af(GPIO_TypeDef *port, unsigned pin, unsigned af);
void gpio_write(GPIO_TypeDef *port, unsigned pin, int level);
int gpio_read(const GPIO_TypeDef *port, unsigned pin);

#endif
