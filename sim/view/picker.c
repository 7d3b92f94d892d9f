/* picker.c - the lesson picker's list (see picker.h). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/course.h"
#include "scenario/scenario_yaml.h"
#include "view/picker.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_entry(Picker *p, const char *file, int section)
{
    PickEntry *e = &p->e[p->n++];
    memset(e, 0, sizeof *e);
    size_t len = strlen(file);
    if (snprintf(e->path, sizeof e->path, "%s/%s", p->dir, file) >= (int)sizeof e->path) e->bad = 1;
    snprintf(e->name, sizeof e->name, "%.*s", (int)(len - 5), file);
    e->section = section;
}

/* The .yaml files of dir, sorted by name (freed by the caller). */
static int yaml_files(const char *dir, char *files[PICK_MAX])
{
    DIR *dh = opendir(dir);
    if (!dh) return 0;
    int n = 0;
    struct dirent *de;
    while ((de = readdir(dh)) && n < PICK_MAX) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0 || de->d_name[0] == '.') continue;
        files[n] = strdup(de->d_name);
        if (files[n]) n++;
    }
    closedir(dh);
    qsort(files, (size_t)n, sizeof files[0], by_name);
    return n;
}

static void read_titles(Picker *p, const char *current)
{
    const char *base = NULL;
    if (current) {
        base = strrchr(current, '/');
        base = base ? base + 1 : current;
    }
    for (int i = 0; i < p->n; i++) {
        PickEntry *e = &p->e[i];
        Scenario sc;
        char err[256];
        if (base && !strcmp(base, strrchr(e->path, '/') + 1)) p->sel = i;
        if (scenario_load_file(e->path, &sc, err, sizeof err) != 0) {
            e->bad = 1;
            snprintf(e->title, sizeof e->title, "(does not load)");
            snprintf(e->desc, sizeof e->desc, "%s", err);
            continue;
        }
        snprintf(e->title, sizeof e->title, "%s", sc.title ? sc.title : e->name);
        snprintf(e->desc, sizeof e->desc, "%s", sc.description ? sc.description : "");
        scenario_free(&sc);
    }
}

int picker_scan(Picker *p, const char *dir, const char *current)
{
    memset(p, 0, sizeof *p);
    snprintf(p->dir, sizeof p->dir, "%s", dir);
    Course *c = calloc(1, sizeof *c);
    char *files[PICK_MAX];
    int nf = yaml_files(dir, files);
    int rc = c ? course_load(c, dir, p->problem, sizeof p->problem) : 1;
    if (rc != 0 && c) memset(c, 0, sizeof *c);
    if (rc == 0) {
        for (int s = 0; s < c->nsections && s < PICK_SECTIONS - 1; s++)
            snprintf(p->section[p->nsections++], sizeof p->section[0], "%s", c->section[s]);
        for (int i = 0; i < c->n && p->n < PICK_MAX; i++) {
            char file[COURSE_NAME_MAX + 8];
            snprintf(file, sizeof file, "%s.yaml", c->lesson[i].name);
            add_entry(p, file, c->lesson[i].section < PICK_SECTIONS - 1 ? c->lesson[i].section : -1);
        }
    }
    /* What the course leaves out (or everything, without a course). */
    int more = -1;
    for (int i = 0; i < nf; i++) {
        if (!(rc == 0 && course_find(c, files[i]) >= 0) && p->n < PICK_MAX) {
            if (rc == 0 && more < 0) {
                more = p->nsections++;
                snprintf(p->section[more], sizeof p->section[0], "More in this folder");
            }
            add_entry(p, files[i], more);
        }
        free(files[i]);
    }
    free(c);
    read_titles(p, current);
    return p->n;
}

int picker_rows(const Picker *p)
{
    int rows = 0;
    for (int i = 0; i < p->n; i++) rows += 1 + (p->e[i].section >= 0 && (i == 0 || p->e[i - 1].section != p->e[i].section));
    return rows;
}

int picker_row_entry(const Picker *p, int r, int *section)
{
    int row = 0;
    for (int i = 0; i < p->n; i++) {
        if (p->e[i].section >= 0 && (i == 0 || p->e[i - 1].section != p->e[i].section)) {
            if (row == r) {
                if (section) *section = p->e[i].section;
                return -1;
            }
            row++;
        }
        if (row == r) return i;
        row++;
    }
    if (section) *section = -1;
    return -1;
}

int picker_entry_row(const Picker *p, int i)
{
    int row = 0;
    for (int k = 0; k < p->n && k <= i; k++) {
        if (p->e[k].section >= 0 && (k == 0 || p->e[k - 1].section != p->e[k].section)) row++;
        if (k == i) return row;
        row++;
    }
    return 0;
}

static void clamp_top(Picker *p, int visible)
{
    int max_top = picker_rows(p) - visible;
    if (p->top > max_top) p->top = max_top;
    if (p->top < 0) p->top = 0;
}

void picker_move(Picker *p, int delta, int visible)
{
    if (p->n == 0) return;
    if (visible < 1) visible = 1;
    p->sel += delta;
    if (p->sel < 0) p->sel = 0;
    if (p->sel >= p->n) p->sel = p->n - 1;
    int row = picker_entry_row(p, p->sel);
    /* The heading just above a section's first lesson comes into view with it. */
    int first = row > 0 && picker_row_entry(p, row - 1, NULL) < 0 ? row - 1 : row;
    if (first < p->top) p->top = first;
    if (row >= p->top + visible) p->top = row - visible + 1;
    clamp_top(p, visible);
}

void picker_scroll(Picker *p, int delta, int visible)
{
    if (visible < 1) visible = 1;
    p->top += delta;
    clamp_top(p, visible);
}
