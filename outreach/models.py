"""Models of the outreach app; filled in by a later issue."""
