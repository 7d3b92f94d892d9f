/* cmd_run.c - `highwater run FILE`: the headless run, as a trace, a summary,
 * a CSV table or a Chrome trace (docs/explore.md for the last two). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/chrome_out.h"
#include "app/cmdtab.h"
#include "app/commands.h"
#include "app/csv_out.h"
#include "io/outfile.h"
#include "app/stop.h"
#include "app/summary.h"
#include "core/sim.h"
#include "scenario/scenario_yaml.h"
#include "trace/trace.h"

static void usage(FILE *f)
{
    cmdtab_usage_of(f, "run");
}

int parse_node_arg(const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < 0 || v > 1000 || !node_major_known((int)v))
        return 0;
    return (int)v;
}

/* Parses a tick count for --ticks; -1 when it is not one. */
int64_t parse_ticks_arg(const char *s)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || end == s || v < 1 || v > 1000000000000LL)
        return -1;
    return v;
}

int cmd_run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"ticks", required_argument, 0, 't'}, {"out", required_argument, 0, 'o'},
        {"summary", no_argument, 0, 's'},     {"no-notes", no_argument, 0, 'n'},
        {"help", no_argument, 0, 'h'},        {"format", required_argument, 0, 'f'},
        {"node", required_argument, 0, 'N'},  {0, 0, 0, 0},
    };
    int64_t ticks = 0;
    int node = 0;
    const char *out = NULL;
    bool summary = false, notes = true;
    enum { FMT_TRACE, FMT_CSV, FMT_CHROME } format = FMT_TRACE;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:o:snh", opts, NULL)) != -1) {
        switch (c) {
        case 't':
            ticks = parse_ticks_arg(optarg);
            if (ticks < 0) {
                fprintf(stderr, "highwater run: --ticks needs a whole number from 1 to 10^12, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'o':
            out = optarg;
            break;
        case 'N':
            node = parse_node_arg(optarg);
            if (!node) {
                fprintf(stderr, "highwater run: --node is " NODE_MAJORS_TEXT ", not '%s'\n", optarg);
                return 2;
            }
            break;
        case 's':
            summary = true;
            break;
        case 'n':
            notes = false;
            break;
        case 'f':
            /* Long option only: the short letters stay as they were. */
            if (!strcasecmp(optarg, "trace")) {
                format = FMT_TRACE;
            } else if (!strcasecmp(optarg, "csv")) {
                format = FMT_CSV;
            } else if (!strcasecmp(optarg, "chrome")) {
                format = FMT_CHROME;
            } else {
                fprintf(stderr, "highwater run: --format is trace, csv or chrome, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind != argc - 1) {
        usage(stderr);
        return 2;
    }
    if (summary && format != FMT_TRACE) {
        fprintf(stderr, "highwater run: --summary and --format %s are two different outputs: pick one\n",
                format == FMT_CSV ? "csv" : "chrome");
        return 2;
    }
    const char *file = argv[optind];
    Scenario sc;
    char err[1024];
    if (scenario_load_file_for(file, node, &sc, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    if (ticks > 0)
        sc.ticks = ticks;
    Sim *sim = sim_create(&sc);
    if (!sim) {
        fprintf(stderr, "highwater run: out of memory\n");
        scenario_free(&sc);
        return 2;
    }
    OutFile of;
    if (outfile_open(&of, out) != 0) {
        fprintf(stderr, "highwater run: %s\n", of.err);
        sim_destroy(sim);
        scenario_free(&sc);
        return 2;
    }
    /* SIGINT, SIGTERM, SIGHUP: end (inside a tick too), remove the temporary file. */
    stop_on_signals(STOP_POLL);
    sim_set_interrupt(sim, stop_requested, NULL);

    int rc = 0;
    if (summary) {
        Summary *sum = summary_create(sim);
        if (!sum) {
            rc = 2;
        } else {
            sim_set_sink(sim, summary_event, sum);
            while (!sim_finished(sim) && !stop_signal()) {
                sim_step(sim);
                summary_sample(sum);
            }
            if (!stop_signal())
                summary_print(sum, of.f);
            summary_destroy(sum);
        }
    } else if (format == FMT_CSV) {
        /* No event sink: the table samples the state after each tick. */
        CsvOut csv;
        csv_out_init(&csv, of.f, sim);
        csv_out_header(&csv);
        while (!sim_finished(sim) && !stop_signal()) {
            sim_step(sim);
            csv_out_tick(&csv);
        }
        if (csv_out_finish(&csv) != 0)
            rc = 2;
    } else if (format == FMT_CHROME) {
        ChromeOut chrome;
        chrome_out_init(&chrome, of.f, sim);
        chrome.notes = notes;
        chrome_out_begin(&chrome);
        sim_set_sink(sim, chrome_out_event, &chrome);
        while (!sim_finished(sim) && !stop_signal())
            sim_step(sim);
        if (chrome_out_end(&chrome) != 0)
            rc = 2;
    } else {
        TraceWriter *tw = malloc(sizeof *tw);
        if (!tw) {
            rc = 2;
        } else {
            trace_writer_init(tw, of.f, sim);
            tw->notes = notes;
            char line[TRACE_LINE_MAX];
            size_t len = trace_header(&sc, sc.ticks, line);
            trace_writer_raw(tw, line, len);
            sim_set_sink(sim, trace_writer_event, tw);
            while (!sim_finished(sim) && !stop_signal())
                sim_step(sim);
            if (trace_writer_flush(tw) != 0)
                rc = 2;
            free(tw);
        }
    }
    if (stop_signal()) {
        fprintf(stderr, "highwater run: interrupted at tick %lld; no output file written\n",
                (long long)sim_tick(sim));
        outfile_abort(&of);
        rc = stop_exit_status();
    } else if (rc != 0) {
        fprintf(stderr, "highwater run: cannot write %s: %s\n", of.path, strerror(errno));
        outfile_abort(&of);
    } else if (outfile_commit(&of) != 0) {
        fprintf(stderr, "highwater run: %s\n", of.err);
        rc = 2;
    }
    sim_destroy(sim);
    scenario_free(&sc);
    return rc;
}
