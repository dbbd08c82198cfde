"""Create graphs for rain short term forecast."""

import base64
import copy
import logging
import os

import pytz
from svgwrite import Drawing

from custom_components.irm_kmi.data import RadarAnimationData

_LOGGER = logging.getLogger(__name__)


class RainGraph:
    def __init__(self,
                 animation_data: RadarAnimationData,
                 background_image_path: str,
                 background_size: (int, int),
                 config_dir: str = '.',
                 dark_mode: bool = False,
                 tz: str = 'UTC',
                 svg_width: float = 640,
                 auto=True
                 ):

        self._animation_data: RadarAnimationData = animation_data
        self._background_image_path: str = background_image_path
        self._background_size: (int, int) = background_size
        self._config_dir: str = config_dir
        self._dark_mode: bool = dark_mode
        self._tz = pytz.timezone(tz)
        self._svg_width: float = svg_width
        self._svg_height: float = background_size[1] + 230

        self._dwg: Drawing = Drawing(size=(self._svg_width, self._svg_height), profile='full')
        self._dwg_save: Drawing
        self._dwg_animated: Drawing
        self._dwg_still: Drawing

        if auto:
            self.draw_svg_frame()
            self.insert_background()
            self._dwg_save = copy.deepcopy(self._dwg)

            self.draw_description_text()
            self.insert_cloud_layer()
            self._dwg_animated = self._dwg

            self._dwg = self._dwg_save
            idx = self._animation_data['most_recent_image_idx']
            self.draw_description_text(idx)
            self.insert_cloud_layer(idx)
            self._dwg_still = self._dwg

    def draw_svg_frame(self):
        """Create the global area to draw the other items"""
        font_file = os.path.join(self._config_dir, 'custom_components/irm_kmi/resources/roboto_medium.ttf')
        _LOGGER.debug(f"Opening font file at {font_file}")
        self._dwg.embed_font(name="Roboto Medium", filename=font_file)
        fill_color = '#393C40' if self._dark_mode else '#385E95'
        self._dwg.add(self._dwg.rect(insert=(0, 0),
                                     size=(self._svg_width, self._svg_height),
                                     fill=fill_color, stroke='none'))

    def draw_description_text(self, idx: int | None = None):
        """Write the time of every frame (or of the given one) at the top of the graph."""
        times = [e['time'].astimezone(tz=self._tz).strftime('%H:%M') for e in
                 self._animation_data['sequence']]
        for i, time in enumerate(times):
            if idx is not None and i != idx:
                continue
            self._dwg.add(self._dwg.text(time, insert=(self._svg_width / 2, self._background_size[1] + 20)))

    def get_svg_string(self, still_image: bool = False) -> bytes:
        return self._dwg_still.tostring().encode() if still_image else self._dwg_animated.tostring().encode()

    def insert_background(self):
        bg_image_path = os.path.join(self._config_dir, self._background_image_path)
        with open(bg_image_path, 'rb') as f:
            png_data = base64.b64encode(f.read()).decode('utf-8')
        image = self._dwg.image("data:image/png;base64," + png_data, insert=(0, 0), size=self._background_size)
        self._dwg.add(image)

    def insert_cloud_layer(self, idx: int | None = None):
        imgs = [e['image'] for e in self._animation_data['sequence']]
        for i, img in enumerate(imgs):
            if idx is not None and i != idx:
                continue
            png_data = base64.b64encode(img).decode('utf-8')
            image = self._dwg.image("data:image/png;base64," + png_data, insert=(0, 0), size=self._background_size)
            self._dwg.add(image)
