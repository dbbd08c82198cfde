"""Tile generation chain package (reproduction, see server.py)."""


class IntersectGeometryFilter:
    def filter_tilecoord(self, config, tilecoord, layer_name, grid_name, host=None) -> bool:
        return True
