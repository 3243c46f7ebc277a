"""`balai check --deploy` has nothing to say about the production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "balai.settings.production",
           "SECRET_KEY": secrets.token_urlsafe(50), "BALAI_DATA_DIR": str(tmp_path),
           "BALAI_BASE_DOMAIN": "cilegon.example.go.id"}
    env.pop("DATABASE_URL", None)
    balai = str(Path(sys.executable).parent / "balai")
    result = subprocess.run(  # noqa: S603 - our own executable, fixed arguments
        [balai, "check", "--deploy", "--fail-level", "WARNING"], env=env,
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
