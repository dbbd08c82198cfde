"""jupyter_lsp (reproduction, see manager.py)."""
