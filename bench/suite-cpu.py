#!/usr/bin/env python3
"""CPU seconds the test suite costs, by kind of process (where a faster suite has to save).

    python3 bench/suite-cpu.py -- ./scripts/test.sh

Samples /proc twice a second while the command runs and keeps each process's last CPU time, so processes that
live less than half a second are missed; processes that were running before it count only what they use after.
"""
import collections
import os
import subprocess
import sys
import threading
import time

KINDS = [  # first match wins, on the command line
    ("qemu", "qemu"), ("chromium", "chrom"), ("crossgen (arm64 publish)", "crossgen"),
    ("build", "MSBuild"), ("build", "VBCSCompiler"), ("test host", "testhost"),
    ("published app (child process)", "Dashboard"), ("ffmpeg", "ffmpeg"), ("nginx", "nginx"),
    ("postgres", "postgres"), ("mosquitto", "mosquitto"), ("dotnet", "dotnet"), ("playwright driver", "node"),
]


def kind(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            command = f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return None
    if not command:
        return None  # kernel threads
    return next((name for name, marker in KINDS if marker in command), "other")


def cpu_ticks():
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        yield pid, int(fields[11]) + int(fields[12])


def sample(stop, seen, before):
    while not stop.is_set():
        for pid, ticks in cpu_ticks():
            entry = seen.setdefault(pid, [0, None])
            entry[0] = max(entry[0], ticks - before.get(pid, 0))
            # Asked again each time: a process forked a moment ago may not have run exec yet, and a zombie has no command line.
            entry[1] = kind(pid) or entry[1]
        stop.wait(0.5)


def main():
    command = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else sys.argv[1:]
    if not command:
        sys.exit(__doc__)
    seen, stop = {}, threading.Event()
    sampler = threading.Thread(target=sample, args=(stop, seen, dict(cpu_ticks())))
    started = time.monotonic()
    sampler.start()
    code = subprocess.call(command)
    stop.set()
    sampler.join()
    wall = time.monotonic() - started
    per_kind = collections.Counter()
    for ticks, name in seen.values():
        if name:
            per_kind[name] += ticks / os.sysconf("SC_CLK_TCK")
    cores = os.cpu_count()
    print(f"\nwall {wall:.0f} s, CPU {sum(per_kind.values()):.0f} s of {wall * cores:.0f} s on {cores} cores")
    for name, seconds in per_kind.most_common():
        print(f"{seconds:8.1f} s  {name}")
    sys.exit(code)


if __name__ == "__main__":
    main()
