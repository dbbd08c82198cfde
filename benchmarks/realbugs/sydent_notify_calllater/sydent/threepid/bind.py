"""Binding of third-party identifiers to Matrix IDs, with a callback to the user's homeserver.

Reproduction of the shape fixed in https://github.com/element-hq/sydent/pull/552 (commit
46d8a7ac5d110257348aadba2f378871f8125698, "Fix a RuntimeWarning exception raised when calling
`ThreepidBinder._notify` without awaiting"): when the callback fails, _notifyErrback reschedules it
with `self.sydent.reactor.callLater(delay, self._notify, assoc, attempt + 1)`; _notify is a
coroutine method, so the reactor calls it and drops the coroutine it returns, and the retry never
runs. The fix scheduled `defer.ensureDeferred` with the coroutine `self._notify(assoc, attempt + 1)`.
"""
import logging
import math
from typing import Any, Dict, Union

from twisted.internet import defer

from sydent.http.httpclient import FederationHttpClient
from sydent.threepid import ThreepidAssociation

logger = logging.getLogger(__name__)


class ThreepidBinder:
    def __init__(self, sydent) -> None:
        self.sydent = sydent

    def addBinding(self, medium: str, address: str, mxid: str) -> Dict[str, Any]:
        assoc = ThreepidAssociation(medium, address, mxid)
        sgassoc = assoc.to_dict()
        defer.ensureDeferred(self._notify(sgassoc, 0))
        return sgassoc

    async def _notify(self, assoc: Dict[str, Any], attempt: int) -> None:
        mxid = assoc["mxid"]
        mxid_parts = mxid.split(":", 1)
        if len(mxid_parts) != 2:
            logger.error("Can't notify on bind for unparseable mxid %s. Not retrying.", mxid)
            return
        post_url = "matrix://%s/_matrix/federation/v1/3pid/onbind" % (mxid_parts[1],)
        http_client = FederationHttpClient(self.sydent)
        try:
            response = await http_client.post_json_get_nothing(post_url, assoc, {})
        except Exception as e:
            self._notifyErrback(assoc, attempt, e)
            return
        if response.code != 200:
            self._notifyErrback(assoc, attempt, "Non-OK error code received (%d)" % response.code)
        else:
            logger.info("Successfully notified on bind for %s" % (mxid,))

    def _notifyErrback(self, assoc: Dict[str, Any], attempt: int, error: Union[Exception, str]) -> None:
        logger.warning("Error notifying on bind for %s: %s - rescheduling", assoc["mxid"], error)
        self.sydent.reactor.callLater(
            math.pow(2, attempt), self._notify, assoc, attempt + 1  # bug
        )
