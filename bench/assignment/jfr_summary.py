#!/usr/bin/env python3
"""Where the server's CPU went, from a JFR recording: execution samples by top frame and by library.
Usage: jfr print --json --events jdk.ExecutionSample FILE.jfr | python3 bench/assignment/jfr_summary.py"""
import json, sys, collections

LIBS = [("org.jooq", "jOOQ"), ("org.postgresql", "PostgreSQL JDBC driver"), ("com.zaxxer.hikari", "HikariCP"),
        ("io.netty", "Netty (HTTP, sockets)"), ("io.vertx", "Vert.x"), ("com.fasterxml.jackson", "Jackson"),
        ("java.util.logging", "JUL logging"), ("org.slf4j", "logging"), ("ch.qos", "logging"),
        ("dev.kappa", "Kappa"), ("java.", "JDK"), ("javax.", "JDK"), ("jdk.", "JDK"), ("sun.", "JDK")]

def lib(frame):
    name = frame["method"]["type"]["name"].replace("/", ".")
    for prefix, label in LIBS:
        if name.startswith(prefix):
            return label
    return "other"

events = json.load(sys.stdin)["recording"]["events"]
top, by_lib, kappa_path = collections.Counter(), collections.Counter(), collections.Counter()
for e in events:
    frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
    if not frames:
        continue
    f = frames[0]
    top[f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]] += 1
    # attribute the sample to the first non-JDK library on the stack (who asked the JDK to do the work)
    owner = next((lib(x) for x in frames if lib(x) not in ("JDK", "other")), lib(f))
    by_lib[owner] += 1
    k = next((x for x in frames if x["method"]["type"]["name"].startswith("dev/kappa") or x["method"]["type"]["name"].startswith("dev.kappa")), None)
    if k:
        kappa_path[k["method"]["type"]["name"].replace("/", ".").split(".")[-1] + "." + k["method"]["name"]] += 1
n = sum(by_lib.values())
print(f"{n} execution samples")
print("by library (first non-JDK frame on the stack):")
for k, v in by_lib.most_common(12):
    print(f"  {100 * v / n:5.1f}%  {k}")
print("top frames (self):")
for k, v in top.most_common(15):
    print(f"  {100 * v / n:5.1f}%  {k}")
print("innermost Kappa frame:")
for k, v in kappa_path.most_common(10):
    print(f"  {100 * v / n:5.1f}%  {k}")
