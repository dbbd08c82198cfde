"""XMPP client of a free@home system access point, built on slixmpp.

Reproduction of the shape fixed in https://github.com/jheling/freeathome/pull/270 (commit
071325d88d4843c7dcbb32dd60b1de7451214e0c, "fix ssl": "Detected blocking call to
load_default_certs"): the async FreeAtHomeSysApp.connect builds Client(...) on the event loop;
Client.__init__ calls slixmpp.ClientXMPP.__init__ without an ssl_context, so slixmpp's XML stream
builds a default SSL context (ssl.create_default_context, which loads the system certificates)
on the loop. The fix passed the context the class had already built once at import time
(_SSL_CONTEXT) as ssl_context=.
"""
import asyncio
import json
import logging
import ssl

import aiofiles
import slixmpp
from packaging import version

LOG = logging.getLogger(__name__)


class SettingsFah:
    def __init__(self, host):
        self._host = host
        self._settings = {}

    async def load_json(self):
        async with aiofiles.open(f"/tmp/{self._host}-settings.json") as handle:
            self._settings = json.loads(await handle.read())

    def get_jid(self, user):
        return self._settings.get("users", {}).get(user)

    def get_flag(self, name):
        return self._settings.get("flags", {}).get(name, "0.0.0")


class Client(slixmpp.ClientXMPP):
    """Client for connecting to the free@home sysap"""

    def _create_lg_ssl_context() -> ssl.SSLContext:
        """Create a SSL context for Free@Home."""
        context = ssl.create_default_context()
        context.check_hostname = True
        context.verify_mode = ssl.CERT_REQUIRED
        return context

    _SSL_CONTEXT = _create_lg_ssl_context()

    def __init__(self, jid, password, host, port, fahversion, reconnect=True):
        slixmpp.ClientXMPP.__init__(self, jid, password, sasl_mech="SCRAM-SHA-1")  # bug
        self.fahversion = fahversion
        self._host = host
        self._port = port
        self.reconnect = reconnect
        self.connect_finished = False
        self.add_event_handler("session_start", self.start)

    async def start(self, event):
        self.send_presence()
        self.connect_finished = True

    def sysap_connect(self):
        self.connect(address=(self._host, self._port))


class FreeAtHomeSysApp(object):
    """Connection to the free@home system access point"""

    def __init__(self, host, user, password):
        self._host = host
        self._port = 5222
        self._user = user
        self._jid = None
        self._password = password
        self.xmpp = None
        self.use_room_names = False
        self.reconnect = True

    async def connect(self):
        """connect to the Free@Home sysap"""
        settings = SettingsFah(self._host)
        await settings.load_json()
        self._jid = settings.get_jid(self._user)
        self.xmpp = None
        if self._jid is not None:
            fahversion = settings.get_flag("version")
            if version.parse(fahversion) >= version.parse("2.3.0"):
                LOG.info("SCRAM-SHA-256 capable sysap %s", fahversion)
            self.xmpp = Client(self._jid, self._password, self._host, self._port, fahversion, self.reconnect)  # bug
            self.xmpp.sysap_connect()

    async def disconnect(self):
        if self.xmpp is not None:
            self.xmpp.reconnect = False
            self.xmpp.disconnect()
        return True

    async def wait_for_connection(self):
        while self.xmpp is not None and not self.xmpp.connect_finished:
            await asyncio.sleep(1)
