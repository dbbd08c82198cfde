class DockerError(Exception):
    def __init__(self, status, data, *args):
        super().__init__(*args)
        self.status = status
        self.message = data["message"]
