"""Artifact stages of the sync pipeline.

Reproduction of the shape fixed in https://pulp.plan.io/issues/9432 (pulp/pulpcore pull request
#1640, commit 4ad72a07ba7268cd29c98190dba13408866481ca, "Fix a coroutine that wasn't awaited"): the
coroutine ACSArtifactHandler.run asks whether any alternate content source exists with
`sync_to_async(AlternateContentSource.objects.exists)()` (asgiref) and no await; the coroutine it
gets is always truthy, so every batch queries the remote artifacts of alternate content sources
even when there are none, and the exists() query itself never runs ("coroutine was never awaited").
The fix added the await.
"""
from collections import defaultdict

from asgiref.sync import sync_to_async
from django.db.models import Q

from pulpcore.plugin.models import AlternateContentSource, Artifact, RemoteArtifact

from .api import Stage


class ACSArtifactHandler(Stage):
    """Download artifacts from an Alternate Content Source when one has them."""

    async def run(self):
        async for batch in self.batches():
            acs_exists = sync_to_async(AlternateContentSource.objects.exists)()  # bug
            if acs_exists:
                batch_checksums = defaultdict(list)
                for d_content in batch:
                    for d_artifact in d_content.d_artifacts:
                        for cks_type in Artifact.COMMON_DIGEST_FIELDS:
                            if getattr(d_artifact.artifact, cks_type):
                                batch_checksums[cks_type].append(getattr(d_artifact.artifact, cks_type))
                batch_query = Q()
                for checksum_type, values in batch_checksums.items():
                    batch_query.add(Q(**{f"{checksum_type}__in": values}), Q.OR)
                existing_ras = await sync_to_async(list)(
                    RemoteArtifact.objects.acs().filter(batch_query).only("url", "remote").select_related("remote")
                )
                existing_ras_dict = {}
                for ra in existing_ras:
                    for c_type in Artifact.COMMON_DIGEST_FIELDS:
                        checksum = await sync_to_async(getattr)(ra, c_type)
                        if checksum:
                            existing_ras_dict[checksum] = {"remote": ra.remote, "url": ra.url}
                for d_content in batch:
                    for d_artifact in d_content.d_artifacts:
                        for checksum_type in Artifact.COMMON_DIGEST_FIELDS:
                            checksum = getattr(d_artifact.artifact, checksum_type)
                            if checksum and checksum in existing_ras_dict:
                                d_artifact.url = existing_ras_dict[checksum]["url"]
                                d_artifact.remote = existing_ras_dict[checksum]["remote"]
            for d_content in batch:
                await self.put(d_content)
