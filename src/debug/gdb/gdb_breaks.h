/* Breakpoints and watchpoints of a GDB connection, on the Cortex-M debug
 * hardware as OpenOCD programs it (stlink-server.md §3.5): FPB comparators
 * for code (Z1, and Z0 in the Code region so flash is never patched), a
 * patched BKPT for Z0 elsewhere (RAM), DWT comparators for Z2/Z3/Z4.
 * Every function runs with the target lock held. */
#ifndef F3KIT_GDB_BREAKS_H
#define F3KIT_GDB_BREAKS_H

#include <stdbool.h>
#include <stdint.h>

#include "debug/dbg_target.h"

#define GDB_HW_BREAKS 6      /* FPB instruction comparators */
#define GDB_SW_BREAKS 64     /* BKPT patched into RAM */
#define GDB_WATCHES 4        /* DWT comparators */

struct gdb_breaks {
    struct { uint32_t addr; bool used; } hw[GDB_HW_BREAKS];
    struct { uint32_t addr; uint16_t orig; bool used; } sw[GDB_SW_BREAKS];
    struct { uint32_t addr, len; unsigned type; bool used; } wp[GDB_WATCHES];
};

/* Z/z packets: type 0..4 as GDB numbers them, kind = length.  0 or -1
 * (no comparator free, address not coverable, memory not writable). */
int gdb_break_insert(struct gdb_breaks *b, const struct dbg_target *t, unsigned type,
                     uint32_t addr, uint32_t kind);
int gdb_break_remove(struct gdb_breaks *b, const struct dbg_target *t, unsigned type,
                     uint32_t addr, uint32_t kind);
void gdb_breaks_clear(struct gdb_breaks *b, const struct dbg_target *t);

/* Is there a breakpoint (either kind) at addr / a GDB BKPT patched there? */
bool gdb_break_at(const struct gdb_breaks *b, uint32_t addr);
bool gdb_break_sw_at(const struct gdb_breaks *b, uint32_t addr);

/* Lift the breakpoints at pc so one instruction can execute there, and
 * put them back afterwards. */
struct gdb_lifted {
    int hw, sw;
    uint32_t pc;
};
void gdb_breaks_lift(struct gdb_breaks *b, const struct dbg_target *t, uint32_t pc,
                     struct gdb_lifted *l);
void gdb_breaks_restore(struct gdb_breaks *b, const struct dbg_target *t,
                        const struct gdb_lifted *l);

/* After a watchpoint stop: which watchpoint fired (DWT_FUNCTION.MATCHED,
 * else the first one set), -1 if none is set. */
int gdb_watch_hit(const struct gdb_breaks *b, const struct dbg_target *t);

#endif
