"""QR codes for the office-wall posters: generated here, never fetched from a service."""

import io

import segno


def qr_png(url: str, *, scale: int = 12) -> bytes:
    """A PNG QR code of ``url`` with error correction level M and the standard quiet zone."""
    buffer = io.BytesIO()
    segno.make_qr(url, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
