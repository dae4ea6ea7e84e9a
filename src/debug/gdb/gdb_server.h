/* f3kit's own GDB server (`f3kit board --gdb PORT`, `f3kit debug
 * --no-openocd`): the remote protocol on TCP, one debugger at a time. */
#ifndef F3KIT_GDB_SERVER_H
#define F3KIT_GDB_SERVER_H

#include <stddef.h>

#include "debug/dbg_target.h"

struct gdb_server;

/* Serve `tgt` (which must outlive the server) on host:port (NULL =
 * 127.0.0.1, 0 = any free port).  NULL with a message on failure. */
struct gdb_server *gdb_server_start(const struct dbg_target *tgt, const char *host, int port,
                                    char *err, size_t errlen);
int gdb_server_port(const struct gdb_server *g);
void gdb_server_stop(struct gdb_server *g);

#endif
