"""Dependencies for the API (reproduction, see utils.py)."""
from wordcab_transcribe.services.asr_service import ASRAsyncService

asr = ASRAsyncService()
