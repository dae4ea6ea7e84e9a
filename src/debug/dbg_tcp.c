/* TCP listener with a thread per client. */
#include "debug/dbg_tcp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct client {
    struct dbg_tcp *owner;
    pthread_t thread;
    int fd;
    bool used;
    bool done;
};

struct dbg_tcp {
    int lfd;
    int port;
    int wake[2];            /* self-pipe: wakes the accept thread to stop */
    pthread_t thread;
    pthread_mutex_t mu;
    bool stopping;
    dbg_tcp_client_fn fn;
    void *ctx;
    struct client client[DBG_TCP_MAX_CLIENTS];
};

int dbg_tcp_send_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static void *client_main(void *arg)
{
    struct client *c = arg;
    c->owner->fn(c->owner->ctx, c->fd);
    pthread_mutex_lock(&c->owner->mu);
    c->done = true;
    pthread_mutex_unlock(&c->owner->mu);
    return NULL;
}

/* Join clients that have finished, freeing their slots. */
static void reap(struct dbg_tcp *t, bool all)
{
    for (int i = 0; i < DBG_TCP_MAX_CLIENTS; i++) {
        struct client *c = &t->client[i];
        pthread_mutex_lock(&t->mu);
        bool used = c->used, done = c->done;
        if (used && !done && all)
            shutdown(c->fd, SHUT_RDWR);
        pthread_mutex_unlock(&t->mu);
        if (used && (done || all)) {
            pthread_join(c->thread, NULL);
            close(c->fd);
            c->used = false;
        }
    }
}

static void *accept_main(void *arg)
{
    struct dbg_tcp *t = arg;
    for (;;) {
        struct pollfd pf[2] = {{t->lfd, POLLIN, 0}, {t->wake[0], POLLIN, 0}};
        int r = poll(pf, 2, 500);
        if (r < 0 && errno != EINTR)
            break;
        reap(t, false);
        if (pf[1].revents)
            break;
        if (r <= 0 || !(pf[0].revents & POLLIN))
            continue;
        int fd = accept4(t->lfd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) {
            /* Out of descriptors (EMFILE...): the connection stays queued and
             * poll reports it again at once, so back off instead of spinning. */
            if (errno != EINTR && errno != EAGAIN && errno != ECONNABORTED)
                poll(NULL, 0, 50);
            continue;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        struct client *slot = NULL;
        for (int i = 0; i < DBG_TCP_MAX_CLIENTS && !slot; i++)
            if (!t->client[i].used)
                slot = &t->client[i];
        if (!slot) {
            close(fd);   /* too many clients: refuse, the others carry on */
            continue;
        }
        slot->owner = t;
        slot->fd = fd;
        slot->done = false;
        slot->used = true;
        if (pthread_create(&slot->thread, NULL, client_main, slot)) {
            slot->used = false;
            close(fd);
        }
    }
    reap(t, true);
    return NULL;
}

struct dbg_tcp *dbg_tcp_start(const char *host, int port, dbg_tcp_client_fn fn, void *ctx,
                              char *err, size_t errlen)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (port < 0 || port > 65535) {
        snprintf(err, errlen, "port %d is out of range (0..65535)", port);
        return NULL;
    }
    if (inet_pton(AF_INET, host ? host : "127.0.0.1", &sa.sin_addr) != 1) {
        snprintf(err, errlen, "'%s' is not an IPv4 address (use e.g. 127.0.0.1)", host);
        return NULL;
    }
    struct dbg_tcp *t = calloc(1, sizeof *t);
    if (!t) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    t->fn = fn;
    t->ctx = ctx;
    t->lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (t->lfd < 0 || setsockopt(t->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
        bind(t->lfd, (struct sockaddr *)&sa, sizeof sa) || listen(t->lfd, 8)) {
        snprintf(err, errlen, "cannot listen on %s:%d: %s%s", host ? host : "127.0.0.1", port,
                 strerror(errno),
                 errno == EADDRINUSE ? " (another server is using the port: stop it or pick "
                                       "another port)"
                                     : "");
        if (t->lfd >= 0)
            close(t->lfd);
        free(t);
        return NULL;
    }
    socklen_t sl = sizeof sa;
    getsockname(t->lfd, (struct sockaddr *)&sa, &sl);
    t->port = ntohs(sa.sin_port);
    if (pipe2(t->wake, O_CLOEXEC) || pthread_mutex_init(&t->mu, NULL)) {
        snprintf(err, errlen, "cannot create server thread state: %s", strerror(errno));
        close(t->lfd);
        free(t);
        return NULL;
    }
    if (pthread_create(&t->thread, NULL, accept_main, t)) {
        snprintf(err, errlen, "cannot start the server thread");
        close(t->lfd);
        close(t->wake[0]);
        close(t->wake[1]);
        pthread_mutex_destroy(&t->mu);
        free(t);
        return NULL;
    }
    return t;
}

int dbg_tcp_port(const struct dbg_tcp *t)
{
    return t->port;
}

void dbg_tcp_stop(struct dbg_tcp *t)
{
    if (!t)
        return;
    char c = 0;
    if (write(t->wake[1], &c, 1) < 0) {
        /* the pipe cannot be full or closed here; nothing else to do */
    }
    pthread_join(t->thread, NULL);
    close(t->lfd);
    close(t->wake[0]);
    close(t->wake[1]);
    pthread_mutex_destroy(&t->mu);
    free(t);
}
