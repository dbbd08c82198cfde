DOMAIN = "e3dc_rscp"
