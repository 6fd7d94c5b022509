"""Models of jianfu.certificates."""
