/* ST-LINK + GDB servers on one board (see dbg_servers.h). */
#include "debug/dbg_servers.h"

#include <stdio.h>
#include <stdlib.h>

#include "debug/dbg_board.h"
#include "debug/gdb/gdb_server.h"
#include "debug/stlink/stl_server.h"

struct dbg_servers {
    struct dbg_board *adapter;
    struct dbg_target tgt;
    struct stl_server *stl;
    struct gdb_server *gdb;
};

struct dbg_servers *dbg_servers_start(struct board *b, const struct dbg_servers_config *cfg,
                                      char *err, size_t errlen)
{
    struct dbg_servers *s = calloc(1, sizeof *s);
    if (!s || !(s->adapter = dbg_board_new(b))) {
        free(s);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->tgt = dbg_board_target(s->adapter);
    if (cfg->stlink_port >= 0) {
        s->stl = stl_server_start(&s->tgt, cfg->host, cfg->stlink_port, err, errlen);
        if (!s->stl)
            goto fail;
    }
    if (cfg->gdb_port >= 0) {
        s->gdb = gdb_server_start(&s->tgt, cfg->host, cfg->gdb_port, err, errlen);
        if (!s->gdb)
            goto fail;
    }
    return s;
fail:
    dbg_servers_stop(s);
    return NULL;
}

void dbg_servers_stop(struct dbg_servers *s)
{
    if (!s)
        return;
    gdb_server_stop(s->gdb);
    stl_server_stop(s->stl);
    dbg_board_free(s->adapter);
    free(s);
}

int dbg_servers_stlink_port(const struct dbg_servers *s)
{
    return s->stl ? stl_server_port(s->stl) : -1;
}

int dbg_servers_gdb_port(const struct dbg_servers *s)
{
    return s->gdb ? gdb_server_port(s->gdb) : -1;
}

void dbg_servers_console(struct dbg_servers *s, const void *buf, size_t len)
{
    if (s)
        dbg_board_console(s->adapter, buf, len);
}
