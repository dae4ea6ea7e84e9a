/* The register layout f3kit's GDB server describes (gdb-remote.md §5,
 * "recommended layout"): r0..r15, xpsr, msp, psp, primask, basepri,
 * faultmask, control, d0..d15, fpscr — sequential regnums 0..39. */
#ifndef F3KIT_GDB_REGS_H
#define F3KIT_GDB_REGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debug/dbg_target.h"

#define GDB_NUM_REGS 40
#define GDB_REGS_BYTES 224   /* 23 * 4 + 16 * 8 + 4: the `g` reply */

/* Size in bytes of register n (4 or 8), 0 if n is not a register. */
unsigned gdb_reg_size(unsigned n);
/* Read/write register n through the target (lock held).  Values are the
 * little-endian bytes GDB exchanges; `buf` holds gdb_reg_size(n) bytes. */
bool gdb_reg_read(const struct dbg_target *t, unsigned n, uint8_t *buf);
bool gdb_reg_write(const struct dbg_target *t, unsigned n, const uint8_t *buf);

/* The target description document (org.gnu.gdb.arm.m-profile, m-system,
 * vfp) and the memory map, NUL-terminated, into x (GDB_XML_MAX bytes). */
#define GDB_XML_MAX 8192
void gdb_build_target_xml(char *x, size_t cap);
void gdb_build_memory_map_xml(char *x, size_t cap);

#endif
