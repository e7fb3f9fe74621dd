"""Quiz text as words, for comparing what questions say: case, punctuation and quotes ignored,
endings that vary between rewordings dropped ("breaches" and "breach" are one word).
"""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[a-z0-9]+")
WRITTEN_WORD = re.compile(r"[A-Za-z0-9'’]+")  # a word as printed: words() of it is that one word
NEGATIONS = {"dont", "doesnt", "never", "not", "no", "cannot", "cant", "wont", "shouldnt", "nobody", "nothing"}
STOP_WORDS = set(
    """a an the to of in on at by for with from as into about over under and or but if than then so
    that this these those it its is are was were be been being am do does did has have had having
    will would can could should may might must shall you your yours they them their he she his her
    we our us i me my who whom whose which what when where why how all any each every some one
    other such only own same also just very there here up out well say says said guidance listed
    tip tips""".split()
)


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """`text` as lower-case words, with punctuation, quotes and apostrophes dropped ("don't" -> "dont")."""
    return tuple(WORD.findall(text.lower().replace("'", "").replace("’", "")))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A word without the endings that vary between rewordings: breaches/breach, posting/post."""
    if word in NEGATIONS:
        return "not"
    for ending, short in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("s", "")):
        if word.endswith(ending) and len(word) > len(ending) + 2 and not word.endswith("ss"):
            word = word[: -len(ending)] + short
            break
    for ending in ("ing", "ed", "ly"):
        if word.endswith(ending) and len(word) > len(ending) + 3:
            word = word[: -len(ending)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


@lru_cache(maxsize=65536)
def meaning(text: str) -> dict[str, str]:
    """{stem: the word as written} for the words of `text` that carry meaning (shared: never change it)."""
    found: dict[str, str] = {}
    for written in WRITTEN_WORD.findall(text):
        for word in words(written):  # one, or none for a stray apostrophe
            if word not in STOP_WORDS:
                found.setdefault(stem(word), written.strip("'’"))
    return found


@lru_cache(maxsize=65536)
def sentences(text: str) -> tuple[str, ...]:
    return tuple(s for s in re.split(r"(?<=[.!?;:])\s+", text) if s.strip())
