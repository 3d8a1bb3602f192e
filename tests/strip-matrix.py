#!/usr/bin/python3
"""Every item markup in every container (and a few markups in their own
containers: dl, table rows, pre, br lines), in UTF-8 and EUC-KR: the strip
parser checked on pages it has no fixture for (make check runs it).

usage: strip-matrix.py WXSTRIP STATIONS.TSV CONDITIONS.TSV WORKDIR

For each (item markup, container, charset) it writes one news page whose
header carries a strip of 3 to 12 stations (station-number order, chosen
with a fixed seed: every run writes the same pages), with words from the
condition table and temperatures with and without decimals, negative ones
written with "-" or U+2212. It parses the page with `wxstrip parse` and
compares every station, temperature and weather code with what the page
says. A word's code is what the plainest markup (`<li>WORD 서울 1.0℃</li>`)
gives it, so that spelling variants such as 비끝 / 비끝남 compare equal;
check_weather checks the word table itself. Each page's date line takes one of
DATES' shapes (the long Korean form, a heading's words after it, slashes,
no year with the weekday: then today's date, whose year wxstrip must find),
and the date parse gives is compared too. Prints one line per page that
differs and a count; exit 1 when any differs.
"""
import datetime
import json
import os
import random
import subprocess
import sys

WX, STATIONS, CONDITIONS, WORK = sys.argv[1:5]

ITEMS = [
    "{n} · {w} · {t}℃",
    "{w} | {n} | {t}℃",
    "{n} {w} {t}˚C",
    "{n} {w} {t}ºC",
    "{n}&nbsp;{w}&nbsp;{t}&deg;C",
    "<span class='n'>{n}</span><span class='w'>{w}</span><span class='t'>{t}<em>℃</em></span>",
    "{n} <img alt='{w}'/> {t} <small>℃</small>",
    "<p>{n}</p><p>{w} {t}℃</p>",

    "{w} {n} {t}℃",
    "{n} {w} {t}℃",
    "{w}{n}{t}℃",
    "<span class='ico'>{w}</span>{n} {t}℃",
    "<img src='i.png' alt='{w}'>{n} <b>{t}</b>℃",
    "<a href='#'><i class='w' title='{w}'></i>{n} {t}℃</a>",
    "<span aria-label='{w}' class='ico'></span><span>{n}</span><span>{t}℃</span>",
    "<span>{n}</span><img alt='{w}' src='x.gif'><span>{t}</span><span>℃</span>",
    "{n}({w}) {t}℃",
    "<b>{n}</b> {t}℃ ({w})",
    "{n} {t}&#8451; <img alt='{w}'>",
    "<em>{n}</em><strong>{t}°C</strong><span>{w}</span>",
    "<span>{n}</span> <span>{t}</span>&#8451; <span>{w}</span>",
    "<div class='city'>{n}</div><div class='sky'>{w}</div><div class='tmp'>{t}℃</div>",
]
CONTAINERS = [
    ("<ul class='wx'>", "<li>{}</li>", "</ul>"),
    ("<section><ul>", "<li><a href='/w'>{}</a></li>", "</ul></section>"),
    ("<div class='wx'>", "<div class='it'>{}</div>", "</div>"),
    ("<div class='swiper'><div class='swiper-wrapper'>", "<div class='swiper-slide'>{}</div>",
     "</div></div>"),
    ("<table class='wx'><tbody>", "<tr><td>{}</td></tr>", "</tbody></table>"),
    ("<div class='wx'>", "{} | ", "</div>"),
    ("<div class='wx'><marquee>", "<span>{}</span> · ", "</marquee></div>"),
]
# markups that only make sense in their own container
PAIRS = [
    ("<dt>{n}</dt><dd>{w} {t}℃</dd>", ("<dl class='wx'>", "{}", "</dl>")),
    ("<td>{n}</td><td>{w}</td><td>{t}℃</td>", ("<table><tbody>", "<tr>{}</tr>", "</tbody></table>")),
    ("<td>{n}</td><td>{w}</td><td>{t}</td><td>℃</td>",
     ("<table><tbody>", "<tr>{}</tr>", "</tbody></table>")),
    ("<td>{n}</td><td>{w}</td><td>{t}</td><td>°C</td><td>45%</td>",
     ("<table><tbody>", "<tr>{}</tr>", "</tbody></table>")),
    ("<th>{n}</th><td>{t}℃</td><td>{w}</td>", ("<table><tbody>", "<tr>{}</tr>", "</tbody></table>")),
    ("• {w}{n}{t}℃", ("<pre class='wx'>", "{}\n", "</pre>")),
    ("{n} {w} {t}℃", ("<p class='wx'>", "{}<br>", "</p>")),
]
PAGE = ("<!DOCTYPE html><html><head><meta charset='{cs}'><title>뉴스</title></head><body>"
        "<header><p class='date'>{date}</p>{strip}<span>기상청 제공</span></header>"
        "<article><h1>주말 나들이</h1><p>오늘 오후 전국이 대체로 맑겠습니다. 낮 기온은 평년과 "
        "비슷하겠습니다.</p></article></body></html>")


