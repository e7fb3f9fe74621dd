"""Typesetting applied when content is rendered to print, never written back to the content files.

- Quotes and apostrophes become typographic ones (don't -> don’t, 'fake news' -> ‘fake news’,
  "people do" -> “people do”). Which quote marks the author chose is kept: only their shape
  changes.
- Web addresses print without "https://" and may break only after a slash or a dot, never at
  their own hyphens ("milton-/keynes" misleads a reader who types it). Email addresses and web
  addresses are left exactly as written otherwise, quotes and all.

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
    out, last = [], 0
    for match in ADDRESS.finditer(plain):
        out.append(escape(curly_quotes(plain[last : match.start()], before=plain[last - 1 : last])))
        out.append(_address(match.group()))
        last = match.end()
    out.append(escape(curly_quotes(plain[last:], before=plain[last - 1 : last] if last else "")))
    return Markup("".join(out))


def typographic(text: str, before: str = "") -> str:
    """Plain `text` with typographic quotes, its web and email addresses left exactly as written
    (for the Word handout, which holds text, not markup). `before` is the text's preceding character."""
    out, last = [], 0
    for match in ADDRESS.finditer(text):
        out.append(curly_quotes(text[last : match.start()], before=text[last - 1 : last] if last else before))
        out.append(match.group())
        last = match.end()
    out.append(curly_quotes(text[last:], before=text[last - 1 : last] if last else before))
    return "".join(out)


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


def _address(address: str) -> str:
    """A web or email address whose lines may break only after `/` or `.`: a <wbr> there, and
    the pieces with hyphens kept whole (a line may otherwise break after a hyphen)."""
    shown = display_address(address) if "@" not in address or "/" in address else address
    pieces = re.split(r"(?<=[/.])", shown)
    inner = "<wbr>".join(
        f'<span class="nobr">{escape(piece)}</span>' if "-" in piece else str(escape(piece))
        for piece in pieces
        if piece
    )
    href = (
        ("mailto:" + address)
        if "@" in address and "/" not in address
        else (address if SCHEME.match(address) else "https://" + address)
    )
    return f'<a class="address" href="{escape(href)}">{inner}</a>'  # a real link, its words readable


def is_callout(text: object) -> bool:
    """A paragraph that tells an unsure reader whom to contact prints as a call-out box (the
    Jinja test `callout`): the content decides, the template only shapes it."""
    return bool(CALLOUT.match(str(text)))
