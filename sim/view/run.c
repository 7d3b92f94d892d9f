/* run.c - a scenario, its live changes and its History (see run.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scenario/scenario_write.h"
#include "scenario/scenario_yaml.h"
#include "view/diverge.h"
#include "view/fmt.h"
#include "view/run.h"

int run_clone_scenario(Scenario *dst, const Scenario *src)
{
    return scenario_clone(dst, src);
}

static void free_scenario(Scenario *sc)
{
    if (!sc) return;
    scenario_free(sc);
    free(sc);
}

/* "socket.highWaterMark = 1 MiB" for a compare pane. */
static void vary_label(const Scenario *sc, const VaryTarget *t, const VaryValue *v, char *out, size_t len)
{
    char val[64], a[48];
    switch (t->param) {
    case VP_HWM: case VP_RHWM: case VP_WHWM: case VP_CHUNK: case VP_OBJECT_SIZE:
        fmt_units(v->n, t->objects && t->param != VP_OBJECT_SIZE, val, sizeof val);
        break;
    case VP_TOTAL:
        if (v->n == VARY_NONE) snprintf(val, sizeof val, "endless");
        else fmt_units(v->n, t->objects, val, sizeof val);
        break;
    case VP_RATE:
        if (v->per_second) snprintf(val, sizeof val, "%s/s", fmt_units(v->shown, t->objects, a, sizeof a));
        else snprintf(val, sizeof val, "%s/tick", fmt_units(v->n, t->objects, a, sizeof a));
        break;
    case VP_MEMORY_LIMIT:
        if (v->n == VARY_NONE) snprintf(val, sizeof val, "none");
        else fmt_bytes(v->n, val, sizeof val);
        break;
    case VP_RATIO: snprintf(val, sizeof val, "%lld/%lld", (long long)v->n, (long long)v->d); break;
    default: snprintf(val, sizeof val, "%lld", (long long)v->n); break;
    }
    if (t->stream >= 0 && t->stream < sc->nstreams)
        snprintf(out, len, "%s.%s = %s", sc->streams[t->stream].id, vary_param_name(t->param), val);
    else
        snprintf(out, len, "%s = %s", vary_param_name(t->param), val);
}

/* The file's scenario, with the run's vary value. NULL with err. */
static Scenario *load_base(Run *r, const char *path, char *label, size_t labellen, char *err, size_t errlen)
{
    Scenario *sc = calloc(1, sizeof *sc);
    if (!sc) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (scenario_load_file(path, sc, err, errlen) != 0) {
        free(sc);
        return NULL;
    }
    if (label) label[0] = 0;
    if (r->vary) {
        Vary v;
        char why[512];
        if (vary_parse(r->vary, sc, &v, why, sizeof why) != 0) {
            snprintf(err, errlen, "--vary: %s", why);
            free_scenario(sc);
            return NULL;
        }
        int rc = 0;
        if (r->vary_index >= v.count) {
            snprintf(err, errlen, "--vary: %s has %d value%s, compare needs 2", r->vary, v.count, v.count == 1 ? "" : "s");
            rc = 2;
        } else if (vary_apply(sc, &v.target, &v.values[r->vary_index], why, sizeof why) != 0) {
            snprintf(err, errlen, "--vary: %s", why);
            rc = 2;
        } else if (label) {
            vary_label(sc, &v.target, &v.values[r->vary_index], label, labellen);
        }
        vary_free(&v);
        if (rc) {
            free_scenario(sc);
            return NULL;
        }
    }
    return sc;
}

#define DIVERGE_MAX_TICKS 100000   /* looked at after a change; a later difference counts as here */

/* "socket hwm 16 KiB · file chunk 64 KiB": the file's values of the changes. */
static void describe_file_values(const Scenario *base, const EditList *edits, char *out, size_t len)
{
    out[0] = 0;
    for (int i = 0; i < edits->n; i++) {
        const Edit *e = &edits->e[i];
        VaryValue was = vary_get(base, &e->t);
        char val[48], part[120];
        bool hwm = e->t.param == VP_HWM || e->t.param == VP_RHWM || e->t.param == VP_WHWM;
        const char *id = e->t.stream >= 0 && e->t.stream < base->nstreams ? base->streams[e->t.stream].id : "";
        snprintf(part, sizeof part, "%s%s %s %s", i ? " · " : "", id, hwm ? "hwm" : edit_param_label(e->t.param),
                 edit_value_text(base, &e->t, &was, val, sizeof val));
        if (strlen(out) + strlen(part) < len) strcat(out, part);
    }
}

