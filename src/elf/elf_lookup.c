/* Questions asked of an open image: symbols, sections, and the bytes it
 * programs at a load address. */
#include <gelf.h>
#include <string.h>

#include "elf/elf_image.h"
#include "elf/elf_priv.h"

/* Calls fn on every defined symbol of the SHT_SYMTAB sections until it
 * returns true. */
static bool each_symbol(const struct elf_image *img,
                        bool (*fn)(const GElf_Sym *s, const char *name, void *ctx), void *ctx)
{
    const struct elf_image_priv *p = img->priv;
    if (!p || !p->elf)
        return false;
    for (size_t i = 0; i < img->nsec; i++) {
        if (img->sec[i].type != SHT_SYMTAB)
            continue;
        Elf_Scn *scn = elf_getscn(p->elf, i);
        GElf_Shdr sh;
        if (!scn || !gelf_getshdr(scn, &sh) || sh.sh_entsize != sizeof(Elf32_Sym))
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        if (!d)
            continue;
        size_t n = d->d_size / sizeof(Elf32_Sym);
        for (size_t k = 1; k < n; k++) {
            GElf_Sym s;
            if (!gelf_getsym(d, (int)k, &s) || s.st_shndx == SHN_UNDEF)
                continue;
            const char *name = elf_strptr(p->elf, sh.sh_link, s.st_name);
            if (fn(&s, name ? name : "", ctx))
                return true;
        }
    }
    return false;
}

struct by_name {
    const char *name;
    uint32_t value;
};

static bool match_name(const GElf_Sym *s, const char *name, void *ctx)
{
    struct by_name *q = ctx;
    int t = GELF_ST_TYPE(s->st_info);
    if ((t != STT_FUNC && t != STT_OBJECT && t != STT_NOTYPE) || strcmp(name, q->name) != 0)
        return false;
    q->value = (uint32_t)s->st_value;
    return true;
}

bool elf_image_symbol(const struct elf_image *img, const char *name, uint32_t *value)
{
    struct by_name q = {name, 0};
    if (!name || !each_symbol(img, match_name, &q))
        return false;
    if (value)
        *value = q.value;
    return true;
}

struct by_addr {
    uint32_t addr;
    const char *name;
    uint32_t size;
};

static bool match_object(const GElf_Sym *s, const char *name, void *ctx)
{
    struct by_addr *q = ctx;
    if (GELF_ST_TYPE(s->st_info) != STT_OBJECT || s->st_size == 0 || s->st_value != q->addr)
        return false;
    q->name = name;
    q->size = (uint32_t)s->st_size;
    return true;
}

bool elf_image_object_at(const struct elf_image *img, uint32_t addr, const char **name,
                         uint32_t *size)
{
    struct by_addr q = {addr, NULL, 0};
    if (!each_symbol(img, match_object, &q))
        return false;
    if (name)
        *name = q.name;
    if (size)
        *size = q.size;
    return true;
}

struct containing {
    uint32_t addr;
    const char *name;
    uint32_t value;
    int quality;   /* 0: none; then exact address < sized and containing, each +1 when
                      the name is the better of several aliases */
};

/* Several names for one address are usually weak aliases of a catch-all
 * handler (NMI_Handler = Default_Handler): the catch-all's name tells more,
 * then a global name over a weak one. */
static int alias_rank(const GElf_Sym *s, const char *name)
{
    if (!strncmp(name, "Default", 7) || !strncmp(name, "default", 7) || strstr(name, "default_handler"))
        return 2;
    return GELF_ST_BIND(s->st_info) == STB_GLOBAL ? 1 : 0;
}

static bool match_containing(const GElf_Sym *s, const char *name, void *ctx)
{
    struct containing *q = ctx;
    int t = GELF_ST_TYPE(s->st_info);
    if ((t != STT_FUNC && t != STT_OBJECT && t != STT_NOTYPE) || !*name || name[0] == '$')
        return false;   /* "$t"/"$d" are mapping symbols, not names */
    uint32_t v = (uint32_t)s->st_value & (t == STT_FUNC ? ~1u : ~0u);
    int quality = 0;
    if (s->st_size && q->addr >= v && q->addr - v < s->st_size)
        quality = 4 + alias_rank(s, name);
    else if (v == q->addr)
        quality = 1 + alias_rank(s, name);
    if (quality > q->quality) {
        q->name = name;
        q->value = v;
        q->quality = quality;
    }
    return false;
}

bool elf_image_symbol_at(const struct elf_image *img, uint32_t addr, const char **name,
                         uint32_t *value)
{
    struct containing q = {addr, NULL, 0, 0};
    each_symbol(img, match_containing, &q);
    if (!q.quality)
        return false;
    if (name)
        *name = q.name;
    if (value)
        *value = q.value;
    return true;
}

const struct elf_section *elf_image_section(const struct elf_image *img, const char *name)
{
    for (size_t i = 0; i < img->nsec; i++)
        if (img->sec[i].name && !strcmp(img->sec[i].name, name))
            return &img->sec[i];
    return NULL;
}

bool elf_image_read_load(const struct elf_image *img, uint32_t addr, void *buf, size_t len)
{
    uint8_t *out = buf;
    while (len) {
        const struct elf_segment *hit = NULL;
        for (size_t i = 0; i < img->nseg && !hit; i++) {
            const struct elf_segment *s = &img->seg[i];
            if (s->type == PT_LOAD && s->filesz && addr >= s->paddr && addr - s->paddr < s->filesz)
                hit = s;
        }
        if (!hit)
            return false;
        size_t off = addr - hit->paddr;
        size_t n = hit->filesz - off < len ? hit->filesz - off : len;
        memcpy(out, hit->data + off, n);
        out += n;
        len -= n;
        addr += (uint32_t)n;
        if (len && addr == 0)   /* wrapped past 4 GiB */
            return false;
    }
    return true;
}
