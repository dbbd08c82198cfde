"""Helpers for switch_manager integration.

Reproduction of the shape fixed in https://github.com/Sian-Lee-SA/Home-Assistant-Switch-Manager
(commit 3d28e771abf2100a929ea0c891849dfc22f94d7f, "Blocking call Fix and Import Store Directly";
reported again in issue #239): the coroutine deploy_blueprints (awaited by async_migrate in
__init__.py) copies the bundled blueprint files into the config folder with shutil.copy, and the
plain load_blueprints, called by the coroutine _init_blueprints (__init__.py) through
`from .helpers import load_blueprints`, parses every blueprint with Home Assistant's load_yaml. The
fix ran the copy loop with hass.async_add_executor_job and load_yaml with run_in_executor; the two
changed lines are marked.
"""
import json
import os
import pathlib
import shutil

from homeassistant.exceptions import HomeAssistantError
from homeassistant.util.yaml.loader import _find_files, load_yaml

from .const import BLUEPRINTS_FOLDER, DOMAIN, LOGGER

COMPONENT_PATH = os.path.dirname(os.path.realpath(__file__))

MANIFEST = json.load(open(os.path.join(COMPONENT_PATH, "manifest.json")))

VERSION = MANIFEST["version"]


async def check_blueprints_folder_exists(hass):
    dest_folder = pathlib.Path(hass.config.path(BLUEPRINTS_FOLDER, DOMAIN))
    return os.path.exists(dest_folder)  # also


async def deploy_blueprints(hass):
    dest_folder = pathlib.Path(hass.config.path(BLUEPRINTS_FOLDER, DOMAIN))
    if not os.path.exists(dest_folder):  # also
        os.makedirs(dest_folder)

    component_blueprints_path = os.path.join(COMPONENT_PATH, "blueprints")
    files = os.listdir(component_blueprints_path)  # also
    for file in files:
        if os.path.isfile(os.path.join(component_blueprints_path, file)):  # also
            shutil.copy(  # bug
                os.path.join(component_blueprints_path, file),
                dest_folder,
            )


def load_blueprints(hass):
    folder = pathlib.Path(hass.config.path(BLUEPRINTS_FOLDER, DOMAIN))
    results = []
    for f in _find_files(folder, "*.yaml"):
        try:
            data = load_yaml(f)  # bug
        except HomeAssistantError as ex:
            LOGGER.error(str(ex))
            continue
        results.append(
            {
                "id": os.path.splitext(os.path.basename(f))[0],
                "has_image": os.path.exists(os.path.join(folder, os.path.splitext(os.path.basename(f))[0] + ".png")),
                "data": data,
            }
        )
    return results
