/* One GDB connection: the command table of the remote protocol
 * (gdb-remote.md §3..§9) over a dbg_target.  Transport-free: the caller
 * feeds decoded packets and gets replies through `send`. */
#ifndef F3KIT_GDB_SESSION_H
#define F3KIT_GDB_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debug/dbg_target.h"
#include "debug/gdb/gdb_breaks.h"
#include "debug/gdb/gdb_packet.h"
#include "debug/gdb/gdb_regs.h"

/* Send one packet payload (the transport frames it). */
typedef void (*gdb_send_fn)(void *ctx, const void *payload, size_t len);

enum gdb_next {
    GDB_NEXT_PACKET,    /* wait for the next packet */
    GDB_NEXT_RUNNING,   /* the target runs: poll it, watch for Ctrl-C */
    GDB_NEXT_CLOSE,     /* end the connection */
};

struct gdb_session {
    struct dbg_target tgt;
    gdb_send_fn send;
    void *send_ctx;
    bool noack;            /* QStartNoAckMode accepted */
    bool running;
    bool interrupted;      /* Ctrl-C asked for the coming stop */
    bool set_vc_harderr;   /* we turned DEMCR.VC_HARDERR on at attach */
    enum dbg_stop last_stop;
    struct gdb_breaks breaks;
    char target_xml[GDB_XML_MAX];
    char memory_map[GDB_XML_MAX];
    char reply[2 * GDB_PACKET_SIZE + 64];
    uint8_t mem[GDB_PACKET_SIZE];
};

void gdb_session_init(struct gdb_session *s, const struct dbg_target *t, gdb_send_fn send,
                      void *send_ctx);
/* A debugger connected: halt the target (as OpenOCD's gdb-attach does). */
void gdb_session_attach(struct gdb_session *s);
/* Handle one decoded packet (NUL-terminated, `len` bytes). */
enum gdb_next gdb_session_packet(struct gdb_session *s, const char *pkt, size_t len);
/* While running: forward console output; when the target has stopped, send
 * the stop reply and return true. */
bool gdb_session_poll(struct gdb_session *s);
/* Ctrl-C (0x03) while running: halt; the next poll reports SIGINT. */
void gdb_session_interrupt(struct gdb_session *s);
/* The connection ends (detach, kill, or dropped): remove breakpoints and
 * watchpoints and let the target run. */
void gdb_session_end(struct gdb_session *s);

#endif
