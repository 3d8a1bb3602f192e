#!/bin/sh
# parse.sh: times `wxstrip parse` against libxml2's parse alone (`make bench`).
#
# Generates BENCH_PAGES (300) realistic pages of about BENCH_KB (300) KB in
# build/bench/pages/ (tests/bench/make-pages.py; regenerated only when the
# generator, the registry, the weather table or the parameters change),
# checks that wxstrip reads all 97 stations from every page, then times, in
# one process each, `wxstrip parse --format tsv` and `xmllint --html
# --noout` over all the pages, BENCH_RUNS (5) times after a warm-up, and
# prints the medians and their ratio against BENCH_TARGET (1.30).
#
# A benchmark, not a test: exit 0 even when the target is missed; non-zero
# when the pages cannot be made or wxstrip fails on any page or misses
# readings. Uses hyperfine when installed (BENCH_HYPERFINE=0 to not).
# Writes only under build/bench/.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"

PAGES=${BENCH_PAGES:-300}
KB=${BENCH_KB:-300}
RUNS=${BENCH_RUNS:-5}
TARGET=${BENCH_TARGET:-1.30}
WXSTRIP=${WXSTRIP:-./wxstrip}
XMLLINT=${XMLLINT:-xmllint}
STATIONS=97

work=build/bench
pages=$work/pages

die() {
    echo "bench: $*" >&2
    exit 1
}

for n in "$PAGES" "$KB" "$RUNS"; do
    case $n in '' | *[!0-9]*) die "BENCH_PAGES, BENCH_KB and BENCH_RUNS must be numbers" ;; esac
done
[ "$PAGES" -gt 0 ] && [ "$RUNS" -gt 0 ] || die "BENCH_PAGES and BENCH_RUNS must be positive"
[ -x "$WXSTRIP" ] || die "$WXSTRIP not built (run make)"
command -v "$XMLLINT" >/dev/null 2>&1 || die "$XMLLINT not found (apt-get install libxml2-utils)"
command -v python3 >/dev/null 2>&1 || die "python3 not found"

mkdir -p "$work"
tmp=$(mktemp -d "$work/tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# ---- the pages ----
stamp=$pages/.stamp
want="pages=$PAGES kb=$KB $(cat tests/bench/make-pages.py stations/stations.tsv src/weather.c | cksum)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    rm -f "$stamp"
    python3 tests/bench/make-pages.py --count "$PAGES" --kb "$KB" --out "$pages" >&2 ||
        die "could not generate the pages"
    printf '%s\n' "$want" >"$stamp"
fi
set -- "$pages"/page-*.html
[ -f "$1" ] && [ $# -eq "$PAGES" ] || die "expected $PAGES pages in $pages, found $#"
bytes=$(cat "$@" | wc -c)

# ---- correctness: every page, every station ----
rc=0
"$WXSTRIP" parse --format tsv "$@" >"$tmp/out.tsv" 2>"$tmp/err.log" || rc=$?
lines=$(wc -l <"$tmp/out.tsv")
expect=$((PAGES * STATIONS + 1))
if [ "$rc" -ne 0 ] || [ "$lines" -ne "$expect" ]; then
    echo "bench: FAILED: wxstrip exited $rc with $lines TSV lines; want exit 0 with" \
        "$expect ($PAGES pages x $STATIONS stations + header)" >&2
    head -n 10 "$tmp/err.log" | sed 's/^/    /' >&2
    "$WXSTRIP" parse --format json "$@" 2>/dev/null |
        awk -v want="$STATIONS" '{
            src = $0; sub(/^\{"source": *"/, "", src); sub(/".*/, "", src)
            n = gsub(/"station":/, "&")
            if (n != want) { printf "    %s: %d readings\n", src, n; if (++bad == 10) exit }
        }' >&2 || true
    exit 1
fi
: >"$tmp/xmllint.err"
"$XMLLINT" --html --noout "$@" 2>"$tmp/xmllint.err" || true
if [ -s "$tmp/xmllint.err" ]; then
    echo "bench: note: xmllint reports $(wc -l <"$tmp/xmllint.err") lines of errors" \
        "(its time then includes printing them):" >&2
    head -n 3 "$tmp/xmllint.err" | sed 's/^/    /' >&2
fi

echo "bench: $PAGES pages, $((bytes / 1024)) KB, $STATIONS readings each; $RUNS runs after a warm-up"

# ---- timing ----
wx_cmd="$WXSTRIP parse --format tsv $*"
xl_cmd="$XMLLINT --html --noout $*"

median() { # seconds, one a line, on stdin
    sort -n | awk '{ v[NR] = $1 } END {
        if (NR == 0) exit 1
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.3f\n", m }'
}

now_ns() {
    date +%s%N
}

if [ "${BENCH_HYPERFINE:-1}" != 0 ] && command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N --style basic --warmup 1 --runs "$RUNS" \
        --export-json "$tmp/hf.json" -n wxstrip "$wx_cmd" -n xmllint "$xl_cmd" >&2 ||
        die "hyperfine failed"
    python3 - "$tmp/hf.json" >"$tmp/medians" <<'EOF'
import json, statistics, sys
r = {x["command"]: statistics.median(x["times"]) for x in json.load(open(sys.argv[1]))["results"]}
print("%.3f %.3f" % (r["wxstrip"], r["xmllint"]))
EOF
    read -r wx xl <"$tmp/medians"
else
    case $(now_ns) in *N | '') die "date +%s%N is not supported here; install hyperfine" ;; esac
    "$WXSTRIP" parse --format tsv "$@" >/dev/null 2>&1 || true # warm-up
    "$XMLLINT" --html --noout "$@" >/dev/null 2>&1 || true
    : >"$tmp/wx.times"
    : >"$tmp/xl.times"
    i=0
    while [ "$i" -lt "$RUNS" ]; do # interleaved, so that drift hits both
        t0=$(now_ns)
        "$WXSTRIP" parse --format tsv "$@" >/dev/null 2>&1 || true
        t1=$(now_ns)
        "$XMLLINT" --html --noout "$@" >/dev/null 2>&1 || true
        t2=$(now_ns)
        echo "$t0 $t1" | awk '{ printf "%.6f\n", ($2 - $1) / 1e9 }' >>"$tmp/wx.times"
        echo "$t1 $t2" | awk '{ printf "%.6f\n", ($2 - $1) / 1e9 }' >>"$tmp/xl.times"
        i=$((i + 1))
    done
    wx=$(median <"$tmp/wx.times")
    xl=$(median <"$tmp/xl.times")
fi

awk -v wx="$wx" -v xl="$xl" -v target="$TARGET" 'BEGIN {
    ratio = xl > 0 ? wx / xl : 0
    printf "parse: wxstrip %.2f s, xmllint %.2f s, ratio %.2f (target <= %.2f)%s\n",
        wx, xl, ratio, target, ratio <= target ? "" : "  MISSED"
}'
