/* Differential testing of the f3kit core against Unicorn (QEMU's Cortex-M4).
 *
 * A test case is a short Thumb program (one instruction, or an IT block, or a
 * branch and where it lands) plus a random machine state.  Both emulators
 * start from the same state, execute the same number of instructions, and
 * every register, flag, FPSCR bit and RAM byte must agree afterwards.
 *
 * The memory map is the same on both sides:
 *   DIFF_CODE_BASE  code window (the program, padded with landing pads)
 *   DIFF_RAM_BASE   RAM window with random data; the stack is in it too
 */
#ifndef F3KIT_DIFF_H
#define F3KIT_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DIFF_FLASH_BASE 0x00000000u  /* vector table + code, one map */
#define DIFF_FLASH_SIZE 0x00010000u
#define DIFF_CODE_BASE  0x00001000u
#define DIFF_CODE_HW    512u         /* halfwords in the code window */
#define DIFF_RAM_BASE   0x20000000u
#define DIFF_RAM_SIZE   0x00001000u  /* compared byte for byte */
#define DIFF_SP_INIT    (DIFF_RAM_BASE + 0x800u)

/* Architectural state that the tests set and compare. */
struct diff_state {
    uint32_t r[16];
    uint32_t n, z, c, v, q, ge;
    uint32_t s[32];
    uint32_t fpscr;
    uint8_t ram[DIFF_RAM_SIZE];
};

/* The program: halfwords placed at DIFF_CODE_BASE, and how many
 * instructions to execute (an IT instruction and each instruction in its
 * block count as one, executed or not). */
struct diff_prog {
    uint16_t hw[DIFF_CODE_HW];
    unsigned nhw;        /* halfwords the generator wrote */
    unsigned steps;
    bool jumps;          /* the program branches: run by instruction count,
                            else up to the end of the program */
    unsigned uc_skipped; /* of `steps`, instructions an IT block skips, which
                            Unicorn's count leaves out (jumping programs) */
    unsigned start_hw;   /* the program starts at this halfword; the ones
                            before it are landing pads too */
    bool bkpt_pads;      /* landing pads are BKPT #0 instead of MOVS r7: the
                            run stops where a branch lands (cpu_diff --run) */
};

/* Deterministic generator (xorshift64*); a seed names a whole run. */
struct diff_rng {
    uint64_t s;
};

void diff_rng_seed(struct diff_rng *g, uint64_t seed);
uint32_t diff_rand(struct diff_rng *g);
/* Uniform in [0, n). */
uint32_t diff_below(struct diff_rng *g, uint32_t n);
/* A 32-bit value biased toward edge cases (0, 1, -1, INT_MIN, ...). */
uint32_t diff_rand_word(struct diff_rng *g);
/* A single-precision bit pattern biased toward specials (NaN, inf, zero,
 * denormals, values near the rounding and overflow edges). */
uint32_t diff_rand_float(struct diff_rng *g);
/* A low register r0-r7 / any of r0-r12 (never SP, PC), or r0-r14 but SP. */
unsigned diff_lo(struct diff_rng *g);
unsigned diff_reg(struct diff_rng *g);
unsigned diff_reg_lr(struct diff_rng *g);

/* Fill a state with random registers, flags, FP registers, FPSCR and RAM.
 * SP is DIFF_SP_INIT, PC the code base. */
void diff_state_random(struct diff_rng *g, struct diff_state *st);

/* Program building. */
void diff_emit16(struct diff_prog *p, uint16_t hw);
void diff_emit32(struct diff_prog *p, uint16_t hw1, uint16_t hw2);
/* Halfword address of the next instruction to be emitted. */
uint32_t diff_here(const struct diff_prog *p);

/* A generator writes one test program for its instruction class and may
 * constrain the state it runs from (base registers pointing into RAM, a
 * divisor, a branch target register). */
typedef void (*diff_gen_fn)(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);

struct diff_class {
    const char *name;
    diff_gen_fn gen;
    unsigned cases;      /* default number of cases */
    const char *what;    /* one line for --list */
};

extern const struct diff_class diff_classes[];
extern const size_t diff_nclasses;

/* Generators, one per instruction class (diff_gen_*.c). */
void diff_gen_dp_imm(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_dp_reg(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_dp16(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_mul(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_div(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_ldst(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_ldst16(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_ldm(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_bits(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_it(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_branch(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_psr(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_misc(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_mix(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_dsp_simd(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_dsp_mul(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_dsp_sat(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_fp_dp(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_fp_cvt(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_fp_cmp(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_fp_mov(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);
void diff_gen_fp_ldst(struct diff_rng *g, struct diff_prog *p, struct diff_state *st);

/* Does condition `cond` (0-14) hold for the flags in `st`? (A7.3) */
bool diff_cond_holds(unsigned cond, const struct diff_state *st);

/* A random data-processing instruction (modified immediate, shifted
 * register or 16-bit), for IT block bodies; in_it avoids the 16-bit forms
 * that are UNPREDICTABLE inside an IT block. */
void diff_emit_alu(struct diff_rng *g, struct diff_prog *p, bool in_it);

/* The two sides.  Each returns 0, or -1 with a message in err when the
 * emulator itself refused (an exception it raised, a setup failure). */
struct diff_uc;
struct diff_uc *diff_uc_new(char *err, size_t errlen);
void diff_uc_free(struct diff_uc *u);
int diff_uc_run(struct diff_uc *u, const struct diff_prog *p, const struct diff_state *in,
                struct diff_state *out, char *err, size_t errlen);

struct diff_core;
struct diff_core *diff_core_new(char *err, size_t errlen);
void diff_core_free(struct diff_core *c);
/* Run straight-line programs with cpu_run (the predecoded fast path) and a
 * BKPT after them, instead of cpu_step per instruction. */
void diff_core_use_run(struct diff_core *c, bool on);
int diff_core_run(struct diff_core *c, const struct diff_prog *p, const struct diff_state *in,
                  struct diff_state *out, char *err, size_t errlen);

/* The padded code image both sides load (landing pads fill the window). */
void diff_prog_image(const struct diff_prog *p, uint16_t img[DIFF_CODE_HW]);

#endif
