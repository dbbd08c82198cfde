"""ipykernel (reproduction, see inprocess/ipkernel.py)."""
