"""Annotation tarball reader of a genomics search indexer (reproduction, see listener.py)."""


class _Chunks:
    def __init__(self, tar_path, chunk_size):
        self.tar_path = tar_path
        self.chunk_size = chunk_size

    def __iter__(self):
        return iter([])

    def get_header_fields(self):
        return ["chrom", "pos"]


def read_annotation_tarball(index_name, tar_path, boolean_map, delimiters, chunk_size):
    return _Chunks(tar_path, chunk_size)
