/* A load from 0xFFFFFFF0 faults; the kit reports the frame and exits 131. */
#include "f3kit.h"

int main(void)
{
    sh_write0("hardfault: reading 0xFFFFFFF0\n");
    return (int)*(volatile const uint32_t *)0xFFFFFFF0u;
}
