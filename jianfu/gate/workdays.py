"""Working days for the gate's 15-working-day approval deadline (the calendar of jianfu.workdays:
administrator-maintained; a year nobody entered counts Monday–Friday and deadline_warning says so)."""

from jianfu.workdays.selectors import add_working_days, deadline_warning, is_working_day

__all__ = ["add_working_days", "deadline_warning", "is_working_day"]
