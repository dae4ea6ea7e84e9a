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

struct elf_section {
    const char *name;       /* "" when the name is missing; valid until close */
    uint32_t type;          /* sh_type */
    uint32_t flags;         /* sh_flags (SHF_ALLOC/WRITE/EXECINSTR) */
    uint32_t addr;          /* sh_addr (run address) */
    uint32_t offset;        /* sh_offset */
    uint32_t size;          /* sh_size */
    const uint8_t *data;    /* size bytes, or NULL for SHT_NOBITS */
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
    /* Added after the first version of this contract (additive). */
    uint8_t ei_version, ei_abiversion;
    uint16_t e_ehsize, e_phentsize, e_shentsize;
    size_t file_size;
    /* Every section header, in index order (index 0 is the null section). */
    struct elf_section *sec;
    size_t nsec;
};

/* Open and validate the container (magic, class, bounds of every header and
 * segment).  Returns 0, or -1 with a message in err. */
int elf_image_open(const char *path, struct elf_image *img, char *err, size_t errlen);
/* The same from bytes in memory (copied: buf may be freed afterwards). */
int elf_image_open_mem(const void *buf, size_t len, struct elf_image *img, char *err,
                       size_t errlen);
void elf_image_close(struct elf_image *img);

/* Address of a symbol by name (STT_FUNC/STT_OBJECT/NOTYPE); false if absent.
 * A Thumb function's value has bit 0 set, as in the symbol table. */
bool elf_image_symbol(const struct elf_image *img, const char *name, uint32_t *value);

/* The sized data object (STT_OBJECT, size > 0) defined at addr, if any:
 * e.g. a C array holding the vector table.  name/size may be NULL. */
bool elf_image_object_at(const struct elf_image *img, uint32_t addr, const char **name,
                         uint32_t *size);

/* The function or data symbol that contains addr (value <= addr < value +
 * size, the Thumb bit ignored), else one defined exactly at addr; false if
 * none.  For reports: "0x08000123 is in main".  name/value may be NULL. */
bool elf_image_symbol_at(const struct elf_image *img, uint32_t addr, const char **name,
                         uint32_t *value);

/* The first section with that name, or NULL. */
const struct elf_section *elf_image_section(const struct elf_image *img, const char *name);

/* Copy len bytes that the image programs at load address addr (the file bytes
 * of PT_LOAD segments, by p_paddr), i.e. what a programmer writes to flash.
 * False when any byte in the range is not provided by the file. */
bool elf_image_read_load(const struct elf_image *img, uint32_t addr, void *buf, size_t len);

#endif
