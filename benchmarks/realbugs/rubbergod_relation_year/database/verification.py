class ValidPersonDB:
    def __init__(self, login: str, year: str | None) -> None:
        self.login = login
        self.year = year

    @staticmethod
    def get_user_by_login(login: str) -> "ValidPersonDB | None":
        return None
