"""Config flow (reproduction, see zonneplan_api/api.py)."""
from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN


class ZonneplanLoginFlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN):
    DOMAIN = DOMAIN
