/* Opening an ELF image: the file's bytes are read into memory, the header and
 * every table's bounds are checked here first (so libelf is only ever handed
 * a container whose tables lie inside the file), then libelf decodes the
 * headers.  Every failure is one line saying what is wrong. */
#include "elf/elf_image.h"
#include "util/errmsg.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf/elf_priv.h"

/* Firmware for a 256 KiB part with debug info is a few MiB at most. */
#define ELF_IMAGE_MAX_FILE (256u << 20)
#define EHDR32_SIZE 52u
#define PHDR32_SIZE 32u
#define SHDR32_SIZE 40u


static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t rd16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/* True when [off, off+len) lies inside a file of `size` bytes. */
static bool in_file(uint64_t off, uint64_t len, size_t size)
{
    return off <= size && len <= size - off;
}

/* The identification bytes: checked by hand because libelf would accept an
 * ELF64 or big-endian file that this reader has no use for. */
static int check_ident(const uint8_t *b, size_t n, char *err, size_t errlen)
{
    if (n == 0)
        return util_error(err, errlen, "empty file (0 bytes): not an ELF firmware image");
    if (n < 4 || memcmp(b, ELFMAG, SELFMAG) != 0) {
        char got[16] = "";
        size_t at = 0;
        for (size_t i = 0; i < 4 && i < n; i++)
            at += (size_t)snprintf(got + at, sizeof got - at, "%s%02x", i ? " " : "", b[i]);
        const char *kind = "";
        if (b[0] == ':')
            kind = "this looks like an Intel HEX file; ";
        else if (n >= 2 && b[0] == 'S' && b[1] >= '0' && b[1] <= '9')
            kind = "this looks like a Motorola S-record file; ";
        else if (n >= 8 && b[3] == 0x20 && (b[7] == 0x08 || b[7] == 0x00) && (b[4] & 1))
            kind = "this looks like a raw .bin image (initial SP, then a reset vector); ";
        return util_error(err, errlen,
                    "not an ELF file: magic is '%s', expected '7f 45 4c 46' (%sgive the .elf "
                    "the linker wrote, not a .bin or .hex)",
                    got, kind);
    }
    if (n < EI_NIDENT)
        return util_error(err, errlen, "truncated ELF: %zu bytes, the identification alone needs 16", n);
    if (b[EI_CLASS] == ELFCLASS64)
        return util_error(err, errlen,
                    "64-bit ELF (ELFCLASS64): STM32F303 firmware is ELF32; build it with "
                    "arm-none-eabi-gcc");
    if (b[EI_CLASS] != ELFCLASS32)
        return util_error(err, errlen, "invalid ELF class %u in e_ident[EI_CLASS] (expected 1, ELF32)",
                    b[EI_CLASS]);
    if (b[EI_DATA] == ELFDATA2MSB)
        return util_error(err, errlen,
                    "big-endian ELF (ELFDATA2MSB): the Cortex-M4 runs little-endian firmware; "
                    "build without -mbig-endian");
    if (b[EI_DATA] != ELFDATA2LSB)
        return util_error(err, errlen, "invalid ELF data encoding %u in e_ident[EI_DATA] (expected 1, LSB)",
                    b[EI_DATA]);
    if (n < EHDR32_SIZE)
        return util_error(err, errlen, "truncated ELF: %zu bytes, the ELF32 header needs 52", n);
    return 0;
}

/* Tables' bounds, from the raw header, before libelf reads them. */
static int check_tables(const uint8_t *b, size_t n, char *err, size_t errlen)
{
    uint32_t phoff = rd32(b + 28), shoff = rd32(b + 32);
    uint16_t phentsize = rd16(b + 42), phnum = rd16(b + 44);
    uint16_t shentsize = rd16(b + 46), shnum = rd16(b + 48), shstrndx = rd16(b + 50);

    if (phnum == PN_XNUM)
        return util_error(err, errlen, "e_phnum is PN_XNUM (0xffff): extended program header numbering "
                                 "is not used by firmware images");
    if (phnum) {
        if (phentsize != PHDR32_SIZE)
            return util_error(err, errlen, "e_phentsize is %u, an ELF32 program header is 32 bytes",
                        phentsize);
        if (!in_file(phoff, (uint64_t)phnum * PHDR32_SIZE, n))
            return util_error(err, errlen,
                        "program header table (%u entries at offset 0x%x) runs past the end of "
                        "the file (%zu bytes): the file is truncated or corrupt",
                        phnum, phoff, n);
    }
    if (shoff == 0)
        return 0;
    if (shentsize != SHDR32_SIZE)
        return util_error(err, errlen, "e_shentsize is %u, an ELF32 section header is 40 bytes", shentsize);
    if (!in_file(shoff, SHDR32_SIZE, n))
        return util_error(err, errlen,
                    "section header table offset 0x%x is past the end of the file (%zu bytes): "
                    "the file is truncated or corrupt",
                    shoff, n);
    /* Extended numbering keeps the real counts in section 0 (ELF gABI). */
    uint64_t count = shnum ? shnum : rd32(b + shoff + 20);
    uint64_t strndx = shstrndx == SHN_XINDEX ? rd32(b + shoff + 24) : shstrndx;
    if (!in_file(shoff, count * SHDR32_SIZE, n))
        return util_error(err, errlen,
                    "section header table (%llu entries at offset 0x%x) runs past the end of the "
                    "file (%zu bytes): the file is truncated or corrupt",
                    (unsigned long long)count, shoff, n);
    if (strndx != SHN_UNDEF && strndx >= count)
        return util_error(err, errlen, "e_shstrndx %llu is not a section (there are %llu)",
                    (unsigned long long)strndx, (unsigned long long)count);
    return 0;
}

