/* args.h - option values shared by the commands' parsers. */
#ifndef HW_ARGS_H
#define HW_ARGS_H

/* "WxH" with 320x200 <= size <= 7680x4320; 0, or -1 when it is not one. */
int args_size(const char *s, int *w, int *h);
/* A whole number in [lo, hi]; 0, or -1 when it is not one. */
int args_i64(const char *s, long long lo, long long hi, long long *out);

#endif
