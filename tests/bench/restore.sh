#!/bin/sh
# restore.sh: the --prepare command (rounds.py) of benchmarks whose every timed run
# must store new values (poll.sh, graph.sh). Not timed.
#
# usage: restore.sh TEMPLATE DIR LOG SINCE
#
# When DIR was restored before (a timed run has used it since), first
# appends to LOG what that run left: tests/bench/rrdcheck.py's line (how
# many files got a value newer than SINCE). Then replaces DIR with a copy
# of TEMPLATE, marks it, and syncs, so that writing the copy back does not
# land in the next timed run.
set -eu
[ $# -eq 4 ] || { echo "usage: restore.sh TEMPLATE DIR LOG SINCE" >&2; exit 2; }
template=$1 dir=$2 log=$3 since=$4
here=$(dirname "$0")
if [ -f "$dir/.bench-restored" ]; then
    "${BENCH_PYTHON:-/usr/bin/python3}" "$here/rrdcheck.py" "$dir" "$since" >>"$log"
fi
rm -rf "$dir"
cp -a "$template" "$dir"
: >"$dir/.bench-restored"
sync
