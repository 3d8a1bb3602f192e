#!/bin/sh
# make demo: the main job, `wxstrip poll`, on the bundled sample sources.
# The samples are a KMA feed and a news page; a live source carries the
# current hour, so the demo re-dates copies of them to now (in KST) and
# polls those, with the checkout's configuration: RRD files go to
# stations/, as they would for a real poll.
set -eu
cd "$(dirname "$0")/.."
out=build/demo
mkdir -p "$out"
hour=$(TZ=Asia/Seoul date +'year="%Y" month="%m" day="%d" hour="%H"')
today=$(TZ=Asia/Seoul date +%Y.%m.%d)
sed "s/year=\"2024\" month=\"05\" day=\"05\" hour=\"14\"/$hour/" \
    tests/fixtures/demo/kma-feed.xml > "$out/kma-feed.xml"
sed "s/2025\.11\.25 (화)/$today/" tests/fixtures/demo/news-page.html > "$out/news-page.html"

echo "== ./wxstrip poll $out/kma-feed.xml $out/news-page.html"
./wxstrip poll "$out/kma-feed.xml" "$out/news-page.html"

echo
echo "== what the RRD files hold now (rrdtool lastupdate: time, temp, weather code)"
for st in 108 159 184; do
    name=$(awk -F'\t' -v id="$st" '$1 == id { print $2 }' stations/stations.tsv)
    rrdtool lastupdate "stations/$st.rrd" | tail -n 1 | {
        read -r t temp code
        printf '%s %s  %s  %s℃  code %s\n' "$st" "$name" \
            "$(TZ=Asia/Seoul date -d "@${t%:}" '+%Y-%m-%d %H:%M KST')" "$temp" "$code"
    }
done
echo
echo "== the same sources through the parser (first lines)"
./wxstrip parse --format tsv "$out/news-page.html" | head -n 6
echo
echo "== graphs drawn by the poll (open graphs/index.html for the gallery)"
ls graphs/108/
echo
echo "== ./wxstrip embed 108 (the snippet a news page embeds)"
./wxstrip embed 108 --base-url /graphs
