/* Fallbacks for the FP and DSP decode hooks (see insn.h) while their real
 * implementations (fp_decode.c, dsp_decode.c, owned by the fpdsp area) do
 * not exist yet: every such encoding is UNDEFINED.  Not weak symbols: a weak
 * definition in a static library can shadow the real one when the linker
 * meets it first, silently. */
#include "core/insn.h"

#if !__has_include("fp_decode.c")
bool cpu_decode_fp(uint32_t hw1, uint32_t hw2, struct cpu_insn *out)
{
    (void)hw1, (void)hw2, (void)out;
    return false;
}
#endif

#if !__has_include("dsp_decode.c")
bool cpu_decode_dsp(uint32_t hw1, uint32_t hw2, struct cpu_insn *out)
{
    (void)hw1, (void)hw2, (void)out;
    return false;
}
#endif
