from additional_ca.utils import collect_certificates


async def async_setup(hass, config):
    found = collect_certificates("/usr/local/share/ca-certificates")  # bug
    return bool(found)
