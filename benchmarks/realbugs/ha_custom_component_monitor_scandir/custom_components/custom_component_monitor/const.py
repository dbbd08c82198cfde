DOMAIN = "custom_component_monitor"
