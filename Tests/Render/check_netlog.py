#!/usr/bin/env python3
"""Fails when the page asked for anything over the network.

Usage: check_netlog.py NET-LOG.json

Reads Chromium's net log (written with --log-net-log) and lists every URL request job
for an http(s) URL. A request the page made carries the page's origin as its initiator
(a file:// page's origin is opaque, logged as "null"); Chromium's own background traffic
(component updates, clock checks, dictionaries) is logged with "not an origin". Any request
from the page fails the check; the browser's own are counted and shown, not failed.
"""
import json
import sys


def main():
    log = json.load(open(sys.argv[1], encoding="utf-8"))
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    from_page, from_browser = set(), set()
    for event in log.get("events", []):
        if names.get(event.get("type")) != "URL_REQUEST_START_JOB":
            continue
        params = event.get("params", {})
        url = params.get("url", "")
        if not url.startswith(("http://", "https://")):
            continue
        initiator = params.get("initiator", "")
        isolation = params.get("network_isolation_key", "")
        if initiator == "not an origin" and "file://" not in isolation:
            from_browser.add(url.split("?")[0])
        else:
            from_page.add(url)
    print(f"network: {len(from_page)} http(s) requests from the page; "
          f"{len(from_browser)} from the browser itself, not the page ({', '.join(sorted(from_browser)) or 'none'})")
    for url in sorted(from_page):
        print("FAIL: the page requested " + url)
    sys.exit(1 if from_page else 0)


if __name__ == "__main__":
    main()
