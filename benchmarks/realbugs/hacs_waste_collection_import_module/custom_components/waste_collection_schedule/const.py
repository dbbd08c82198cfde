DOMAIN = "waste_collection_schedule"
CONF_SOURCE_NAME = "name"
CONF_SOURCE_ARGS = "args"
CONF_SOURCE_CALENDAR_TITLE = "calendar_title"
