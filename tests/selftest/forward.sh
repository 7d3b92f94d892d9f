# forward.sh - sourced by the stand-ins: runs the real binary ($HW_REAL) in
# the background with Ctrl-C's default action, passes SIGINT and SIGTERM on to
# it, and leaves its exit status in $real_rc. A stand-in never leaves the real
# binary running after it ends (a suite may kill the stand-in's pid only).
real() {
    env --default-signal=INT "$HW_REAL" "$@" &
    real_pid=$!
    trap 'kill -INT $real_pid 2>/dev/null' INT
    trap 'kill -TERM $real_pid 2>/dev/null' TERM
    trap 'kill -KILL $real_pid 2>/dev/null' EXIT
    real_rc=0
    # wait returns early (status > 128) when a trapped signal arrives.
    while :; do
        wait "$real_pid" && real_rc=0 || real_rc=$?
        kill -0 "$real_pid" 2>/dev/null || break
    done
    trap - INT TERM EXIT
}
