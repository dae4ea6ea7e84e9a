#include "bsp_status.h"

const char *bsp_status_name(int status)
{
    switch (status) {
    case BSP_OK: return "ok";
    case BSP_TIMEOUT: return "timeout";
    case BSP_NACK: return "no acknowledge";
    case BSP_NODEV: return "no device";
    case BSP_BADARG: return "bad argument";
    case BSP_NOTREADY: return "not ready";
    default: return "unknown error";
    }
}
