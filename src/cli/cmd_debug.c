/* PLACEHOLDER: replaced by the owner of 'f3kit debug'. */
#include <stdio.h>

#include "cli/commands.h"

int cmd_debug(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "f3kit debug: not built yet\n");
    return 2;
}
