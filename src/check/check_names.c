/* Names of ELF header values, statuses and vector slots, for both reports. */
#include <elf.h>

#include "check/check.h"

const char *check_status_name(enum check_status s)
{
    switch (s) {
    case CHECK_PASS: return "pass";
    case CHECK_FAIL: return "fail";
    case CHECK_WARN: return "warn";
    case CHECK_SKIP: return "skip";
    }
    return "?";
}

const char *check_severity_name(enum check_severity s)
{
    return s == CHECK_SEV_ERROR ? "error" : "warning";
}

const char *check_elf_type_name(uint16_t t)
{
    switch (t) {
    case ET_NONE: return "ET_NONE";
    case ET_REL: return "ET_REL";
    case ET_EXEC: return "ET_EXEC";
    case ET_DYN: return "ET_DYN";
    case ET_CORE: return "ET_CORE";
    default: return "unknown";
    }
}

const char *check_elf_type_desc(uint16_t t)
{
    switch (t) {
    case ET_NONE: return "None";
    case ET_REL: return "Relocatable";
    case ET_EXEC: return "Executable";
    case ET_DYN: return "SharedObject";
    case ET_CORE: return "Core";
    default: return "Unknown";
    }
}

const char *check_machine_name(uint16_t m)
{
    switch (m) {
    case EM_NONE: return "EM_NONE";
    case EM_386: return "EM_386";
    case EM_ARM: return "EM_ARM";
    case EM_X86_64: return "EM_X86_64";
    case EM_AARCH64: return "EM_AARCH64";
    case EM_RISCV: return "EM_RISCV";
    default: return "unknown";
    }
}

const char *check_ptype_name(uint32_t t)
{
    switch (t) {
    case PT_NULL: return "NULL";
    case PT_LOAD: return "LOAD";
    case PT_DYNAMIC: return "DYNAMIC";
    case PT_INTERP: return "INTERP";
    case PT_NOTE: return "NOTE";
    case PT_PHDR: return "PHDR";
    case PT_TLS: return "TLS";
    case PT_GNU_STACK: return "GNU_STACK";
    case PT_ARM_EXIDX: return "ARM_EXIDX";
    default: return "OTHER";
    }
}

void check_pflags_str(uint32_t flags, char out[4])
{
    out[0] = flags & PF_R ? 'R' : '-';
    out[1] = flags & PF_W ? 'W' : '-';
    out[2] = flags & PF_X ? 'X' : '-';
    out[3] = '\0';
}

const char *check_vector_name(uint32_t i)
{
    if (i == 0)
        return "initial SP";
    if (i >= DEVICE_NUM_VECTORS || !device_vectors[i].name)
        return "reserved";
    return device_vectors[i].name;
}
