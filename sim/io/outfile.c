/* outfile.c - write beside the target, then rename over it (see outfile.h). */
#include "io/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LIVE_MAX 16          /* temporary files open at once (record: one GIF) */
#define TMP_SUFFIX ".tmp-"
#define TMP_RANDOM 8         /* characters of [a-z0-9]: 36^8, about 2^41 names */

/* The cleanup table: copies of the names, so that a handler never follows a
 * pointer into a struct its caller may have moved. */
static char live_name[LIVE_MAX][OUTFILE_PATH_MAX];
static volatile sig_atomic_t live_used[LIVE_MAX];

static void live_add(OutFile *o)
{
    o->slot = -1;
    for (int i = 0; i < LIVE_MAX; i++)
        if (!live_used[i]) {
            memcpy(live_name[i], o->tmp, strlen(o->tmp) + 1);
            live_used[i] = 1;
            o->slot = i;
            return;
        }
    /* A full table only loses the cleanup on a signal, not the file. */
}

static void live_drop(OutFile *o)
{
    if (o->slot >= 0)
        live_used[o->slot] = 0;
    o->slot = -1;
}

void outfile_remove_temporaries(void)
{
    for (int i = 0; i < LIVE_MAX; i++)
        if (live_used[i])
            unlink(live_name[i]);
}

static int failed(OutFile *o, int e, const char *fmt, const char *what)
{
    snprintf(o->err, sizeof o->err, fmt, what, strerror(e));
    errno = e;
    return -1;
}

/* TMP_RANDOM characters nobody can guess: the kernel's randomness, or the
 * clock and the pid when getrandom() is not there (then O_EXCL still holds). */
static void random_name(char *out)
{
    static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    unsigned char r[TMP_RANDOM];
    if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        uint64_t x = (uint64_t)ts.tv_nsec * 2654435761u ^ (uint64_t)getpid() << 32 ^ (uint64_t)ts.tv_sec;
        for (int i = 0; i < TMP_RANDOM; i++, x = x * 6364136223846793005u + 1442695040888963407u)
            r[i] = (unsigned char)(x >> 56);
    }
    for (int i = 0; i < TMP_RANDOM; i++)
        out[i] = digits[r[i] % (sizeof digits - 1)];
    out[TMP_RANDOM] = '\0';
}

/* Creates the temporary file beside o->path; returns its descriptor or -1. */
static int create_temporary(OutFile *o)
{
    const char *slash = strrchr(o->path, '/');
    size_t dirlen = slash ? (size_t)(slash - o->path) + 1 : 0;
    const char *base = o->path + dirlen;
    size_t keep = strlen(base);
    /* Long names are shortened in the temporary name only. */
    if (keep > NAME_MAX - (sizeof TMP_SUFFIX - 1) - TMP_RANDOM)
        keep = NAME_MAX - (sizeof TMP_SUFFIX - 1) - TMP_RANDOM;
    if (dirlen + keep + sizeof TMP_SUFFIX + TMP_RANDOM > sizeof o->tmp)
        return failed(o, ENAMETOOLONG, "cannot write %s: %s", o->path);
    for (int tries = 0; tries < 100; tries++) {
        char rnd[TMP_RANDOM + 1];
        random_name(rnd);
        snprintf(o->tmp, sizeof o->tmp, "%.*s%.*s%s%s", (int)dirlen, o->path, (int)keep, base, TMP_SUFFIX, rnd);
        int fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0)
            return fd;
        if (errno != EEXIST) {
            int e = errno;
            char dir[OUTFILE_PATH_MAX];
            /* The directory without its final slash ("/" stays "/"). */
            snprintf(dir, sizeof dir, "%.*s", dirlen > 1 ? (int)dirlen - 1 : 1, dirlen ? o->path : ".");
            o->tmp[0] = '\0';
            return failed(o, e, "cannot create a file in %s: %s", dir);
        }
    }
    o->tmp[0] = '\0';
    return failed(o, EEXIST, "cannot create a temporary file beside %s: %s", o->path);
}

/* The file a target names once symbolic links are followed, in o->path, and
 * what it is in *st (st_mode 0: it does not exist yet). */
