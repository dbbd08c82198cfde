import os


def collect_certificates(folder):
    names = []
    for filename in os.listdir(folder):
        if filename.endswith(".crt"):
            names.append(filename)
    return names
