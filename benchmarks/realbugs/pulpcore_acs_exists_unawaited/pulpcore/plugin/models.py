"""Plugin models (reproduction, see stages/artifact_stages.py)."""
from django.db import models


class Artifact(models.Model):
    COMMON_DIGEST_FIELDS = ("sha256", "sha512")
    sha256 = models.CharField(max_length=64, null=True)
    sha512 = models.CharField(max_length=128, null=True)


class RemoteArtifactQuerySet(models.QuerySet):
    def acs(self):
        return self.filter(remote__alternatecontentsource__isnull=False)


class RemoteArtifact(models.Model):
    url = models.TextField()
    sha256 = models.CharField(max_length=64, null=True)
    sha512 = models.CharField(max_length=128, null=True)
    remote = models.ForeignKey("Remote", on_delete=models.CASCADE)
    objects = RemoteArtifactQuerySet.as_manager()


class AlternateContentSource(models.Model):
    name = models.TextField(unique=True)
    remote = models.ForeignKey("Remote", on_delete=models.CASCADE)
