#!/bin/sh
# graph.sh: issue 4's benchmarks (`make bench`).
#
# The data: a day of KMA feeds for the 97 stations (tests/bench/make-data.py
# feed, one per hour for the 24 hours before this one, temperatures on a
# daily curve, words changing every few hours), ingested with `wxstrip
# ingest`, so every day graph has a line and a weather band.
#
# (a) Day graphs of the 97 stations at equal work: `wxstrip graph --scale 1
#     --period day` (one 1x day PNG per station, in worker processes on
#     every core) against strip2rrd.py's graph step: tests/bench/
#     peer-graphs.py runs exactly the peer's `rrdtool.graph(...)` call (one
#     600x200 day PNG) for each station on the same RRD files, in one
#     python3 process, and times its loop alone (no interpreter start,
#     imports, fetch or stores), which is what the ratio uses; the whole
#     process is reported too. Target (BENCH_TARGET): 1.6x.
# (b) The full set, `wxstrip graph --scale both` (1x and @2x of every
#     period: 8 PNGs a station), timed and reported beside (a).
# (c) A re-poll that brings no new data: `wxstrip poll URL` (graphs on) of
#     the strip page (tests/bench/make-data.py strip, dated today), served
#     by tests/httpd.py with validators, after one poll that stored it:
#     each timed run gets a 304, stores and draws nothing (checked: the
#     server's log, the files' last updates, the PNGs' times). Against the
#     peer's full run on the same page: strip2rrd.py with graphs, fetch,
#     parse, 92 stores and 92 PNGs, its files restored before each run
#     (tests/bench/restore.sh: a day of the same hourly temperatures,
#     peer-graphs.py history, then one run of the peer a few seconds before
#     the timing) and checked after each. Target (BENCH_REPOLL_TARGET): 30x.
#
# Medians of BENCH_RUNS (10) runs after a warm-up, in interleaved rounds
# (tests/bench/rounds.py: each round runs every command once). Prints
# one result line. A benchmark, not a test: exit 0 when a target is missed,
# non-zero when a run failed or did not do its work. Writes only under
# build/bench/graph/.
set -eu
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

TARGET=${BENCH_TARGET:-1.6}
REPOLL_TARGET=${BENCH_REPOLL_TARGET:-30}
need fc-list fontconfig
need_peers
fc-list :lang=ko family | grep -q NanumGothic || die "NanumGothic not found (apt-get install fonts-nanum)"

dir=$work/graph
data=$dir/data
graphs=$dir/graphs
stations=$REFERENCE/kma-asos-stations.tsv
rm -rf "$dir"
mkdir -p "$dir/feeds" "$dir/www"

# ---- a day of data ----
avoid_midnight 15
hour=$(( $(date +%s) / 3600 * 3600 ))
h=24
while [ "$h" -ge 1 ]; do
    "$PY" tests/bench/make-data.py feed --registry stations/stations.tsv \
        --at "$(kst %Y-%m-%dT%H $((hour - h * 3600)))" --out "$dir/feeds/feed-$((25 - h)).xml" ||
        die "could not make the feeds"
    h=$((h - 1))
done
i=1
set --
while [ "$i" -le 24 ]; do
    set -- "$@" "$dir/feeds/feed-$i.xml"
    i=$((i + 1))
done
wx --data-dir "$data" ingest "$@" 2>"$tmp/ingest.err" ||
    die "wxstrip ingest failed: $(tail -n 3 "$tmp/ingest.err")"
rrd_check "$data" $((hour - 2 * 3600))
[ "$files" -eq 97 ] && [ "$new" -eq 97 ] && [ "$last" -eq $((hour - 3600)) ] ||
    die "the day of feeds left $new of $files stations up to date, want 97"

# the PNGs a command wrote after a mark: pngs_since MARK DIR PATTERN
pngs_since() {
    find "$2" -name "$3" -newer "$1" | wc -l
}

