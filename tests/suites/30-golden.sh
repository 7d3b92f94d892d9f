#!/bin/sh
# Golden traces: every scenario in scenarios/ against tests/golden/NAME.trace.
# The golden files were read before they were committed; a diff here is a
# behaviour change to explain (or bless deliberately with `make bless`).
make -s build/highwater >/dev/null || { echo "not ok golden (build failed)"; exit 1; }
build/highwater check scenarios/*.yaml | sed -e 's/^FAIL /not ok /'
