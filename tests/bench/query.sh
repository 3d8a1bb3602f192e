#!/bin/sh
# query.sh: issue 9's benchmarks, reading back what is stored (`make bench`).
#
# The data: 35 days of KMA feeds for the 97 stations of stations/
# stations.tsv (tests/bench/make-data.py feeds: one feed an hour, the same
# files `make-data.py feed --at` writes, up to the last full hour, KST),
# ingested once with `wxstrip ingest` (not timed) into build/bench/query/
# data, so a month ending now is all real hourly data.
#
# (a) `wxstrip stations --format json` against the loop a user would write
#     for the same: `for f in DATA/*.rrd; do rrdtool lastupdate "$f"; done`
#     (one rrdtool process per file; build/bench/query/lastupdate-loop.sh).
#     Target (BENCH_TARGET): wxstrip 20x faster.
# (b) `wxstrip query 108 --period month --step 1h --format csv` against
#     `rrdtool fetch DATA/108.rrd AVERAGE -r 3600` of the same rows: the
#     month ending now, from its start hour to the hour after now (wxstrip
#     aligns both ends to whole hours). wxstrip labels a row by the start
#     of its hour and rrdtool fetch by its end, and an observation at hh:00
#     is the hh row of wxstrip and the row rrdtool stamps hh:00, so rrdtool
#     is given -s FROM-1h -e TO-1h-1s (its rows stamped FROM .. TO-1h).
#     Target (BENCH_QUERY_TARGET): wxstrip's time at most 1.3x rrdtool's.
#     Timed in the same rounds, for how much of that is process start: an
#     empty main linked with wxstrip's libraries (build/bench/floor-libs,
#     `make bench-tools`), `wxstrip --version` and `rrdtool --version`.
#
# Checked before the timing (not timed): the stations JSON parses and has
# the 97 stations, each with a last reading whose time, temperature and
# code are those `rrdtool lastupdate` prints for its file, and whose first
# reading is the first feed's hour; the query CSV has one row per hour of
# the month, a temperature (mean, min and max) in the rows of the hours the
# feeds cover and none in the others, equal to rrdtool fetch's values of
# the same hours (within 0.01; codes equal), and the last feed's reading of
# 108 in its own hour's row.
#
# Medians of BENCH_RUNS (10) runs after a warm-up, in interleaved rounds
# (tests/bench/rounds.py). Prints one result line per target. A benchmark,
# not a test: exit 0 when a target is missed, non-zero when a run failed or
# its output was wrong. Writes only under build/bench/query/ (kept: the
# feeds, the data, the checked outputs).
set -eu
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

TARGET=${BENCH_TARGET:-20}
QUERY_TARGET=${BENCH_QUERY_TARGET:-1.3}
DAYS=35
STATIONS=97
need rrdtool rrdtool
RRDTOOL=$(command -v rrdtool)
[ -x "$work/floor-libs" ] || die "$work/floor-libs not built (make bench-tools)"
cp "$work/floor-libs" "$tmp/" # as for wxstrip: a rebuild during the benchmark changes nothing

dir=$work/query
data=$dir/data
rm -rf "$dir"
mkdir -p "$dir/feeds"

# ---- 35 days of hourly data, up to the last full hour ----
hour=$(($(date +%s) / 3600 * 3600))
first=$((hour - DAYS * 24 * 3600))
last=$((hour - 3600))
"$PY" tests/bench/make-data.py feeds --registry stations/stations.tsv \
    --from "$(kst %Y-%m-%dT%H "$first")" --hours $((DAYS * 24)) --dir "$dir/feeds" ||
    die "could not make the feeds"
n=$(find "$dir/feeds" -name 'feed-*.xml' | wc -l)
[ "$n" -eq $((DAYS * 24)) ] || die "make-data.py wrote $n feeds, want $((DAYS * 24))"
# feed-YYYYMMDDHH.xml: in the order of their hours
wx --data-dir "$data" ingest "$dir"/feeds/feed-*.xml 2>"$tmp/ingest.err" ||
    die "wxstrip ingest failed: $(tail -n 3 "$tmp/ingest.err")"
