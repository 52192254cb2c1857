"""Use cases the UI and the CLI call. Each owns its transaction and returns plain snapshots and a
`Changes` set; nothing here imports Qt."""
