"""Base output transport: writes audio and video frames to the client.

Reproduction of the shape fixed in https://github.com/pipecat-ai/pipecat/pull/1880
("BaseOutputTransport: don't block event loop during image resize"): the async _draw_image
decoded the raw frame with PIL and resized it to the camera size inline, CPU work on the event
loop for every video frame. The fix moved the resize to a thread.
"""

from PIL import Image

from pipecat.frames import OutputImageRawFrame


class BaseOutputTransport:
    def __init__(self, camera_out_width: int, camera_out_height: int) -> None:
        self._camera_out_width = camera_out_width
        self._camera_out_height = camera_out_height

    async def write_frame_to_camera(self, frame: OutputImageRawFrame) -> None:
        pass

    async def _draw_image(self, frame: OutputImageRawFrame) -> None:
        desired_size = (self._camera_out_width, self._camera_out_height)
        if frame.size != desired_size:
            image = Image.frombytes(frame.format, frame.size, frame.image)
            resized_image = image.resize(desired_size)  # bug
            frame = OutputImageRawFrame(resized_image.tobytes(), resized_image.size, frame.format)
        await self.write_frame_to_camera(frame)
