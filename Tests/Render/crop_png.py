#!/usr/bin/env python3
"""Writes the top HEIGHT rows of a PNG as an RGB PNG, with the standard library only.

Usage: crop_png.py IN.png OUT.png HEIGHT

Keeps the committed picture of the demo report small: the headline, both charts and
the first flagged customers, without the alpha channel. Each row gets the PNG filter
(none, Sub or Up) that leaves the smallest residuals, then zlib at level 9.
"""
import struct
import sys
import zlib

from check_png import decode_png


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def main():
    source, target, keep = sys.argv[1], sys.argv[2], int(sys.argv[3])
    width, height, bpp, rows = decode_png(source)
    rows = rows[:min(keep, height)]
    out, previous = bytearray(), bytes(width * 3)
    for row in rows:
        rgb = bytes(row[i] for i in range(len(row)) if bpp == 3 or i % 4 != 3)
        up = bytes((rgb[i] - previous[i]) & 255 for i in range(len(rgb)))
        sub = bytes((rgb[i] - (rgb[i - 3] if i >= 3 else 0)) & 255 for i in range(len(rgb)))
        kind, line = min(((0, rgb), (1, sub), (2, up)), key=lambda c: sum(b if b < 128 else 256 - b for b in c[1]))
        out.append(kind)
        out += line
        previous = rgb
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, len(rows), 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(bytes(out), 9)) + chunk(b"IEND", b""))
    open(target, "wb").write(png)
    print(f"picture: top {len(rows)} of {height} rows, {len(png)} bytes")


if __name__ == "__main__":
    main()
