/* SVC without an SVCall handler reaches the default handler: exit 128 + 11. */
#include "f3kit.h"

int main(void)
{
    __asm__ volatile("svc #0");
    return 0;
}
