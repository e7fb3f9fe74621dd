"""Colour contrast as WCAG 2.2 measures it, and the nearest shade of a colour that passes.

Pure functions on "#rrggbb" strings, used to check a council's colours before anything is
built: text needs 4.5:1 against its background, large headings and graphics (rules, borders,
tick boxes) 3:1 (WCAG 2.2 success criteria 1.4.3 and 1.4.11).
"""

from __future__ import annotations

from typing import Callable

TEXT = 4.5
LARGE_OR_GRAPHIC = 3.0
WHITE = "#ffffff"
BLACK = "#000000"
STEPS = 256  # how finely a shade is searched for: one step of an 8-bit channel


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def hex_colour(channels: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(255, max(0, c))):02x}" for c in channels)


def luminance(colour: str) -> float:
    """Relative luminance, as WCAG 2.2 defines it."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(linear, rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(first: str, second: str) -> float:
    """The contrast ratio between two colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def shown_ratio(value: float) -> str:
    """A ratio as people quote it, rounded down so 4.497 never shows as a passing 4.5."""
    return f"{int(value * 100) / 100:.2f}:1"


def mix(colour: str, towards: str, amount: float) -> str:
    (r1, g1, b1), (r2, g2, b2) = rgb(colour), rgb(towards)
    return hex_colour((r1 + (r2 - r1) * amount, g1 + (g2 - g1) * amount, b1 + (b2 - b1) * amount))


def nearest_passing(colour: str, passes: Callable[[str], bool]) -> str | None:
    """The shade of `colour` closest to it (mixed with the least black or white) that passes."""
    for step in range(1, STEPS + 1):
        for towards in (BLACK, WHITE):
            shade = mix(colour, towards, step / STEPS)
            if passes(shade):
                return shade
    return None
