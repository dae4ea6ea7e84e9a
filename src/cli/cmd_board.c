/* PLACEHOLDER: replaced by the owner of 'f3kit board'. */
#include <stdio.h>

#include "cli/commands.h"

int cmd_board(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "f3kit board: not built yet\n");
    return 2;
}
