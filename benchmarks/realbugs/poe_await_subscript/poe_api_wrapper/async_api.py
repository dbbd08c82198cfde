"""Async client of an unofficial Poe.com API wrapper (httpx, GraphQL).

Reproduction of the shape reported in https://github.com/snowby666/poe-api-wrapper/issues/168
("TypeError: 'coroutine' object is not subscriptable") and fixed in commit 977b9b3 ("Fixed
coroutine bugs"): methods of AsyncPoeApi wrote `await self.get_chat_history(bot=bot)['data'][bot]`,
`await self.send_request(...)['data'][...]` and `await self.get_botData(handle)['botId']`; the
subscript binds before the await, so each indexed the coroutine of an async method of the same
class. The fix awaited into a temporary first, at all eight places.
"""
import asyncio
import hashlib
import random

from httpx import AsyncClient
from loguru import logger

from .queries import generate_payload
from .utils import BASE_URL, bot_map


class AsyncPoeApi:
    BASE_URL = BASE_URL

    def __init__(self, tokens: dict = {}, proxy: list = []):
        self.client = None
        self.tokens = tokens
        self.formkey = tokens.get("formkey", "")
        self.current_thread = {}

    async def create(self):
        self.client = AsyncClient(headers={"Cookie": f"p-b={self.tokens['b']}"}, timeout=180)  # also
        return self

    async def send_request(self, path: str, query_name: str = "", variables: dict = {}, ratelimit: int = 0):
        if ratelimit > 0:
            logger.warning(f"Wating for {ratelimit} seconds to avoid rate limit")
            asyncio.sleep(random.randint(2, 3))  # also
        payload = generate_payload(query_name, variables)
        base_string = payload + self.formkey + "4LxgHM6KpFqokX0Ox"
        headers = {"Content-Type": "application/json",
                   "poe-tag-id": hashlib.md5(base_string.encode()).hexdigest()}
        response = await self.client.post(f"{self.BASE_URL}/api/{path}", data=payload, headers=headers,
                                          follow_redirects=True, timeout=30)
        return response.json()

    async def get_chat_history(self, bot: str = None, count: int = None, interval: int = 50, cursor: str = None):
        chat_bots = {"data": {}, "cursor": None}
        response_json = await self.send_request("gql_POST", "ChatListPaginationQuery",
                                                {"count": count or interval, "cursor": cursor, "bot": bot})
        for edge in response_json["data"]["chats"]["edges"]:
            chat = edge["node"]
            chat_bots["data"].setdefault(bot, []).append(
                {"chatId": chat["chatId"], "chatCode": chat["chatCode"], "id": chat["id"], "title": chat["title"]})
        return chat_bots

    async def get_threadData(self, bot: str = "", chatCode: str = None, chatId: int = None):
        id = None
        title = None
        if bot not in self.current_thread:
            self.current_thread[bot] = await self.get_chat_history(bot=bot)["data"][bot]  # bug
        elif len(self.current_thread[bot]) <= 1:
            self.current_thread[bot] = await self.get_chat_history(bot=bot)["data"][bot]  # bug
        for chat in self.current_thread[bot]:
            if chat["chatCode"] == chatCode or chat["chatId"] == chatId:
                chatCode, chatId, id, title = chat["chatCode"], chat["chatId"], chat["id"], chat["title"]
                break
        return {"chatCode": chatCode, "chatId": chatId, "id": id, "title": title}

    async def delete_chat(self, bot: str, chatId: any = None, chatCode: any = None, del_all: bool = False):
        bot = bot_map(bot)
        try:
            chatdata = await self.get_chat_history(bot=bot)["data"][bot]  # bug
        except:
            raise RuntimeError(f"No chat found for {bot}. Make sure the bot has a chat history before deleting.")
        if chatId is not None:
            await self.send_request("gql_POST", "DeleteChat", {"chatId": chatId})
        elif del_all:
            for chat in chatdata:
                await self.send_request("gql_POST", "DeleteChat", {"chatId": chat["chatId"]})

    async def create_bot(self, handle, prompt, display_name=None, base_model="chinchilla"):
        variables = {"model": base_model, "handle": handle, "displayName": display_name, "prompt": prompt}
        result = await self.send_request("gql_POST", "PoeBotCreate", variables)["data"]["poeBotCreate"]  # bug
        if result["status"] != "success":
            logger.error(f"Poe returned an error while trying to create a bot: {result['status']}")
        else:
            logger.info(f"Bot created successfully | {handle}")

    async def get_botData(self, handle):
        variables = {"useBotName": True, "botName": handle}
        try:
            response_json = await self.send_request("gql_POST", "LayoutRightSidebarQuery", variables)
            return response_json["data"]["bot"]
        except Exception as e:
            raise ValueError(f"Fail to get botId from {handle}.") from e

    async def edit_bot(self, handle, prompt, new_handle=None, display_name=None, base_model="chinchilla"):
        try:
            botId = await self.get_botData(handle)["botId"]  # bug
        except Exception as e:
            raise ValueError(f"Fail to get botId from {handle}.") from e
        variables = {"baseBot": base_model, "botId": botId, "handle": new_handle or handle,
                     "displayName": display_name, "prompt": prompt}
        result = await self.send_request("gql_POST", "PoeBotEdit", variables)["data"]["poeBotEdit"]  # bug
        if result["status"] != "success":
            logger.error(f"Poe returned an error while trying to edit a bot: {result['status']}")
        return {"status": result["status"], "botId": botId, "handle": new_handle or handle}

    async def delete_bot(self, handle):
        isCreator = await self.get_botData(handle)["viewerIsCreator"]  # bug
        botId = await self.get_botData(handle)["botId"]  # bug
        if isCreator:
            response = await self.send_request("gql_POST", "BotInfoCardActionBar_poeBotDelete_Mutation", {"botId": botId})
        else:
            response = await self.send_request("gql_POST", "BotInfoCardActionBar_poeRemoveBotFromUserList_Mutation",
                                               {"botId": botId})
        if response["data"] is None and response["errors"]:
            raise ValueError(f"Failed to delete bot {handle} :{response['errors'][0]['message']}")
        logger.info(f"Bot deleted successfully | {handle}")
