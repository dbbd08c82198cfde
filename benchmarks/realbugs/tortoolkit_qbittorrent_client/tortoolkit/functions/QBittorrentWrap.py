"""qBittorrent wrapper of a Telegram (telethon) leech bot.

Reproduction of the shape reported in https://github.com/yash-dk/TorToolkit-Telegram/issues/54
("qBit is not Async: switch all the blocking calls to executor in qbit") and fixed in commits
d22ac6f685be02b5d10b3b86bd19ae85cf5b20b6 ("Done executor for del and various funcs") and
53b23823b59385ab1ebf6abc5b3d7bc42ff4bb84 ("Switch qbit to async"): the bot's coroutines use
qbittorrentapi.Client, a synchronous HTTP client (requests) to the qBittorrent web UI; the async
get_client() builds it and logs in, and the command coroutines call its torrents_* methods directly
on the event loop. The fix ran every client call with loop.run_in_executor.
"""
import asyncio as aio
import logging
import os
import time
import traceback
from datetime import datetime

import qbittorrentapi as qba

from . import Hash_Fetch

torlog = logging.getLogger(__name__)


async def get_client(host=None, port=None, uname=None, passw=None, retry=2) -> qba.TorrentsAPIMixIn:
    """Create and return a client to communicate with the qBittorrent server."""
    host = host if host is not None else "localhost"
    port = port if port is not None else "8090"
    uname = uname if uname is not None else "admin"
    passw = passw if passw is not None else "adminadmin"
    client = qba.Client(host=host, port=port, username=uname, password=passw)
    try:
        client.auth_log_in()  # bug
        client.application.set_preferences({"disk_cache": 20, "incomplete_files_ext": True})  # bug
        return client
    except qba.LoginFailed as e:
        torlog.error("invalid creds detected\n%s\n%s", e, traceback.format_exc())
        return None
    except qba.APIConnectionError:
        if retry == 0:
            return None
        cmd = f"qbittorrent-nox -d --webui-port={port}".split(" ")
        subpr = await aio.create_subprocess_exec(*cmd, stderr=aio.subprocess.PIPE, stdout=aio.subprocess.PIPE)
        await subpr.communicate()
        return await get_client(host, port, uname, passw, retry=retry - 1)


async def add_torrent_magnet(magnet, message):
    """Add a torrent by its magnet link."""
    client = await get_client()
    try:
        ctor = len(client.torrents_info())  # bug
        ext_hash = Hash_Fetch.get_hash_magnet(magnet)
        ext_res = client.torrents_info(torrent_hashes=ext_hash)  # bug
        if len(ext_res) > 0:
            await message.edit("This torrent is alreaded in the leech list.")
            return False
        savepath = os.path.join(os.getcwd(), "Downloads", str(time.time()).replace(".", ""))
        op = client.torrents_add(magnet, save_path=savepath)  # bug
        if op.lower() == "ok.":
            st = datetime.now()
            while (datetime.now() - st).seconds < 10:
                ext_res = client.torrents_info(torrent_hashes=ext_hash)  # bug
                if len(ext_res) > 0:
                    return ext_res[0]
                await aio.sleep(1)
            torlog.info("torrent not found after %s (had %s)", magnet, ctor)
        await message.edit("This is an unsupported/invalid link.")
    except qba.UnsupportedMediaType415Error as e:
        await message.edit("This is an unsupported/invalid link. {}".format(e))
    return None


async def pause_all(message):
    client = await get_client()
    client.torrents_pause(torrent_hashes="all")  # bug
    await aio.sleep(1)
    tors = client.torrents_info(status_filter="paused|stalled")  # bug
    await message.reply("Paused total <b>{}</b> torrents".format(len(tors)), parse_mode="html")


async def delete_this(ext_hash):
    client = await get_client()
    client.torrents_delete(delete_files=True, torrent_hashes=ext_hash)  # bug
    return True
