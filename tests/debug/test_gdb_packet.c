/* RSP framing: checksums, escapes, run-length, acks, Ctrl-C, oversize. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "debug/gdb/gdb_packet.h"

static enum gdb_rx_event feed(struct gdb_rx *rx, const char *s, size_t n)
{
    enum gdb_rx_event last = GDB_RX_NONE;
    for (size_t i = 0; i < n; i++) {
        enum gdb_rx_event e = gdb_rx_byte(rx, (uint8_t)s[i]);
        if (e != GDB_RX_NONE)
            last = e;
    }
    return last;
}

static void frame_and_decode_roundtrip(void **state)
{
    (void)state;
    const uint8_t payload[] = {'X', '#', '$', '}', '*', 0, 0xFF, 'a'};
    uint8_t out[64];
    size_t n = gdb_frame(payload, sizeof payload, out, sizeof out);
    assert_true(n > 0);
    assert_int_equal(out[0], '$');
    assert_int_equal(out[n - 3], '#');
    /* special bytes are escaped on the wire */
    assert_null(memchr(out + 1, '*', n - 4));
    struct gdb_rx rx;
    gdb_rx_init(&rx);
    assert_int_equal(feed(&rx, (const char *)out, n), GDB_RX_PACKET);
    assert_int_equal(rx.len, sizeof payload);
    assert_memory_equal(rx.buf, payload, sizeof payload);
    /* too small an output buffer */
    assert_int_equal(gdb_frame(payload, sizeof payload, out, 8), 0);
}

static void known_checksum(void **state)
{
    (void)state;
    uint8_t out[16];
    size_t n = gdb_frame("OK", 2, out, sizeof out);
    assert_int_equal(n, 6);
    assert_memory_equal(out, "$OK#9a", 6);
    struct gdb_rx rx;
    gdb_rx_init(&rx);
    assert_int_equal(feed(&rx, "$g#67", 5), GDB_RX_PACKET);
    assert_string_equal((char *)rx.buf, "g");
    assert_int_equal(feed(&rx, "$g#68", 5), GDB_RX_BADSUM);
    assert_int_equal(feed(&rx, "$g#zz", 5), GDB_RX_BADSUM);
}

static void run_length(void **state)
{
    (void)state;
    /* "0* " = '0' repeated 3 more times (' ' = 32 = 29 + 3) */
    const char body[] = "0* ";
    uint8_t sum = 0;
    for (size_t i = 0; i < 3; i++)
        sum += (uint8_t)body[i];
    char pkt[16];
    snprintf(pkt, sizeof pkt, "$%s#%02x", body, sum);
    struct gdb_rx rx;
    gdb_rx_init(&rx);
    assert_int_equal(feed(&rx, pkt, strlen(pkt)), GDB_RX_PACKET);
    assert_string_equal((char *)rx.buf, "0000");
}

static void acks_and_interrupt(void **state)
{
    (void)state;
    struct gdb_rx rx;
    gdb_rx_init(&rx);
    assert_int_equal(gdb_rx_byte(&rx, '+'), GDB_RX_ACK);
    assert_int_equal(gdb_rx_byte(&rx, '-'), GDB_RX_NAK);
    assert_int_equal(gdb_rx_byte(&rx, 0x03), GDB_RX_INTERRUPT);
    assert_int_equal(gdb_rx_byte(&rx, 'z'), GDB_RX_NONE);
    /* 0x03 inside a packet is data */
    assert_int_equal(feed(&rx, "$\x03#03", 5), GDB_RX_PACKET);
    assert_int_equal(rx.buf[0], 3);
    /* a '$' restarts a packet */
    assert_int_equal(feed(&rx, "$abc$g#67", 9), GDB_RX_PACKET);
    assert_string_equal((char *)rx.buf, "g");
}

static void oversized_packet(void **state)
{
    (void)state;
    static struct gdb_rx rx;
    gdb_rx_init(&rx);
    gdb_rx_byte(&rx, '$');
    uint8_t sum = 0;
    for (size_t i = 0; i < GDB_RX_MAX + 100; i++) {
        assert_int_equal(gdb_rx_byte(&rx, 'a'), GDB_RX_NONE);
        sum += 'a';
    }
    char tail[4];
    snprintf(tail, sizeof tail, "#%02x", sum);
    assert_int_equal(feed(&rx, tail, 3), GDB_RX_TOOBIG);
    /* and the decoder is usable again */
    assert_int_equal(feed(&rx, "$g#67", 5), GDB_RX_PACKET);
}

static void hex_helpers(void **state)
{
    (void)state;
    char h[16];
    const uint8_t b[3] = {0x00, 0xAB, 0x7F};
    assert_int_equal(gdb_hex_encode(b, 3, h), 6);
    assert_string_equal(h, "00ab7f");
    uint8_t d[4];
    assert_int_equal(gdb_hex_decode("00AB7f", 6, d, sizeof d), 3);
    assert_memory_equal(d, b, 3);
    assert_int_equal(gdb_hex_decode("0g", 2, d, sizeof d), -1);
    assert_int_equal(gdb_hex_decode("000", 3, d, sizeof d), -1);
    assert_int_equal(gdb_hex_decode("0000000000", 10, d, sizeof d), -1);
    uint32_t v;
    const char *e;
    assert_true(gdb_parse_hex32("8000c0,4", &e, &v));
    assert_int_equal(v, 0x8000c0);
    assert_int_equal(*e, ',');
    assert_false(gdb_parse_hex32("123456789", &e, &v));
    assert_false(gdb_parse_hex32(",", &e, &v));
}

static void crc32_check_value(void **state)
{
    (void)state;
    /* CRC-32/MPEG-2 check value (poly 0x04C11DB7, init ~0, MSB first, no xorout) */
    assert_int_equal(gdb_crc32(0xFFFFFFFFu, "123456789", 9), 0x0376E6E7u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(frame_and_decode_roundtrip),
        cmocka_unit_test(known_checksum),
        cmocka_unit_test(run_length),
        cmocka_unit_test(acks_and_interrupt),
        cmocka_unit_test(oversized_packet),
        cmocka_unit_test(hex_helpers),
        cmocka_unit_test(crc32_check_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
