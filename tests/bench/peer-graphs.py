#!/usr/bin/python3
"""strip2rrd.py's graph step alone, and a history for its files (graph.sh).

  peer-graphs.py graph STATIONS_TSV DATA_DIR GRAPH_DIR [--times FILE]
      Runs exactly the `rrdtool.graph(...)` call of ../shared/peers/
      strip2rrd.py (one 600x200 day PNG) for every station file in
      DATA_DIR, named from STATIONS_TSV (the peer's registry format), and
      appends the seconds the loop took, wall and CPU, to FILE: the peer's
      graph step, without its interpreter start, imports, fetch and stores.

  peer-graphs.py history FROM_DIR PEER_DIR
      Gives every station file of PEER_DIR (made by a run of the peer) the
      hourly temperatures of the last day that wxstrip's file of the same
      station in FROM_DIR holds: PEER_DIR's files are re-created with the
      peer's own create arguments, a day earlier, and updated hourly, so
      the peer's day graphs have the same lines as wxstrip's.

Runs on Debian's python3 (python3-rrdtool).
"""
import os
import sys
import time

import rrdtool


def peer_graph(graph_dir, data_dir, sid, name):
    # verbatim from strip2rrd.py
    rrdtool.graph(os.path.join(graph_dir, sid + "-day.png"), "--start", "-1d", "--end", "now",
                  "--width", "600", "--height", "200", "--title", name + " 기온",
                  "--font", "DEFAULT:9:NanumGothic", "--vertical-label", "°C",
                  "DEF:t=%s:temp:AVERAGE" % os.path.join(data_dir, sid + ".rrd"),
                  "LINE2:t#d33:기온", "GPRINT:t:LAST:현재 %4.1lf℃", "GPRINT:t:MIN:최저 %4.1lf℃",
                  "GPRINT:t:MAX:최고 %4.1lf℃")


def load_stations(path):  # as strip2rrd.py reads it, by number
    names = {}
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            names[cols[0]] = cols[1]
    return names


def station_ids(d):
    ids = sorted(f[:-4] for f in os.listdir(d) if f.endswith(".rrd") and f[:-4].isdigit())
    if not ids:
        sys.exit("peer-graphs.py: no station files in %s" % d)
    return ids


def cmd_graph(args):
    times = None
    if "--times" in args:
        i = args.index("--times")
        times, args = args[i + 1], args[:i] + args[i + 2:]
    stations, data_dir, graph_dir = args
    names = load_stations(stations)
    ids = station_ids(data_dir)
    os.makedirs(graph_dir, exist_ok=True)
    start, cpu = time.perf_counter(), time.process_time()
    for sid in ids:
        peer_graph(graph_dir, data_dir, sid, names.get(sid, sid))
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    if times:
        with open(times, "a") as f:
            f.write("%.6f %.6f\n" % (took, cpu))
    print("%d graphs in %.3f s" % (len(ids), took))


def cmd_history(args):
    from_dir, peer_dir = args
    now = int(time.time())
    end = now - now % 3600
    for sid in station_ids(peer_dir):
        src = os.path.join(from_dir, sid + ".rrd")
        (first, last, step), _, rows = rrdtool.fetch(src, "AVERAGE", "-r", "3600",
                                                     "-s", str(end - 86400), "-e", str(end))
        rrd = os.path.join(peer_dir, sid + ".rrd")
        os.remove(rrd)
        # strip2rrd.py's create, a day and an hour earlier than its own
        rrdtool.create(rrd, "--step", "600", "--start", str(end - 86400 - 3600),
                       "DS:temp:GAUGE:7200:-60:60", "DS:cond:GAUGE:7200:0:255",
                       "RRA:AVERAGE:0.5:1:1008", "RRA:MIN:0.5:6:1488", "RRA:MAX:0.5:6:1488",
                       "RRA:AVERAGE:0.5:6:1488", "RRA:LAST:0.5:1:1008")
        values = ["%d:%s:U" % (first + (i + 1) * step, "U" if r[0] is None else "%.1f" % r[0])
                  for i, r in enumerate(rows) if first + (i + 1) * step <= end]
        known = sum(1 for v in values if ":U:" not in v)
        if known < 12:
            sys.exit("peer-graphs.py: %s has %d hourly values in the last day" % (src, known))
        rrdtool.update(rrd, *values)


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("graph", "history"):
        sys.exit(__doc__)
    {"graph": cmd_graph, "history": cmd_history}[sys.argv[1]](sys.argv[2:])


main()
