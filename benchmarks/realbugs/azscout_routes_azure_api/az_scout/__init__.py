"""Stand-in of az-scout's package (reproduction of az-scout#73)."""
