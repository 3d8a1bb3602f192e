#!/usr/bin/python3
"""Makes rrdcached write everything it holds, and times it (stdlib only).

usage: rrdcached-flush.py ADDRESS UPDATES

Sends FLUSHALL to the daemon at ADDRESS (a unix socket's path, or
HOST:PORT), then asks STATS until its
UpdatesWritten counter (one per file written) reaches UPDATES and its queue
is empty. Prints the seconds that took. Exit status 1 on a protocol error
or when it has not happened within ten minutes.
"""
import socket
import sys
import time


def ask(f, command):
    f.write(command + "\n")
    f.flush()
    head = f.readline()
    n = int(head.split(" ", 1)[0])
    if n < 0:
        sys.exit("rrdcached-flush.py: %s: %s" % (command, head.strip()))
    return [f.readline().strip() for _ in range(n)]


def main():
    path, want = sys.argv[1], int(sys.argv[2])
    if path.startswith("/"):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(path)
    else:
        host, port = path.rsplit(":", 1)
        s = socket.create_connection((host, int(port)))
    f = s.makefile("rw", encoding="ascii", newline="\n")
    start = time.monotonic()
    ask(f, "FLUSHALL")
    while time.monotonic() - start < 600:
        stats = dict(line.split(": ", 1) for line in ask(f, "STATS"))
        if int(stats["UpdatesWritten"]) >= want and int(stats["QueueLength"]) == 0:
            print("%.6f" % (time.monotonic() - start))
            return 0
        time.sleep(0.002)
    sys.exit("rrdcached-flush.py: %s updates written after 600 s, want %d"
             % (stats["UpdatesWritten"], want))


sys.exit(main())
