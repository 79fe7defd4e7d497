"""Models of the objectives app; filled in by a later issue."""
