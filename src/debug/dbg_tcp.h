/* A small TCP listener for the debug servers: one accept thread, one thread
 * per client (each client is a strict request/response conversation), all
 * stopped and joined by dbg_tcp_stop. */
#ifndef F3KIT_DBG_TCP_H
#define F3KIT_DBG_TCP_H

#include <stddef.h>

struct dbg_tcp;

/* Serve one client on `fd` until it disconnects or dbg_tcp_stop shuts the
 * socket down.  Do not close fd. */
typedef void (*dbg_tcp_client_fn)(void *ctx, int fd);

#define DBG_TCP_MAX_CLIENTS 8

/* Listen on host:port (host NULL = 127.0.0.1; port 0 = any free port).
 * NULL with a message in err on failure. */
struct dbg_tcp *dbg_tcp_start(const char *host, int port, dbg_tcp_client_fn fn, void *ctx,
                              char *err, size_t errlen);
/* The port actually bound. */
int dbg_tcp_port(const struct dbg_tcp *t);
void dbg_tcp_stop(struct dbg_tcp *t);

/* Helpers for client handlers: send everything (0 / -1). */
int dbg_tcp_send_all(int fd, const void *buf, size_t len);

#endif
