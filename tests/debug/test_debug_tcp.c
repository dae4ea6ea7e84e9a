/* Both servers on real loopback sockets with the fake target: bad input
 * (unknown codes, oversized requests, garbage, clients vanishing mid-request)
 * gets a protocol-correct answer or a hang-up, and the server keeps
 * serving new clients. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "debug/gdb/gdb_packet.h"
#include "debug/gdb/gdb_server.h"
#include "debug/stlink/stl_frame.h"
#include "debug/stlink/stl_server.h"
#include "fake_target.h"

struct fx {
    struct fake_target f;
    struct dbg_target t;
    struct stl_server *stl;
    struct gdb_server *gdb;
};

static int setup(void **state)
{
    struct fx *x = calloc(1, sizeof *x);
    fake_target_init(&x->f);
    x->t = fake_target_ops(&x->f);
    char err[256];
    x->stl = stl_server_start(&x->t, NULL, 0, err, sizeof err);
    x->gdb = gdb_server_start(&x->t, NULL, 0, err, sizeof err);
    assert_non_null(x->stl);
    assert_non_null(x->gdb);
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    struct fx *x = *state;
    gdb_server_stop(x->gdb);
    stl_server_stop(x->stl);
    fake_target_free(&x->f);
    free(x);
    return 0;
}

static int dial(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    struct timeval tv = {5, 0};   /* a hung server fails the test, not the suite */
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

static void send_bytes(int fd, const void *b, size_t n)
{
    assert_int_equal(send(fd, b, n, MSG_NOSIGNAL), (ssize_t)n);
}

/* Read exactly n bytes; returns the count read before EOF/timeout. */
static size_t recv_n(int fd, void *b, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = recv(fd, (char *)b + got, n - got, 0);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    return got;
}

static bool peer_closed(int fd)
{
    char c;
    return recv(fd, &c, 1, 0) == 0;
}

static void stl_server_version(int fd)
{
    const uint8_t req[4] = {STL_TCP_GET_SERVER_VERSION, 1};
    uint8_t resp[16];
    send_bytes(fd, req, 4);
    assert_int_equal(recv_n(fd, resp, 16), 16);
    assert_int_equal(stl_get32(resp), 2);
}

static void stl_unknown_code_hangs_up(void **state)
{
    struct fx *x = *state;
    int fd = dial(stl_server_port(x->stl));
    stl_server_version(fd);
    const uint8_t junk[3] = {0x42, 0x42, 0x42};
    send_bytes(fd, junk, 3);
    uint8_t st[4];
    assert_int_equal(recv_n(fd, st, 4), 4);
    assert_int_equal(stl_get32(st), STL_TCP_NOT_AVAILABLE);
    assert_true(peer_closed(fd));
    close(fd);
    fd = dial(stl_server_port(x->stl));   /* still serving */
    stl_server_version(fd);
    close(fd);
}

static void stl_oversized_request(void **state)
{
    struct fx *x = *state;
    int fd = dial(stl_server_port(x->stl));
    uint8_t req[32] = {STL_TCP_SEND_USB_CMD};
    req[24] = STL_DIR_OUT;
    stl_put32(req + 28, 0x7FFFFFFF);
    send_bytes(fd, req, 32);
    uint8_t st[4];
    assert_int_equal(recv_n(fd, st, 4), 4);
    assert_int_equal(stl_get32(st), STL_TCP_BAD_PARAM);
    assert_true(peer_closed(fd));
    close(fd);
}

static void stl_split_requests_and_pipelining(void **state)
{
    struct fx *x = *state;
    int fd = dial(stl_server_port(x->stl));
    /* one request byte by byte, then two requests in one send */
    const uint8_t req[4] = {STL_TCP_GET_SERVER_VERSION, 1};
    for (int i = 0; i < 4; i++) {
        send_bytes(fd, req + i, 1);
        usleep(1000);
    }
    uint8_t resp[20];
    assert_int_equal(recv_n(fd, resp, 16), 16);
    const uint8_t two[5] = {STL_TCP_GET_NB_DEV, STL_TCP_GET_SERVER_VERSION, 1, 0, 0};
    send_bytes(fd, two, 5);
    assert_int_equal(recv_n(fd, resp, 20), 20);
    assert_int_equal(stl_get32(resp), 1);
    assert_int_equal(stl_get32(resp + 4), 2);
    close(fd);
}

