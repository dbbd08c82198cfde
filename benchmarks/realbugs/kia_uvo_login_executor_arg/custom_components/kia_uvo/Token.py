"""Token (reproduction, see Vehicle.py)."""


class Token:
    def __init__(self, data: dict):
        self.access_token = data.get("access_token")
        self.refresh_token = data.get("refresh_token")
        self.device_id = data.get("device_id")
        self.vehicle_id = data.get("vehicle_id")
        self.vehicle_name = data.get("vehicle_name")
        self.valid_until = data.get("valid_until", "")
