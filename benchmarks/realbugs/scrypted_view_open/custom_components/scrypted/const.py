DOMAIN = "scrypted"
