"""ObsPlus (reproduction, see bank/eventbank.py)."""
