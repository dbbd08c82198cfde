"""Format registry: each dataset format knows how to read and write itself."""

from pathlib import Path

import pandas as pd


class CsvFormat:
    extensions = (".csv",)

    def read(self, path: Path) -> pd.DataFrame:
        return pd.read_csv(path)

    def write(self, df: pd.DataFrame, path: Path) -> None:
        df.to_csv(path, index=False)


class ExcelFormat:
    extensions = (".xlsx",)

    def read(self, path: Path) -> pd.DataFrame:
        return pd.read_excel(path)

    def write(self, df: pd.DataFrame, path: Path) -> None:
        df.to_excel(path, index=False)


class ParquetFormat:
    extensions = (".parquet",)

    def read(self, path: Path) -> pd.DataFrame:
        return pd.read_parquet(path)

    def write(self, df: pd.DataFrame, path: Path) -> None:
        df.to_parquet(path)


_REGISTRY = {ext: fmt for fmt in (CsvFormat(), ExcelFormat(), ParquetFormat()) for ext in fmt.extensions}


def get_format(path: Path):
    return _REGISTRY[Path(path).suffix.lower()]
