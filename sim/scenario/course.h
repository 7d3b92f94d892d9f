/* course.h - the course: the lesson library's teaching order, in sections.
 *
 * One file, scenarios/course.txt, is the single list of lessons: the
 * window's lesson picker, `highwater list` and docs/lessons.md all follow
 * it (a test checks the document against it, and that every scenario of
 * the library is in it exactly once). Its format:
 *
 *   # a comment
 *   = Backpressure: the core idea        a section starts
 *   video-to-slow-client                 a lesson: scenarios/NAME.yaml
 *
 * Lessons before the first section belong to no section. Errors are
 * `file:line:col: what is wrong`: a line that is not a lesson name, a
 * lesson named twice, a lesson whose file is missing from the folder.
 * No SDL, no globals; a Course is plain data.
 */
#ifndef HW_SCENARIO_COURSE_H
#define HW_SCENARIO_COURSE_H

#include <stddef.h>

#define COURSE_FILE "course.txt"
#define COURSE_MAX_LESSONS 256
#define COURSE_MAX_SECTIONS 32
#define COURSE_NAME_MAX 64
#define COURSE_TITLE_MAX 120

typedef struct {
    char name[COURSE_NAME_MAX];     /* the scenario's file name without .yaml */
    int section;                    /* index into sections, -1 none */
    int line;                       /* where the course names it */
} CourseLesson;

typedef struct {
    int n, nsections;
    CourseLesson lesson[COURSE_MAX_LESSONS];
    char section[COURSE_MAX_SECTIONS][COURSE_TITLE_MAX];
} Course;

/* Reads dir/course.txt and checks that each lesson's dir/NAME.yaml exists.
 * Returns 0 with c filled, 1 when dir has no course file (c empty, not an
 * error: a folder of one's own scenarios), or -1 with err set (c empty). */
int course_load(Course *c, const char *dir, char *err, size_t errlen);

/* Parses course text; file names it in messages. No file system access.
 * Returns 0, or -1 with err set. */
int course_parse(Course *c, const char *file, const char *text, size_t len, char *err, size_t errlen);

/* The lesson's position in the course, or -1. name may end in .yaml or .yml. */
int course_find(const Course *c, const char *name);

/* Orders scenario file names (NAME.yaml) as the course does: the course's
 * lessons first in its order, the rest after them in the order given.
 * Stable; never fails. */
void course_sort_files(const Course *c, char **files, size_t n);

#endif
