from .easee import Easee
