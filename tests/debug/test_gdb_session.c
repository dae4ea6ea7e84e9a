/* The GDB command table against the fake target: what gdb-multiarch 13
 * sends and expects (gdb-remote.md §3..§9). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "debug/gdb/gdb_session.h"
#include "fake_target.h"

#define MAX_SENT 16

struct fx {
    struct fake_target f;
    struct gdb_session s;
    char sent[MAX_SENT][2 * GDB_PACKET_SIZE + 64];
    size_t sent_len[MAX_SENT];
    int nsent;
};

static void capture(void *ctx, const void *payload, size_t len)
{
    struct fx *x = ctx;
    assert_true(x->nsent < MAX_SENT);
    assert_true(len < sizeof x->sent[0]);
    memcpy(x->sent[x->nsent], payload, len);
    x->sent[x->nsent][len] = 0;
    x->sent_len[x->nsent++] = len;
}

static int setup(void **state)
{
    struct fx *x = calloc(1, sizeof *x);
    fake_target_init(&x->f);
    struct dbg_target t = fake_target_ops(&x->f);
    gdb_session_init(&x->s, &t, capture, x);
    gdb_session_attach(&x->s);
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    struct fx *x = *state;
    fake_target_free(&x->f);
    free(x);
    return 0;
}

/* Send one packet; return the last reply. */
static const char *pkt_n(struct fx *x, const char *p, size_t len, enum gdb_next *next)
{
    x->nsent = 0;
    enum gdb_next n = gdb_session_packet(&x->s, p, len);
    if (next)
        *next = n;
    return x->nsent ? x->sent[x->nsent - 1] : NULL;
}

static const char *pkt(struct fx *x, const char *p)
{
    return pkt_n(x, p, strlen(p), NULL);
}

static void attach_halts_and_reports(void **state)
{
    struct fx *x = *state;
    assert_true(x->f.halted);
    assert_string_equal(pkt(x, "?"), "T05thread:1;");
    const char *sup = pkt(x, "qSupported:multiprocess+;swbreak+;hwbreak+");
    assert_non_null(strstr(sup, "PacketSize=4000"));
    assert_non_null(strstr(sup, "qXfer:memory-map:read+"));
    assert_string_equal(pkt(x, "qAttached"), "1");
    assert_string_equal(pkt(x, "vCont?"), "vCont;c;C;s;S;t");
    assert_string_equal(pkt(x, "vMustReplyEmpty"), "");
    assert_string_equal(pkt(x, "qfThreadInfo"), "m1");
    assert_string_equal(pkt(x, "Hg0"), "OK");
    assert_string_equal(pkt(x, "QStartNoAckMode"), "OK");
    assert_true(x->s.noack);
}

static void target_xml_in_chunks(void **state)
{
    struct fx *x = *state;
    char doc[GDB_XML_MAX] = "";
    unsigned off = 0;
    for (int i = 0; i < 100; i++) {
        char q[80];
        snprintf(q, sizeof q, "qXfer:features:read:target.xml:%x,100", off);
        const char *r = pkt(x, q);
        assert_true(r[0] == 'm' || r[0] == 'l');
        strcat(doc, r + 1);
        off += (unsigned)strlen(r + 1);
        if (r[0] == 'l')
            break;
    }
    assert_non_null(strstr(doc, "org.gnu.gdb.arm.m-profile"));
    assert_non_null(strstr(doc, "org.gnu.gdb.arm.vfp"));
    assert_non_null(strstr(doc, "name=\"d15\" bitsize=\"64\""));
    assert_non_null(strstr(doc, "</target>"));
    const char *mm = pkt(x, "qXfer:memory-map:read::0,1000");
    assert_int_equal(mm[0], 'l');
    assert_non_null(strstr(mm, "<memory type=\"flash\" start=\"0x8000000\" length=\"0x40000\">"));
    assert_non_null(strstr(mm, "<property name=\"blocksize\">0x800</property>"));
    assert_string_equal(pkt(x, "qXfer:features:read:other.xml:0,100"), "E00");
}

static void registers(void **state)
{
    struct fx *x = *state;
    x->f.regs[0] = 0x11223344;
    x->f.regs[0x40] = 0x3F800000;   /* s0 = 1.0f */
    x->f.regs[0x41] = 0x40000000;   /* s1 = 2.0f */
    x->f.regs[DBG_REG_SPECIAL] = 0x02000001;   /* CONTROL=2, PRIMASK=1 */
    const char *g = pkt(x, "g");
    assert_int_equal(strlen(g), 2 * GDB_REGS_BYTES);
    assert_memory_equal(g, "44332211", 8);
    /* d0 at byte 23*4: s0 low word, s1 high word */
    assert_memory_equal(g + 2 * 92, "0000803f00000040", 16);
    assert_string_equal(pkt(x, "p13"), "01000000");   /* primask */
    assert_string_equal(pkt(x, "p16"), "02000000");   /* control */
    assert_string_equal(pkt(x, "Pf=08000100"), "OK");
    assert_int_equal(x->f.regs[15], 0x00010008);
    assert_string_equal(pkt(x, "Pf=00010008"), "OK");
    assert_int_equal(x->f.regs[15], 0x08000100);
    assert_string_equal(pkt(x, "pf"), "00010008");
    assert_string_equal(pkt(x, "p28"), "E01");     /* no register 40 */
    assert_string_equal(pkt(x, "Pzz=1"), "E01");
    assert_string_equal(pkt(x, "P0=123"), "E01");  /* wrong size */
    assert_string_equal(pkt(x, "G00"), "E01");
}

