#!/usr/bin/env python3
"""soak.py: a thousand polls in a row, the clock walked through 40 days.

usage: soak.py WXSTRIP TOP WORKDIR [ITERATIONS]

Serves a KMA feed with tests/httpd.py (under a Korean file name, which the
server percent-decodes) and, ITERATIONS times (1000), rewrites it for the
next hour of a walk that starts 42 days before now, with a temperature and
a weather word for each of 24 stations that change every hour, and runs
`wxstrip ingest --at HOUR URL` on it: fetched over HTTP like a poll, the
clock walked by --at (ingest refuses a time its --at disagrees with).
Checks, and fails (exit 1) when one does not hold:
  - every run stores each station's reading once ("24 stored, 0 skipped")
    and exits 0;
  - the peak RSS of the runs stays flat (the median of the last hundred
    within 5 % and 512 KB of the first hundred's): no leak that grows with
    the files or the hours;
  - `rrdtool fetch` of every station's hourly LAST rows over the walk gives
    exactly what was served, hour by hour (no reading lost, none wrong).
Prints one result line. Writes only under WORKDIR. Standard library only.
"""
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse

STATIONS = [90, 93, 95, 98, 99, 100, 101, 102, 104, 105, 106, 108, 112, 114, 115, 119,
            121, 127, 129, 130, 131, 133, 135, 136]
WORDS = [("맑음", 101), ("구름많음", 202), ("흐림", 203), ("비", 502), ("눈", 601), ("박무", 301)]
NAME = "기상.xml"


def reading(k, i):
    """The temperature (tenths) and weather of station index I at hour K."""
    t10 = ((k * 37 + i * 101) % 700) - 200  # -20.0 .. 49.9
    return t10, WORDS[(k + i) % len(WORDS)]


def feed(when):
    tm = time.localtime(when)
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<current xmlns="current">',
             '<weather year="%04d" month="%02d" day="%02d" hour="%02d">'
             % (tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour)]
    k = int(when // 3600)
    for i, st in enumerate(STATIONS):
        t10, (word, _) = reading(k, i)
        lines.append('<local stn_id="%d" icon="04" desc="%s" ta="%.1f">x</local>'
                     % (st, word, t10 / 10))
    lines += ["</weather>", "</current>", ""]
    return "\n".join(lines).encode()


def peak_rss_kb(argv):
    pid = os.fork()
    if pid == 0:
        os.execv(argv[0], argv)
    _, status, usage = os.wait4(pid, 0)
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss


def main():
    wx, top, work = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    os.environ["TZ"] = "Asia/Seoul"
    time.tzset()
    shutil.rmtree(work, ignore_errors=True)
    docroot, data = os.path.join(work, "www"), os.path.join(work, "data")
    os.makedirs(docroot)
    conf = os.path.join(work, "wxstrip.conf")
    with open(conf, "w") as f:
        f.write("data_dir = %s\ngraph_dir = %s/graphs\nstations_file = %s/stations/stations.tsv\n"
                "timeout = 5s\n" % (data, work, top))
    log = os.path.join(work, "httpd.log")
    httpd = subprocess.Popen(["/usr/bin/python3", os.path.join(top, "tests/httpd.py"), docroot,
                              log], stdout=subprocess.PIPE)
    port = int(httpd.stdout.readline())
    url = "http://127.0.0.1:%d/files/%s" % (port, urllib.parse.quote(NAME))
    now = time.time()
    first = int((now - 42 * 86400) // 3600) * 3600
    rss, failures, started = [], [], time.monotonic()
    err_path = os.path.join(work, "last.err")
    try:
        for j in range(n):
            when = first + j * 3600
            with open(os.path.join(docroot, NAME), "wb") as f:
                f.write(feed(when))
            at = time.strftime("%Y-%m-%dT%H:%M", time.localtime(when))
            fd = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            saved = os.dup(2)
            os.dup2(fd, 2)
            try:
                rc, kb = peak_rss_kb([wx, "-c", conf, "ingest", "--at", at, url])
            finally:
                os.dup2(saved, 2)
                os.close(saved)
                os.close(fd)
            rss.append(kb)
            text = open(err_path, encoding="utf-8", errors="replace").read()
            want = "readings %d: %d stored, 0 skipped" % (len(STATIONS), len(STATIONS))
            if rc != 0 or want not in text:
                failures.append("run %d (%s): exit %d: %s" % (j, at, rc, text.strip()))
                if len(failures) > 5:
                    break
    finally:
        httpd.terminate()
        httpd.wait()
    elapsed = time.monotonic() - started
    # every hour of every station, read back by rrdtool as a second client
    wrong = 0
    last = first + (n - 1) * 3600
    for i, st in enumerate(STATIONS):
        out = subprocess.run(["rrdtool", "fetch", os.path.join(data, "%d.rrd" % st), "LAST",
                              "-r", "3600", "-s", str(first - 3600), "-e", str(last)],
                             capture_output=True, text=True).stdout
        rows = {}
        for line in out.splitlines():
            if ":" in line and line.split(":")[0].strip().isdigit():
                t, vals = line.split(":", 1)
                rows[int(t)] = vals.split()
        for j in range(n):
            when = first + j * 3600
            t10, (_, code) = reading(int(when // 3600), i)
            got = rows.get(when)
            ok = got and abs(float(got[0]) - t10 / 10) < 1e-6 and abs(float(got[1]) - code) < 1e-6
            if not ok:
                wrong += 1
                if wrong <= 3:
                    failures.append("station %d hour %s: fetch %s, served %.1f %d"
                                    % (st, time.strftime("%Y-%m-%d %H:%M", time.localtime(when)),
                                       got, t10 / 10, code))
    head, tail = statistics.median(rss[:100]), statistics.median(rss[-100:])
    flat = tail <= head * 1.05 and tail - head <= 512
    if not flat:
        failures.append("peak RSS grew: first hundred %d KB, last hundred %d KB" % (head, tail))
    print("soak: %d runs of ingest over HTTP (%d stations, %.1f days walked) in %.1f s; "
          "peak RSS first %d KB, last %d KB (%s); readings checked with rrdtool fetch: %d, "
          "wrong or lost: %d; %s"
          % (len(rss), len(STATIONS), (last - first) / 86400, elapsed, head, tail,
             "flat" if flat else "GROWING", len(STATIONS) * n, wrong,
             "ok" if not failures else "FAILED"))
    for f in failures:
        print("soak:   " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
