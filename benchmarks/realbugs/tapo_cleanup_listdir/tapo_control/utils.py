import os

DOMAIN = "tapo_control"


def get_cold_dir(hass, entry_id):
    return hass.data[DOMAIN][entry_id]["cold_dir"]


def delete_files_no_longer_in_camera(hass, entry_id, extension, folder):
    cold_dir = get_cold_dir(hass, entry_id)
    folder_path = f"{cold_dir}/{folder}/"
    for name in os.listdir(folder_path):
        if name.replace(extension, "") not in hass.data[DOMAIN][entry_id]["scan_result"]:
            os.remove(os.path.join(folder_path, name))


async def media_cleanup(hass, entry):
    delete_files_no_longer_in_camera(hass, entry.entry_id, ".mp4", "videos")  # bug
    delete_files_no_longer_in_camera(hass, entry.entry_id, ".jpg", "thumbs")  # bug