want="readings $((DAYS * 24 * STATIONS)): $((DAYS * 24 * STATIONS)) stored"
grep -q "$want" "$tmp/ingest.err" ||
    die "wxstrip ingest did not say '$want': $(tail -n 1 "$tmp/ingest.err")"
n=$(find "$data" -name '*.rrd' | wc -l)
[ "$n" -eq "$STATIONS" ] || die "wxstrip ingest made $n station files, want $STATIONS"
note "$DAYS days of hourly feeds for $STATIONS stations ingested, $(kst '%Y-%m-%d %H:00' "$first")" \
    "to $(kst '%Y-%m-%d %H:00 KST' "$last"); $RUNS runs after a warm-up"

# ---- (a) checked: wxstrip stations against rrdtool lastupdate ----
cat >"$dir/lastupdate-loop.sh" <<'EOF'
#!/bin/sh
# The stations' latest readings as a user would get them: one rrdtool
# process per file. usage: lastupdate-loop.sh DATA
set -e
for f in "$1"/*.rrd; do rrdtool lastupdate "$f"; done
EOF
wx --data-dir "$data" stations --format json >"$dir/stations.json" 2>"$tmp/stations.err" ||
    die "wxstrip stations failed: $(tail -n 3 "$tmp/stations.err")"
sh "$dir/lastupdate-loop.sh" "$data" >"$dir/lastupdate.txt" 2>"$tmp/loop.err" ||
    die "the rrdtool lastupdate loop failed: $(tail -n 3 "$tmp/loop.err")"
n=$(grep -c '^[0-9][0-9]*: ' "$dir/lastupdate.txt" || true)
[ "$n" -eq "$STATIONS" ] || die "the rrdtool lastupdate loop printed $n readings, want $STATIONS"
for f in "$data"/*.rrd; do
    printf '%s ' "$(basename "$f" .rrd)"
    "$RRDTOOL" lastupdate "$f" | sed -n 's/^\([0-9]*\): /\1 /p'
done >"$tmp/lastupdate-by-file.txt"
"$PY" - "$dir/stations.json" "$tmp/lastupdate-by-file.txt" "$STATIONS" "$first" <<'EOF' ||
import json, math, sys
doc, lu, want, first = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
try:
    st = json.load(open(doc, encoding="utf-8"))["stations"]
except (ValueError, KeyError, TypeError) as e:
    sys.exit("%s: not the stations JSON: %s" % (doc, e))
num = lambda x: math.nan if x in (None, "U") else float(x)
same = lambda a, b: a == b or (math.isnan(a) and math.isnan(b))
rrd = {}
for line in open(lu):
    sid, t, temp, code = line.split()
    rrd[int(sid)] = (int(t), num(temp), num(code))
bad = []
if len(st) != want:
    bad.append("%d stations, want %d" % (len(st), want))
for s in st:
    sid = s.get("id")
    if s.get("last") is None:
        bad.append("%s: no last reading" % sid)
        continue
    t, temp, code = rrd.get(sid, (None, math.nan, math.nan))
    if s.get("last_epoch") != t:
        bad.append("%s: last %s, rrdtool lastupdate %s" % (sid, s.get("last_epoch"), t))
    if s.get("temp") is None or not abs(s["temp"] - temp) <= 0.01:
        bad.append("%s: temp %s, rrdtool lastupdate %s" % (sid, s.get("temp"), temp))
    if not same(num(s.get("code")), code):
        bad.append("%s: code %s, rrdtool lastupdate %s" % (sid, s.get("code"), code))
    if s.get("first_epoch") != first:
        bad.append("%s: first %s, want the first feed's hour %d" % (sid, s.get("first_epoch"), first))
if bad:
    sys.exit("wxstrip stations --format json: %d wrong:\n    %s"
             % (len(bad), "\n    ".join(bad[:10])))
EOF
    die "wxstrip stations gave wrong output (above; $dir/stations.json)"

# ---- (b) checked: wxstrip query against rrdtool fetch of the same rows ----
# The month wxstrip queries at NOW: from its start hour to the hour after.
window() { # now: prints FROM TO
    from=$(($1 - 30 * 86400))
    echo "$((from - from % 3600)) $((($1 + 3599) / 3600 * 3600))"
}
tries=0
while :; do
    t0=$(date +%s)
    wx --data-dir "$data" query 108 --period month --step 1h --format csv \
        >"$dir/query.csv" 2>"$tmp/query.err" ||
        die "wxstrip query failed: $(tail -n 3 "$tmp/query.err")"
    t1=$(date +%s)
    [ "$(window "$t0")" != "$(window "$t1")" ] || break
    tries=$((tries + 1))
    [ "$tries" -lt 3 ] || die "the month kept moving while wxstrip query ran"
done
read -r from to <<EOF
$(window "$t0")
EOF
s=$((from - 3600)) e=$((to - 3600 - 1))
"$RRDTOOL" fetch "$data/108.rrd" AVERAGE -r 3600 -s "$s" -e "$e" >"$dir/fetch.txt" 2>"$tmp/fetch.err" ||
    die "rrdtool fetch failed: $(cat "$tmp/fetch.err")"
feed108=$(sed -n 's/.*stn_id="108"[^>]* ta="\([-0-9.]*\)".*/\1/p' \
    "$dir/feeds/feed-$(kst %Y%m%d%H "$last").xml")
