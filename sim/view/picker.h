/* picker.h - the lesson picker (L): the course's lessons (course.h) in
 * their sections and teaching order, each with its title and description
 * read with the scenario reader; scenarios of the folder that the course
 * does not name follow under "More in this folder". Without a course file
 * the folder's scenarios are listed by name.
 *
 * The list is shown as rows: a section's heading, then its lessons. `top`
 * is the first row shown; the selection is a lesson. State only: the
 * overlay (overlay.h) draws it and answers the pointer.
 */
#ifndef HW_VIEW_PICKER_H
#define HW_VIEW_PICKER_H

#include <stdbool.h>

#define PICK_MAX 128
#define PICK_SECTIONS 33   /* the course's, and "More in this folder" */

typedef struct {
    char path[1024];
    char name[64];        /* file base name without .yaml */
    char title[160];      /* title, or the error that stopped the reader */
    char desc[2048];
    int bad;              /* the file did not load */
    int section;          /* index into Picker.section, -1 none */
} PickEntry;

typedef struct {
    int n, sel, top;      /* entries, selected entry, first visible row */
    PickEntry e[PICK_MAX];
    char dir[1024];
    int nsections;
    char section[PICK_SECTIONS][120];
    char problem[600];    /* the course file did not load: why (the list is then by name) */
} Picker;

/* Lists the lessons of dir as above; selects `current` when it is one of
 * them. Returns the number of lessons (0 leaves an empty picker that says so). */
int picker_scan(Picker *p, const char *dir, const char *current);

/* Rows: section headings and lessons, in the order shown. */
int picker_rows(const Picker *p);
/* What row r shows: the lesson's index, or -1 for a heading (its section in *section). */
int picker_row_entry(const Picker *p, int r, int *section);
/* The row of lesson i. */
int picker_entry_row(const Picker *p, int i);

/* Moves the selection by delta lessons and scrolls so it shows among
 * `visible` rows (with its heading when that fits). */
void picker_move(Picker *p, int delta, int visible);
/* Scrolls by delta rows without moving the selection. */
void picker_scroll(Picker *p, int delta, int visible);

#endif
