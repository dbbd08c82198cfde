DOMAIN = "hailolibero"
