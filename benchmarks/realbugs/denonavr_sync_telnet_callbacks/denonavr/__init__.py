"""Reproduction of denonavr#239: plain methods registered where async callbacks are awaited."""
