#!/usr/bin/python3
"""What one station costs through rrdcached over TCP, command by command
(stdlib only; scale.sh, issue 12).

usage: rrdcached-costs.py HOST:PORT TIME FILE...

FILEs are names relative to the daemon's base directory (-b -B), each with
a last update before TIME. For each file, as wxstrip's store does through
librrd's client (which sends one command and waits for its answer): INFO
(the last update), UPDATE at TIME, FLUSH (stored means on disk), INFO (the
read-back). Then every file again at TIME + 60, pipelined as librrd's
client cannot: every UPDATE sent before the first answer is read, then
every FLUSH. Before all, 1,000 STATS: a bare round trip. Prints one line:

    rtt US info US update US flush US readback US pipelined-update US pipelined-flush US

each the mean microseconds of one command. Exit status 1 on any error
answer (the command and the daemon's words on standard error).
"""
import socket
import sys
import time


def connect(addr):
    host, port = addr.rsplit(":", 1)
    s = socket.create_connection((host.strip("[]"), int(port)))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as librrd's client
    return s, s.makefile("rb")


def answer(f, command):
    head = f.readline().decode()
    n = int(head.split(" ", 1)[0])
    if n < 0:
        sys.exit("rrdcached-costs.py: %s: %s" % (command, head.strip()))
    for _ in range(n):
        f.readline()


def timed(s, f, commands):
    """Each command sent, its answer read, then the next: mean seconds."""
    start = time.perf_counter()
    for c in commands:
        s.sendall((c + "\n").encode())
        answer(f, c)
    return (time.perf_counter() - start) / len(commands)


def pipelined(s, f, commands):
    """Every command sent, then every answer read: mean seconds."""
    start = time.perf_counter()
    s.sendall("".join(c + "\n" for c in commands).encode())
    for c in commands:
        answer(f, c)
    return (time.perf_counter() - start) / len(commands)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__.split("\n\n")[1])
    s, f = connect(sys.argv[1])
    t, files = int(sys.argv[2]), sys.argv[3:]
    rtt = timed(s, f, ["STATS"] * 1000)
    cost = {"info": 0.0, "update": 0.0, "flush": 0.0, "readback": 0.0}
    for name in files:
        cost["info"] += timed(s, f, ["INFO " + name])
        cost["update"] += timed(s, f, ["UPDATE %s %d:1.5:101" % (name, t)])
        cost["flush"] += timed(s, f, ["FLUSH " + name])
        cost["readback"] += timed(s, f, ["INFO " + name])
    p_update = pipelined(s, f, ["UPDATE %s %d:2.5:101" % (n, t + 60) for n in files])
    p_flush = pipelined(s, f, ["FLUSH " + n for n in files])
    us = lambda v: "%.1f" % (v * 1e6)
    print("rtt", us(rtt), " ".join("%s %s" % (k, us(v / len(files))) for k, v in cost.items()),
          "pipelined-update", us(p_update), "pipelined-flush", us(p_flush))
    return 0


sys.exit(main())
