/* A bare f3kit core for the FP/DSP executor tests: a struct cpu with RAM
 * mapped where the Unicorn reference machine has it (fp_unicorn.h), the FPU
 * enabled in CPACR, and nothing else (no cpu_init: the tests execute one
 * decoded instruction directly). */
#ifndef F3KIT_FP_MACHINE_H
#define F3KIT_FP_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/insn.h"
#include "fp_unicorn.h"

struct fpm {
    struct cpu *cpu;
    struct bus *bus;
    uint8_t *ram;
};

bool fpm_open(struct fpm *m);
void fpm_close(struct fpm *m);

/* What an executor-vs-Unicorn test holds: the reference machine, the bare
 * core and a seeded generator. */
struct fpm_fixture {
    struct fpuc *uc;
    struct fpm m;
    struct fpuc_rng rng;
};

/* Open both machines and seed the generator; 0, or -1 (cmocka setup style). */
int fpm_fixture_open(struct fpm_fixture *f, uint64_t seed);
void fpm_fixture_close(struct fpm_fixture *f);

/* Decode hw1:hw2 (at FPUC_INSN_PC) with `decode`; false if it refused. */
bool fpm_decode(bool (*decode)(uint32_t, uint32_t, struct cpu_insn *), uint16_t hw1,
                uint16_t hw2, struct cpu_insn *insn);
/* Load *st (and `ram`) into the core, run `insn`, store the state back into
 * *st (and the RAM into `ram`).  r12 is given the FPSCR value, as the
 * reference harness leaves it.  Returns the executor's result. */
int fpm_exec(struct fpm *m, const struct cpu_insn *insn, struct fpuc_state *st, uint8_t *ram);

/* Compare two machine states; print the first differences under `what`.
 * True when equal. */
bool fpm_same(const char *what, uint16_t hw1, uint16_t hw2, const struct fpuc_state *in,
              const struct fpuc_state *want, const struct fpuc_state *got,
              const uint8_t *want_ram, const uint8_t *got_ram);

#endif
