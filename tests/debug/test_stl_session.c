/* stlink-server sessions and the ST-LINK command set against the fake
 * target: the replies OpenOCD 0.12 relies on (stlink-server.md §1..§2). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "debug/stlink/stl_frame.h"
#include "debug/stlink/stl_session.h"
#include "fake_target.h"

struct fx {
    struct fake_target f;
    struct stl_device dev;
    struct stl_session s;
    uint8_t resp[STL_RESP_MAX];
    size_t n;
};

static int setup(void **state)
{
    struct fx *x = calloc(1, sizeof *x);
    fake_target_init(&x->f);
    struct dbg_target t = fake_target_ops(&x->f);
    stl_device_init(&x->dev, &t);
    stl_session_init(&x->s, &x->dev);
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    struct fx *x = *state;
    stl_session_close(&x->s);
    stl_device_free(&x->dev);
    fake_target_free(&x->f);
    free(x);
    return 0;
}

static size_t req(struct stl_session *s, struct fx *x, const uint8_t *r, size_t len)
{
    size_t flen;
    assert_int_equal(stl_frame_check(r, len, &flen), STL_FRAME_OK);
    assert_int_equal(flen, len);
    x->n = stl_session_handle(s, r, len, x->resp);
    return x->n;
}

static uint32_t open_dev(struct stl_session *s, struct fx *x)
{
    uint8_t r[8] = {STL_TCP_OPEN_DEV};
    stl_put32(r + 4, STL_DEVICE_ID);
    assert_int_equal(req(s, x, r, 8), 8);
    return stl_get32(x->resp) == STL_TCP_OK ? stl_get32(x->resp + 4) : 0;
}

/* One tunnelled ST-LINK command; returns the TCP status, data in resp+4. */
static uint32_t usb(struct fx *x, uint32_t id, const uint8_t *cmd, size_t cmdlen, unsigned dir,
                    const uint8_t *out, uint32_t size)
{
    uint8_t r[32 + 256] = {STL_TCP_SEND_USB_CMD};
    stl_put32(r + 4, id);
    memcpy(r + 8, cmd, cmdlen);
    r[24] = (uint8_t)dir;
    stl_put32(r + 28, size);
    size_t len = 32;
    if (dir == STL_DIR_OUT) {
        memcpy(r + 32, out, size);
        len += size;
    }
    req(&x->s, x, r, len);
    assert_int_equal(x->n, 4 + (dir == STL_DIR_OUT ? 0 : size));
    return stl_get32(x->resp);
}

static uint8_t last_rw(struct fx *x, uint32_t id, uint32_t *fault)
{
    const uint8_t c[2] = {0xF2, 0x3E};
    assert_int_equal(usb(x, id, c, 2, STL_DIR_IN, NULL, 12), STL_TCP_OK);
    *fault = stl_get32(x->resp + 8);
    return x->resp[4];
}

static void mem_cmd(uint8_t *c, uint8_t sub, uint32_t addr, uint16_t len)
{
    memset(c, 0, 16);
    c[0] = 0xF2;
    c[1] = sub;
    stl_put32(c + 2, addr);
    stl_put16(c + 6, len);
}

static void server_and_device_info(void **state)
{
    struct fx *x = *state;
    const uint8_t ver[4] = {STL_TCP_GET_SERVER_VERSION, 1};
    assert_int_equal(req(&x->s, x, ver, 4), 16);
    assert_int_equal(stl_get32(x->resp), 2);   /* API v2: 4 KiB blocks, no RW_MISC */
    const uint8_t nb[1] = {STL_TCP_GET_NB_DEV};
    req(&x->s, x, nb, 1);
    assert_int_equal(stl_get32(x->resp), 1);
    uint8_t info[8] = {STL_TCP_GET_DEV_INFO, 0};
    stl_put32(info + 4, 41);
    assert_int_equal(req(&x->s, x, info, 8), 45);
    assert_int_equal(stl_get32(x->resp), STL_TCP_OK);
    assert_int_equal(stl_get32(x->resp + 4), STL_DEVICE_ID);
    assert_int_equal(stl_get16(x->resp + 40), 0x0483);
    assert_int_equal(stl_get16(x->resp + 42), 0x374B);
    assert_int_equal(x->resp[44], 0);
    info[1] = 1;   /* no second probe */
    req(&x->s, x, info, 8);
    assert_int_not_equal(stl_get32(x->resp), STL_TCP_OK);
}

