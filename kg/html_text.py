"""Read the article out of an HTML page: paragraphs as text, the page's furniture left out.

Scraped pages are a common input.  Read as plain text, their tags and scripts would
become "entities"; read here, each block (paragraph, heading, list item, table row)
becomes a paragraph of text, character references are decoded, and what is no
article text (script, style, head, navigation, forms, footers) is dropped.  The
parser is the standard library's: it never fetches anything and never expands
entities beyond HTML's own character references.

Example:
    >>> html_to_text("<html><body><nav>Home</nav><h1>CNIPA</h1><p>It granted &amp; "
    ...              "published.<script>x()</script></p></body></html>")
    'CNIPA\\n\\nIt granted & published.'
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
#: Elements whose content is no article text.
_SKIPPED = frozenset(
    "script style noscript template svg math head nav aside footer form button select "
    "iframe object canvas".split()
)
#: Elements that end a paragraph.
_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol tr table article section header main blockquote "
    "figcaption figure dd dt dl pre address br hr title".split()
)
#: Elements with no end tag (their start must not open a skipped region).
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


def looks_like_html(text: str) -> bool:
    """True for a page that opens as an HTML document.

    Example:
        >>> looks_like_html("<!DOCTYPE html><p>x</p>"), looks_like_html("The <b>office</b>")
        (True, False)
    """
    return bool(_START.match(text[:4096]))


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping: list[str] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            name = (values.get("property") or values.get("name") or "").lower()
            if name and values.get("content"):
                self.meta.setdefault(name, values["content"].strip())
        elif tag == "time" and values.get("datetime"):
            self.meta.setdefault("time", values["datetime"].strip())
        if tag in _SKIPPED and tag not in _VOID:
            self.skipping.append(tag)
        elif tag in _BLOCKS:
            self._end_block()

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCKS:
            self._end_block()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag in _SKIPPED and tag in self.skipping:  # badly nested: close up to it
            while self.skipping and self.skipping.pop() != tag:
                pass
        elif tag in _BLOCKS:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)

    def _end_block(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def text(self) -> str:
        self._end_block()
        return "\n\n".join(self.blocks)

    def date_line(self) -> str | None:
        """ "date YYYY-MM-DD (Site)" from the page's publication date and site name, as
        kg's header reader takes it (None without a date)."""
        for key in ("article:published_time", "datepublished", "date", "dc.date", "time"):
            found = _ISO_DATE.match(self.meta.get(key, ""))
            if found:
                site = self.meta.get("og:site_name", "").replace("(", "").replace(")", "")
                return f"date {found.group()}" + (f" ({site})" if site else "")
        return None


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def html_to_text(html: str) -> str:
    """The readable text of an HTML page, one paragraph per block, opened by a date line
    when the page states its publication date (``article:published_time``, ``<time>``)."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    text = collector.text()
    line = collector.date_line()
    return f"{line}\n{text}" if line and text else text
