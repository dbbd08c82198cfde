class _Config:
    screenshot_quality = 70
    display = "x11"


config = _Config()
