"""The app's screens, one per file; import each module directly by path."""
