DOMAIN = "aula"
CONF_SCHOOLSCHEDULE = "schoolschedule"
