#!/usr/bin/env python3
"""The forensic searches can fail, form by form: for each canary kind the tests type (24, 15, 8
and 4 capitals, accented letters, digits), a file holding one form of it (UTF-8, lower case,
Latin-1, UTF-16/32, JSON-escaped, an accessibility label, a half) in the middle of other bytes
must be found by `forensic_scan.py files`, reported under that form's name; a file without it
must not. No kiosk runs here: this checks the scanner the forensic tests rely on."""
import contextlib
import io
import os
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import forensic_scan  # noqa: E402



def scan(canary, work):
    """forensic_scan.py files CANARY /dev/null WORK WORK, in this process: (hits, what it printed)."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        found = forensic_scan.files([canary], os.devnull, work, [work])
    return found, printed.getvalue()


canaries = ["QZXWVJKQPMRTYUWZXQJKVBNM", "QZXWVJKQPMRTYUW", "QZXWVJKQ", "QZXW", "QXéZñWóK", "48213957"]
failures = 0
checked = 0
with tempfile.TemporaryDirectory() as work:
    for canary in canaries:
        for form, needle in forensic_scan.needles(canary).items():
            path = os.path.join(work, "probe")
            with open(path, "wb") as f:
                f.write(os.urandom(64).replace(b"Q", b"-") + b"\x00" + needle + b"\x00" + bytes(range(32)))
            found, printed = scan(canary, work)
            checked += 1
            if not found or f"CANARY {canary} ({form})" not in printed:
                print(f"NOT FOUND: {canary} as {form} {needle!r}:\n{printed}")
                failures += 1
        with open(os.path.join(work, "probe"), "wb") as f:
            f.write(b"nothing of it here " * 10)
        found, printed = scan(canary, work)
        if found:
            print(f"FOUND in a file without it: {canary}:\n{printed}")
            failures += 1
print(f"scanner self-test: {checked} forms of {len(canaries)} canaries, {failures} failures")
if failures == 0:
    print("scanner self-test passed")
sys.exit(1 if failures else 0)
