/* DSP extension semantics (see dsp_ops.h). */
#include "core/dsp_ops.h"
#include "core/dsp_parallel.h"

static inline int32_t lo16(uint32_t x) { return (int16_t)(x & 0xffff); }
static inline int32_t hi16(uint32_t x) { return (int16_t)(x >> 16); }

uint32_t dsp_parallel(enum dsp_par_kind kind, enum dsp_par_op op, uint32_t n, uint32_t m,
                      uint32_t *ge)
{
    return dsp_parallel_inline(kind, op, n, m, ge);
}

static int32_t sat32(int64_t x, uint32_t *q)
{
    if (x > INT32_MAX) {
        *q = 1;
        return INT32_MAX;
    }
    if (x < INT32_MIN) {
        *q = 1;
        return INT32_MIN;
    }
    return (int32_t)x;
}

uint32_t dsp_qaddsub(enum dsp_qop op, uint32_t m, uint32_t n, uint32_t *q)
{
    int64_t b = (int32_t)n;
    if (op == DSP_QDADD || op == DSP_QDSUB)
        b = sat32(2 * b, q);
    int64_t a = (int32_t)m;
    return (uint32_t)sat32(op <= DSP_QDADD ? a + b : a - b, q);
}

uint32_t dsp_sat16(uint32_t n, unsigned sat, bool is_unsigned, uint32_t *q)
{
    uint32_t r = 0;
    for (unsigned i = 0; i < 2; i++) {
        int64_t v = i ? hi16(n) : lo16(n);
        int64_t hi = is_unsigned ? ((int64_t)1 << sat) - 1 : ((int64_t)1 << (sat - 1)) - 1;
        int64_t lo = is_unsigned ? 0 : -((int64_t)1 << (sat - 1));
        if (v > hi || v < lo) {
            v = v > hi ? hi : lo;
            *q = 1;
        }
        r |= ((uint32_t)v & 0xffff) << (16 * i);
    }
    return r;
}

uint32_t dsp_sel(uint32_t n, uint32_t m, uint32_t ge)
{
    /* Byte i of the mask is 0xff when GE[i] is set. */
    static const uint32_t masks[16] = {
        0x00000000u, 0x000000ffu, 0x0000ff00u, 0x0000ffffu,
        0x00ff0000u, 0x00ff00ffu, 0x00ffff00u, 0x00ffffffu,
        0xff000000u, 0xff0000ffu, 0xff00ff00u, 0xff00ffffu,
        0xffff0000u, 0xffff00ffu, 0xffffff00u, 0xffffffffu,
    };
    uint32_t mask = masks[ge & 15];
    return (n & mask) | (m & ~mask);
}

uint32_t dsp_pkh(uint32_t n, uint32_t m, bool tb, unsigned shift)
{
    if (tb) {
        /* ASR #0 encodes ASR #32: the sign fills the halfword. */
        uint32_t s = (uint32_t)((int32_t)m >> (shift == 0 ? 31 : shift));
        return (n & 0xffff0000u) | (s & 0xffff);
    }
    return (n & 0xffff) | ((m << shift) & 0xffff0000u);
}

uint32_t dsp_xtab16(uint32_t n, uint32_t m, unsigned rot, bool is_signed)
{
    unsigned r = (rot & 3) * 8;
    uint32_t x = r ? (m >> r | m << (32 - r)) : m;
    uint32_t b0 = x & 0xff, b2 = (x >> 16) & 0xff;
    if (is_signed) {
        b0 = (uint32_t)(int32_t)(int8_t)b0;
        b2 = (uint32_t)(int32_t)(int8_t)b2;
    }
    uint32_t lo = (n + b0) & 0xffff, hi = ((n >> 16) + b2) & 0xffff;
    return hi << 16 | lo;
}

/* A 32-bit result that must equal the exact sum, else Q (SMLAxy, SMLAD...). */
static uint32_t q_result(int64_t r, uint32_t *q)
{
    if (r != (int32_t)r)
        *q = 1;
    return (uint32_t)r;
}

