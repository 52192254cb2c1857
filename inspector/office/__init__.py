"""The central office server (DESIGN.md §7). Not built yet."""