static void stl_disconnect_mid_request_frees_device(void **state)
{
    struct fx *x = *state;
    int a = dial(stl_server_port(x->stl));
    uint8_t open[8] = {STL_TCP_OPEN_DEV};
    stl_put32(open + 4, 0x374B0001);
    send_bytes(a, open, 8);
    uint8_t resp[45];
    assert_int_equal(recv_n(a, resp, 8), 8);
    assert_int_equal(stl_get32(resp), STL_TCP_OK);
    /* a second client sees the probe in use */
    int b = dial(stl_server_port(x->stl));
    uint8_t info[8] = {STL_TCP_GET_DEV_INFO, 0};
    send_bytes(b, info, 8);
    assert_int_equal(recv_n(b, resp, 45), 45);
    assert_int_equal(resp[44], 1);
    /* the first one dies half-way through a memory write */
    uint8_t half[40] = {STL_TCP_SEND_USB_CMD};
    half[24] = STL_DIR_OUT;
    stl_put32(half + 28, 4096);
    send_bytes(a, half, sizeof half);
    close(a);
    /* the probe becomes free (poll: the server notices asynchronously) */
    for (int i = 0; i < 500; i++) {
        send_bytes(b, info, 8);
        assert_int_equal(recv_n(b, resp, 45), 45);
        if (!resp[44])
            break;
        usleep(2000);
    }
    assert_int_equal(resp[44], 0);
    send_bytes(b, open, 8);
    assert_int_equal(recv_n(b, resp, 8), 8);
    assert_int_equal(stl_get32(resp), STL_TCP_OK);
    close(b);
}

/* ---- GDB ---- */

static void gdb_send(int fd, const char *payload)
{
    uint8_t buf[512];
    size_t n = gdb_frame(payload, strlen(payload), buf, sizeof buf);
    send_bytes(fd, buf, n);
}

/* Receive one packet payload (skipping acks) into out. */
static void gdb_recv(int fd, char *out, size_t cap)
{
    struct gdb_rx *rx = malloc(sizeof *rx);
    gdb_rx_init(rx);
    for (;;) {
        uint8_t c;
        assert_int_equal(recv_n(fd, &c, 1), 1);
        enum gdb_rx_event e = gdb_rx_byte(rx, c);
        if (e == GDB_RX_PACKET) {
            assert_true(rx->len < cap);
            memcpy(out, rx->buf, rx->len + 1);
            free(rx);
            return;
        }
        assert_true(e != GDB_RX_BADSUM);
    }
}

static void gdb_garbage_and_bad_checksum(void **state)
{
    struct fx *x = *state;
    int fd = dial(gdb_server_port(x->gdb));
    send_bytes(fd, "garbage\x01\x02", 9);
    send_bytes(fd, "$g#00", 5);   /* wrong checksum: NAK */
    char c;
    assert_int_equal(recv_n(fd, &c, 1), 1);
    assert_int_equal(c, '-');
    gdb_send(fd, "m20000000,4");
    char r[1024];
    gdb_recv(fd, r, sizeof r);
    assert_string_equal(r, "00000000");
    gdb_send(fd, "mfffffffe,2");
    gdb_recv(fd, r, sizeof r);
    assert_string_equal(r, "E01");
    close(fd);
}

static void gdb_oversized_packet(void **state)
{
    struct fx *x = *state;
    int fd = dial(gdb_server_port(x->gdb));
    gdb_send(fd, "QStartNoAckMode");
    char r[1024];
    gdb_recv(fd, r, sizeof r);
    assert_string_equal(r, "OK");
    size_t n = GDB_RX_MAX + 1000;
    char *big = malloc(n + 4);
    big[0] = '$';
    memset(big + 1, 'A', n);
    memcpy(big + 1 + n, "#00", 3);
    send_bytes(fd, big, n + 4);   /* checksum wrong too: NAK is suppressed in no-ack mode */
    free(big);
    gdb_send(fd, "qAttached");
    gdb_recv(fd, r, sizeof r);
    assert_string_equal(r, "1");
    close(fd);
}

static void gdb_second_debugger_refused(void **state)
{
    struct fx *x = *state;
    int a = dial(gdb_server_port(x->gdb));
    gdb_send(a, "qAttached");
    char r[1024];
    gdb_recv(a, r, sizeof r);
    int b = dial(gdb_server_port(x->gdb));
    gdb_recv(b, r, sizeof r);
    assert_int_equal(r[0], 'E');
    assert_true(peer_closed(b));
    close(b);
    gdb_send(a, "qAttached");   /* the first is unaffected */
    gdb_recv(a, r, sizeof r);
    assert_string_equal(r, "1");
    close(a);
}

static void gdb_ctrl_c_while_running(void **state)
{
    struct fx *x = *state;
    int fd = dial(gdb_server_port(x->gdb));
    gdb_send(fd, "vCont;c");
    struct pollfd pf = {fd, POLLIN, 0};
    char c;
    assert_int_equal(recv_n(fd, &c, 1), 1);   /* the ack */
    assert_int_equal(poll(&pf, 1, 50), 0);    /* no stop reply while running */
    send_bytes(fd, "\x03", 1);
    char r[1024];
    gdb_recv(fd, r, sizeof r);
    assert_string_equal(r, "T02thread:1;");
    close(fd);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(stl_unknown_code_hangs_up),   T(stl_oversized_request),
        T(stl_split_requests_and_pipelining), T(stl_disconnect_mid_request_frees_device),
        T(gdb_garbage_and_bad_checksum), T(gdb_oversized_packet),
        T(gdb_second_debugger_refused), T(gdb_ctrl_c_while_running),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
