"""Speech to text (reproduction, see routers/transcription.py)."""
import os

from faster_whisper import WhisperModel

MODEL_SIZE = os.getenv("WHISPER_MODEL_SIZE", "base")
model = WhisperModel(MODEL_SIZE, device="cpu", compute_type="int8")


def transcribe_audio(audio_path: str) -> str:
    """Transcribe an audio file with faster-whisper on the CPU; the segments decode lazily."""
    segments, info = model.transcribe(audio_path, beam_size=5)
    transcript = " ".join(segment.text.strip() for segment in segments)
    return transcript or ""
