"""Audio transcription routes.

Reproduction of the shape fixed in https://github.com/swayam03275/SkillsSphere-AI/issues/1044 (pull
request #1050, commit 8f5cf393e88759e51617f30ae44f8ea604eff081; reported again as #2005, "Whisper
transcription runs synchronously on the API request thread, blocks event loop"): the FastAPI route
transcribe and the websocket route websocket_transcribe (both `async def`) call transcribe_audio of
services/whisper_service.py, a plain function running faster-whisper inference on the CPU (10-60 s
for an interview answer), directly on the event loop; every other request waits. The fix ran it with
asyncio.to_thread at both calls, which are marked.
"""
import os
import tempfile

from fastapi import APIRouter, File, HTTPException, UploadFile, WebSocket, WebSocketDisconnect

from services.whisper_service import transcribe_audio

router = APIRouter()


@router.post("/transcribe")
async def transcribe(audio: UploadFile = File(...)):
    """Accept an audio file and return the transcribed text."""
    suffix = os.path.splitext(audio.filename)[1] if audio.filename else ".webm"
    tmp_path = None
    try:
        with tempfile.NamedTemporaryFile(delete=False, suffix=suffix) as tmp:
            content = await audio.read()
            tmp.write(content)
            tmp_path = tmp.name
        transcript = transcribe_audio(tmp_path)  # bug
        return {"transcript": transcript}
    except Exception as e:
        raise HTTPException(status_code=500, detail=f"Transcription failed: {e}")
    finally:
        if tmp_path and os.path.exists(tmp_path):  # also
            os.unlink(tmp_path)


@router.websocket("/ws/transcribe")
async def websocket_transcribe(websocket: WebSocket):
    """Accumulate binary audio chunks; on 'STOP' transcribe what came."""
    await websocket.accept()
    audio_buffer = bytearray()
    try:
        while True:
            message = await websocket.receive()
            if "bytes" in message:
                audio_buffer.extend(message["bytes"])
            elif message.get("text") == "STOP":
                if not audio_buffer:
                    await websocket.send_json({"transcript": ""})
                    break
                with tempfile.NamedTemporaryFile(delete=False, suffix=".webm") as tmp:
                    tmp.write(audio_buffer)
                    tmp_path = tmp.name
                try:
                    transcript = transcribe_audio(tmp_path)  # bug
                    await websocket.send_json({"transcript": transcript})
                except Exception as e:
                    await websocket.send_json({"error": str(e)})
                finally:
                    if os.path.exists(tmp_path):  # also
                        os.unlink(tmp_path)
                audio_buffer = bytearray()
    except WebSocketDisconnect:
        print("Client disconnected from transcription websocket")
