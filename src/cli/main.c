/* f3kit: check, run, flash and debug STM32F3DISCOVERY firmware. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"

struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *help;
};

static const struct command commands[] = {
    {"check", cmd_check, "validate a firmware ELF for the STM32F3DISCOVERY"},
    {"run", cmd_run, "run a firmware on the virtual board until it exits"},
    {"board", cmd_board, "keep a virtual board alive for OpenOCD and GDB"},
    {"flash", cmd_flash, "check, then program a firmware with OpenOCD"},
    {"debug", cmd_debug, "flash, then debug a firmware in gdb-multiarch"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: f3kit <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-6s  %s\n", commands[i].name, commands[i].help);
    fprintf(out, "\n'f3kit <command> --help' describes a command's options.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("f3kit %s\n", F3KIT_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "f3kit: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
