"""GraphQL client of an air purifier's cloud API (the milasdk library).

Reproduction of the shape reported in https://github.com/sanghviharshit/ha-mila/issues/38 ("Detected
blocking call to open inside the event loop by custom integration 'mila' at
custom_components/mila/update_coordinator.py, line 37: self._api = MilaApi(...) (offender:
milasdk/api.py, line 38: with open(Path(__file__).parent / './gql/mila_schema.gql')") and fixed in
the library by https://github.com/simbaja/milasdk/commit/de42cefae4b5ee0fc32dc8a4306f54051683628e
("removed blocking calls from api instantiation"): MilaApi.__init__ builds its gql Client with
self._setup_client(), which opens and reads the bundled schema file; the integration's coordinator
is built by the async async_setup_entry. The fix built the client lazily in a coroutine reading the
file with aiofiles.
"""
import logging
from pathlib import Path
from typing import Any, Dict, Optional

from gql import Client
from graphql import DocumentNode

from milasdk.gql import AuthenticatedAIOHTTPTransport

_LOGGER = logging.getLogger(__name__)


class MilaApi:
    def __init__(self, session) -> None:
        from milasdk import API_BASE_URL

        self._session = session
        self._transport = AuthenticatedAIOHTTPTransport(API_BASE_URL, session)
        self._client = self._setup_client()  # bug

    def _setup_client(self) -> Client:
        with open(Path(__file__).parent / "./gql/mila_schema.gql") as f:
            schema_str = f.read()
        return Client(schema=schema_str, transport=self._transport, serialize_variables=True, parse_results=True)

    async def _execute(self, document: DocumentNode, variable_values: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        async with self._client as session:
            return await session.execute(document, variable_values=variable_values)

    async def get_account(self, document: DocumentNode) -> Dict[str, Any]:
        return await self._execute(document)
