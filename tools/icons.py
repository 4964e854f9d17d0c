"""Draws the app icons (assets/icon-32.png, the page's icon, and assets/icon-192.png and
assets/icon-512.png, the installed app's): a dark rounded square, an outlined page behind, a light
page in front with three lines of text.
Pure Python (zlib only), so that the PNGs can be made again without any image tool:
`python3 tools/icons.py`. Shapes are in the favicon's 32-unit grid, sampled 4 × 4 per pixel."""

import struct
import zlib
from pathlib import Path

DARK = (0x1F, 0x3A, 0x5F)
BLUE = (0x9E, 0xC5, 0xF0)
PAPER = (0xF4, 0xEF, 0xE6)


def in_round_rect(x, y, x0, y0, w, h, r):
    if not (x0 <= x <= x0 + w and y0 <= y <= y0 + h):
        return False
    cx = min(max(x, x0 + r), x0 + w - r)
    cy = min(max(y, y0 + r), y0 + h - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def colour_at(x, y):
    """The colour at a point of the 32-unit grid, or None outside the icon."""
    if not in_round_rect(x, y, 0, 0, 32, 32, 6):
        return None
    c = DARK
    # The page behind: a 2.5-unit outline of the rectangle (6, 7, 14, 18).
    outer = in_round_rect(x, y, 4.75, 5.75, 16.5, 20.5, 3.25)
    inner = in_round_rect(x, y, 7.25, 8.25, 11.5, 15.5, 0.75)
    if outer and not inner:
        c = BLUE
    if in_round_rect(x, y, 12, 7, 14, 18, 2):
        c = PAPER
        for (ly, lx1) in ((12, 23), (16, 23), (20, 20)):
            if abs(y - ly) <= 1 and 14 <= x <= lx1 + 1 and (
                15 <= x <= lx1 or (x - 15) ** 2 + (y - ly) ** 2 <= 1 or (x - lx1) ** 2 + (y - ly) ** 2 <= 1
            ):
                c = DARK
    return c


def png(size):
    rows = []
    n = 4
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(n):
                for sx in range(n):
                    x = (px + (sx + 0.5) / n) * 32 / size
                    y = (py + (sy + 0.5) / n) * 32 / size
                    c = colour_at(x, y)
                    if c is not None:
                        acc[0] += c[0]
                        acc[1] += c[1]
                        acc[2] += c[2]
                        acc[3] += 255
            k = n * n
            a = acc[3] // k
            if a:
                row += bytes([acc[0] * 255 // acc[3], acc[1] * 255 // acc[3], acc[2] * 255 // acc[3], a])
            else:
                row += bytes(4)
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    def encode(header, colours, rows):
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + colours
                + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))

    rgba = encode(struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0), b"", rows)
    # The icons have a few dozen colours (the three, and their blends at the edges): with a
    # palette a pixel is one byte instead of four, and the larger icons half the size or less.
    # The same pixels either way; the smaller file is kept.
    pixels = [row[1 + i:5 + i] for row in rows for i in range(0, 4 * size, 4)]
    palette = sorted(set(pixels))
    if len(palette) > 256:
        return rgba
    index = {c: i for i, c in enumerate(palette)}
    indexed = encode(
        struct.pack(">IIBBBBB", size, size, 8, 3, 0, 0, 0),
        chunk(b"PLTE", b"".join(c[:3] for c in palette)) + chunk(b"tRNS", bytes(c[3] for c in palette)),
        [bytes([0]) + bytes(index[c] for c in pixels[y * size:(y + 1) * size]) for y in range(size)],
    )
    return min(rgba, indexed, key=len)


if __name__ == "__main__":
    assets = Path(__file__).resolve().parent.parent / "assets"
    for size in (32, 192, 512):
        (assets / f"icon-{size}.png").write_bytes(png(size))
        print(f"assets/icon-{size}.png")
