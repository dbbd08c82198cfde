import json


class Geocoder:
    def load_regions(self):
        with open("regions.json") as handle:
            return json.load(handle)

    async def async_update(self):
        self.regions = self.load_regions()  # bug
