/* What an open elf_image keeps behind img->priv (private to src/elf/). */
#ifndef F3KIT_ELF_PRIV_H
#define F3KIT_ELF_PRIV_H

#include <libelf.h>
#include <stddef.h>
#include <stdint.h>

struct elf_image_priv {
    uint8_t *buf;   /* the whole file; segments and sections point into it */
    size_t size;
    Elf *elf;       /* libelf's view of buf */
};

#endif