static void memory(void **state)
{
    struct fx *x = *state;
    assert_string_equal(pkt(x, "M20000000,4:deadbeef"), "OK");
    assert_string_equal(pkt(x, "m20000000,4"), "deadbeef");
    assert_string_equal(pkt(x, "m20000001,2"), "adbe");
    const char xp[] = "X20000010,3:a#b";
    assert_string_equal(pkt_n(x, xp, sizeof xp - 1, NULL), "OK");
    assert_memory_equal(x->f.sram + 0x10, "a#b", 3);
    assert_string_equal(pkt(x, "mfffffffe,2"), "E01");
    assert_string_equal(pkt(x, "m60000000,4"), "E01");
    assert_string_equal(pkt(x, "Mfffffffe,4:00000000"), "E01");
    assert_string_equal(pkt(x, "m20000000"), "E01");
    assert_string_equal(pkt(x, "M20000000,4:zz"), "E01");
    /* reads that run off the end of RAM return what exists */
    assert_int_equal(strlen(pkt(x, "m20009ffe,4")), 4);
    /* huge lengths are clamped to the packet size */
    assert_true(strlen(pkt(x, "m20000000,ffffffff")) <= 2 * GDB_PACKET_SIZE);
    /* qCRC of known bytes */
    memcpy(x->f.sram + 0x100, "123456789", 9);
    assert_string_equal(pkt(x, "qCRC:20000100,9"), "C0376e6e7");
    assert_string_equal(pkt(x, "qCRC:60000000,4"), "E01");
}

static void breakpoints_continue_step(void **state)
{
    struct fx *x = *state;
    x->f.regs[15] = 0x08000000;
    assert_string_equal(pkt(x, "Z1,8000008,2"), "OK");
    assert_int_equal(x->f.fp_comp[0], 0x48000009u);
    assert_int_equal(x->f.fp_ctrl & 1, 1);
    enum gdb_next n;
    pkt_n(x, "vCont;c", 7, &n);
    assert_int_equal(n, GDB_NEXT_RUNNING);
    x->nsent = 0;
    assert_true(gdb_session_poll(&x->s));
    assert_string_equal(x->sent[x->nsent - 1], "T05hwbreak:;thread:1;");
    assert_int_equal(x->f.regs[15], 0x08000008);
    /* step from a breakpoint: it does not re-trigger, PC advances */
    assert_string_equal(pkt_n(x, "vCont;s:1;c", 11, &n), "T05thread:1;");
    assert_int_equal(n, GDB_NEXT_PACKET);
    assert_int_equal(x->f.regs[15], 0x0800000A);
    assert_int_equal(x->f.fp_comp[0], 0x48000009u);
    /* Z0 in flash also uses the FPB (GDB must not patch flash) */
    assert_string_equal(pkt(x, "Z0,800000e,2"), "OK");
    assert_int_equal(x->f.fp_comp[1], 0x8800000Du);
    assert_string_equal(pkt(x, "z0,800000e,2"), "OK");
    assert_int_equal(x->f.fp_comp[1], 0);
    /* Z0 in RAM patches a BKPT and restores the original on removal */
    x->f.sram[0x200] = 0x12;
    x->f.sram[0x201] = 0x34;
    assert_string_equal(pkt(x, "Z0,20000200,2"), "OK");
    assert_int_equal(x->f.sram[0x201], 0xBE);
    assert_string_equal(pkt(x, "z0,20000200,2"), "OK");
    assert_int_equal(x->f.sram[0x200], 0x12);
    assert_int_equal(x->f.sram[0x201], 0x34);
    /* out of comparators: the 7th hardware breakpoint is refused */
    for (int i = 1; i < 6; i++) {
        char z[32];
        snprintf(z, sizeof z, "Z1,%x,2", 0x08001000 + 4 * i);
        assert_string_equal(pkt(x, z), "OK");
    }
    assert_string_equal(pkt(x, "Z1,8002000,2"), "E01");
    assert_string_equal(pkt(x, "Z1,20000000,2"), "E01");   /* FPB covers Code only */
    assert_string_equal(pkt(x, "Z9,0,2"), "E01");
    assert_string_equal(pkt(x, "Z1,zz"), "E01");
}

