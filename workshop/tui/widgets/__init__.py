"""Widgets, by the region of a screen they fill; import each module directly by path."""
