"""osparc-simcore's service library (reproduction, see archiving_utils.py)."""
