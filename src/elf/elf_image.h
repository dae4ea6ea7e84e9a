/* Reading a firmware ELF (through libelf): header facts, loadable segments
 * and symbols.  Shared by `f3kit check`, the board's programmer, the test
 * runners and the debug tools.  Bad input never crashes: every function
 * returns an error with a one-line message naming what is wrong. */
#ifndef F3KIT_ELF_IMAGE_H
#define F3KIT_ELF_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct elf_segment {
    uint32_t type;          /* p_type */
    uint32_t flags;         /* p_flags (PF_R/W/X) */
    uint32_t paddr;         /* load address (LMA): where the bytes go in flash */
    uint32_t vaddr;         /* run address (VMA) */
    uint32_t filesz;
    uint32_t memsz;
    uint32_t offset;        /* p_offset */
    const uint8_t *data;    /* filesz bytes, valid until elf_image_close */
};

struct elf_image {
    /* ELF header */
    uint8_t ei_class, ei_data, ei_osabi;
    uint16_t e_type, e_machine;
    uint32_t e_version, e_entry, e_flags;
    uint32_t e_phoff, e_shoff;
    uint16_t e_phnum, e_shnum, e_shstrndx;
    /* PT_LOAD and other program headers, in file order */
    struct elf_segment *seg;
    size_t nseg;
    /* private */
    void *priv;
};

/* Open and validate the container (magic, class, bounds of every header and
 * segment).  Returns 0, or -1 with a message in err. */
int elf_image_open(const char *path, struct elf_image *img, char *err, size_t errlen);
void elf_image_close(struct elf_image *img);

/* Address of a symbol by name (STT_FUNC/STT_OBJECT/NOTYPE); false if absent. */
bool elf_image_symbol(const struct elf_image *img, const char *name, uint32_t *value);

#endif
