"""Speech recognition backends (see audio_processor.py)."""
import numpy as np


class FasterWhisperASR:
    """Whisper through faster-whisper; transcribe() decodes the whole buffer on the calling thread."""

    sep = ""

    def __init__(self, language: str, model_size: str):
        from faster_whisper import WhisperModel

        self.language = None if language == "auto" else language
        self.model = WhisperModel(model_size, device="auto", compute_type="auto")

    def transcribe(self, audio: np.ndarray, prompt: str = "") -> list:
        segments, _info = self.model.transcribe(
            audio, language=self.language, initial_prompt=prompt, beam_size=5, word_timestamps=True
        )
        return list(segments)

    def words(self, segments) -> list:
        return [(w.start, w.end, w.word) for seg in segments for w in seg.words]
