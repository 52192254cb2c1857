"""Load and validate the checklist definitions in forms/*.toml."""
