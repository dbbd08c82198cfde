DOMAIN = "robonomics"
CONF_ADMIN_SEED = "admin_seed_secret"
CONF_SUB_OWNER_ADDRESS = "sub_owner_address"
