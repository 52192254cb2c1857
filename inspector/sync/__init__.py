"""Client side of the office sync protocol (DESIGN.md §7). Not built yet."""
