/* The test driver shared by cpu_diff (Unicorn vs the f3kit core) and
 * cpu_diff_selfcheck (generators vs capstone and Unicorn): argument
 * parsing, the case loop, and failure reports with the disassembly. */
#include <capstone/capstone.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff_driver.h"

#define MAX_FAILS 8

struct run {
    const struct diff_side *side;
    struct diff_uc *uc;
    csh cs;
    uint64_t seed;
    bool verbose;
};

/* Per-case seed: a case can be rerun alone with --seed S --case K. */
static uint64_t case_seed(uint64_t seed, unsigned k)
{
    return seed ^ (0x9e3779b97f4a7c15ull * (k + 1));
}

static void print_code(const struct run *r, const struct diff_prog *p, const struct diff_state *in)
{
    uint16_t img[DIFF_CODE_HW];
    diff_prog_image(p, img);
    uint32_t start = in->r[15];
    size_t off = (start - DIFF_CODE_BASE) / 2;
    size_t len = p->nhw > off ? (p->nhw - off) * 2 : 2;
    const uint8_t *code = (const uint8_t *)&img[off];
    cs_insn *insn;
    size_t n = cs_disasm(r->cs, code, len, start, 0, &insn);
    size_t done = 0;
    for (size_t i = 0; i < n; i++) {
        printf("    %08" PRIx64 ":  ", insn[i].address);
        for (size_t b = 0; b < insn[i].size; b += 2)
            printf("%04x ", insn[i].bytes[b] | insn[i].bytes[b + 1] << 8);
        printf("%*s%s %s\n", insn[i].size == 2 ? 6 : 1, "", insn[i].mnemonic, insn[i].op_str);
        done += insn[i].size;
    }
    if (n)
        cs_free(insn, n);
    for (; done < len; done += 2)
        printf("    %08x:  %04x        (capstone: not an instruction)\n", start + (uint32_t)done,
               code[done] | code[done + 1] << 8);
}

static void print_state(const char *title, const struct diff_state *s)
{
    printf("  %s:\n   ", title);
    for (int i = 0; i < 16; i++)
        printf(" r%-2d=%08x%s", i, s->r[i], i % 6 == 5 ? "\n   " : "");
    printf("\n    NZCVQ=%u%u%u%u%u GE=%x FPSCR=%08x\n   ", s->n, s->z, s->c, s->v, s->q, s->ge,
           s->fpscr);
    for (int i = 0; i < 32; i++)
        printf(" s%-2d=%08x%s", i, s->s[i], i % 6 == 5 ? "\n   " : "");
    printf("\n");
}

