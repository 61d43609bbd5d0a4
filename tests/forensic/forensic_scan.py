#!/usr/bin/env python3
"""The forensic test's searches (see forensic_test.sh).

CANARY is one canary, or several separated by commas (all searched in one pass).

  forensic_scan.py memory PID CANARY
      Reads every writable mapping of the running process through /proc/PID/mem (heap, thread
      stacks, anonymous mappings, the data of every library) and looks for each canary in every
      form listed by `needles` below: UTF-8 as typed, lower and upper case, Latin-1, UTF-16 (LE,
      BE), UTF-32 (LE, BE), JSON-escaped (\u00e9), the labels the accessibility tree draws it
      into, and either half of it (a copy whose start was overwritten, e.g. by malloc's
      free-list pointers), or a short one's bytes from the ninth on (a small string's buffer).
      Prints each hit with its mapping and a little context. Exit 1 when
      anything is found, 2 when a mapping cannot be read (the kiosk is not dumpable: only root,
      or CAP_SYS_PTRACE, may read it).
  forensic_scan.py files CANARY TRACE CWD DIR...
      Every file the process opened for writing, created or renamed to (from `strace -f` output
      in TRACE; relative paths are taken from CWD), and every file under each DIR: looks for the
      canary in the same forms. Exit 1 when anything is found.
  forensic_scan.py forms CANARY
      Prints the forms searched for each canary (for the test's log).
"""
import json
import os
import re
import sys


# Halves shorter than this are not searched: a 4-letter run of capitals turns up by chance in
# the fonts, certificates and random bytes of a running process (see docs/privacy.md).
SHORTEST_HALF = 6

# The labels the accessibility tree draws typed text into (assets/strings/*.json), besides the
# typed field itself: `ui::A11yTree` holds them as UTF-8.
A11Y_LABELS = ('The name "{}" and the time.', 'El nombre "{}" y la hora.', "Reference: {}", "Referencia: {}")


def json_escaped(text, upper_hex=False):
    out = json.dumps(text, ensure_ascii=True)[1:-1]
    return re.sub(r"\\u([0-9a-f]{4})", lambda m: "\\u" + m.group(1).upper(), out) if upper_hex else out


def needles(canary):
    """Every form of one canary searched, by name (forms equal to another are dropped)."""
    half = len(canary) // 2
    forms = [("utf-8", canary.encode()), ("lower case", canary.lower().encode()), ("upper case", canary.upper().encode())]
    try:
        forms.append(("latin-1", canary.encode("latin-1")))
    except UnicodeEncodeError:
        pass
    forms += [("json-escaped", json_escaped(canary).encode()), ("json-escaped (upper-case hex)", json_escaped(canary, True).encode())]
    for codec in ("utf-16le", "utf-16be", "utf-32le", "utf-32be"):
        forms.append((codec, canary.encode(codec)))
    for label in A11Y_LABELS:
        forms.append((f"a11y label '{label}'", label.format(canary).encode()))
    if half >= SHORTEST_HALF:
        forms += [("first half", canary[:half].encode()), ("second half", canary[half:].encode())]
    # A short string (up to 15 bytes) lives in the 16-byte buffer inside its std::string; a longer
    # string built in the same place later writes its heap capacity over the first 8 of them.
    utf8 = canary.encode()
    if len(utf8) <= 15 and len(utf8) - 8 >= SHORTEST_HALF:
        forms.append(("bytes 8 on (a small string's buffer, its start overwritten)", utf8[8:]))
    out = {}
    for name, needle in forms:
        if needle not in out.values():
            out[name] = needle
    return out


def search(data, canaries):
    """(canary, form, offset) of every hit; a form inside a longer form's hit is not repeated."""
    hits = []
    for canary in canaries:
        found = []
        for name, needle in needles(canary).items():
            start = 0
            while True:
                i = data.find(needle, start)
                if i < 0:
                    break
                found.append((name, i, len(needle)))
                start = i + 1
        # A half, the UTF-8 form inside a label, ...: report each stretch of memory once, by its
        # longest form.
        found.sort(key=lambda h: -h[2])
        kept = []
        for name, i, n in found:
            if not any(j <= i and i + n <= j + m for _, j, m in kept):
                kept.append((name, i, n))
        hits += [(canary, name, i) for name, i, _ in sorted(kept, key=lambda h: h[1])]
    return hits


def context(data, i, canary):
    lo, hi = max(0, i - 48), min(len(data), i + len(canary.encode()) + 48)
    return "".join(chr(b) if 32 <= b < 127 else "." for b in data[lo:hi])


def memory(pid, canaries):
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
            for which, kind, i in search(data, canaries):
                found += 1
                print(f"memory: CANARY {which} ({kind}) at {lo + i:#x} in {perms} {name} (+{i:#x}): {context(data, i, which)}")
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


def files(canaries, trace, cwd, dirs):
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
        for which, kind, i in search(data, canaries):
            found += 1
            print(f"files: CANARY {which} ({kind}) in {path} at byte {i}: {context(data, i, which)}")
    print(f"files: the process opened {len(written)} paths for writing: {', '.join(sorted(written)) or 'none'}")
    if gone:
        print(f"files: written but gone by now (cannot be searched): {', '.join(gone)}")
    print(f"files: {scanned} files searched; canary {'FOUND' if found else 'not found'}")
    return found


def canary_list(arg):
    return [c for c in arg.split(",") if c]


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "memory":
        result = memory(int(sys.argv[2]), canary_list(sys.argv[3]))
        sys.exit(2 if result < 0 else 1 if result else 0)
    if len(sys.argv) >= 5 and sys.argv[1] == "files":
        sys.exit(1 if files(canary_list(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:]) else 0)
    if len(sys.argv) == 3 and sys.argv[1] == "forms":
        for canary in canary_list(sys.argv[2]):
            print(f"forms searched for {canary}: " + "; ".join(f"{n} {v!r}" for n, v in needles(canary).items()))
        sys.exit(0)
    print(__doc__, file=sys.stderr)
    sys.exit(2)
