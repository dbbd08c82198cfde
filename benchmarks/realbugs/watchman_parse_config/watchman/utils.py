import os
import re

ENTITY = re.compile(r"(sensor|light|switch)\.[a-z_0-9]+")


def get_next_file(folders, ignored_files):
    for folder in folders:
        for name in sorted(os.listdir(folder)):
            yield os.path.join(folder, name), name in (ignored_files or ())


def parse(hass, folders, ignored_files, root=None):
    entities = {}
    for yaml_file, ignored in get_next_file(folders, ignored_files):
        if ignored:
            continue
        for number, line in enumerate(open(yaml_file, encoding="utf-8")):
            for match in ENTITY.finditer(line):
                entities.setdefault(match.group(0), []).append((yaml_file, number + 1))
    return entities
