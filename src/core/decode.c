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
    /* The encoding spaces the FP/DSP hooks may decode (coprocessor, data
     * processing register / multiplies, PKH, SSAT16/USAT16): their
     * executors may read r[15] in ways we cannot see. */
    bool hooked = wide && ((hw1 & 0xec00) == 0xec00 || (hw1 & 0xfe00) == 0xfa00 ||
                           (hw1 & 0xffe0) == 0xeac0 ||
                           ((hw1 & 0xfb00) == 0xf300 && !(hw2 & 0x8000)));
    /* Inside an IT block every instruction but BKPT is conditional on
     * ITSTATE[7:4] (A7.3.2); 1111 behaves as "always". */
    if (out->it && out->fn != cpu_x_bkpt) {
        unsigned c = out->it >> 4;
        out->cond = (uint8_t)(c >= CPU_COND_AL ? CPU_COND_AL : c);
    }
    /* What the block loop must do before calling fn (see insn.h). */
    out->flags &= (uint8_t)~(CPU_INSN_PCREAD | CPU_INSN_COND | CPU_INSN_LAST);
    if (out->cond != CPU_COND_AL)
        out->flags |= CPU_INSN_COND;
    if (out->rd == 15 || out->rn == 15 || out->rm == 15 || out->ra == 15 || hooked)
        out->flags |= CPU_INSN_PCREAD;
}
