/* stlink-server framing: lengths per command code, data-out payloads,
 * rejection of unframeable requests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "debug/stlink/stl_frame.h"

static void fixed_lengths(void **state)
{
    (void)state;
    static const struct { uint8_t code; size_t len; } t[] = {
        {0x00, 2}, {0x01, 1}, {0x02, 8}, {0x03, 8}, {0x04, 8}, {0x06, 4},
    };
    uint8_t buf[8] = {0};
    size_t len;
    assert_int_equal(stl_frame_check(buf, 0, &len), STL_FRAME_NEED);
    assert_int_equal(len, 1);
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        buf[0] = t[i].code;
        if (t[i].len > 1) {
            assert_int_equal(stl_frame_check(buf, t[i].len - 1, &len), STL_FRAME_NEED);
            assert_int_equal(len, t[i].len);
        }
        assert_int_equal(stl_frame_check(buf, t[i].len, &len), STL_FRAME_OK);
        assert_int_equal(len, t[i].len);
    }
}

static void usb_in_and_out(void **state)
{
    (void)state;
    uint8_t buf[64] = {STL_TCP_SEND_USB_CMD};
    size_t len;
    assert_int_equal(stl_frame_check(buf, 10, &len), STL_FRAME_NEED);
    assert_int_equal(len, 32);
    /* data-in: header only, whatever the size */
    buf[24] = STL_DIR_IN;
    stl_put32(buf + 28, 4096);
    assert_int_equal(stl_frame_check(buf, 32, &len), STL_FRAME_OK);
    assert_int_equal(len, 32);
    /* data-out: header + payload */
    buf[24] = STL_DIR_OUT;
    stl_put32(buf + 28, 8);
    assert_int_equal(stl_frame_check(buf, 32, &len), STL_FRAME_NEED);
    assert_int_equal(len, 40);
    assert_int_equal(stl_frame_check(buf, 40, &len), STL_FRAME_OK);
    struct stl_usb_req r;
    stl_put32(buf + 4, 77);
    buf[8] = 0xF2;
    assert_int_equal(stl_parse_usb(buf, 40, &r), 0);
    assert_int_equal(r.connect_id, 77);
    assert_int_equal(r.size, 8);
    assert_ptr_equal(r.data, buf + 32);
    assert_int_equal(r.cmd[0], 0xF2);
    /* inconsistent length */
    assert_int_equal(stl_parse_usb(buf, 39, &r), -1);
}

static void unframeable(void **state)
{
    (void)state;
    uint8_t buf[32] = {0x42};
    size_t len;
    assert_int_equal(stl_frame_check(buf, 1, &len), STL_FRAME_BAD);
    buf[0] = 0x07;   /* GET_NB_OF_DEV_CLIENTS: length not specified */
    assert_int_equal(stl_frame_check(buf, 1, &len), STL_FRAME_BAD);
    buf[0] = STL_TCP_SEND_USB_CMD;
    buf[24] = STL_DIR_OUT;
    stl_put32(buf + 28, STL_MAX_OUT + 1);
    assert_int_equal(stl_frame_check(buf, 32, &len), STL_FRAME_BAD);
    stl_put32(buf + 28, 0xFFFFFFFFu);
    assert_int_equal(stl_frame_check(buf, 32, &len), STL_FRAME_BAD);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fixed_lengths),
        cmocka_unit_test(usb_in_and_out),
        cmocka_unit_test(unframeable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
