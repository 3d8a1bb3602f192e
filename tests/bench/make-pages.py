#!/usr/bin/env python3
"""Writes large, realistic Korean news pages for `make bench` (stdlib only).

Each page is about 300 KB of HTML: a KMA weather strip naming all 97
stations of stations/stations.tsv (weather words from src/weather.c's
table, plausible temperatures), in one of several markups seen on news
sites, plus a long article: nested divs, paragraphs, links, images, inline
scripts and styles, comments, related-news lists and a footer, in
synthetic Korean-looking text. Output is deterministic for a given seed.

The markup stays within what libxml2's HTML parser knows (HTML 4 tags,
well-formed entities), so `xmllint --html --noout` reports nothing and its
time is the parse alone.

usage: make-pages.py [--count N] [--out DIR] [--seed S] [--kb KB] [--top DIR]
"""

import argparse
import html
import os
import random
import re
import sys

STRIP_FORMS = ("slide", "slide_double", "table", "table_bare", "img_alt", "widget")

# How often news strips show each word (the rest of the table is rare).
COMMON_WORDS = {
    "맑음": 30, "구름조금": 14, "구름많음": 18, "흐림": 20, "박무": 8, "연무": 8,
    "비": 6, "약한비": 3, "안개": 3, "눈": 2, "-": 12, "소나기": 2, "황사": 1,
    "진눈깨비": 1, "빗방울": 2, "약한눈단속": 1,
}

# Frequent Hangul syllables, to make words that look like Korean prose.
SYLLABLES = (
    "이 다 는 에 의 가 을 를 고 하 서 지 한 기 로 사 도 인 대 있 정 자 수 시 리 국 적 일 "
    "으 나 부 아 게 어 들 전 해 요 제 상 보 주 장 회 원 것 경 성 그 년 만 중 관 되 말 구 "
    "마 소 동 방 위 신 문 화 과 연 계 없 미 민 생 발 실 행 위 세 선 우 운 모 여 간 무 통 "
    "개 체 현 물 분 교 면 공 영 식 저 당 내 데 후 시 같 학 거 러 조 오 라 비 결 부 입 공 "
    "관 강 산 업 단 지 역 최 근 청 날 씨 온 예 보 측 강 수 량 바 람 기 압 전 망 발 표 특 "
    "보 경 향 남 북 서 동 쪽 지 방 낮 밤 아 침 저 녁 오 늘 내 일 모 레 이 번 주 말"
).split()

ENDINGS = ("다.", "다.", "다.", "습니다.", "했다.", "됐다.", "이다.", "겠다.", "한다.", "있다.")


