class PyViCareNotSupportedFeatureError(Exception):
    pass
