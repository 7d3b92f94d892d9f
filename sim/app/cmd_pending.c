/* cmd_pending.c - placeholders for commands still being written.
 * Weak, so the real command's file replaces each one; delete an entry once
 * its command exists. This file goes away when all do. */
#include <stdio.h>

#include "app/commands.h"

#define PENDING(fn, name)                                                   \
    __attribute__((weak)) int fn(int argc, char **argv)                     \
    {                                                                       \
        (void)argc;                                                         \
        (void)argv;                                                         \
        fprintf(stderr, "highwater: '%s' is not available yet\n", name);   \
        return 2;                                                           \
    }

PENDING(cmd_compare, "compare")
