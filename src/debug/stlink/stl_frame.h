/* stlink-server TCP framing (stlink-server.md §1): how long a request is,
 * judged from its first bytes.  Pure functions, fuzzable. */
#ifndef F3KIT_STL_FRAME_H
#define F3KIT_STL_FRAME_H

#include <stddef.h>
#include <stdint.h>

/* TCP command codes (byte 0 of every request). */
enum stl_tcp_cmd {
    STL_TCP_REFRESH_DEVICE_LIST = 0x00,
    STL_TCP_GET_NB_DEV = 0x01,
    STL_TCP_GET_DEV_INFO = 0x02,
    STL_TCP_OPEN_DEV = 0x03,
    STL_TCP_CLOSE_DEV = 0x04,
    STL_TCP_SEND_USB_CMD = 0x05,
    STL_TCP_GET_SERVER_VERSION = 0x06,
};

/* Status words (u32 LE) of the TCP protocol. */
#define STL_TCP_OK 0x00000001u
#define STL_TCP_MEM_PROBLEM 0x1000u
#define STL_TCP_BAD_PARAM 0x1002u
#define STL_TCP_OPEN_ERROR 0x1003u
#define STL_TCP_NOT_AVAILABLE 0x1053u
#define STL_TCP_BUSY 0x2004u

/* SEND_USB_CMD header (32 bytes) and its data directions. */
#define STL_USB_HDR 32u
#define STL_USB_CMD_LEN 16u
#define STL_DIR_OUT 0u
#define STL_DIR_IN 1u
#define STL_DIR_TRACE 3u
/* OpenOCD's socket buffers are 10240 bytes; it never sends or asks for more. */
#define STL_MAX_OUT (10240u - STL_USB_HDR)
#define STL_MAX_IN (10240u - 4u)

enum stl_frame {
    STL_FRAME_NEED,  /* *len = total bytes needed before the length is known */
    STL_FRAME_OK,    /* *len = length of the complete request */
    STL_FRAME_BAD,   /* unknown command code or oversized payload: cannot resync */
};

/* Look at the `have` bytes received so far. */
enum stl_frame stl_frame_check(const uint8_t *buf, size_t have, size_t *len);

/* A parsed SEND_USB_CMD request. */
struct stl_usb_req {
    uint32_t connect_id;
    const uint8_t *cmd;   /* 16 bytes */
    unsigned dir;
    uint32_t size;        /* data phase length */
    const uint8_t *data;  /* dir OUT: `size` payload bytes */
};

/* Parse a complete SEND_USB_CMD request (as framed by stl_frame_check). */
int stl_parse_usb(const uint8_t *buf, size_t len, struct stl_usb_req *req);

static inline uint32_t stl_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint16_t stl_get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}
static inline void stl_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}
static inline void stl_put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

#endif
