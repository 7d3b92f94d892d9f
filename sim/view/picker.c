/* picker.c - listing the lesson library (see picker.h). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario_yaml.h"
#include "view/picker.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(((const PickEntry *)a)->name, ((const PickEntry *)b)->name);
}

int picker_scan(Picker *p, const char *dir, const char *current)
{
    p->n = p->sel = p->top = 0;
    snprintf(p->dir, sizeof p->dir, "%s", dir);
    DIR *dh = opendir(dir);
    if (!dh) return 0;
    struct dirent *de;
    while ((de = readdir(dh)) && p->n < PICK_MAX) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0 || de->d_name[0] == '.') continue;
        PickEntry *e = &p->e[p->n++];
        memset(e, 0, sizeof *e);
        snprintf(e->path, sizeof e->path, "%s/%s", dir, de->d_name);
        snprintf(e->name, sizeof e->name, "%.*s", (int)(len - 5), de->d_name);
    }
    closedir(dh);
    qsort(p->e, (size_t)p->n, sizeof p->e[0], by_name);
    for (int i = 0; i < p->n; i++) {
        PickEntry *e = &p->e[i];
        Scenario sc;
        char err[256];
        if (scenario_load_file(e->path, &sc, err, sizeof err) != 0) {
            e->bad = 1;
            snprintf(e->title, sizeof e->title, "(does not load)");
            snprintf(e->desc, sizeof e->desc, "%s", err);
            continue;
        }
        snprintf(e->title, sizeof e->title, "%s", sc.title ? sc.title : e->name);
        snprintf(e->desc, sizeof e->desc, "%s", sc.description ? sc.description : "");
        scenario_free(&sc);
        if (current) {
            const char *base = strrchr(current, '/');
            base = base ? base + 1 : current;
            if (!strcmp(base, strrchr(e->path, '/') + 1)) p->sel = i;
        }
    }
    return p->n;
}

void picker_move(Picker *p, int delta, int visible)
{
    if (p->n == 0) return;
    p->sel += delta;
    if (p->sel < 0) p->sel = 0;
    if (p->sel >= p->n) p->sel = p->n - 1;
    if (visible < 1) visible = 1;
    if (p->sel < p->top) p->top = p->sel;
    if (p->sel >= p->top + visible) p->top = p->sel - visible + 1;
}
