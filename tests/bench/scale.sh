#!/bin/sh
# scale.sh: 10,000 synthetic stations stored by `wxstrip ingest`, directly,
# through rrdcached on a unix socket and through rrdcached over TCP (issue
# 3's and issue 12's scale benchmark; `make bench`).
#
# A synthetic registry (BENCH_STATIONS, 10000 stations numbered from
# 100000, Korean-looking names; tests/bench/make-data.py registry), given
# with --stations, and KMA XML feeds naming every station, one per hour.
# The first feed creates the files (timed too, reported apart). Every
# timed run then ingests the next hour's feed, so it is updates only and
# every one of them is new: BENCH_RUNS (5) runs after a warm-up written
# directly, then as many through rrdcached, each run with a daemon of its
# own (rrdcached -g -F -B -b DATA on a unix socket here, selected with
# RRDCACHED_ADDRESS, stopped by PID afterwards: stopping flushes
# everything to the files, and that time is measured as well), then as
# many through a daemon on 127.0.0.1 and a free port (-B -b DATA: files
# named relative to it: per station INFO, UPDATE, FLUSH and INFO, each
# a round trip; then rrdcached-costs.py times each command). After
# every run, every file must show the run's hour as its last update and a
# known temperature (tests/bench/rrdcheck.py), and wxstrip's summary must
# count 10,000 stored.
#
# Reports updates per second (medians), the peak resident memory of
# wxstrip (/usr/bin/time) and of rrdcached (VmHWM), and the disk a file
# takes, and (a second line) what a station costs over TCP, command by
# command, against a bare round trip. No target: the choice of default
# follows the numbers. Exit 0
# unless something did not work. Writes only under build/bench/scale/; the
# station files (over 3 GB) are removed at the end unless BENCH_KEEP=1.
set -eu
BENCH_RUNS=${BENCH_RUNS:-5}
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

N=${BENCH_STATIONS:-10000}
FIRST=100000
is_number "$N" && [ "$N" -gt 0 ] || die "BENCH_STATIONS must be a positive number"
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install time)"
need rrdcached rrdcached

dir=$work/scale
data=$top/$dir/data
rm -rf "$dir"
mkdir -p "$dir/feeds" "$data"
free_kb=$(df -Pk "$dir" | awk 'NR == 2 { print $4 }')
[ "$free_kb" -gt $((N * 330 * 2)) ] || die "not enough disk in $dir for $N station files"

"$PY" tests/bench/make-data.py registry --count "$N" --first "$FIRST" \
    --out "$dir/stations.tsv" || die "could not make the registry"

# hour k of the benchmark, in KST: feeds from two days ago on
base=$(( ($(date +%s) / 3600 - 48) * 3600 ))
hour_at() { kst %Y-%m-%dT%H $((base + $1 * 3600)); }
feed() { # k: makes feed k, prints its path
    f=$dir/feeds/feed-$1.xml
    "$PY" tests/bench/make-data.py feed --registry "$dir/stations.tsv" --at "$(hour_at "$1")" \
        --out "$f" || die "could not make feed $1"
    echo "$f"
}

