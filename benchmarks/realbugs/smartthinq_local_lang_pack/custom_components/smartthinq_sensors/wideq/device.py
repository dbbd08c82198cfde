from __future__ import annotations

from .core_async import ClientAsync
from .device_info import DeviceInfo


class Device:
    def __init__(self, client: ClientAsync, device_info: DeviceInfo, temp_unit: str = "C") -> None:
        self._client = client
        self._device_info = device_info
        self._temp_unit = temp_unit
        self._model_data = None
        self._local_lang_pack = None

    async def init_device_info(self) -> bool:
        if self._model_data is None:
            self._model_data = await self._client.model_url_info(self._device_info.model_info_url)
            if self._model_data is None:
                return False
        # load local language pack
        if self._local_lang_pack is None:
            self._local_lang_pack = self._client.local_lang_pack()  # bug
        return True
