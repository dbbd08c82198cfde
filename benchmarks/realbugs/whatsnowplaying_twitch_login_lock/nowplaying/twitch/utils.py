"""Shared Twitch login of the chat and redemption tasks.

Reproduction of the shape fixed in https://github.com/whatsnowplaying/whats-now-playing/pull/770
(commit e873ac8d9811bb4aaf2057ad04fdf9638c6ec2f5, merged as 40d25c9f, "Change lock in twitch to be
asyncio"): TwitchLogin keeps one Twitch session for the whole program in class attributes and guards
it with TWITCH_LOCK, a class attribute set to threading.Lock(). The coroutines api_login and
api_logout hold it with `with TwitchLogin.TWITCH_LOCK:` across their awaits (building the Twitch
client, the user authentication, refreshing and closing). The chat task and the redemptions task
(chat.py, redemptions.py, both started on one loop by TwitchSupport in __init__.py) both await
api_login: when the second arrives while the first is suspended inside the lock, it blocks the loop's
thread on the threading lock and the first can never resume to release it. The fix made the lock an
asyncio.Lock and both statements `async with`; the two `with` lines are marked.
"""

import logging
import threading

from twitchAPI.oauth import UserAuthenticator
from twitchAPI.twitch import Twitch
from twitchAPI.types import AuthScope

SCOPES = [AuthScope.CHAT_READ, AuthScope.CHAT_EDIT, AuthScope.CHANNEL_READ_REDEMPTIONS]


class TwitchLogin:
    """one Twitch API session shared by everything that needs it"""

    TWITCH = None
    TWITCH_LOCK = threading.Lock()

    def __init__(self, config):
        self.config = config

    async def _user_auth(self, token, refresh):
        if not token or not refresh:
            return False
        try:
            await TwitchLogin.TWITCH.set_user_authentication(token, SCOPES, refresh)
        except Exception as error:  # pylint: disable=broad-except
            logging.error("user auth failed: %s", error)
            return False
        return True

    async def api_login(self):
        """log in with the configured client id and secret, once"""
        if TwitchLogin.TWITCH:
            return TwitchLogin.TWITCH

        with TwitchLogin.TWITCH_LOCK:  # bug
            settings = self.config.cparser
            clientid = settings.value("twitchbot/clientid")
            secret = settings.value("twitchbot/secret")
            if clientid and secret:
                TwitchLogin.TWITCH = await Twitch(clientid, secret)
                token = settings.value("twitchbot/oldusertoken")
                refresh = settings.value("twitchbot/oldrefreshtoken")
                if not await self._user_auth(token, refresh):
                    auth = UserAuthenticator(TwitchLogin.TWITCH, SCOPES, force_verify=False)
                    token, refresh = await auth.authenticate()
                    await self._user_auth(token, refresh)
                settings.setValue("twitchbot/oldusertoken", token)
                settings.setValue("twitchbot/oldrefreshtoken", refresh)
        return TwitchLogin.TWITCH

    async def api_logout(self):
        """close the shared session"""
        if not TwitchLogin.TWITCH:
            return
        with TwitchLogin.TWITCH_LOCK:  # bug
            await TwitchLogin.TWITCH.refresh_used_token()
            await TwitchLogin.TWITCH.close()
        TwitchLogin.TWITCH = None

    async def cache_token_del(self):
        """log out and forget the saved tokens"""
        await self.api_logout()
        self.config.cparser.remove("twitchbot/oldusertoken")
        self.config.cparser.remove("twitchbot/oldrefreshtoken")