static void second_client_sees_in_use(void **state)
{
    struct fx *x = *state;
    uint32_t id = open_dev(&x->s, x);
    assert_int_not_equal(id, 0);
    struct stl_session other;
    stl_session_init(&other, &x->dev);
    uint8_t info[8] = {STL_TCP_GET_DEV_INFO, 0};
    req(&other, x, info, 8);
    assert_int_equal(x->resp[44], 1);
    assert_int_equal(open_dev(&other, x), 0);
    /* Commands on a device the client has not opened are refused. */
    const uint8_t gv[1] = {0xF1};
    uint8_t r[32] = {STL_TCP_SEND_USB_CMD};
    stl_put32(r + 4, id);
    memcpy(r + 8, gv, 1);
    r[24] = STL_DIR_IN;
    stl_put32(r + 28, 6);
    req(&other, x, r, 32);
    assert_int_equal(x->n, 10);
    assert_int_equal(stl_get32(x->resp), STL_TCP_OPEN_ERROR);
    /* The first client goes away: the device is free again. */
    stl_session_close(&x->s);
    assert_int_not_equal(open_dev(&other, x), 0);
    stl_session_close(&other);
}

static void version_mode_idcode(void **state)
{
    struct fx *x = *state;
    uint32_t id = open_dev(&x->s, x);
    const uint8_t gv[1] = {0xF1};
    assert_int_equal(usb(x, id, gv, 1, STL_DIR_IN, NULL, 6), STL_TCP_OK);
    const uint8_t expect[6] = {0x2a, 0x1b, 0x83, 0x04, 0x4b, 0x37};   /* V2J40M27 */
    assert_memory_equal(x->resp + 4, expect, 6);
    const uint8_t mode[1] = {0xF5};
    usb(x, id, mode, 1, STL_DIR_IN, NULL, 2);
    assert_int_equal(x->resp[4], 1);
    const uint8_t enter[3] = {0xF2, 0x30, 0xA3};
    x->f.dhcsr_ctrl = 0;
    usb(x, id, enter, 3, STL_DIR_IN, NULL, 2);
    assert_int_equal(x->resp[4], 0x80);
    assert_true(x->f.dhcsr_ctrl & 1);   /* attach: halting debug on */
    usb(x, id, mode, 1, STL_DIR_IN, NULL, 2);
    assert_int_equal(x->resp[4], 2);
    const uint8_t ids[2] = {0xF2, 0x31};
    usb(x, id, ids, 2, STL_DIR_IN, NULL, 12);
    assert_int_equal(x->resp[4], 0x80);
    assert_int_equal(stl_get32(x->resp + 8), 0x2BA01477);
    const uint8_t volt[1] = {0xF7};
    usb(x, id, volt, 1, STL_DIR_IN, NULL, 8);
    assert_int_equal(stl_get32(x->resp + 4), 1600);
    const uint8_t exit_dbg[2] = {0xF2, 0x21};
    assert_int_equal(usb(x, id, exit_dbg, 2, STL_DIR_IN, NULL, 0), STL_TCP_OK);
    usb(x, id, mode, 1, STL_DIR_IN, NULL, 2);
    assert_int_equal(x->resp[4], 1);
}