static void find_divergence(Run *r)
{
    r->diverged = -1;
    r->written_for[0] = 0;
    if (r->edits.n == 0) return;
    int64_t max = r->sc->ticks < DIVERGE_MAX_TICKS ? r->sc->ticks : DIVERGE_MAX_TICKS;
    r->diverged = diverge_tick(r->base, r->sc, max, r->stop);
    if (r->diverged < 0 && max < r->sc->ticks) r->diverged = max + 1;
    describe_file_values(r->base, &r->edits, r->written_for, sizeof r->written_for);
}

bool run_text_stale(const Run *r, int64_t at) { return r->diverged >= 0 && at >= r->diverged; }

/* A fresh running scenario and History from base + edits, at tick `at`.
 * On success replaces r->sc and r->h (and base when it differs). */
static int rebuild(Run *r, Scenario *base, const EditList *edits, int64_t explore, int64_t at, char *err,
                   size_t errlen)
{
    Scenario *sc = calloc(1, sizeof *sc);
    if (!sc || run_clone_scenario(sc, base) != 0) {
        free(sc);
        snprintf(err, errlen, "out of memory");
        return 2;
    }
    if (edit_apply(sc, edits, err, errlen) != 0) {
        free_scenario(sc);
        return 2;
    }
    History *h = hist_create(sc, r->stop, err, errlen);
    if (!h) {
        free_scenario(sc);
        return 2;
    }
    hist_extend(h, explore);
    hist_seek(h, at);
    hist_destroy(r->h);
    free_scenario(r->sc);
    if (base != r->base) free_scenario(r->base);
    r->base = base;
    r->sc = sc;
    r->h = h;
    if (edits != &r->edits) r->edits = *edits;
    code_build(&r->code, sc);
    find_divergence(r);
    return 0;
}

static void stat_file(const char *path, struct timespec *mt, off_t *size)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        *mt = st.st_mtim;
        *size = st.st_size;
    } else {
        memset(mt, 0, sizeof *mt);
        *size = -1;
    }
}

int run_open(Run *r, const char *path, const char *vary, int vary_index, int64_t explore, int64_t at, StopHook stop,
             char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    r->stop = stop;
    snprintf(r->path, sizeof r->path, "%s", path);
    r->vary = vary;
    r->vary_index = vary_index;
    Scenario *base = load_base(r, path, r->label, sizeof r->label, err, errlen);
    if (!base) return 2;
    if (rebuild(r, base, &r->edits, explore, at, err, errlen) != 0) {
        free_scenario(base);
        return 2;
    }
    stat_file(r->path, &r->mtime, &r->fsize);
    return 0;
}

void run_close(Run *r)
{
    hist_destroy(r->h);
    free_scenario(r->sc);
    free_scenario(r->base);
    memset(r, 0, sizeof *r);
}

bool run_file_changed(Run *r)
{
    struct timespec mt;
    off_t size;
    stat_file(r->path, &mt, &size);
    if (size < 0 || (mt.tv_sec == r->mtime.tv_sec && mt.tv_nsec == r->mtime.tv_nsec && size == r->fsize)) return false;
    r->mtime = mt;
    r->fsize = size;
    return true;
}

int run_reload(Run *r, int64_t at, char *err, size_t errlen)
{
    char label[sizeof r->label];
    Scenario *base = load_base(r, r->path, label, sizeof label, err, errlen);
    if (!base) return 2;
    /* The changes that still make sense for the new file stay. */
    EditList keep = {0};
    Scenario *probe = calloc(1, sizeof *probe);
    for (int i = 0; probe && i < r->edits.n; i++) {
        const Edit *e = &r->edits.e[i];
        VaryTarget t;
        if (e->t.stream < 0 || e->t.stream >= r->base->nstreams) continue;
        int s = scenario_find(base, r->base->streams[e->t.stream].id);
        if (s < 0 || !edit_target(base, s, e->t.param, &t)) continue;
        char why[256];
        if (run_clone_scenario(probe, base) != 0) break;
        if (edit_apply(probe, &keep, why, sizeof why) == 0 && vary_apply(probe, &t, &e->v, why, sizeof why) == 0)
            edit_put(&keep, base, &t, &e->v);
        scenario_free(probe);
    }
    free(probe);
    if (rebuild(r, base, &keep, RUN_EXPLORE_START, at, err, errlen) != 0) {
        free_scenario(base);
        return 2;
    }
    snprintf(r->label, sizeof r->label, "%s", label);
    return 0;
}