# ---- (a) and (b): the day graphs, the full set ----
note "a day of hourly data for 97 stations; $RUNS runs after a warm-up"
touch "$tmp/mark.a"
sleep 1
"$PY" tests/bench/rounds.py --warmup 1 --runs "$RUNS" --export-json "$tmp/hf-ab.json" \
    -n day "$WXSTRIP -c $conf --data-dir $data --graph-dir $dir/day-graphs graph --scale 1 --period day" \
    -n peer "$PY tests/bench/peer-graphs.py graph $stations $data $dir/peer-graphs --times $dir/peer.times" \
    -n full "$WXSTRIP -c $conf --data-dir $data --graph-dir $graphs graph --scale both" >&2 ||
    die "a timed run failed"
read -r m_day m_peer m_full <<EOF
$(hf_medians "$tmp/hf-ab.json" day peer full)
EOF
# the peer's loop alone, without the warm-up
[ "$(wc -l <"$dir/peer.times")" -eq $((RUNS + 1)) ] || die "peer-graphs.py did not time every run"
m_loop=$(tail -n +2 "$dir/peer.times" | cut -d' ' -f1 | median)
cpu_loop=$(tail -n +2 "$dir/peer.times" | cut -d' ' -f2 | median)

n=$(pngs_since "$tmp/mark.a" "$dir/day-graphs" day.png)
all=$(pngs_since "$tmp/mark.a" "$dir/day-graphs" '*.png')
[ "$n" -eq 97 ] && [ "$all" -eq 97 ] || die "wxstrip graph wrote $n day graphs ($all PNGs), want 97"
n=$(pngs_since "$tmp/mark.a" "$dir/peer-graphs" '*-day.png')
[ "$n" -eq 97 ] || die "peer-graphs.py wrote $n day graphs, want 97"
full=$(find "$graphs" -name '*.png' -newer "$tmp/mark.a" | wc -l)
[ "$full" -eq $((97 * 8)) ] || die "wxstrip graph wrote $full graphs, want $((97 * 8))"
# lines: every day graph has a minimum and a maximum
wx --data-dir "$data" --graph-dir "$tmp/check" graph --scale 1 --period day --verbose \
    >"$tmp/verbose.txt" || die "wxstrip graph --verbose failed"
n=$(grep -c ' min [-0-9]' "$tmp/verbose.txt" || true)
[ "$n" -eq 97 ] || die "only $n of 97 day graphs have data: $(grep -v ' min [-0-9]' "$tmp/verbose.txt" | head -n 3)"
sizes=$("$PY" - "$dir/day-graphs/108/day.png" "$dir/peer-graphs/108-day.png" <<'EOF'
import struct, sys
print(", ".join("%s %dx%d" % ((p.split("/")[-1],) + struct.unpack(">II", open(p, "rb").read()[16:24]))
                for p in sys.argv[1:]))
EOF
)
read -r cpu_day cpu_full <<EOF
$(hf_cpu "$tmp/hf-ab.json" day full)
EOF
note "PNG sizes: $sizes (108); $(awk -v d="$cpu_day" -v l="$cpu_loop" -v f="$cpu_full" -v p="$m_peer" \
    'BEGIN { printf "CPU time: wxstrip day graphs %.2f s (all its processes), the peer'"'"'s graph step %.2f s, wxstrip full set %.2f s; wall time of the whole peer-graphs.py process %.2f s", d, l, f, p }')"

# ---- (c) a re-poll that brings nothing ----
avoid_midnight 10
"$PY" tests/bench/make-data.py strip --seed tests/fixtures/parse/seed-000.txt \
    --date "$(kst %Y-%m-%d)" --out "$dir/www/page.html" || die "could not make the page"
start_httpd "$dir/www"
bench_cleanup() { stop_httpd; }
url="http://127.0.0.1:$port/files/page.html"

wx --data-dir "$data" --graph-dir "$graphs" poll "$url" 2>"$tmp/poll.err" ||
    die "the first poll failed: $(tail -n 3 "$tmp/poll.err")"
