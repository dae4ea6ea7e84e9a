/* Build-attribute parsing.  Layout (ARM IHI 0045, 2.2): 'A', then vendor
 * subsections [u32 length][NUL-terminated vendor][...]; inside "aeabi",
 * sub-subsections [tag byte][u32 size][attributes], where an attribute is a
 * ULEB128 tag followed by a ULEB128 or a NUL-terminated string.  Only the
 * file-scope (Tag_File) attributes describe the whole image. */
#include "check/check_attrs.h"
#include "util/errmsg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct cursor {
    const uint8_t *p, *end;
};

static bool uleb(struct cursor *c, uint64_t *v)
{
    uint64_t r = 0;
    for (unsigned shift = 0; c->p < c->end; shift += 7) {
        uint8_t b = *c->p++;
        if (shift < 64)
            r |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *v = r;
            return true;
        }
    }
    return false;
}

static bool ntbs(struct cursor *c, const char **s)
{
    const uint8_t *nul = memchr(c->p, 0, (size_t)(c->end - c->p));
    if (!nul)
        return false;
    *s = (const char *)c->p;
    c->p = nul + 1;
    return true;
}

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Tag_compatibility (32) is a ULEB then a string; 4, 5 and 67 are strings;
 * other tags up to 32 are ULEBs; above 32, odd tags are strings (2.2.6). */
static bool tag_is_string(uint64_t tag)
{
    return tag == 4 || tag == 5 || tag == 67 || (tag > 32 && (tag & 1));
}


static int parse_file_attrs(struct cursor c, struct check_attrs *out, char *err, size_t errlen)
{
    while (c.p < c.end) {
        uint64_t tag, v = 0;
        const char *s = NULL;
        if (!uleb(&c, &tag))
            return util_error(err, errlen, ".ARM.attributes: truncated attribute tag");
        bool ok = tag == 32 ? uleb(&c, &v) && ntbs(&c, &s)
                  : tag_is_string(tag) ? ntbs(&c, &s)
                                       : uleb(&c, &v);
        if (!ok)
            return util_error(err, errlen, ".ARM.attributes: truncated value of tag %llu",
                       (unsigned long long)tag);
        int iv = v > 0x7fffffff ? 0x7fffffff : (int)v;
        switch (tag) {
        case CHECK_TAG_CPU_NAME:
            snprintf(out->cpu_name, sizeof out->cpu_name, "%s", s);
            break;
        case CHECK_TAG_CPU_ARCH: out->cpu_arch = iv; break;
        case CHECK_TAG_CPU_ARCH_PROFILE: out->cpu_profile = iv; break;
        case CHECK_TAG_FP_ARCH: out->fp_arch = iv; break;
        case CHECK_TAG_ABI_HARDFP_USE: out->hardfp_use = iv; break;
        case CHECK_TAG_ABI_VFP_ARGS: out->vfp_args = iv; break;
        default: break;
        }
    }
    return 0;
}

int check_attrs_parse(const uint8_t *data, size_t size, struct check_attrs *out, char *err,
                      size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->cpu_arch = out->cpu_profile = out->fp_arch = out->vfp_args = out->hardfp_use = -1;
    out->present = true;
    if (size == 0 || !data)
        return util_error(err, errlen, ".ARM.attributes is empty");
    if (data[0] != 'A')
        return util_error(err, errlen, ".ARM.attributes: format version 0x%02x, expected 'A'", data[0]);
    const uint8_t *p = data + 1, *end = data + size;
    while (p < end) {
        if (end - p < 4)
            return util_error(err, errlen, ".ARM.attributes: truncated subsection length");
        uint32_t len = rd32(p);
        if (len < 4 || len > (size_t)(end - p))
            return util_error(err, errlen, ".ARM.attributes: subsection length %u out of bounds", len);
        struct cursor sub = {p + 4, p + len};
        p += len;
        const char *vendor;
        if (!ntbs(&sub, &vendor))
            return util_error(err, errlen, ".ARM.attributes: unterminated vendor name");
        if (strcmp(vendor, "aeabi") != 0)
            continue;   /* another vendor's attributes: not ours to judge */
        while (sub.p < sub.end) {
            if (sub.end - sub.p < 5)
                return util_error(err, errlen, ".ARM.attributes: truncated sub-subsection");
            uint8_t scope = sub.p[0];
            uint32_t slen = rd32(sub.p + 1);
            if (slen < 5 || slen > (size_t)(sub.end - sub.p))
                return util_error(err, errlen, ".ARM.attributes: sub-subsection length %u out of bounds",
                           slen);
            struct cursor attrs = {sub.p + 5, sub.p + slen};
            sub.p += slen;
            if (scope == CHECK_TAG_FILE && parse_file_attrs(attrs, out, err, errlen))
                return -1;
        }
    }
    return 0;
}

const char *check_fp_arch_name(int fp_arch)
{
    static const char *const names[] = {"none",      "VFPv1",  "VFPv2",   "VFPv3", "VFPv3-D16",
                                        "VFPv4",     "VFPv4-D16", "FP-ARMv8", "FPv5/FP-D16 for ARMv8"};
    if (fp_arch < 0)
        return "none (tag absent)";
    if ((size_t)fp_arch < sizeof names / sizeof names[0])
        return names[fp_arch];
    return "unknown";
}

const char *check_vfp_args_name(int vfp_args)
{
    switch (vfp_args) {
    case -1:
    case 0: return "AAPCS base (core registers: soft-float calling convention)";
    case 1: return "VFP registers";
    case 2: return "toolchain-specific";
    case 3: return "compatible with both";
    default: return "unknown";
    }
}
