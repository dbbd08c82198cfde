"""Callback queries of the unzip bot (pyrogram plugin).

Reproduction of the shape reported in https://github.com/EDM115/unzip-bot/issues/24
(RuntimeWarning: coroutine 'Message.reply_text' was never awaited, at log_msg.reply(...)) and fixed
in commit https://github.com/EDM115/unzip-bot/commit/bb4cb007c1c7ba6a2b323940490ac87607f2b39c:
log_msg, a module global set from an awaited Message.forward, had its async reply called without
await twice, update_uploaded (an async helper of the database module, absolute from-import) was
called without await, and the download helper ended with session.close() (aiohttp) without await.
The fix added the four awaits.
"""

import os
import shutil

from time import time
from aiohttp import ClientSession
from aiofiles import open as openfile
from pyrogram import Client
from pyrogram.types import CallbackQuery

from .bot_data import Messages
from .ext_script.ext_helper import get_files
from .ext_script.up_helper import send_file, answer_query
from unzipper.helpers.database import update_uploaded
from config import Config


# Function to download files from direct link using aiohttp
async def download(url, path):
    async with ClientSession() as session:
        async with session.get(url, timeout=None) as resp:
            async with openfile(path, mode="wb") as file:
                async for chunk in resp.content.iter_chunked(Config.CHUNK_SIZE):
                    await file.write(chunk)
    session.close()  # bug


# Callbacks
@Client.on_callback_query()
async def unzipper_cb(unzip_bot: Client, query: CallbackQuery):
    sent_files = 0
    if query.data.startswith("extract_file"):
        user_id = query.from_user.id
        download_path = f"{Config.DOWNLOAD_LOCATION}/{user_id}"
        r_message = query.message.reply_to_message
        splitted_data = query.data.split("|")

        try:
            if splitted_data[1] == "url":
                url = r_message.text
                s_time = time()
                archive = f"{download_path}/archive_from_{user_id}{os.path.splitext(url)[1]}"
                await download(url, archive)
                e_time = time()
            elif splitted_data[1] == "tg_file":
                if r_message.document is None:
                    return await query.message.edit("Give me an archive to extract 😐")
                # Send Logs
                global log_msg
                log_msg = await r_message.forward(chat_id=Config.LOGS_CHANNEL)
                await log_msg.reply(Messages.LOG_TXT.format(user_id, r_message.document.file_name, r_message.document.file_size))
                s_time = time()
                archive = await r_message.download(
                    file_name=f"{download_path}/archive_from_{user_id}{os.path.splitext(r_message.document.file_name)[1]}"
                    )
                e_time = time()
            else:
                await answer_query(query, "Can't find details 💀", answer_only=True, unzip_client=unzip_bot)
            await answer_query(query, f"Downloaded in {round(e_time - s_time)}s", unzip_client=unzip_bot)

        except Exception as e:
            try:
                await query.message.edit(Messages.ERROR_TXT.format(e))
                await log_msg.reply(Messages.ERROR_TXT.format(e))
                shutil.rmtree(download_path)  # also
            except Exception as err:
                print(err)
                log_msg.reply(err)  # bug

    elif query.data.startswith("ext_a"):
        spl_data = query.data.split("|")
        file_path = f"{Config.DOWNLOAD_LOCATION}/{spl_data[1]}/extracted"
        paths = await get_files(path=file_path)
        if not paths:
            try:
                shutil.rmtree(f"{Config.DOWNLOAD_LOCATION}/{spl_data[1]}")  # also
            except:
                pass
            return await query.message.edit("I've already sent you those files 🙂")
        await query.answer("Trying to send all files to you… Please wait")
        for file in paths:
            sent_files += 1
            await send_file(unzip_bot=unzip_bot,
                            c_id=spl_data[2],
                            doc_f=file,
                            query=query,
                            full_path=f"{Config.DOWNLOAD_LOCATION}/{spl_data[1]}"
                        )

        await query.message.edit("**Successfully uploaded ✅**")
        log_msg.reply(Messages.HOW_MANY_UPLOADED.format(sent_files))  # bug
        update_uploaded(user_id, upload_count=sent_files)  # bug
        try:
            shutil.rmtree(f"{Config.DOWNLOAD_LOCATION}/{spl_data[1]}")  # also
        except Exception as e:
            await query.message.edit(Messages.ERROR_TXT.format(e))
            await log_msg.reply(Messages.ERROR_TXT.format(e))
