/* Stimulus scripts, so firmware tests read like "press the button, expect
 * this line":
 *
 *     # comment
 *     at 0.5s press               B1 down (release: B1 up)
 *     at 1s gyro 100 -200 300     raw sensor values (also accel, mag)
 *     at 0s uart "hi\n"           bytes into USART1 RX (C escapes)
 *     at 2s expect "Hello"        the output so far contains the text
 *     at 2s expect led LD3 on     an LED's state at that time
 *     at 3s reset                 NRST
 *     at 4s stop                  end the run (exit status from expects)
 *     expect "done"               checked when the run ends
 *
 * Times take s, ms or us (bare numbers are seconds).  "Output" is what the
 * firmware printed over USART1 and semihosting. */
#ifndef F3KIT_BOARD_SCRIPT_H
#define F3KIT_BOARD_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "board/f3disco/board.h"

enum script_op {
    SCRIPT_PRESS, SCRIPT_RELEASE, SCRIPT_GYRO, SCRIPT_ACCEL, SCRIPT_MAG, SCRIPT_UART,
    SCRIPT_EXPECT, SCRIPT_EXPECT_LED, SCRIPT_RESET, SCRIPT_STOP,
};

struct script_step {
    double t;               /* virtual seconds; INFINITY for end-of-run checks */
    enum script_op op;
    int16_t v[3];
    char *text;             /* uart bytes / expected text */
    size_t textlen;
    unsigned led;
    bool on;
    int line;
};

struct board_script {
    struct script_step *steps;  /* sorted by time, file order kept for ties */
    size_t n;
    size_t next;                /* first step not applied yet */
    int failures;
    bool stopped;
};

/* A "quoted string" at *pp with the scripts' C escapes (\n \r \t \0 \\ \"
 * \xNN), also used by `f3kit board`'s line commands.  0 with the bytes in
 * *out (malloc'd, NUL-terminated, *outlen without it) and *pp past the
 * closing quote; -1 with the reason in err (no quote, unterminated, bad
 * escape). */
int board_script_string(const char **pp, char **out, size_t *outlen, char *err, size_t errlen);

int board_script_parse(const char *text, struct board_script *s, char *err, size_t errlen);
int board_script_load(const char *path, struct board_script *s, char *err, size_t errlen);
void board_script_free(struct board_script *s);
/* Time of the next step to apply (INFINITY when only end checks remain). */
double board_script_next(const struct board_script *s);
/* Apply every step due at board_time(b); `out` is the output so far.
 * Failed expectations are described on `report` and counted. */
void board_script_apply(struct board_script *s, struct board *b, const char *out, size_t outlen,
                        FILE *report);
/* At the end of the run: the remaining expectations. */
void board_script_finish(struct board_script *s, struct board *b, const char *out, size_t outlen,
                         FILE *report);

#endif
