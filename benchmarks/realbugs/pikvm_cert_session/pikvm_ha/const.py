DOMAIN = "pikvm_ha"
