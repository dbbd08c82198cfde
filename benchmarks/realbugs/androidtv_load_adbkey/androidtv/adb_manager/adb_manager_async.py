"""Async ADB connection manager of an Android TV control library.

Reproduction of the shape fixed in https://github.com/JeffLIrion/python-androidtv/pull/177 (commit
75fffac, "Use aiofiles for file I/O"): the async connect awaits the async load_adbkey (a
staticmethod marked "TODO: Make this real async"), which reads the private and public key files
with open() on the event loop. The fix read them with aiofiles.
"""
import asyncio
import logging
from contextlib import asynccontextmanager

from adb_shell.adb_device_async import AdbDeviceTcpAsync
from adb_shell.auth.sign_pythonrsa import PythonRSASigner

from ..constants import DEFAULT_AUTH_TIMEOUT_S, DEFAULT_LOCK_TIMEOUT_S

_LOGGER = logging.getLogger(__name__)


class LockNotAcquiredException(Exception):
    pass


@asynccontextmanager
async def _acquire(lock, timeout=DEFAULT_LOCK_TIMEOUT_S):
    try:
        acquired = await asyncio.wait_for(lock.acquire(), timeout)
    except asyncio.TimeoutError as exc:
        raise LockNotAcquiredException from exc
    try:
        yield acquired
    finally:
        if acquired:
            lock.release()


class ADBPythonAsync(object):
    def __init__(self, host, port, adbkey='', signer=None):
        self.host = host
        self.port = int(port)
        self.adbkey = adbkey
        self._adb = AdbDeviceTcpAsync(host=self.host, port=self.port, default_transport_timeout_s=9.)
        self._signer = signer
        self._adb_lock = asyncio.Lock()
        self._available = False

    async def close(self):
        await self._adb.close()

    async def connect(self, always_log_errors=True, auth_timeout_s=DEFAULT_AUTH_TIMEOUT_S):
        try:
            async with _acquire(self._adb_lock):
                try:
                    if self.adbkey:
                        if not self._signer:
                            self._signer = await self.load_adbkey(self.adbkey)
                        await self._adb.connect(rsa_keys=[self._signer], auth_timeout_s=auth_timeout_s)
                    else:
                        await self._adb.connect(auth_timeout_s=auth_timeout_s)
                    self._available = True
                    return True
                except OSError as exc:
                    if self._available or always_log_errors:
                        _LOGGER.warning("Couldn't connect to %s:%d.  %s", self.host, self.port, exc)
                    await self.close()
                    self._available = False
                    return False
        except LockNotAcquiredException:
            _LOGGER.warning("Couldn't connect to %s:%d because the lock was not acquired.", self.host, self.port)
            await self.close()
            self._available = False
            return False

    @staticmethod
    async def load_adbkey(adbkey):
        """Load the ADB keys.

        TODO: Make this real async.
        """
        # private key
        with open(adbkey) as f:  # bug
            priv = f.read()

        # public key
        try:
            with open(adbkey + '.pub') as f:  # bug
                pub = f.read()
        except FileNotFoundError:
            pub = ''

        return PythonRSASigner(pub, priv)

    async def shell(self, cmd):
        if not self._available:
            return None
        async with _acquire(self._adb_lock):
            return await self._adb.shell(cmd)
