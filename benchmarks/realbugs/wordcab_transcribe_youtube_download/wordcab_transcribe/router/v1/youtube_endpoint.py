"""POST /api/v1/youtube (see ../../utils.py)."""
import uuid
from typing import Optional

from fastapi import APIRouter, BackgroundTasks
from pydantic import BaseModel

from wordcab_transcribe.dependencies import asr
from wordcab_transcribe.utils import (
    convert_timestamp,
    delete_file,
    download_file_from_youtube,
    format_punct,
    is_empty_string,
)

router = APIRouter()


class YouTubeOptions(BaseModel):
    diarization: bool = False
    source_lang: str = "en"
    timestamps: str = "s"


@router.post("")
async def inference_with_youtube(background_tasks: BackgroundTasks, url: str, data: Optional[YouTubeOptions] = None):
    """Transcribe the audio of a YouTube video."""
    options = data or YouTubeOptions()
    audio_path = await download_file_from_youtube(url, f"yt_{uuid.uuid4().hex}")
    segments = await asr.process_input(audio_path, diarization=options.diarization, source_lang=options.source_lang)
    background_tasks.add_task(delete_file, filepath=audio_path)
    return {
        "video_url": url,
        "utterances": [
            {
                "text": format_punct(seg["text"]),
                "start": convert_timestamp(seg["start"], options.timestamps),
                "end": convert_timestamp(seg["end"], options.timestamps),
            }
            for seg in segments
            if not is_empty_string(seg["text"])
        ],
    }
