#!/bin/sh
# shellcheck disable=SC2154 # the peers' variables are set with eval
# poll.sh: times `wxstrip poll --no-graphs` of the 97-station page over
# loopback HTTP against the peers ../shared/peers/strip2rrd.py and
# strip2rrd.sh with PEER_GRAPHS=0 (issue 3's benchmark; `make bench`).
#
# The page (tests/bench/make-data.py strip) is a news page whose header
# carries the strip of tests/fixtures/parse/seed-000.txt as a ticker,
# `<li><span class="iw04">흐림</span>속초 15.9℃</li>`, dated today (KST),
# with the seed's spellings: wxstrip stores all 97 stations, the peers the
# 92 their regexes and registry (kma-asos-stations.tsv) match (four items
# carry no name, `홍성(예)` is not in their registry). tests/httpd.py
# serves it as /files/page.html?nocache=1 (no validators: every run
# fetches and parses).
#
# Files already created, and every timed run stores a new value in every
# file: before each run (rounds.py --prepare, not timed) tests/bench/
# restore.sh puts back a data directory made before the timing:
#   wxstrip  `wxstrip ingest --at <an hour ago, KST>` of the same page: the
#            files were created and last updated an hour earlier (a poll
#            stores at most one reading per station and minute);
#   peers    one run of the peer itself, a few seconds before the timing.
# restore.sh also checks what the previous run left (every file's last
# update newer than the template's, its temperature known), and the
# benchmark fails unless every timed run passed.
#
# Then one run of each under callgrind (after the same restore): instruction
# counts, deterministic where wall time on a busy machine is not; the peer
# script's children included. BENCH_CALLGRIND=0 skips it (the shell peer
# takes about a minute under valgrind).
#
# The floor (timed in the same rounds): what no program that uses the same
# libraries can go below on this machine, whatever its own code does:
#   floor-libs  an empty main linked with wxstrip's libraries (process
#               start and dynamic loading of libcurl, libxml2 and the
#               libraries they pull in);
#   floor-rrd   rrd_updatex_r of the same 97 files at the current minute
#               in one process, nothing else (restored and checked like
#               the others), less the same program's run with no files
#               (floor-rrd-start: its own process start);
#   floor-fetch curl_global_init, a GET of the same URL into memory and
#               libxml2's HTML parser over it with no callbacks, in one
#               process (its start and library loading included).
# All are built by `make bench-tools` (tests/bench/floor-*.c). floor-libs
# + floor-rrd, without a byte fetched or parsed, bounds the speed-up this
# machine allows; floor-fetch + floor-rrd is the floor of a whole poll
# (fetch, parse, store with these libraries), which wxstrip should stay
# within 1.2x of (issue 12). The result line reports both.
#
# Prints one result line: medians of BENCH_RUNS (10) runs after a warm-up
# (in interleaved rounds, tests/bench/rounds.py), the speed-up of wxstrip
# over each peer, the target (BENCH_TARGET: 20x over strip2rrd.py),
# instruction counts. A benchmark, not a test: exit 0 when the target is
# missed, non-zero when a run failed or did not store.
# Writes only under build/bench/ (poll/ keeps the last run's files and the
# callgrind profiles).
set -eu
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

TARGET=${BENCH_TARGET:-20}
for f in floor-libs floor-rrd floor-fetch; do
    [ -x "$work/$f" ] || die "$work/$f not built (make bench-tools)"
    cp "$work/$f" "$tmp/" # as for wxstrip: a rebuild during the benchmark changes nothing
done
CALLGRIND=${BENCH_CALLGRIND:-1}
[ "$CALLGRIND" = 0 ] || need valgrind valgrind
need_peers

dir=$work/poll
stations=$REFERENCE/kma-asos-stations.tsv
rm -rf "$dir"
mkdir -p "$dir/www"

# ---- the page, served ----
avoid_midnight 10
now=$(date +%s)
at=$((now - 3600))
"$PY" tests/bench/make-data.py strip --seed tests/fixtures/parse/seed-000.txt \
    --date "$(kst %Y-%m-%d "$now")" --out "$dir/www/page.html" ||
    die "could not make the page"
# the same strip, dated as the ingest's time says (the day before, just after midnight)
"$PY" tests/bench/make-data.py strip --seed tests/fixtures/parse/seed-000.txt \
    --date "$(kst %Y-%m-%d "$at")" --out "$dir/page-at.html" ||
    die "could not make the page"
start_httpd "$dir/www"
bench_cleanup() { stop_httpd; stop_tcp; }
url="http://127.0.0.1:$port/files/page.html?nocache=1"

# ---- the data directories every timed run starts from ----
wx --data-dir "$dir/wxstrip.template" ingest --at "$(kst %Y-%m-%dT%H:%M "$at")" \
    "$dir/page-at.html" 2>"$tmp/ingest.err" || die "wxstrip ingest failed: $(cat "$tmp/ingest.err")"
