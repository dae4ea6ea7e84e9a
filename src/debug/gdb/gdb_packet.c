/* RSP framing.  Escapes and run-length encoding are undone in the decoder
 * so command handlers always see plain bytes: GDB escapes '*' in binary
 * data, so a raw '*' in a payload is always a run-length marker. */
#include "debug/gdb/gdb_packet.h"

#include <string.h>

enum { ST_IDLE, ST_DATA, ST_RLE, ST_SUM1, ST_SUM2 };

void gdb_rx_init(struct gdb_rx *rx)
{
    memset(rx, 0, offsetof(struct gdb_rx, buf));
    rx->buf[0] = 0;
}

static int hexval(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static void put(struct gdb_rx *rx, uint8_t c)
{
    if (rx->len < GDB_RX_MAX)
        rx->buf[rx->len++] = c;
    else
        rx->overflow = true;
}

enum gdb_rx_event gdb_rx_byte(struct gdb_rx *rx, uint8_t c)
{
    switch (rx->state) {
    case ST_IDLE:
        if (c == '$') {
            rx->state = ST_DATA;
            rx->sum = 0;
            rx->len = 0;
            rx->escape = false;
            rx->overflow = false;
            return GDB_RX_NONE;
        }
        if (c == '+')
            return GDB_RX_ACK;
        if (c == '-')
            return GDB_RX_NAK;
        if (c == 0x03)
            return GDB_RX_INTERRUPT;
        return GDB_RX_NONE;   /* noise between packets */
    case ST_DATA:
        if (c == '#') {
            rx->state = ST_SUM1;
            return GDB_RX_NONE;
        }
        if (c == '$') {       /* a new packet started: drop the partial one */
            rx->sum = 0;
            rx->len = 0;
            rx->escape = false;
            rx->overflow = false;
            return GDB_RX_NONE;
        }
        rx->sum += c;
        if (rx->escape) {
            put(rx, c ^ 0x20);
            rx->escape = false;
        } else if (c == '}') {
            rx->escape = true;
        } else if (c == '*' && rx->len > 0) {
            /* Run-length: repeat the previous byte (c - 29) more times. */
            rx->state = ST_RLE;
        } else {
            put(rx, c);
        }
        return GDB_RX_NONE;
    case ST_RLE: {
        rx->sum += c;
        rx->state = ST_DATA;
        uint8_t prev = rx->buf[rx->len - 1];
        int n = (int)c - 29;
        for (int i = 0; i < n; i++)
            put(rx, prev);
        return GDB_RX_NONE;
    }
    case ST_SUM1: {
        int h = hexval(c);
        rx->sent_sum = (uint8_t)((h < 0 ? 0 : h) << 4);
        rx->state = h < 0 ? ST_IDLE : ST_SUM2;
        return h < 0 ? GDB_RX_BADSUM : GDB_RX_NONE;
    }
    default: {
        int h = hexval(c);
        rx->state = ST_IDLE;
        if (h < 0 || (uint8_t)(rx->sent_sum | h) != rx->sum)
            return GDB_RX_BADSUM;
        if (rx->overflow)
            return GDB_RX_TOOBIG;
        rx->buf[rx->len] = 0;
        return GDB_RX_PACKET;
    }
    }
}

static const char hexdig[] = "0123456789abcdef";

size_t gdb_frame(const void *payload, size_t len, uint8_t *out, size_t cap)
{
    const uint8_t *p = payload;
    size_t o = 0;
    uint8_t sum = 0;
    if (cap < 4)
        return 0;
    out[o++] = '$';
    for (size_t i = 0; i < len; i++) {
        uint8_t c = p[i];
        bool esc = c == '#' || c == '$' || c == '}' || c == '*';
        if (o + (esc ? 2 : 1) + 3 > cap)
            return 0;
        if (esc) {
            out[o++] = '}';
            sum += '}';
            c ^= 0x20;
        }
        out[o++] = c;
        sum += c;
    }
    out[o++] = '#';
    out[o++] = (uint8_t)hexdig[sum >> 4];
    out[o++] = (uint8_t)hexdig[sum & 15];
    return o;
}

size_t gdb_hex_encode(const void *src, size_t len, char *dst)
{
    const uint8_t *s = src;
    for (size_t i = 0; i < len; i++) {
        dst[2 * i] = hexdig[s[i] >> 4];
        dst[2 * i + 1] = hexdig[s[i] & 15];
    }
    dst[2 * len] = 0;
    return 2 * len;
}

long gdb_hex_decode(const char *src, size_t srclen, void *dst, size_t cap)
{
    uint8_t *d = dst;
    if (srclen % 2 || srclen / 2 > cap)
        return -1;
    for (size_t i = 0; i < srclen / 2; i++) {
        int hi = hexval((uint8_t)src[2 * i]), lo = hexval((uint8_t)src[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        d[i] = (uint8_t)(hi << 4 | lo);
    }
    return (long)(srclen / 2);
}

bool gdb_parse_hex32(const char *s, const char **end, uint32_t *v)
{
    uint32_t x = 0;
    int n = 0;
    for (; hexval((uint8_t)*s) >= 0; s++, n++) {
        if (n == 8)
            return false;
        x = x << 4 | (uint32_t)hexval((uint8_t)*s);
    }
    *end = s;
    *v = x;
    return n > 0;
}

uint32_t gdb_crc32(uint32_t crc, const void *buf, size_t len)
{
    const uint8_t *p = buf;
    for (size_t i = 0; i < len; i++) {
        crc ^= (uint32_t)p[i] << 24;
        for (int k = 0; k < 8; k++)
            crc = crc & 0x80000000u ? crc << 1 ^ 0x04C11DB7u : crc << 1;
    }
    return crc;
}
