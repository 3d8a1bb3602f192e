#!/usr/bin/python3
"""A loopback HTTP server for wxstrip's tests, with misbehaving routes.

usage: httpd.py DOCROOT LOGFILE

Binds 127.0.0.1 on a free port, prints the port on the first line of
standard output, and serves until killed. Every answered request is logged
to LOGFILE as "PATH STATUS" ("PATH STATUS gzip" when the body went out
gzip-compressed), before the answer is sent.

Routes:
  /files/NAME[?charset=C][&gzip=1][&nocache=1][&after=GO]
                   DOCROOT/NAME (percent-decoded: /files/%EA%B8%B0.xml is 기.xml)
                   with after=GO: logs "PATH waiting", then answers once
                   DOCROOT/GO exists (a test's cue; 404 after 20 s)
                   with an ETag and Last-Modified (304 on a match;
                   nocache=1 sends no validators), Content-Type charset C
  /status/N        an empty answer with status N
  /hang            never answers
  /big?bytes=N     N bytes of HTML; chunked when &chunked=1 (no length given)
  /redirect?to=URL a 302 to URL
  /garbage         bytes that are not HTTP at all, then close
  /truncated       promises 100000 bytes, sends 100 and closes
  /site/PATH       DOCROOT/PATH, any file below it by its path (a directory:
                   its index.html), with a Content-Type from the suffix;
                   403 for a ".." segment or a path that leaves DOCROOT
"""
import gzip
import hashlib
import os
import sys
import threading
import time
import urllib.parse
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DOCROOT, LOGFILE = sys.argv[1], sys.argv[2]
log_lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def note(self, status, extra=""):
        with log_lock, open(LOGFILE, "a") as f:
            f.write("%s %d%s\n" % (self.path, status, extra))

    def answer(self, status, body=b"", headers=()):
        # logged before the answer goes out: a client that has its answer
        # finds the line already there
        self.note(status, " gzip" if ("Content-Encoding", "gzip") in headers else "")
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        route = url.path.split("/")[1]
        handler = getattr(self, "route_" + route, None)
        if handler is None:
            return self.answer(404, b"no such route\n")
        return handler(url.path, q)

    def wait_for(self, go):
        with log_lock, open(LOGFILE, "a") as f:
            f.write("%s waiting\n" % self.path)
        cue = os.path.join(DOCROOT, os.path.basename(go))
        for _ in range(400):
            if os.path.exists(cue):
                return True
            time.sleep(0.05)
        return False

    def route_files(self, path, q):
        if "after" in q and not self.wait_for(q["after"]):
            return self.answer(404, b"no cue\n")
        name = os.path.basename(urllib.parse.unquote(path))  # /files/%EA%B8%B0.xml: 기.xml
        full = os.path.join(DOCROOT, name)
        if not os.path.isfile(full):
            return self.answer(404, b"not found\n")
        with open(full, "rb") as f:
            body = f.read()
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        lastmod = formatdate(os.path.getmtime(full), usegmt=True)
        headers = []
        if not q.get("nocache"):
            headers += [("ETag", etag), ("Last-Modified", lastmod)]
            if self.headers.get("If-None-Match") == etag:
                return self.answer(304, b"", headers)
        ctype = "application/xml" if name.endswith(".xml") else "text/html"
        if q.get("charset"):
            ctype += "; charset=" + q["charset"]
        headers.append(("Content-Type", ctype))
        if q.get("gzip") and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            headers.append(("Content-Encoding", "gzip"))
        return self.answer(200, body, headers)

    SITE_TYPES = {".html": "text/html; charset=utf-8", ".png": "image/png",
                  ".css": "text/css", ".js": "text/javascript", ".txt": "text/plain"}

    def route_site(self, path, q):
        rel = urllib.parse.unquote(path[len("/site/"):])
        if ".." in rel.split("/") or "\0" in rel:
            return self.answer(403, b"forbidden\n")
        root = os.path.realpath(DOCROOT)
        full = os.path.realpath(os.path.join(root, rel))
        if full != root and not full.startswith(root + os.sep):
            return self.answer(403, b"forbidden\n")
        if os.path.isdir(full):
            full = os.path.join(full, "index.html")
        if not os.path.isfile(full):
            return self.answer(404, b"not found\n")
        with open(full, "rb") as f:
            body = f.read()
        ctype = self.SITE_TYPES.get(os.path.splitext(full)[1], "application/octet-stream")
        return self.answer(200, body, [("Content-Type", ctype)])

    def route_status(self, path, q):
        return self.answer(int(path.split("/")[2]), b"")

    def route_hang(self, path, q):
        self.note(0)
        time.sleep(3600)

    def route_big(self, path, q):
        n = int(q.get("bytes", "10000000"))
        chunk = ("<p>" + "가" * 300 + "</p>\n").encode()
        if not q.get("chunked"):
            body = (chunk * (n // len(chunk) + 1))[:n]
            return self.answer(200, body, [("Content-Type", "text/html")])
        self.note(200)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        sent = 0
        try:
            while sent < n:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route_redirect(self, path, q):
        return self.answer(302, b"", [("Location", q["to"])])

    def route_garbage(self, path, q):
        self.note(0)
        self.wfile.write(bytes(range(256)) * 4)
        self.wfile.flush()
        self.close_connection = True

    def route_truncated(self, path, q):
        self.note(200)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.wfile.write(b"<html><body><ul><li>" + b"x" * 80)
        self.wfile.flush()
        self.close_connection = True


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients that hang up (timeouts, size caps) are part of the tests


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


main()
