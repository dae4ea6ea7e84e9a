#include "i2c1.h"

#include "bsp_status.h"
#include "gpio.h"

/* 100 kHz with I2CCLK = 8 MHz: PRESC 1, SCLDEL 4, SDADEL 2, SCLH 0x0F,
 * SCLL 0x13 (the F0/F3 reference-manual timing table). */
#define I2C1_TIMING_100K 0x10420F13u

int i2c1_init(void)
{
    gpio_clock_enable(GPIOB);
    for (unsigned pin = 6; pin <= 7; pin++) {
        gpio_set_open_drain(GPIOB, pin, 1);
        gpio_set_pull(GPIOB, pin, GPIO_PULL_UP);
        gpio_set_af(GPIOB, pin, 4);
    }
    RCC->CFGR3 &= ~RCC_CFGR3_I2C1SW;          /* kernel clock = HSI 8 MHz */
    RCC->APB1ENR |= RCC_APB1ENR_I2C1EN;
    (void)RCC->APB1ENR;
    I2C1->CR1 = 0;
    I2C1->TIMINGR = I2C1_TIMING_100K;
    I2C1->CR1 = I2C_CR1_PE;
    return BSP_OK;
}

/* After an error: STOP if still on the bus, clear flags, and reset the
 * peripheral (PE low clears the internal state machine). */
static int recover(int status)
{
    if (I2C1->ISR & I2C_ISR_BUSY)
        I2C1->CR2 |= I2C_CR2_STOP;
    for (uint32_t i = 0; i < BSP_SPIN_LIMIT && !(I2C1->ISR & I2C_ISR_STOPF); i++)
        ;
    I2C1->ICR = I2C_ICR_NACKCF | I2C_ICR_STOPCF | I2C_ICR_BERRCF | I2C_ICR_ARLOCF;
    I2C1->CR1 &= ~I2C_CR1_PE;
    (void)I2C1->CR1;
    I2C1->CR1 |= I2C_CR1_PE;
    return status;
}

/* Waits for any bit of `mask`; a NACK ends the wait with BSP_NACK. */
static int wait_flag(uint32_t mask)
{
    for (uint32_t i = 0; i < BSP_SPIN_LIMIT; i++) {
        uint32_t isr = I2C1->ISR;
        if (isr & I2C_ISR_NACKF)
            return BSP_NACK;
        if (isr & (I2C_ISR_BERR | I2C_ISR_ARLO))
            return BSP_TIMEOUT;
        if (isr & mask)
            return BSP_OK;
    }
    return BSP_TIMEOUT;
}

static uint32_t cr2(uint8_t addr, unsigned nbytes, uint32_t extra)
{
    return ((uint32_t)(addr & 0x7Fu) << 1) | ((uint32_t)nbytes << I2C_CR2_NBYTES_Pos) | extra |
           I2C_CR2_START;
}

static int finish(void)
{
    int rc = wait_flag(I2C_ISR_STOPF);
    if (rc)
        return rc;
    I2C1->ICR = I2C_ICR_STOPCF;
    return BSP_OK;
}

int i2c1_read_regs(uint8_t addr, uint8_t reg, uint8_t *buf, unsigned n)
{
    if (n == 0 || n > 255)
        return BSP_BADARG;
    int rc;
    I2C1->CR2 = cr2(addr, 1, 0);             /* write 1 byte, no AUTOEND */
    if ((rc = wait_flag(I2C_ISR_TXIS)))
        return recover(rc);
    I2C1->TXDR = reg;
    if ((rc = wait_flag(I2C_ISR_TC)))
        return recover(rc);
    I2C1->CR2 = cr2(addr, n, I2C_CR2_RD_WRN | I2C_CR2_AUTOEND);   /* repeated start */
    for (unsigned i = 0; i < n; i++) {
        if ((rc = wait_flag(I2C_ISR_RXNE)))
            return recover(rc);
        buf[i] = (uint8_t)I2C1->RXDR;
    }
    return (rc = finish()) ? recover(rc) : BSP_OK;
}

int i2c1_write_reg(uint8_t addr, uint8_t reg, uint8_t value)
{
    int rc;
    I2C1->CR2 = cr2(addr, 2, I2C_CR2_AUTOEND);
    if ((rc = wait_flag(I2C_ISR_TXIS)))
        return recover(rc);
    I2C1->TXDR = reg;
    if ((rc = wait_flag(I2C_ISR_TXIS)))
        return recover(rc);
    I2C1->TXDR = value;
    return (rc = finish()) ? recover(rc) : BSP_OK;
}
