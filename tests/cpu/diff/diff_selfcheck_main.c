/* cpu_diff_selfcheck: every generated program must decode with capstone as
 * M-class Thumb and run on Unicorn without an exception.  Catches generator
 * bugs independently of the core under test. */
#include "diff_driver.h"

int main(int argc, char **argv)
{
    return diff_main(argc, argv, NULL);
}
