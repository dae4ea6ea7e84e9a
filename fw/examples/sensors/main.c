/* sensors: identifies the gyroscope (SPI1) and e-compass (I2C1), which tells
 * the board revision (L3GD20 + LSM303DLHC up to rev D, I3G4250D + LSM303AGR
 * from rev E), then prints 5 samples of each at 100 ms over USART1 and
 * semihosting.  Exit code 0 when both sensors answered, 1 otherwise. */
#include <stdio.h>

#include "f3kit.h"

#define SAMPLES 5

int main(void)
{
    clock_init_72mhz();
    systick_init(clock_hclk_hz());
    usart1_init(clock_pclk2_hz(), 115200);

    struct gyro gyro;
    struct compass compass;
    int grc = l3gd20_init(&gyro);
    int crc = lsm303_init(&compass);
    printf("sensors: gyro %s (WHO_AM_I 0x%02x, %s), compass %s (%s)\r\n",
           l3gd20_name(gyro.kind), gyro.who_am_i, bsp_status_name(grc),
           lsm303_name(compass.kind), bsp_status_name(crc));
    if (gyro.kind == GYRO_L3GD20 && compass.kind == COMPASS_LSM303DLHC)
        printf("sensors: board revision C/D or older (L3GD20 + LSM303DLHC)\r\n");
    else if (gyro.kind == GYRO_I3G4250D && compass.kind == COMPASS_LSM303AGR)
        printf("sensors: board revision E or newer (I3G4250D + LSM303AGR)\r\n");

    for (int i = 0; i < SAMPLES; i++) {
        int16_t g[3] = {0}, a[3] = {0}, m[3] = {0};
        int r1 = grc == BSP_OK ? l3gd20_read(&gyro, g) : grc;
        int r2 = crc == BSP_OK ? lsm303_read_accel(&compass, a) : crc;
        int r3 = crc == BSP_OK ? lsm303_read_mag(&compass, m) : crc;
        printf("sensors: gyro %d %d %d (%s) accel %d %d %d (%s) mag %d %d %d (%s)\r\n",
               g[0], g[1], g[2], bsp_status_name(r1), a[0], a[1], a[2], bsp_status_name(r2),
               m[0], m[1], m[2], bsp_status_name(r3));
        systick_delay_ms(100);
    }
    return grc == BSP_OK && crc == BSP_OK ? 0 : 1;
}
