/* main's return value becomes the semihosting exit status. */
#include "f3kit.h"

int main(void)
{
    sh_write0("exit_code: returning 42\n");
    return 42;
}
