/* stlink-server transport: frame requests from the byte stream, answer each
 * completely (OpenOCD reads a fixed count within 1 s, §1.1). */
#include "debug/stlink/stl_server.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "debug/dbg_tcp.h"
#include "debug/stlink/stl_frame.h"
#include "debug/stlink/stl_session.h"

struct stl_server {
    struct stl_device dev;
    struct dbg_tcp *tcp;
};

#define REQ_MAX (STL_USB_HDR + STL_MAX_OUT)

static void serve_client(void *ctx, int fd)
{
    struct stl_server *srv = ctx;
    uint8_t *req = malloc(REQ_MAX);
    uint8_t *resp = malloc(STL_RESP_MAX);
    struct stl_session s;
    stl_session_init(&s, &srv->dev);
    size_t have = 0;
    while (req && resp) {
        size_t need;
        enum stl_frame f = stl_frame_check(req, have, &need);
        if (f == STL_FRAME_BAD) {
            /* Unknown command or oversized payload: the stream cannot be
             * resynchronised, so say why and hang up. */
            uint8_t st[4];
            stl_put32(st, req[0] == STL_TCP_SEND_USB_CMD ? STL_TCP_BAD_PARAM
                                                         : STL_TCP_NOT_AVAILABLE);
            dbg_tcp_send_all(fd, st, 4);
            break;
        }
        if (f == STL_FRAME_OK) {
            size_t n = stl_session_handle(&s, req, need, resp);
            if (dbg_tcp_send_all(fd, resp, n))
                break;
            memmove(req, req + need, have - need);
            have -= need;
            continue;
        }
        ssize_t r = recv(fd, req + have, REQ_MAX - have, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        have += (size_t)r;
    }
    stl_session_close(&s);
    free(req);
    free(resp);
}

struct stl_server *stl_server_start(const struct dbg_target *tgt, const char *host, int port,
                                    char *err, size_t errlen)
{
    struct stl_server *s = calloc(1, sizeof *s);
    if (!s || stl_device_init(&s->dev, tgt)) {
        free(s);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->tcp = dbg_tcp_start(host, port, serve_client, s, err, errlen);
    if (!s->tcp) {
        stl_device_free(&s->dev);
        free(s);
        return NULL;
    }
    return s;
}

int stl_server_port(const struct stl_server *s)
{
    return dbg_tcp_port(s->tcp);
}

void stl_server_stop(struct stl_server *s)
{
    if (!s)
        return;
    dbg_tcp_stop(s->tcp);
    stl_device_free(&s->dev);
    free(s);
}
