"""Models of jianfu.gate."""
