"""Telegram API types (reproduction, see asyncio_helper.py)."""
import json


class InputMedia:
    def __init__(self, type, media, caption=None):
        self.type = type
        self.media = media
        self.caption = caption
        self._media_name = "attach0" if not isinstance(media, str) else None

    def to_json(self):
        data = {"type": self.type, "media": self.media if self._media_name is None else "attach://" + self._media_name}
        if self.caption:
            data["caption"] = self.caption
        return json.dumps(data)

    def convert_input_media(self):
        if self._media_name is None:
            return self.to_json(), None
        return self.to_json(), {self._media_name: self.media}
