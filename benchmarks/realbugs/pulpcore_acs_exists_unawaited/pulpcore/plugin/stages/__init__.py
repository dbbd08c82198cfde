from .api import Stage
from .artifact_stages import ACSArtifactHandler

__all__ = ["ACSArtifactHandler", "Stage"]
