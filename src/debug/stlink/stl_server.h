/* The virtual ST-LINK on TCP: an stlink-server (default 127.0.0.1:7184)
 * that the unmodified OpenOCD reaches with `hla_stlink_backend tcp` or
 * `st-link backend tcp` (the default port, 7184, is in dbg_servers.h). */
#ifndef F3KIT_STL_SERVER_H
#define F3KIT_STL_SERVER_H

#include <stddef.h>

#include "debug/dbg_target.h"

struct stl_server;

/* Start serving `tgt` (which must outlive the server).  host NULL =
 * 127.0.0.1, port 0 = any free port.  NULL with a message on failure. */
struct stl_server *stl_server_start(const struct dbg_target *tgt, const char *host, int port,
                                    char *err, size_t errlen);
int stl_server_port(const struct stl_server *s);
void stl_server_stop(struct stl_server *s);

#endif
