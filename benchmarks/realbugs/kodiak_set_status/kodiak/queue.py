import asyncio

from kodiak.pull_request import PR, MergeabilityResponse

RETRY_RATE_SECONDS = 2


async def process_pull_request(number, api_client):
    pull_request = PR(number=number, client=api_client)
    await pull_request.set_status(summary="attempting to merge PR")
    while True:
        m_res = await pull_request.mergeability()
        if m_res == MergeabilityResponse.NOT_MERGEABLE:
            break
        if m_res == MergeabilityResponse.NEEDS_UPDATE:
            retries = 5
            while retries:
                res = await pull_request.update()
                if res is None:
                    break
                retries -= 1
                await asyncio.sleep(RETRY_RATE_SECONDS)
            pull_request.set_status(summary="could not update branch")  # bug
            break
