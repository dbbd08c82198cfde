"""Face alignment over a data set, one image per pool task; run as `python scripts/align.py`."""

import argparse
import os
from multiprocessing import Pool

import numpy as np
import tqdm

import cropper

parser = argparse.ArgumentParser()
parser.add_argument("--img_dir", default="./data/img_celeba")
parser.add_argument("--save_dir", default="./data/aligned")
parser.add_argument("--landmark_file", default="./data/landmark.txt")
parser.add_argument("--standard_landmark_file", default="./data/standard_landmark_68pts.txt")
parser.add_argument("--crop_size", type=int, default=572)
parser.add_argument("--n_worker", type=int, default=8)
args = parser.parse_args()

img_names = np.genfromtxt(args.landmark_file, dtype=str, usecols=0)
landmarks = np.genfromtxt(args.landmark_file, dtype=float)[:, 1:].reshape(len(img_names), -1, 2)
standard_landmark = np.genfromtxt(args.standard_landmark_file, dtype=float).reshape(-1, 2)
os.makedirs(args.save_dir, exist_ok=True)


def work(i):
    img = np.load(os.path.join(args.img_dir, img_names[i] + ".npy"))
    crop, moved = cropper.align_crop(img, landmarks[i], standard_landmark, (args.crop_size, args.crop_size))
    np.save(os.path.join(args.save_dir, img_names[i]), crop)
    return "%s %s" % (img_names[i], " ".join("%.1f" % v for v in moved.ravel()))


pool = Pool(args.n_worker)  # bug
name_landmark_strs = list(tqdm.tqdm(pool.imap(work, range(len(img_names))), total=len(img_names)))
pool.close()
pool.join()

with open(os.path.join(args.save_dir, "landmark.txt"), "w") as f:
    for name_landmark_str in name_landmark_strs:
        f.write(name_landmark_str + "\n")
