#!/usr/bin/env python3
"""A daemon that hangs up: listens on a UNIX socket like rrdcached, answers
the first N requests of its first connection as rrdcached would
("0 errors, enqueued 1 value(s)."), writes nothing to any file, then
closes the connection and stops listening, as a daemon that dies does.
The client's next request meets a closed socket: librrd 1.7.2 then reads
its previous answer again (a false "accepted") and its next write raises
SIGPIPE. Prints "ready" when it listens; exits after 10 s at the latest.
Used by check_poll.c.

usage: fake-rrdcached.py SOCKET N"""
import socket
import sys

path, answers = sys.argv[1], int(sys.argv[2])
server = socket.socket(socket.AF_UNIX)
server.bind(path)
server.listen(8)
server.settimeout(10)
print("ready", flush=True)
conn, _ = server.accept()
conn.settimeout(10)
buf = b""
for _ in range(answers):
    while b"\n" not in buf:
        chunk = conn.recv(4096)
        if not chunk:
            sys.exit(0)
        buf += chunk
    buf = buf.split(b"\n", 1)[1]
    conn.sendall(b"0 errors, enqueued 1 value(s).\n")
conn.close()
server.close()
