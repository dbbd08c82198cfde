from .helpers.filesystem import FilesystemHelper

filesystem_helper = FilesystemHelper()


async def async_get_cached_audio_data(hass, filepath_hash):
    audio_dict = await hass.data["chime_tts"]["store"].async_load(filepath_hash)
    if not audio_dict:
        return None
    path = audio_dict.get("audio_path")
    is_public = filesystem_helper.file_exists_in_directory(path, "/www")  # bug
    return {"local_path": None if is_public else path, "public_path": path if is_public else None}
