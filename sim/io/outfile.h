/* outfile.h - output files that appear whole or not at all.
 *
 * Every file highwater writes (traces, CSV, Chrome traces, the Node program,
 * goldens, PNG, GIF, saved YAML) goes through here; docs/output-files.md
 * tells users what it does. What the target is decides how it is written:
 *
 *   "-" or NULL       stdout, as is.
 *   missing, or a     a new temporary file beside it, created with
 *   regular file      O_CREAT|O_EXCL|O_NOFOLLOW under an unpredictable name
 *                     (BASE.tmp-XXXXXXXX, BASE shortened so that the name
 *                     fits NAME_MAX), given the old file's mode (and owner,
 *                     where allowed), and renamed over the target on commit.
 *                     A new file gets 0666 minus the umask, as with fopen.
 *   a symbolic link   followed: the file it finally names is replaced in its
 *                     own directory, so the link stays a link. A link to
 *                     nothing is refused.
 *   a FIFO or a       written directly (there is nothing to replace: a
 *   character device  reader or a driver takes the bytes), never replaced.
 *   anything else     refused (directory, block device, socket).
 *
 * Until commit the temporary file is in a table that
 * outfile_remove_temporaries() empties from a signal handler, so a run
 * killed by SIGINT, SIGTERM or SIGHUP leaves nothing behind (app/stop.h).
 * That table is this module's only state: the one thing a handler can
 * reach. A file with several hard links gets a new inode, as with any
 * rename: the other names keep the old content.
 *
 * Failures set errno and leave a one-line message, with the real cause, in
 * o->err ("cannot write FILE: No space left on device").
 */
#ifndef HW_IO_OUTFILE_H
#define HW_IO_OUTFILE_H

#include <stdio.h>

#define OUTFILE_PATH_MAX 4096

typedef enum { OUTFILE_STDOUT, OUTFILE_REPLACE, OUTFILE_DIRECT } OutFileKind;

typedef struct {
    FILE *f;                        /* where to write; NULL once closed */
    OutFileKind kind;
    char path[OUTFILE_PATH_MAX];    /* the file written or replaced */
    char tmp[OUTFILE_PATH_MAX];     /* OUTFILE_REPLACE: the temporary file */
    int slot;                       /* its entry in the cleanup table, -1 none */
    char err[OUTFILE_PATH_MAX + 160]; /* the last failure, "" none */
} OutFile;

/* Opens path for writing ("-" or NULL: stdout). 0 on success; -1 with errno
 * set and o->err filled, nothing created. */
int outfile_open(OutFile *o, const char *path);

/* Flushes and closes; renames the temporary file over the target. 0 on
 * success; -1 with errno and o->err set, the temporary file removed and the
 * target untouched (a FIFO or device may have received part of the data). */
int outfile_commit(OutFile *o);

/* Closes and removes the temporary file; the target stays as it was. */
void outfile_abort(OutFile *o);

/* Removes every temporary file not yet committed or aborted. Only calls
 * unlink(): safe in a signal handler. */
void outfile_remove_temporaries(void);

/* Flushes stdout. 0 when everything written to it arrived; -1 with a
 * message ("cannot write to standard output: No space left on device") in
 * err otherwise. For commands that print their results on stdout. */
int outfile_stdout_done(char *err, size_t errlen);

#endif