grep -q 'readings 97: 97 stored' "$tmp/poll.err" ||
    die "the first poll did not store 97 readings: $(tail -n 1 "$tmp/poll.err")"
rrd_check "$data" 0
polled=$last

# the peer's files: a day of history, then one run of the peer
PEER_GRAPHS=0 "$PEERS/strip2rrd.py" "$stations" "$dir/peer.template" "$dir/peer.pngs" "$url" \
    >"$tmp/peer.out" 2>&1 || die "strip2rrd.py failed: $(cat "$tmp/peer.out")"
"$PY" tests/bench/peer-graphs.py history "$data" "$dir/peer.template" ||
    die "could not give the peer's files a history"
PEER_GRAPHS=0 "$PEERS/strip2rrd.py" "$stations" "$dir/peer.template" "$dir/peer.pngs" "$url" \
    >"$tmp/peer.out" 2>&1 || die "strip2rrd.py failed: $(cat "$tmp/peer.out")"
rrd_check "$dir/peer.template" 0
peer_files=$files peer_since=$last
sleep 2 # the peer stores at the second

: >"$tmp/httpd.log"
touch "$tmp/mark.c"
sleep 1
"$PY" tests/bench/rounds.py --warmup 1 --runs "$RUNS" --export-json "$tmp/hf-c.json" \
    -n repoll "$WXSTRIP -c $conf --data-dir $data --graph-dir $graphs poll $url" \
    --prepare "sh tests/bench/restore.sh $dir/peer.template $dir/peer.data $dir/peer.checks $peer_since" \
    -n peer "$PEERS/strip2rrd.py $stations $dir/peer.data $dir/peer.pngs $url" >&2 ||
    die "a timed run failed"
read -r m_repoll m_peerfull <<EOF
$(hf_medians "$tmp/hf-c.json" repoll peer)
EOF

# the re-polls: 304s, nothing stored, nothing drawn
n304=$(grep -c '^/files/page.html 304$' "$tmp/httpd.log" || true)
[ "$n304" -eq $((RUNS + 1)) ] || die "the server answered $n304 re-polls with 304, want $((RUNS + 1))"
rrd_check "$data" "$polled"
[ "$new" -eq 0 ] || die "a re-poll stored something in $new files"
n=$(find "$graphs" -name '*.png' -newer "$tmp/mark.c" | wc -l)
[ "$n" -eq 0 ] || die "a re-poll drew $n graphs"
# the peer: every run stored and drew
"$PY" tests/bench/rrdcheck.py "$dir/peer.data" "$peer_since" >>"$dir/peer.checks"
check_runs "$dir/peer.checks" "$peer_files" $((RUNS + 1)) strip2rrd.py
n=$(find "$dir/peer.pngs" -name '*-day.png' -newer "$tmp/mark.c" | wc -l)
[ "$n" -eq "$peer_files" ] || die "strip2rrd.py drew $n graphs, want $peer_files"

awk -v day="$m_day" -v loop="$m_loop" -v full="$m_full" -v nfull="$full" -v re="$m_repoll" \
    -v pf="$m_peerfull" -v npeer="$peer_files" -v target="$TARGET" -v rt="$REPOLL_TARGET" \
    'function t(s) { return s < 1 ? sprintf("%.1f ms", s * 1000) : sprintf("%.2f s", s) }
    BEGIN {
    a = loop / day
    c = pf / re
    printf "graph: 97 day graphs: wxstrip %s, strip2rrd.py'"'"'s graph step %s (%.2fx; target >= %gx%s); full set of %d PNGs %s; re-poll (304) %s, strip2rrd.py full run (%d stores and graphs) %s (%.0fx; target >= %gx%s)\n",
        t(day), t(loop), a, target, (a >= target ? "" : " MISSED"), nfull, t(full), t(re),
        npeer, t(pf), c, rt, (c >= rt ? "" : " MISSED")
}'