os.environ["TZ"] = "Asia/Seoul"
TODAY = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=9))).date()
WEEKDAY = "월화수목금토일"[TODAY.weekday()]
# date line shapes and the date each must give
DATES = [
    ("2024.05.05 (일)", "2024-05-05"),
    ("2024년 5월 5일 일요일 오후 2시 현재", "2024-05-05"),
    ("2024년 05월 05일 (일) 오전 9시 30분 기준", "2024-05-05"),
    ("2024.05.05 (일) 주요 지역 날씨", "2024-05-05"),
    ("2024/05/05(일)", "2024-05-05"),
    ("%d월 %d일(%s)" % (TODAY.month, TODAY.day, WEEKDAY), TODAY.isoformat()),
    ("%d.%d(%s)" % (TODAY.month, TODAY.day, WEEKDAY), TODAY.isoformat()),
]


def rows(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]


def parse(page, cs, path):
    raw = page.encode("cp949" if cs == "euc-kr" else "utf-8", errors="xmlcharrefreplace")
    with open(path, "wb") as f:
        f.write(raw)
    out = subprocess.run([WX, "parse", path], capture_output=True)
    try:
        doc = json.loads(out.stdout)
        return {r["station"]: r for r in doc["readings"]}, out.stderr, doc["date"]
    except ValueError:
        return {}, out.stderr, None


stations = [r for r in rows(STATIONS) if r[0].isdigit()]
words = [r[0] for r in rows(CONDITIONS) if r[0] not in ("-", "ko")]
code = {}
for k in range(0, len(words), 90):  # one station per word, 97 stations a page
    batch = words[k:k + 90]
    strip = "<ul>" + "".join("<li>%s %s 1.0℃</li>" % (w, stations[i][1])
                             for i, w in enumerate(batch)) + "</ul>"
    got, _, _ = parse(PAGE.format(cs="utf-8", strip=strip, date=DATES[0][0]), "utf-8",
                      "%s/words.html" % WORK)
    for i, w in enumerate(batch):
        r = got.get(int(stations[i][0]))
        if not r or r["code"] is None or r["code"] <= 0:
            sys.exit("strip-matrix: the plainest markup gives no code for '%s'" % w)
        code[w] = r["code"]
rng = random.Random(20240505)
bad = pages = 0
CASES = [(i, c) for i in ITEMS for c in CONTAINERS] + PAIRS
for (it, cont), cs in [(case, cs) for case in CASES for cs in ("utf-8", "euc-kr")]:
    chosen = sorted(rng.sample(stations, rng.randint(3, 12)), key=lambda r: int(r[0]))
    data = []
    for st in chosen:
        v = rng.uniform(-15, 35)
        t = rng.choice(["%.1f" % v, "%d" % round(v)])
        data.append((int(st[0]), st[1], rng.choice(words), t.replace("-", rng.choice("-−"))))
    strip = cont[0] + "".join(cont[1].format(it.format(w=w, n=n, t=t))
                              for _, n, w, t in data) + cont[2]
    date, want_date = DATES[pages % len(DATES)]
    got, err, got_date = parse(PAGE.format(cs=cs, strip=strip, date=date), cs,
                               "%s/page.html" % WORK)
    pages += 1
    want = {i: (float(t.replace("−", "-")), code[w]) for i, _, w, t in data}
    diff = [i for i in set(want) | set(got)
            if i not in got or i not in want
            or (got[i]["temp"], got[i]["code"]) != want[i]]
    if got_date != want_date:
        bad += 1
        print("date differs: %s | %s | %s: '%s' read as %s, want %s"
              % (it, cont[1], cs, date, got_date, want_date))
    elif diff:
        bad += 1
        print("differs: %s | %s | %s: %s; %s" % (
            it, cont[1], cs, "; ".join("%d want %s got %s" % (
                i, want.get(i), (got[i]["temp"], got[i]["code"]) if i in got else None)
                for i in sorted(diff)), err.decode(errors="replace").strip()))
print("strip-matrix: %d pages, %d differ" % (pages, bad))
sys.exit(1 if bad else 0)