static int load_segments(struct elf_image *img, struct elf_image_priv *p, char *err, size_t errlen)
{
    size_t n;
    if (elf_getphdrnum(p->elf, &n) != 0)
        return util_error(err, errlen, "cannot read the program headers: %s", elf_errmsg(-1));
    if (n == 0)
        return 0;
    img->seg = calloc(n, sizeof *img->seg);
    if (!img->seg)
        return util_error(err, errlen, "out of memory for %zu program headers", n);
    for (size_t i = 0; i < n; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(p->elf, (int)i, &ph))
            return util_error(err, errlen, "cannot read program header %zu: %s", i, elf_errmsg(-1));
        struct elf_segment *s = &img->seg[i];
        s->type = ph.p_type;
        s->flags = ph.p_flags;
        s->paddr = (uint32_t)ph.p_paddr;
        s->vaddr = (uint32_t)ph.p_vaddr;
        s->filesz = (uint32_t)ph.p_filesz;
        s->memsz = (uint32_t)ph.p_memsz;
        s->offset = (uint32_t)ph.p_offset;
        if (!in_file(ph.p_offset, ph.p_filesz, p->size))
            return util_error(err, errlen,
                        "program header %zu: its %u file bytes at offset 0x%x run past the end of "
                        "the file (%zu bytes): the file is truncated or corrupt",
                        i, s->filesz, s->offset, p->size);
        if (s->type == PT_LOAD) {
            if (s->filesz > s->memsz)
                return util_error(err, errlen,
                            "program header %zu: p_filesz 0x%x is larger than p_memsz 0x%x", i,
                            s->filesz, s->memsz);
            if ((uint64_t)s->vaddr + s->memsz > 0x100000000ull ||
                (uint64_t)s->paddr + s->filesz > 0x100000000ull)
                return util_error(err, errlen,
                            "program header %zu: segment at 0x%08x (0x%x bytes) wraps past the "
                            "end of the 32-bit address space",
                            i, s->vaddr, s->memsz);
        }
        s->data = s->filesz ? p->buf + s->offset : NULL;
        img->nseg = i + 1;
    }
    return 0;
}

static int load_sections(struct elf_image *img, struct elf_image_priv *p, char *err, size_t errlen)
{
    size_t n, strndx;
    if (elf_getshdrnum(p->elf, &n) != 0)
        return util_error(err, errlen, "cannot count the sections: %s", elf_errmsg(-1));
    if (n == 0)
        return 0;
    if (elf_getshdrstrndx(p->elf, &strndx) != 0)
        strndx = SHN_UNDEF;
    img->sec = calloc(n, sizeof *img->sec);
    if (!img->sec)
        return util_error(err, errlen, "out of memory for %zu sections", n);
    for (size_t i = 0; i < n; i++) {
        Elf_Scn *scn = elf_getscn(p->elf, i);
        GElf_Shdr sh;
        if (!scn || !gelf_getshdr(scn, &sh))
            return util_error(err, errlen, "cannot read section header %zu: %s", i, elf_errmsg(-1));
        struct elf_section *s = &img->sec[i];
        s->type = sh.sh_type;
        s->flags = (uint32_t)sh.sh_flags;
        s->addr = (uint32_t)sh.sh_addr;
        s->offset = (uint32_t)sh.sh_offset;
        s->size = (uint32_t)sh.sh_size;
        if (sh.sh_type != SHT_NOBITS && sh.sh_type != SHT_NULL) {
            if (!in_file(sh.sh_offset, sh.sh_size, p->size))
                return util_error(err, errlen,
                            "section %zu: its %u bytes at offset 0x%x run past the end of the "
                            "file (%zu bytes): the file is truncated or corrupt",
                            i, s->size, s->offset, p->size);
            s->data = s->size ? p->buf + s->offset : NULL;
        }
        img->nsec = i + 1;
    }
    /* Names last: elf_strptr checks the string table's type and bounds. */
    for (size_t i = 0; i < n; i++) {
        const char *name = NULL;
        if (strndx != SHN_UNDEF && i != 0) {
            GElf_Shdr sh;
            if (gelf_getshdr(elf_getscn(p->elf, i), &sh))
                name = elf_strptr(p->elf, strndx, sh.sh_name);
        }
        img->sec[i].name = name ? name : "";
    }
    return 0;
}

