#!/usr/bin/env python3
"""Prints the SHA-256 the review page's content security policy allows:
the hash of `SCRIPT` in src/review/style.rs. Run it after changing the
script, and paste the value into CONTENT_SECURITY_POLICY (the browser
check, tests/browser.rs, fails while they disagree)."""
import base64
import hashlib
import pathlib
import re

source = pathlib.Path(__file__).parent.parent / "src/review/style.rs"
literal = re.search(r'SCRIPT: &str = "(.*?)";', source.read_text(), re.S).group(1)
script = literal.replace('\\"', '"').replace("\\\\", "\\")
print("sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode())