static void watchpoints(void **state)
{
    struct fx *x = *state;
    assert_string_equal(pkt(x, "Z2,20000004,4"), "OK");
    assert_int_equal(x->f.dwt_comp[0], 0x20000004);
    assert_int_equal(x->f.dwt_mask[0], 2);
    assert_int_equal(x->f.dwt_func[0], 6);
    assert_true(x->f.demcr & (1u << 24));
    assert_string_equal(pkt(x, "Z3,20000006,1"), "OK");
    assert_int_equal(x->f.dwt_func[1], 5);
    assert_int_equal(x->f.dwt_mask[1], 0);
    /* an unaligned 4-byte range takes the enclosing 8-byte block */
    assert_string_equal(pkt(x, "Z4,20000006,4"), "OK");
    assert_int_equal(x->f.dwt_comp[2], 0x20000000);
    assert_int_equal(x->f.dwt_mask[2], 4);
    assert_int_equal(x->f.dwt_func[2], 7);
    assert_string_equal(pkt(x, "z2,20000004,4"), "OK");
    assert_int_equal(x->f.dwt_func[0], 0);
    /* the fake reports a watch stop: the reply names the address */
    x->f.halted = true;
    x->f.why = DBG_STOP_WATCH;
    x->s.running = true;
    x->nsent = 0;
    assert_true(gdb_session_poll(&x->s));
    assert_string_equal(x->sent[0], "T05rwatch:20000006;thread:1;");
}

static void interrupt_while_running(void **state)
{
    struct fx *x = *state;
    enum gdb_next n;
    pkt_n(x, "c", 1, &n);
    assert_int_equal(n, GDB_NEXT_RUNNING);
    x->nsent = 0;
    assert_false(gdb_session_poll(&x->s));
    assert_int_equal(x->nsent, 0);
    /* packets other than Ctrl-C are ignored while running */
    pkt_n(x, "g", 1, &n);
    assert_int_equal(n, GDB_NEXT_RUNNING);
    gdb_session_interrupt(&x->s);
    x->nsent = 0;
    assert_true(gdb_session_poll(&x->s));
    assert_string_equal(x->sent[0], "T02thread:1;");
    assert_true(x->f.halted);
}

static void console_output_while_running(void **state)
{
    struct fx *x = *state;
    pkt(x, "c");
    strcpy(x->f.console, "hi\n");
    x->f.console_len = 3;
    x->nsent = 0;
    assert_false(gdb_session_poll(&x->s));
    assert_int_equal(x->nsent, 1);
    assert_string_equal(x->sent[0], "O68690a");
    gdb_session_interrupt(&x->s);
    assert_true(gdb_session_poll(&x->s));
}

static void flash_programming(void **state)
{
    struct fx *x = *state;
    assert_string_equal(pkt(x, "vFlashErase:08000100,00000800"), "E01");   /* unaligned */
    assert_string_equal(pkt(x, "vFlashErase:08000000,00000800"), "OK");
    const char w[] = "vFlashWrite:8000000:\x01\x02\x00\x04";
    assert_string_equal(pkt_n(x, w, sizeof w - 1, NULL), "OK");
    assert_memory_equal(x->f.flash, "\x01\x02\x00\x04", 4);
    assert_int_equal(x->f.flash[4], 0xFF);
    const char w2[] = "vFlashWrite:20000000:\x01";
    assert_string_equal(pkt_n(x, w2, sizeof w2 - 1, NULL), "E.memtype");
    assert_string_equal(pkt(x, "vFlashDone"), "OK");
    assert_int_equal(x->f.flash_dones, 1);
}

static void monitor_commands(void **state)
{
    struct fx *x = *state;
    char q[128] = "qRcmd,";
    gdb_hex_encode("reset halt", 10, q + 6);
    unsigned resets = x->f.resets;
    const char *r = pkt(x, q);
    assert_string_equal(r, "OK");
    assert_int_equal(x->nsent, 2);
    assert_int_equal(x->sent[0][0], 'O');
    assert_int_equal(x->f.resets, resets + 1);
    assert_true(x->f.halted);
    gdb_hex_encode("reset run", 9, q + 6);
    assert_string_equal(pkt(x, q), "OK");
    assert_false(x->f.halted);
    gdb_hex_encode("frobnicate", 10, q + 6);
    assert_string_equal(pkt(x, q), "");
    assert_string_equal(pkt(x, "qRcmd,4"), "E01");
}

static void detach_clears_breakpoints(void **state)
{
    struct fx *x = *state;
    pkt(x, "Z1,8000008,2");
    pkt(x, "Z2,20000000,4");
    enum gdb_next n;
    assert_string_equal(pkt_n(x, "D", 1, &n), "OK");
    assert_int_equal(n, GDB_NEXT_CLOSE);
    assert_int_equal(x->f.fp_comp[0], 0);
    assert_int_equal(x->f.dwt_func[0], 0);
    assert_false(x->f.halted);
}

static void unknown_packets(void **state)
{
    struct fx *x = *state;
    assert_string_equal(pkt(x, "qTStatus"), "");
    assert_string_equal(pkt(x, "vRun;foo"), "");
    assert_string_equal(pkt(x, "!"), "");
    assert_string_equal(pkt(x, "vCont;x"), "E01");
    assert_string_equal(pkt(x, "vCont"), "E01");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(attach_halts_and_reports), T(target_xml_in_chunks), T(registers), T(memory),
        T(breakpoints_continue_step), T(watchpoints), T(interrupt_while_running),
        T(console_output_while_running), T(flash_programming), T(monitor_commands),
        T(detach_clears_breakpoints), T(unknown_packets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
