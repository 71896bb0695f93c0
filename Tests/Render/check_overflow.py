#!/usr/bin/env python3
"""Checks that report.html's flagged customers' table fits the window: no horizontal overflow.

Usage: check_overflow.py BROWSER REPORT.html WORKDIR WIDTH...

For each width, copies the page with a small script added at its end that measures, once laid
out, the flagged table's width against the room its section gives it and the page's scroll
width against the window's, and writes the numbers into the page's title; Chromium's
--dump-dom at that window size prints them. Fails when the table or the page is wider than the
window (one pixel of rounding allowed), or when the numbers can't be read.
"""
import re
import subprocess
import sys

MEASURE = """<script>
(function () {
  var table = document.querySelector("table.flagged");
  var section = table ? table.parentElement : null;
  var page = document.documentElement;
  document.title = "overflow " + JSON.stringify({
    table: table ? Math.ceil(table.getBoundingClientRect().width) : -1,
    room: section ? Math.floor(section.clientWidth) : -1,
    tableRight: table ? Math.ceil(table.getBoundingClientRect().right) : -1,
    page: page.scrollWidth,
    window: page.clientWidth
  });
})();
</script>"""


def main(argv):
    browser, page, work, widths = argv[0], argv[1], argv[2], [int(w) for w in argv[3:]]
    html = open(page, encoding="utf-8").read()
    if "table class=\"flagged\"" not in html:
        print("FAIL: report.html has no flagged table to measure")
        return 1
    probe = f"{work}/overflow.html"
    with open(probe, "w", encoding="utf-8") as out:
        out.write(html.replace("</body>", MEASURE + "</body>"))
    failed = False
    for width in widths:
        run = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                              f"--user-data-dir={work}/profile-{width}", "--no-first-run",
                              "--host-resolver-rules=MAP * ~NOTFOUND", f"--window-size={width},900",
                              "--dump-dom", f"file://{probe}"], capture_output=True, text=True, timeout=120)
        found = re.search(r"<title>overflow (\{.*?\})</title>", run.stdout)
        if not found:
            print(f"FAIL: at {width} px the page's measurements could not be read")
            failed = True
            continue
        numbers = {k: int(v) for k, v in re.findall(r'"(\w+)":(-?\d+)', found.group(1).replace("&quot;", '"'))}
        fits = numbers["table"] <= numbers["room"] + 1 and numbers["page"] <= numbers["window"] + 1
        print(f"{'ok' if fits else 'FAIL'}: at {width} px the flagged table is {numbers['table']} px wide in "
              f"{numbers['room']} px of room (right edge {numbers['tableRight']}); the page scrolls "
              f"{numbers['page']} px in a {numbers['window']} px window")
        failed |= not fits
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
