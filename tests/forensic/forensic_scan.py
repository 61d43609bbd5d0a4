#!/usr/bin/env python3
"""The forensic test's searches (see forensic_test.sh).

  forensic_scan.py memory PID CANARY
      Reads every writable mapping of the running process through /proc/PID/mem (heap, thread
      stacks, anonymous mappings, the data of every library) and looks for the canary as ASCII,
      lower case, UTF-16 (LE, BE) and UTF-32 LE, and for either half of it (a copy whose start
      was overwritten, e.g. by malloc's free-list pointers). Prints each hit with its mapping and
      a little context. Exit 1 when anything is found, 2 when a mapping cannot be read (the
      kiosk is not dumpable: only root, or CAP_SYS_PTRACE, may read it).
  forensic_scan.py files CANARY TRACE CWD DIR...
      Every file the process opened for writing, created or renamed to (from `strace -f` output
      in TRACE; relative paths are taken from CWD), and every file under each DIR: looks for the
      canary in the same encodings. Exit 1 when anything is found.
"""
import os
import re
import sys


def needles(canary):
    half = len(canary) // 2
    out = {}
    for name, text in (("ascii", canary), ("lower case", canary.lower()),
                       ("first half", canary[:half]), ("second half", canary[half:])):
        out[name] = text.encode()
    out["utf-16le"] = canary.encode("utf-16le")
    out["utf-16be"] = canary.encode("utf-16be")
    out["utf-32le"] = canary.encode("utf-32le")
    return out


def search(data, canary):
    hits = []
    for name, needle in needles(canary).items():
        start = 0
        while True:
            i = data.find(needle, start)
            if i < 0:
                break
            hits.append((name, i))
            start = i + 1
    # A half is also inside a whole copy: report halves only where no whole copy is.
    whole = {i for n, i in hits if n == "ascii"}
    half = len(canary) // 2
    return [(n, i) for n, i in hits
            if not (n == "first half" and i in whole) and not (n == "second half" and i - half in whole)]


def context(data, i, canary):
    lo, hi = max(0, i - 48), min(len(data), i + len(canary) + 48)
    return "".join(chr(b) if 32 <= b < 127 else "." for b in data[lo:hi])


def memory(pid, canary):
    found = 0
    total = 0
    regions = 0
    unreadable = 0
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            parts = line.split(maxsplit=5)
            lo, hi = (int(x, 16) for x in parts[0].split("-"))
            perms = parts[1]
            name = parts[5].strip() if len(parts) > 5 else "[anonymous]"
            if "w" not in perms or name == "[vvar]":
                continue
            try:
                mem.seek(lo)
                data = mem.read(hi - lo)
            except OSError as e:
                print(f"memory: cannot read {parts[0]} {name}: {e}")
                unreadable += 1
                continue
            regions += 1
            total += len(data)
            for kind, i in search(data, canary):
                found += 1
                print(f"memory: CANARY ({kind}) at {lo + i:#x} in {perms} {name} (+{i:#x}): {context(data, i, canary)}")
    print(f"memory: {regions} writable mappings, {total / 1048576:.1f} MiB read; canary {'FOUND ' + str(found) + ' times' if found else 'not found'}")
    if unreadable:
        print(f"memory: {unreadable} mappings could not be read: the search is incomplete (run as root)")
        return -1
    return found


def written_files(trace, cwd):
    paths = set()
    opened = re.compile(r'(?:openat|open)\((?:AT_FDCWD|\d+<[^>]*>|\d+), "((?:[^"\\]|\\.)*)", ([A-Z_|]+)')
    created = re.compile(r'creat\("((?:[^"\\]|\\.)*)"')
    renamed = re.compile(r'rename(?:at2?)?\((?:AT_FDCWD, )?"(?:[^"\\]|\\.)*", (?:AT_FDCWD, )?"((?:[^"\\]|\\.)*)"')
    for line in open(trace, errors="replace"):
        m = opened.search(line)
        if m and re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND", m.group(2)) and " = -1 " not in line:
            paths.add(m.group(1))
        for rx in (created, renamed):
            m = rx.search(line)
            if m and " = -1 " not in line:
                paths.add(m.group(1))
    return {os.path.normpath(os.path.join(cwd, p)) for p in paths}


def files(canary, trace, cwd, dirs):
    found = 0
    written = written_files(trace, cwd)
    candidates = set(written)
    for d in dirs:
        for root, _, names in os.walk(d):
            candidates.update(os.path.join(root, n) for n in names)
    scanned = 0
    gone = []
    for path in sorted(candidates):
        if not os.path.exists(path):
            gone.append(path)
            continue
        if not os.path.isfile(path):
            continue   # /dev/null, ttys, sockets
        scanned += 1
        with open(path, "rb") as f:
            data = f.read()
        for kind, i in search(data, canary):
            found += 1
            print(f"files: CANARY ({kind}) in {path} at byte {i}: {context(data, i, canary)}")
    print(f"files: the process opened {len(written)} paths for writing: {', '.join(sorted(written)) or 'none'}")
    if gone:
        print(f"files: written but gone by now (cannot be searched): {', '.join(gone)}")
    print(f"files: {scanned} files searched; canary {'FOUND' if found else 'not found'}")
    return found


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "memory":
        result = memory(int(sys.argv[2]), sys.argv[3])
        sys.exit(2 if result < 0 else 1 if result else 0)
    if len(sys.argv) >= 5 and sys.argv[1] == "files":
        sys.exit(1 if files(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]) else 0)
    print(__doc__, file=sys.stderr)
    sys.exit(2)