uint32_t dsp_mul32(enum dsp_mul op, uint32_t n, uint32_t m, uint32_t a, uint32_t *q)
{
    int64_t acc = (int32_t)a;
    switch (op) {
    case DSP_SMLABB: case DSP_SMLABT: case DSP_SMLATB: case DSP_SMLATT:
    case DSP_SMULBB: case DSP_SMULBT: case DSP_SMULTB: case DSP_SMULTT: {
        unsigned k = (op - DSP_SMLABB) & 3;
        int64_t p = (int64_t)((k & 2) ? hi16(n) : lo16(n)) * ((k & 1) ? hi16(m) : lo16(m));
        if (op >= DSP_SMULBB)
            return (uint32_t)p;
        return q_result(p + acc, q);
    }
    case DSP_SMLAD: case DSP_SMLADX: case DSP_SMUAD: case DSP_SMUADX:
    case DSP_SMLSD: case DSP_SMLSDX: case DSP_SMUSD: case DSP_SMUSDX: {
        bool x = op == DSP_SMLADX || op == DSP_SMUADX || op == DSP_SMLSDX || op == DSP_SMUSDX;
        uint32_t mm = x ? (m >> 16 | m << 16) : m;
        int64_t p1 = (int64_t)lo16(n) * lo16(mm), p2 = (int64_t)hi16(n) * hi16(mm);
        bool sub = op >= DSP_SMLSD;
        bool accumulate = op == DSP_SMLAD || op == DSP_SMLADX || op == DSP_SMLSD ||
                          op == DSP_SMLSDX;
        int64_t r = (sub ? p1 - p2 : p1 + p2) + (accumulate ? acc : 0);
        /* SMUSD cannot overflow; SMUAD can (0x8000 * 0x8000 twice). */
        return q_result(r, q);
    }
    case DSP_SMLAWB: case DSP_SMLAWT: case DSP_SMULWB: case DSP_SMULWT: {
        bool top = op == DSP_SMLAWT || op == DSP_SMULWT;
        int64_t p = (int64_t)(int32_t)n * (top ? hi16(m) : lo16(m));
        if (op == DSP_SMULWB || op == DSP_SMULWT)
            return (uint32_t)(p >> 16);
        /* result = p + (Ra << 16); Rd = result<47:16>, Q if that lost bits */
        int64_t r = p + acc * 65536;
        return q_result(r >> 16, q);
    }
    case DSP_SMMLA: case DSP_SMMLAR: case DSP_SMMUL: case DSP_SMMULR:
    case DSP_SMMLS: case DSP_SMMLSR: {
        /* Modulo 2^64: only bits 63:32 are kept. */
        uint64_t p = (uint64_t)((int64_t)(int32_t)n * (int32_t)m);
        uint64_t hiacc = (uint64_t)a << 32, r;
        if (op == DSP_SMMUL || op == DSP_SMMULR)
            r = p;
        else if (op == DSP_SMMLA || op == DSP_SMMLAR)
            r = hiacc + p;
        else
            r = hiacc - p;
        if (op == DSP_SMMLAR || op == DSP_SMMULR || op == DSP_SMMLSR)
            r += 0x80000000u;
        return (uint32_t)(r >> 32);
    }
    case DSP_USADA8: case DSP_USAD8: {
        uint32_t sum = 0;
        for (unsigned i = 0; i < 4; i++) {
            int32_t d = (int32_t)((n >> (8 * i)) & 0xff) - (int32_t)((m >> (8 * i)) & 0xff);
            sum += (uint32_t)(d < 0 ? -d : d);
        }
        return op == DSP_USADA8 ? sum + a : sum;
    }
    default:
        return 0;
    }
}

uint64_t dsp_mul64(enum dsp_mull op, uint32_t n, uint32_t m, uint64_t acc)
{
    switch (op) {
    case DSP_SMLALBB: case DSP_SMLALBT: case DSP_SMLALTB: case DSP_SMLALTT: {
        unsigned k = op - DSP_SMLALBB;
        int64_t p = (int64_t)((k & 2) ? hi16(n) : lo16(n)) * ((k & 1) ? hi16(m) : lo16(m));
        return acc + (uint64_t)p;
    }
    default: {
        bool x = op == DSP_SMLALDX || op == DSP_SMLSLDX;
        uint32_t mm = x ? (m >> 16 | m << 16) : m;
        int64_t p1 = (int64_t)lo16(n) * lo16(mm), p2 = (int64_t)hi16(n) * hi16(mm);
        bool sub = op == DSP_SMLSLD || op == DSP_SMLSLDX;
        return acc + (uint64_t)(sub ? p1 - p2 : p1 + p2);
    }
    }
}

const char *dsp_mul_name(enum dsp_mul op)
{
    static const char *const names[DSP_MUL_COUNT] = {
        "smlabb", "smlabt", "smlatb", "smlatt", "smulbb", "smulbt", "smultb", "smultt",
        "smlad", "smladx", "smuad", "smuadx", "smlawb", "smlawt", "smulwb", "smulwt",
        "smlsd", "smlsdx", "smusd", "smusdx", "smmla", "smmlar", "smmul", "smmulr",
        "smmls", "smmlsr", "usada8", "usad8",
    };
    return (unsigned)op < DSP_MUL_COUNT ? names[op] : "?";
}

const char *dsp_mull_name(enum dsp_mull op)
{
    static const char *const names[DSP_MULL_COUNT] = {
        "smlalbb", "smlalbt", "smlaltb", "smlaltt", "smlald", "smlaldx", "smlsld", "smlsldx",
    };
    return (unsigned)op < DSP_MULL_COUNT ? names[op] : "?";
}
