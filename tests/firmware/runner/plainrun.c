/* plainrun: run a firmware ELF on the bare core with a plain memory map
 * (STM32F303VC flash, its alias at 0, SRAM, CCM RAM; no peripherals), until
 * it exits through semihosting.  Its console output goes to stdout and its
 * exit code becomes ours.
 *
 *   plainrun [--limit N] [--trace] [--stats] app.elf
 *
 * --stats prints to stderr the instructions retired, the cycles and the
 * host time spent running (bench/cpu_bench.sh reads it).
 *
 * Exit status: the firmware's code; 125 when the instruction limit is hit
 * (the program did not finish); 126 when the core stops otherwise (lockup,
 * halt, sleep with nothing to wake it); 2 for usage and load errors. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/cpu.h"
#include "elf/elf_image.h"

#define FLASH_BASE 0x08000000u
#define FLASH_SIZE (256u * 1024u)
#define SRAM_BASE 0x20000000u
#define SRAM_SIZE (40u * 1024u)
#define CCM_BASE 0x10000000u
#define CCM_SIZE (8u * 1024u)

#define EXIT_LIMIT 125
#define EXIT_STOPPED 126
#define EXIT_USAGE 2

struct machine {
    struct bus bus;
    struct cpu cpu;
    uint8_t flash[FLASH_SIZE];
    uint8_t sram[SRAM_SIZE];
    uint8_t ccm[CCM_SIZE];
};

static void console_write(void *ctx, const void *buf, size_t len)
{
    (void)ctx;
    fwrite(buf, 1, len, stdout);
}

static size_t console_read(void *ctx, void *buf, size_t len)
{
    (void)ctx;
    return fread(buf, 1, len, stdin);
}

/* Host memory behind a target address range, or NULL if it is not all in
 * one of the memories. */
static uint8_t *host_ptr(struct machine *m, uint32_t addr, uint32_t len)
{
    const struct { uint32_t base, size; uint8_t *mem; } r[] = {
        {FLASH_BASE, FLASH_SIZE, m->flash},
        {0, FLASH_SIZE, m->flash},
        {SRAM_BASE, SRAM_SIZE, m->sram},
        {CCM_BASE, CCM_SIZE, m->ccm},
    };
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        if (addr >= r[i].base && len <= r[i].size && addr - r[i].base <= r[i].size - len)
            return r[i].mem + (addr - r[i].base);
    return NULL;
}

static int load(struct machine *m, const char *path)
{
    struct elf_image img;
    char err[256];
    if (elf_image_open(path, &img, err, sizeof err) != 0) {
        fprintf(stderr, "plainrun: %s\n", err);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < img.nseg && rc == 0; i++) {
        const struct elf_segment *s = &img.seg[i];
        if (s->type != 1 /* PT_LOAD */ || s->filesz == 0)
            continue;
        uint8_t *dst = host_ptr(m, s->paddr, s->filesz);
        if (!dst) {
            fprintf(stderr,
                    "plainrun: %s: segment %zu (0x%08" PRIx32 ", %" PRIu32
                    " bytes) is outside flash, SRAM and CCM RAM; link with the kit's memory.x\n",
                    path, i, s->paddr, s->filesz);
            rc = -1;
            break;
        }
        memcpy(dst, s->data, s->filesz);
    }
    elf_image_close(&img);
    return rc;
}

static const char *halt_name(enum cpu_halt_reason r)
{
    switch (r) {
    case CPU_HALT_NONE: return "none";
    case CPU_HALT_REQUEST: return "halt request";
    case CPU_HALT_STEP: return "single step";
    case CPU_HALT_BKPT: return "BKPT instruction";
    case CPU_HALT_FPB: return "FPB breakpoint";
    case CPU_HALT_WATCH: return "DWT watchpoint";
    case CPU_HALT_VCATCH: return "vector catch";
    case CPU_HALT_RESET: return "reset catch";
    }
    return "?";
}

static void usage(void)
{
    fprintf(stderr, "usage: plainrun [--limit INSTRUCTIONS] [--trace] [--stats] app.elf\n"
                    "  Runs app.elf on the bare Cortex-M4F core (flash, SRAM, CCM; no\n"
                    "  peripherals) until it exits via semihosting.\n");
}

