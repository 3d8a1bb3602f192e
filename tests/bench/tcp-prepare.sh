#!/bin/sh
# tcp-prepare.sh: the --prepare command (rounds.py) of poll.sh's run through
# rrdcached over TCP. Not timed.
#
# usage: tcp-prepare.sh TEMPLATE DIR LOG SINCE PORT PIDFILE
#
# Stops the daemon of PIDFILE (stopping writes what it holds, so the
# previous run's check sees every update), restores DIR from TEMPLATE as
# restore.sh does, and starts a fresh rrdcached for it (-B -b DIR: files
# named relative to DIR) on 127.0.0.1:PORT, returning once it answers. A
# fresh daemon each time: one that kept running would remember the last
# update times of the files restore.sh replaced.
set -eu
[ $# -eq 6 ] || { echo "usage: tcp-prepare.sh TEMPLATE DIR LOG SINCE PORT PIDFILE" >&2; exit 2; }
template=$1 dir=$2 log=$3 since=$4 port=$5 pidfile=$6
here=$(dirname "$0")
py=${BENCH_PYTHON:-/usr/bin/python3}
if [ -s "$pidfile" ]; then
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    i=0
    while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
    rm -f "$pidfile"
fi
sh "$here/restore.sh" "$template" "$dir" "$log" "$since"
rrdcached -B -b "$(cd "$dir" && pwd)" -l "127.0.0.1:$port" -p "$pidfile" >/dev/null 2>&1
i=0
until "$py" "$here/rrdcached-flush.py" "127.0.0.1:$port" 0 >/dev/null 2>&1; do
    i=$((i + 1))
    [ "$i" -lt 100 ] || { echo "tcp-prepare.sh: rrdcached did not listen on 127.0.0.1:$port" >&2; exit 1; }
    sleep 0.05
done
