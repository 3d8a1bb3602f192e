#!/usr/bin/python3
"""Reads a metrics file with Prometheus' own Python parser and prints it as JSON.

usage: metrics-parse.py FILE

Prints one JSON object: {"families": [{"name", "type", "help", "samples":
[{"name", "labels", "value", "timestamp"}]}]}, in the file's order. A
value that is not finite is printed as a string ("NaN", "+Inf"). Exits 1
with the parser's error on standard error when the file does not parse.
"""
import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families


def value(v):
    return v if math.isfinite(v) else repr(v)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    try:
        families = [
            {
                "name": fam.name,
                "type": fam.type,
                "help": fam.documentation,
                "samples": [
                    {
                        "name": s.name,
                        "labels": s.labels,
                        "value": value(s.value),
                        "timestamp": None if s.timestamp is None else str(s.timestamp),
                    }
                    for s in fam.samples
                ],
            }
            for fam in text_string_to_metric_families(text)
        ]
    except Exception as e:  # the parser raises ValueError and others
        print("metrics-parse.py: %s: %s" % (sys.argv[1], e), file=sys.stderr)
        return 1
    json.dump({"families": families}, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