daemon_pid=
stop_daemon() {
    if [ -n "$daemon_pid" ]; then
        kill "$daemon_pid" 2>/dev/null || true
        wait "$daemon_pid" 2>/dev/null || true
        daemon_pid=
    fi
}
bench_cleanup() {
    stop_daemon
    [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$data"
}

# start_daemon MODE: rrdcached for DATA on a unix socket (cached) or on
# 127.0.0.1 and a free port (tcp); sets addr (wxstrip's) and flush_addr
# (rrdcached-flush.py's).
start_daemon() {
    if [ "$1" = tcp ]; then
        p=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        addr=127.0.0.1:$p flush_addr=127.0.0.1:$p
    else
        sock=$tmp/rrdcached.sock
        rm -f "$sock"
        addr=unix:$sock flush_addr=$sock
    fi
    rm -f "$tmp/rrdcached.pid"
    rrdcached -g -F -B -b "$data" -l "$addr" -p "$tmp/rrdcached.pid" \
        >"$tmp/rrdcached.log" 2>&1 &
    daemon_pid=$!
    w=0
    while ! "$PY" tests/bench/rrdcached-flush.py "$flush_addr" 0 >/dev/null 2>&1 && [ "$w" -lt 100 ]; do
        kill -0 "$daemon_pid" 2>/dev/null || die "rrdcached did not start: $(cat "$tmp/rrdcached.log")"
        sleep 0.05
        w=$((w + 1))
    done
    [ "$w" -lt 100 ] || die "rrdcached did not listen on $addr"
}

# ingest K MODE: times `wxstrip ingest` of feed K (MODE create, direct,
# cached or tcp); appends seconds to $tmp/MODE.times and the peak RSS (KB) to
# $tmp/MODE.rss; through rrdcached, has the daemon write everything
# (seconds to $tmp/flush.times, its peak RSS to $tmp/daemon.rss); checks
# that every file got hour K.
ingest() {
    mode=$2
    f=$(feed "$1")
    addr=
    case $mode in cached | tcp) start_daemon "$mode" ;; esac
    sync
    t0=$(now_ns)
    RRDCACHED_ADDRESS=$addr /usr/bin/time -f %M -o "$tmp/rss" \
        "$WXSTRIP" -c "$conf" --data-dir "$data" --stations "$dir/stations.tsv" ingest "$f" \
        2>"$tmp/ingest.err" || die "wxstrip ingest of hour $1 ($mode) failed: $(tail -n 3 "$tmp/ingest.err")"
    t1=$(now_ns)
    if [ -n "$addr" ]; then # has the daemon write everything: FLUSHALL
        "$PY" tests/bench/rrdcached-flush.py "$flush_addr" "$N" >>"$tmp/$mode.flush" ||
            die "rrdcached did not write the $N updates"
        awk '/^VmHWM:/ { print $2 }' "/proc/$daemon_pid/status" >>"$tmp/$mode.daemon"
        stop_daemon
    fi
    grep -q "readings $N: $N stored, 0 skipped" "$tmp/ingest.err" ||
        die "hour $1 ($mode): wxstrip did not store $N readings: $(tail -n 1 "$tmp/ingest.err")"
    echo "$t0 $t1" | awk '{ printf "%.6f\n", ($2 - $1) / 1e9 }' >>"$tmp/$mode.times"
    tail -n 1 "$tmp/rss" >>"$tmp/$mode.rss"
    rrd_check "$data" $((base + ($1 - 1) * 3600))
    [ "$files" -eq "$N" ] && [ "$new" -eq "$N" ] && [ "$unknown" -eq 0 ] &&
        [ "$last" -eq $((base + $1 * 3600)) ] ||
        die "hour $1 ($mode): $new of $files files got a new value ($unknown unknown), want $N"
    rm -f "$f"
}

# ---- creating the files: hour 0 ----
note "$N stations; creating the files (hour 0, $(hour_at 0) KST)"
: >"$tmp/create.times"
ingest 0 create
create=$(cat "$tmp/create.times")
sync
size=$(stat -c %s "$data/$FIRST.rrd")
alloc=$(du -k "$data/$FIRST.rrd" | cut -f1)
total=$(du -sk "$data" | cut -f1)

# ---- updates: a warm-up, then the runs; directly, then through rrdcached ----
k=1
for mode in direct cached tcp; do
    note "$mode: a warm-up and $RUNS runs of $N updates"
    ingest "$k" "$mode"
    k=$((k + 1))
    : >"$tmp/$mode.times"
    : >"$tmp/$mode.rss"
    : >"$tmp/$mode.flush"
    : >"$tmp/$mode.daemon"
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        ingest "$k" "$mode"
        k=$((k + 1))
        i=$((i + 1))
    done
