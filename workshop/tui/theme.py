"""The app's one theme: high contrast, so a projected screen stays readable across a room."""

from __future__ import annotations

from textual.theme import Theme

#: The name the app registers its theme under.
THEME_NAME = "workshop"

# The colours by role. Also used for Rich text built in Python (a DataTable's cells), which the
# CSS variables ($success…) cannot reach. Saturated colours on a near-black ground: projectors
# wash out pale tints and thin greys.
PRIMARY = "#4DA3FF"
SECONDARY = "#B794F6"
ACCENT = "#FFC247"
SUCCESS = "#4ADE80"
WARNING = "#FFB020"
ERROR = "#FF5C5C"
FOREGROUND = "#F4F6F8"
BACKGROUND = "#0B0F14"
SURFACE = "#131A22"
PANEL = "#1D2733"
#: Secondary text; still well above 4.5:1 contrast on the background.
MUTED = "#A3AFBD"

WORKSHOP_THEME = Theme(
    name=THEME_NAME,
    primary=PRIMARY,
    secondary=SECONDARY,
    accent=ACCENT,
    warning=WARNING,
    error=ERROR,
    success=SUCCESS,
    foreground=FOREGROUND,
    background=BACKGROUND,
    surface=SURFACE,
    panel=PANEL,
    dark=True,
    # Full-strength text: the default 0.95 alpha dims text a little on a projector.
    text_alpha=1.0,
    variables={
        "muted": MUTED,
        "footer-key-foreground": ACCENT,
        "block-cursor-background": PRIMARY,
        "block-cursor-foreground": BACKGROUND,
        "block-cursor-text-style": "bold",
        "input-selection-background": f"{PRIMARY} 45%",
    },
)
