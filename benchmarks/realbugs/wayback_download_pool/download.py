"""Download every archived page of a domain with a pool of worker processes.

Reproduction of the shape fixed in
https://github.com/lorenzoromani1983/wayback-keyword-search/commit/3e6a49e7adb23eeb80e97e99b21f77a2317b8b58
(https://github.com/lorenzoromani1983/wayback-keyword-search/pull/1): the script prompted, fetched
and started Pool(10) at module level with no main guard, so each spawned worker re-ran the script
(and waited at the prompt).
"""

import os
from multiprocessing import Pool

import requests

domain = input("Type the target domain: ")
save_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), domain)
os.makedirs(save_path, exist_ok=True)
history = requests.get("https://web.archive.org/cdx/search/cdx?url=*." + domain).text.splitlines()
urls = ["http://web.archive.org/web/" + line.split(" ")[1] + "/" + domain for line in history if "text/html" in line]


def download(url):
    response = requests.get(url)
    if response.status_code == 200:
        name = url.rstrip("/").replace("/", "_")[:200] + ".txt"
        with open(os.path.join(save_path, name), "w") as handle:
            handle.write(response.text)


p = Pool(10)  # bug
p.map(download, urls)
p.terminate()
p.join()
