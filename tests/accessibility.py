"""WCAG 2.x colour contrast, shared by the unit test of the widget's palette and the browser
tests that measure the rendered page."""
import re
from typing import Tuple

AA_TEXT = 4.5        # normal text
AA_LARGE_TEXT = 3.0  # at least 24 px, or 18.66 px bold
AA_NON_TEXT = 3.0    # focus indicators, control borders


def parse_colour(value: str) -> Tuple[float, float, float, float]:
    """'#rrggbb', '#rgb', 'rgb(r, g, b)' or 'rgba(r, g, b, a)' -> (r, g, b, alpha)."""
    value = value.strip()
    if value.startswith("#"):
        digits = value[1:]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16), 1.0)
    numbers = [float(n) for n in re.findall(r"[\d.]+", value)]
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0)


def luminance(colour: str) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b, _ = parse_colour(colour)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
