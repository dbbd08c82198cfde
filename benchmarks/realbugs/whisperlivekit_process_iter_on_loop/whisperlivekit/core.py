"""Models shared by all connections, and the per-connection factories (see audio_processor.py)."""
from argparse import Namespace

from whisperlivekit.whisper_streaming_custom.backends import FasterWhisperASR
from whisperlivekit.whisper_streaming_custom.online_asr import OnlineASRProcessor


class TranscriptionEngine:
    """Loads the models once per process."""

    _shared = None

    def __new__(cls, **kwargs):
        if cls._shared is None:
            cls._shared = super().__new__(cls)
            cls._shared._ready = False
        return cls._shared

    def __init__(self, **kwargs):
        if self._ready:
            return
        self.args = Namespace(**{"model": "tiny", "lan": "auto", "target_language": "", **kwargs})
        self.asr = FasterWhisperASR(self.args.lan, self.args.model)
        self.translation_model = None
        if self.args.target_language:
            from whisperlivekit.translation.translation import load_model

            self.translation_model = load_model(self.args.lan)
        self._ready = True


def online_factory(args, asr):
    return OnlineASRProcessor(asr, trim_seconds=15)


def online_translation_factory(args, translation_model):
    from whisperlivekit.translation.translation import OnlineTranslation

    return OnlineTranslation(translation_model, args.lan, args.target_language)
