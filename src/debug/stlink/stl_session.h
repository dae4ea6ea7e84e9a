/* The stlink-server device and its client sessions (stlink-server.md §1.2):
 * one virtual ST-LINK that several TCP clients may see, one of which at a
 * time may open it.  Transport-free: a session turns one complete request
 * into one response. */
#ifndef F3KIT_STL_SESSION_H
#define F3KIT_STL_SESSION_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debug/stlink/stl_probe.h"

#define STL_SERVER_API 2u        /* API 1 caps blocks at 1 KiB; 3 turns on RW_MISC */
#define STL_DEVICE_ID 0x374B0001u
#define STL_SERIAL "F3KIT0VIRTUAL0ST0LINK001"
/* Largest response: status word + the largest data-in phase. */
#define STL_RESP_MAX (4u + 10236u)

struct stl_device {
    pthread_mutex_t mu;      /* serialises requests of all sessions */
    struct stl_probe probe;
    uint32_t owner;          /* connect_id of the session that opened it, 0 = free */
    uint32_t next_id;
};

struct stl_session {
    struct stl_device *dev;
    uint32_t connect_id;     /* 0 while this session has not opened the device */
};

int stl_device_init(struct stl_device *d, const struct dbg_target *tgt);
void stl_device_free(struct stl_device *d);

void stl_session_init(struct stl_session *s, struct stl_device *d);
/* Handle one complete request (framed by stl_frame_check).  Writes the
 * response into resp (at least STL_RESP_MAX bytes) and returns its length. */
size_t stl_session_handle(struct stl_session *s, const uint8_t *req, size_t len, uint8_t *resp);
/* The client went away: release the device if this session held it. */
void stl_session_close(struct stl_session *s);

#endif
