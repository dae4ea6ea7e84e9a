/* The ARM build attributes (.ARM.attributes, "aeabi" vendor section) that
 * say which FPU and float-argument convention an object was built for.
 * Format: ARM IHI 0045 "Addenda to, and Errata in, the ABI for the Arm
 * Architecture", section 2 (build attributes). */
#ifndef F3KIT_CHECK_ATTRS_H
#define F3KIT_CHECK_ATTRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Tag numbers from the addenda, section 3. */
enum {
    CHECK_TAG_FILE = 1,
    CHECK_TAG_CPU_NAME = 5,
    CHECK_TAG_CPU_ARCH = 6,
    CHECK_TAG_CPU_ARCH_PROFILE = 7,
    CHECK_TAG_FP_ARCH = 10,
    CHECK_TAG_ABI_HARDFP_USE = 27,
    CHECK_TAG_ABI_VFP_ARGS = 28,
};

/* Tag_FP_arch value for VFPv4-D16, what -mfpu=fpv4-sp-d16 records. */
#define CHECK_FP_ARCH_VFPV4_D16 6
/* Tag_ABI_VFP_args value: float arguments in VFP registers (hard-float). */
#define CHECK_VFP_ARGS_VFP 1

struct check_attrs {
    bool present;        /* the section exists */
    int cpu_arch;        /* Tag_CPU_arch, -1 when absent (13 = v7E-M) */
    int cpu_profile;     /* Tag_CPU_arch_profile ('M'), -1 when absent */
    int fp_arch;         /* Tag_FP_arch, -1 when absent (absent = no FP) */
    int vfp_args;        /* Tag_ABI_VFP_args, -1 when absent (absent = base AAPCS) */
    int hardfp_use;      /* Tag_ABI_HardFP_use, -1 when absent */
    char cpu_name[32];   /* Tag_CPU_name, "" when absent */
};

/* Parse a .ARM.attributes section's bytes.  Returns 0, or -1 with a one-line
 * reason in err when the section is malformed (out keeps what was read). */
int check_attrs_parse(const uint8_t *data, size_t size, struct check_attrs *out, char *err,
                      size_t errlen);

const char *check_fp_arch_name(int fp_arch);
const char *check_vfp_args_name(int vfp_args);

#endif