rrd_check "$dir/wxstrip.template" 0
[ "$files" -eq 97 ] || die "wxstrip ingest stored $files stations of the page, want 97"
wx_since=$last wx_files=$files
cp -a "$dir/wxstrip.template" "$dir/floor.template"
floor_since=$wx_since
# through rrdcached over TCP: the same files, a fresh daemon for each run
cp -a "$dir/wxstrip.template" "$dir/tcp.template"
tcp_port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
tcp_pid=$tmp/tcp-rrdcached.pid tcp_since=$wx_since
stop_tcp() { [ ! -s "$tcp_pid" ] || { kill "$(cat "$tcp_pid")" 2>/dev/null || true; sleep 0.5; }; }
floor_files=$(cd "$dir/floor.template" && ls ./*.rrd | sed "s|^\./|$top/$dir/floor.data/|" | tr '\n' ' ')

export PEER_GRAPHS=0
for peer in py sh; do
    "$PEERS/strip2rrd.$peer" "$stations" "$dir/$peer.template" "$dir/$peer.graphs" "$url" \
        >"$tmp/peer.out" 2>&1 || die "strip2rrd.$peer failed: $(cat "$tmp/peer.out")"
    rrd_check "$dir/$peer.template" 0
    [ "$files" -gt 0 ] || die "strip2rrd.$peer stored nothing"
    eval "${peer}_since=\$last ${peer}_files=\$files"
done
sleep 2 # the peers store at the second: a run in the same second would store nothing

note "page: $(wc -c <"$dir/www/page.html") bytes; stations stored per run: wxstrip $wx_files," \
    "strip2rrd.py $py_files, strip2rrd.sh $sh_files; $RUNS runs after a warm-up"

# ---- timing ----
restore() { # name since
    echo "sh tests/bench/restore.sh $dir/$1.template $dir/$1.data $dir/$1.checks $2"
}
"$PY" tests/bench/rounds.py --warmup 1 --runs "$RUNS" --export-json "$tmp/hf.json" \
    --prepare "$(restore wxstrip "$wx_since")" -n wxstrip \
    "$WXSTRIP -c $conf --data-dir $dir/wxstrip.data --graph-dir $dir/wxstrip.graphs poll --no-graphs $url" \
    --prepare "$(restore py "$py_since")" -n strip2rrd.py \
    "$PEERS/strip2rrd.py $stations $dir/py.data $dir/py.graphs $url" \
    --prepare "$(restore sh "$sh_since")" -n strip2rrd.sh \
    "$PEERS/strip2rrd.sh $stations $dir/sh.data $dir/sh.graphs $url" \
    -n start-up "$WXSTRIP --version" \
    -n floor-libs "$tmp/floor-libs" \
    --prepare "$(restore floor "$floor_since")" -n floor-rrd "$tmp/floor-rrd $floor_files" \
    -n floor-rrd-start "$tmp/floor-rrd" \
    -n floor-fetch "$tmp/floor-fetch $url" \
    --prepare "sh tests/bench/tcp-prepare.sh $dir/tcp.template $dir/tcp.data $dir/tcp.checks $wx_since $tcp_port $tcp_pid" \
    -n wxstrip-tcp "env RRDCACHED_ADDRESS=127.0.0.1:$tcp_port $WXSTRIP -c $conf --data-dir $dir/tcp.local --graph-dir $dir/tcp.graphs poll --no-graphs $url" >&2 ||
    die "a timed run failed"
stop_tcp
read -r m_wx m_py m_sh m_start m_flibs m_frrd m_frrd0 m_tcp m_ffetch <<EOF
$(hf_medians "$tmp/hf.json" wxstrip strip2rrd.py strip2rrd.sh start-up floor-libs floor-rrd floor-rrd-start wxstrip-tcp floor-fetch)
EOF

# what the last runs stored, then every run's
for t in wxstrip py sh floor tcp; do
    eval "since=\$${t%strip}_since"
    "$PY" tests/bench/rrdcheck.py "$dir/$t.data" "$since" >>"$dir/$t.checks" ||
        die "cannot read $dir/$t.data"
done
check_runs "$dir/wxstrip.checks" "$wx_files" $((RUNS + 1)) wxstrip
check_runs "$dir/floor.checks" "$wx_files" $((RUNS + 1)) floor-rrd
check_runs "$dir/tcp.checks" "$wx_files" $((RUNS + 1)) wxstrip-tcp
check_runs "$dir/py.checks" "$py_files" $((RUNS + 1)) strip2rrd.py
check_runs "$dir/sh.checks" "$sh_files" $((RUNS + 1)) strip2rrd.sh

# ---- instructions ----
cg=""
if [ "$CALLGRIND" != 0 ]; then
    rm -rf "$dir/callgrind"
    mkdir -p "$dir/callgrind"
    for t in wxstrip py sh; do
        eval "since=\$${t%strip}_since want=\$${t%strip}_files"
        sh tests/bench/restore.sh "$dir/$t.template" "$dir/$t.data" /dev/null "$since"
        case $t in
        wxstrip) set -- "$WXSTRIP" -c "$conf" --data-dir "$dir/$t.data" --graph-dir "$dir/$t.graphs" \
            poll --no-graphs "$url" ;;
        *) set -- "$PEERS/strip2rrd.$t" "$stations" "$dir/$t.data" "$dir/$t.graphs" "$url" ;;
        esac
        note "callgrind: $t"
        valgrind --tool=callgrind --trace-children=yes \
            --callgrind-out-file="$top/$dir/callgrind/$t.%p.out" "$@" >"$tmp/cg.log" 2>&1 ||
            die "$t failed under valgrind: $(tail -n 5 "$tmp/cg.log")"
        rrd_check "$dir/$t.data" "$since"
        [ "$new" -eq "$want" ] || die "$t stored $new of $want stations under valgrind"
        eval "cg_$t=\$(callgrind_total \"\$dir\"/callgrind/\$t.*.out)"
        eval "procs_$t=\$(ls \"\$dir\"/callgrind/\$t.*.out | wc -l)"
    done
    callgrind_annotate "$dir"/callgrind/wxstrip.*.out >"$dir/callgrind/wxstrip.txt" 2>/dev/null || true
    callgrind_annotate --inclusive=yes --auto=no "$dir"/callgrind/wxstrip.*.out \
        >"$dir/callgrind/wxstrip-inclusive.txt" 2>/dev/null || true
    note "callgrind: wxstrip's profile in $dir/callgrind/wxstrip.txt (inclusive: wxstrip-inclusive.txt);" \
        "its instructions: $(awk '
        match($0, /\( *[0-9.]+%\)/) { pct = substr($0, RSTART, RLENGTH); gsub(/[( %)]/, "", pct) }
        /:dl_main( |$)/ { d = pct } /:main \[/ { m = pct } /:curl_global_init( |$)/ { c = pct }
        /:stations_load( |$)/ { r = pct } /:parse_page( |$)/ { p = pct } /:store_put( |$)/ { s = pct }
        END { printf "dynamic linking %s%%, main %s%% (libcurl and OpenSSL init %s%%, registry %s%%, parse %s%%, stores %s%%)", d, m, c, r, p, s }
        ' "$dir/callgrind/wxstrip-inclusive.txt")"
    # shellcheck disable=SC2154
    cg=$(awk -v wx="$cg_wxstrip" -v py="$cg_py" -v sh="$cg_sh" -v shp="$procs_sh" 'BEGIN {
        printf "; instructions (callgrind, one run): wxstrip %.1f M, strip2rrd.py %.1f M (%.1fx), strip2rrd.sh %.1f M in %d processes (%.1fx)",
            wx / 1e6, py / 1e6, py / wx, sh / 1e6, shp, sh / wx }')
fi

awk -v wx="$m_wx" -v py="$m_py" -v sh="$m_sh" -v st="$m_start" -v target="$TARGET" -v cg="$cg" \
    -v nwx="$wx_files" -v npy="$py_files" -v nsh="$sh_files" -v fl="$m_flibs" -v fr="$m_frrd" -v fr0="$m_frrd0" \
    -v tcp="$m_tcp" -v ff="$m_ffetch" 'function t(s) {
        return s < 1 ? sprintf("%.1f ms", s * 1000) : sprintf("%.2f s", s) }
    BEGIN {
    ratio = py / wx
    fr -= fr0
    printf "poll: wxstrip %s (%d stations; its process start alone, --version, %s), strip2rrd.py %s (%d, %.1fx), strip2rrd.sh %s (%d, %.1fx); target >= %gx over strip2rrd.py%s; floor: an empty main linked with these libraries %s + %d librrd updates alone %s = %s, so at most %.1fx over strip2rrd.py on this machine (wxstrip %.2fx it); a whole poll'"'"'s floor (curl_global_init, the fetch and an HTML parse %s + the updates) %s: wxstrip %.2fx it (target <= 1.2x%s); through rrdcached over TCP %s (%.2fx that floor, %.2fx direct, %.0f us a station over direct)%s\n",
        t(wx), nwx, t(st), t(py), npy, ratio, t(sh), nsh, sh / wx, target, (ratio >= target ? "" : "  MISSED"),
        t(fl), nwx, t(fr), t(fl + fr), py / (fl + fr), wx / (fl + fr), t(ff), t(ff + fr), wx / (ff + fr),
        (wx / (ff + fr) <= 1.2 ? "" : "  MISSED"), t(tcp), tcp / (ff + fr), tcp / wx, (tcp - wx) * 1e6 / nwx, cg
}'
