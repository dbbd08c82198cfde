APP_NAME = "Robot Framework Webservice"
LOGS = "logs"
