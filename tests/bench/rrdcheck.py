#!/usr/bin/python3
"""Says whether a benchmark run really stored: reads every RRD file in DIR.

usage: rrdcheck.py DIR [SINCE]

Prints one line: `DIR files=N new=M unknown=K first=T0 last=T1`: N files
(*.rrd), M of them last updated after SINCE (epoch seconds; default 0),
K of those whose newest temperature is unknown, and the oldest and newest
last-update times. Reads with python3-rrdtool (run it with /usr/bin/python3).
Exit status 1 when DIR holds no RRD file or one cannot be read.
"""
import os
import sys

import rrdtool


def main():
    d = sys.argv[1]
    since = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    files = sorted(f for f in os.listdir(d) if f.endswith(".rrd"))
    new = unknown = 0
    times = []
    for f in files:
        path = os.path.join(d, f)
        try:
            t = rrdtool.last(path)
            times.append(t)
            if t > since:
                new += 1
                if rrdtool.lastupdate(path)["ds"].get("temp") is None:
                    unknown += 1
        except rrdtool.OperationalError as e:
            print("rrdcheck.py: %s: %s" % (path, e), file=sys.stderr)
            return 1
    print("%s files=%d new=%d unknown=%d first=%d last=%d"
          % (d, len(files), new, unknown, min(times, default=0), max(times, default=0)))
    return 0 if files else 1


sys.exit(main())
