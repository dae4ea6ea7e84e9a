/* GDB Remote Serial Protocol framing (gdb-remote.md §2): `$payload#cs`,
 * acks, the Ctrl-C byte, `}` escapes and run-length encoding.  Pure
 * functions and a byte-fed decoder, unit-tested and fuzzed without sockets. */
#ifndef F3KIT_GDB_PACKET_H
#define F3KIT_GDB_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GDB_PACKET_SIZE 0x4000u     /* advertised PacketSize */
#define GDB_RX_MAX (GDB_PACKET_SIZE + 64u)

enum gdb_rx_event {
    GDB_RX_NONE,       /* byte consumed, nothing complete yet */
    GDB_RX_PACKET,     /* a packet with a good checksum: rx.buf[0..rx.len) */
    GDB_RX_BADSUM,     /* a packet with a bad checksum (NAK it) */
    GDB_RX_TOOBIG,     /* a packet longer than GDB_RX_MAX decoded bytes */
    GDB_RX_ACK,        /* '+' */
    GDB_RX_NAK,        /* '-' */
    GDB_RX_INTERRUPT,  /* 0x03 outside a packet */
};

struct gdb_rx {
    int state;
    uint8_t sum;          /* running checksum of the raw payload */
    uint8_t sent_sum;
    bool escape;
    bool overflow;
    size_t len;           /* decoded payload length */
    uint8_t buf[GDB_RX_MAX + 1];   /* decoded payload, NUL-terminated on GDB_RX_PACKET */
};

void gdb_rx_init(struct gdb_rx *rx);
/* Feed one received byte. */
enum gdb_rx_event gdb_rx_byte(struct gdb_rx *rx, uint8_t c);

/* Frame `len` payload bytes as `$...#cs` into out (escaping # $ } *).
 * Returns the framed length, or 0 if it does not fit in cap. */
size_t gdb_frame(const void *payload, size_t len, uint8_t *out, size_t cap);

/* Hex helpers.  gdb_hex_decode returns the number of bytes decoded, or -1
 * on a non-hex digit or odd length. */
size_t gdb_hex_encode(const void *src, size_t len, char *dst);
long gdb_hex_decode(const char *src, size_t srclen, void *dst, size_t cap);
/* Parse a hex number up to a delimiter; *end points past it.  false if no
 * digits or more than 8. */
bool gdb_parse_hex32(const char *s, const char **end, uint32_t *v);

/* CRC-32 as GDB's qCRC and OpenOCD's verify_image compute it: polynomial
 * 0x04C11DB7, MSB first, initial value `crc` (0xFFFFFFFF), no final XOR. */
uint32_t gdb_crc32(uint32_t crc, const void *buf, size_t len);

#endif
