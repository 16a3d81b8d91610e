"""One Okabe-Ito colour per district, the same on every page (safe for colour-blind readers)."""

from __future__ import annotations

OKABE_ITO = {
    "blue": "#0072B2", "vermillion": "#D55E00", "green": "#009E73", "purple": "#CC79A7",
    "orange": "#E69F00", "sky": "#56B4E9", "yellow": "#F0E442", "black": "#000000",
}

DISTRICT_COLOURS = {
    "Bắc Hà": OKABE_ITO["blue"],
    "Điện Biên": OKABE_ITO["vermillion"],
    "Phúc Thọ": OKABE_ITO["green"],
    "Thanh Trì": OKABE_ITO["purple"],
    "Bát Xát": OKABE_ITO["orange"],
    "Ba Bể": OKABE_ITO["sky"],
    "Pác Nặm": OKABE_ITO["sky"],
    "Ngân Sơn": OKABE_ITO["sky"],
}
# Provinces and the country are context, drawn in neutral tones, told apart by marker shape.
CONTEXT_COLOUR = "#555555"
CONTEXT_SYMBOLS = {"Lào Cai": "square", "Điện Biên": "x", "Hà Nội": "cross", "Bắc Kạn": "star", "Việt Nam": "hexagon"}
TARGET_COLOUR = OKABE_ITO["black"]
# Colour alone never tells two series apart (colour-blind readers, a grey printout): each
# district also has its own marker, and series sharing a colour take the next marker and dash.
DISTRICT_SYMBOLS = {"Bắc Hà": "circle", "Điện Biên": "diamond", "Phúc Thọ": "square", "Thanh Trì": "triangle-up",
                    "Bát Xát": "pentagon", "Ba Bể": "star", "Pác Nặm": "hexagram", "Ngân Sơn": "bowtie"}
SERIES_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "hexagon", "pentagon",
                  "triangle-down", "hexagram", "bowtie", "hourglass", "star-square", "diamond-tall", "asterisk")
SERIES_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
BAR_PATTERNS = ("", "\\", "-", "|", "+", ".")  # "/" marks a published bound, "x" a register (ui/charts.py)


def district_colour(district) -> str:
    """The district's colour; context areas (no district) are grey."""
    return DISTRICT_COLOURS.get(district, CONTEXT_COLOUR) if isinstance(district, str) else CONTEXT_COLOUR


def district_symbol(district) -> str:
    """The district's marker, the same on every chart that draws districts by marker."""
    return DISTRICT_SYMBOLS.get(district, "circle") if isinstance(district, str) else "circle"


def context_symbol(area) -> str:
    """The marker of a province or country series (all grey), so two provinces never look alike."""
    return CONTEXT_SYMBOLS.get(area, "square")


def _luminance(colour: str) -> float:
    """WCAG relative luminance of '#RRGGBB'."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio between two colours (4.5 is enough for text)."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ink_on(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (text inside a bar)."""
    return "#FFFFFF" if contrast("#FFFFFF", colour) >= contrast("#111111", colour) else "#111111"

