#!/bin/sh
# embed.sh - turn a text file into a C string constant (no xxd needed).
# usage: tools/embed.sh INPUT SYMBOL > OUTPUT.c
in="$1"; sym="$2"
echo "/* generated from $in by tools/embed.sh; do not edit */"
echo "#include <stddef.h>"
printf 'const char %s[] =\n' "$sym"
sed -e 's/\\/\\\\/g' -e 's/?/\\?/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/\\n"/' "$in"
echo ";"
printf 'const size_t %s_len = sizeof(%s) - 1;\n' "$sym" "$sym"
