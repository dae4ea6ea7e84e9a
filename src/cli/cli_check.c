/* The check that `f3kit flash` and `f3kit debug` run before a board sees
 * the firmware. */
#include <stdio.h>

#include "cli/commands.h"

int cli_check_before(const char *cmd, const char *elf)
{
    char *check_argv[] = {"check", "--quiet", (char *)elf, NULL};
    int st = cmd_check(3, check_argv);
    if (st == 1)
        fprintf(stderr, "f3kit %s: %s did not pass f3kit check; fix the errors above "
                        "(or %s anyway with --no-check)\n", cmd, elf, cmd);
    return st;
}
