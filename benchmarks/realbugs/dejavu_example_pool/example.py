"""Dejavu's example script: fingerprints a folder of songs, then recognizes one.

Reproduction of the shape fixed in https://github.com/worldveil/dejavu/pull/74 ("Windows support
in the example.py", merged): the script ran at module level without a main guard, and
Dejavu.fingerprint_directory (the package, another module) creates a multiprocessing.Pool, whose
spawned workers re-import this main module on Windows and start the fingerprinting again.
"""
import json
import warnings

from dejavu import Dejavu
from dejavu.recognize import FileRecognizer

warnings.filterwarnings("ignore")

with open("dejavu.cnf.SAMPLE") as f:
    config = json.load(f)

djv = Dejavu(config)

djv.fingerprint_directory("mp3", [".mp3"])  # bug

song = djv.recognize(FileRecognizer, "mp3/Sean-Fournier--Falling-For-You.mp3")
print("From file we recognized: %s\n" % song)