int run_set(Run *r, const VaryTarget *t, const VaryValue *v, int64_t at, char *err, size_t errlen)
{
    EditList l = r->edits;
    if (!edit_put(&l, r->base, t, v)) {
        snprintf(err, errlen, "too many changes at once");
        return 2;
    }
    return rebuild(r, r->base, &l, RUN_EXPLORE_START, at, err, errlen);
}

int run_reset(Run *r, int stream, VaryParam param, int64_t at, char *err, size_t errlen)
{
    EditList l = r->edits;
    edit_drop(&l, stream, param);
    return rebuild(r, r->base, &l, RUN_EXPLORE_START, at, err, errlen);
}

bool run_changed(const Run *r)
{
    return r->edits.n > 0;
}

/* The scenario file's folder, "." for a bare name. */
static void dir_of(const char *path, char *out, size_t len)
{
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(out, len, ".");
    else if (slash == path) snprintf(out, len, "/");
    else snprintf(out, len, "%.*s", (int)(slash - path), path);
}

/* Marks the texts written for the file's values; drops their questions. */
static int mark_stale(const Run *r, Scenario *copy)
{
    for (int i = 0; i < copy->nactions; i++) {
        ActionDef *a = &copy->actions[i];
        if (a->kind != ACT_NOTE || !a->text || !run_text_stale(r, a->at)) continue;
        size_t n = strlen(a->text) + strlen(r->written_for) + 24;
        char *t = malloc(n);
        if (!t) continue;
        snprintf(t, n, "(written for %s) %s", r->written_for, a->text);
        free(a->text);
        a->text = t;
    }
    int kept = 0, dropped = 0;
    for (int i = 0; i < copy->nquestions; i++) {
        QuestionDef *q = &copy->questions[i];
        if (run_text_stale(r, q->at)) {
            free(q->ask);
            for (int k = 0; k < q->nchoices; k++) free(q->choices[k]);
            free(q->why);
            dropped++;
            continue;
        }
        copy->questions[kept++] = *q;
    }
    copy->nquestions = kept;
    return dropped;
}

int run_save(const Run *r, const char *dir, char *out, size_t outlen, int *dropped, char *err, size_t errlen)
{
    char name[64], folder[4096], path[4200];
    struct stat st;
    int k;
    if (dir) snprintf(folder, sizeof folder, "%s", dir);
    else dir_of(r->path, folder, sizeof folder);
    if (stat(folder, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s is not a folder", folder);
        return -1;
    }
    for (k = 1; k < 1000; k++) {
        /* The name stays a valid scenario name of at most 63 characters. */
        char suffix[24];
        if (k == 1) snprintf(suffix, sizeof suffix, "-edited");
        else snprintf(suffix, sizeof suffix, "-edited-%d", k);
        int keep = (int)(sizeof name - 1 - strlen(suffix));
        snprintf(name, sizeof name, "%.*s%s", keep, r->sc->name, suffix);
        snprintf(path, sizeof path, "%s/%s.yaml", folder, name);
        if (stat(path, &st) != 0) break;
    }
    if (k == 1000) {
        snprintf(err, errlen, "no free file name for %s-edited.yaml in %s", r->sc->name, folder);
        return -1;
    }
    Scenario copy;
    if (run_clone_scenario(&copy, r->sc) != 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    snprintf(copy.name, sizeof copy.name, "%s", name);
    *dropped = mark_stale(r, &copy);
    int rc = scenario_write_file(path, &copy, err, errlen);
    scenario_free(&copy);
    if (rc != 0) return rc;
    char *full = realpath(path, NULL);
    snprintf(out, outlen, "%s", full ? full : path);
    free(full);
    return 0;
}
