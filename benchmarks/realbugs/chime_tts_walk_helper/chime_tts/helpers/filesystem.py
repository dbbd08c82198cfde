import os


class FilesystemHelper:
    def file_exists_in_directory(self, file_path, directory):
        for _root, _dirs, files in os.walk(directory):
            for name in files:
                if file_path.endswith(name):
                    return True
        return False
