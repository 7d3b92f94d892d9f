/* outfile.c - write to a temporary name, then rename over the target. */
#include "app/outfile.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

int outfile_open(OutFile *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || !strcmp(path, "-")) {
        o->f = stdout;
        o->is_stdout = 1;
        return 0;
    }
    if (strlen(path) >= sizeof o->path)
        return -1;
    strcpy(o->path, path);
    snprintf(o->tmp, sizeof o->tmp, "%s.tmp.%ld", path, (long)getpid());
    o->f = fopen(o->tmp, "wb");
    return o->f ? 0 : -1;
}

int outfile_commit(OutFile *o)
{
    if (o->is_stdout)
        return fflush(stdout) == 0 ? 0 : -1;
    int bad = ferror(o->f) != 0;
    if (fclose(o->f) != 0)
        bad = 1;
    o->f = NULL;
    if (bad || rename(o->tmp, o->path) != 0) {
        remove(o->tmp);
        return -1;
    }
    return 0;
}

void outfile_abort(OutFile *o)
{
    if (o->is_stdout || !o->f)
        return;
    fclose(o->f);
    o->f = NULL;
    remove(o->tmp);
}
