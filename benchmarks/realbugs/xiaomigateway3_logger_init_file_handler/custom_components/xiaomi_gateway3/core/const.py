DOMAIN = "xiaomi_gateway3"
