"""Fetch a corpus of real packages from PyPI, pinned and hash-checked, for the benchmarks.

    python benchmarks/corpus.py fetch MANIFEST.yaml [--dest DIR]
    python benchmarks/corpus.py pin NAME==VERSION [--sdist] >> MANIFEST.yaml

Why: the benchmarks measure `scan` and `scan --recommend` on code nobody here wrote, but other
projects' code must never be committed. A manifest commits only what identifies each archive
(name, version, file name, URL, sha256) and, beside it, our own labels. `fetch` downloads each
archive once into a cache, refuses any whose sha256 differs from the pin (a re-uploaded or
tampered file measures something else), and unpacks it into a folder per package. Nothing is
installed, imported or run: wheels and sdists are only unpacked, with every member checked to
stay inside its folder.

`pin` asks PyPI's JSON API for one release and prints the manifest entry (a wheel by default,
since wheels hold exactly the shipped code; `--sdist` for applications that publish only a
source archive). The cache defaults to `~/.cache/advisor-corpus`, or `$ADVISOR_CORPUS_CACHE`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tarfile
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml

CACHE = Path(os.environ.get("ADVISOR_CORPUS_CACHE", Path.home() / ".cache" / "advisor-corpus"))


@dataclass(frozen=True)
class Pin:
    """One archive of the corpus, identified so that every run measures the same bytes."""

    name: str
    version: str
    filename: str
    url: str
    sha256: str

    @property
    def folder(self) -> str:
        return f"{self.name}-{self.version}"

    @property
    def unpack_dir(self) -> str:
        """The folder this archive is unpacked into: a wheel and an sdist of one version hold
        different files (an sdist has the tests), and two manifests may pin either, so each
        archive has its own folder."""
        return self.folder if self.filename.endswith(".whl") else f"{self.folder}-src"


def load_manifest(path: Path) -> list[Pin]:
    """The manifest's `packages:` list; other keys (labels, notes) belong to the benchmark."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        Pin(
            name=str(item["name"]),
            version=str(item["version"]),
            filename=str(item["filename"]),
            url=str(item["url"]),
            sha256=str(item["sha256"]).lower(),
        )
        for item in data.get("packages", [])
    ]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download(pin: Pin, cache: Path = CACHE) -> Path:
    """The archive in the cache, downloaded if missing; raises if its hash is not the pin's."""
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / pin.filename
    if not target.exists() or sha256_of(target) != pin.sha256:
        partial = target.with_suffix(target.suffix + ".part")
        with urllib.request.urlopen(pin.url, timeout=120) as response, partial.open("wb") as out:
            while block := response.read(1 << 20):
                out.write(block)
        got = sha256_of(partial)
        if got != pin.sha256:
            partial.unlink()
            raise ValueError(f"{pin.filename}: sha256 {got} is not the pinned {pin.sha256}")
        partial.replace(target)
    return target


def _inside(root: Path, member: str) -> bool:
    resolved = (root / member).resolve()
    return resolved == root.resolve() or root.resolve() in resolved.parents


def unpack(archive: Path, dest: Path) -> Path:
    """Unpack a wheel, zip or tarball into `dest` (once); members that escape it are refused.

    The marker names the archive that filled the folder: a folder filled from another
    archive (the sdist where the manifest now pins the wheel) or left half-unpacked is
    emptied and filled again, so a benchmark never scans other files than the pin's.
    """
    marker = dest / ".unpacked"
    if marker.exists() and marker.read_text(encoding="utf-8") == archive.name:
        return dest
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True, exist_ok=True)
    if archive.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(archive) as zipped:
            for name in zipped.namelist():
                if not _inside(dest, name):
                    raise ValueError(f"{archive.name}: member {name!r} escapes the folder")
            zipped.extractall(dest)
    else:
        with tarfile.open(archive) as tarred:
            members = []
            for member in tarred.getmembers():
                if not _inside(dest, member.name) or member.issym() or member.islnk():
                    continue
                if member.isfile() or member.isdir():
                    members.append(member)
            tarred.extractall(dest, members=members, filter="data")
    marker.write_text(archive.name, encoding="utf-8")
    return dest


def fetch(manifest: Path, dest: Path, cache: Path = CACHE) -> dict[str, Path]:
    """Every package of the manifest unpacked under `dest`, by package name."""
    return {
        pin.name: unpack(download(pin, cache), dest / pin.unpack_dir)
        for pin in load_manifest(manifest)
    }


def pin_release(spec: str, sdist: bool = False) -> Pin:
    """The manifest entry for `name==version` from PyPI's JSON API."""
    name, _, version = spec.partition("==")
    if not version:
        raise ValueError(f"{spec}: give NAME==VERSION")
    # The project document lists every release (the per-version URL is not served everywhere).
    url = f"https://pypi.org/pypi/{name}/json"
    with urllib.request.urlopen(url, timeout=60) as response:
        files = json.load(response)["releases"].get(version, [])
    wanted = "sdist" if sdist else "bdist_wheel"
    chosen = [entry for entry in files if entry["packagetype"] == wanted]
    if not chosen and not sdist:
        chosen = [entry for entry in files if entry["packagetype"] == "sdist"]
    if not chosen:
        raise ValueError(f"{spec}: no {wanted} on PyPI")
    # Prefer a pure-Python wheel: it is the code every platform runs.
    chosen.sort(
        key=lambda entry: (not entry["filename"].endswith("-none-any.whl"), entry["filename"])
    )
    entry = chosen[0]
    # A mirror may answer with URLs relative to the document: pin the absolute one.
    absolute = urllib.parse.urljoin(url, entry["url"])
    return Pin(name, version, entry["filename"], absolute, entry["digests"]["sha256"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    fetching = commands.add_parser("fetch", help="download, check and unpack a manifest")
    fetching.add_argument("manifest", type=Path)
    fetching.add_argument("--dest", type=Path, default=CACHE / "unpacked")
    pinning = commands.add_parser("pin", help="print the manifest entry of NAME==VERSION")
    pinning.add_argument("spec", nargs="+")
    pinning.add_argument("--sdist", action="store_true")
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except (OSError, ValueError, KeyError) as error:  # URLError is an OSError
        print(f"corpus: {error}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    if args.command == "pin":
        for spec in args.spec:
            pin = pin_release(spec, sdist=args.sdist)
            entry = {
                "name": pin.name,
                "version": pin.version,
                "filename": pin.filename,
                "url": pin.url,
                "sha256": pin.sha256,
            }
            sys.stdout.write(yaml.safe_dump([entry], sort_keys=False, allow_unicode=True))
        return 0
    for name, folder in fetch(args.manifest, args.dest).items():
        print(f"{name}\t{folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
