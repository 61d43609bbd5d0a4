#!/usr/bin/env python3
"""The forensic tests' view of the test peer (tests/peer), over mutual TLS like the kiosk.

  peer.py PEER_DIR find CANARY        prints "<status> <id>" for each Appointment named CANARY, and
                                      "task <id>" for each progress record (Task) whose reference it is
  peer.py PEER_DIR finish CANARY      marks each of them fulfilled (the front desk saw the person)
"""
import json
import ssl
import sys
import urllib.request

peer, command, canary = sys.argv[1], sys.argv[2], sys.argv[3]
port = open(f"{peer}/port").read().strip()
base = f"https://127.0.0.1:{port}/fhir/R4"
context = ssl.create_default_context(cafile=f"{peer}/ca/ca.pem")
context.load_cert_chain(f"{peer}/device/device.pem", f"{peer}/device/device.key")


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/fhir+json", "Accept": "application/fhir+json"})
    with urllib.request.urlopen(request, context=context) as answer:
        return json.load(answer)


bundle = call("GET", "/Appointment?_count=500")
named = [e["resource"] for e in bundle.get("entry", [])
         if any(p.get("actor", {}).get("display") == canary for p in e["resource"].get("participant", []))]
for a in named:
    if command == "finish" and a["status"] in ("waitlist", "booked", "arrived"):
        a["status"] = "fulfilled"
        a = call("PUT", f"/Appointment/{a['id']}", a)
    print(a["status"], a["id"])

if command == "find":
    tasks = call("GET", "/Task?_count=500")
    for e in tasks.get("entry", []):
        if e["resource"].get("for", {}).get("identifier", {}).get("value") == canary:
            print("task", e["resource"]["id"])
