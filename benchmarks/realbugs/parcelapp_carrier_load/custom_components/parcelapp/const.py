"""Constants of the parcel tracking integration (reproduction, see services.py)."""
DOMAIN = "parcelapp"
TRACKING_NUMBER = "tracking_number"
COURIER = "courier"
