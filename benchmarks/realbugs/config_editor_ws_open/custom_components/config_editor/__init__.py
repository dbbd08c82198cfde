"""Config file editor of the Home Assistant frontend (websocket command).

Reproduction of the shape fixed in https://github.com/junkfix/config-editor/issues/17 ("Detected
blocking call to open inside the event loop by custom integration 'config_editor' at
custom_components/config_editor/__init__.py, line 69: with open(fullpath, encoding="utf-8") as
fdesc:"), fixed by commit 4964855cd01a916c5c420d6acca33bd8de1b6524 (PR #16): the websocket command
coroutine websocket_create opens and reads the requested file on 'load', and after the atomic write
reopens it in append mode to restore its mode and owner on 'save'. The fix moved both open() blocks
into local functions run with hass.async_add_executor_job; the two open() lines are marked.
"""
import logging
import os

import voluptuous as vol
from atomicwrites import AtomicWriter
from homeassistant.components import websocket_api

DOMAIN = "config_editor"
_LOGGER = logging.getLogger(__name__)


async def async_setup(hass, config):
    websocket_api.async_register_command(hass, websocket_create)
    hass.states.async_set(DOMAIN + ".version", 4)
    return True


@websocket_api.require_admin
@websocket_api.async_response
@websocket_api.websocket_command(
    {
        vol.Required("type"): DOMAIN + "/ws",
        vol.Required("action"): str,
        vol.Required("file"): str,
        vol.Required("data"): str,
        vol.Required("ext"): str,
        vol.Optional("depth", default=2): int,
    }
)
async def websocket_create(hass, connection, msg):
    action = msg["action"]
    ext = msg["ext"]
    if ext not in ["yaml", "py", "json", "conf", "js", "txt", "log", "css", "all"]:
        ext = "yaml"

    def extok(e):
        if len(e) < 2:
            return False
        return ext == "all" or e.endswith("." + ext)

    yamlname = msg["file"].replace("../", "/").strip("/")
    if not extok(msg["file"]):
        yamlname = "temptest." + ext

    fullpath = hass.config.path(yamlname)
    if action == "load":
        _LOGGER.info("Loading " + fullpath)
        content = ""
        res = "Loaded"
        try:
            with open(fullpath, encoding="utf-8") as fdesc:  # bug
                content = fdesc.read()
        except Exception:
            res = "Reading Failed"
            _LOGGER.exception("Reading failed: %s", fullpath)
        finally:
            connection.send_result(msg["id"], {"msg": res + ": " + fullpath, "file": yamlname, "data": content, "ext": ext})

    elif action == "save":
        _LOGGER.info("Saving " + fullpath)
        content = msg["data"]
        res = "Saved"
        try:
            dirnm = os.path.dirname(fullpath)
            if not os.path.isdir(dirnm):  # also
                os.makedirs(dirnm, exist_ok=True)
            try:
                stat_res = os.stat(fullpath)  # also
                mode = stat_res.st_mode
                uid = stat_res.st_uid
                gid = stat_res.st_gid
            except Exception:
                mode = 0o666
                uid = 0
                gid = 0
            with AtomicWriter(fullpath, overwrite=True).open() as fdesc:
                fdesc.write(content)
            with open(fullpath, "a") as fdesc:  # bug
                try:
                    os.fchmod(fdesc.fileno(), mode)
                    os.fchown(fdesc.fileno(), uid, gid)
                except Exception:
                    pass
        except Exception:
            res = "Saving Failed"
            _LOGGER.exception(res + ": %s", fullpath)
        finally:
            connection.send_result(msg["id"], {"msg": res + ": " + fullpath})
