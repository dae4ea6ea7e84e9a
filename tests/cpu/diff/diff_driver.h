/* The driver shared by the differential test programs. */
#ifndef F3KIT_DIFF_DRIVER_H
#define F3KIT_DIFF_DRIVER_H

#include "diff.h"

/* The emulator compared with Unicorn; NULL for the generator self-check. */
struct diff_side {
    void *ctx;
    bool bkpt_pads;      /* programs that branch land on BKPT pads */
    int (*run)(void *ctx, const struct diff_prog *p, const struct diff_state *in,
               struct diff_state *out, char *err, size_t errlen);
};

int diff_main(int argc, char **argv, const struct diff_side *side);

/* Where Unicorn (QEMU) is known to differ from the architecture, rewrite its
 * result `ref` into what ARMv7-M requires (diff_quirks.c says why). */
void diff_quirks(const char *cls, const struct diff_prog *p, const struct diff_state *in,
                 struct diff_state *ref);

#endif
