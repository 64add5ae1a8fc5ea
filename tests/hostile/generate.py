"""Write the hostile-input corpus (issue 10) into a folder; nothing here is committed as a blob.

    python tests/hostile/generate.py OUT_DIR [--big]

Each case is a file (or a small folder: configs, rule packs, symlinks) that a real corpus
run can meet: empty and binary files, odd encodings and line endings, pathological nesting,
broken front matter, bad configs and rule packs. `tests/test_hostile.py` states what
contentlint must do with each. `--big` also writes the 50 MB HTML page.
"""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path
from typing import Callable

BIG_HTML_BYTES = 50_000_000
LONG_LINE_BYTES = 5_000_000
DEPTH = 10_000

# A clean, realistic paragraph; TODO is the placeholder ED002 reports, so tests can find it.
PARAGRAPH = (
    "Neurologists use Botox to calm overactive muscles and to prevent chronic migraine. "
    "Most patients return every twelve weeks for another round of small injections."
)
PLACEHOLDER = "Recommended dose: TODO units per session."


def _page(body: str, head: str = "<meta charset=\"utf-8\">") -> str:
    return f"<!DOCTYPE html>\n<html><head>{head}<title>Botox and migraine</title></head>\n<body><article>\n{body}\n</article></body></html>\n"


def _text_files() -> dict[str, bytes]:
    """Single files, by name."""
    entities = (
        "<h1>Entities &amp; references</h1>\n"
        "<p>Named: &copy; &nbsp; &eacute; &AMP; &lt;b&gt; &amp no semicolon &notit; &bogus; &;</p>\n"
        "<p>Numeric: &#169; &#xA9; &#XA9; &#0; &#x0; &#xD800; &#x110000; &#99999999999; &#128512; &#x1F600; &#; &#x; &#65</p>\n"
        f"<p>{PLACEHOLDER}</p>\n"
    )
    return {
        "empty.md": b"",
        "empty.html": b"",
        "empty.txt": b"",
        "whitespace.md": b"   \n\t\n\r\n \x0c \n",
        "whitespace.html": b"\n \t \r\n   ",
        "whitespace.txt": " \u00a0 \n\n\t\u3000".encode(),
        "deep-divs.html": _page("<div>" * DEPTH + f"<p>{PLACEHOLDER}</p>" + "</div>" * DEPTH).encode(),
        "deep-inline.html": _page("<p>" + "<b><i>" * (DEPTH // 2) + PLACEHOLDER + "</i></b>" * (DEPTH // 2) + "</p>").encode(),
        "deep-unclosed.html": _page("<div><span>" * DEPTH + PLACEHOLDER).encode(),
        "deep-quotes.md": ("# Botox\n\n" + "> " * DEPTH + PLACEHOLDER + "\n").encode(),
        "deep-lists.md": ("# Botox\n\n" + "- " * DEPTH + PLACEHOLDER + "\n").encode(),
        # A text event starts after each escaped backslash: mapping them must stay linear.
        "backslashes.md": ("# Botox\n\n" + "\\" * (20 * DEPTH) + "\n\n" + PLACEHOLDER + "\n").encode(),
        "deep-images.md": ("# Botox\n\n" + "![" * (5 * DEPTH) + "x" + "](i.png)" * (5 * DEPTH) + "\n\n" + PLACEHOLDER + "\n").encode(),
        # A keyphrase thousands of times in one sentence, and a title without words (its
        # keyphrase matched nothing but empty strings, at every position): both took time
        # quadratic in the sentence's length.
        "keyphrase-everywhere.md": ("# Botox and migraine\n\n" + "Doctors say Botox and Migraine " * 6000 + "work.\n\n" + PLACEHOLDER + "\n").encode(),
        "wordless-title.txt": ("---\ntitle: " + "[" * 60_000 + "\n\n" + PLACEHOLDER + "\n").encode(),
        "deep-emphasis.md": ("# Botox\n\n" + "*" * DEPTH + PLACEHOLDER + "*" * DEPTH + "\n" + "[" * DEPTH + "\n").encode(),
        "misnested.html": (
            "<html><body><article><h1>Botox <b>and <i>migraine</b> care</i>\n"
            f"<p>{PARAGRAPH}<p>Second paragraph <table><tr><td>cell <p>para in cell</table>\n"
            f"<ul><li>one<li>two</ol></ul></div></span><p>{PLACEHOLDER}\n<div><section>"
        ).encode(),
        "script-style.html": _page(
            f"<h1>Botox and migraine</h1>\n<p>{PARAGRAPH}</p>\n"
            "<script>var article = '<p>Lorem ipsum TODO insert link here</p>'; // Leave a Comment</script>\n"
            "<style>/* Lorem ipsum TODO insert link here */ p::after { content: 'Leave a Comment'; }</style>\n"
            "<noscript><style>.x{}</style></noscript><template><p>Lorem ipsum template</p></template>\n"
            "<script type=\"application/ld+json\">{\"@type\": \"Article\", \"headline\": \"Lorem ipsum\"</script>\n"
        ).encode(),
        "entities.html": _page(entities).encode(),
        "entities.md": (
            "# Entities &amp; references\n\n"
            "Named &copy; &nbsp; &bogus; &amp no semicolon; numeric &#169; &#xA9; &#0; &#xD800; &#x110000; &#99999999;\n\n"
            f"{PLACEHOLDER}\n"
        ).encode(),
        "line-endings.md": (f"# Botox\r\n\r\n{PARAGRAPH}\r{PARAGRAPH}\n\n{PLACEHOLDER}\u2028next\r\n").encode(),
        "line-endings.txt": (f"Botox\r\rFirst paragraph.\r\n\n{PLACEHOLDER}\u2029\u2028{PLACEHOLDER}\n").encode(),
        "line-endings.html": _page(f"<h1>Botox</h1>\r<p>{PARAGRAPH}</p>\r\n<p>\u2028{PLACEHOLDER}</p>\n").encode(),
        "bom-utf8.md": codecs.BOM_UTF8 + f"# Botox\n\n{PLACEHOLDER}\n".encode(),
        "bom-utf16le.html": codecs.BOM_UTF16_LE + _page(f"<h1>Botox</h1><p>{PLACEHOLDER}</p>").encode("utf-16-le"),
        "bom-utf16be.txt": codecs.BOM_UTF16_BE + f"Botox\n\n{PLACEHOLDER}\n".encode("utf-16-be"),
        "bom-utf32.md": f"# Botox\n\n{PLACEHOLDER}\n".encode("utf-32"),
        "bom-twice.md": codecs.BOM_UTF8 * 2 + f"# Botox\n\n{PLACEHOLDER}\n".encode(),
        # Windows-1252 without a declared charset: curly quotes (0x93/0x94), é (0xe9), € (0x80).
        "cp1252.html": _page(f"<h1>Caf\xe9 \x93Botox\x94 for \x80200</h1><p>{PLACEHOLDER}</p>", head="").encode("latin-1"),
        "cp1252.md": f"# Caf\xe9 \x93Botox\x94\n\n{PLACEHOLDER}\n".encode("latin-1"),
        "latin1.txt": f"Caf\xe9 cr\xe8me\n\n{PLACEHOLDER}\n".encode("latin-1"),
        # Declares UTF-8 but holds Windows-1252 bytes.
        "wrong-charset-utf8.html": _page(f"<h1>Caf\xe9</h1><p>{PLACEHOLDER}</p>").encode("latin-1"),
        # Declares ISO-8859-1 but holds UTF-8.
        "wrong-charset-latin1.html": _page(f"<h1>Café “Botox”</h1><p>{PLACEHOLDER}</p>", head='<meta charset="iso-8859-1">').encode(),
        "unknown-charset.html": _page(f"<h1>Botox</h1><p>{PLACEHOLDER}</p>", head='<meta charset="x-klingon">').encode(),
        "nul.md": f"# Botox\n\n{PLACEHOLDER}\x00\x00 more\n".encode(),
        "binary.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "front-matter-broken.md": f"---\ntitle: \"Botox\nauthor: [unclosed\n---\n\n# Botox\n\n{PLACEHOLDER}\n".encode(),
        "front-matter-unclosed.md": f"---\ntitle: Botox\n\n# Botox\n\n{PLACEHOLDER}\n".encode(),
        "front-matter-list.md": f"---\n- title\n- Botox\n---\n\n# Botox\n\n{PLACEHOLDER}\n".encode(),
        "front-matter-scalar.md": f"---\njust a sentence\n---\n\n# Botox\n\n{PLACEHOLDER}\n".encode(),
        "front-matter-python.md": (
            "---\ntitle: !!python/object/apply:os.system [\"touch pwned-by-front-matter\"]\n---\n\n"
            f"# Botox\n\n{PLACEHOLDER}\n"
        ).encode(),
        "front-matter-aliases.md": (_billion_laughs() + f"\n---\n\n# Botox\n\n{PLACEHOLDER}\n").encode(),
        "front-matter-deep.md": ("---\ntitle: " + "[" * DEPTH + "]" * DEPTH + f"\n---\n\n# Botox\n\n{PLACEHOLDER}\n").encode(),
    }


def _billion_laughs() -> str:
    """YAML aliases that expand to 10**9 strings if anything walks them as a tree."""
    lines = ["---", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append("title: *a8")
    return "\n".join(lines)


RULE_TEMPLATE = (
    'id = "{id}"\nname = "{name}"\nextends = "existence"\nseverity = "error"\ncategory = "editorial"\n'
    'message = "House style: {{match}}."\n\n[options]\n{options}\n\n'
    '[docs]\nwhy = "House style."\nfix = "Rewrite it."\nexample = "Synergy wins."\ngood = "Teams win."\n'
)
ARTICLE = f"# Botox and migraine\n\n{PARAGRAPH}\n\nOur synergy is real.\n"


def _configs() -> dict[str, dict[str, str]]:
    """Folders holding a config (and sometimes a rule pack) plus one article each."""
    def pack(rule_id: str, options: str) -> str:
        return RULE_TEMPLATE.format(id=rule_id, name=f"house-{rule_id.lower()}", options=options)

    return {
        "config-unknown-key": {"contentlint.toml": 'packs = ["editorial"]\nfail-on = "error"\nfial-on = "warning"\n'},
        "config-wrong-type": {"contentlint.toml": 'packs = ["editorial"]\n\n[rules]\nED002 = { severity = "error", tokens = "TODO" }\nED004 = 3\n'},
        "config-invalid-toml": {"contentlint.toml": 'packs = ["editorial"]\nselect = ["ED002"\nfail-on = "error"\n'},
        "config-pyproject-wrong-type": {"pyproject.toml": '[project]\nname = "site"\n\n[tool.contentlint]\npacks = "editorial"\n'},
        "config-unknown-rule": {"contentlint.toml": 'packs = ["editorial"]\n\n[rules]\nED999 = "off"\n'},
        "config-dangerous-pattern": {
            "contentlint.toml": 'packs = ["editorial"]\n\n[rules.ED002]\npatterns = ["(\\\\w+\\\\s?)*$"]\n',
        },
        "pack-invalid-pattern": {
            "contentlint.toml": 'packs = ["editorial"]\nrule-packs = ["house"]\n',
            "house/ED901.toml": pack("ED901", 'patterns = ["synergy(", "ok"]'),
        },
        "pack-dangerous-pattern": {
            "contentlint.toml": 'packs = ["editorial"]\nrule-packs = ["house"]\n',
            "house/ED902.toml": pack("ED902", 'patterns = ["(a+)+b"]'),
        },
        "pack-dangerous-star": {
            "contentlint.toml": 'packs = ["editorial"]\nrule-packs = ["house"]\n',
            "house/ED903.toml": pack("ED903", 'tokens = ["synergy"]\npatterns = ["(.*)*x"]'),
        },
        "pack-invalid-toml": {
            "contentlint.toml": 'packs = ["editorial"]\nrule-packs = ["house"]\n',
            "house/ED904.toml": pack("ED904", 'tokens = ["synergy"').replace('name = "', 'name = "broken ', 1),
        },
        "pack-good": {
            "contentlint.toml": 'packs = ["editorial"]\nrule-packs = ["house"]\nselect = ["ED905"]\n',
            "house/ED905.toml": pack("ED905", 'patterns = ["syn(?:ergy|ergies)", "(?<![\\\\w-])leverag(?:e|ing)\\\\b"]'),
        },
    }


def write_files(folder: Path) -> dict[str, Path]:
    """The single-file cases in `folder`; returns name → path."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, data in _text_files().items():
        path = folder / name
        path.write_bytes(data)
        written[name] = path
    return written


def write_configs(folder: Path) -> dict[str, Path]:
    """One folder per config or rule-pack case, each with `article.md`; returns name → folder."""
    written = {}
    for case, files in _configs().items():
        root = folder / case
        for name, text in {**files, "article.md": ARTICLE}.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        written[case] = root
    return written


def write_links(folder: Path) -> Path:
    """A folder to walk: a good article, a symlinked file and folder, a symlink loop, a
    dangling link, a folder that links to its parent, and a FIFO named like an article."""
    root = folder / "links"
    (root / "real").mkdir(parents=True, exist_ok=True)
    (root / "real" / "article.md").write_text(ARTICLE + f"\n{PLACEHOLDER}\n", encoding="utf-8")
    _link(root / "linked-article.md", "real/article.md")
    _link(root / "linked-folder", "real")
    _link(root / "loop-a.md", "loop-b.md")
    _link(root / "loop-b.md", "loop-a.md")
    _link(root / "dangling.md", "missing.md")
    _link(root / "real" / "up", "..")
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "fifo.md")
    return root


def _link(path: Path, target: str) -> None:
    if not path.is_symlink():
        path.symlink_to(target)


def write_long_lines(folder: Path) -> dict[str, Path]:
    """A single 5 MB line of prose as text, Markdown (under a heading) and HTML."""
    folder.mkdir(parents=True, exist_ok=True)
    sentence = "Botox relaxes the treated muscle for about three months. "
    line = (sentence * (LONG_LINE_BYTES // len(sentence) + 1))[:LONG_LINE_BYTES]
    contents = {
        "long-line.txt": line.encode(),
        "long-line.md": f"# Botox\n\n{line}\n".encode(),
        "long-line.html": _page(f"<h1>Botox</h1><p>{line}</p>").encode(),
    }
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in contents}


def write_big_html(path: Path, size: int = BIG_HTML_BYTES) -> Path:
    """An HTML page of `size` bytes: many realistic paragraphs, written in chunks."""
    head, tail = _page("\x00").encode().split(b"\x00")
    chunk = f"<p>{PARAGRAPH}</p>\n".encode() * 1000
    with path.open("wb") as stream:
        stream.write(head)
        remaining = size - len(head) - len(tail)
        while remaining > 0:
            stream.write(chunk[:remaining])
            remaining -= len(chunk)
        stream.write(tail)
    return path


GENERATORS: dict[str, Callable[[Path], object]] = {
    "files": lambda folder: write_files(folder / "files"),
    "configs": lambda folder: write_configs(folder / "configs"),
    "links": write_links,
    "long": lambda folder: write_long_lines(folder / "long"),
}


def generate(folder: Path, *, big: bool = False) -> Path:
    """The whole corpus under `folder`."""
    for write in GENERATORS.values():
        write(folder)
    if big:
        write_big_html(folder / "big.html")
    return folder


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    print(generate(Path(sys.argv[1]), big="--big" in sys.argv[2:]))
