"""What the test suites share: reading replies the way the contract and make eval do."""
from safechat.cards import usable  # noqa: F401
from tools.evaluate import customs as custom  # noqa: F401
