class MiotCloud:
    user_id: str

    @staticmethod
    def all_clouds(hass) -> list["MiotCloud"]:
        return list(hass.data.get("miot_devices", {}).get("clouds", []))

    async def async_devices(self) -> dict:
        raise NotImplementedError
