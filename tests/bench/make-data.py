#!/usr/bin/env python3
"""Writes the inputs of the poll, scale, graph and query benchmarks (stdlib only).

  make-data.py strip --seed FILE --date YYYY-MM-DD --out FILE
      A news page whose header carries the seed's strip as a server-rendered
      ticker (`<li><span class="iw04">흐림</span>서울 18.6℃</li>`), one item
      per item of the seed text dump (tests/fixtures/parse/seed-000.txt):
      the seed's own spellings and temperatures, nameless items left
      nameless, dated DATE (the strip's date line).

  make-data.py feed --registry FILE --at YYYY-MM-DDTHH --out FILE
      KMA's hourly XML feed (the shape of tests/fixtures/demo/kma-feed.xml)
      for every station of the registry, observed at that hour (KST):
      temperatures follow a daily curve, the weather word changes every
      few hours, so graphs drawn from a day of feeds have lines and bands.

  make-data.py feeds --registry FILE --from YYYY-MM-DDTHH --hours N --dir DIR
      The feeds of N hours in turn from that hour (KST), in one process:
      DIR/feed-YYYYMMDDHH.xml, each what `feed --at` writes for its hour.

  make-data.py registry --count N --first ID --out FILE
      A synthetic station registry in the format of stations/stations.tsv:
      N stations numbered from ID, with unique Korean-looking names
      (`가너동`) and romanized names (`Ga-neo-dong`).

Output is deterministic for given arguments. Refuses to write under tests/.
"""

import argparse
import datetime
import math
import os
import random
import re
import sys

WORD_CLASS = {"맑음": "01", "구름조금": "02", "구름많음": "03", "흐림": "04", "비": "08",
              "눈": "11", "박무": "05", "연무": "06", "안개": "07", "-": "04"}
# seed dumps run the word and the name together: `흐림속초15.9℃`
SEED_ITEM = re.compile(r"^\s*•\s*(" + "|".join(sorted(WORD_CLASS, key=len, reverse=True))
                       + r")?(.*?)\s*(-?\d+(?:\.\d+)?)℃\s*$")

# feed words, by hour block, in turn
FEED_WORDS = ("맑음", "구름조금", "구름많음", "흐림", "비", "흐림", "박무", "-")

INITIALS = (("ㄱ", 0, "g"), ("ㄴ", 2, "n"), ("ㄷ", 3, "d"), ("ㄹ", 5, "r"), ("ㅁ", 6, "m"),
            ("ㅂ", 7, "b"), ("ㅅ", 9, "s"), ("ㅇ", 11, ""), ("ㅈ", 12, "j"), ("ㅎ", 18, "h"))
MEDIALS = ((0, "a"), (4, "eo"), (8, "o"), (13, "u"), (18, "eu"), (20, "i"), (1, "ae"),
           (5, "e"), (6, "yeo"), (12, "yo"))
SUFFIXES = (("동", "dong"), ("리", "ri"), ("읍", "eup"), ("면", "myeon"))
PROVINCES = ("강원특별자치도", "경기도", "충청북도", "충청남도", "전북특별자치도", "전라남도",
             "경상북도", "경상남도", "제주특별자치도")
WEEKDAYS = "월화수목금토일"


def syllables():
    out = []
    for _, i, ri in INITIALS:
        for m, rm in MEDIALS:
            out.append((chr(0xAC00 + (i * 21 + m) * 28), ri + rm))
    return out


def refuse_tests(path):
    here = os.path.dirname(os.path.abspath(__file__))
    tests = os.path.normpath(os.path.join(here, ".."))
    full = os.path.abspath(path)
    if full == tests or full.startswith(tests + os.sep):
        sys.exit("make-data.py: refusing to write under tests/; use build/")


def write(path, text):
    refuse_tests(path)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def cmd_strip(a):
    items = []
    with open(a.seed, encoding="utf-8") as f:
        for line in f:
            m = SEED_ITEM.match(line)
            if m:
                items.append((m.group(1) or "-", m.group(2).strip(), m.group(3)))
    if len(items) != a.items:
        sys.exit(f"make-data.py: expected {a.items} strip items in {a.seed}, found {len(items)}")
    day = datetime.date.fromisoformat(a.date)
    date_line = f"{day:%Y.%m.%d} ({WEEKDAYS[day.weekday()]})"
    lis = "\n".join(f'      <li><span class="iw{WORD_CLASS[w]}">{w}</span>{name}'
                    f'{" " if name else ""}{t}℃</li>' for w, name, t in items)
    page = f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<title>동네 도서관, 주말 가족 독서 프로그램 운영 - 시험 신문</title>
<link rel="stylesheet" href="/css/common.css">
<style>.weather_slide li {{ display: inline-block; }}</style>
<script>
  $(function () {{ $('.weather_slide').bxSlider({{ auto: true, pager: false }}); }});
</script>
</head>
<body>
<div id="wrap">
<header>
  <ul class="gnb">
    <li><a href="/news/list.html?sc=1">정치</a></li>
    <li><a href="/news/list.html?sc=2">경제</a></li>
    <li><a href="/news/list.html?sc=3">사회</a></li>
    <li><a href="/news/list.html?sc=4">지역소식</a></li>
  </ul>
  <div class="weather_box">
    <p class="weather_date">{date_line}</p>
    <ul class="weather_slide">
{lis}
    </ul>
    <a href="https://www.weather.go.kr/" class="kma" target="_blank">기상청 제공</a>
  </div>
