#include "spi1.h"

#include "bsp_status.h"
#include "gpio.h"

/* 8-bit frames need 8-bit accesses to DR, or a write queues two frames. */
#define SPI1_DR8 (*(volatile uint8_t *)&SPI1->DR)

int spi1_init(void)
{
    gpio_clock_enable(GPIOA);
    gpio_clock_enable(GPIOE);
    gpio_write(GPIOE, 3, 1);                 /* CS idle high before it drives */
    gpio_set_mode(GPIOE, 3, GPIO_MODE_OUTPUT);
    for (unsigned pin = 5; pin <= 7; pin++) {
        gpio_set_af(GPIOA, pin, 5);
        gpio_set_speed_high(GPIOA, pin);
    }
    RCC->APB2ENR |= RCC_APB2ENR_SPI1EN;
    (void)RCC->APB2ENR;

    SPI1->CR1 = 0;
    /* 8-bit data; RXNE as soon as one byte is in the FIFO. */
    SPI1->CR2 = (7u << SPI_CR2_DS_Pos) | SPI_CR2_FRXTH;
    /* Master, f_PCLK2 / 8 (9 MHz at 72 MHz, under the gyro's 10 MHz), mode 3,
     * software NSS held high. */
    SPI1->CR1 = SPI_CR1_MSTR | (2u << SPI_CR1_BR_Pos) | SPI_CR1_CPOL | SPI_CR1_CPHA |
                SPI_CR1_SSM | SPI_CR1_SSI;
    SPI1->CR1 |= SPI_CR1_SPE;
    /* Drain anything left in the RX FIFO. */
    for (unsigned i = 0; i < 4 && (SPI1->SR & SPI_SR_RXNE); i++)
        (void)SPI1_DR8;
    return BSP_OK;
}

void spi1_select(int selected)
{
    gpio_write(GPIOE, 3, !selected);
}

int spi1_transfer(uint8_t out)
{
    uint32_t i;
    for (i = 0; i < BSP_SPIN_LIMIT && !(SPI1->SR & SPI_SR_TXE); i++)
        ;
    if (i == BSP_SPIN_LIMIT)
        return BSP_TIMEOUT;
    SPI1_DR8 = out;
    for (i = 0; i < BSP_SPIN_LIMIT && !(SPI1->SR & SPI_SR_RXNE); i++)
        ;
    if (i == BSP_SPIN_LIMIT)
        return BSP_TIMEOUT;
    return SPI1_DR8;
}
