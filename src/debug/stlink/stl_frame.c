/* stlink-server request framing: every request has a fixed length per
 * command code except SEND_USB_CMD with a data-out phase (stlink-server.md
 * §1.2, §1.3). */
#include "debug/stlink/stl_frame.h"

static size_t fixed_len(uint8_t code)
{
    switch (code) {
    case STL_TCP_REFRESH_DEVICE_LIST: return 2;
    case STL_TCP_GET_NB_DEV: return 1;
    case STL_TCP_GET_DEV_INFO: return 8;
    case STL_TCP_OPEN_DEV: return 8;
    case STL_TCP_CLOSE_DEV: return 8;
    case STL_TCP_GET_SERVER_VERSION: return 4;
    default: return 0;
    }
}

enum stl_frame stl_frame_check(const uint8_t *buf, size_t have, size_t *len)
{
    if (have < 1) {
        *len = 1;
        return STL_FRAME_NEED;
    }
    if (buf[0] != STL_TCP_SEND_USB_CMD) {
        size_t n = fixed_len(buf[0]);
        if (!n)
            return STL_FRAME_BAD;
        *len = n;
        return have >= n ? STL_FRAME_OK : STL_FRAME_NEED;
    }
    if (have < STL_USB_HDR) {
        *len = STL_USB_HDR;
        return STL_FRAME_NEED;
    }
    uint32_t size = stl_get32(buf + 28);
    size_t n = STL_USB_HDR;
    if (buf[24] == STL_DIR_OUT) {
        if (size > STL_MAX_OUT)
            return STL_FRAME_BAD;
        n += size;
    }
    *len = n;
    return have >= n ? STL_FRAME_OK : STL_FRAME_NEED;
}

int stl_parse_usb(const uint8_t *buf, size_t len, struct stl_usb_req *req)
{
    if (len < STL_USB_HDR || buf[0] != STL_TCP_SEND_USB_CMD)
        return -1;
    req->connect_id = stl_get32(buf + 4);
    req->cmd = buf + 8;
    req->dir = buf[24];
    req->size = stl_get32(buf + 28);
    req->data = NULL;
    if (req->dir == STL_DIR_OUT) {
        if (req->size > STL_MAX_OUT || len != STL_USB_HDR + req->size)
            return -1;
        req->data = buf + STL_USB_HDR;
    } else if (len != STL_USB_HDR) {
        return -1;
    }
    return 0;
}
