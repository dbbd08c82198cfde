"""Utils module of the Wordcab Transcribe API.

Reproduction of the shape fixed in https://github.com/Wordcab/wordcab-transcribe/pull/67 (merge
54816a1a9b624abeb081634921919686b4e4b5bd, "Fix the blocking functions in the API", commits d2528dc
and e9bd80a): download_file_from_youtube is an `async def` whose body downloads and converts the
video with yt_dlp's YoutubeDL (network I/O and an ffmpeg post-processor) synchronously; the FastAPI
route inference_with_youtube (router/v1/youtube_endpoint.py) awaits it, so every other request waits
for the whole download. The fix made it a plain function and ran it with run_in_executor on an I/O
thread pool; the download line is marked.
"""
import os
from typing import Iterable, Union

import aiofiles
import aiohttp
from yt_dlp import YoutubeDL


def convert_timestamp(ms: float, unit: str) -> float:
    return ms if unit == "ms" else ms / 1000


def format_punct(text: str) -> str:
    return text.replace(" ,", ",").replace(" .", ".").strip()


def is_empty_string(text: str) -> bool:
    return not text or not text.strip()


async def download_file_from_youtube(url: str, filename: str) -> str:
    """Fetch the audio track of a YouTube video as <filename>.wav and return that path."""
    options = {
        "format": "bestaudio",
        "outtmpl": filename,
        "postprocessors": [{"key": "FFmpegExtractAudio", "preferredcodec": "wav"}],
    }
    with YoutubeDL(options) as ydl:
        ydl.download([url])  # bug
    return f"{filename}.wav"


async def download_audio_file(url: str, filename: str) -> str:
    """Stream an audio file from a URL to disk (this one is asynchronous)."""
    async with aiohttp.ClientSession() as session, session.get(url) as resp:
        path = f"{filename}.{resp.headers.get('Content-Type', 'audio/wav').split('/')[-1]}"
        async with aiofiles.open(path, "wb") as out:
            async for block in resp.content.iter_chunked(1 << 16):
                await out.write(block)
    return path


def delete_file(filepath: Union[str, Iterable[str]]) -> None:
    for path in [filepath] if isinstance(filepath, str) else filepath:
        if os.path.exists(path):
            os.remove(path)
