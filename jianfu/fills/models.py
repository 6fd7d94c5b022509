"""Models of jianfu.fills."""
