"""Unified document parser of the knowledge base: any supported file to Markdown.

Reproduction of the shape fixed in https://github.com/xerrors/Yuxi/pull/815 (commit
1bce0e3f0307b4e7fe1109f3d3579336a2f285b5, "fix: avoid asynchronous document parsing blocking the
event loop"): the coroutine _process_file_to_markdown_core (the async entry used by the knowledge
base's background tasks and by chat attachments) calls the module's plain converters inline:
_convert_with_docling (a lazily built, module-global docling DocumentConverter's convert()) for
DOCX, PPTX and XLSX, the python-docx fallback, and pandas read_csv plus a per-row to_markdown for
CSV, so a small DOCX already stalls the FastAPI loop. The fix ran each in asyncio.to_thread (and
locked the shared converter); the five lines are marked.
"""
from pathlib import Path

from docling.document_converter import DocumentConverter
from loguru import logger

_docling_converter: DocumentConverter | None = None


def _get_docling_converter() -> DocumentConverter:
    global _docling_converter
    if _docling_converter is None:
        _docling_converter = DocumentConverter()
    return _docling_converter


def _convert_with_docling(file_path: Path, params: dict | None = None) -> str:
    converter = _get_docling_converter()
    result = converter.convert(file_path)
    if result.status.name != "SUCCESS":
        raise RuntimeError(f"Docling conversion failed: {result.status}")
    return result.document.export_to_markdown()


def _convert_docx_with_python_docx(file_path: Path) -> str:
    from docx import Document

    document = Document(str(file_path))
    return "\n\n".join(paragraph.text for paragraph in document.paragraphs if paragraph.text).strip()


async def _process_file_to_markdown_core(file_path: str | Path, params: dict | None = None) -> str:
    file_path_obj = Path(file_path)
    file_ext = file_path_obj.suffix.lower()

    if file_ext == ".docx":
        try:
            result = _convert_with_docling(file_path_obj, params=params)  # bug
        except Exception as e:  # noqa: BLE001
            logger.warning(f"Docling failed on DOCX, falling back to python-docx: {file_path_obj.name}, {e}")
            result = _convert_docx_with_python_docx(file_path_obj)  # bug

    elif file_ext == ".pptx":
        result = _convert_with_docling(file_path_obj, params=params)  # bug

    elif file_ext == ".csv":
        import pandas as pd

        df = pd.read_csv(file_path_obj)  # bug
        markdown_content = ""
        for _, row in df.iterrows():
            row_df = pd.DataFrame([row], columns=df.columns)
            markdown_content += f"{row_df.to_markdown(index=False)}\n\n"
        result = markdown_content.strip()

    elif file_ext in [".xls", ".xlsx"]:
        result = _convert_with_docling(file_path_obj, params=params)  # bug

    else:
        raise ValueError(f"Unsupported file type: {file_ext}")

    return result


async def process_file_to_markdown(file_path: str | Path, params: dict | None = None) -> str:
    logger.info(f"Parsing {file_path}")
    return await _process_file_to_markdown_core(file_path, params)
