import os
import shutil

DOMAIN = "xplora_watch"


def move_emojis_directory(hass):
    src_path = hass.config.path(f"custom_components/{DOMAIN}/emojis")
    dst_path = hass.config.path(f"www/{DOMAIN}")
    if os.path.exists(src_path):
        if os.path.exists(f"{dst_path}/emojis"):
            shutil.rmtree(f"{dst_path}/emojis")
        shutil.move(src_path, dst_path)
