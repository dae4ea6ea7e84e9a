/* The ST-LINK/V2-1 command set (stlink-server.md §2): one USB transaction in,
 * its bulk-IN reply out, executed against a dbg_target.  The probe presents
 * itself as V2J40M27 (PID 0x374B) so OpenOCD 0.12 turns on every modern
 * feature (16-bit memory access, FPU registers through READREG,
 * GETLASTRWSTATUS2, INIT_AP, ap/csw fields). */
#ifndef F3KIT_STL_PROBE_H
#define F3KIT_STL_PROBE_H

#include <stdbool.h>
#include <stdint.h>

#include "debug/dbg_target.h"

#define STL_VID 0x0483u
#define STL_PID 0x374Bu
#define STL_DPIDR 0x2BA01477u      /* SWD-DP of the STM32F3 */
#define STL_JTAG_IDCODE 0x4BA00477u /* its JTAG-DP */
#define STL_AHBAP_IDR 0x24770011u  /* AHB-AP of a Cortex-M4 */
#define STL_ROM_BASE 0xE00FF003u

/* Reply status bytes (first byte of "errcheck" replies). */
#define STL_OK 0x80u
#define STL_FAULT 0x81u
#define STL_SWD_AP_FAULT 0x11u
#define STL_BAD_AP 0x1Du

/* Probe modes reported by GET_CURRENT_MODE. */
#define STL_MODE_DFU 0u
#define STL_MODE_MASS 1u
#define STL_MODE_DEBUG 2u

struct stl_probe {
    struct dbg_target tgt;
    uint8_t mode;
    uint8_t rw_status;      /* status of the last memory command */
    uint32_t rw_fault_addr; /* where it faulted */
    uint16_t swd_div;
    bool trace_on;
    bool nrst_low;
    bool jtag;              /* entered with the JTAG transport */
    /* Debug port / AHB-AP model for the dapdirect driver (§2.9). */
    uint32_t dp_ctrl_stat, dp_select;
    uint32_t ap_csw, ap_tar;
};

void stl_probe_init(struct stl_probe *p, const struct dbg_target *tgt);

/* Execute one ST-LINK command.  `cmd` is the 16-byte command block; for
 * data-out commands `out` holds `outlen` payload bytes; `in` receives the
 * reply and must be `inlen` bytes, pre-zeroed (short replies are padded).
 * Returns the stlink-server status word (STL_TCP_OK unless the command is
 * unknown).  Takes the target lock itself. */
uint32_t stl_probe_exec(struct stl_probe *p, const uint8_t *cmd, const uint8_t *out,
                        uint32_t outlen, uint8_t *in, uint32_t inlen);

#endif
