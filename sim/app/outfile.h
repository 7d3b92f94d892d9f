/* outfile.h - output files that appear whole or not at all.
 * Data goes to PATH.tmp.PID in the same directory; outfile_commit() renames
 * it over PATH, outfile_abort() removes it. "-" means stdout. */
#ifndef HW_OUTFILE_H
#define HW_OUTFILE_H

#include <stdio.h>

typedef struct {
    FILE *f;
    char path[4096];
    char tmp[4120];
    int is_stdout;
} OutFile;

/* 0 on success; -1 with errno set (nothing created). */
int outfile_open(OutFile *o, const char *path);
/* Flushes, closes and renames; 0 on success, -1 (temp removed) on failure. */
int outfile_commit(OutFile *o);
void outfile_abort(OutFile *o);

#endif
