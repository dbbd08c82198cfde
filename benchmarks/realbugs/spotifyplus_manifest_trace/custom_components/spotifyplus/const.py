"""Constants of the Spotify integration (reproduction, see __init__.py)."""
DOMAIN = "spotifyplus"