/* Print each difference; return how many. */
static int compare(const struct diff_state *a, const struct diff_state *b, const char *na,
                   const char *nb)
{
    int d = 0;
    for (int i = 0; i < 16; i++)
        if (a->r[i] != b->r[i]) {
            printf("    r%d: %s %08x, %s %08x\n", i, na, a->r[i], nb, b->r[i]);
            d++;
        }
#define FLAG(f)                                                                              \
    if (a->f != b->f) {                                                                      \
        printf("    %s: %s %x, %s %x\n", #f, na, a->f, nb, b->f);                             \
        d++;                                                                                 \
    }
    FLAG(n) FLAG(z) FLAG(c) FLAG(v) FLAG(q) FLAG(ge) FLAG(fpscr)
#undef FLAG
    for (int i = 0; i < 32; i++)
        if (a->s[i] != b->s[i]) {
            printf("    s%d: %s %08x, %s %08x\n", i, na, a->s[i], nb, b->s[i]);
            d++;
        }
    int mem = 0;
    for (uint32_t i = 0; i < DIFF_RAM_SIZE; i++)
        if (a->ram[i] != b->ram[i]) {
            if (mem++ < 16)
                printf("    [%08x]: %s %02x, %s %02x\n", DIFF_RAM_BASE + i, na, a->ram[i], nb,
                       b->ram[i]);
            d++;
        }
    if (mem > 16)
        printf("    ... %d bytes of RAM differ\n", mem);
    return d;
}

/* Every instruction of the program must decode (capstone, M-class Thumb). */
static bool decodes(const struct run *r, const struct diff_prog *p, const struct diff_state *in)
{
    uint16_t img[DIFF_CODE_HW];
    diff_prog_image(p, img);
    size_t off = (in->r[15] - DIFF_CODE_BASE) / 2;
    size_t len = (p->nhw - off) * 2;
    cs_insn *insn;
    size_t n = cs_disasm(r->cs, (const uint8_t *)&img[off], len, in->r[15], 0, &insn);
    size_t done = 0;
    for (size_t i = 0; i < n; i++)
        done += insn[i].size;
    if (n)
        cs_free(insn, n);
    return done >= len;
}

/* Returns the number of failing cases. */
static int run_class(struct run *r, const struct diff_class *cls, unsigned first, unsigned count)
{
    static struct diff_state in, ref, got;
    static struct diff_prog prog;
    char err[256];
    int fails = 0;
    for (unsigned k = first; k < first + count && fails < MAX_FAILS; k++) {
        struct diff_rng g;
        diff_rng_seed(&g, case_seed(r->seed, k));
        diff_state_random(&g, &in);
        memset(&prog, 0, sizeof prog);
        cls->gen(&g, &prog, &in);
        prog.bkpt_pads = prog.jumps && r->side && r->side->bkpt_pads;
        bool bad = false;
        const char *why = NULL;
        if (diff_uc_run(r->uc, &prog, &in, &ref, err, sizeof err) != 0) {
            bad = true;
            why = "the reference refused the program (a generator bug?)";
        } else if (!r->side && !decodes(r, &prog, &in)) {
            bad = true;
            why = "capstone does not decode the program (a generator bug?)";
            snprintf(err, sizeof err, "encoding not valid for Cortex-M4");
        } else if (r->side) {
            if (r->side->run(r->side->ctx, &prog, &in, &got, err, sizeof err) != 0) {
                bad = true;
                why = "the core failed to run the program";
            } else {
                diff_quirks(cls->name, &prog, &in, &ref);
                if (memcmp(&ref, &got, sizeof ref) != 0) {
                    bad = true;
                    why = "results differ";
                    err[0] = 0;
                }
            }
        }
        if (r->verbose && !bad) {
            printf("case %u ok:\n", k);
            print_code(r, &prog, &in);
            compare(&in, &ref, "before", "after");
        }
        if (!bad)
            continue;
        fails++;
        printf("FAIL %s case %u: %s\n  rerun: --seed 0x%" PRIx64 " --case %u %s\n", cls->name, k,
               why, r->seed, k, cls->name);
        print_code(r, &prog, &in);
        if (err[0])
            printf("  %s\n", err);
        else
            compare(&ref, &got, "unicorn", "core");
        print_state("state before", &in);
    }
    return fails;
}

static void usage(void)
{
    printf("usage: cpu_diff [--seed N] [--cases N] [--case K] [--verbose] [--list] CLASS...|all\n"
           "  Runs random programs of each instruction CLASS on Unicorn and on the\n"
           "  f3kit core (cpu_diff_selfcheck: checks the generators instead) and\n"
           "  compares registers, flags, FP state and RAM.\n");
}

int diff_main(int argc, char **argv, const struct diff_side *side)
{
    struct run r = {.side = side, .seed = 0xf3c0de};
    long cases = -1, one = -1;
    int nsel = 0;
    const struct diff_class *sel[64];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--seed") && i + 1 < argc)
            r.seed = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(a, "--cases") && i + 1 < argc)
            cases = strtol(argv[++i], NULL, 0);
        else if (!strcmp(a, "--case") && i + 1 < argc)
            one = strtol(argv[++i], NULL, 0);
        else if (!strcmp(a, "--verbose"))
            r.verbose = true;
        else if (!strcmp(a, "--list")) {
            for (size_t k = 0; k < diff_nclasses; k++)
                printf("%-10s %5u  %s\n", diff_classes[k].name, diff_classes[k].cases,
                       diff_classes[k].what);
            return 0;
        } else if (!strcmp(a, "all")) {
            for (size_t k = 0; k < diff_nclasses && nsel < 64; k++)
                sel[nsel++] = &diff_classes[k];
        } else {
            size_t k = 0;
            while (k < diff_nclasses && strcmp(diff_classes[k].name, a))
                k++;
            if (k == diff_nclasses) {
                fprintf(stderr, "cpu_diff: unknown class or option '%s' (see --list)\n", a);
                usage();
                return 2;
            }
            if (nsel < 64)
                sel[nsel++] = &diff_classes[k];
        }
    }
    if (!nsel) {
        usage();
        return 2;
    }
    char err[256];
    r.uc = diff_uc_new(err, sizeof err);
    if (!r.uc) {
        fprintf(stderr, "cpu_diff: %s\n", err);
        return 2;
    }
    if (cs_open(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS, &r.cs) != CS_ERR_OK) {
        fprintf(stderr, "cpu_diff: capstone cs_open failed\n");
        diff_uc_free(r.uc);
        return 2;
    }
    int total = 0;
    for (int i = 0; i < nsel; i++) {
        unsigned first = one >= 0 ? (unsigned)one : 0;
        unsigned count = one >= 0 ? 1 : cases > 0 ? (unsigned)cases : sel[i]->cases;
        printf("%s: %u cases from case %u, seed 0x%" PRIx64 "\n", sel[i]->name, count, first,
               r.seed);
        fflush(stdout);
        int f = run_class(&r, sel[i], first, count);
        printf("%s: %s (%d failing)\n", sel[i]->name, f ? "FAILED" : "ok", f);
        total += f;
    }
    cs_close(&r.cs);
    diff_uc_free(r.uc);
    return total ? 1 : 0;
}
