/* course.c - reading the course file (see course.h). */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scenario/course.h"

#define COURSE_MAX_BYTES (256 * 1024)

static int say(char *err, size_t errlen, const char *file, int line, int col, const char *msg, const char *arg)
{
    char m[300];
    snprintf(m, sizeof m, msg, arg);
    snprintf(err, errlen, "%s:%d:%d: %s", file, line, col, m);
    return -1;
}

static bool name_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
           ch == '.';
}

/* Length of name without a .yaml / .yml ending. */
static size_t stem_len(const char *name)
{
    size_t n = strlen(name);
    if (n > 5 && !strcmp(name + n - 5, ".yaml")) return n - 5;
    if (n > 4 && !strcmp(name + n - 4, ".yml")) return n - 4;
    return n;
}

int course_find(const Course *c, const char *name)
{
    size_t n = stem_len(name);
    for (int i = 0; i < c->n; i++)
        if (strlen(c->lesson[i].name) == n && !memcmp(c->lesson[i].name, name, n)) return i;
    return -1;
}

static int parse_line(Course *c, const char *file, int ln, const char *s, size_t n, char *err, size_t errlen)
{
    char buf[COURSE_TITLE_MAX + 8];
    if (s[0] == '=') {
        size_t k = 1;
        while (k < n && (s[k] == ' ' || s[k] == '\t')) k++;
        if (k == n) return say(err, errlen, file, ln, (int)n + 1, "%s", "a section needs a title: = TITLE");
        if (n - k >= COURSE_TITLE_MAX) return say(err, errlen, file, ln, (int)k + 1, "%s", "a section title of 120 bytes at most");
        if (c->nsections == COURSE_MAX_SECTIONS) return say(err, errlen, file, ln, 1, "%s", "more than 32 sections");
        memcpy(c->section[c->nsections], s + k, n - k);
        c->section[c->nsections][n - k] = 0;
        c->nsections++;
        return 0;
    }
    size_t k = 0;
    while (k < n && name_char(s[k])) k++;
    size_t end = k;
    while (k < n && (s[k] == ' ' || s[k] == '\t')) k++;
    snprintf(buf, sizeof buf, "%.*s", (int)(n < 100 ? n : 100), s);
    if (end == 0 || s[0] == '.' || s[0] == '-')
        return say(err, errlen, file, ln, 1, "'%s' is not a lesson (a scenario's file name without .yaml) or a section (= TITLE)", buf);
    if (k == end && k < n)
        return say(err, errlen, file, ln, (int)k + 1, "'%s': a lesson name has only letters, digits, '-', '_' and '.'", buf);
    if (k < n) return say(err, errlen, file, ln, (int)k + 1, "%s", "one lesson per line (a comment starts its own line with #)");
    if (end >= COURSE_NAME_MAX) return say(err, errlen, file, ln, 1, "%s", "a lesson name of 63 bytes at most");
    char name[COURSE_NAME_MAX];
    memcpy(name, s, end);
    name[end] = 0;
    size_t stem = stem_len(name);
    name[stem] = 0;   /* "x.yaml" names the lesson x */
    int was = course_find(c, name);
    if (was >= 0) {
        char m[120];
        snprintf(m, sizeof m, "'%%s' is already in the course (line %d): a lesson appears once", c->lesson[was].line);
        return say(err, errlen, file, ln, 1, m, name);
    }
    if (c->n == COURSE_MAX_LESSONS) return say(err, errlen, file, ln, 1, "%s", "more than 256 lessons");
    CourseLesson *l = &c->lesson[c->n++];
    memcpy(l->name, name, stem + 1);
    l->section = c->nsections - 1;
    l->line = ln;
    return 0;
}

int course_parse(Course *c, const char *file, const char *text, size_t len, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    int ln = 0;
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && text[i] != '\n') i++;
        size_t n = i - start;
        if (i < len) i++;
        ln++;
        const char *s = text + start;
        if (n > 0 && s[n - 1] == '\r') n--;
        while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
        size_t k = 0;
        while (k < n && (s[k] == ' ' || s[k] == '\t')) k++;
        if (k == n || s[k] == '#') continue;
        if (k > 0) {
            say(err, errlen, file, ln, 1, "%s", "lines start at the first column");
            memset(c, 0, sizeof *c);
            return -1;
        }
        const char *nul = memchr(s, 0, n);
        if (nul) say(err, errlen, file, ln, (int)(nul - s) + 1, "%s", "a NUL byte: is this a text file?");
        if (nul || parse_line(c, file, ln, s, n, err, errlen) != 0) {
            memset(c, 0, sizeof *c);
            return -1;
        }
    }
    return 0;
}

int course_load(Course *c, const char *dir, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, COURSE_FILE);
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT) return 1;
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return -1;
    }
    char *buf = malloc(COURSE_MAX_BYTES + 1);
    if (!buf) {
        fclose(f);
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    size_t n = fread(buf, 1, COURSE_MAX_BYTES + 1, f);
    bool rd = ferror(f) != 0;
    fclose(f);
    int rc;
    if (rd) rc = (snprintf(err, errlen, "%s: cannot read", path), -1);
    else if (n > COURSE_MAX_BYTES) rc = (snprintf(err, errlen, "%s: larger than 256 KiB: not a course file", path), -1);
    else rc = course_parse(c, path, buf, n, err, errlen);
    free(buf);
    if (rc != 0) return -1;
    for (int i = 0; i < c->n; i++) {
        char sp[4400];
        struct stat st;
        snprintf(sp, sizeof sp, "%s/%s.yaml", dir, c->lesson[i].name);
        if (stat(sp, &st) != 0 || !S_ISREG(st.st_mode)) {
            say(err, errlen, path, c->lesson[i].line, 1, "no scenario '%s' in this folder", c->lesson[i].name);
            memset(c, 0, sizeof *c);
            return -1;
        }
    }
    return 0;
}

void course_sort_files(const Course *c, char **files, size_t n)
{
    /* Insertion sort on the course position: stable, and n is small. */
    for (size_t i = 1; i < n; i++) {
        char *f = files[i];
        int r = course_find(c, f);
        long key = r >= 0 ? r : LONG_MAX;
        size_t j = i;
        while (j > 0) {
            int rp = course_find(c, files[j - 1]);
            long kp = rp >= 0 ? rp : LONG_MAX;
            if (kp <= key) break;
            files[j] = files[j - 1];
            j--;
        }
        files[j] = f;
    }
}