int elf_image_open_mem(const void *buf, size_t len, struct elf_image *img, char *err, size_t errlen)
{
    memset(img, 0, sizeof *img);
    if (check_ident(buf, len, err, errlen) || check_tables(buf, len, err, errlen))
        return -1;
    struct elf_image_priv *p = calloc(1, sizeof *p);
    if (!p)
        return util_error(err, errlen, "out of memory");
    img->priv = p;
    p->size = len;
    p->buf = malloc(len);
    if (!p->buf) {
        elf_image_close(img);
        return util_error(err, errlen, "out of memory for a %zu-byte file", len);
    }
    memcpy(p->buf, buf, len);
    img->file_size = len;

    if (elf_version(EV_CURRENT) == EV_NONE) {
        elf_image_close(img);
        return util_error(err, errlen, "libelf is too old: %s", elf_errmsg(-1));
    }
    p->elf = elf_memory((char *)p->buf, len);
    GElf_Ehdr eh;
    if (!p->elf || elf_kind(p->elf) != ELF_K_ELF || !gelf_getehdr(p->elf, &eh)) {
        util_error(err, errlen, "cannot read the ELF header: %s", elf_errmsg(-1));
        elf_image_close(img);
        return -1;
    }
    img->ei_class = eh.e_ident[EI_CLASS];
    img->ei_data = eh.e_ident[EI_DATA];
    img->ei_version = eh.e_ident[EI_VERSION];
    img->ei_osabi = eh.e_ident[EI_OSABI];
    img->ei_abiversion = eh.e_ident[EI_ABIVERSION];
    img->e_type = eh.e_type;
    img->e_machine = eh.e_machine;
    img->e_version = eh.e_version;
    img->e_entry = (uint32_t)eh.e_entry;
    img->e_flags = eh.e_flags;
    img->e_phoff = (uint32_t)eh.e_phoff;
    img->e_shoff = (uint32_t)eh.e_shoff;
    img->e_ehsize = eh.e_ehsize;
    img->e_phentsize = eh.e_phentsize;
    img->e_shentsize = eh.e_shentsize;
    img->e_phnum = eh.e_phnum;
    img->e_shnum = eh.e_shnum;
    img->e_shstrndx = eh.e_shstrndx;

    if (load_segments(img, p, err, errlen) || load_sections(img, p, err, errlen)) {
        elf_image_close(img);
        return -1;
    }
    return 0;
}

int elf_image_open(const char *path, struct elf_image *img, char *err, size_t errlen)
{
    memset(img, 0, sizeof *img);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return util_error(err, errlen, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return util_error(err, errlen, "%s: %s", path, strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return util_error(err, errlen, "%s: is a directory, expected a firmware .elf file", path);
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return util_error(err, errlen, "%s: not a regular file, expected a firmware .elf file", path);
    }
    if ((uint64_t)st.st_size > ELF_IMAGE_MAX_FILE) {
        close(fd);
        return util_error(err, errlen, "%s: %lld bytes is too large for a firmware ELF (limit %u MiB)",
                    path, (long long)st.st_size, ELF_IMAGE_MAX_FILE >> 20);
    }
    size_t n = (size_t)st.st_size;
    uint8_t *buf = malloc(n ? n : 1);
    if (!buf) {
        close(fd);
        return util_error(err, errlen, "%s: out of memory for %zu bytes", path, n);
    }
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    int e = errno;
    close(fd);
    if (got != n) {
        free(buf);
        return util_error(err, errlen, "%s: read %zu of %zu bytes: %s", path, got, n,
                    got < n ? strerror(e) : "file changed while reading");
    }
    char inner[512];
    int rc = elf_image_open_mem(buf, n, img, inner, sizeof inner);
    free(buf);
    if (rc)
        return util_error(err, errlen, "%s: %s", path, inner);
    return 0;
}

void elf_image_close(struct elf_image *img)
{
    struct elf_image_priv *p = img->priv;
    if (p) {
        if (p->elf)
            elf_end(p->elf);
        free(p->buf);
        free(p);
    }
    free(img->seg);
    free(img->sec);
    memset(img, 0, sizeof *img);
}
