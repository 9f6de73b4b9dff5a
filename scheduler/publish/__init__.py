"""Publishing a roster: CSV tables, the Excel workbook, calendars and plain-text schedules."""