done
# ---- what a station costs through TCP, command by command ----
note "tcp: $N stations, command by command (tests/bench/rrdcached-costs.py)"
start_daemon tcp
costs=$(cd "$data" && ls | grep '\.rrd$' | xargs "$PY" "$top/tests/bench/rrdcached-costs.py" \
    "$addr" $((base + k * 3600))) || die "rrdcached-costs.py failed"
stop_daemon

note "direct: $(tr '\n' ' ' <"$tmp/direct.times")s; rrdcached: $(tr '\n' ' ' <"$tmp/cached.times")s," \
    "flush $(tr '\n' ' ' <"$tmp/cached.flush")s; TCP: $(tr '\n' ' ' <"$tmp/tcp.times")s," \
    "flush $(tr '\n' ' ' <"$tmp/tcp.flush")s"

direct=$(median <"$tmp/direct.times")
cached=$(median <"$tmp/cached.times")
flush=$(median <"$tmp/cached.flush")
tcp=$(median <"$tmp/tcp.times")
tflush=$(median <"$tmp/tcp.flush")
rss_direct=$(sort -n "$tmp/direct.rss" | tail -n 1)
rss_cached=$(sort -n "$tmp/cached.rss" | tail -n 1)
rss_daemon=$(sort -n "$tmp/cached.daemon" | tail -n 1)
rss_tcp=$(sort -n "$tmp/tcp.rss" | tail -n 1)
rss_tdaemon=$(sort -n "$tmp/tcp.daemon" | tail -n 1)

awk -v n="$N" -v d="$direct" -v c="$cached" -v f="$flush" -v cr="$create" -v rd="$rss_direct" \
    -v rc="$rss_cached" -v rdm="$rss_daemon" -v size="$size" -v alloc="$alloc" -v total="$total" \
    -v tc="$tcp" -v tf="$tflush" -v rt="$rss_tcp" -v rtd="$rss_tdaemon" \
    'BEGIN {
    printf "scale: %d stations: direct %.0f updates/s (%.2f s); rrdcached on a unix socket %.0f updates/s (%.2f s; %.0f/s with its %.2f s flush); over TCP %.0f updates/s (%.2f s, %.0f us a station; %.0f/s with its %.2f s flush); create %.0f files/s; peak RSS wxstrip %.1f MB direct, %.1f MB + rrdcached %.1f MB (unix), %.1f MB + rrdcached %.1f MB (TCP); a file %d bytes (%d KiB on disk, %.2f GiB for all)\n",
        n, n / d, d, n / c, c, n / (c + f), f, n / tc, tc, tc * 1e6 / n, n / (tc + tf), tf, n / cr,
        rd / 1024, rc / 1024, rdm / 1024, rt / 1024, rtd / 1024, size, alloc, total / 1048576
}'
# rtt R info I update U flush F readback B pipelined-update PU pipelined-flush PF (us)
echo "$costs" | awk -v n="$N" -v tc="$tcp" -v d="$direct" '{
    r = $2; station = $4 + $6 + $8 + $10
    printf "scale: over TCP a station costs %.0f us in wxstrip, %.0f us more than directly; command by command (rrdcached-costs.py, as librrd'"'"'s client sends them, one answer awaited at a time): INFO %.0f + UPDATE %.0f + FLUSH %.0f + INFO %.0f = %.0f us, where a bare round trip (STATS) takes %.0f us: the round trips are %.0f%% of it, the daemon'"'"'s work (INFO reads the file'"'"'s header, FLUSH writes it) the rest; pipelined, which librrd 1.7.2'"'"'s client cannot do, UPDATE %.1f us and FLUSH %.0f us\n",
        tc * 1e6 / n, (tc - d) * 1e6 / n, $4, $6, $8, $10, station, r, 4 * r * 100 / station, $12, $14
}'
