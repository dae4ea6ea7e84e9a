/* The debug servers' target ops on a real (virtual) board: memory through
 * the same bus the core uses, registers through cpu_reg_get/set, run
 * control through DHCSR (the armv7m debug registers) and board_halt/
 * resume/reset, flash programmed directly into the array like a probe's
 * mass programming, then announced with bus_notify_write. */
#ifndef F3KIT_DBG_BOARD_H
#define F3KIT_DBG_BOARD_H

#include <stddef.h>

#include "board/f3disco/board.h"
#include "debug/dbg_target.h"

struct dbg_board;

struct dbg_board *dbg_board_new(struct board *b);
void dbg_board_free(struct dbg_board *d);
struct dbg_target dbg_board_target(struct dbg_board *d);

/* Semihosting console output, for board_observer.semihost_out (ctx = the
 * dbg_board): kept for the GDB server to forward as `O` packets.  Runs
 * with the board lock held, like every observer. */
void dbg_board_console(void *ctx, const void *buf, size_t len);

#endif
