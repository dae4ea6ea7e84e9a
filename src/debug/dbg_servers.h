/* The debug servers attached to a running board (`f3kit board`): the
 * virtual ST-LINK for OpenOCD and f3kit's own GDB server.  Start them after
 * board_start; stop them before board_stop. */
#ifndef F3KIT_DBG_SERVERS_H
#define F3KIT_DBG_SERVERS_H

#include <stddef.h>

#include "board/f3disco/board.h"

#define DBG_STLINK_DEFAULT_PORT 7184
#define DBG_GDB_DEFAULT_PORT 3333

struct dbg_servers_config {
    const char *host;   /* NULL = 127.0.0.1 */
    int stlink_port;    /* -1 = no ST-LINK, 0 = any free port */
    int gdb_port;       /* -1 = no GDB server, 0 = any free port */
};

struct dbg_servers;

/* NULL with a message in err on failure (e.g. the port is taken). */
struct dbg_servers *dbg_servers_start(struct board *b, const struct dbg_servers_config *cfg,
                                      char *err, size_t errlen);
void dbg_servers_stop(struct dbg_servers *s);
/* Ports actually bound (-1 when that server is off). */
int dbg_servers_stlink_port(const struct dbg_servers *s);
int dbg_servers_gdb_port(const struct dbg_servers *s);

/* Semihosting console output for GDB clients (`O` packets): call it from
 * the board_observer.semihost_out callback with ctx = the servers (NULL is
 * ignored, so an observer may forward before the servers exist). */
void dbg_servers_console(struct dbg_servers *s, const void *buf, size_t len);

#endif
