"""jianfu (减负): software that takes paperwork off China's urban communities."""

__version__ = "0.1.0"
