#!/usr/bin/python
# -*- coding: utf8 -*-

# telegram-downloader-bot: File downloader from Telegram
#
# Reproduction of the shape reported in https://github.com/alfem/telegram-downloader-bot/issues/3
# ("runtimeError: freeze_support" on Windows: the spawned child re-imports the script) and fixed in
# commit https://github.com/alfem/telegram-downloader-bot/commit/ac3a9c07d57fa7c8ec6d1bc08afd9b31e0b50d00
# ("Program moved to a classic if (Python idiom)"): the script built a multiprocessing Manager() and
# started a Process(target=downloader, ...) at module level, then polled Telegram in a module-level
# loop, with no `if __name__ == '__main__':` guard. The fix moved everything under the guard.


import time
from os import path
import requests

from multiprocessing import Process, Manager
from telegram import Bot


# CONFIGURATION
TELEGRAM_TIMEOUT=50
TELEGRAM_BOT_TOKEN="YOUR TOKEN HERE"
TELEGRAM_CHAT_ID="YOUR CHAT ID HERE"
TELEGRAM_REFRESH_SECONDS=1
DOWNLOADS_FOLDER="/tmp"
# END CONFIGURATION


# DOWNLOAD INDEPENDENT PROCESS
def downloader(filenames,urls):
  filename=""
  while filename != "QUIT":
     try:
         filename=filenames.pop(0)
         url=urls.pop(0)
     except IndexError:
         time.sleep(5)

     if filename and filename != "QUIT":
        print("Downloading:"+filename+ ' from '+url)
        r = requests.get(url, stream=True)
        with open(path.join(DOWNLOADS_FOLDER,filename), 'wb') as f:
           for chunk in r.iter_content(chunk_size=1024):
              if chunk:
                  f.write(chunk)
        print("Download completed")
        filename=""


# START

bot = Bot(TELEGRAM_BOT_TOKEN)

bot.send_message(chat_id=TELEGRAM_CHAT_ID, text="Downloader ready!")

manager = Manager()  # bug
filenames = manager.list()
urls = manager.list()
download_process = Process(target=downloader, args=(filenames,urls,))  # bug
download_process.daemon = True
download_process.start()

update_id=0
user_quit=False


# MAIN LOOP

while not user_quit:

  try:
      telegram_updates=bot.get_updates(offset=update_id, timeout=TELEGRAM_TIMEOUT)
  except:
      telegram_updates=[]

  for update in telegram_updates:
      update_id = update.update_id + 1

# TEXT MESSAGES
      try:
          user_command=update.message.text
      except AttributeError:
          user_command=None
          pass

      if user_command and user_command.lower() == "quit":
        filenames.append("QUIT")
        download_process.join()
        user_quit=True
        telegram_updates=bot.get_updates(offset=update_id, timeout=TELEGRAM_TIMEOUT) # mark this as read or Telegram will send it again
        break

# FILE MESSAGES
      try:
          newfile=update.message.document
          bot.send_message(chat_id=TELEGRAM_CHAT_ID, text="Downloading %s (%i bytes)" %(newfile.file_name, newfile.file_size))
          tfile=bot.getFile(newfile.file_id)
          filenames.append(newfile.file_name)
          urls.append(tfile.file_path)
      except AttributeError:
          pass


  time.sleep(TELEGRAM_REFRESH_SECONDS)
