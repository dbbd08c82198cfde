class FileRecognizer:
    def __init__(self, dejavu):
        self.dejavu = dejavu

    def recognize(self, filename):
        return {"file": filename}
