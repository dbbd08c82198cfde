from pyrogram.types import CallbackQuery


async def answer_query(query: CallbackQuery, message_text: str, answer_only: bool = False, unzip_client=None):
    if answer_only:
        await query.answer(message_text, show_alert=True)
    else:
        await query.message.edit(message_text)


async def send_file(unzip_bot, c_id, doc_f, query, full_path):
    await unzip_bot.send_document(chat_id=c_id, document=doc_f)