[ -n "$feed108" ] || die "no reading of 108 in the last feed"
rows=$("$PY" - "$dir/query.csv" "$dir/fetch.txt" "$from" "$to" "$first" "$last" "$feed108" <<'EOF'
import csv, math, sys
path, fetch = sys.argv[1], sys.argv[2]
frm, to, first, last = map(int, sys.argv[3:7])
feed = float(sys.argv[7])
rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
need = {"epoch", "mean", "min", "max", "n", "code"}
if not rows or not need <= set(rows[0]):
    sys.exit("%s: no rows, or not the columns %s" % (path, ", ".join(sorted(need))))
lines = open(fetch).read().splitlines()
names = lines[0].split()
rrd = {}
for line in lines[1:]:
    if ":" in line:
        t, vals = line.split(":", 1)
        v = [float(x) for x in vals.split()]
        rrd[int(t)] = (v[names.index("temp")], v[names.index("cond")])
num = lambda s: float(s) if s != "" else math.nan
same = lambda a, b: a == b or (math.isnan(a) and math.isnan(b))
want = list(range(frm, to, 3600))
got = [int(r["epoch"]) for r in rows]
bad = []
if got != want:
    bad.append("rows %d, %s .. %s; want %d hourly rows, %d .. %d"
               % (len(got), got[:1], got[-1:], len(want), frm, to - 3600))
if sorted(rrd) != want:
    bad.append("rrdtool fetch: rows stamped %s .. %s (%d), want %d .. %d"
               % (min(rrd, default=None), max(rrd, default=None), len(rrd), frm, to - 3600))
full = 0
for r in rows:
    b = int(r["epoch"])
    has = first <= b <= last
    full += has
    t, code = rrd.get(b, (math.nan, math.nan))
    vals = [num(r[k]) for k in ("mean", "min", "max")]
    if has != (r["n"] not in ("", "0")) or has == math.isnan(t):
        bad.append("%d: n %s, rrdtool %s; the feeds %s this hour"
                   % (b, r["n"], t, "cover" if has else "do not cover"))
    elif has and not all(abs(v - t) <= 0.01 for v in vals):
        bad.append("%d: mean, min, max %s; rrdtool fetch %s" % (b, vals, t))
    elif not has and not all(math.isnan(v) for v in vals):
        bad.append("%d: %s in an hour with no reading" % (b, vals))
    elif has and not same(num(r["code"]), code):
        bad.append("%d: code %s, rrdtool fetch %s" % (b, r["code"], code))
    if b == last and has and abs(num(r["mean"]) - feed) > 0.01:
        bad.append("%d: %s, but the feed of that hour says %s" % (b, r["mean"], feed))
if bad:
    sys.exit("wxstrip query --format csv: %d wrong:\n    %s" % (len(bad), "\n    ".join(bad[:10])))
print(len(rows), full)
EOF
) || die "wxstrip query gave wrong output (above; $dir/query.csv, $dir/fetch.txt)"
read -r nrows nfull <<EOF
$rows
EOF
note "checked: $STATIONS stations agree with rrdtool lastupdate; 108's month, $nrows hourly rows" \
    "($nfull with a reading), agrees with rrdtool fetch -s $s -e $e"

