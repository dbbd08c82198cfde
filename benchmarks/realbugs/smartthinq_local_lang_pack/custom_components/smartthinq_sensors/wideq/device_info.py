class DeviceInfo:
    def __init__(self, data: dict) -> None:
        self._data = data

    @property
    def model_info_url(self) -> str:
        return self._data.get("modelJsonUri", "")
