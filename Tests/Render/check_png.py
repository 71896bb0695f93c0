#!/usr/bin/env python3
"""Fails on a blank or broken render of report.html.

Usage: check_png.py SCREENSHOT.png REPORT.html WIDTH HEIGHT

Decodes the PNG with the standard library only (zlib and the five PNG row filters),
then checks: the image has the expected size; a substantial share of its pixels is
not the background (the most common colour); every tier colour used by the scatter's
dots in REPORT.html covers enough pixels; and the top of the page (the headline) is
not empty. Prints what it measured; exits 1 when a check fails.
"""
import re
import struct
import sys
import zlib
from collections import Counter


def decode_png(path):
    """(width, height, rows) with rows a list of bytes objects, 3 or 4 bytes a pixel."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, color, _, _, interlace = header
    if depth != 8 or color not in (2, 6) or interlace != 0:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {color}, interlace {interlace}")
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + previous[i]) & 255
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + predictor) & 255
        elif kind != 0:
            raise ValueError(f"row {y}: unknown filter {kind}")
        rows.append(bytes(line))
        previous = line
    return width, height, bpp, rows


def main():
    png, html, want_width, want_height = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    failures = []
    width, height, bpp, rows = decode_png(png)
    print(f"image: {width} x {height} pixels")
    if (width, height) != (want_width, want_height):
        failures.append(f"expected {want_width} x {want_height}")

    counts = Counter()
    for row in rows:
        for x in range(0, len(row), bpp):
            counts[row[x:x + 3]] += 1
    total = width * height
    background, background_count = counts.most_common(1)[0]
    drawn = total - background_count
    print(f"background #{background.hex()}: {background_count} pixels; drawn: {drawn} ({100 * drawn / total:.1f}%), "
          f"{len(counts)} distinct colours")
    if drawn < 0.05 * total:
        failures.append(f"only {100 * drawn / total:.2f}% of the page is drawn (at least 5% expected)")
    if len(counts) < 16:
        failures.append(f"only {len(counts)} distinct colours: not a rendered report")

    page = open(html, encoding="utf-8").read()
    dots = re.findall(r'<circle class="dot [^"]*"[^>]*fill="(#[0-9A-Fa-f]{6})"', page)
    tiers = Counter(color.upper() for color in dots)
    print(f"scatter dots in the page: {len(dots)}")
    for color, n in sorted(tiers.items()):
        rgb = bytes.fromhex(color[1:])
        exact = counts.get(rgb, 0)
        near = sum(c for value, c in counts.items() if max(abs(value[i] - rgb[i]) for i in range(3)) <= 8)
        print(f"tier colour {color}: {n} dots, {exact} pixels exact, {near} within 8 levels")
        if near < 20 * n:
            failures.append(f"tier colour {color} covers {near} pixels, expected at least {20 * n} for {n} dots")

    top_rows = rows[:min(160, height)]
    top_drawn = sum(1 for row in top_rows for x in range(0, len(row), bpp) if row[x:x + 3] != background)
    print(f"top {len(top_rows)} rows: {top_drawn} pixels drawn")
    if top_drawn < 0.01 * width * len(top_rows):
        failures.append("the top of the page is empty (no headline)")

    for failure in failures:
        print("FAIL: " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
