"""Static files collected with hashed names and precompressed for nginx.

`balai collectstatic` gives every static file a name carrying a hash of its content
(Django's ManifestStaticFilesStorage: ``app.3f2a9c81d0e4.js``), so nginx can let browsers
keep it for a year. This storage also writes, next to each hashed file of a compressible
type, ``NAME.gz`` (gzip) and ``NAME.br`` (Brotli), compressed once at their strongest
level; nginx sends them as they are to browsers that accept them (``gzip_static`` and
``brotli_static`` in deploy/nginx/balai-common.conf) instead of compressing on every
request, or not at all as for JavaScript before. Fonts in WOFF/WOFF2, images and archives
are compressed already and are left alone, as is any file whose compressed copy would not
be smaller.
"""

import gzip
import os
import shutil
from pathlib import Path

import brotli
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage

COMPRESSIBLE = frozenset({
    ".css", ".js", ".mjs", ".json", ".map", ".svg", ".txt", ".xml", ".html", ".ico",
    ".ttf", ".otf", ".eot", ".webmanifest",
})
ENCODERS = {
    ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0),
    ".br": lambda data: brotli.compress(data, quality=11),
}


class CompressedManifestStaticFilesStorage(ManifestStaticFilesStorage):
    def post_process(self, paths, dry_run=False, **options):
        yield from super().post_process(paths, dry_run=dry_run, **options)
        if dry_run:
            return
        # The final hashed names, once every reference inside CSS and JS is rewritten.
        for name in set(self.hashed_files.values()):
            if Path(name).suffix.lower() in COMPRESSIBLE:
                self.compress(name)

    def compress(self, name: str) -> None:
        """Write NAME.gz and NAME.br unless they are there already: a hashed name always
        holds the same content, and each copy is complete once it has its name."""
        source = Path(self.path(name))
        data = None
        for suffix, encode in ENCODERS.items():
            target = source.with_name(source.name + suffix)
            if target.exists():
                continue
            if data is None:
                data = source.read_bytes()
            compressed = encode(data)
            if len(compressed) >= len(data):
                continue
            partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            partial.write_bytes(compressed)
            shutil.copymode(source, partial)  # readable by nginx exactly as the file itself
            partial.replace(target)
