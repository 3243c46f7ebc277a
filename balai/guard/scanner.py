"""Reads a page's rendered HTML the way a defacer hopes nobody will: for gambling spam,
links hidden by CSS or pushed off-screen, and links to hosts the city does not know.

False positives are kept low on purpose. A news article may warn residents about "judi
online"; a plain mention of gambling words in the text is therefore not a finding. What is:
the vocabulary of gambling advertising ("gacor", "maxwin", "slot88", "togel online" …),
which a government warning does not use, and any gambling word in a link to another host
(its text or its address), since a warning has no reason to link to a gambling site. Links
within the city's own sites are not judged by their words: those pages are scanned too.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Words only gambling advertising uses (matched as whole words, case-insensitively).
SPAM_TERMS = [
    "gacor", "maxwin", "slot88", "slot online", "situs slot", "link slot", "daftar slot",
    "slot gacor", "togel online", "bandar togel", "bandar slot", "rtp live", "rtp slot",
    "scatter hitam", "deposit pulsa", "mahjong ways", "sbobet", "pragmatic play",
    "judi online terpercaya", "bo slot", "akun pro slot", "jp paus",
]
# Any of these in a link's text or address is a finding.
GAMBLING_WORDS = ["slot", "judi", "togel", "casino", "kasino", "poker", "taruhan", "betting",
                  "gacor", "maxwin", "toto", "bola88", "sbobet"]

SPAM = re.compile(r"\b(" + "|".join(re.escape(term) for term in SPAM_TERMS) + r")\b", re.I)
GAMBLING = re.compile(r"(" + "|".join(re.escape(word) for word in GAMBLING_WORDS) + r")",
                      re.I)
HIDING = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$)|"
    r"font-size\s*:\s*0|(?:^|;)\s*(?:width|height)\s*:\s*0(?:px)?\s*(?:;|$)|"
    r"clip\s*:\s*rect\(\s*0", re.I)
OFFSCREEN = re.compile(
    r"(?:left|top|right|text-indent|margin-left|margin-top)\s*:\s*-\s*\d{3,}", re.I)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


@dataclass(frozen=True)
class Finding:
    kind: str  # spam_keyword, gambling_link, hidden_link, offscreen_link, foreign_link
    detail: str

    @property
    def blocking(self) -> bool:
        """Everything but a link to an unknown host is treated as an attack."""
        return self.kind != "foreign_link"


class _Reader(HTMLParser):
    def __init__(self, *, host_allowed):
        super().__init__(convert_charrefs=True)
        self.host_allowed = host_allowed
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, hidden, offscreen)
        self.findings: list[Finding] = []
        self.link: dict | None = None
        self.skip = 0  # inside <script>/<style>

    @property
    def hidden(self) -> bool:
        return any(hidden for _tag, hidden, _off in self.stack)

    @property
    def offscreen(self) -> bool:
        return any(off for _tag, _hidden, off in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "template"):
            self.skip += 1
            return
        style = attrs.get("style") or ""
        hidden = "hidden" in attrs or bool(HIDING.search(style))
        offscreen = bool(OFFSCREEN.search(style))
        if tag == "a":
            self._start_link(attrs.get("href") or "", hidden, offscreen)
        if tag not in VOID:
            self.stack.append((tag, hidden, offscreen))

    def _start_link(self, href: str, hidden: bool, offscreen: bool) -> None:
        self.link = {"href": href, "text": "", "hidden": hidden or self.hidden,
                     "offscreen": offscreen or self.offscreen}

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.skip = max(0, self.skip - 1)
            return
        if tag == "a" and self.link is not None:
            self._end_link(self.link)
            self.link = None
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def _end_link(self, link: dict) -> None:
        href, text = link["href"], " ".join(link["text"].split())
        label = f"{text or '(no text)'} → {href}"
        host = urlsplit(href).hostname if href.startswith(("http://", "https://", "//")) \
            else None
        if link["hidden"]:
            self.findings.append(Finding("hidden_link", label))
        elif link["offscreen"]:
            self.findings.append(Finding("offscreen_link", label))
        if not host or self.host_allowed(host):
            return  # the site's own pages are scanned themselves
        if GAMBLING.search(text) or GAMBLING.search(href):
            self.findings.append(Finding("gambling_link", label))
        else:
            self.findings.append(Finding("foreign_link", label))

    def handle_data(self, data):
        if self.skip:
            return
        if self.link is not None:
            self.link["text"] += data
        for match in SPAM.finditer(data):
            self.findings.append(Finding("spam_keyword", match.group(0)))


def scan_html(html: str, *, host_allowed) -> list[Finding]:
    """The findings in one page's HTML; ``host_allowed(hostname)`` says which hosts the
    city knows."""
    reader = _Reader(host_allowed=host_allowed)
    reader.feed(html)
    reader.close()
    return list(dict.fromkeys(reader.findings))
