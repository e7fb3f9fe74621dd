"""Typesetting applied when content is rendered to print, never written back to the content files.

- A dash between words becomes a spaced en dash tied to the word before, so no line starts with
  a dash ("residents—social media" -> "residents – social media").
- Quotes and apostrophes become typographic ones (don't -> don’t, 'fake news' -> ‘fake news’,
  "people do" -> “people do”). Which quote marks the author chose is kept: only their shape
  changes.
- Web addresses print without "https://" and may break only after a slash or before a dot,
  never after one ("milton-keynes. / gov.uk" reads as a sentence's end) nor at their own hyphens
  ("milton-/keynes" misleads a reader who types it). Email addresses and web addresses are left
  exactly as written otherwise, quotes and all.

Used as the Jinja filter `typeset`; it returns markup, the text escaped.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

ADDRESS = re.compile(r"""(?:https?://|www\.)[^\s<>"]+[^\s<>".,;:!?)'’]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+""")
SCHEME = re.compile(r"^https?://")
CALLOUT = re.compile(r"If you are unsure\b.*\bcontact\b", re.IGNORECASE | re.DOTALL)
OPENING_CONTEXT = re.compile(r"[\s(\[{\u2014\u2013/-]")


def typeset(text: object) -> Markup:
    """`text` (plain, or markup from a macro) as print-ready markup."""
    plain = Markup(text).unescape() if isinstance(text, Markup) else str(text)
    out: list[str] = []
    last = 0
    for match in ADDRESS.finditer(plain):
        out.append(escape(curly_quotes(tied_dashes(plain[last : match.start()]), before=plain[last - 1 : last])))
        out.append(address_link(match.group()))
        last = match.end()
    out.append(escape(curly_quotes(tied_dashes(plain[last:]), before=plain[last - 1 : last] if last else "")))
    return Markup("".join(out))


def typographic(text: str, before: str = "") -> str:
    """Plain `text` with typographic quotes, its web and email addresses left exactly as written
    (for the Word handout, which holds text, not markup). `before` is the text's preceding character."""
    out, last = [], 0
    for match in ADDRESS.finditer(text):
        out.append(
            curly_quotes(tied_dashes(text[last : match.start()]), before=text[last - 1 : last] if last else before)
        )
        out.append(match.group())
        last = match.end()
    out.append(curly_quotes(tied_dashes(text[last:]), before=text[last - 1 : last] if last else before))
    return "".join(out)


# A dash between words: spaced (" - ", " — ", " – ") or an em dash set close ("residents—social").
DASH_BETWEEN_WORDS = re.compile(r"\s+[-\u2013\u2014]\s+|(?<=\w)\u2014(?=\w)")


def tied_dashes(text: str) -> str:
    """A dash between words as a spaced en dash tied to the word before by a no-break space: a
    line may break after it but never start with it ("residents—social" broke before the dash)."""
    return DASH_BETWEEN_WORDS.sub("\u00a0\u2013 ", text)


def curly_quotes(text: str, before: str = "") -> str:
    """Straight quotes to typographic ones, each chosen by what stands before it."""
    chars = []
    previous = before
    for char in text:
        if char in "'\"":
            opening = not previous or bool(OPENING_CONTEXT.fullmatch(previous)) or previous in "‘“"
            if char == "'":
                char = "‘" if opening else "’"
            else:
                char = "“" if opening else "”"
        chars.append(char)
        previous = char
    return "".join(chars)


def display_address(address: str) -> str:
    """How a web address prints: no scheme, no lone trailing slash."""
    shown = SCHEME.sub("", address)
    if shown.count("/") == 1 and shown.endswith("/"):
        shown = shown[:-1]
    return shown


BREAK = "\u200b"  # zero width space: a line may break here
JOIN = "\u2060"  # word joiner: a line may not break here (after an address's own hyphens)


def address_target(address: str) -> tuple[str, str]:
    """The one way packgen writes a web or email address (found by ADDRESS), in every output: the
    PDFs, the web page and the Word handout. Returns where the link goes and the words shown:
    "https://www.example.gov.uk/" -> ("https://www.example.gov.uk/", "www.example.gov.uk");
    "www.example.gov.uk/a" -> ("https://www.example.gov.uk/a", "www.example.gov.uk/a");
    "clerk@example.gov.uk" -> ("mailto:clerk@example.gov.uk", "clerk@example.gov.uk")."""
    if "@" in address and "/" not in address:
        return "mailto:" + address, address
    return (address if SCHEME.match(address) else "https://" + address), display_address(address)


def address_link(address: str) -> str:
    """A web or email address as one link whose lines may break only after `/` or before `.`.

    The break points are characters inside the link's one text, not elements: a <wbr> or a
    <span> in a link makes WeasyPrint write one annotation (and one tag) per fragment. Neither
    character prints, nor is it in the PDF's text; the web page swaps them for <wbr> (web_breaks)."""
    href, shown = address_target(address)
    return f'<a class="address" href="{escape(href)}">{escape(breakable(shown))}</a>'


def breakable(shown: str) -> str:
    """`shown` with a break point after each slash and before each dot (but not "www" alone on a
    line), and none after its hyphens."""
    shown = re.sub(r"(?<=/)(?=[^/])", BREAK, shown)
    shown = re.sub(r"(?<!^www)(?<!/www)(?<=\w)(?=\.\w)", BREAK, shown)
    return shown.replace("-", "-" + JOIN)


WEB_ADDRESS = re.compile(r'(<a class="address" [^>]*>)(.*?)(</a>)', re.S)


def web_breaks(html: str) -> str:
    """The web page's addresses with <wbr> for break points and no invisible characters, so an
    address copied from a browser is the address: hyphenated pieces are kept whole by CSS."""

    def rewrite(match: re.Match) -> str:
        pieces = match[2].replace(JOIN, "").split(BREAK)
        inner = "<wbr>".join(f'<span class="nobr">{p}</span>' if "-" in p else p for p in pieces)
        return match[1] + inner + match[3]

    return WEB_ADDRESS.sub(rewrite, html)


def is_callout(text: object) -> bool:
    """A paragraph that tells an unsure reader whom to contact prints as a call-out box (the
    Jinja test `callout`): the content decides, the template only shapes it."""
    return bool(CALLOUT.match(str(text)))
