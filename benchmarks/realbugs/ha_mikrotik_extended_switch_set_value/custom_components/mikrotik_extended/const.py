DOMAIN = "mikrotik_extended"
