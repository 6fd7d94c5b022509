"""Models of jianfu.workdays."""
