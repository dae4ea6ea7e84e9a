/* A one-instruction reference machine for the FP and DSP tests: Unicorn
 * (QEMU's Cortex-M4, UC_CPU_ARM_CORTEX_M4) runs a single Thumb instruction
 * from a given register state and returns the state after it.
 *
 * r12 is used by the harness to load APSR and FPSCR (uc_reg_write of FPSCR
 * does not reach QEMU's float_status, so FPSCR is written with VMSR): tests
 * must not use r12 as an operand. */
#ifndef F3KIT_FP_UNICORN_H
#define F3KIT_FP_UNICORN_H

#include <stdbool.h>
#include <stdint.h>

/* RAM visible to the instruction (for VLDR/VSTM...), zero-filled at open. */
#define FPUC_RAM_BASE 0x20000000u
#define FPUC_RAM_SIZE 0x1000u
/* Address of the instruction under test (its PC for literal addressing). */
#define FPUC_INSN_PC 0x1008u

struct fpuc_state {
    uint32_t r[13];
    uint32_t sp, lr;
    uint32_t s[32];
    uint32_t fpscr;
    uint32_t apsr;       /* N Z C V Q [31:27], GE [19:16] */
};

struct fpuc;

/* NULL (with a message on stderr) if Unicorn cannot be opened. */
struct fpuc *fpuc_open(void);
void fpuc_close(struct fpuc *u);
/* Execute the 32-bit Thumb instruction hw1:hw2 from *st and update *st.
 * False if Unicorn failed to run it (an exception, an unknown encoding). */
bool fpuc_exec(struct fpuc *u, uint16_t hw1, uint16_t hw2, struct fpuc_state *st);
/* Copy the reference machine's RAM in or out (FPUC_RAM_SIZE bytes). */
void fpuc_ram_write(struct fpuc *u, const uint8_t *src);
void fpuc_ram_read(struct fpuc *u, uint8_t *dst);

/* Deterministic random numbers for the tests (xorshift64*). */
struct fpuc_rng {
    uint64_t s;
};
uint32_t fpuc_rand(struct fpuc_rng *g);
/* A single-precision pattern biased toward specials: signed zeros,
 * denormals, the smallest normals, infinities, quiet and signalling NaNs,
 * values near 1, near the overflow edge and near integer boundaries. */
uint32_t fpuc_rand_float(struct fpuc_rng *g);
/* A word biased toward DSP edges (0x8000, 0x7fff, 0x80, 0x7f, -1, 0...). */
uint32_t fpuc_rand_word(struct fpuc_rng *g);

#endif