# ---- timing ----
"$PY" tests/bench/rounds.py --warmup 1 --runs "$RUNS" --export-json "$tmp/hf-a.json" \
    -n stations "$WXSTRIP -c $conf --data-dir $data stations --format json" \
    -n lastupdate-loop "sh $dir/lastupdate-loop.sh $data" >&2 ||
    die "a timed run failed"
"$PY" tests/bench/rounds.py --warmup 1 --runs "$RUNS" --export-json "$tmp/hf-b.json" \
    -n query "$WXSTRIP -c $conf --data-dir $data query 108 --period month --step 1h --format csv" \
    -n fetch "$RRDTOOL fetch $data/108.rrd AVERAGE -r 3600 -s $s -e $e" \
    -n floor-libs "$tmp/floor-libs" \
    -n start-up "$WXSTRIP --version" \
    -n rrdtool-start "$RRDTOOL --version" >&2 ||
    die "a timed run failed"
read -r m_st m_loop <<EOF
$(hf_medians "$tmp/hf-a.json" stations lastupdate-loop)
EOF
read -r m_q m_f m_fl m_start m_rstart <<EOF
$(hf_medians "$tmp/hf-b.json" query fetch floor-libs start-up rrdtool-start)
EOF
read -r c_st c_loop c_q c_f <<EOF
$(hf_cpu "$tmp/hf-a.json" stations lastupdate-loop) $(hf_cpu "$tmp/hf-b.json" query fetch)
EOF
note "CPU time (medians): wxstrip stations $(awk -v s="$c_st" 'BEGIN { printf "%.1f", s * 1000 }') ms," \
    "the lastupdate loop $(awk -v s="$c_loop" 'BEGIN { printf "%.0f", s * 1000 }') ms;" \
    "wxstrip query $(awk -v s="$c_q" 'BEGIN { printf "%.1f", s * 1000 }') ms," \
    "rrdtool fetch $(awk -v s="$c_f" 'BEGIN { printf "%.1f", s * 1000 }') ms"

awk -v st="$m_st" -v loop="$m_loop" -v q="$m_q" -v f="$m_f" -v fl="$m_fl" -v start="$m_start" \
    -v rstart="$m_rstart" -v target="$TARGET" -v qt="$QUERY_TARGET" -v n="$STATIONS" \
    -v rows="$nrows" 'function t(s) {
        return s < 1 ? sprintf("%.1f ms", s * 1000) : sprintf("%.2f s", s) }
    BEGIN {
    a = loop / st
    printf "query: stations --format json, %d stations: wxstrip %s, rrdtool lastupdate loop %s: %.1fx (target >= %gx%s)\n",
        n, t(st), t(loop), a, target, (a >= target ? "" : " MISSED")
    b = q / f
    printf "query: query --period month --step 1h, %d rows: wxstrip %s, rrdtool fetch %s: %.2fx (target <= %gx%s); process start: an empty main linked with wxstrip'"'"'s libraries %s (%.0f%% of wxstrip'"'"'s time; %.2fx of rrdtool fetch'"'"'s), wxstrip --version %s, rrdtool --version %s\n",
        rows, t(q), t(f), b, qt, (b <= qt ? "" : " MISSED"), t(fl), 100 * fl / q, fl / f, t(start), t(rstart)
}'
