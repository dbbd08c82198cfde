"""Streaming wrapper around an ASR backend (see audio_processor.py): every process_iter call
decodes the whole buffered audio again and commits the words two passes agree on."""
import numpy as np


class OnlineASRProcessor:
    RATE = 16000

    def __init__(self, asr, trim_seconds: float = 15):
        self.asr = asr
        self.trim_seconds = trim_seconds
        self.audio = np.zeros(0, dtype=np.float32)
        self.offset = 0.0
        self.committed = []
        self.hypothesis = []

    def insert_audio_chunk(self, pcm: np.ndarray, stream_time: float) -> None:
        self.audio = np.concatenate([self.audio, pcm])

    def get_buffer(self) -> str:
        return " ".join(word for _, _, word in self.hypothesis)

    def process_iter(self):
        """Return (newly committed words, seconds of audio processed)."""
        prompt = " ".join(word for _, _, word in self.committed[-20:])
        words = self.asr.words(self.asr.transcribe(self.audio, prompt))
        agreed = [w for w in words if w in self.hypothesis]
        self.hypothesis = [w for w in words if w not in agreed]
        self.committed += agreed
        if len(self.audio) > self.trim_seconds * self.RATE:
            self.offset += len(self.audio) / self.RATE
            self.audio = np.zeros(0, dtype=np.float32)
        return agreed, self.offset + len(self.audio) / self.RATE
