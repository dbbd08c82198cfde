"""Shared helpers (reproduction, see biliStream.py)."""
import re
from typing import Tuple

import requests


def parseB23Url(url: str) -> Tuple[bool, int, str]:
    """Resolve a b23.tv short link: (ok, 1 for a live room / 2 for a video, id)."""
    API = "https://duanwangzhihuanyuan.bmcx.com/web_system/bmcx_com_www/system/file/duanwangzhihuanyuan/get/"
    res = requests.post(url=API, data={"turl": url})  # bug
    assert res.status_code == 200, f"short link conversion failed, status_code = {res.status_code}"
    if re.search("live.bilibili.com", res.text):
        return (True, 1, re.search(r"live.bilibili.com/(\d+)", res.text).group(1))
    if re.search("bilibili.com/video", res.text):
        return (True, 2, re.search(r"video/(\w+)", res.text).group(1))
    return (False, 0, "")
