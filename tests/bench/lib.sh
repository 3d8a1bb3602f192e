# lib.sh: what poll.sh, scale.sh and graph.sh share (sourced, not run).
# shellcheck shell=sh disable=SC2034
#
# Sets top (the checkout; the working directory), WXSTRIP, PY (Debian's
# python3, which has python3-rrdtool and the peers' modules), PEERS and
# REFERENCE (../shared), tmp (a temp dir under build/bench/, removed on
# exit with whatever cleanup the script registered in bench_cleanup), and
# conf, a configuration for wxstrip (`wx ARGS` runs it with -c conf).

top=$(cd "$(dirname "$0")/../.." && pwd) || exit 1
cd "$top" || exit 1

WXSTRIP=${WXSTRIP:-./wxstrip}
PY=${BENCH_PYTHON:-/usr/bin/python3}
PEERS=${BENCH_PEERS:-$top/../shared/peers}
REFERENCE=${BENCH_REFERENCE:-$top/../shared/reference}
RUNS=${BENCH_RUNS:-10}
work=build/bench

die() {
    echo "bench: $*" >&2
    exit 1
}

note() {
    echo "bench: $*" >&2
}

is_number() {
    case $1 in '' | *[!0-9]*) return 1 ;; esac
}

is_number "$RUNS" && [ "$RUNS" -gt 0 ] || die "BENCH_RUNS must be a positive number"
[ -x "$WXSTRIP" ] || die "$WXSTRIP not built (run make)"
[ -x "$PY" ] || die "$PY not found"

need() { # command, Debian package
    command -v "$1" >/dev/null 2>&1 || die "$1 not found (apt-get install $2, or make deps)"
}

need_peers() {
    for f in strip2rrd.py strip2rrd.sh; do
        [ -x "$PEERS/$f" ] || die "peer $PEERS/$f not found (BENCH_PEERS)"
    done
    [ -f "$REFERENCE/kma-asos-stations.tsv" ] ||
        die "$REFERENCE/kma-asos-stations.tsv not found (BENCH_REFERENCE)"
    "$PY" -c 'import rrdtool, bs4, lxml' 2>/dev/null ||
        die "$PY lacks rrdtool, bs4 or lxml (apt-get install python3-rrdtool python3-bs4 python3-lxml)"
}

mkdir -p "$work"
tmp=$(mktemp -d "$top/$work/tmp.XXXXXX")
bench_cleanup() { :; }
trap 'bench_cleanup; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# the binary as it is now: a rebuild during the benchmark changes nothing
cp "$WXSTRIP" "$tmp/wxstrip"
WXSTRIP=$tmp/wxstrip

# wxstrip runs with this configuration, not the checkout's wxstrip.conf,
# and writes directly unless a benchmark says otherwise.
conf=$tmp/wxstrip.conf
printf 'stations_file = %s\ntimezone = Asia/Seoul\nrrdcached =\n' "$top/stations/stations.tsv" >"$conf"
unset RRDCACHED_ADDRESS
wx() {
    "$WXSTRIP" -c "$conf" "$@"
}

median() { # numbers, one a line, on stdin
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) exit 1
        printf "%.6f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

now_ns() {
    date +%s%N
}

# Times in KST, whatever the machine's zone: kst FORMAT [EPOCH]
kst() {
    TZ=Asia/Seoul date -d "@${2:-$(date +%s)}" "+$1"
}

# Waits while the KST date would change within MINUTES: a strip is dated
# today, and a benchmark that crosses midnight would poll a stale page.
avoid_midnight() {
    left=$((86400 - ($(date +%s) + 9 * 3600) % 86400))
    if [ "$left" -lt $(($1 * 60)) ]; then
        note "waiting $((left + 5)) s for KST midnight to pass (the strip is dated today)"
        sleep $((left + 5))
    fi
}

# The medians of rounds.py's (or hyperfine's) JSON, in seconds, one per
# command name given, in order:
# hf_medians JSON NAME...
hf_medians() {
    "$PY" - "$@" <<'EOF'
import json, statistics, sys
res = {r["command"]: r["times"] for r in json.load(open(sys.argv[1]))["results"]}
print(" ".join("%.6f" % statistics.median(res[n]) for n in sys.argv[2:]))
EOF
}

# The medians of the CPU times in rounds.py's JSON: hf_cpu JSON NAME...
hf_cpu() {
    "$PY" - "$@" <<'EOF'
import json, statistics, sys
res = {r["command"]: r["cpu"] for r in json.load(open(sys.argv[1]))["results"]}
print(" ".join("%.3f" % statistics.median(res[n]) for n in sys.argv[2:]))
EOF
}

# Starts tests/httpd.py on DOCROOT; sets port and httpd_pid.
start_httpd() {
    "$PY" tests/httpd.py "$1" "$tmp/httpd.log" >"$tmp/httpd.port" 2>"$tmp/httpd.err" &
    httpd_pid=$!
    i=0
    while [ ! -s "$tmp/httpd.port" ] && [ "$i" -lt 100 ]; do
        sleep 0.05
        i=$((i + 1))
    done
    port=$(head -n 1 "$tmp/httpd.port")
    is_number "$port" || die "tests/httpd.py did not start: $(cat "$tmp/httpd.err")"
}

stop_httpd() {
    if [ -n "${httpd_pid:-}" ]; then
        kill "$httpd_pid" 2>/dev/null || true
        wait "$httpd_pid" 2>/dev/null || true
        httpd_pid=
    fi
}

# The station files of DIR that were last updated after SINCE:
# rrd_check DIR SINCE; prints rrdcheck.py's line, sets files, new, unknown.
rrd_check() {
    line=$("$PY" tests/bench/rrdcheck.py "$1" "$2") || die "cannot read the RRD files in $1"
    files=$(echo "$line" | sed -n 's/.* files=\([0-9]*\).*/\1/p')
    new=$(echo "$line" | sed -n 's/.* new=\([0-9]*\).*/\1/p')
    unknown=$(echo "$line" | sed -n 's/.* unknown=\([0-9]*\).*/\1/p')
    last=$(echo "$line" | sed -n 's/.* last=\([0-9]*\).*/\1/p')
}

# Checks the lines restore.sh logged, one per timed run: every file of
# every run got a new, known value. check_runs LOG WANT_FILES MIN_RUNS NAME
check_runs() {
    [ -f "$1" ] || die "$4: no run was checked ($1 missing)"
    n=$(wc -l <"$1")
    [ "$n" -ge "$3" ] || die "$4: only $n runs were checked, want at least $3"
    bad=$(awk -v want="$2" '{
        f = n = u = -1
        for (i = 2; i <= NF; i++) {
            split($i, kv, "=")
            if (kv[1] == "files") f = kv[2]
            if (kv[1] == "new") n = kv[2]
            if (kv[1] == "unknown") u = kv[2]
        }
        if (f != want || n != want || u != 0) print
    }' "$1")
    [ -z "$bad" ] || die "$4: a timed run did not store a new value in every file:
$bad"
}

# Instructions in callgrind output files (summed: one per process).
callgrind_total() {
    cat "$@" | awk '/^summary:/ { s += $2 } END { printf "%.0f\n", s }'
}
