"""Image compression for LLM requests: an ONNX router picks a technique, Pillow applies it."""
import base64
import io

import onnxruntime
from PIL import Image


class ImageCompressor:
    def __init__(self, model_path: str = "technique-router.onnx") -> None:
        self._session = onnxruntime.InferenceSession(model_path)
        self.last_result = None

    def has_images(self, messages: list) -> bool:
        return any(part.get("type") == "image" for m in messages for part in m.get("content", []) if isinstance(part, dict))

    def _shrink(self, data: str) -> str:
        image = Image.open(io.BytesIO(base64.b64decode(data)))
        scores = self._session.run(None, {"size": [[image.width, image.height]]})[0]
        factor = 0.5 if scores[0][0] > 0.5 else 0.75
        image = image.resize((int(image.width * factor), int(image.height * factor)), Image.LANCZOS)
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=80, optimize=True)
        return base64.b64encode(out.getvalue()).decode()

    def compress(self, messages: list, provider: str) -> list:
        for message in messages:
            for part in message.get("content", []):
                if isinstance(part, dict) and part.get("type") == "image":
                    part["source"]["data"] = self._shrink(part["source"]["data"])
        return messages

    def close(self) -> None:
        self._session = None