def read_stations(top):
    names = []
    with open(os.path.join(top, "stations", "stations.tsv"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 2 and cols[0].isdigit():
                names.append(cols[1])
    if len(names) != 97:
        sys.exit(f"make-pages.py: expected 97 stations in stations.tsv, found {len(names)}")
    return names


def read_words(top):
    text = open(os.path.join(top, "src", "weather.c"), encoding="utf-8").read()
    words = re.findall(r'^\s*\{"([^"]+)",\s*[0-9A-Z_]+,\s*WX_CAT_', text, re.M)
    if not words:
        sys.exit("make-pages.py: no weather words found in src/weather.c")
    weights = [COMMON_WORDS.get(w, 0.05) for w in words]
    return words, weights


class Page:
    def __init__(self, rng, names, words, weights, encoding):
        self.rng = rng
        self.encoding = encoding
        self.names = names
        self.words = words
        self.weights = weights
        self.parts = []
        self.size = 0

    def put(self, s):
        self.parts.append(s)
        self.size += len(s.encode(self.encoding, "replace"))

    # ---- text ----

    def word(self, lo=1, hi=4):
        r = self.rng
        return "".join(r.choice(SYLLABLES) for _ in range(r.randint(lo, hi)))

    def sentence(self):
        r = self.rng
        n = r.randint(5, 14)
        parts = []
        for i in range(n):
            w = self.word()
            x = r.random()
            if x < 0.06:
                w = f"{r.randint(1, 2024)}{r.choice(['년', '일', '명', '건', '%', '억 원', 'km'])}"
            elif x < 0.09:
                w = r.choice(self.names) + r.choice(["에서", "의", "과", "지역"])
            elif x < 0.11:
                w = f"'{self.word(2, 3)}'"
            if i and r.random() < 0.12:
                parts[-1] += ","
            parts.append(w)
        s = " ".join(parts)
        if r.random() < 0.08:
            # weather articles quote temperatures in prose
            s += (f" {r.choice(self.names)}의 낮 최고기온은 {r.uniform(-5, 33):.1f}℃로 "
                  f"평년보다 {r.uniform(0.5, 4):.1f}도 높")
        return s + r.choice(ENDINGS)

    def paragraph(self):
        r = self.rng
        text = " ".join(self.sentence() for _ in range(r.randint(2, 6)))
        if r.random() < 0.3:
            words = text.split(" ")
            i = r.randrange(len(words))
            words[i] = f'<a href="/news/articleView.html?idxno={r.randint(10000, 999999)}">{words[i]}</a>'
            text = " ".join(words)
        if r.random() < 0.2:
            text = f"<strong>{self.word(2, 4)}</strong> " + text
        return text

    # ---- the strip ----

    def temps(self):
        r = self.rng
        base = r.uniform(-12, 30)
        return [round(base + r.gauss(0, 3), 1) for _ in self.names]

    def conditions(self):
        return self.rng.choices(self.words, self.weights, k=len(self.names))

    def date_line(self):
        r = self.rng
        y, m, d = 2024, r.randint(1, 12), r.randint(1, 28)
        wd = "월화수목금토일"[(d + m) % 7]
        return f"{y}.{m:02d}.{d:02d} ({wd})"

    def strip(self, form):
        r = self.rng
        temps, conds = self.temps(), self.conditions()
        items = list(zip(self.names, conds, temps))
        out = ['<div class="weather_box">']
        if form in ("slide", "slide_double"):
            out.append(f'<p class="date">{self.date_line()}</p><ul class="weather_slide">')
            rounds = 2 if form == "slide_double" else 1
            for _ in range(rounds):
                for name, w, t in items:
                    icon = r.randint(1, 40)
                    out.append(f'<li><span class="iw{icon:02d}">{html.escape(w)}</span>'
                               f'{name} {t:.1f}℃</li>')
            out.append('</ul><a href="http://www.kma.go.kr" target="_blank">기상청 제공</a>')
        elif form in ("table", "table_bare"):
            # A bare-number column headed "기온(℃)" gives no readings with
            # the parser as it is (the header's ℃ counts as a temperature),
            # so that form says only "기온".
            unit, head = ("", "기온") if form == "table_bare" else ("&#8451;", "기온(℃)")
            out.append(f'<div class="date">{self.date_line()}</div>'
                       '<table class="tbl_weather" summary="전국 날씨">'
                       '<thead><tr><th scope="col">지역</th><th scope="col">날씨</th>'
                       f'<th scope="col">{head}</th></tr></thead><tbody>')
            for name, w, t in items:
                out.append(f'<tr><td class="area">{name}</td><td class="wx">{html.escape(w)}</td>'
                           f'<td class="ta">{t:.1f}{unit}</td></tr>')
            out.append('</tbody></table><p class="src">기상청 제공</p>')
        elif form == "img_alt":
            out.append(f'<p class="date">{self.date_line()}</p><ul class="wx_list">')
            for name, w, t in items:
                out.append(f'<li><img src="/img/weather/w{r.randint(1, 40):02d}.png" '
                           f'alt="{html.escape(w)}" width="18" height="18"> '
                           f'<em>{name}</em> <span class="ta">{t:.1f}</span>°C</li>')
            out.append('</ul>')
        else:  # widget: word in its own <p>, temperature in a span
            out.append(f'<p class="date">{self.date_line()}</p><ul class="weather_widget">')
            for name, w, t in items:
                out.append(f'<li><p class="icon ico{r.randint(1, 40):02d}">{html.escape(w)}</p>'
                           f'<span class="loc">{name}</span> <span class="ta">{t:.1f}</span>'
                           f'&#8451;</li>')
            out.append('</ul><span class="credit">기상청 제공</span>')
        out.append("</div>")
        return "\n".join(out)

    # ---- the rest of a news page ----

    def style(self):
        r = self.rng
        rules = []
        for _ in range(r.randint(20, 60)):
            sel = r.choice(["#wrap", ".article_view", ".weather_box li", "#header .gnb a",
                            ".aside .rank li", "p.caption", ".footer", ".tbl_weather td"])
            rules.append(f"{sel}{r.randint(0, 99)} {{ margin: {r.randint(0, 20)}px; "
                         f"color: #{r.randint(0, 0xFFFFFF):06x}; font-size: {r.randint(11, 20)}px; }}")
        return "<style type=\"text/css\">\n" + "\n".join(rules) + "\n</style>"

    def script(self):
        r = self.rng
        kind = r.random()
        if kind < 0.3:
            # a widget's data, which looks like a strip but is code
            items = ", ".join(f'{{"name": "{n}", "ta": "{t:.1f}℃"}}'
                              for n, t in zip(r.sample(self.names, 12),
                                              (r.uniform(-5, 30) for _ in range(12))))
            body = f"var wxData = [{items}];\nrenderWeather(wxData);"
        elif kind < 0.6:
            body = ("(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':"
                    "new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],"
                    "j=d.createElement(s);j.async=true;j.src='https://www.googletagmanager.com/"
                    f"gtm.js?id='+i;f.parentNode.insertBefore(j,f);}})(window,document,'script',"
                    f"'dataLayer','GTM-{r.randint(100000, 999999)}');")
        else:
            body = "\n".join(
                f"  $('.{self.word(1, 1)}{i}').on('click', function () {{ "
                f"var n = {r.randint(0, 999)}; if (n > {r.randint(0, 999)}) {{ "
                f"$(this).toggleClass('on'); }} }});"
                for i in range(r.randint(5, 25)))
            body = "$(document).ready(function () {\n" + body + "\n});"
        return f'<script type="text/javascript">\n//<![CDATA[\n{body}\n//]]>\n</script>'

    def comment(self):
        return f"<!-- {self.rng.choice(['기사 본문', 'ad slot', '관련기사', 'banner', 'end'])} " \
               f"{self.word()} {self.rng.randint(0, 9999)} -->"

    def links(self, n, cls):
        r = self.rng
        out = [f'<ul class="{cls}">']
        for _ in range(n):
            out.append(f'<li><a href="/news/articleView.html?idxno={r.randint(10000, 999999)}">'
                       f'{" ".join(self.word() for _ in range(r.randint(3, 8)))}</a>'
                       f' <span class="date">2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}</span></li>')
        out.append("</ul>")
        return "\n".join(out)

    def article_block(self, depth=0):
        r = self.rng
        x = r.random()
        if x < 0.55 or depth > 3:
            return f"<p>{self.paragraph()}</p>"
        if x < 0.65:
            return (f'<div class="photo"><img src="/news/photo/{r.randint(1000, 9999)}.jpg" '
                    f'alt="{self.word(2, 5)} {self.word(2, 4)}" width="600">'
                    f'<p class="caption">{self.sentence()}</p></div>')
        if x < 0.72:
            return self.comment()
        if x < 0.77:
            return self.script()
        if x < 0.82:
            return f"<h3>{self.word(2, 4)} {self.word(2, 4)}</h3>"
        if x < 0.87:
            return self.links(r.randint(3, 6), "related")
        inner = "\n".join(self.article_block(depth + 1) for _ in range(r.randint(2, 5)))
        return f'<div class="box{depth}"><div class="inner">\n{inner}\n</div></div>'

    def build(self, target, form, charset):
        r = self.rng
        p = self.put
        p("<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" "
          "\"http://www.w3.org/TR/html4/loose.dtd\">\n")
        p(f'<html lang="ko"><head>\n<meta http-equiv="Content-Type" '
          f'content="text/html; charset={charset}">\n'
          f"<title>{self.word(2, 4)} {self.word(2, 4)} - {self.word(2, 3)}신문</title>\n"
          '<link rel="stylesheet" type="text/css" href="/css/common.css">\n')
        p(self.style() + "\n" + self.script() + "\n" + self.script() + "\n</head>\n<body>\n")
        p('<div id="wrap"><div id="header"><div class="top_menu">')
        p(self.links(r.randint(8, 15), "gnb"))
        top = r.random() < 0.7
        if top:
            p(self.strip(form))
        p("</div></div>\n")
        p('<div id="container"><div class="article_view">\n'
          f"<h1 class=\"title\">{self.word(2, 4)} {self.word(2, 4)} {self.word(2, 4)}</h1>\n"
          f'<div class="byline">{self.word(2, 3)} 기자 | 입력 2024-05-05 14:{r.randint(0, 59):02d}</div>\n'
          '<div id="article_body">\n')
        body_target = target - (30 if top else 45) * 1024
        while self.size < body_target:
            p(self.article_block() + "\n")
        p("</div></div>\n<div class=\"aside\">")
        if not top:
            p(self.strip(form))
        p(self.links(r.randint(10, 20), "rank"))
        p("</div></div>\n")
        while self.size < target - 2048:
            p(self.links(6, "more") + "\n" + self.comment() + "\n")
        p(f'<div id="footer"><p>{self.sentence()}</p><p>Copyright 2024 All rights reserved.</p></div>\n')
        p(self.script() + "\n</div></body></html>\n")
        return "".join(self.parts)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--out", default="build/bench/pages")
    ap.add_argument("--seed", type=int, default=20240505)
    ap.add_argument("--kb", type=int, default=300, help="approximate size of a page")
    ap.add_argument("--euckr", type=float, default=0.1, help="share of EUC-KR pages")
    ap.add_argument("--top", default=os.path.normpath(os.path.join(here, "..", "..")))
    a = ap.parse_args()

    out = os.path.abspath(a.out)
    tests = os.path.join(os.path.abspath(a.top), "tests")
    if out == tests or out.startswith(tests + os.sep):
        sys.exit("make-pages.py: refusing to write under tests/; use build/")
    names = read_stations(a.top)
    words, weights = read_words(a.top)
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        if f.startswith("page-") and f.endswith(".html"):
            os.remove(os.path.join(out, f))
    for i in range(a.count):
        rng = random.Random(a.seed * 100003 + i)
        form = STRIP_FORMS[i % len(STRIP_FORMS)]
        encoding = "cp949" if rng.random() < a.euckr else "utf-8"
        page = Page(rng, names, words, weights, encoding).build(
            a.kb * 1024, form, "euc-kr" if encoding == "cp949" else "utf-8")
        data = page.encode(encoding)
        with open(os.path.join(out, f"page-{i:04d}.html"), "wb") as f:
            f.write(data)
    print(f"make-pages.py: {a.count} pages of ~{a.kb} KB in {a.out}")


if __name__ == "__main__":
    main()
