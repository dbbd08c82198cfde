"""Stand-in for the bittensor package (see core/async_subtensor.py)."""