static void memory_access_and_faults(void **state)
{
    struct fx *x = *state;
    uint32_t id = open_dev(&x->s, x);
    uint8_t c[16], fault_unused;
    uint32_t fa;
    (void)fault_unused;
    mem_cmd(c, 0x07, 0xE000ED00, 4);
    usb(x, id, c, 16, STL_DIR_IN, NULL, 4);
    assert_int_equal(stl_get32(x->resp + 4), 0x410FC241);
    assert_int_equal(last_rw(x, id, &fa), 0x80);
    /* write then read back SRAM */
    const uint8_t data[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    mem_cmd(c, 0x08, 0x20000100, 8);
    assert_int_equal(usb(x, id, c, 16, STL_DIR_OUT, data, 8), STL_TCP_OK);
    assert_int_equal(last_rw(x, id, &fa), 0x80);
    mem_cmd(c, 0x47, 0x20000102, 4);
    usb(x, id, c, 16, STL_DIR_IN, NULL, 4);
    assert_memory_equal(x->resp + 4, data + 2, 4);
    /* an 8-bit read of 1 byte asks for 2: padded */
    mem_cmd(c, 0x0C, 0x20000107, 1);
    usb(x, id, c, 16, STL_DIR_IN, NULL, 2);
    assert_int_equal(x->resp[4], 8);
    assert_int_equal(x->resp[5], 0);
    /* the flash size word read with a 16-bit access */
    mem_cmd(c, 0x47, 0x1FFFF7CC, 2);
    usb(x, id, c, 16, STL_DIR_IN, NULL, 2);
    assert_int_equal(stl_get16(x->resp + 4), 0x100);
    /* unmapped: zero data, AP fault, faulting address reported */
    mem_cmd(c, 0x07, 0x60000000, 8);
    usb(x, id, c, 16, STL_DIR_IN, NULL, 8);
    assert_int_equal(stl_get32(x->resp + 4), 0);
    assert_int_equal(last_rw(x, id, &fa), 0x11);
    assert_int_equal(fa, 0x60000000);
    /* wrap-around at the top of the address space faults, no crash */
    mem_cmd(c, 0x07, 0xFFFFFFFC, 8);
    usb(x, id, c, 16, STL_DIR_IN, NULL, 8);
    assert_int_equal(last_rw(x, id, &fa), 0x11);
    /* unaligned 32-bit access is refused */
    mem_cmd(c, 0x07, 0x20000002, 4);
    usb(x, id, c, 16, STL_DIR_IN, NULL, 4);
    assert_int_not_equal(last_rw(x, id, &fa), 0x80);
    /* a successful access clears the status */
    mem_cmd(c, 0x07, 0x20000000, 4);
    usb(x, id, c, 16, STL_DIR_IN, NULL, 4);
    assert_int_equal(last_rw(x, id, &fa), 0x80);
    /* AP other than 0 */
    mem_cmd(c, 0x07, 0x20000000, 4);
    c[8] = 1;
    usb(x, id, c, 16, STL_DIR_IN, NULL, 4);
    assert_int_equal(last_rw(x, id, &fa), 0x1D);
}

static void run_control_and_registers(void **state)
{
    struct fx *x = *state;
    uint32_t id = open_dev(&x->s, x);
    uint8_t c[16] = {0xF2, 0x35};
    stl_put32(c + 2, 0xE000EDF0);
    stl_put32(c + 6, 0xA05F0003);
    usb(x, id, c, 10, STL_DIR_IN, NULL, 2);
    assert_int_equal(x->resp[4], 0x80);
    assert_true(x->f.halted);
    uint8_t rd[6] = {0xF2, 0x36};
    stl_put32(rd + 2, 0xE000EDF0);
    usb(x, id, rd, 6, STL_DIR_IN, NULL, 8);
    assert_int_equal(x->resp[4], 0x80);
    assert_true(stl_get32(x->resp + 8) & (1u << 17));   /* S_HALT */
    /* WRITEREG: value at bytes 3..6 (unaligned) */
    uint8_t wr[7] = {0xF2, 0x34, 15};
    stl_put32(wr + 3, 0x20000001);
    usb(x, id, wr, 7, STL_DIR_IN, NULL, 2);
    assert_int_equal(x->resp[4], 0x80);
    const uint8_t rr[3] = {0xF2, 0x33, 15};
    usb(x, id, rr, 3, STL_DIR_IN, NULL, 8);
    assert_int_equal(x->resp[4], 0x80);
    assert_int_equal(stl_get32(x->resp + 8), 0x20000000);
    /* FPU register through READREG (S5 = 0x45) */
    x->f.regs[0x45] = 0x3FC00000;
    const uint8_t rs[3] = {0xF2, 0x33, 0x45};
    usb(x, id, rs, 3, STL_DIR_IN, NULL, 8);
    assert_int_equal(stl_get32(x->resp + 8), 0x3FC00000);
    /* unknown register */
    const uint8_t bad[3] = {0xF2, 0x33, 0x7F};
    usb(x, id, bad, 3, STL_DIR_IN, NULL, 8);
    assert_int_equal(x->resp[4], 0x81);
    /* RESETSYS with vector catch halts at the reset vector */
    unsigned resets = x->f.resets;
    x->f.demcr = 1;
    const uint8_t rst[2] = {0xF2, 0x32};
    usb(x, id, rst, 2, STL_DIR_IN, NULL, 2);
    assert_int_equal(x->f.resets, resets + 1);
    assert_true(x->f.halted);
    /* an unknown command: TCP error status, data still the size asked */
    const uint8_t unk[2] = {0xF2, 0x99};
    assert_int_equal(usb(x, id, unk, 2, STL_DIR_IN, NULL, 16), STL_TCP_NOT_AVAILABLE);
}

static void dap_registers(void **state)
{
    struct fx *x = *state;
    uint32_t id = open_dev(&x->s, x);
    /* DP CTRL/STAT: power-up requests are acknowledged */
    uint8_t w[10] = {0xF2, 0x46};
    stl_put16(w + 2, 0xFFFF);
    stl_put16(w + 4, 0x4);
    stl_put32(w + 6, 0x50000000);
    usb(x, id, w, 10, STL_DIR_IN, NULL, 2);
    uint8_t r[6] = {0xF2, 0x45};
    stl_put16(r + 2, 0xFFFF);
    stl_put16(r + 4, 0x4);
    usb(x, id, r, 6, STL_DIR_IN, NULL, 8);
    assert_int_equal(stl_get32(x->resp + 8), 0xF0000000);
    /* AP 0 IDR */
    stl_put16(r + 2, 0);
    stl_put16(r + 4, 0xFC);
    usb(x, id, r, 6, STL_DIR_IN, NULL, 8);
    assert_int_equal(stl_get32(x->resp + 8), 0x24770011);
    /* TAR + DRW reaches memory */
    stl_put16(w + 2, 0);
    stl_put16(w + 4, 0x04);
    stl_put32(w + 6, 0xE000ED00);
    usb(x, id, w, 10, STL_DIR_IN, NULL, 2);
    stl_put16(r + 4, 0x0C);
    usb(x, id, r, 6, STL_DIR_IN, NULL, 8);
    assert_int_equal(x->resp[4], 0x80);
    assert_int_equal(stl_get32(x->resp + 8), 0x410FC241);
}

static void malformed_usb_requests(void **state)
{
    struct fx *x = *state;
    uint32_t id = open_dev(&x->s, x);
    uint8_t r[32] = {STL_TCP_SEND_USB_CMD};
    stl_put32(r + 4, id);
    r[8] = 0xF1;
    r[24] = 2;   /* no such direction */
    stl_put32(r + 28, 6);
    req(&x->s, x, r, 32);
    assert_int_equal(x->n, 4);
    assert_int_equal(stl_get32(x->resp), STL_TCP_BAD_PARAM);
    r[24] = STL_DIR_IN;
    stl_put32(r + 28, 1000000);   /* larger than any reply */
    req(&x->s, x, r, 32);
    assert_int_equal(x->n, 4);
    assert_int_equal(stl_get32(x->resp), STL_TCP_BAD_PARAM);
    /* CLOSE_DEV with a wrong id */
    uint8_t cl[8] = {STL_TCP_CLOSE_DEV};
    stl_put32(cl + 4, id + 5);
    req(&x->s, x, cl, 8);
    assert_int_equal(stl_get32(x->resp), STL_TCP_BAD_PARAM);
    stl_put32(cl + 4, id);
    req(&x->s, x, cl, 8);
    assert_int_equal(stl_get32(x->resp), STL_TCP_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(server_and_device_info, setup, teardown),
        cmocka_unit_test_setup_teardown(second_client_sees_in_use, setup, teardown),
        cmocka_unit_test_setup_teardown(version_mode_idcode, setup, teardown),
        cmocka_unit_test_setup_teardown(memory_access_and_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(run_control_and_registers, setup, teardown),
        cmocka_unit_test_setup_teardown(dap_registers, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed_usb_requests, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
