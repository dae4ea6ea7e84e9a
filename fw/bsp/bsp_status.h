/* Status codes of the board support functions: 0 or a negative error.
 * Every wait on hardware is bounded (BSP_SPIN_LIMIT polls, or a time in ms)
 * and ends with BSP_TIMEOUT instead of hanging. */
#ifndef F3KIT_BSP_STATUS_H
#define F3KIT_BSP_STATUS_H

enum bsp_status {
    BSP_OK = 0,
    BSP_TIMEOUT = -1,  /* a flag never came: clock missing, peripheral off */
    BSP_NACK = -2,     /* an I2C device did not acknowledge */
    BSP_NODEV = -3,    /* no device answered with a known identity */
    BSP_BADARG = -4,   /* argument out of range */
    BSP_NOTREADY = -5, /* a prerequisite is missing (init not called, IRQs masked) */
};

/* Polls of a status flag before giving up: about 10 ms at 72 MHz, longer
 * than any HSE/PLL start-up or byte transfer on this board. */
#define BSP_SPIN_LIMIT 200000u

/* Short name of a status, for messages. */
const char *bsp_status_name(int status);

#endif
