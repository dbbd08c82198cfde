"""Frame tracer and Flask backend of a video-to-graph renderer (a script run directly).

Reproduction of the shape reported in https://github.com/kevinjycui/DesmosBezierRenderer/issues/14
(RuntimeError: an attempt has been made to start a new process before the current process has
finished its bootstrapping phase) and fixed in commit
https://github.com/kevinjycui/DesmosBezierRenderer/commit/d3caf4a1acc6062c8cdccf8fd32d811060395e68
("Run backend in main; Fixes #16"): shared multiprocessing.Value counters and
`with multiprocessing.Pool(processes=multiprocessing.cpu_count()) as pool:` then pool.map(...) at
module level, no main guard; under spawn every worker re-imports the script and builds a pool
again. The fix moved the block under `if __name__ == '__main__':`.
"""
import json
import multiprocessing
import os
from time import time

import cv2
from flask import Flask, request

app = Flask(__name__)

FRAME_DIR = "frames"
FILE_EXT = "png"


def get_contours(filename):
    image = cv2.imread(filename)
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    edged = cv2.Canny(gray, 30, 200)
    with frame.get_lock():
        frame.value += 1
        height.value = max(height.value, image.shape[0])
        width.value = max(width.value, image.shape[1])
    return edged[::-1]


def get_expressions(index):
    edged = get_contours(FRAME_DIR + "/frame%d.%s" % (index + 1, FILE_EXT))
    return [{"id": "expr-%d" % i, "latex": str(row.sum())} for i, row in enumerate(edged)]


frame = multiprocessing.Value("i", 0)
height = multiprocessing.Value("i", 0, lock=False)
width = multiprocessing.Value("i", 0, lock=False)
frame_latex = range(len(os.listdir(FRAME_DIR)))

with multiprocessing.Pool(processes=multiprocessing.cpu_count()) as pool:  # bug
    print("Processing %d frames..." % len(os.listdir(FRAME_DIR)))
    start = time()
    frame_latex = pool.map(get_expressions, frame_latex)
    print("--> Processing complete in %.1f seconds" % (time() - start))


@app.route("/")
def index():
    number = int(request.args.get("frame"))
    if number >= len(frame_latex):
        return {"result": None}
    return json.dumps({"result": [frame_latex[number]], "number_of_frames": 1})


@app.route("/init")
def init():
    return json.dumps({"height": height.value, "width": width.value, "total_frames": len(frame_latex)})


app.run()
