/* stlink-server command table (stlink-server.md §1.2, §1.3). */
#include "debug/stlink/stl_session.h"

#include <string.h>

#include "debug/stlink/stl_frame.h"

int stl_device_init(struct stl_device *d, const struct dbg_target *tgt)
{
    memset(d, 0, sizeof *d);
    if (pthread_mutex_init(&d->mu, NULL))
        return -1;
    stl_probe_init(&d->probe, tgt);
    d->next_id = 1;
    return 0;
}

void stl_device_free(struct stl_device *d)
{
    pthread_mutex_destroy(&d->mu);
}

void stl_session_init(struct stl_session *s, struct stl_device *d)
{
    s->dev = d;
    s->connect_id = 0;
}

static size_t status_only(uint8_t *resp, uint32_t status)
{
    stl_put32(resp, status);
    return 4;
}

/* GET_DEV_INFO record: status, device id, serial[32], VID, PID, in-use. */
static size_t dev_info(struct stl_session *s, const uint8_t *req, uint8_t *resp)
{
    memset(resp, 0, 45);
    if (req[1] != 0) {
        stl_put32(resp, STL_TCP_BAD_PARAM);
        return 45;
    }
    stl_put32(resp, STL_TCP_OK);
    stl_put32(resp + 4, STL_DEVICE_ID);
    memcpy(resp + 8, STL_SERIAL, sizeof STL_SERIAL - 1);
    stl_put16(resp + 40, STL_VID);
    stl_put16(resp + 42, STL_PID);
    resp[44] = s->dev->owner != 0 && s->dev->owner != s->connect_id;
    return 45;
}

static size_t open_dev(struct stl_session *s, const uint8_t *req, uint8_t *resp)
{
    struct stl_device *d = s->dev;
    memset(resp, 0, 8);
    if (stl_get32(req + 4) != STL_DEVICE_ID) {
        stl_put32(resp, STL_TCP_BAD_PARAM);
        return 8;
    }
    if (d->owner != 0 && d->owner != s->connect_id) {
        stl_put32(resp, STL_TCP_OPEN_ERROR);   /* another client has it */
        return 8;
    }
    if (!s->connect_id) {
        s->connect_id = d->next_id++;
        if (!d->next_id)
            d->next_id = 1;
    }
    d->owner = s->connect_id;
    stl_put32(resp, STL_TCP_OK);
    stl_put32(resp + 4, s->connect_id);
    return 8;
}

static size_t close_dev(struct stl_session *s, const uint8_t *req, uint8_t *resp)
{
    if (!s->connect_id || stl_get32(req + 4) != s->connect_id)
        return status_only(resp, STL_TCP_BAD_PARAM);
    if (s->dev->owner == s->connect_id)
        s->dev->owner = 0;
    s->connect_id = 0;
    return status_only(resp, STL_TCP_OK);
}

static size_t usb_cmd(struct stl_session *s, const uint8_t *req, size_t len, uint8_t *resp)
{
    struct stl_usb_req u;
    if (stl_parse_usb(req, len, &u))
        return status_only(resp, STL_TCP_BAD_PARAM);
    bool has_in = u.dir == STL_DIR_IN || u.dir == STL_DIR_TRACE;
    if ((has_in && u.size > STL_MAX_IN) || (!has_in && u.dir != STL_DIR_OUT))
        return status_only(resp, STL_TCP_BAD_PARAM);
    uint32_t inlen = has_in ? u.size : 0;
    memset(resp + 4, 0, inlen);
    uint32_t st;
    if (!s->connect_id || u.connect_id != s->connect_id || s->dev->owner != s->connect_id)
        st = STL_TCP_OPEN_ERROR;
    else if (u.dir == STL_DIR_TRACE)
        st = STL_TCP_OK;   /* no SWO data: zeros */
    else
        st = stl_probe_exec(&s->dev->probe, u.cmd, u.data, u.dir == STL_DIR_OUT ? u.size : 0,
                            resp + 4, inlen);
    stl_put32(resp, st);
    return 4 + inlen;
}

size_t stl_session_handle(struct stl_session *s, const uint8_t *req, size_t len, uint8_t *resp)
{
    struct stl_device *d = s->dev;
    size_t n;
    pthread_mutex_lock(&d->mu);
    switch (req[0]) {
    case STL_TCP_GET_SERVER_VERSION:
        /* No status word: api, major, minor, build. */
        stl_put32(resp, STL_SERVER_API);
        stl_put32(resp + 4, 2);
        stl_put32(resp + 8, 1);
        stl_put32(resp + 12, 1);
        n = 16;
        break;
    case STL_TCP_REFRESH_DEVICE_LIST:
        n = status_only(resp, STL_TCP_OK);
        break;
    case STL_TCP_GET_NB_DEV:
        stl_put32(resp, 1);   /* no status word */
        n = 4;
        break;
    case STL_TCP_GET_DEV_INFO:
        n = dev_info(s, req, resp);
        break;
    case STL_TCP_OPEN_DEV:
        n = open_dev(s, req, resp);
        break;
    case STL_TCP_CLOSE_DEV:
        n = close_dev(s, req, resp);
        break;
    case STL_TCP_SEND_USB_CMD:
        n = usb_cmd(s, req, len, resp);
        break;
    default:
        n = status_only(resp, STL_TCP_NOT_AVAILABLE);
        break;
    }
    pthread_mutex_unlock(&d->mu);
    return n;
}

void stl_session_close(struct stl_session *s)
{
    pthread_mutex_lock(&s->dev->mu);
    if (s->connect_id && s->dev->owner == s->connect_id)
        s->dev->owner = 0;
    s->connect_id = 0;
    pthread_mutex_unlock(&s->dev->mu);
}
