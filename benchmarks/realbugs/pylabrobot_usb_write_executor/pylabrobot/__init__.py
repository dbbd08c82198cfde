"""PyLabRobot (reproduction, see io/usb.py)."""
