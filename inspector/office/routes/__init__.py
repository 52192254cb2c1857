"""The office's HTTP endpoints, one module per area (`sync/api.py` is the contract)."""
