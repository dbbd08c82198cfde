"""i3/sway IPC library (reproduction, see aio/connection.py)."""
