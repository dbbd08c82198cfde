"""Archive helpers: VCS tarballs wrap their files in one top-level folder."""

import io
import tarfile


def strip_archive_top_level_dir(archive: bytes) -> bytes:
    """Repack a gzipped tarball without its single top-level folder."""
    out_buf = io.BytesIO()
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as src, tarfile.open(
        fileobj=out_buf, mode="w:gz"
    ) as dst:
        for member in src.getmembers():
            parts = member.name.split("/", 1)
            if len(parts) < 2 or not parts[1]:
                continue
            member.name = parts[1]
            if member.isfile():
                dst.addfile(member, src.extractfile(member))
            else:
                dst.addfile(member)
    return out_buf.getvalue()
