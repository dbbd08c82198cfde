CONF_HOMATICIP = "homaticip"
