/* Builds small ELF32 little-endian files in memory for the reader and rule
 * tests: header fields, program headers with their bytes, named sections and
 * a symbol table.  Layout: ELF header, program headers, segment bytes,
 * section bytes, .symtab/.strtab, .shstrtab, section headers. */
#ifndef F3KIT_TEST_ELF_BUILDER_H
#define F3KIT_TEST_ELF_BUILDER_H

#include <stddef.h>
#include <stdint.h>

#define EB_MAX 12

struct eb_seg {
    uint32_t type, flags, vaddr, paddr, memsz;
    const void *data;
    uint32_t filesz;
};

struct eb_sec {
    const char *name;
    uint32_t type, flags, addr;
    const void *data;
    uint32_t size;
};

struct eb_sym {
    const char *name;
    uint32_t value, size;
    uint8_t type;   /* STT_FUNC, STT_OBJECT... */
};

struct eb_spec {
    uint16_t type, machine;
    uint32_t entry, flags;
    struct eb_seg seg[EB_MAX];
    size_t nseg;
    struct eb_sec sec[EB_MAX];
    size_t nsec;
    struct eb_sym sym[EB_MAX];
    size_t nsym;
    uint8_t flash[98 * 4 + 64];   /* storage for eb_good_firmware's FLASH bytes */
};

/* Offsets of the ELF header fields the corruption tests patch. */
enum {
    EB_OFF_PHOFF = 28, EB_OFF_SHOFF = 32, EB_OFF_PHENTSIZE = 42, EB_OFF_PHNUM = 44,
    EB_OFF_SHENTSIZE = 46, EB_OFF_SHNUM = 48, EB_OFF_SHSTRNDX = 50,
};

/* A malloc'd file; *len receives its size. */
uint8_t *eb_build(const struct eb_spec *s, size_t *len);
void eb_put32(uint8_t *p, uint32_t v);
void eb_put16(uint8_t *p, uint16_t v);
uint32_t eb_get32(const uint8_t *p);

/* A spec for a valid kit-like firmware: 98-word vector table plus code in
 * FLASH, .data loaded from FLASH into RAM, .bss, hard-float attributes. */
void eb_good_firmware(struct eb_spec *s);
/* Rewrite vector slot i of a spec made by eb_good_firmware. */
void eb_set_vector(struct eb_spec *s, int i, uint32_t v);
#define EB_RESET 0x08000189u
#define EB_SP 0x2000A000u

/* .ARM.attributes bytes for the kit's hard-float build (FP arch 6, VFP args 1)
 * and for a soft-float one (FP arch absent, VFP args absent). */
extern const uint8_t eb_attrs_hard[];
extern const size_t eb_attrs_hard_len;
extern const uint8_t eb_attrs_soft[];
extern const size_t eb_attrs_soft_len;

#endif
