/* The plain-memory test machine (see harness.h). */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elf/elf_image.h"

static void console_write(void *ctx, const void *buf, size_t len)
{
    struct harness *h = ctx;
    if (h->out_len + len + 1 > h->out_cap) {
        size_t cap = (h->out_len + len + 1) * 2;
        char *o = realloc(h->out, cap);
        if (!o)
            return;
        h->out = o;
        h->out_cap = cap;
    }
    memcpy(h->out + h->out_len, buf, len);
    h->out_len += len;
    h->out[h->out_len] = 0;
}

struct harness *harness_new(void)
{
    struct harness *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->flash = calloc(1, HARNESS_FLASH_SIZE);
    h->ram = calloc(1, HARNESS_RAM_SIZE);
    h->ccm = calloc(1, HARNESS_CCM_SIZE);
    h->out = calloc(1, 1);
    h->out_cap = 1;
    if (!h->flash || !h->ram || !h->ccm || !h->out)
        goto fail;
    bus_init(&h->bus);
    if (bus_map_memory(&h->bus, 0, HARNESS_FLASH_SIZE, h->flash, false, NULL) ||
        bus_map_memory(&h->bus, HARNESS_FLASH, HARNESS_FLASH_SIZE, h->flash, false, NULL) ||
        bus_map_memory(&h->bus, HARNESS_RAM, HARNESS_RAM_SIZE, h->ram, true, NULL) ||
        bus_map_memory(&h->bus, HARNESS_CCM, HARNESS_CCM_SIZE, h->ccm, true, NULL))
        goto fail_bus;
    struct cpu_config cfg = { .cpuid = 0x410FC241u, .semihosting = true, .clock_hz = 8000000 };
    struct cpu_host host = { .ctx = h, .console_write = console_write };
    if (cpu_init(&h->cpu, &h->bus, &cfg, &host) != 0)
        goto fail_bus;
    return h;
fail_bus:
    bus_free(&h->bus);
fail:
    free(h->flash);
    free(h->ram);
    free(h->ccm);
    free(h->out);
    free(h);
    return NULL;
}

void harness_free(struct harness *h)
{
    if (!h)
        return;
    cpu_free(&h->cpu);
    bus_free(&h->bus);
    free(h->flash);
    free(h->ram);
    free(h->ccm);
    free(h->out);
    free(h);
}

static uint8_t *host_ptr(struct harness *h, uint32_t addr, size_t len)
{
    struct { uint32_t base, size; uint8_t *mem; } r[] = {
        { 0, HARNESS_FLASH_SIZE, h->flash },
        { HARNESS_FLASH, HARNESS_FLASH_SIZE, h->flash },
        { HARNESS_RAM, HARNESS_RAM_SIZE, h->ram },
        { HARNESS_CCM, HARNESS_CCM_SIZE, h->ccm },
    };
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        if (addr >= r[i].base && (uint64_t)addr + len <= (uint64_t)r[i].base + r[i].size)
            return r[i].mem + (addr - r[i].base);
    return NULL;
}

bool harness_poke(struct harness *h, uint32_t addr, const void *data, size_t len)
{
    uint8_t *p = host_ptr(h, addr, len);
    if (!p)
        return false;
    memcpy(p, data, len);
    /* Flash is visible at two addresses: invalidate both views. */
    bus_notify_write(&h->bus, addr, (uint32_t)len);
    if (addr < HARNESS_FLASH_SIZE)
        bus_notify_write(&h->bus, addr + HARNESS_FLASH, (uint32_t)len);
    else if (addr >= HARNESS_FLASH && addr < HARNESS_FLASH + HARNESS_FLASH_SIZE)
        bus_notify_write(&h->bus, addr - HARNESS_FLASH, (uint32_t)len);
    return true;
}

bool harness_put16(struct harness *h, uint32_t addr, uint16_t hw)
{
    uint8_t b[2] = { (uint8_t)hw, (uint8_t)(hw >> 8) };
    return harness_poke(h, addr, b, 2);
}

bool harness_put32(struct harness *h, uint32_t addr, uint32_t w)
{
    uint8_t b[4] = { (uint8_t)w, (uint8_t)(w >> 8), (uint8_t)(w >> 16), (uint8_t)(w >> 24) };
    return harness_poke(h, addr, b, 4);
}