int main(int argc, char **argv)
{
    uint64_t limit = 500000000ull;
    bool trace = false, stats = false;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--limit") && i + 1 < argc) {
            char *end;
            errno = 0;
            limit = strtoull(argv[++i], &end, 0);
            if (errno || *end || limit == 0) {
                fprintf(stderr, "plainrun: --limit wants a positive instruction count, not '%s'\n",
                        argv[i]);
                return EXIT_USAGE;
            }
        } else if (!strcmp(argv[i], "--trace")) {
            trace = true;
        } else if (!strcmp(argv[i], "--stats")) {
            stats = true;
        } else if (argv[i][0] == '-' || path) {
            usage();
            return EXIT_USAGE;
        } else {
            path = argv[i];
        }
    }
    if (!path) {
        usage();
        return EXIT_USAGE;
    }

    struct machine *m = calloc(1, sizeof *m);
    if (!m) {
        fprintf(stderr, "plainrun: out of memory\n");
        return EXIT_USAGE;
    }
    memset(m->flash, 0xff, sizeof m->flash); /* erased flash */
    bus_init(&m->bus);
    int status = EXIT_USAGE;
    if (bus_map_memory(&m->bus, FLASH_BASE, FLASH_SIZE, m->flash, false, NULL) != 0 ||
        bus_map_memory(&m->bus, 0, FLASH_SIZE, m->flash, false, NULL) != 0 ||
        bus_map_memory(&m->bus, SRAM_BASE, SRAM_SIZE, m->sram, true, NULL) != 0 ||
        bus_map_memory(&m->bus, CCM_BASE, CCM_SIZE, m->ccm, true, NULL) != 0) {
        fprintf(stderr, "plainrun: could not map the memories on the bus\n");
        goto out_bus;
    }
    if (load(m, path) != 0)
        goto out_bus;

    struct cpu_config cfg = {
        .cpuid = 0x410fc241u, .semihosting = true, .clock_hz = 8000000u, .trace = trace,
    };
    struct cpu_host host = {.console_write = console_write, .console_read = console_read};
    if (cpu_init(&m->cpu, &m->bus, &cfg, &host) != 0) {
        fprintf(stderr, "plainrun: cpu_init failed\n");
        goto out_bus;
    }
    struct cpu *cpu = &m->cpu;
    cpu_reset(cpu);
    /* The kit's semihosting calls check DHCSR.C_DEBUGEN first (a BKPT
     * without a debugger would fault): act as the attached host. */
    cpu->sys.dhcsr |= 1u;

    status = EXIT_STOPPED;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        if (cpu->insns >= limit) {
            fflush(stdout);
            fprintf(stderr,
                    "plainrun: instruction limit of %" PRIu64 " reached at pc 0x%08" PRIx32
                    ": the program did not exit (raise --limit if it is just long)\n",
                    limit, cpu->r[15]);
            status = EXIT_LIMIT;
            break;
        }
        uint64_t left = limit - cpu->insns;
        enum cpu_stop s = cpu_run(cpu, cpu->cycles + (left < 1000000u ? left : 1000000u));
        if (s == CPU_STOP_LIMIT)
            continue;
        fflush(stdout);
        if (s == CPU_STOP_EXIT) {
            status = cpu->exit_code & 0xff;
            break;
        }
        if (s == CPU_STOP_HALT)
            fprintf(stderr, "plainrun: core halted (%s) at pc 0x%08" PRIx32 "\n",
                    halt_name(cpu->halt_reason), cpu->r[15]);
        else if (s == CPU_STOP_LOCKUP)
            fprintf(stderr, "plainrun: core locked up at pc 0x%08" PRIx32
                            " (a fault inside a fault handler, or a bad vector table)\n",
                    cpu->r[15]);
        else if (s == CPU_STOP_SLEEP)
            fprintf(stderr, "plainrun: core sleeps at pc 0x%08" PRIx32
                            " with nothing enabled that could wake it\n", cpu->r[15]);
        else
            fprintf(stderr, "plainrun: the program requested a system reset at pc 0x%08" PRIx32
                            "; plainrun does not reset\n", cpu->r[15]);
        break;
    }
    fflush(stdout);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (stats) {
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
        fprintf(stderr,
                "plainrun: %" PRIu64 " instructions, %" PRIu64 " cycles, %.6f s, %.1f M instructions/s\n",
                cpu->insns, cpu->cycles, secs, secs > 0 ? (double)cpu->insns / secs / 1e6 : 0.0);
    }
    cpu_free(cpu);
out_bus:
    bus_free(&m->bus);
    free(m);
    return status;
}
