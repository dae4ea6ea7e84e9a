/* hello: "Hello, world!" over semihosting (when a debugger is attached)
 * and over USART1 (115200 8N1 on PC4), then exit code 0.  Runs on the
 * reset clock (HSI 8 MHz). */
#include "f3kit.h"

int main(void)
{
    sh_write0("Hello, world!\n");
    if (usart1_init(clock_pclk2_hz(), 115200) == BSP_OK)
        usart1_puts("Hello, world!\r\n");
    return 0;
}
