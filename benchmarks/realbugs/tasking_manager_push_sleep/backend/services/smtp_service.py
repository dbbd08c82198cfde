class SMTPService:
    @staticmethod
    async def send_email_alert(to_address: str, username: str, subject: str, body: str) -> bool:
        raise NotImplementedError
