#!/usr/bin/env python3
"""Makes the site's Arabic web font: Noto Sans Arabic (variable, from @fontsource-variable/noto-sans-arabic) cut down
to the characters Arabic pages need, written to src/web/fonts/ with its content hash in the name, and the @font-face
rule that loads it (src/web/styles/font.css, with the same characters as its unicode-range).

The result is committed: the server and CI never run this. Run it again (`python3 scripts/subset-font.py`, with
fontTools and brotli: Debian's python3-fonttools python3-brotli) after changing the font package or the characters,
then `npm run build:css`. src/web/fonts/font.test.ts checks that the committed font covers every Arabic character of
the message catalogues and the page templates.

The subset is made by Unicode ranges, not by a list of glyphs: fontTools keeps every OpenType layout feature ('*')
and the glyphs they reach, so the joining forms (init/medi/fina/isol), the lam-alef ligatures, the marks' positions
(mark/mkmk) and the kerning stay and Arabic shapes as it does with the whole font. The weight axis is narrowed to
400–700 (what the stylesheet uses: 400, 600 and 700; its one 800 is drawn at 700), which drops most of the variation data.
"""
import hashlib
import io
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
SOURCE = os.path.join(ROOT, 'node_modules/@fontsource-variable/noto-sans-arabic/files/noto-sans-arabic-arabic-wght-normal.woff2')
OUT_DIR = os.path.join(ROOT, 'src/web/fonts')
CSS = os.path.join(ROOT, 'src/web/styles/font.css')
WEIGHTS = (400, 700)

# What Arabic text on the site needs (the same list is the @font-face unicode-range, so the browser fetches the font
# only for a page with one of these characters): spaces; Arabic punctuation, letters, tatweel, harakat, hamza marks,
# Arabic-Indic and Persian digits and separators, superscript and wasla alef; the letters loan words and dialects
# write (پ چ ژ ڤ ک گ ی); the joiners and direction marks; hyphens; the presentation forms B (the isolated, initial,
# medial and final letter forms, which the shaping uses anyway).
RANGES = [
    (0x0020, 0x0020), (0x00A0, 0x00A0),
    (0x060C, 0x060C), (0x061B, 0x061B), (0x061F, 0x061F),
    (0x0621, 0x063A), (0x0640, 0x0655), (0x0660, 0x066D), (0x0670, 0x0671),
    (0x067E, 0x067E), (0x0686, 0x0686), (0x0698, 0x0698), (0x06A4, 0x06A4), (0x06A9, 0x06A9), (0x06AF, 0x06AF),
    (0x06CC, 0x06CC), (0x06F0, 0x06F9),
    (0x200C, 0x200F), (0x2010, 0x2011),
    (0xFE70, 0xFE74), (0xFE76, 0xFEFC),
]


def unicode_range():
    parts = [f'U+{a:04X}' if a == b else f'U+{a:04X}-{b:04X}' for a, b in RANGES if a > 0x7F]
    return ', '.join(parts)


def main():
    font = TTFont(SOURCE)
    font = instancer.instantiateVariableFont(font, {'wght': WEIGHTS})
    # Saved and read again: the subsetter needs the instanced tables as a file would hold them.
    buf = io.BytesIO()
    font.flavor = None
    font.save(buf)
    buf.seek(0)
    font = TTFont(buf)
    options = subset.Options()
    options.layout_features = ['*']
    options.flavor = 'woff2'
    options.name_IDs = ['*']
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[c for a, b in RANGES for c in range(a, b + 1)])
    sub.subset(font)
    tmp = os.path.join(OUT_DIR, 'tmp.woff2')
    os.makedirs(OUT_DIR, exist_ok=True)
    subset.save_font(font, tmp, options)
    digest = hashlib.sha256(open(tmp, 'rb').read()).hexdigest()[:10]
    name = f'noto-sans-arabic-{digest}.woff2'
    for old in os.listdir(OUT_DIR):
        if old.endswith('.woff2') and old != 'tmp.woff2':
            os.remove(os.path.join(OUT_DIR, old))
    os.replace(tmp, os.path.join(OUT_DIR, name))
    with open(CSS, 'w', encoding='utf-8') as f:
        f.write(
            '/* Made by scripts/subset-font.py (do not edit): the Arabic web font, subset, with its hash in its name. */\n'
            '@font-face {\n'
            '  font-family: "Noto Sans Arabic";\n'
            '  font-style: normal;\n'
            '  font-display: swap;\n'
            f'  font-weight: {WEIGHTS[0]} {WEIGHTS[1]};\n'
            f'  src: url("/static/fonts/{name}") format("woff2");\n'
            f'  unicode-range: {unicode_range()};\n'
            '}\n'
        )
    size = os.path.getsize(os.path.join(OUT_DIR, name))
    print(f'src/web/fonts/{name}: {size} bytes, {len(font.getGlyphOrder())} glyphs; src/web/styles/font.css written')


if __name__ == '__main__':
    sys.exit(main())
