/* cpu_diff: random programs per instruction class on Unicorn and on the
 * f3kit core; every register, flag, FP register, FPSCR and RAM byte must agree.
 * --run: execute programs through cpu_run (predecoded blocks) rather than
 * cpu_step, stopping at a BKPT after a straight program or where a branch
 * lands. */
#include <stdio.h>
#include <string.h>

#include "diff_driver.h"

static int run_core(void *ctx, const struct diff_prog *p, const struct diff_state *in,
                    struct diff_state *out, char *err, size_t errlen)
{
    return diff_core_run(ctx, p, in, out, err, errlen);
}

int main(int argc, char **argv)
{
    char err[256];
    struct diff_core *core = diff_core_new(err, sizeof err);
    if (!core) {
        fprintf(stderr, "cpu_diff: %s\n", err);
        return 2;
    }
    struct diff_side side = {.ctx = core, .run = run_core};
    int k = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--run")) {
            diff_core_use_run(core, true);
            side.bkpt_pads = true;
        } else {
            argv[k++] = argv[i];
        }
    }
    argc = k;
    int rc = diff_main(argc, argv, &side);
    diff_core_free(core);
    return rc;
}
