"""Modal dialogs shared by the screens; import each module directly by path."""
