/* evtext.c - event descriptions for the log (see evtext.h). */
#include <stdio.h>

#include "view/evtext.h"
#include "view/fmt.h"

static const char *sid(const Scenario *sc, int i)
{
    return i >= 0 && i < sc->nstreams ? sc->streams[i].id : "?";
}

static bool obj_w(const Scenario *sc, int i) { return i >= 0 && i < sc->nstreams && sc->streams[i].wobj; }
static bool obj_r(const Scenario *sc, int i) { return i >= 0 && i < sc->nstreams && sc->streams[i].robj; }

static EvImportance action(const Sim *s, const Scenario *sc, const Event *e, char *buf, size_t len)
{
    char a[32];
    const char *code = e->code ? sim_code_name(s, e->code) : NULL;
    switch ((ActionKind)e->act) {
    case ACT_RATE: snprintf(buf, len, "timeline: rate = %s/tick", fmt_bytes(e->bytes, a, sizeof a)); break;
    case ACT_PAUSE: snprintf(buf, len, "timeline: pause()"); break;
    case ACT_RESUME: snprintf(buf, len, "timeline: resume()"); break;
    case ACT_UNPIPE:
        if (e->other >= 0) snprintf(buf, len, "timeline: unpipe(%s)", sid(sc, e->other));
        else snprintf(buf, len, "timeline: unpipe()");
        break;
    case ACT_WRITE: snprintf(buf, len, "timeline: write(%s)", fmt_bytes(e->bytes, a, sizeof a)); break;
    case ACT_END: snprintf(buf, len, "timeline: end()"); break;
    case ACT_CORK: snprintf(buf, len, "timeline: cork()"); break;
    case ACT_UNCORK: snprintf(buf, len, "timeline: uncork()"); break;
    case ACT_DESTROY:
        if (code) snprintf(buf, len, "timeline: destroy(%s)", code);
        else snprintf(buf, len, "timeline: destroy()");
        return EVI_ALARM;
    case ACT_FAIL: snprintf(buf, len, "timeline: its work fails with %s", code ? code : "an error"); return EVI_ALARM;
    default: snprintf(buf, len, "timeline: %s", action_kind_name((ActionKind)e->act)); break;
    }
    return EVI_NORMAL;
}

EvImportance evtext_describe(const Sim *s, const Scenario *sc, const Event *e, const char *text, char *buf,
                             size_t len)
{
    char a[32];
    int i = e->subject;
    switch (e->kind) {
    case EV_READ: snprintf(buf, len, "_read(%s) asked", fmt_units(e->bytes, obj_r(sc, i), a, sizeof a)); return EVI_DETAIL;
    case EV_PUSH:
        if (e->eof) {
            snprintf(buf, len, "push(null): no more data");
            return EVI_NORMAL;
        }
        snprintf(buf, len, "push(%s)", fmt_units(e->bytes, false, a, sizeof a));
        return EVI_DETAIL;
    case EV_PUSHED:
        snprintf(buf, len, "push() → %s", e->ret ? "true" : "false");
        return e->ret ? EVI_DETAIL : EVI_KEY;
    case EV_WRITE: snprintf(buf, len, "write(%s)", fmt_units(e->bytes, false, a, sizeof a)); return EVI_DETAIL;
    case EV_WROTE:
        snprintf(buf, len, "write() → %s", e->ret ? "true" : "false");
        return e->ret ? EVI_DETAIL : EVI_KEY;
    case EV_BEGIN:
        if (e->chunks > 0)
            snprintf(buf, len, "_writev(%d chunks, %s)", e->chunks, fmt_units(e->bytes, obj_w(sc, i), a, sizeof a));
        else
            snprintf(buf, len, "%s(%s) starts",
                     i >= 0 && i < sc->nstreams && sc->streams[i].kind == SK_TRANSFORM ? "_transform" : "_write",
                     fmt_units(e->bytes, false, a, sizeof a));
        return EVI_DETAIL;
    case EV_DONE:
        if (e->code) {
            snprintf(buf, len, "work failed: %s", sim_code_name(s, e->code));
            return EVI_ALARM;
        }
        snprintf(buf, len, "done %s", fmt_units(e->bytes, false, a, sizeof a));
        return EVI_DETAIL;
    case EV_DATA: snprintf(buf, len, "'data' %s", fmt_units(e->bytes, false, a, sizeof a)); return EVI_DETAIL;
    case EV_READABLE: snprintf(buf, len, "'readable'"); return EVI_DETAIL;
    case EV_DRAIN: snprintf(buf, len, "'drain'"); return EVI_KEY;
    case EV_PAUSE: snprintf(buf, len, "pause()"); return EVI_KEY;
    case EV_RESUME: snprintf(buf, len, "resume()"); return EVI_KEY;
    case EV_END: snprintf(buf, len, "'end' (all read)"); return EVI_NORMAL;
    case EV_PREFINISH: snprintf(buf, len, "'prefinish'"); return EVI_DETAIL;
    case EV_FINISH: snprintf(buf, len, "'finish' (all written)"); return EVI_NORMAL;
    case EV_CLOSE: snprintf(buf, len, "'close'"); return EVI_NORMAL;
    case EV_ERROR: snprintf(buf, len, "'error' %s", sim_code_name(s, e->code)); return EVI_ALARM;
    case EV_PIPE: snprintf(buf, len, "'pipe' from %s", sid(sc, e->other)); return EVI_NORMAL;
    case EV_UNPIPE: snprintf(buf, len, "'unpipe' from %s", sid(sc, e->other)); return EVI_NORMAL;
    case EV_ACTION: return action(s, sc, e, buf, len);
    case EV_PIPELINE:
        if (e->code) {
            snprintf(buf, len, "pipeline callback: %s", sim_code_name(s, e->code));
            return EVI_ALARM;
        }
        snprintf(buf, len, "pipeline callback: done");
        return EVI_NORMAL;
    case EV_UNCAUGHT: snprintf(buf, len, "uncaught 'error' %s: crash", sim_code_name(s, e->code)); return EVI_ALARM;
    case EV_OOM: snprintf(buf, len, "OUT OF MEMORY at %s", fmt_bytes(e->bytes, a, sizeof a)); return EVI_ALARM;
    case EV_NOTE: snprintf(buf, len, "note: %s", text ? text : ""); return EVI_DETAIL;
    default: snprintf(buf, len, "%s", event_kind_name(e->kind)); return EVI_DETAIL;
    }
}
