/* libFuzzer target: a byte stream from an stlink-server client, framed and
 * answered exactly as the TCP server does, against the fake target.  Any
 * crash, sanitizer report or over-long response is a bug. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "debug/stlink/stl_frame.h"
#include "debug/stlink/stl_session.h"
#include "fake_target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct fake_target f;
    static uint8_t resp[STL_RESP_MAX];
    fake_target_init(&f);
    struct dbg_target t = fake_target_ops(&f);
    struct stl_device dev;
    struct stl_session s;
    stl_device_init(&dev, &t);
    stl_session_init(&s, &dev);
    size_t off = 0;
    while (off < size) {
        size_t len;
        enum stl_frame fr = stl_frame_check(data + off, size - off, &len);
        if (fr != STL_FRAME_OK)
            break;
        size_t n = stl_session_handle(&s, data + off, len, resp);
        if (n > STL_RESP_MAX)
            abort();
        off += len;
    }
    stl_session_close(&s);
    stl_device_free(&dev);
    fake_target_free(&f);
    return 0;
}
