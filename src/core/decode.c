/* The decoder's entry point: common fields, then the 16- or 32-bit
 * decoder, then the IT condition. */
#include "core/exec.h"

void cpu_decode(uint32_t pc, uint32_t hw1, uint32_t hw2, uint32_t itstate, struct cpu_insn *out)
{
    bool wide = cpu_is_32bit(hw1);
    memset(out, 0, sizeof *out);
    out->pc = pc;
    out->len = wide ? 4 : 2;
    out->raw = wide ? (hw1 << 16 | hw2) : hw1;
    out->it = (uint8_t)(itstate & 0xff);
    out->cond = CPU_COND_AL;
    out->cycles = 1;
    if (wide)
        cpu_decode32(hw1, hw2, out);
    else
        cpu_decode16(hw1, out);
    /* Inside an IT block every instruction but BKPT is conditional on
     * ITSTATE[7:4] (A7.3.2); 1111 behaves as "always". */
    if (out->it && out->fn != cpu_x_bkpt) {
        unsigned c = out->it >> 4;
        out->cond = (uint8_t)(c >= CPU_COND_AL ? CPU_COND_AL : c);
    }
}
