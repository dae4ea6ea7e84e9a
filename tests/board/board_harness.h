/* A virtual board with everything it reports recorded, for tests. */
#ifndef F3KIT_TEST_BOARD_HARNESS_H
#define F3KIT_TEST_BOARD_HARNESS_H

#include <stdbool.h>
#include <stddef.h>

#include "board/f3disco/board.h"

struct led_event {
    unsigned led;
    bool on;
    double t;
};

struct bh {
    struct board *b;
    char uart[8192];
    size_t nuart;
    char semi[8192];
    size_t nsemi;
    char out[16384];            /* USART1 and semihosting, in arrival order */
    size_t nout;
    struct led_event ev[512];
    size_t nev;
    char diag[16][256];
    unsigned ndiag;
    unsigned resets;
};

/* A board (revision, flash image path or NULL); NULL and a test failure on error. */
struct bh *bh_new(enum board_revision rev, const char *flash_path);
void bh_free(struct bh *h);
/* Program an example from the firmware build and reset; false (test
 * skipped) when the firmware was not built. */
bool bh_load_example(struct bh *h, const char *name);
/* Program a minimal firmware (vector table + `b .`) through the flash
 * controller, as a probe would, and reset: time can then pass. */
void bh_spin_program(struct bh *h);
/* Path of an example ELF. */
const char *bh_example(const char *name, char *buf, size_t len);

#endif