static int resolve(OutFile *o, const char *path, struct stat *st)
{
    if (strlen(path) >= sizeof o->path)
        return failed(o, ENAMETOOLONG, "cannot write %s: %s", path);
    strcpy(o->path, path);
    if (lstat(path, st) != 0) {
        if (errno != ENOENT)
            return failed(o, errno, "cannot write %s: %s", path);
        memset(st, 0, sizeof *st);
        return 0;
    }
    if (!S_ISLNK(st->st_mode))
        return 0;
    char *real = realpath(path, NULL);
    if (!real) {
        if (errno == ENOENT)
            return failed(o, ENOENT, "cannot write %s: a symbolic link to a missing file (%s)", path);
        return failed(o, errno, "cannot write %s: %s", path);
    }
    int too_long = strlen(real) >= sizeof o->path;
    if (!too_long)
        strcpy(o->path, real);
    free(real);
    if (too_long)
        return failed(o, ENAMETOOLONG, "cannot write %s: %s", path);
    if (stat(o->path, st) != 0)
        return failed(o, errno, "cannot write %s: %s", path);
    return 0;
}

static int open_direct(OutFile *o, const struct stat *st)
{
    int fd = open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    struct stat now;
    if (fd < 0)
        return failed(o, errno, "cannot write %s: %s", o->path);
    /* Still the FIFO or device that was looked at, not a file put there since. */
    if (fstat(fd, &now) != 0 || now.st_dev != st->st_dev || now.st_ino != st->st_ino) {
        close(fd);
        return failed(o, EAGAIN, "cannot write %s: it changed while being opened (%s)", o->path);
    }
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        int e = errno;
        close(fd);
        return failed(o, e, "cannot write %s: %s", o->path);
    }
    o->kind = OUTFILE_DIRECT;
    return 0;
}

static int open_replace(OutFile *o, const struct stat *st)
{
    /* No signal between creating the file and listing it for cleanup. */
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    int fd = create_temporary(o);
    if (fd >= 0)
        live_add(o);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0)
        return -1;
    if (st->st_mode) {
        /* The owner first: changing it may clear set-id bits the mode restores. */
        if (st->st_uid != geteuid() || st->st_gid != getegid())
            (void)!fchown(fd, st->st_uid, st->st_gid);
        (void)!fchmod(fd, st->st_mode & 07777);
    }
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        live_drop(o);
        return failed(o, e, "cannot write %s: %s", o->path);
    }
    o->kind = OUTFILE_REPLACE;
    return 0;
}

static const char *refused(mode_t m)
{
    return S_ISDIR(m)   ? "it is a directory"
           : S_ISBLK(m) ? "it is a block device (highwater writes files, FIFOs and character devices)"
           : S_ISSOCK(m) ? "it is a socket"
                        : "it is not a file";
}

int outfile_open(OutFile *o, const char *path)
{
    memset(o, 0, sizeof *o);
    o->slot = -1;
    if (!path || !strcmp(path, "-")) {
        o->f = stdout;
        o->kind = OUTFILE_STDOUT;
        snprintf(o->path, sizeof o->path, "standard output");
        return 0;
    }
    struct stat st;
    if (resolve(o, path, &st) != 0)
        return -1;
    if (st.st_mode == 0 || S_ISREG(st.st_mode))
        return open_replace(o, &st);
    if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))
        return open_direct(o, &st);
    snprintf(o->err, sizeof o->err, "cannot write %s: %s", path, refused(st.st_mode));
    errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
    return -1;
}

/* Flushes f: 0, or the errno of the failure (EIO when an earlier write
 * failed and left no errno behind). */
static int flush_checked(FILE *f)
{
    errno = 0;
    int bad = fflush(f) != 0;
    int e = errno;
    if (ferror(f))
        bad = 1;
    return bad ? (e ? e : EIO) : 0;
}

static int close_checked(FILE *f)
{
    int e = flush_checked(f);
    if (fclose(f) != 0 && !e)
        e = errno ? errno : EIO;
    return e;
}

int outfile_commit(OutFile *o)
{
    if (o->kind == OUTFILE_STDOUT)
        return outfile_stdout_done(o->err, sizeof o->err);
    if (!o->f)
        return failed(o, EBADF, "cannot write %s: %s", o->path);
    int e = close_checked(o->f);
    o->f = NULL;
    if (o->kind == OUTFILE_DIRECT)
        return e ? failed(o, e, "cannot write %s: %s", o->path) : 0;
    if (!e && rename(o->tmp, o->path) != 0)
        e = errno;
    if (e)
        unlink(o->tmp);
    live_drop(o);
    return e ? failed(o, e, "cannot write %s: %s", o->path) : 0;
}

void outfile_abort(OutFile *o)
{
    if (o->kind == OUTFILE_STDOUT || !o->f)
        return;
    fclose(o->f);
    o->f = NULL;
    if (o->kind == OUTFILE_REPLACE)
        unlink(o->tmp);
    live_drop(o);
}

int outfile_stdout_done(char *err, size_t errlen)
{
    int e = flush_checked(stdout);
    if (!e)
        return 0;
    if (err && errlen)
        snprintf(err, errlen, "cannot write to standard output: %s", strerror(e));
    errno = e;
    return -1;
}
