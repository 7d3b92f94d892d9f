/* picker.h - the lesson picker (L): the scenarios of a directory with
 * their titles and descriptions, read with the scenario reader.
 * A Picker owns its entries; picker_free() releases them.
 */
#ifndef HW_VIEW_PICKER_H
#define HW_VIEW_PICKER_H

#define PICK_MAX 128

typedef struct {
    char path[1024];
    char name[64];        /* file base name without .yaml */
    char title[160];      /* title, or the error that stopped the reader */
    char desc[480];
    int bad;              /* the file did not load */
} PickEntry;

typedef struct {
    int n, sel, top;      /* entries, selected, first visible */
    PickEntry e[PICK_MAX];
    char dir[1024];
} Picker;

/* Lists the .yaml files of dir, sorted by name; selects `current` when it is one of them.
 * Returns the number found (0 leaves an empty picker that says so). */
int picker_scan(Picker *p, const char *dir, const char *current);
void picker_move(Picker *p, int delta, int visible);

#endif
