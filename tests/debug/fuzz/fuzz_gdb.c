/* libFuzzer target: bytes from a GDB client through the packet decoder and
 * the command table, against the fake target (as the TCP server feeds
 * them).  Crashes, sanitizer reports and replies that cannot be framed are
 * bugs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "debug/gdb/gdb_packet.h"
#include "debug/gdb/gdb_session.h"
#include "fake_target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void sink(void *ctx, const void *payload, size_t len)
{
    static uint8_t framed[2 * GDB_PACKET_SIZE + 128];
    (void)ctx;
    if (!gdb_frame(payload, len, framed, sizeof framed))
        abort();   /* every reply must fit the advertised packet size */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct fake_target f;
    static struct gdb_rx rx;
    static struct gdb_session s;
    fake_target_init(&f);
    struct dbg_target t = fake_target_ops(&f);
    gdb_rx_init(&rx);
    gdb_session_init(&s, &t, sink, NULL);
    gdb_session_attach(&s);
    for (size_t i = 0; i < size; i++) {
        enum gdb_rx_event e = gdb_rx_byte(&rx, data[i]);
        if (e == GDB_RX_INTERRUPT)
            gdb_session_interrupt(&s);
        if (e != GDB_RX_PACKET)
            continue;
        if (gdb_session_packet(&s, (const char *)rx.buf, rx.len) == GDB_NEXT_CLOSE)
            break;
        if (s.running && !gdb_session_poll(&s)) {
            gdb_session_interrupt(&s);
            gdb_session_poll(&s);
        }
    }
    fake_target_free(&f);
    return 0;
}
