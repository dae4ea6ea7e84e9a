/* Programming an ELF into flash as a probe would: every PT_LOAD segment
 * with file bytes goes to its load address (LMA), which must lie in main
 * flash (or its alias at 0); the 2 KiB pages it touches are erased first. */
#include <stdio.h>
#include <string.h>

#include "board/f3disco/board_priv.h"
#include "elf/elf_image.h"

#define PT_LOAD 1

/* Flash offset for a load address, or -1. */
static int64_t flash_offset(uint32_t addr)
{
    if (addr >= SOC_FLASH_BASE && addr - SOC_FLASH_BASE < SOC_FLASH_SIZE)
        return addr - SOC_FLASH_BASE;
    if (addr < SOC_FLASH_SIZE)
        return addr;
    return -1;
}

int board_program_elf(struct board *b, const char *path, char *err, size_t errlen)
{
    struct elf_image img;
    char e[256];
    if (elf_image_open(path, &img, e, sizeof e) != 0) {
        snprintf(err, errlen, "%s", e);
        return -1;
    }
    /* Check every segment before touching flash. */
    size_t nload = 0;
    for (size_t i = 0; i < img.nseg; i++) {
        const struct elf_segment *s = &img.seg[i];
        if (s->type != PT_LOAD || s->filesz == 0)
            continue;
        int64_t off = flash_offset(s->paddr);
        if (off >= 0 && (uint64_t)off + s->filesz > SOC_FLASH_SIZE) {
            snprintf(err, errlen,
                     "%s: segment %zu (%u bytes at 0x%08x) runs %llu bytes past the end of the "
                     "256 KiB flash: the image is too big for the STM32F303VC",
                     path, i, s->filesz, s->paddr,
                     (unsigned long long)((uint64_t)off + s->filesz - SOC_FLASH_SIZE));
            elf_image_close(&img);
            return -1;
        }
        if (off < 0) {
            snprintf(err, errlen,
                     "%s: segment %zu loads %u bytes at 0x%08x, outside flash "
                     "(0x%08x..0x%08x): link it for flash (memory.x/link.x of the kit)",
                     path, i, s->filesz, s->paddr, SOC_FLASH_BASE,
                     SOC_FLASH_BASE + SOC_FLASH_SIZE - 1);
            elf_image_close(&img);
            return -1;
        }
        nload++;
    }
    if (nload == 0) {
        snprintf(err, errlen, "%s: no loadable bytes (no PT_LOAD segment with data)", path);
        elf_image_close(&img);
        return -1;
    }
    for (size_t i = 0; i < img.nseg; i++) {
        const struct elf_segment *s = &img.seg[i];
        if (s->type != PT_LOAD || s->filesz == 0)
            continue;
        uint32_t off = (uint32_t)flash_offset(s->paddr);
        uint32_t first = off / SOC_FLASH_PAGE, last = (off + s->filesz - 1) / SOC_FLASH_PAGE;
        for (uint32_t p = first; p <= last; p++)
            memset(b->soc.flash + p * SOC_FLASH_PAGE, 0xff, SOC_FLASH_PAGE);
    }
    for (size_t i = 0; i < img.nseg; i++) {
        const struct elf_segment *s = &img.seg[i];
        if (s->type != PT_LOAD || s->filesz == 0)
            continue;
        memcpy(b->soc.flash + flash_offset(s->paddr), s->data, s->filesz);
    }
    elf_image_close(&img);
    bus_notify_write(&b->bus, SOC_FLASH_BASE, SOC_FLASH_SIZE);
    bus_notify_write(&b->bus, 0, SOC_FLASH_SIZE);
    b->flash_dirty = true;
    return board_flash_sync(b, err, errlen);
}
