/* PLACEHOLDER: replaced by the owner of 'f3kit check'. */
#include <stdio.h>

#include "cli/commands.h"

int cmd_check(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "f3kit check: not built yet\n");
    return 2;
}
