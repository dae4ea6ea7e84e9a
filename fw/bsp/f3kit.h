/* Everything of the firmware kit in one include. */
#ifndef F3KIT_FW_H
#define F3KIT_FW_H

#include "stm32f303xc.h"
#include "rt.h"
#include "bsp_status.h"
#include "button.h"
#include "clock.h"
#include "gpio.h"
#include "i2c1.h"
#include "l3gd20.h"
#include "leds.h"
#include "lsm303.h"
#include "nvic.h"
#include "semihosting.h"
#include "spi1.h"
#include "systick.h"
#include "usart.h"

#endif