bool harness_have_as(void)
{
    return system("arm-none-eabi-as --version >/dev/null 2>&1") == 0 &&
           system("arm-none-eabi-objcopy --version >/dev/null 2>&1") == 0;
}

int harness_asm(struct harness *h, uint32_t addr, const char *src)
{
    char dir[] = "/tmp/f3kit-asm-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("harness_asm: mkdtemp");
        return -1;
    }
    char s_path[64], o_path[64], b_path[64], cmd[512];
    snprintf(s_path, sizeof s_path, "%s/t.s", dir);
    snprintf(o_path, sizeof o_path, "%s/t.o", dir);
    snprintf(b_path, sizeof b_path, "%s/t.bin", dir);
    int size = -1;
    FILE *f = fopen(s_path, "w");
    if (!f)
        goto out;
    /* Literal pools (ldr rX, =imm) land at the end of the section. */
    fprintf(f, ".syntax unified\n.thumb\n.text\n%s\n.ltorg\n", src);
    fclose(f);
    snprintf(cmd, sizeof cmd,
             "arm-none-eabi-as -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 "
             "-o %s %s && arm-none-eabi-objcopy -O binary -j .text %s %s",
             o_path, s_path, o_path, b_path);
    if (system(cmd) != 0) {
        fprintf(stderr, "harness_asm: assembling failed for:\n%s\n", src);
        goto out;
    }
    f = fopen(b_path, "rb");
    if (!f)
        goto out;
    uint8_t buf[65536];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    if (harness_poke(h, addr, buf, n))
        size = (int)n;
    else
        fprintf(stderr, "harness_asm: %zu bytes at 0x%08x do not fit in memory\n", n, addr);
out:
    unlink(s_path);
    unlink(o_path);
    unlink(b_path);
    rmdir(dir);
    return size;
}

void harness_reset(struct harness *h, uint32_t entry)
{
    harness_put32(h, HARNESS_FLASH, HARNESS_STACK);
    harness_put32(h, HARNESS_FLASH + 4, entry | 1);
    for (uint32_t v = 2; v < 16 + CPU_NUM_IRQ; v++)
        harness_put32(h, HARNESS_FLASH + 4 * v, HARNESS_TRAP | 1);
    harness_put16(h, HARNESS_TRAP, 0xe7fe); /* b . */
    cpu_reset(&h->cpu);
}

int harness_load_elf(struct harness *h, const char *path, char *err, size_t errlen)
{
    struct elf_image img;
    if (elf_image_open(path, &img, err, errlen) != 0)
        return -1;
    for (size_t i = 0; i < img.nseg; i++) {
        const struct elf_segment *s = &img.seg[i];
        if (s->type != 1 /* PT_LOAD */ || s->filesz == 0)
            continue;
        if (!harness_poke(h, s->paddr, s->data, s->filesz)) {
            snprintf(err, errlen, "%s: segment at 0x%08x (%u bytes) is outside FLASH/RAM/CCM",
                     path, s->paddr, s->filesz);
            elf_image_close(&img);
            return -1;
        }
    }
    elf_image_close(&img);
    cpu_reset(&h->cpu);
    return 0;
}

enum cpu_stop harness_run(struct harness *h, uint64_t cycles)
{
    enum cpu_stop r = cpu_run(&h->cpu, h->cpu.cycles + cycles);
    uint32_t hw, r0, r1, sp = h->cpu.r[13];
    /* HARNESS_EXIT: undo its push {r0, r1} (the BKPT is 2 bytes back). */
    if (r == CPU_STOP_EXIT && bus_read(&h->bus, h->cpu.r[15] - 2, 2, &hw) && hw == 0xbeab &&
        bus_read(&h->bus, sp, 4, &r0) && bus_read(&h->bus, sp + 4, 4, &r1)) {
        h->cpu.r[0] = r0;
        h->cpu.r[1] = r1;
        h->cpu.r[13] = sp + 8;
    }
    return r;
}

const char *harness_output(const struct harness *h)
{
    return h->out;
}
