/* Lookups over the generated device tables (device_tables.c).  The tables
 * are sorted by address by the generator, so address lookups bisect. */
#include "device.h"

#include <string.h>

const struct device_region *device_region_by_kind(enum device_region_kind kind)
{
    for (size_t i = 0; i < device_num_regions; i++)
        if (device_regions[i].kind == kind)
            return &device_regions[i];
    return NULL;
}

const struct device_periph *device_periph_at(uint32_t addr)
{
    size_t lo = 0, hi = device_num_periphs;
    /* Find the last peripheral whose base is <= addr. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (device_periphs[mid].base <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const struct device_periph *p = &device_periphs[lo - 1];
    return addr - p->base < p->size ? p : NULL;
}

const struct device_reg *device_reg_at(uint32_t addr)
{
    size_t lo = 0, hi = device_num_regs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (device_regs[mid].addr < addr)
            lo = mid + 1;
        else if (device_regs[mid].addr > addr)
            hi = mid;
        else
            return &device_regs[mid];
    }
    return NULL;
}

const struct device_periph *device_periph_by_name(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < device_num_periphs; i++)
        if (strcmp(device_periphs[i].name, name) == 0)
            return &device_periphs[i];
    return NULL;
}

const struct device_reg *device_reg_by_name(const char *periph, const char *reg)
{
    const struct device_periph *p = device_periph_by_name(periph);
    if (!p || !reg)
        return NULL;
    for (size_t i = 0; i < device_num_regs; i++)
        if (device_regs[i].addr >= p->base && device_regs[i].addr - p->base < p->size &&
            strcmp(device_regs[i].name, reg) == 0)
            return &device_regs[i];
    return NULL;
}

int device_vector_by_name(const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < DEVICE_NUM_VECTORS; i++)
        if (device_vectors[i].name && strcmp(device_vectors[i].name, name) == 0)
            return i;
    return -1;
}
