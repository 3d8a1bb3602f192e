#!/usr/bin/python3
"""Times commands in interleaved rounds (stdlib only): hyperfine's job, but
one run of every command per round, so that a machine that gets busier or
quieter during the benchmark affects every command alike.

usage: rounds.py --runs N [--warmup W] --export-json FILE
                 [-n NAME] [--prepare CMD] COMMAND [[-n NAME] [--prepare CMD] COMMAND ...]

COMMAND is split like a shell would split it (no shell runs it); its output
is discarded. --prepare CMD (run by sh, not timed) goes before every run
of the command that follows it, warm-ups included. W warm-up rounds (1)
come first and are not counted; then N rounds, each running every command
once, starting each round with the next command in turn. The time of a
run is the wall time from starting the process to its exit; its CPU time
(user + system, with the processes it waited for) is recorded too.

Writes FILE in the shape of hyperfine's --export-json ({"results":
[{"command": NAME, "times": [...], "cpu": [...]}]}) and a summary to
standard error.
Exit status 1, with the command's standard error, when a run or a prepare
command fails.
"""
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time


def parse(argv):
    runs, warmup, out, cmds, pending = None, 1, None, [], {}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--runs", "--warmup", "--export-json", "-n", "--prepare"):
            if i + 1 >= len(argv):
                sys.exit("rounds.py: %s needs a value" % a)
            v = argv[i + 1]
            i += 2
            if a == "--runs":
                runs = int(v)
            elif a == "--warmup":
                warmup = int(v)
            elif a == "--export-json":
                out = v
            elif a == "-n":
                pending["name"] = v
            else:
                pending["prepare"] = v
            continue
        cmds.append({"name": pending.get("name", a), "prepare": pending.get("prepare"),
                     "argv": shlex.split(a), "times": [], "cpu": []})
        pending = {}
        i += 1
    if not runs or runs < 1 or not out or not cmds:
        sys.exit(__doc__)
    return runs, warmup, out, cmds


def run_one(c, err):
    if c["prepare"]:
        p = subprocess.run(["sh", "-c", c["prepare"]], stdout=subprocess.DEVNULL, stderr=err)
        if p.returncode:
            return None, "prepare command failed with status %d" % p.returncode
    err.seek(0)
    err.truncate()
    start = time.perf_counter()
    p = subprocess.Popen(c["argv"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=err)
    _, status, ru = os.wait4(p.pid, 0)
    took = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode:
        return None, "exited with status %d" % p.returncode
    c["cpu"].append(ru.ru_utime + ru.ru_stime)  # its processes' too, once waited for
    return took, None


def main():
    runs, warmup, out, cmds = parse(sys.argv[1:])
    with tempfile.TemporaryFile() as err:
        for r in range(warmup + runs):
            for k in range(len(cmds)):
                c = cmds[(r + k) % len(cmds)]
                took, why = run_one(c, err)
                if why:
                    err.seek(0)
                    tail = err.read().decode("utf-8", "replace").strip().splitlines()[-5:]
                    sys.exit("rounds.py: %s %s:\n    %s" % (c["name"], why, "\n    ".join(tail)))
                if r >= warmup:
                    c["times"].append(took)
                else:
                    c["cpu"].pop()
    for c in cmds:
        t = c["times"]
        print("  %-14s median %9.1f ms   min %9.1f   max %9.1f   cpu %9.1f ms   (%d runs)"
              % (c["name"], statistics.median(t) * 1e3, min(t) * 1e3, max(t) * 1e3,
                 statistics.median(c["cpu"]) * 1e3, len(t)), file=sys.stderr)
    with open(out, "w") as f:
        json.dump({"results": [{"command": c["name"], "times": c["times"], "cpu": c["cpu"]}
                               for c in cmds]}, f)


main()
