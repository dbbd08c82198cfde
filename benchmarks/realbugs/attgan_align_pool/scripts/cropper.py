import numpy as np


def align_crop(img, landmarks, standard_landmarks, crop_size):
    shift = (standard_landmarks - landmarks).mean(axis=0).astype(int)
    moved = np.roll(img, tuple(shift), axis=(0, 1))
    return moved[: crop_size[0], : crop_size[1]], landmarks + shift
