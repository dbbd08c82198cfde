"""GraphQL client of the Octopus Energy API."""
from gql import Client, gql
from gql.transport.aiohttp import AIOHTTPTransport


class OctopusEnergyGraphQLClient:
    def __init__(self, api_key: str):
        self._api_key = api_key

    async def _execute(self, query: str, variables: dict):
        transport = AIOHTTPTransport(url="https://api.octopus.energy/v1/graphql/")
        async with Client(transport=transport) as session:
            return await session.execute(gql(query), variable_values=variables)

    async def async_get_accounts(self):
        result = await self._execute("query { viewer { accounts { number } } }", {})
        return [a["number"] for a in result["viewer"]["accounts"]]

    async def async_get_combined_state(self, account_id: str):
        return await self._execute("query($a: String!) { account(accountNumber: $a) { number } }", {"a": account_id})

    async def async_suspend_smart_charging(self, account_id: str):
        await self._execute("mutation { suspend }", {"a": account_id})

    async def async_resume_smart_charging(self, account_id: str):
        await self._execute("mutation { resume }", {"a": account_id})