</header>
<article>
  <h1>동네 도서관, 주말 가족 독서 프로그램 운영</h1>
  <p class="byline">테스트 기자 | 입력 {day:%Y.%m.%d} 09:30</p>
  <p>시립 도서관은 이달 주말마다 가족 단위 이용자를 위한 독서 프로그램을 연다고 밝혔다.</p>
  <p>프로그램은 그림책 함께 읽기, 작가와의 대화, 독서 기록장 만들기 등으로 꾸며졌으며
     초등학생 자녀를 둔 가족이면 누구나 참여할 수 있다.</p>
  <p>도서관 관계자는 "날씨가 좋은 날에는 야외 열람 공간도 함께 운영할 계획"이라고 말했다.</p>
</article>
<aside>
  <ul class="rank">
    <li><a href="/news/articleView.html?idxno=101">주말 나들이객 몰린 한강공원</a></li>
    <li><a href="/news/articleView.html?idxno=102">지역 축제 일정 한눈에</a></li>
    <li><a href="/news/articleView.html?idxno=103">버스 노선 개편 다음 달 시행</a></li>
  </ul>
</aside>
<footer>예시 문서 · wxstrip 벤치마크용</footer>
</div>
</body>
</html>
"""
    write(a.out, page)


def read_registry(path):
    stations = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 2 and cols[0].isdigit():
                stations.append((int(cols[0]), cols[1]))
    if not stations:
        sys.exit(f"make-data.py: no stations in {path}")
    return stations


def cmd_feed(a):
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})T(\d{2})", a.at)
    if not m:
        sys.exit(f"make-data.py: --at {a.at!r} is not YYYY-MM-DDTHH")
    y, mo, d, h = map(int, m.groups())
    hours = datetime.datetime(y, mo, d, h).toordinal() * 24 + h
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<current xmlns="current">',
           f'<weather year="{y}" month="{mo:02d}" day="{d:02d}" hour="{h:02d}">']
    for sid, name in read_registry(a.registry):
        r = random.Random(sid)
        base, swing, phase = r.uniform(2, 22), r.uniform(3, 7), r.randrange(8)
        t = base + swing * math.sin((h - 9) * math.pi / 12) + random.Random(sid * 7919 + hours).gauss(0, 0.4)
        w = FEED_WORDS[(hours // 3 + phase) % len(FEED_WORDS)]
        out.append(f'<local stn_id="{sid}" icon="{WORD_CLASS[w]}" desc="{w}" ta="{t:.1f}">'
                   f"{name}</local>")
    out += ["</weather>", "</current>", ""]
    write(a.out, "\n".join(out))


def cmd_feeds(a):
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})T(\d{2})", a.start)
    if not m:
        sys.exit(f"make-data.py: --from {a.start!r} is not YYYY-MM-DDTHH")
    if a.hours < 1:
        sys.exit("make-data.py: --hours must be at least 1")
    first = datetime.datetime(*map(int, m.groups()))
    for k in range(a.hours):
        at = first + datetime.timedelta(hours=k)
        cmd_feed(argparse.Namespace(registry=a.registry, at=f"{at:%Y-%m-%dT%H}",
                                    out=os.path.join(a.dir, f"feed-{at:%Y%m%d%H}.xml")))


def cmd_registry(a):
    syl = syllables()
    if a.count > len(syl) ** 2 * len(SUFFIXES):
        sys.exit(f"make-data.py: at most {len(syl) ** 2 * len(SUFFIXES)} names")
    rng = random.Random(a.first)
    lines = ["# synthetic station registry for wxstrip's benchmarks (make-data.py registry)",
             "id\tname_ko\tname_en\tlat\tlon\televation_m\tprovince\taliases"]
    for i in range(a.count):
        (s1, r1), (s2, r2) = syl[i % len(syl)], syl[i // len(syl) % len(syl)]
        sk, sr = SUFFIXES[i // len(syl) ** 2]
        name, roman = s1 + s2 + sk, f"{r1}-{r2}-{sr}".lstrip("-").capitalize()
        lines.append(f"{a.first + i}\t{name}\t{roman}\t{rng.uniform(33.2, 38.6):.5f}\t"
                     f"{rng.uniform(124.7, 130.9):.5f}\t{rng.uniform(2, 900):.1f}\t"
                     f"{rng.choice(PROVINCES)}\t")
    write(a.out, "\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("strip")
    s.add_argument("--seed", required=True)
    s.add_argument("--date", required=True)
    s.add_argument("--items", type=int, default=97)
    s.add_argument("--out", required=True)
    f = sub.add_parser("feed")
    f.add_argument("--registry", required=True)
    f.add_argument("--at", required=True)
    f.add_argument("--out", required=True)
    fs = sub.add_parser("feeds")
    fs.add_argument("--registry", required=True)
    fs.add_argument("--from", dest="start", required=True)
    fs.add_argument("--hours", type=int, required=True)
    fs.add_argument("--dir", required=True)
    r = sub.add_parser("registry")
    r.add_argument("--count", type=int, default=10000)
    r.add_argument("--first", type=int, default=100000)
    r.add_argument("--out", required=True)
    a = ap.parse_args()
    {"strip": cmd_strip, "feed": cmd_feed, "feeds": cmd_feeds, "registry": cmd_registry}[a.cmd](a)


if __name__ == "__main__":
    main()
