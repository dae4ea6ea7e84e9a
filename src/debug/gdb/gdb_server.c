/* GDB server transport: acks, retransmission, Ctrl-C while running. */
#include "debug/gdb/gdb_server.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "debug/dbg_tcp.h"
#include "debug/gdb/gdb_packet.h"
#include "debug/gdb/gdb_session.h"

/* How often a running target is looked at for a stop / console output. */
#define RUN_POLL_MS 5

struct gdb_server {
    struct dbg_target tgt;
    struct dbg_tcp *tcp;
    pthread_mutex_t mu;
    bool busy;               /* a debugger is connected */
};

struct conn {
    int fd;
    bool failed;
    size_t last_len;
    uint8_t last[2 * GDB_PACKET_SIZE + 128];   /* last framed packet, for a NAK */
    struct gdb_rx rx;
    struct gdb_session s;
};

static void send_packet(void *ctx, const void *payload, size_t len)
{
    struct conn *c = ctx;
    size_t n = gdb_frame(payload, len, c->last, sizeof c->last);
    if (!n) {
        n = gdb_frame("E01", 3, c->last, sizeof c->last);
    }
    c->last_len = n;
    if (dbg_tcp_send_all(c->fd, c->last, n))
        c->failed = true;
}

static void send_raw(struct conn *c, const char *s)
{
    if (dbg_tcp_send_all(c->fd, s, strlen(s)))
        c->failed = true;
}

/* Feed received bytes; returns false when the connection should end. */
static bool feed(struct conn *c, const uint8_t *buf, size_t n)
{
    for (size_t i = 0; i < n && !c->failed; i++) {
        switch (gdb_rx_byte(&c->rx, buf[i])) {
        case GDB_RX_PACKET:
            if (!c->s.noack)
                send_raw(c, "+");
            if (gdb_session_packet(&c->s, (const char *)c->rx.buf, c->rx.len) == GDB_NEXT_CLOSE)
                return false;
            break;
        case GDB_RX_BADSUM:
            if (!c->s.noack)
                send_raw(c, "-");
            break;
        case GDB_RX_TOOBIG:
            if (!c->s.noack)
                send_raw(c, "+");
            send_packet(c, "E01", 3);
            break;
        case GDB_RX_NAK:
            if (c->last_len && dbg_tcp_send_all(c->fd, c->last, c->last_len))
                c->failed = true;
            break;
        case GDB_RX_INTERRUPT:
            gdb_session_interrupt(&c->s);
            break;
        default:
            break;
        }
    }
    return !c->failed;
}

static void serve(void *ctx, int fd)
{
    struct gdb_server *g = ctx;
    pthread_mutex_lock(&g->mu);
    bool busy = g->busy;
    g->busy = true;
    pthread_mutex_unlock(&g->mu);
    if (busy) {
        /* One debugger at a time: tell this one why, then hang up. */
        uint8_t msg[128];
        const char *text = "E.another debugger is connected to this board";
        size_t n = gdb_frame(text, strlen(text), msg, sizeof msg);
        dbg_tcp_send_all(fd, msg, n);
        return;
    }
    struct conn *c = calloc(1, sizeof *c);
    if (c) {
        c->fd = fd;
        gdb_rx_init(&c->rx);
        gdb_session_init(&c->s, &g->tgt, send_packet, c);
        gdb_session_attach(&c->s);
        bool ended = false;
        uint8_t buf[4096];
        for (;;) {
            if (c->s.running) {
                struct pollfd pf = {fd, POLLIN, 0};
                int r = poll(&pf, 1, RUN_POLL_MS);
                if (r == 0) {
                    gdb_session_poll(&c->s);
                    if (c->failed)
                        break;
                    continue;
                }
                if (r < 0 && errno == EINTR)
                    continue;
            }
            ssize_t r = recv(fd, buf, sizeof buf, 0);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            if (!feed(c, buf, (size_t)r)) {
                ended = !c->failed;
                break;
            }
        }
        if (!ended)
            gdb_session_end(&c->s);   /* dropped: leave the board running, no breakpoints */
        free(c);
    }
    pthread_mutex_lock(&g->mu);
    g->busy = false;
    pthread_mutex_unlock(&g->mu);
}

struct gdb_server *gdb_server_start(const struct dbg_target *tgt, const char *host, int port,
                                    char *err, size_t errlen)
{
    struct gdb_server *g = calloc(1, sizeof *g);
    if (!g || pthread_mutex_init(&g->mu, NULL)) {
        free(g);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    g->tgt = *tgt;
    g->tcp = dbg_tcp_start(host, port, serve, g, err, errlen);
    if (!g->tcp) {
        pthread_mutex_destroy(&g->mu);
        free(g);
        return NULL;
    }
    return g;
}

int gdb_server_port(const struct gdb_server *g)
{
    return dbg_tcp_port(g->tcp);
}

void gdb_server_stop(struct gdb_server *g)
{
    if (!g)
        return;
    dbg_tcp_stop(g->tcp);
    pthread_mutex_destroy(&g->mu);
    free(g);
}
